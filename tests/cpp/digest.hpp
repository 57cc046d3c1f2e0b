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

inline std::uint64_t digest(const Statistics& s) {
  Digest d;
  d.value(s.paths());
  for (int month = 1; month <= s.months(); ++month) {
    for (int i = 0; i < kSeriesCount; ++i) {
      const auto series = static_cast<Series>(i);
      d.value(s.mean(series, month));
      for (double q : {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95}) d.value(s.quantile(series, month, q));
    }
    d.value(s.survival(month));
    d.value(s.operating_break_even_by(month));
    d.value(s.living_break_even_by(month));
  }
  d.value(s.lowest_cash().sum.mean());
  d.value(s.lowest_cash().histogram.quantile(0.1, false));
  d.value(s.clients_served().mean());
  d.value(s.lost_to_price().mean());
  d.value(s.lost_to_capacity().mean());
  return d.get();
}

inline std::uint64_t digest(const PathOutcomes& o) {
  Digest d;
  for (Eigen::Index i = 0; i < o.size(); ++i) {
    const PathOutcome p = o.get(i);
    d.value(p.failure_month);
    d.value(p.operating_break_even_month);
    d.value(p.living_break_even_month);
    d.value(p.payback_month);
    d.value(p.lowest_cash);
    d.value(p.lowest_cash_month);
    d.value(p.clients_served);
    d.value(p.sessions_delivered);
    d.value(p.lost_to_price);
    d.value(p.lost_to_capacity);
    d.value(p.drawings);
  }
  return d.get();
}

}  // namespace meantime::testing
