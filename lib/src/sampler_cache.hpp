// Sampler constants kept from one draw to the next, one cache per worker thread. The same
// Poisson means come back month after month (active clients x plan x what council cuts left),
// and working out PTRS's constants (a square root, two logs, three divisions) costs as much as
// the draw itself. A kept copy has the same bits as a fresh one, so results do not change.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

#include "meantime/samplers.hpp"

namespace meantime {

class SamplerCache {
 public:
  // PoissonConstants(mean), from the cache when this mean was seen before.
  const PoissonConstants& poisson(double mean) {
    std::uint64_t bits;
    std::memcpy(&bits, &mean, sizeof bits);
    // Direct-mapped on a multiplicative hash of the bits: a clash only costs a recomputation.
    PoissonEntry& entry = poisson_[(bits * 0x9E3779B97F4A7C15ULL) >> (64 - kPoissonBits)];
    if (entry.mean_bits != bits) {
      entry.constants = PoissonConstants(mean);
      entry.mean_bits = bits;
    }
    return entry.constants;
  }

 private:
  static constexpr unsigned kPoissonBits = 6;  // 64 means: more than a path's clients take
  struct PoissonEntry {
    std::uint64_t mean_bits = ~0ULL;  // a NaN: never a mean that is drawn from
    PoissonConstants constants{1.0};
  };
  std::array<PoissonEntry, std::size_t{1} << kPoissonBits> poisson_;
};

}  // namespace meantime
