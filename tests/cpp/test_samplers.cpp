// The engine's own variate algorithms against closed forms (and Boost.Math's CDFs).
#include <gtest/gtest.h>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <vector>

#include "meantime/distribution.hpp"
#include "meantime/rng.hpp"
#include "meantime/samplers.hpp"

namespace meantime {
namespace {

constexpr double kSigmas = 5.0;

TEST(Samplers, UniformsAreOpenAndPhiloxIsKeyedBySeedAndPath) {
  EXPECT_GT(to_open_unit(0), 0.0);
  EXPECT_LT(to_open_unit(~0ULL), 1.0);
  UniformStream a({1, 2}, 3, 4), b({1, 2}, 3, 4), c({1, 3}, 3, 4), d({2, 2}, 3, 4);
  const double first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
  EXPECT_NE(first, d.next());
}

TEST(Samplers, MonthUniformsShareOneBlockThenUseTheirOwnSlots) {
  MonthUniforms month({7, 9}, 5);
  UniformStream shared({7, 9}, 5, 0);
  for (unsigned d = 0; d < 4; ++d) EXPECT_EQ(month.first_uniform(d), shared.next());
  // Extra uniforms of draw 2 come from slot 3, untouched by what draw 1 consumed.
  auto draw1 = month.draw(1);
  for (int i = 0; i < 10; ++i) draw1.next();
  auto draw2 = month.draw(2);
  draw2.next();
  UniformStream own({7, 9}, 5, 3);
  EXPECT_EQ(draw2.next(), own.next());
}

TEST(Samplers, LogFactorialMatchesLgamma) {
  for (std::int64_t k : {0, 1, 2, 5, 15, 16, 17, 30, 100, 1000, 123456}) {
    const double expected = std::lgamma(static_cast<double>(k) + 1.0);
    EXPECT_NEAR(log_factorial(k), expected, 1e-12 * std::max(1.0, expected)) << k;
  }
}

TEST(Samplers, NormalQuantileMatchesBoost) {
  const boost::math::normal_distribution<> standard;
  for (double p : {1e-300, 1e-20, 1e-8, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999999, 1 - 1e-12}) {
    const double expected = boost::math::quantile(standard, p);
    EXPECT_NEAR(normal_quantile(p), expected, 1e-14 * std::max(1.0, std::fabs(expected))) << p;
  }
}

struct Moments {
  double mean = 0, variance = 0;
};
template <class Draw>
Moments moments(int n, Draw draw) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw(i);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  return {mean, (sum2 - n * mean * mean) / (n - 1)};
}

// Both regimes of each count sampler: inversion (small mean) and transformed rejection.
TEST(Samplers, PoissonMeanAndVariance) {
  for (double lambda : {0.3, 3.0, 9.9, 10.0, 57.0, 127.9, 128.0, 2500.0}) {
    SCOPED_TRACE(lambda);
    const int n = 200000;
    const Moments m = moments(n, [&](int i) {
      UniformStream u({42, static_cast<std::uint64_t>(i)}, 1, 1);
      return static_cast<double>(poisson(lambda, u));
    });
    EXPECT_NEAR(m.mean, lambda, kSigmas * std::sqrt(lambda / n));
    EXPECT_NEAR(m.variance, lambda, kSigmas * std::sqrt((lambda + 2 * lambda * lambda) / n));
  }
}

TEST(Samplers, BinomialMatchesItsLaw) {
  struct Case {
    std::int64_t n;
    double p;
  };
  for (Case c : {Case{10, 0.3}, Case{1000, 0.005}, Case{60, 0.9}, Case{1000, 0.3}, Case{100000, 0.01}}) {
    SCOPED_TRACE(std::to_string(c.n) + ", " + std::to_string(c.p));
    const int n = 200000;
    std::vector<double> seen(static_cast<std::size_t>(c.n) + 1, 0.0);
    const Moments m = moments(n, [&](int i) {
      UniformStream u({43, static_cast<std::uint64_t>(i)}, 1, 1);
      const auto k = binomial(c.n, c.p, u);
      EXPECT_GE(k, 0);
      EXPECT_LE(k, c.n);
      seen[static_cast<std::size_t>(k)] += 1;
      return static_cast<double>(k);
    });
    const double mean = c.n * c.p, var = c.n * c.p * (1 - c.p);
    EXPECT_NEAR(m.mean, mean, kSigmas * std::sqrt(var / n));
    // sd of a sample variance: sqrt((mu4 - var^2) / n), with the binomial's fourth central
    // moment mu4 = var^2 (3 + (1 - 6pq) / var).
    const double pq = c.p * (1 - c.p);
    EXPECT_NEAR(m.variance, var, kSigmas * std::sqrt((2 * var * var + var * (1 - 6 * pq)) / n));
    // The CDF at the median, checked against Boost.Math's binomial.
    const boost::math::binomial_distribution<> law(static_cast<double>(c.n), c.p);
    const auto median = static_cast<std::size_t>(boost::math::median(law));
    double below = 0;
    for (std::size_t k = 0; k <= median; ++k) below += seen[k];
    const double cdf = boost::math::cdf(law, static_cast<double>(median));
    EXPECT_NEAR(below / n, cdf, kSigmas * std::sqrt(cdf * (1 - cdf) / n));
  }
}

// The stream is a UniformRandomBitGenerator: Boost.Random's distributions run on it, and agree
// with ours in law (not draw for draw: their algorithms are theirs).
TEST(Samplers, BoostRandomRunsOnTheStreamAndAgrees) {
  const int n = 100000;
  const double lambda = 7.5;
  const Moments ours = moments(n, [&](int i) {
    UniformStream u({44, static_cast<std::uint64_t>(i)}, 1, 1);
    return static_cast<double>(poisson(lambda, u));
  });
  const Moments theirs = moments(n, [&](int i) {
    UniformStream u({45, static_cast<std::uint64_t>(i)}, 1, 1);
    boost::random::poisson_distribution<int> boost_poisson(lambda);
    return static_cast<double>(boost_poisson(u));
  });
  EXPECT_NEAR(ours.mean, theirs.mean, kSigmas * std::sqrt(2 * lambda / n));
}

TEST(Samplers, DistributionsHaveTheirMeans) {
  const std::vector<Distribution> cases = {uniform(2, 6),      triangular(1, 2, 6), pert(0, 1, 10), normal(5, 2),
                                           lognormal(20, 0.3), beta(11, 31),        gamma(0.5, 2),  gamma(4, 1.5)};
  for (const Distribution& d : cases) {
    SCOPED_TRACE(describe(d));
    const int n = 100000;
    const Moments m = moments(n, [&](int i) {
      UniformStream u({46, static_cast<std::uint64_t>(i)}, 0, 3);
      const double x = d.draw(u);
      EXPECT_GE(x, d.support_min());
      EXPECT_LE(x, d.support_max());
      return x;
    });
    EXPECT_NEAR(m.mean, d.mean(), kSigmas * std::sqrt(m.variance / n));
  }
  // Closed-form variances of two bounded families.
  const Moments tri = moments(100000, [&](int i) {
    UniformStream u({47, static_cast<std::uint64_t>(i)}, 0, 3);
    return triangular(1, 2, 6).draw(u);
  });
  const double tri_var = (1 + 4 + 36 - 2 - 6 - 12) / 18.0;
  EXPECT_NEAR(tri.variance, tri_var, kSigmas * tri_var * std::sqrt(2.0 / 100000));
}

TEST(Samplers, ResearchIsTheBetaPosterior) {
  // "Asked 40, 10 interested" from the default prior (mean 5%, worth two people) is
  // Beta(10.1, 31.9): the same draws as that beta, mean 10.1/42.
  const Distribution d = research(40, 10);
  EXPECT_DOUBLE_EQ(d.mean(), 10.1 / 42.0);
  for (std::uint64_t i = 0; i < 100; ++i) {
    UniformStream a({48, i}, 0, 3), b({48, i}, 0, 3);
    EXPECT_EQ(d.draw(a), beta(2 * kResearchPrior + 10, 2 * (1 - kResearchPrior) + 30).draw(b));
  }
  EXPECT_NE(research(10, 11).parameter_problem(), "");
  EXPECT_NE(research(10.5, 1).parameter_problem(), "");
}

}  // namespace
}  // namespace meantime
