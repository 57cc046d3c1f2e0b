// The household: benefits in a run, a part-time job, partner income, giving up.
#include <gtest/gtest.h>

#include "meantime/benefits.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

using testing::run_kept;

TEST(Benefits, InTheSimulationTheyRaiseSurvival) {
  // A founder with limited capability for work: a work allowance and no floor.
  Scenario with = default_scenario();
  with.household.limited_capability = LimitedCapability::lcw;
  Scenario without = with;
  without.benefits.enabled = false;
  RunOptions o;
  o.paths = 4000;
  o.seed = 21;
  const RunResult a = simulate(without, o), b = simulate(with, o);
  EXPECT_GT(b.statistics.survival(36), a.statistics.survival(36) + 0.05);
  EXPECT_GT(b.statistics.total(Total::benefits).mean(), 1000.0);
  EXPECT_EQ(b.statistics.mean(Series::benefits, 1), 0.0);  // the first award is paid in month 2
  EXPECT_GT(b.statistics.mean(Series::benefits, 2), 0.0);
  EXPECT_EQ(a.statistics.total(Total::benefits).mean(), 0.0);
}

TEST(Household, AJobTakesHoursAndPaysAWage) {
  Scenario s = testing::hand_computed_scenario();
  s.business.founder_hours_per_week = 15;  // 5 of them for a job: 10 left, as in the hand table
  s.household.job_hours_per_week = 5;
  s.household.job_wage_per_hour = 12;  // 5 x 12 x 52 / 12 = 260 a month
  s.household.partner_income_per_month = 40;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  // The business is the hand table's; the household gains 300 a month: 914 - 286 = 614 + 300.
  EXPECT_DOUBLE_EQ(a[Series::clients](0, 5), 6);
  EXPECT_DOUBLE_EQ(a[Series::household_cash](0, 0), 914.0);
  EXPECT_DOUBLE_EQ(a[Series::household_cash](0, 1), 914.0 - 100 + 300);
  // And living break-even needs only 800 - 700 - 300 = -200: met from the first month.
  EXPECT_EQ(r.outcomes->get(0).living_break_even_month, 1);
}

TEST(Household, GivingUpAfterMonthsWithoutLivingBreakEven) {
  Scenario s = testing::hand_computed_scenario();
  s.household.living_costs_per_month = 2000;  // the business never pays the founder's way
  s.household.savings = 1e6;
  s.run.months = 12;
  s.run.give_up_after_months = 9;
  const RunResult r = run_kept(s);
  EXPECT_EQ(r.outcomes->get(0).failure_month, 9);
  EXPECT_EQ(r.outcomes->get(0).failure_cause, FailureCause::gave_up);
  EXPECT_EQ(r.statistics.failures(FailureCause::gave_up).reached_by(12), 1u);
  EXPECT_DOUBLE_EQ(r.statistics.survival(8), 1.0);
  EXPECT_DOUBLE_EQ(r.statistics.survival(9), 0.0);
}

}  // namespace
}  // namespace meantime
