// The market's routes, renewal, committed clients and the research prior; missed sessions,
// weeks off and travel.
#include <gtest/gtest.h>

#include <cmath>

#include "digest.hpp"
#include "market.hpp"
#include "path_model.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

RunResult run(const Scenario& s, std::uint64_t paths, std::uint64_t seed) {
  RunOptions o;
  o.paths = paths;
  o.seed = seed;
  return simulate(s, o);
}

// Switched off, the new parts leave every output as it was: their own settings do not matter,
// and no draw of theirs shifts another.
TEST(Market, SwitchedOffTheNewPartsChangeNothing) {
  const Scenario base = testing::before_renewal(default_scenario());
  Scenario off = base;
  off.market.routes.self_funded.share = 0.01;
  off.market.routes.council_list = true;
  off.market.routes.council_list_cost = 500.0;
  off.market.renewal.turnover_per_year = 0.9;
  off.market.renewal.return_per_month = 0.2;
  off.market.committed_start_probability = 0.3;
  off.clients.missed_charged = !base.clients.missed_charged;
  for (std::uint64_t seed : {0u, 2026u}) {
    const RunResult a = run(base, 500, seed), b = run(off, 500, seed);
    EXPECT_EQ(testing::digest(*a.outcomes), testing::digest(*b.outcomes));
    EXPECT_EQ(testing::digest(a.statistics), testing::digest(b.statistics));
  }
}

// research(n, k) with the uniform prior is the Beta(1 + k, 1 + n - k) posterior, draw for draw.
TEST(Market, ResearchWithTheUniformPriorIsTheBetaPosterior) {
  const Distribution r = research(40, 10, 0.5), b = beta(11, 31);
  EXPECT_EQ(r.mean(), b.mean());
  for (std::uint64_t slot = 1; slot < 50; ++slot) {
    UniformStream s1(PathKey{3, slot}, 0, 3), s2(PathKey{3, slot}, 0, 3);
    EXPECT_EQ(r.draw(s1), b.draw(s2));
  }
  // An informative prior: asking nobody leaves its mean; research moves it.
  EXPECT_DOUBLE_EQ(research(0, 0, 0.05).mean(), 0.05);
  EXPECT_DOUBLE_EQ(research(40, 10, 0.05).mean(), 10.1 / 42.0);
  EXPECT_NE(research(10, 1, 0.0).parameter_problem(), "");
  EXPECT_NE(research(10, 1, 1.0).parameter_problem(), "");
}

// An immigration-death pool started empty: newcomers Poisson(lambda) a month, each person leaves
// with chance mu a month (after their first month), so the pool after t months is exactly
// Poisson(lambda (1 - (1 - mu)^t) / mu): mean and variance both that.
TEST(Market, ARenewingPoolIsAnImmigrationDeathProcess) {
  MarketParameters p;
  p.renewing = true;
  p.newcomers_per_month = 10.0;
  p.leave_per_month = 0.05;
  const int months = 30;
  const int paths = 20000;
  SamplerCache cache;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < paths; ++i) {
    MarketState state;
    for (int month = 1; month <= months; ++month) {
      MonthDraws draws(PathKey{7, static_cast<std::uint64_t>(i)}, month, false, cache);
      renew_pool(p, state, draws);
    }
    sum += static_cast<double>(state.pool);
    sum_sq += static_cast<double>(state.pool) * static_cast<double>(state.pool);
  }
  const double expected = 10.0 * (1.0 - std::pow(0.95, months)) / 0.05;
  const double mean = sum / paths, variance = sum_sq / paths - mean * mean;
  // Standard error of the mean: sqrt(variance / paths); of the sample variance of a Poisson,
  // about sqrt((mu + 2 mu^2) / paths). Four of each: a false failure about once in 16,000 runs.
  EXPECT_NEAR(mean, expected, 4 * std::sqrt(expected / paths));
  EXPECT_NEAR(variance, expected, 4 * std::sqrt((expected + 2 * expected * expected) / paths));
}

// With renewal, the pool's expected size stays at the drawn pool, and the run does not run dry:
// clients in the last year stay near those of the second.
TEST(Market, WithRenewalTheMarketDoesNotRunDry) {
  Scenario s = testing::before_renewal(default_scenario());
  s.household.savings = 1e7;  // every path followed to the end
  s.run.months = 60;
  Scenario renewing = s;
  renewing.market.renewal.enabled = true;
  renewing.market.renewal.turnover_per_year = 0.3;
  const RunResult fixed = run(s, 2000, 5), renewed = run(renewing, 2000, 5);
  auto mean_clients = [](const RunResult& r, int month) { return r.statistics.mean(Series::clients, month); };
  EXPECT_LT(mean_clients(fixed, 60), 0.6 * mean_clients(fixed, 24));      // the fixed pool is spent
  EXPECT_GT(mean_clients(renewed, 60), 0.8 * mean_clients(renewed, 24));  // the renewing pool is not
}

Scenario route_scenario() {
  Scenario s = testing::before_renewal(default_scenario());
  s.market.budget_holder_share = 0.0;  // unused with routes
  s.market.population = 100000.0;
  s.market.fit_share = 0.1;
  s.market.reservation_price_per_hour = 22.0;
  auto& r = s.market.routes;
  r.enabled = true;
  r.direct_payment = {0.002, 1.0, PayingChannel::direct_payment};
  r.health_budget = {0.0005, 1.2, PayingChannel::personal_health_budget};
  r.service_fund = {0.0005, 1.0, PayingChannel::individual_service_fund};
  r.council_managed = {0.004, 1.0, PayingChannel::individual_service_fund};
  r.self_funded = {0.01, 0.8, PayingChannel::self_funded};
  r.council_list = true;
  r.council_list_months = 0;
  s.clients.churn_per_month = 0.0;
  s.clients.sessions_per_month = 1.0;
  s.business.session_hours = 1.0 / 60;  // room for every prospect
  s.business.price_per_session = 22.0 / 60;
  s.business.founder_hours_per_week = 40.0;
  s.household.savings = 1e8;
  s.run.months = 24;
  return s;
}

// Each route's share of clients is its share of the pool times its chance of paying, over the
// sum of those: a multinomial split of the prospects.
TEST(Market, EachRoutesShareOfClientsIsItsShareOfThePoolTimesItsConversion) {
  const Scenario s = route_scenario();
  PathModel model(s);
  SamplerCache cache;
  RouteCounts clients{};
  const int paths = 400;
  for (int i = 0; i < paths; ++i) {
    PathState state;
    const PathKey key{11, static_cast<std::uint64_t>(i)};
    model.start(state, key);
    for (int month = 1; month <= s.run.months; ++month) model.step(state, key, month, cache);
    EXPECT_EQ(sum(state.clients.active_by_route), state.clients.active);
    add(clients, state.clients.active_by_route);
  }
  PathState probe;
  model.start(probe, PathKey{11, 0});
  const auto mix = probe.market.can_pay_mix(1);
  double mass = 0;
  for (double m : mix) mass += m;
  const double total = static_cast<double>(sum(clients));
  ASSERT_GT(total, 10000);
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    const double expected = mix[r] / mass;
    // Multinomial standard error of a share over `total` clients; four of them.
    EXPECT_NEAR(static_cast<double>(clients[r]) / total, expected, 4 * std::sqrt(expected * (1 - expected) / total))
        << "route " << r;
  }
  // Self-funders can pay less: their share of clients is below their share of the pool.
  EXPECT_LT(mix[4] / mass, probe.market.route_share[4]);
}

// Off the council's list, council-managed budgets never buy; getting on it costs money in month 1.
TEST(Market, CouncilManagedBudgetsBuyOnlyFromListedProviders) {
  Scenario s = route_scenario();
  s.market.routes.council_list = false;
  PathModel model(s);
  PathState state;
  model.start(state, PathKey{1, 1});
  EXPECT_EQ(state.market.route_share[kCouncilManaged], 0.0);
  s.market.routes.council_list = true;
  s.market.routes.council_list_months = 6;
  PathModel listed(s);
  listed.start(state, PathKey{1, 1});
  EXPECT_EQ(state.market.can_pay_mix(6)[kCouncilManaged], 0.0);
  EXPECT_GT(state.market.can_pay_mix(7)[kCouncilManaged], 0.0);
  s.market.routes.council_list_cost = 400.0;
  s.run.deterministic = true;
  Scenario free_listing = s;
  free_listing.market.routes.council_list_cost = 0.0;
  const RunResult a = testing::run_kept(s), b = testing::run_kept(free_listing);
  EXPECT_DOUBLE_EQ((*a.path_arrays)[Series::profit](0, 0), (*b.path_arrays)[Series::profit](0, 0) - 400.0);
}

// The people already found: month 1's clients are Binomial(committed, chance) when the market
// itself sends nobody.
TEST(Market, CommittedPeopleStartWithTheirChance) {
  Scenario s = route_scenario();
  s.market.routes.enabled = false;
  s.market.population = 0.0;
  s.market.committed_clients = 10;
  s.market.committed_start_probability = 0.7;
  s.run.months = 1;
  s.run.sustained_months = 1;
  const int paths = 4000;
  const RunResult r = run(s, paths, 3);
  const double mean = r.statistics.mean(Series::clients, 1);
  EXPECT_NEAR(mean, 7.0, 4 * std::sqrt(10 * 0.7 * 0.3 / paths));  // four standard errors
}

// Charging for missed sessions adds exactly price x missed sessions to billing, path by path
// (the same draws either way), and the share missed is the field's.
TEST(Market, ChargingForMissedSessionsMovesRevenueByTheExpectedAmount) {
  Scenario s = testing::before_renewal(default_scenario());
  s.household.savings = 1e7;  // nobody fails: billing is counted to the horizon on every path
  s.clients.missed_share = 0.2;
  Scenario charged = s;
  charged.clients.missed_charged = true;
  const RunResult a = run(s, 2000, 9), b = run(charged, 2000, 9);
  const double price = s.business.price_per_session;
  double missed = 0, delivered = 0;
  for (Eigen::Index i = 0; i < a.outcomes->size(); ++i) {
    const double extra = b.outcomes->billed(i) - a.outcomes->billed(i);
    EXPECT_EQ(a.outcomes->sessions_delivered(i), b.outcomes->sessions_delivered(i));
    missed += extra / price;
    delivered += static_cast<double>(a.outcomes->sessions_delivered(i));
    EXPECT_NEAR(extra / price, std::round(extra / price), 1e-6);
  }
  // Given the sessions each month, those missed are binomial: the share's standard error is
  // sqrt(p (1 - p) / sessions); four of them.
  const double sessions = missed + delivered;
  EXPECT_NEAR(missed / sessions, 0.2, 4 * std::sqrt(0.2 * 0.8 / sessions));
}

// Weeks off shrink the month's bookings and capacity alike; costs go on.
TEST(Market, WeeksOffCutSessionsInProportion) {
  Scenario s = testing::hand_computed_scenario();
  s.run.months = 12;
  Scenario off = s;
  off.business.weeks_off_per_year = 6.5;  // an eighth of the year
  const RunResult a = testing::run_kept(s), b = testing::run_kept(off);
  const PathMatrix &sa = (*a.path_arrays)[Series::sessions], &sb = (*b.path_arrays)[Series::sessions];
  for (int m = 0; m < 12; ++m) EXPECT_EQ(sb(0, m), std::floor(sa(0, m) * 7.0 / 8.0 + 1e-9)) << "month " << m + 1;
}

TEST(Market, TravelComesOutOfTheClientFacingHours) {
  Business b;
  b.session_hours = 0.5;
  b.client_facing_share = 0.7;
  b.travel_minutes_per_visit = 0.0;
  EXPECT_EQ(session_capacity(b, 15.0), 91);  // 15 x 52/12 x 0.7 / 0.5 = 91
  b.travel_minutes_per_visit = 30;
  EXPECT_EQ(session_capacity(b, 15.0), 45);  // ... / (0.5 + 0.5) = 45.5
}

}  // namespace
}  // namespace meantime
