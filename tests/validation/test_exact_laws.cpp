// Laws known in closed form, checked at fixed seeds, within the budget of budget.hpp.
#include <gtest/gtest.h>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>
#include <map>

#include "budget.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

using validation::kSigmas;

// Active clients in month t of Poisson(lambda) arrivals and binomial(c) churn are exactly
// Poisson(lambda (1 - (1 - c)^t) / c): each month's arrivals are a Poisson stream thinned by
// survival, and thinned Poissons add up to a Poisson.
TEST(ExactLaws, PoissonArrivalsWithBinomialChurn) {
  const double rate = 3.0, churn = 0.1;
  const std::uint64_t paths = 40000;
  RunOptions options;
  options.paths = paths;
  options.seed = 11;
  options.keep_paths = true;
  const RunResult r = simulate(testing::poisson_churn_scenario(rate, churn, 36), options);
  for (int month : {1, 2, 6, 12, 36}) {
    SCOPED_TRACE("month " + std::to_string(month));
    const double lambda = rate * (1 - std::pow(1 - churn, month)) / churn;
    const ExactSum& clients = r.statistics.series(Series::clients, month).sum;
    ASSERT_EQ(clients.count(), paths);
    // Mean: sd sqrt(lambda / n). Variance of a Poisson equals its mean; the sample variance has
    // sd sqrt((lambda + 2 lambda^2) / n) (fourth central moment lambda + 3 lambda^2).
    EXPECT_NEAR(clients.mean(), lambda, kSigmas * std::sqrt(lambda / paths));
    EXPECT_NEAR(clients.variance(), lambda, kSigmas * std::sqrt((lambda + 2 * lambda * lambda) / paths));

    // The whole law: a chi-square test over cells with at least 20 expected paths.
    std::map<long, double> observed;
    for (Eigen::Index p = 0; p < static_cast<Eigen::Index>(paths); ++p) {
      observed[std::lround(r.path_arrays->series[0](p, month - 1))] += 1;
    }
    const boost::math::poisson_distribution<> law(lambda);
    double chi2 = 0;
    int cells = 0;
    double expected_rest = paths, observed_rest = paths;
    for (long k = 0;; ++k) {
      const double expected = paths * boost::math::pdf(law, static_cast<double>(k));
      if (expected < 20 && static_cast<double>(k) > lambda) break;
      if (expected < 20) continue;  // sparse low cells fall into the remainder
      const double seen = observed.count(k) ? observed[k] : 0.0;
      chi2 += (seen - expected) * (seen - expected) / expected;
      expected_rest -= expected;
      observed_rest -= seen;
      ++cells;
    }
    chi2 += (observed_rest - expected_rest) * (observed_rest - expected_rest) / expected_rest;
    const boost::math::chi_squared_distribution<> reference(cells);  // cells + remainder - 1
    EXPECT_LT(chi2, boost::math::quantile(boost::math::complement(reference, validation::kPerCheckFalseFailure)))
        << "chi2 over " << cells;
  }
}

// Bass diffusion in a large market follows the deterministic Bass difference equation
// F(t) = F(t-1) + (p + q F(t-1)) (1 - F(t-1)); binomial noise is O(1/sqrt(pool)).
TEST(ExactLaws, BassCurveInTheLargeMarketLimit) {
  Scenario s = testing::scenario_before_renewal();
  s.market.population = 1e7;
  s.market.budget_holder_share = 0.1;
  s.market.fit_share = 1.0;  // pool of 1,000,000
  s.market.innovation = 0.02;
  s.market.imitation = 0.3;
  s.market.reservation_price_per_hour = 1e4;
  s.market.reservation_price_spread = 0.0;
  s.clients.churn_per_month = 1.0;  // a client stays one month: clients(t) = newly aware in t
  s.business.session_hours = 1.0 / 60;
  s.business.founder_hours_per_week = 80.0;
  s.business.client_facing_share = 1.0;
  s.clients.sessions_per_month = 0.01;  // capacity for every prospect
  s.household.savings = 1e8;
  s.run.months = 24;
  s.run.sustained_months = 1;
  RunOptions options;
  options.paths = 200;
  options.seed = 5;
  const RunResult r = simulate(s, options);
  double aware = 0;
  const double pool = 1e6;
  for (int month = 1; month <= 24; ++month) {
    const double newly = (0.02 + 0.3 * aware) * (1 - aware);
    aware += newly;
    // Each path's count is binomial with sd at most sqrt(pool)/2 = 500; the mean over 200 paths
    // has sd below 36. Five of those, plus the drift of randomness feeding back: 1e-3 of pool.
    EXPECT_NEAR(r.statistics.mean(Series::clients, month), newly * pool, 1e-3 * pool) << "month " << month;
  }
}

// Constant churn gives geometric stays: with no arrivals after month 1 and exactly one client,
// P(still a client in month t) = (1 - c)^(t - 1).
TEST(ExactLaws, GeometricClientLifetimes) {
  Scenario s = testing::poisson_churn_scenario(0.0, 0.2, 12);
  s.market.arrivals = ArrivalModel::bass;
  s.market.population = 1;
  s.market.budget_holder_share = 1.0;
  s.market.fit_share = 1.0;
  s.market.innovation = 1.0;  // the one prospect hears in month 1
  s.market.imitation = 0.0;
  const std::uint64_t paths = 50000;
  RunOptions options;
  options.paths = paths;
  options.seed = 3;
  const RunResult r = simulate(s, options);
  for (int month = 1; month <= 12; ++month) {
    const double p = std::pow(0.8, month - 1);
    EXPECT_NEAR(r.statistics.mean(Series::clients, month), p, kSigmas * std::sqrt(p * (1 - p) / paths) + 1e-12)
        << "month " << month;
  }
}

}  // namespace
}  // namespace meantime
