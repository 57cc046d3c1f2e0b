// Routes to buying: which route each client came by, for the channel their money comes
// through. Counts by route move with the totals the month's draws give (admissions, leavers,
// review cuts, give-ups), split in proportion to the counts they come from.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

#include "meantime/scenario.hpp"

namespace meantime {

inline constexpr int kRouteCount = 5;
using RouteCounts = std::array<std::int64_t, kRouteCount>;

inline std::array<const Route*, kRouteCount> route_list(const Routes& r) {
  return {&r.direct_payment, &r.health_budget, &r.service_fund, &r.council_managed, &r.self_funded};
}
inline constexpr std::size_t kCouncilManaged = 3;
inline constexpr std::size_t kSelfFunded = 4;

inline std::int64_t sum(const RouteCounts& c) {
  std::int64_t total = 0;
  for (std::int64_t x : c) total += x;
  return total;
}

// `total` (at most the sum of `weights`, or any total when `whole` is false) split in proportion
// to `weights` by largest remainders (ties to the earlier route): unbiased to within one, with
// no draw. Each part is at most its weight when total <= sum(weights).
inline RouteCounts split_in_proportion(std::int64_t total, const std::array<double, kRouteCount>& weights) {
  RouteCounts part{};
  double mass = 0.0;
  for (double w : weights) mass += w;
  if (total <= 0 || !(mass > 0)) return part;
  std::array<double, kRouteCount> remainder{};
  std::int64_t given = 0;
  for (int r = 0; r < kRouteCount; ++r) {
    const double exact = static_cast<double>(total) * weights[r] / mass;
    // floor: a truncation, as exact >= 0 (weights are counts or shares), without libm's call.
    part[r] = static_cast<std::int64_t>(exact >= 0.0 ? exact : std::floor(exact));
    remainder[r] = exact - static_cast<double>(part[r]);
    given += part[r];
  }
  for (; given < total; ++given) {
    int best = 0;
    for (int r = 1; r < kRouteCount; ++r) {
      if (remainder[r] > remainder[best]) best = r;
    }
    ++part[best];
    remainder[best] = -1.0;
  }
  return part;
}

// Take `total` from `counts` in proportion to them; returns what was taken from each.
inline RouteCounts take_in_proportion(RouteCounts& counts, std::int64_t total) {
  if (total <= 0) return {};  // what the split gives (most months' leavers and give-ups by route)
  std::array<double, kRouteCount> weights{};
  for (int r = 0; r < kRouteCount; ++r) weights[r] = static_cast<double>(counts[r]);
  RouteCounts taken = split_in_proportion(total, weights);
  for (int r = 0; r < kRouteCount; ++r) counts[r] -= taken[r];
  return taken;
}

inline void add(RouteCounts& to, const RouteCounts& from) {
  for (int r = 0; r < kRouteCount; ++r) to[r] += from[r];
}

}  // namespace meantime
