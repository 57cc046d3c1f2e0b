// A 64-bit digest of everything a run returns, for bit-identity checks and golden values.
#pragma once

#include <cstdint>
#include <cstring>

#include "meantime/meantime.hpp"

namespace meantime::testing {

class Digest {
 public:
  void bytes(const void* data, std::size_t size) {
    const auto* b = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      hash_ ^= b[i];
      hash_ *= 1099511628211ULL;
    }
  }
  template <class T>
  void value(T x) {
    bytes(&x, sizeof x);
  }
  std::uint64_t get() const { return hash_; }

 private:
  std::uint64_t hash_ = 1469598103934665603ULL;
};

// The columns before the group offers added their outcomes (at the end of each list): goldens
// pinned before then digest only these, so that they show the old outputs did not move.
inline constexpr int kSeriesBeforeGroups = 11;
inline constexpr int kTotalsBeforeGroups = 11;
inline constexpr int kOutcomeColumnsBeforeGroups = 19;
// The same for the routes' outcome (self_funders_served), appended after the groups'.
inline constexpr int kTotalsBeforeRoutes = 19;
inline constexpr int kOutcomeColumnsBeforeRoutes = 27;

// Every series and total by default, or the first `series_count` and `total_count` of them.
inline std::uint64_t digest(const Statistics& s, int series_count = kSeriesCount, int total_count = kTotalCount) {
  Digest d;
  d.value(s.paths());
  for (int month = 1; month <= s.months(); ++month) {
    for (int i = 0; i < series_count; ++i) {
      const auto series = static_cast<Series>(i);
      d.value(s.mean(series, month));
      for (double q : {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95}) d.value(s.quantile(series, month, q));
    }
    d.value(s.survival(month));
    d.value(s.operating_break_even_by(month));
    d.value(s.living_break_even_by(month));
  }
  for (int c = 0; c < kFailureCauseCount; ++c) d.value(s.failures(static_cast<FailureCause>(c)).reached_by(s.months()));
  d.value(s.lowest_cash().sum.mean());
  d.value(s.lowest_cash().sum.variance());
  for (double q : {0.05, 0.1, 0.5}) d.value(s.lowest_cash().histogram.quantile(q, false));
  for (int t = 0; t < total_count; ++t) d.value(s.total(static_cast<Total>(t)).mean());
  return d.get();
}

// Every column by default, or the first `columns` of them.
inline std::uint64_t digest(const PathOutcomes& o, int columns = 1 << 30) {
  Digest d;
  int seen = 0;
  PathOutcomes::for_each_column(o, [&](const char* name, const auto& column) {
    if (seen++ >= columns) return;
    d.bytes(name, std::strlen(name));
    d.bytes(column.data(), static_cast<std::size_t>(column.size()) * sizeof(column[0]));
  });
  return d.get();
}

}  // namespace meantime::testing
