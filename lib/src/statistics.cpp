#include "meantime/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace meantime {

namespace {

std::int64_t fixed_point(double x, double scale) {
  // Values are bounded by validation (money below 1e12); the clamp keeps a bug from becoming UB.
  const double scaled = std::clamp(x * scale, -9.0e18, 9.0e18);
  return std::llrint(scaled);
}

std::uint64_t bits_of(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

double double_of(std::uint64_t bits) {
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

constexpr int kShift = 52 - LogHistogram::kSubBits;
const std::int64_t kZeroKey = static_cast<std::int64_t>(bits_of(LogHistogram::kZeroBelow) >> kShift);

}  // namespace

void ExactSum::add(double x) {
  ++count_;
  sum_ += fixed_point(x, 65536.0);
  const int128 coarse = fixed_point(x, 16.0);
  coarse_sum_ += coarse;
  coarse_squares_ += coarse * coarse;
}

void ExactSum::merge(const ExactSum& other) {
  count_ += other.count_;
  sum_ += other.sum_;
  coarse_sum_ += other.coarse_sum_;
  coarse_squares_ += other.coarse_squares_;
}

double ExactSum::sum() const { return static_cast<double>(static_cast<long double>(sum_) / 65536.0L); }

double ExactSum::mean() const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(static_cast<long double>(sum_) / 65536.0L / static_cast<long double>(count_));
}

double ExactSum::variance() const {
  if (count_ < 2) return std::numeric_limits<double>::quiet_NaN();
  const long double n = static_cast<long double>(count_);
  const long double mean = static_cast<long double>(coarse_sum_) / n;
  const long double squares = static_cast<long double>(coarse_squares_) - n * mean * mean;
  return static_cast<double>(std::max(0.0L, squares) / (n - 1.0L) / 256.0L);
}

std::int32_t LogHistogram::bin_of(double x) {
  const double magnitude = std::fabs(x);
  if (!(magnitude >= kZeroBelow)) return 0;
  const auto key = static_cast<std::int64_t>(bits_of(magnitude) >> kShift) - kZeroKey + 1;
  return static_cast<std::int32_t>(x < 0 ? -key : key);
}

double LogHistogram::bin_low(std::int32_t bin) {
  if (bin == 0) return 0.0;
  const std::int64_t key = bin > 0 ? bin : -bin;
  const double low = double_of(static_cast<std::uint64_t>(key - 1 + kZeroKey) << kShift);
  const double high = double_of(static_cast<std::uint64_t>(key + kZeroKey) << kShift);
  return bin > 0 ? low : -high;
}

double LogHistogram::bin_high(std::int32_t bin) {
  if (bin == 0) return 0.0;
  const std::int64_t key = bin > 0 ? bin : -bin;
  const double low = double_of(static_cast<std::uint64_t>(key - 1 + kZeroKey) << kShift);
  const double high = double_of(static_cast<std::uint64_t>(key + kZeroKey) << kShift);
  return bin > 0 ? high : -low;
}

void LogHistogram::grow_to(std::int32_t bin) {
  if (counts_.empty()) {
    counts_.assign(1, 0);
    offset_ = bin;
    return;
  }
  const std::int32_t last = offset_ + static_cast<std::int32_t>(counts_.size()) - 1;
  if (bin < offset_) {
    // Grow with some slack so a drifting series does not reallocate every time.
    const std::int32_t new_offset = bin - 32;
    counts_.insert(counts_.begin(), static_cast<std::size_t>(offset_ - new_offset), 0);
    offset_ = new_offset;
  } else if (bin > last) {
    counts_.resize(static_cast<std::size_t>(bin - offset_ + 1 + 32), 0);
  }
}

void LogHistogram::add(double x) {
  const std::int32_t bin = bin_of(x);
  if (counts_.empty() || bin < offset_ || bin >= offset_ + static_cast<std::int32_t>(counts_.size())) grow_to(bin);
  ++counts_[static_cast<std::size_t>(bin - offset_)];
  if (count_ == 0) {
    min_ = max_ = x;
  } else {
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  ++count_;
}

void LogHistogram::merge(const LogHistogram& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  // The merged layout must not depend on merge order: use the union of the two exact ranges.
  const std::int32_t low = std::min(offset_, other.offset_);
  const std::int32_t high = std::max(offset_ + static_cast<std::int32_t>(counts_.size()),
                                     other.offset_ + static_cast<std::int32_t>(other.counts_.size()));
  std::vector<std::uint64_t> merged(static_cast<std::size_t>(high - low), 0);
  for (std::size_t i = 0; i < counts_.size(); ++i) merged[static_cast<std::size_t>(offset_ - low) + i] += counts_[i];
  for (std::size_t i = 0; i < other.counts_.size(); ++i) {
    merged[static_cast<std::size_t>(other.offset_ - low) + i] += other.counts_[i];
  }
  counts_ = std::move(merged);
  offset_ = low;
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double LogHistogram::quantile(double q, bool whole_numbers) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (q <= 0.0) return min_;
  if (q >= 1.0) return max_;
  const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  if (rank <= 1) return min_;
  if (rank >= count_) return max_;
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen < rank) continue;
    const auto bin = static_cast<std::int32_t>(i) + offset_;
    double value;
    if (bin == 0) {
      value = 0.0;
    } else if (whole_numbers) {
      // The whole number nearest zero in the bin: exact while a bin is at most 1 wide.
      value = bin > 0 ? std::ceil(bin_low(bin)) : -std::ceil(-bin_high(bin));
    } else {
      value = 0.5 * (bin_low(bin) + bin_high(bin));
    }
    return std::clamp(value, min_, max_);
  }
  return max_;
}

std::vector<std::pair<std::int32_t, std::uint64_t>> LogHistogram::bins() const {
  std::vector<std::pair<std::int32_t, std::uint64_t>> list;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] != 0) list.emplace_back(static_cast<std::int32_t>(i) + offset_, counts_[i]);
  }
  return list;
}

bool LogHistogram::operator==(const LogHistogram& o) const {
  return count_ == o.count_ && min_ == o.min_ && max_ == o.max_ && bins() == o.bins();
}

void CountHistogram::merge(const CountHistogram& other) {
  if (counts_.empty()) {
    counts_ = other.counts_;
    return;
  }
  for (std::size_t i = 0; i < counts_.size() && i < other.counts_.size(); ++i) counts_[i] += other.counts_[i];
}

std::uint64_t CountHistogram::reached_by(int month) const {
  std::uint64_t total = 0;
  for (int m = 1; m <= month && m < static_cast<int>(counts_.size()); ++m) total += counts_[static_cast<std::size_t>(m)];
  return total;
}

std::uint64_t CountHistogram::total() const {
  std::uint64_t total = 0;
  for (auto c : counts_) total += c;
  return total;
}

}  // namespace meantime
