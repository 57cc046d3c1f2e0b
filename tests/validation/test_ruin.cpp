// Ruin: a simple random walk of cash against the gambler's-ruin formula (exactly, by dynamic
// programming for a finite horizon), Normal monthly net cash against its closed form, and
// Lundberg's bound.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "budget.hpp"
#include "meantime/samplers.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

using validation::kSigmas;

// One client booked for exactly two £5 sessions a month, paid at once unless the month's
// invoice goes bad (chance b); £5 of fixed costs. Net cash is +£5 with chance 1 - b, else -£5:
// a ±1 random walk in units of £5, starting at savings / 5, ruined on reaching -1.
Scenario random_walk_scenario(double bad_debt, int units, int months) {
  Scenario s = testing::scenario_before_renewal();
  s.market.population = 1;
  s.market.budget_holder_share = 1.0;
  s.market.fit_share = 1.0;
  s.market.innovation = 1.0;
  s.market.imitation = 0.0;
  s.market.reservation_price_per_hour = 1000.0;
  s.market.reservation_price_spread = 0.0;
  s.clients.churn_per_month = 0.0;
  s.clients.sessions_per_month = 2.0;
  s.clients.session_count = SessionCount::fixed;
  s.payments.direct_payment.share = 0.0;
  s.payments.self_funded.share = 1.0;
  s.payments.self_funded.bad_debt_rate = bad_debt;
  s.business.price_per_session = 5.0;
  s.business.session_hours = 1.0;
  s.business.startup_costs = 0.0;
  s.business.fixed_costs_per_month = 5.0;
  s.business.variable_cost_per_session = 0.0;
  s.household.savings = 5.0 * units;
  s.household.living_costs_per_month = 0.0;
  s.household.other_income_per_month = 0.0;
  s.household.drawings_buffer = 1e9;  // cash stays in the business: only the total matters
  s.benefits.enabled = false;         // the walk is the business's cash alone
  s.tax.enabled = false;
  s.run.months = months;
  s.run.sustained_months = 1;
  return s;
}

// P(the walk from k reaches -1 within n steps), up-step chance p, by dynamic programming.
double ruin_within(int k, double p, int n) {
  std::vector<double> alive(static_cast<std::size_t>(k + n + 2), 0.0);
  alive[static_cast<std::size_t>(k)] = 1.0;
  double ruined = 0.0;
  for (int step = 0; step < n; ++step) {
    std::vector<double> next(alive.size(), 0.0);
    for (std::size_t x = 0; x + 1 < alive.size(); ++x) {
      if (alive[x] == 0.0) continue;
      next[x + 1] += p * alive[x];
      if (x == 0)
        ruined += (1 - p) * alive[x];
      else
        next[x - 1] += (1 - p) * alive[x];
    }
    alive.swap(next);
  }
  return ruined;
}

double ruin_share(const RunResult& r) { return 1.0 - r.statistics.survival(r.months); }

TEST(Ruin, GamblersRuinOverAFiniteHorizon) {
  const std::uint64_t paths = 40000;
  for (const auto& [bad_debt, units, months] :
       {std::tuple{0.4, 2, 24}, std::tuple{0.45, 5, 120}, std::tuple{0.5, 3, 60}}) {
    SCOPED_TRACE(::testing::PrintToString(std::tuple{bad_debt, units, months}));
    RunOptions o;
    o.paths = paths;
    o.seed = 31;
    o.keep_outcomes = false;
    const RunResult r = simulate(random_walk_scenario(bad_debt, units, months), o);
    const double exact = ruin_within(units, 1.0 - bad_debt, months);
    EXPECT_NEAR(ruin_share(r), exact, kSigmas * std::sqrt(exact * (1 - exact) / paths));
  }
}

TEST(Ruin, TheFiniteHorizonApproachesTheClassicalFormula) {
  // Infinite horizon, p > 1/2: ruin from k (absorbed at -1) has chance (q / p)^(k + 1). Over
  // 600 months the finite-horizon answer is within 1e-8 of it (9.8e-9 short), so the
  // simulation is checked against the formula itself.
  const double p = 0.6, q = 0.4;
  const int units = 3;
  const double classical = std::pow(q / p, units + 1);
  EXPECT_NEAR(ruin_within(units, p, 600), classical, 1e-8);
  const std::uint64_t paths = 20000;
  RunOptions o;
  o.paths = paths;
  o.seed = 32;
  o.keep_outcomes = false;
  const RunResult r = simulate(random_walk_scenario(q, units, 600), o);
  EXPECT_NEAR(ruin_share(r), classical, kSigmas * std::sqrt(classical * (1 - classical) / paths));
  // Lundberg: for a simple walk, exp(-R u) with e^R = p / q and u = k + 1 is exact; the
  // estimate stays under it within its standard error.
  const double lundberg = std::exp(-std::log(p / q) * (units + 1));
  EXPECT_LE(ruin_share(r), lundberg + kSigmas * std::sqrt(lundberg * (1 - lundberg) / paths));
}

// No business at all; the household earns £1,000 and spends £900 a month give or take £300
// (normal): cash at month T is Normal(S + 100 T, 300 sqrt(T)) exactly.
Scenario normal_cash_scenario(double savings, int months) {
  Scenario s = testing::scenario_before_renewal();
  s.market.population = 0;  // nobody to sell to
  s.business.startup_costs = 0;
  s.business.fixed_costs_per_month = 0;
  s.household.savings = savings;
  s.household.other_income_per_month = 1000;
  s.household.living_costs_per_month = 900;
  s.household.living_costs_sd = 300;
  s.benefits.enabled = false;  // the household's cash is the normal walk alone
  s.run.months = months;
  s.run.sustained_months = 1;
  return s;
}

TEST(Ruin, NormalMonthlyNetCashSumsToANormal) {
  const int months = 36;
  const std::uint64_t paths = 40000;
  RunOptions o;
  o.paths = paths;
  o.seed = 33;
  // Savings 0: many paths fail, but final_cash follows the venture to the horizon regardless.
  const RunResult r = simulate(normal_cash_scenario(0.0, months), o);
  const Eigen::ArrayXd& cash = r.outcomes->final_cash;
  const double mean = 100.0 * months, sd = 300.0 * std::sqrt(static_cast<double>(months));
  const double n = static_cast<double>(paths);
  EXPECT_NEAR(cash.mean(), mean, kSigmas * sd / std::sqrt(n));
  const double variance = (cash - cash.mean()).square().sum() / (n - 1);
  EXPECT_NEAR(variance, sd * sd, kSigmas * sd * sd * std::sqrt(2.0 / n));
  // P(cash at T < 0) = Phi(-100 T / (300 sqrt T)) = Phi(-2).
  const double below = normal_cdf(-mean / sd);
  EXPECT_NEAR((cash < 0).cast<double>().mean(), below, kSigmas * std::sqrt(below * (1 - below) / n));
}

TEST(Ruin, LundbergBoundForNormalNetCash) {
  // Ruin with drift mu and sd sigma from capital u is at most exp(-2 mu u / sigma^2).
  const double u = 1000, mu = 100, sigma = 300;
  const std::uint64_t paths = 20000;
  RunOptions o;
  o.paths = paths;
  o.seed = 34;
  o.keep_outcomes = false;
  const RunResult r = simulate(normal_cash_scenario(u, 600), o);
  const double bound = std::exp(-2 * mu * u / (sigma * sigma));
  const double ruin = ruin_share(r);
  EXPECT_GT(ruin, 0.01);  // the check has teeth: ruin is common enough to measure
  EXPECT_LE(ruin, bound + kSigmas * std::sqrt(bound * (1 - bound) / paths));
}

}  // namespace
}  // namespace meantime
