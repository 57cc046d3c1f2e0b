#include "meantime/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif

namespace meantime {

namespace {

// std::llrint without the call into libm, which costs more than the rest of an add. glibc's
// llrint on x86-64 is this one instruction (cvtsd2si: nearest, ties to even, in the default
// rounding mode; 0x8000000000000000 for NaN), so the bits are the same.
inline std::int64_t round_to_integer(double x) {
#if defined(__x86_64__)
  return _mm_cvtsd_si64(_mm_set_sd(x));
#else
  return std::llrint(x);
#endif
}

inline std::int64_t fixed_point(double x, double scale) {
  // Values are bounded by validation (money below 1e12); the clamp keeps a bug from becoming UB.
  const double scaled = std::clamp(x * scale, -9.0e18, 9.0e18);
  return round_to_integer(scaled);
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

// LogHistogram::bin_of, here so that the adding loop inlines it.
inline std::int32_t bin_index(double x) {
  const double magnitude = std::fabs(x);
  const auto key = static_cast<std::int64_t>(bits_of(magnitude) >> kShift) - kZeroKey + 1;
  const auto bin = static_cast<std::int32_t>(x < 0 ? -key : key);
  // A select rather than an early return: zeros come and go within a series (a failed path,
  // an empty waiting list), and a mispredicted branch costs more than the whole lookup.
  return magnitude >= LogHistogram::kZeroBelow ? bin : 0;  // NaN too
}

}  // namespace

namespace {

// One value into 128-bit sums: its fixed-point value, its coarse value and that one's square.
inline void add_exactly(double x, int128& sum, int128& coarse_sum, int128& coarse_squares) {
  sum += fixed_point(x, 65536.0);
  const std::int64_t coarse = fixed_point(x, 16.0);
  coarse_sum += coarse;
  coarse_squares += static_cast<int128>(coarse) * coarse;  // one widening multiply
}

// A run's three sums in 64 bits, when every value is below 2^23 in magnitude (money and counts
// always are): its fixed-point values, their sum and their squares' sum then fit (2^39, 2^46 and
// 128 x 2^54 < 2^63). Returns false, adding nothing, when a value is larger (or NaN). Unsigned
// sums: wrapping is defined, and the totals are the signed integers' bits.
struct RunSums {
  std::uint64_t sum = 0;
  std::uint64_t coarse_sum = 0;
  std::uint64_t coarse_squares = 0;
};
constexpr double kSmallValue = 0x1.0p23;

bool add_small_values_scalar(const double* x, std::size_t n, RunSums& run) {
  for (std::size_t i = 0; i < n; ++i) {
    if (!(std::fabs(x[i]) < kSmallValue)) return false;
    run.sum += static_cast<std::uint64_t>(round_to_integer(x[i] * 65536.0));
    const auto coarse = static_cast<std::uint64_t>(round_to_integer(x[i] * 16.0));
    run.coarse_sum += coarse;
    run.coarse_squares += coarse * coarse;  // the signed square's bits
  }
  return true;
}

#if defined(__x86_64__)
// Two values at a time with SSE2 (part of x86-64). Rounding to the nearest integer, ties to
// even as cvtsd2si does, by adding 1.5 x 2^52 (exact for magnitudes below 2^51: the integer is
// then the low bits of the sum); the squares from the coarse values' magnitudes (below 2^27)
// with a 32 x 32 -> 64-bit multiply. The same integers as the scalar loop, so the same bits.
bool add_small_values(const double* x, std::size_t n, RunSums& run) {
  const __m128d magic = _mm_set1_pd(0x1.8p52);
  const __m128i magic_bits = _mm_castpd_si128(magic);
  const __m128d fine_scale = _mm_set1_pd(65536.0);
  const __m128d coarse_scale = _mm_set1_pd(16.0);
  const __m128d limit = _mm_set1_pd(kSmallValue);
  const __m128d sign = _mm_set1_pd(-0.0);
  auto to_integer = [&](__m128d v) { return _mm_sub_epi64(_mm_castpd_si128(_mm_add_pd(v, magic)), magic_bits); };
  __m128i sum = _mm_setzero_si128();
  __m128i coarse_sum = _mm_setzero_si128();
  __m128i squares = _mm_setzero_si128();
  __m128d small = _mm_castsi128_pd(_mm_set1_epi32(-1));
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const __m128d v = _mm_loadu_pd(x + i);
    const __m128d magnitude = _mm_andnot_pd(sign, v);
    small = _mm_and_pd(small, _mm_cmplt_pd(magnitude, limit));  // false for NaN
    sum = _mm_add_epi64(sum, to_integer(_mm_mul_pd(v, fine_scale)));
    coarse_sum = _mm_add_epi64(coarse_sum, to_integer(_mm_mul_pd(v, coarse_scale)));
    const __m128i coarse_magnitude = to_integer(_mm_mul_pd(magnitude, coarse_scale));
    squares = _mm_add_epi64(squares, _mm_mul_epu32(coarse_magnitude, coarse_magnitude));
  }
  if (_mm_movemask_pd(small) != 3) return false;
  std::uint64_t lanes[2];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes), sum);
  RunSums pair;
  pair.sum = lanes[0] + lanes[1];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes), coarse_sum);
  pair.coarse_sum = lanes[0] + lanes[1];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes), squares);
  pair.coarse_squares = lanes[0] + lanes[1];
  if (!add_small_values_scalar(x + i, n - i, pair)) return false;  // an odd last value
  run.sum += pair.sum;
  run.coarse_sum += pair.coarse_sum;
  run.coarse_squares += pair.coarse_squares;
  return true;
}
#else
bool add_small_values(const double* x, std::size_t n, RunSums& run) { return add_small_values_scalar(x, n, run); }
#endif

}  // namespace

void ExactSum::add(double x) {
  // One value (each path's outcome totals): without the runs' set-up.
  ++count_;
  add_exactly(x, sum_, coarse_sum_, coarse_squares_);
}

void ExactSum::add(const double* values, std::size_t count) {
  int128 sum = 0;
  int128 coarse_sum = 0;
  int128 coarse_squares = 0;
  // In runs of kRun values: a run of small values adds in 64-bit registers and the 128-bit sums
  // take its totals once; a run with a larger value (or a NaN) takes the 128-bit loop.
  constexpr std::size_t kRun = 128;
  for (std::size_t start = 0; start < count; start += kRun) {
    const std::size_t n = std::min(kRun, count - start);
    const double* x = values + start;
    RunSums run;
    if (add_small_values(x, n, run)) {
      sum += static_cast<std::int64_t>(run.sum);
      coarse_sum += static_cast<std::int64_t>(run.coarse_sum);
      coarse_squares += static_cast<std::int64_t>(run.coarse_squares);
      continue;
    }
    for (std::size_t i = 0; i < n; ++i) add_exactly(x[i], sum, coarse_sum, coarse_squares);
  }
  count_ += count;
  sum_ += sum;
  coarse_sum_ += coarse_sum;
  coarse_squares_ += coarse_squares;
}

void ExactSum::add_copies(double x, std::uint64_t copies) {
  const int128 n = copies;
  const std::int64_t coarse = fixed_point(x, 16.0);
  count_ += copies;
  sum_ += n * fixed_point(x, 65536.0);
  coarse_sum_ += n * coarse;
  coarse_squares_ += n * (static_cast<int128>(coarse) * coarse);
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

std::int32_t LogHistogram::bin_of(double x) { return bin_index(x); }

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
    counts_.resize(static_cast<std::size_t>(bin - offset_) + 1 + 32, 0);
  }
}

bool LogHistogram::covers(std::int32_t bin) const {
  return !counts_.empty() && bin >= offset_ && bin < offset_ + static_cast<std::int32_t>(counts_.size());
}

void LogHistogram::add(double x) { add(&x, 1); }

#if defined(__x86_64__)
// Two passes, two values at a time with SSE2: min and max first, so that the counts grow once to
// the values' range (a value's bin is monotone in it) and the counting pass needs no bounds
// check. Per lane, _mm_min_pd(x, low) is std::min(low, x) (x only if x < low); the two lanes
// agree with one fold in arrival order unless their minimum (or maximum) is a zero of each sign,
// which only the order can tell apart. Returns false, adding nothing, then and for values with a
// NaN (bin 0, perhaps outside that range): add()'s loop takes those.
bool LogHistogram::add_without_nan(const double* values, std::size_t count) {
  const std::size_t pairs = count & ~std::size_t{1};
  __m128d lows = _mm_set1_pd(min_);
  __m128d highs = _mm_set1_pd(max_);
  __m128d nan = _mm_cmpunord_pd(lows, highs);
  for (std::size_t i = 0; i < pairs; i += 2) {
    const __m128d v = _mm_loadu_pd(values + i);
    lows = _mm_min_pd(v, lows);
    highs = _mm_max_pd(v, highs);
    nan = _mm_or_pd(nan, _mm_cmpunord_pd(v, v));
  }
  if (_mm_movemask_pd(nan) != 0) return false;
  double lane[2];
  auto fold = [&](__m128d both, bool low, double& out) {
    _mm_storeu_pd(lane, both);
    if (lane[0] == 0.0 && lane[1] == 0.0 && std::signbit(lane[0]) != std::signbit(lane[1])) return false;
    out = low ? std::min(lane[0], lane[1]) : std::max(lane[0], lane[1]);
    return true;
  };
  double low;
  double high;
  if (!fold(lows, true, low) || !fold(highs, false, high)) return false;
  if (pairs < count) {
    const double last = values[pairs];
    if (std::isnan(last)) return false;
    low = std::min(low, last);
    high = std::max(high, last);
  }
  grow_to(bin_index(low));
  grow_to(bin_index(high));
  std::uint64_t* counts = counts_.data();
  const __m128i sign = _mm_castpd_si128(_mm_set1_pd(-0.0));
  const __m128i key_base = _mm_set1_epi64x(kZeroKey - 1);
  const __m128i offset = _mm_set1_epi64x(offset_);
  const __m128d zero_below = _mm_set1_pd(kZeroBelow);
  for (std::size_t i = 0; i < pairs; i += 2) {
    // bin_index for two values: the key from the magnitude's bits, negated for negative values,
    // 0 below the zero threshold; then the slot in counts_.
    const __m128d v = _mm_loadu_pd(values + i);
    const __m128i magnitude = _mm_andnot_si128(sign, _mm_castpd_si128(v));
    __m128i bin = _mm_sub_epi64(_mm_srli_epi64(magnitude, kShift), key_base);
    const __m128i negative = _mm_castpd_si128(_mm_cmplt_pd(v, _mm_setzero_pd()));
    bin = _mm_sub_epi64(_mm_xor_si128(bin, negative), negative);
    bin = _mm_and_si128(bin, _mm_castpd_si128(_mm_cmpge_pd(_mm_castsi128_pd(magnitude), zero_below)));
    const __m128i slot = _mm_sub_epi64(bin, offset);
    ++counts[_mm_cvtsi128_si64(slot)];
    ++counts[_mm_cvtsi128_si64(_mm_unpackhi_epi64(slot, slot))];
  }
  if (pairs < count) ++counts[bin_index(values[pairs]) - offset_];
  min_ = low;
  max_ = high;
  count_ += count;
  return true;
}
#else
bool LogHistogram::add_without_nan(const double*, std::size_t) { return false; }
#endif

void LogHistogram::add(const double* values, std::size_t count) {
  if (count == 0) return;
  if (count_ == 0) min_ = max_ = values[0];
  if (add_without_nan(values, count)) return;
  // One pass: a value whose bin is outside the counts grows them (rare after a histogram's first
  // values: a series' range settles within its first block of paths).
  std::uint64_t* counts = counts_.data();
  std::int32_t offset = offset_;
  auto size = static_cast<std::uint32_t>(counts_.size());
  double low = min_;
  double high = max_;
  for (std::size_t i = 0; i < count; ++i) {
    const double x = values[i];
    const std::int32_t bin = bin_index(x);
    auto slot = static_cast<std::uint32_t>(bin - offset);  // wraps below offset: one comparison
    if (slot >= size) {
      grow_to(bin);
      counts = counts_.data();
      offset = offset_;
      size = static_cast<std::uint32_t>(counts_.size());
      slot = static_cast<std::uint32_t>(bin - offset);
    }
    ++counts[slot];
    // In arrival order, exactly as one add at a time (which of 0.0 and -0.0 is kept, NaN).
    low = std::min(low, x);
    high = std::max(high, x);
  }
  min_ = low;
  max_ = high;
  count_ += count;
}

void LogHistogram::add_copies(double x, std::uint64_t copies) {
  if (copies == 0) return;
  add(&x, 1);  // min and max see x once: more copies of the same bits change neither
  counts_[static_cast<std::size_t>(bin_index(x) - offset_)] += copies - 1;
  count_ += copies - 1;
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
  if (low == offset_ && high == offset_ + static_cast<std::int32_t>(counts_.size())) {
    // The union is this range already (the usual case): add in place.
    const auto shift = static_cast<std::size_t>(other.offset_ - offset_);
    for (std::size_t i = 0; i < other.counts_.size(); ++i) counts_[shift + i] += other.counts_[i];
  } else {
    std::vector<std::uint64_t> merged(static_cast<std::size_t>(high - low), 0);
    for (std::size_t i = 0; i < counts_.size(); ++i) merged[static_cast<std::size_t>(offset_ - low) + i] += counts_[i];
    for (std::size_t i = 0; i < other.counts_.size(); ++i) {
      merged[static_cast<std::size_t>(other.offset_ - low) + i] += other.counts_[i];
    }
    counts_ = std::move(merged);
    offset_ = low;
  }
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

void Distributional::add(const double* values, std::size_t count) {
  // A column that is one value throughout (loan repayments, a benefit or waiting list the
  // scenario does not use, every path failed) is added in one step. Bits, not ==: 0.0 and -0.0
  // are different values to min and max.
  std::size_t same = 0;
  if (count > 0) {
    const std::uint64_t first = bits_of(values[0]);
    while (same < count && bits_of(values[same]) == first) ++same;  // most columns stop at once
  }
  if (count > 0 && same == count) {
    sum.add_copies(values[0], count);
    histogram.add_copies(values[0], count);
  } else {
    sum.add(values, count);
    histogram.add(values, count);
  }
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
  for (int m = 1; m <= month && m < static_cast<int>(counts_.size()); ++m)
    total += counts_[static_cast<std::size_t>(m)];
  return total;
}

std::uint64_t CountHistogram::total() const {
  std::uint64_t total = 0;
  for (auto c : counts_) total += c;
  return total;
}

}  // namespace meantime
