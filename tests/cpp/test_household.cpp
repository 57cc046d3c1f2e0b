// The household: benefits as data, a part-time job, partner income, giving up.
#include <gtest/gtest.h>

#include "meantime/benefits.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

using testing::run_kept;

// Universal Credit 2026/27, single, 25+, no housing element (docs/sources.md, Universal Credit rates): maximum £424.90.
TEST(Benefits, AwardsByHandWithAWorkAllowance) {
  // Limited capability for work: work allowance £710, no minimum income floor.
  const Benefits uc = universal_credit_single(2026, true, true, 0.0);
  EXPECT_DOUBLE_EQ(uc.maximum_award, 424.90);
  EXPECT_DOUBLE_EQ(uc.work_allowance, 710.0);
  EXPECT_FALSE(uc.minimum_income_floor);
  EXPECT_DOUBLE_EQ(benefit_award(uc, 500, 0, 0), 424.90);                      // below the allowance
  EXPECT_NEAR(benefit_award(uc, 600, 400, 0), 424.90 - 0.55 * 290, 1e-9);     // 265.40
  EXPECT_DOUBLE_EQ(benefit_award(uc, 2000, 0, 0), 0.0);                        // tapered away
  // With a housing element the allowance is the lower £427.
  const Benefits with_rent = universal_credit_single(2026, true, true, 450.0);
  EXPECT_DOUBLE_EQ(with_rent.maximum_award, 874.90);
  EXPECT_NEAR(benefit_award(with_rent, 1000, 0, 0), 874.90 - 0.55 * 573, 1e-9);
}

TEST(Benefits, TheMinimumIncomeFloorAfterTheStartUpPeriod) {
  const Benefits uc = universal_credit_single(2026, true, false, 0.0);  // no work allowance, floor on
  EXPECT_DOUBLE_EQ(uc.work_allowance, 0.0);
  double losses = 0;
  // Month 6 (start-up period): £300 of profit counts as £300: 424.90 - 165 = 259.90.
  const double early = counted_self_employed_earnings(uc, 300, 6, losses);
  EXPECT_DOUBLE_EQ(early, 300);
  EXPECT_NEAR(benefit_award(uc, 0, early, 0), 259.90, 1e-9);
  // Month 13: counted as at least 1,927.68 - 228.85 = 1,698.83, which tapers the award away.
  const double later = counted_self_employed_earnings(uc, 300, 13, losses);
  EXPECT_NEAR(later, 1698.83, 1e-9);
  EXPECT_DOUBLE_EQ(benefit_award(uc, 0, later, 0), 0.0);
  // 2025/26: NLW £12.21 -> floor 1,851.85 less 209.13.
  const Benefits old = universal_credit_single(2025, false, false, 0.0);
  EXPECT_DOUBLE_EQ(old.maximum_award, 316.98);
  EXPECT_NEAR(counted_self_employed_earnings(old, 0, 13, losses), 1851.85 - 209.13, 1e-9);
  EXPECT_THROW(universal_credit_single(2019, true, true, 0), std::invalid_argument);
}

TEST(Benefits, LossesCarryForward) {
  Benefits rule;
  rule.minimum_income_floor = false;
  double losses = 0;
  EXPECT_EQ(counted_self_employed_earnings(rule, -200, 1, losses), 0.0);
  EXPECT_EQ(losses, 200.0);
  EXPECT_EQ(counted_self_employed_earnings(rule, 150, 2, losses), 0.0);
  EXPECT_EQ(losses, 50.0);
  EXPECT_EQ(counted_self_employed_earnings(rule, 500, 3, losses), 450.0);
  EXPECT_EQ(losses, 0.0);
}

TEST(Benefits, CapitalTariffAndUpperLimit) {
  const Benefits uc = universal_credit_single(2026, true, true, 0.0);
  EXPECT_DOUBLE_EQ(benefit_award(uc, 0, 0, 6000), 424.90);
  EXPECT_NEAR(benefit_award(uc, 0, 0, 7000), 424.90 - 4 * 4.35, 1e-9);  // four steps of £250
  EXPECT_NEAR(benefit_award(uc, 0, 0, 7001), 424.90 - 5 * 4.35, 1e-9);  // "or part of £250"
  EXPECT_DOUBLE_EQ(benefit_award(uc, 0, 0, 16001), 0.0);
}

TEST(Benefits, InTheSimulationTheyRaiseSurvival) {
  Scenario without = default_scenario();
  without.household.other_income_per_month = 400;  // benefits now come from the rule
  Scenario with = without;
  with.benefits = universal_credit_single(2026, true, true, 0.0);
  RunOptions o;
  o.paths = 4000;
  o.seed = 21;
  const RunResult a = simulate(without, o), b = simulate(with, o);
  EXPECT_GT(b.statistics.survival(36), a.statistics.survival(36) + 0.05);
  EXPECT_GT(b.statistics.total(Total::benefits).mean(), 1000.0);
  EXPECT_GT(b.statistics.mean(Series::benefits, 1), 0.0);
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
