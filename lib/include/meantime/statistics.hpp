// Streaming statistics that merge exactly: merging the statistics of two chunks of paths gives
// the same bits as one pass over both, in any order. Everything is an integer underneath:
//  - ExactSum keeps sums in 128-bit fixed point (2^-16 pounds), so addition is associative;
//  - LogHistogram keeps counts in log-linear bins (64 per doubling, as in HdrHistogram or
//    DDSketch): quantiles to within 0.8% relative (exact for whole numbers below 128), and
//    merged by adding counts;
//  - CountHistogram counts whole months.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace meantime {

__extension__ typedef __int128 int128;

class ExactSum {
 public:
  void add(double x);
  // The same as add() for each value in turn (a sum is exact, so the order does not matter),
  // with the running sums kept in registers: what the engine calls once per series, month and
  // block of paths.
  void add(const double* values, std::size_t count);
  // add(x) `copies` times.
  void add_copies(double x, std::uint64_t copies);
  void merge(const ExactSum& other);
  std::uint64_t count() const noexcept { return count_; }
  double sum() const;
  double mean() const;      // NaN when empty
  double variance() const;  // sample variance (n - 1); NaN below two values
  bool operator==(const ExactSum& o) const {
    return count_ == o.count_ && sum_ == o.sum_ && coarse_sum_ == o.coarse_sum_ && coarse_squares_ == o.coarse_squares_;
  }

 private:
  std::uint64_t count_ = 0;
  int128 sum_ = 0;             // x * 2^16, rounded
  int128 coarse_sum_ = 0;      // x * 2^4, rounded: the scale the squares use
  int128 coarse_squares_ = 0;  // (x * 2^4)^2
};

class LogHistogram {
 public:
  static constexpr int kSubBits = 6;  // 64 bins per doubling
  // |x| below this counts as zero.
  static constexpr double kZeroBelow = 0x1.0p-10;

  void add(double x);
  // The same as add() for each value in turn, in one pass.
  void add(const double* values, std::size_t count);
  // add(x) `copies` times.
  void add_copies(double x, std::uint64_t copies);
  void merge(const LogHistogram& other);
  std::uint64_t count() const noexcept { return count_; }
  double min() const noexcept { return min_; }
  double max() const noexcept { return max_; }
  // The lower q-quantile (the smallest value v with at least q of the values <= v), read from
  // its bin: the bin's midpoint, or for whole-number data the bin's one whole number; q = 0 and
  // q = 1 give the exact min and max. NaN when empty.
  double quantile(double q, bool whole_numbers) const;
  // Equal contents (the storage layout may differ with the order values arrived in).
  bool operator==(const LogHistogram& o) const;
  // (bin, count) for every non-empty bin, in value order: the histogram's whole content.
  std::vector<std::pair<std::int32_t, std::uint64_t>> bins() const;

  static std::int32_t bin_of(double x);
  static double bin_low(std::int32_t bin);   // smallest value of the bin
  static double bin_high(std::int32_t bin);  // largest value of the bin, exclusive in magnitude

 private:
  bool covers(std::int32_t bin) const;
  void grow_to(std::int32_t bin);
  bool add_without_nan(const double* values, std::size_t count);
  std::vector<std::uint64_t> counts_;
  std::int32_t offset_ = 0;  // bin number of counts_[0]
  std::uint64_t count_ = 0;
  double min_ = 0;
  double max_ = 0;
};

// Counts of whole months 1..months, with 0 for "not reached".
class CountHistogram {
 public:
  CountHistogram() = default;
  explicit CountHistogram(int months) : counts_(static_cast<std::size_t>(months) + 1, 0) {}
  void add(int month) { ++counts_[month < 0 ? 0 : static_cast<std::size_t>(month)]; }
  void merge(const CountHistogram& other);
  std::uint64_t never() const { return counts_[0]; }
  std::uint64_t at(int month) const { return counts_[static_cast<std::size_t>(month)]; }
  // Number reached by the end of `month`.
  std::uint64_t reached_by(int month) const;
  std::uint64_t total() const;
  int months() const { return static_cast<int>(counts_.size()) - 1; }
  bool operator==(const CountHistogram& o) const { return counts_ == o.counts_; }

 private:
  std::vector<std::uint64_t> counts_;
};

// A series' values across paths: exact sum and histogram.
struct Distributional {
  ExactSum sum;
  LogHistogram histogram;
  void add(double x) {
    sum.add(x);
    histogram.add(x);
  }
  void add(const double* values, std::size_t count);
  void add_copies(double x, std::uint64_t copies) {
    sum.add_copies(x, copies);
    histogram.add_copies(x, copies);
  }
  void merge(const Distributional& o) {
    sum.merge(o.sum);
    histogram.merge(o.histogram);
  }
  bool operator==(const Distributional& o) const { return sum == o.sum && histogram == o.histogram; }
};

}  // namespace meantime
