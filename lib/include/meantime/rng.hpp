// Counter-based randomness. A generator is a pure function of (key, counter) (Random123's
// Philox4x64-10), so any path's numbers can be recomputed anywhere, in any order:
//   key     = (seed, path index)
//   counter = (month, slot, block, stream)
// `stream` is the identity of whoever draws: 0 for a single-provider scenario (run.stream),
// each provider's own identity in a town, and a reserved value for the town's shared draws.
// Month 0 holds the per-path parameter draws; months 1..T the monthly draws. Each kind of draw
// has its own slot, so a rejection sampler that takes extra uniforms for one draw never shifts
// another draw, and two scenarios run with one seed share their numbers path by path.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>

namespace meantime {

struct PathKey {
  std::uint64_t seed;
  std::uint64_t path;
  std::uint64_t stream = 0;  // the counter's fourth word: whose numbers these are
};

// The town's own draws (its shared market) take this stream, which no provider may use.
inline constexpr std::uint64_t kTownStream = 0xFFFF'FFFF'FFFF'FFFFULL;

using Philox = r123::Philox4x64;

// (0, 1) from the top 52 bits, centred in their interval: never exactly 0 or 1 (with 53 bits
// the largest value would round up to 1), so logs and inverse CDFs are always safe.
inline double to_open_unit(std::uint64_t bits) { return (static_cast<double>(bits >> 12) + 0.5) * 0x1.0p-52; }

inline Philox::ctr_type philox_block(PathKey key, std::uint64_t month, std::uint64_t slot, std::uint64_t block) {
  Philox::ctr_type ctr = {{month, slot, block, key.stream}};
  Philox::key_type k = {{key.seed, key.path}};
  return Philox()(ctr, k);
}

// An unbounded stream of uniforms for one (key, month, slot). It is also a
// UniformRandomBitGenerator, so Boost.Random or <random> distributions can run on it.
class UniformStream {
 public:
  using result_type = std::uint64_t;
  UniformStream(PathKey key, std::uint64_t month, std::uint64_t slot) : key_(key), month_(month), slot_(slot) {}

  result_type operator()() {
    if (used_ == 4) {
      buffer_ = philox_block(key_, month_, slot_, block_++);
      used_ = 0;
    }
    return buffer_.v[used_++];
  }
  double next() { return to_open_unit((*this)()); }
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

 private:
  PathKey key_;
  std::uint64_t month_;
  std::uint64_t slot_;
  std::uint64_t block_ = 0;
  Philox::ctr_type buffer_{};
  unsigned used_ = 4;
};

// The uniforms of one path-month, cheaply: draw d takes its first uniform from a block shared
// by four draws (slot 0, one Philox call per four draws) and any further uniforms from its own
// slot 1 + d. Inversion samplers need one uniform, so a month usually costs one Philox call per
// block of four draws it uses.
class MonthUniforms {
 public:
  MonthUniforms(PathKey key, std::uint64_t month) : key_(key), month_(month) {}

  // The uniforms for draw `d` (0-based), as a source with next().
  class Source {
   public:
    Source(MonthUniforms& owner, unsigned draw) : owner_(owner), draw_(draw) {}
    double next() {
      if (!first_used_) {
        first_used_ = true;
        return owner_.first_uniform(draw_);
      }
      return next_extra();
    }

   private:
    // Out of line, so that the common case above inlines into the samplers.
    [[gnu::noinline]] double next_extra() {
      if (!extra_) extra_.emplace(owner_.key_, owner_.month_, 1 + draw_);
      return extra_->next();
    }

    MonthUniforms& owner_;
    unsigned draw_;
    bool first_used_ = false;
    std::optional<UniformStream> extra_;
  };

  Source draw(unsigned d) { return Source(*this, d); }

  double first_uniform(unsigned d) {
    const unsigned block = d / 4;
    if (block >= kKeptBlocks) return to_open_unit(philox_block(key_, month_, 0, block).v[d % 4]);
    if (!(kept_ & (std::uint32_t{1} << block))) compute(block);
    return to_open_unit(blocks_[block].v[d % 4]);
  }

  // Draws 0 .. kKeptDraws - 1 each compute their block once a month; any further draw, every time.
  static constexpr unsigned kKeptBlocks = 32;
  static constexpr unsigned kKeptDraws = 4 * kKeptBlocks;

 private:
  // Every block computed is kept: the step's draws come in model order (renewal, illness,
  // arrivals, routes, ..., leavers), which goes back and forth between blocks.
  [[gnu::noinline]] void compute(unsigned block) {
    blocks_[block] = philox_block(key_, month_, 0, block);
    kept_ |= std::uint32_t{1} << block;
  }

  PathKey key_;
  std::uint64_t month_;
  std::uint32_t kept_ = 0;  // bit b: blocks_[b] is computed
  std::array<Philox::ctr_type, kKeptBlocks> blocks_;
};

}  // namespace meantime
