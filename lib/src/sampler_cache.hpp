// Sampler constants kept from one draw to the next, one cache per worker thread. The same
// Poisson means come back month after month (active clients x plan x what council cuts left),
// and working out a mean's constants (e^-mean; PTRS's square root, logs and divisions) or its
// cdf costs more than a draw. A kept copy has the same bits as a fresh one, so results do not
// change.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

#include "meantime/samplers.hpp"

namespace meantime {

class SamplerCache {
 public:
  struct Poisson {
    const PoissonConstants& constants;
    const PoissonCdf* cdf;  // null until the mean has come back once
  };
  // PoissonConstants(mean), and the mean's cdf for inversion, from the cache when this mean was
  // seen before. The cdf is worked out the second time a mean is asked for, so that a run
  // whose means never repeat (a referral rate drawn per path) does not pay for tables it uses once.
  Poisson poisson(double mean) {
    std::uint64_t bits;
    std::memcpy(&bits, &mean, sizeof bits);
    // Two ways a set, on a hash of all the bits (whole-number means have no low bits to tell them
    // apart). A clash only costs a recomputation; two ways stop two means that clash from
    // evicting each other path after path.
    std::uint64_t h = (bits ^ (bits >> 32)) * 0x9E3779B97F4A7C15ULL;
    PoissonEntry* set = &poisson_[2 * (h >> (64 - kPoissonSetBits))];
    PoissonEntry* entry;
    if (set[0].mean_bits == bits) {
      entry = &set[0];
    } else if (set[1].mean_bits == bits) {
      entry = &set[1];
    } else {
      entry = &set[set[0].last_use < set[1].last_use ? 0 : 1];
      entry->constants = PoissonConstants(mean);
      entry->mean_bits = bits;
      entry->cdf_built = false;
      entry->last_use = ++uses_;
      return {entry->constants, nullptr};
    }
    entry->last_use = ++uses_;
    if (!entry->constants.inversion) return {entry->constants, nullptr};
    if (!entry->cdf_built) {
      entry->cdf.build(entry->constants);
      entry->cdf_built = true;
    }
    return {entry->constants, &entry->cdf};
  }

 private:
  static constexpr unsigned kPoissonSetBits = 8;  // 256 sets of 2: more means than a block of paths takes
  struct PoissonEntry {
    std::uint64_t mean_bits = ~0ULL;  // a NaN: never a mean that is drawn from
    PoissonConstants constants{1.0};
    std::uint64_t last_use = 0;
    bool cdf_built = false;  // cdf is worked out for this mean
    PoissonCdf cdf;
  };
  std::array<PoissonEntry, std::size_t{2} << kPoissonSetBits> poisson_;
  std::uint64_t uses_ = 0;
};

}  // namespace meantime
