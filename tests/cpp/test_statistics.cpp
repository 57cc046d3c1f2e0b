// Streaming statistics: exact merges in any order, and quantiles within the stated accuracy.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "meantime/statistics.hpp"

namespace meantime {
namespace {

std::vector<double> sample_values(int n, unsigned seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> money(500.0, 2000.0);
  std::vector<double> values(static_cast<std::size_t>(n));
  for (auto& v : values) v = money(engine);
  values[3] = 0.0;
  values[7] = -0.0;
  values[11] = 1e-5;  // below the zero threshold
  return values;
}

TEST(ExactSum, MergesExactlyInAnyOrder) {
  const auto values = sample_values(10000, 1);
  ExactSum one_pass;
  for (double v : values) one_pass.add(v);
  for (std::size_t cut : {1u, 777u, 5000u, 9999u}) {
    ExactSum left, right;
    for (std::size_t i = 0; i < values.size(); ++i) (i < cut ? left : right).add(values[i]);
    ExactSum forwards = left, backwards = right;
    forwards.merge(right);
    backwards.merge(left);
    EXPECT_TRUE(forwards == one_pass);
    EXPECT_TRUE(backwards == one_pass);
    EXPECT_EQ(forwards.mean(), one_pass.mean());
    EXPECT_EQ(backwards.variance(), one_pass.variance());
  }
}

TEST(ExactSum, MeanAndVarianceAreRight) {
  ExactSum s;
  for (double v : {1.0, 2.0, 3.0, 4.0}) s.add(v);
  EXPECT_DOUBLE_EQ(s.mean(), 2.5);
  EXPECT_DOUBLE_EQ(s.variance(), 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.sum(), 10.0);
  EXPECT_TRUE(std::isnan(ExactSum().mean()));
}

// Runs of small values add in 64-bit registers, runs with a large one in 128 bits: both must be
// the sum of the rounded fixed-point values, worked out here independently.
// Runs of small values add in 64-bit registers (two at a time on x86-64), runs with a large one
// in 128 bits, and a single value on its own: all must be the sum of the rounded fixed-point
// values, worked out here independently. Odd lengths leave a last value to the scalar step.
TEST(ExactSum, SmallAndLargeRunsGiveTheExactSums) {
  std::vector<double> all = sample_values(1000, 9);
  all[200] = 3.0e9;  // above 2^23: its run of 128 takes the 128-bit loop
  all[201] = -8.0e11;
  all[900] = 0x1.0p23;  // exactly the limit
  all[901] = -0x1.0p23 + 0.5;
  all[902] = 2.5 / 65536.0;  // ties round to even, as cvtsd2si does
  all[903] = -3.5 / 16.0;
  for (std::size_t size : {std::size_t{1000}, std::size_t{999}, std::size_t{129}, std::size_t{3}, std::size_t{1}}) {
    SCOPED_TRACE(size);
    const std::vector<double> values(all.end() - static_cast<std::ptrdiff_t>(size), all.end());
    __int128 fine = 0, coarse = 0, squares = 0;
    for (double x : values) {
      fine += std::llrint(x * 65536.0);
      const long long c = std::llrint(x * 16.0);
      coarse += c;
      squares += static_cast<__int128>(c) * c;
    }
    ExactSum in_one_call;
    in_one_call.add(values.data(), values.size());
    ExactSum one_by_one;
    for (double x : values) one_by_one.add(x);
    const auto n = static_cast<long double>(values.size());
    const long double mean = static_cast<long double>(fine) / 65536.0L / n;
    const long double coarse_mean = static_cast<long double>(coarse) / n;
    const long double variance =
        (static_cast<long double>(squares) - n * coarse_mean * coarse_mean) / (n - 1.0L) / 256.0L;
    for (const ExactSum* sum : {&in_one_call, &one_by_one}) {
      EXPECT_EQ(sum->mean(), static_cast<double>(mean));
      if (values.size() > 1) {
        EXPECT_EQ(sum->variance(), static_cast<double>(variance));
      }
    }
    EXPECT_TRUE(in_one_call == one_by_one);
  }
}

TEST(LogHistogram, BinsAreOrderedAndBounded) {
  EXPECT_EQ(LogHistogram::bin_of(0.0), 0);
  EXPECT_EQ(LogHistogram::bin_of(1e-4), 0);
  for (double x : {0.01, 1.0, 3.0, 100.5, 12345.6, 1e9}) {
    for (double v : {x, -x}) {
      const auto bin = LogHistogram::bin_of(v);
      EXPECT_LE(LogHistogram::bin_low(bin), v) << v;
      EXPECT_GE(LogHistogram::bin_high(bin), v) << v;
      // 64 bins per doubling: a bin is at most 1/64 of its lower edge wide.
      EXPECT_LE(std::fabs(LogHistogram::bin_high(bin) - LogHistogram::bin_low(bin)), std::fabs(v) / 64 + 1e-12);
    }
  }
  EXPECT_LT(LogHistogram::bin_of(-5.0), LogHistogram::bin_of(-4.0));
  EXPECT_LT(LogHistogram::bin_of(-0.5), LogHistogram::bin_of(0.0));
  EXPECT_LT(LogHistogram::bin_of(4.0), LogHistogram::bin_of(5.0));
}

TEST(LogHistogram, QuantilesWithinHalfABin) {
  auto values = sample_values(20001, 2);
  LogHistogram h;
  for (double v : values) h.add(v);
  std::sort(values.begin(), values.end());
  for (double q : {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * values.size())) - 1;
    const double exact = values[rank];
    EXPECT_NEAR(h.quantile(q, false), exact, std::fabs(exact) / 128 + LogHistogram::kZeroBelow) << q;
  }
  EXPECT_EQ(h.quantile(0.0, false), values.front());
  EXPECT_EQ(h.quantile(1.0, false), values.back());
}

TEST(LogHistogram, WholeNumbersAreExactBelow128) {
  LogHistogram h;
  std::vector<double> values;
  for (int i = 0; i < 1000; ++i) values.push_back(static_cast<double>((i * 37) % 127) - 20);
  for (double v : values) h.add(v);
  std::sort(values.begin(), values.end());
  for (double q : {0.01, 0.1, 0.33, 0.5, 0.8, 0.99}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * values.size())) - 1;
    EXPECT_EQ(h.quantile(q, true), values[rank]) << q;
  }
}

TEST(LogHistogram, MergesExactlyInAnyOrder) {
  const auto values = sample_values(5000, 3);
  LogHistogram one_pass;
  for (double v : values) one_pass.add(v);
  LogHistogram a, b, c;
  for (std::size_t i = 0; i < values.size(); ++i) (i % 3 == 0 ? a : i % 3 == 1 ? b : c).add(values[i]);
  LogHistogram abc = a, cba = c;
  abc.merge(b);
  abc.merge(c);
  cba.merge(b);
  cba.merge(a);
  EXPECT_TRUE(abc == one_pass);
  EXPECT_TRUE(cba == one_pass);
  for (double q : {0.1, 0.5, 0.9}) EXPECT_EQ(abc.quantile(q, false), one_pass.quantile(q, false));
}

TEST(CountHistogram, CountsReachedByMonth) {
  CountHistogram h(12);
  for (int m : {-1, 1, 3, 3, 12, -1}) h.add(m);
  EXPECT_EQ(h.never(), 2u);
  EXPECT_EQ(h.reached_by(2), 1u);
  EXPECT_EQ(h.reached_by(3), 3u);
  EXPECT_EQ(h.reached_by(12), 4u);
  EXPECT_EQ(h.total(), 6u);
}

}  // namespace
}  // namespace meantime
