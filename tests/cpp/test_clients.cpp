// Clients: waiting list and hiring, budget reviews, council cuts, and the founder's illness.
#include <gtest/gtest.h>

#include "scenarios.hpp"

namespace meantime {
namespace {

using testing::run_kept;

TEST(WaitingList, ProspectsWaitGiveUpAndAreAdmittedFirst) {
  // Hand table: room for 6, 2 referrals a month. From month 4 the two newcomers wait; half the
  // list gives up at each month's end (expectations rounded: 2 -> 1, 3 -> 2 (1.5 rounds up) ...).
  Scenario s = testing::hand_computed_scenario();
  s.clients.waiting_list = true;
  s.clients.waiting_give_up_per_month = 0.5;
  s.clients.churn_per_month = 0.0;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  // Month 4: 0 + 2 waiting, 1 gives up -> 1 left at the end... reported before give-ups: 2.
  EXPECT_DOUBLE_EQ(a[Series::waiting_list](0, 3), 2);
  EXPECT_DOUBLE_EQ(a[Series::waiting_list](0, 4), 1 + 2);
  EXPECT_EQ(r.outcomes->get(0).lost_to_capacity, 1 + 2 + 2);  // give-ups: round(1), round(1.5), round(1.5)
}

TEST(WaitingList, PlacesFreedGoToTheListFirst) {
  Scenario s = testing::hand_computed_scenario();
  s.clients.waiting_list = true;
  s.clients.waiting_give_up_per_month = 0.0;
  s.clients.churn_per_month = 0.5;  // rounded expectations: 2 -> 1 leave, 3 -> 2 (round half up)
  s.run.months = 6;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  // Month 1: 2 clients, 1 leaves; month 2: 1 + 2 = 3, 2 leave; month 3: 1 + 2 = 3 ...
  EXPECT_DOUBLE_EQ(a[Series::clients](0, 1), 3);
  EXPECT_DOUBLE_EQ(a[Series::waiting_list](0, 5), 0);
}

TEST(Staff, HiringWhenTheListIsLongAddsCapacityWithin5Fte) {
  Scenario s = testing::hand_computed_scenario();
  s.clients.waiting_list = true;
  s.clients.waiting_give_up_per_month = 0.0;
  s.staff.hire_when_waiting = 2;
  s.staff.hire_hours_per_week = 5;  // +5 x 52/12 x 0.6 = 13 sessions: 3 more clients
  s.staff.wage_per_hour = 12;
  s.run.months = 8;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  // Month 4: 2 wait -> hire at the month's end; month 5: 9 places, the 2 waiting and 1 newcomer.
  EXPECT_DOUBLE_EQ(a[Series::clients](0, 3), 6);
  EXPECT_DOUBLE_EQ(a[Series::clients](0, 4), 9);
  // The wage shows in the profit: 9 clients x 4 x (10 - 2) - 50 - 5 x 12 x 52/12 = 238 - 260.
  EXPECT_NEAR(a[Series::profit](0, 4), 9 * 4 * 8 - 50 - 260, 1e-9);

  // Never past 5 FTE: a founder at 180 hours may hire once (7.5 more), not twice.
  s.business.founder_hours_per_week = 80;
  s.staff.hours_per_week = 100;
  s.staff.hire_hours_per_week = 7.5;
  s.market.referrals_per_month = 200;
  EXPECT_NO_THROW(run_kept(s));
}

TEST(Reviews, AYearlyReviewEndsPurchases) {
  Scenario s = testing::hand_computed_scenario();
  s.clients.review_month = 3;
  s.clients.review_cut_probability = 1.0;
  s.run.months = 16;
  s.run.sustained_months = 1;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  EXPECT_DOUBLE_EQ(a[Series::clients](0, 1), 4);
  EXPECT_DOUBLE_EQ(a[Series::clients](0, 2), 2);   // month 3: everyone cut, two newcomers
  EXPECT_DOUBLE_EQ(a[Series::clients](0, 14), 2);  // month 15 is March again
  EXPECT_DOUBLE_EQ(a[Series::clients](0, 13), 6);
}

TEST(Reviews, ACouncilCutReducesEveryClientsSessions) {
  Scenario s = testing::hand_computed_scenario();
  s.clients.council_cut_per_month = 1.0;  // a cut every month, deterministically
  s.clients.council_cut_share = 0.25;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  EXPECT_DOUBLE_EQ(a[Series::sessions](0, 0), 6);  // 2 x 4 x 0.75
  EXPECT_DOUBLE_EQ(a[Series::sessions](0, 1), 9);  // 4 x 4 x 0.5625
}

TEST(Reviews, DirectionAtFixedSeeds) {
  // A founder with limited capability for work (no minimum income floor): survival between 0 and 1.
  Scenario calm = default_scenario();
  calm.household.limited_capability = LimitedCapability::lcw;
  Scenario harsh = calm;
  harsh.clients.review_month = 4;
  harsh.clients.review_cut_probability = 0.3;
  harsh.clients.council_cut_per_month = 0.02;
  RunOptions o;
  o.paths = 4000;
  o.seed = 5;
  const RunResult a = simulate(calm, o), b = simulate(harsh, o);
  EXPECT_LT(b.statistics.mean(Series::clients, 36), a.statistics.mean(Series::clients, 36) - 1.0);
  EXPECT_LT(b.statistics.survival(36), a.statistics.survival(36));
}

TEST(Health, IllnessCutsCapacityAndAPeerCoversPart) {
  Scenario s = testing::hand_computed_scenario();
  s.health.illness_per_month = 1.0;  // always ill (deterministic: an episode starts at once)
  s.health.illness_months = 2.0;
  s.health.capacity_lost = 0.5;  // 5 hours: 13 sessions
  s.health.peer_cover_share = 0.5;
  s.health.peer_cover_cost_per_session = 6;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  // Month 3: 6 clients book 24; the founder delivers 13; a peer half of the other 11 (5.5 -> 6).
  EXPECT_DOUBLE_EQ(a[Series::sessions](0, 2), 13 + 6);
  EXPECT_DOUBLE_EQ(a[Series::profit](0, 2), 19 * 10 - 50 - 13 * 2 - 6 * 6);
  EXPECT_EQ(r.outcomes->get(0).months_ill, 6);
  EXPECT_EQ(r.outcomes->get(0).sessions_covered, 0 + 2 + 6 * 4);  // month 2: 16 booked, 13 + round(1.5)
}

TEST(Health, MoreIllnessLowersSurvival) {
  Scenario well = testing::scenario_before_renewal();
  well.household.limited_capability = LimitedCapability::lcw;  // survival between 0 and 1
  Scenario unwell = well;
  unwell.health.illness_per_month = 0.08;
  unwell.health.capacity_lost = 0.8;
  RunOptions o;
  o.paths = 4000;
  o.seed = 6;
  const RunResult a = simulate(well, o), b = simulate(unwell, o);
  EXPECT_LT(b.statistics.survival(36), a.statistics.survival(36));
  EXPECT_GT(b.statistics.total(Total::months_ill).mean(), 1.0);
  // And peer cover wins some of it back, with the same illnesses (common random numbers).
  Scenario covered = unwell;
  covered.health.peer_cover_share = 0.8;
  covered.health.peer_cover_cost_per_session = 4;
  const RunResult c = simulate(covered, o);
  EXPECT_GT(c.statistics.survival(36), b.statistics.survival(36));
  EXPECT_GT(c.statistics.total(Total::sessions_covered).mean(), 0.0);
  // The same illnesses strike the same paths: where both versions survive, months ill agree.
  const Eigen::Array<bool, Eigen::Dynamic, 1> both =
      b.outcomes->failure_month == kNever && c.outcomes->failure_month == kNever;
  EXPECT_GT(both.count(), 1000);
  EXPECT_TRUE((both.select(b.outcomes->months_ill - c.outcomes->months_ill, 0) == 0).all());
}

}  // namespace
}  // namespace meantime
