// The variate algorithms the engine depends on, kept here (not taken from Boost.Random, whose
// algorithms may change between Boost versions) so that pinned outputs stay pinned.
// Each sampler takes a uniform source `u` with `double next()` returning a value in (0, 1).
//
// Counts use inversion while the mean is small (one uniform, monotone in it: the best coupling
// for common random numbers) and Hörmann's transformed rejection above it (PTRS for Poisson,
// BTRS for the binomial; W. Hörmann 1993), as NumPy and TensorFlow do. Poisson inversion
// reaches further (means below 128): a run keeps each mean's cdf (PoissonCdf), so its cost
// does not grow with the mean.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace meantime {

// ln(k!) exactly enough for the rejection tests: a table below 16, Stirling's series above
// (error below 1e-13). Thread-safe, unlike std::lgamma, which writes the global `signgam`.
double log_factorial(std::int64_t k);

// Inverse of the standard normal CDF: Wichura's AS 241 (PPND16), about 1e-16 relative.
double normal_quantile(double p);

// Standard normal CDF.
inline double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Binomial: inversion below this mean (n p), BTRS above.
inline constexpr double kInversionMeanLimit = 10.0;
// Poisson: inversion below this mean, PTRS above. The walk up the cdf stops at this count (it
// only guards against a cdf that rounds to just below 1; at means below 128 the count's chance
// of reaching it is far below 1e-100).
inline constexpr double kPoissonInversionMeanLimit = 128.0;
inline constexpr std::int64_t kPoissonInversionCap = 1000;

// 1 - u for a uniform source u: uniform on (0, 1) again.
template <class U>
struct Mirrored {
  U& source;
  double next() { return 1.0 - source.next(); }
};

// What a Poisson draw needs before its first uniform: e^-mean for inversion, or PTRS's
// constants (a square root, two logs, three divisions). The same means come back month after
// month (clients x plan), so the engine keeps them (SamplerCache); a kept copy gives the same
// bits as working them out again.
struct PoissonConstants {
  explicit PoissonConstants(double mean_);
  double mean;
  bool inversion;
  double exp_minus_mean = 0;                                                          // inversion
  double slam = 0, loglam = 0, b = 0, a = 0, invalpha = 0, vr = 0, log_invalpha = 0;  // PTRS
};

inline PoissonConstants::PoissonConstants(double mean_) : mean(mean_), inversion(mean_ < kPoissonInversionMeanLimit) {
  if (inversion) {
    exp_minus_mean = std::exp(-mean);
    return;
  }
  slam = std::sqrt(mean);
  loglam = std::log(mean);
  b = 0.931 + 2.53 * slam;
  a = -0.059 + 0.02483 * b;
  invalpha = 1.1239 + 1.1328 / (b - 3.4);
  vr = 0.9277 - 3.6224 / (b - 2);
  log_invalpha = std::log(invalpha);
}

// The cdf Poisson inversion walks, worked out once for a mean: P(X <= k) for k = 0, 1, ... by
// the walk's own recurrence in the walk's own order, up to the first value that no uniform can
// exceed (or the cap). A search in it therefore gives the walk's count bit for bit, in a few
// comparisons rather than about `mean` steps, and without PTRS's second uniform.
class PoissonCdf {
 public:
  void build(const PoissonConstants& c);
  // The smallest k with target <= P(X <= k): what the walk returns for this uniform. A guide
  // table (Chen and Asau 1974) says where to start: guide_[g] is the first k whose cdf falls in
  // bucket g or above, and the bucket of `target` is at most that of its count, so the count is
  // never before the start; about one step from it on average.
  std::int64_t count(double target) const {
    const auto buckets = static_cast<double>(guide_.size());
    const std::size_t g = std::min(bucket(target, buckets), guide_.size() - 1);
    std::size_t k = guide_[g];
    const std::size_t last = cdf_.size() - 1;
    while (k < last && cdf_[k] < target) ++k;
    return static_cast<std::int64_t>(k);
  }

 private:
  // The bucket of a probability: monotone in it, and computed the same way when building.
  static std::size_t bucket(double probability, double buckets) {
    return static_cast<std::size_t>(probability * buckets);
  }
  std::vector<double> cdf_;
  std::vector<std::uint32_t> guide_;
};

// The largest uniform a source gives: the largest double below 1.
inline constexpr double kLargestUniform = 1.0 - 0x1.0p-53;

inline void PoissonCdf::build(const PoissonConstants& c) {
  cdf_.clear();
  double p = c.exp_minus_mean;
  double cdf = p;
  cdf_.push_back(cdf);
  for (std::int64_t k = 0; cdf < kLargestUniform && k < kPoissonInversionCap;) {
    ++k;
    p *= c.mean / static_cast<double>(k);
    cdf += p;
    cdf_.push_back(cdf);
  }
  const std::size_t n = cdf_.size();
  guide_.resize(n);  // as many buckets as counts
  const auto buckets = static_cast<double>(n);
  std::size_t k = 0;
  for (std::size_t g = 0; g < n; ++g) {
    while (k < n - 1 && bucket(cdf_[k], buckets) < g) ++k;
    guide_[g] = static_cast<std::uint32_t>(k);
  }
}

// Poisson(c.mean), c.mean > 0. `kept`: the mean's PoissonCdf, if the caller keeps one (the same
// count, faster).
template <class U>
std::int64_t poisson(const PoissonConstants& c, U& u, const PoissonCdf* kept = nullptr) {
  const double mean = c.mean;
  if (c.inversion) {
    const double target = u.next();
    if (kept) return kept->count(target);
    double p = c.exp_minus_mean;
    double cdf = p;
    std::int64_t k = 0;
    while (target > cdf && k < kPoissonInversionCap) {
      ++k;
      p *= mean / static_cast<double>(k);
      cdf += p;
    }
    return k;
  }
  // PTRS, as in NumPy's random_poisson_ptrs.
  for (;;) {
    const double uu = u.next() - 0.5;
    const double v = u.next();
    const double us = 0.5 - std::fabs(uu);
    const double kf = std::floor((2 * c.a / us + c.b) * uu + mean + 0.43);
    if (us >= 0.07 && v <= c.vr) return static_cast<std::int64_t>(kf);
    if (kf < 0 || (us < 0.013 && v > us)) continue;
    const auto k = static_cast<std::int64_t>(kf);
    if (std::log(v) + c.log_invalpha - std::log(c.a / (us * us) + c.b) <=
        -mean + static_cast<double>(k) * c.loglam - log_factorial(k)) {
      return k;
    }
  }
}

template <class U>
std::int64_t poisson(double mean, U& u) {
  if (!(mean > 0.0)) return 0;
  return poisson(PoissonConstants(mean), u);
}

// q^n, the binomial's chance of no successes, by repeated squaring (n >= 1): a dozen
// multiplications for the counts the inversion meets (n p < 10), against std::pow's hundred-odd
// instructions, and the same bits on every platform (IEEE products, where each libm's pow may
// round differently). Each squaring doubles the relative error so far, so the result is within
// about n ulps of q^n: the error the exact power already carries, since q = 1 - p is rounded to
// an ulp and q^n multiplies that by n. LastPower (draws.hpp) keeps the last one.
struct Power {
  // `x` if `bit` is 1, 1.0 if it is 0, without a branch.
  static double select_by_bit(std::uint64_t bit, double x) {
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    const std::uint64_t mask = 0 - bit;
    const std::uint64_t chosen = (bits & mask) | (0x3FF0000000000000ULL & ~mask);  // 1.0's bits
    double factor;
    std::memcpy(&factor, &chosen, sizeof factor);
    return factor;
  }
  double operator()(double q, std::int64_t n) const {
    double result = (n & 1) != 0 ? q : 1.0;
    double square = q;
    for (auto rest = static_cast<std::uint64_t>(n) >> 1; rest != 0; rest >>= 1) {
      square *= square;
      // Times 1.0 where n's bit is clear: the same product (x * 1.0 is x, bit for bit), chosen
      // by a mask rather than a branch on n's bits, which no predictor guesses (the compiler
      // would turn a plain select back into that branch).
      result *= select_by_bit(rest & 1, square);
    }
    return result;
  }
};

// Binomial(n, p) by inversion of the uniform `target`, for p <= 1/2 and n p below
// kInversionMeanLimit: what binomial_lower_half does with its one uniform.
template <class Powers = Power>
std::int64_t binomial_inversion(std::int64_t n, double p, double target, Powers&& power = Power{}) {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  const double s = p / q;
  const double a = (nd + 1.0) * s;
  double r = power(q, n);
  double cdf = r;
  std::int64_t k = 0;
  while (target > cdf && k < n) {
    ++k;
    r *= a / static_cast<double>(k) - s;
    cdf += r;
  }
  return k;
}

// Binomial(n, p) for p <= 1/2.
template <class U, class Powers = Power>
std::int64_t binomial_lower_half(std::int64_t n, double p, U& u, Powers&& power = Power{}) {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  if (nd * p < kInversionMeanLimit) return binomial_inversion(n, p, u.next(), power);
  // BTRS, with the acceptance test written as ln f(k) - ln f(mode).
  const double spq = std::sqrt(nd * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double log_odds = std::log(p / q);
  const auto mode = static_cast<std::int64_t>(std::floor((nd + 1.0) * p));
  const double log_f_mode_part = log_factorial(mode) + log_factorial(n - mode);
  for (;;) {
    const double uu = u.next() - 0.5;
    double v = u.next();
    const double us = 0.5 - std::fabs(uu);
    const double kf = std::floor((2 * a / us + b) * uu + c);
    if (kf < 0 || kf > nd) continue;
    const auto k = static_cast<std::int64_t>(kf);
    if (us >= 0.07 && v <= v_r) return k;
    v = std::log(v * alpha / (a / (us * us) + b));
    const double log_ratio =
        log_f_mode_part - log_factorial(k) - log_factorial(n - k) + static_cast<double>(k - mode) * log_odds;
    if (v <= log_ratio) return k;
  }
}

template <class U, class Powers = Power>
std::int64_t binomial(std::int64_t n, double p, U& u, Powers&& power = Power{}) {
  if (n <= 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) {
    // Mirror the uniforms too, so the count stays increasing in both p and u across p = 1/2
    // (what common random numbers need).
    Mirrored<U> mirrored{u};
    return n - binomial_lower_half(n, 1.0 - p, mirrored, power);
  }
  return binomial_lower_half(n, p, u, power);
}

template <class U>
double standard_normal(U& u) {
  return normal_quantile(u.next());
}

// Marsaglia and Tsang (2000), with the shape < 1 boost by u^(1/shape).
template <class U>
double standard_gamma(double shape, U& u) {
  if (shape < 1.0) {
    const double g = standard_gamma(shape + 1.0, u);
    return g * std::pow(u.next(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x;
    double v;
    do {
      x = standard_normal(u);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double w = u.next();
    if (w < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (std::log(w) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

template <class U>
double beta_variate(double alpha, double beta, U& u) {
  const double x = standard_gamma(alpha, u);
  const double y = standard_gamma(beta, u);
  return x / (x + y);
}

}  // namespace meantime
