// The engine adds a month's values a block of paths at a time (series by series, a column that
// is one value throughout in one step). Those adds must give exactly what adding the values one
// at a time gives: the same sums, bins, count, and the same min and max bits.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "meantime/result.hpp"
#include "meantime/statistics.hpp"

namespace meantime {
namespace {

std::vector<double> spread_values(int n, unsigned seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> money(0.0, 3000.0);
  std::vector<double> values(static_cast<std::size_t>(n));
  for (auto& v : values) v = money(engine);
  // Zeros of both signs (min and max keep whichever came first), values below the zero bin's
  // threshold, and a late value far outside the range seen so far (the bins grow down and up).
  values[2] = 0.0;
  values[5] = -0.0;
  values[9] = 1e-5;
  values[values.size() - 3] = -4.0e8;
  values[values.size() - 2] = 7.5e8;
  return values;
}

// What adding the values one at a time means, written out independently of the library: the
// fixed-point sums (2^-16 and 2^-4, rounded to nearest even), and min and max folded in order.
struct Reference {
  __int128 sum = 0, coarse_sum = 0, coarse_squares = 0;
  std::uint64_t count = 0;
  double min = 0, max = 0;
  void add(double x) {
    sum += std::llrint(x * 65536.0);
    const std::int64_t coarse = std::llrint(x * 16.0);
    coarse_sum += coarse;
    coarse_squares += static_cast<__int128>(coarse) * coarse;
    min = count == 0 ? x : std::min(min, x);
    max = count == 0 ? x : std::max(max, x);
    ++count;
  }
  double mean() const { return static_cast<double>(static_cast<long double>(sum) / 65536.0L / count); }
  double variance() const {
    const long double n = static_cast<long double>(count);
    const long double m = static_cast<long double>(coarse_sum) / n;
    const long double squares = static_cast<long double>(coarse_squares) - n * m * m;
    return static_cast<double>(std::max(0.0L, squares) / (n - 1.0L) / 256.0L);
  }
};

void expect_same(const Distributional& blocks, const Distributional& singles, const Reference& reference) {
  EXPECT_TRUE(blocks == singles);
  EXPECT_EQ(blocks.sum.count(), reference.count);
  EXPECT_EQ(blocks.histogram.count(), reference.count);
  EXPECT_EQ(blocks.sum.mean(), reference.mean());
  if (reference.count > 1) {
    EXPECT_EQ(blocks.sum.variance(), reference.variance());
  }
  EXPECT_EQ(blocks.histogram.min(), reference.min);
  EXPECT_EQ(blocks.histogram.max(), reference.max);
  EXPECT_EQ(std::signbit(blocks.histogram.min()), std::signbit(reference.min));
  EXPECT_EQ(std::signbit(blocks.histogram.max()), std::signbit(reference.max));
  for (double q : {0.01, 0.25, 0.5, 0.9}) {
    EXPECT_EQ(blocks.histogram.quantile(q, false), singles.histogram.quantile(q, false));
  }
}

TEST(StatisticsBlocks, AColumnAtATimeEqualsOneValueAtATime) {
  const auto values = spread_values(1000, 3);
  for (std::size_t block : {1u, 7u, 256u, 300u, 1000u}) {
    SCOPED_TRACE(block);
    Distributional blocks, singles;
    Reference reference;
    for (std::size_t start = 0; start < values.size(); start += block) {
      const std::size_t n = std::min(block, values.size() - start);
      blocks.add(values.data() + start, n);
      for (std::size_t i = start; i < start + n; ++i) {
        singles.add(values[i]);
        reference.add(values[i]);
      }
    }
    expect_same(blocks, singles, reference);
  }
}

TEST(StatisticsBlocks, ZerosOfEitherSignKeepTheFirstOneSeen) {
  const std::vector<std::vector<double>> columns = {{0.0, -0.0}, {-0.0, 0.0}, {5.0, 0.0, -0.0}, {-5.0, -0.0, 0.0}};
  for (const std::vector<double>& column : columns) {
    Distributional blocks, singles;
    Reference reference;
    blocks.add(column.data(), column.size());
    for (double v : column) {
      singles.add(v);
      reference.add(v);
    }
    expect_same(blocks, singles, reference);
  }
}

// Values are folded two at a time, a lane each: a minimum or maximum that is a zero of one sign
// in one lane and of the other in the other must still be the first zero seen, and a NaN
// anywhere must count as one at a time does.
TEST(StatisticsBlocks, ZerosInBothLanesAndNaNsFoldAsOneAtATime) {
  const double nan = std::nan("");
  const std::vector<std::vector<double>> columns = {
      {3.0, -0.0, 0.0, 4.0, 5.0, 6.0}, {3.0, 0.0, -0.0, 4.0, 5.0}, {-3.0, 0.0, -0.0, -4.0},
      {-3.0, -0.0, 0.0, -4.0, -1.0},   {0.0, 0.0, 2.0, 0.0, 1.0},  {1.0, nan, 2.0, 3.0},
      {nan, 1.0, 2.0, 3.0, 4.0},       {1.0, 2.0, 3.0, 4.0, nan},  {1e-5, -1e-5, 7.0, -7.0, 1e9, -1e9}};
  // Histograms only: the exact sums take no NaN (two of them would overflow the squares' sum).
  auto bits = [](double x) {
    std::uint64_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
  };
  for (const std::vector<double>& column : columns) {
    LogHistogram blocks, singles;
    double min = column[0], max = column[0];  // folded in arrival order, as std::min and std::max do
    blocks.add(column.data(), column.size());
    blocks.add(column.data(), column.size());  // and again, onto what the first add left
    for (int twice = 0; twice < 2; ++twice) {
      for (double v : column) {
        singles.add(v);
        min = std::min(min, v);
        max = std::max(max, v);
      }
    }
    // Bits, not ==: a NaN that came first stays the min and max, and NaN != NaN.
    EXPECT_EQ(blocks.count(), singles.count());
    EXPECT_EQ(bits(blocks.min()), bits(min));
    EXPECT_EQ(bits(blocks.max()), bits(max));
    EXPECT_EQ(bits(singles.min()), bits(min));
    EXPECT_EQ(bits(singles.max()), bits(max));
    EXPECT_EQ(blocks.bins(), singles.bins());
  }
}

TEST(StatisticsBlocks, AColumnOfOneValueEqualsItsCopiesOneAtATime) {
  for (double value : {0.0, -0.0, 123.25, -98765.4321, 1e-7}) {
    SCOPED_TRACE(value);
    const std::vector<double> column(256, value);
    Distributional blocks, singles;
    Reference reference;
    blocks.add(column.data(), column.size());
    blocks.add(column.data(), 1);
    for (std::size_t i = 0; i <= column.size(); ++i) {
      singles.add(value);
      reference.add(value);
    }
    expect_same(blocks, singles, reference);
  }
}

TEST(StatisticsBlocks, MonthColumnsEqualAddingEachPathsMonth) {
  const auto values = spread_values(kSeriesCount * 40, 9);
  Statistics blocks(2), singles(2);
  MonthColumns columns(64);
  for (std::size_t path = 0; path < 40; ++path) {
    MonthValues month;
    for (std::size_t s = 0; s < kSeriesCount; ++s) month.values[s] = values[path * kSeriesCount + s];
    columns.set(path, month);
    singles.add_month(2, month);
  }
  blocks.add_month(2, columns, 40);
  EXPECT_TRUE(blocks == singles);
}

// Series a scenario keeps at +0.0 are added without being read: the same statistics as reading
// them.
TEST(StatisticsBlocks, ZeroSeriesEqualTheirColumnsRead) {
  const auto values = spread_values(kSeriesCount * 40, 11);
  ZeroSeries zero{};
  zero[static_cast<std::size_t>(Series::benefits)] = true;
  zero[static_cast<std::size_t>(Series::group_members)] = true;
  MonthColumns columns(64);
  for (std::size_t path = 0; path < 40; ++path) {
    MonthValues month;
    for (std::size_t s = 0; s < kSeriesCount; ++s) month.values[s] = zero[s] ? 0.0 : values[path * kSeriesCount + s];
    columns.set(path, month);
  }
  Statistics read(2), unread(2);
  read.add_month(2, columns, 40);
  unread.add_month(2, columns, 40, zero);
  EXPECT_TRUE(read == unread);
  EXPECT_EQ(unread.series(Series::benefits, 2).histogram.count(), 40u);
  EXPECT_EQ(unread.series(Series::benefits, 2).sum.sum(), 0.0);
}

}  // namespace
}  // namespace meantime
