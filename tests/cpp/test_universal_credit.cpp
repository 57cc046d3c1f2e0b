// Universal Credit month by month for stated households, each worked by hand from the
// regulations (UC Regs 2013; 2026/27 rates, docs/sources.md, Universal Credit rates and rules).
//
// Figures used throughout (2026/27):
//   standard allowance: single 25+ 424.90, single under 25 338.58, couple 25+ 666.97;
//   LCWRA element 217.26 (new claims), 429.80 (claims before April 2026);
//   work allowance (LCW/LCWRA only) 427 with housing costs, 710 without; taper 55%.
//   Floor, 35 h: 12.71 x 35 x 52 / 12 = 23,132.20 / 12 = 1,927.683 gross; notional income tax
//   20% and Class 4 NI 6% above 12,570 a year: 26% x 10,562.20 = 2,746.172 / 12 = 228.848;
//   net 20,386.028 / 12 = 1,698.8357 (reg. 62(4)).
#include <gtest/gtest.h>

#include "meantime/benefits.hpp"
#include "meantime/tax.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

constexpr double kCent = 0.005;  // "to the penny"
constexpr double kFloor35 = 20386.028 / 12;

struct Claim {
  Benefits rule = universal_credit(2026);
  Household household;
  Tax tax;
  ClaimState state;
  // One assessment period: self-employed earnings after tax, wages, partner's, capital.
  Assessment month(int m, double self_employed, double employed = 0, double partner = 0, double capital = 0) {
    return assess(rule, claim_terms(rule, household, tax), m, EarnedIncome{self_employed, employed, partner}, capital,
                  state);
  }
};

Household single(LimitedCapability lc, double housing) {
  Household h;
  h.limited_capability = lc;
  h.housing_costs_per_month = housing;
  return h;
}

// 1. Single, 25+, no limited capability, no housing, no job; start-up year then the floor.
TEST(UniversalCredit, SingleNoHousingStartUpYearThenFloor) {
  Claim c;
  c.household = single(LimitedCapability::none, 0);
  EXPECT_NEAR(claim_terms(c.rule, c.household, c.tax).individual_threshold, kFloor35, 1e-9);
  // Month 6: no work allowance, £300 tapered from the first pound: 424.90 - 0.55 x 300 = 259.90.
  EXPECT_NEAR(c.month(6, 300).award, 259.90, kCent);
  EXPECT_DOUBLE_EQ(c.month(6, 300).floor_lift, 0.0);
  // Month 12 is still the start-up period (reg. 63): 259.90 again.
  EXPECT_NEAR(c.month(12, 300).award, 259.90, kCent);
  // Month 13: earned income taken as 1,698.84; 424.90 - 934.36 < 0: nil.
  const Assessment later = c.month(13, 300);
  EXPECT_DOUBLE_EQ(later.award, 0.0);
  EXPECT_NEAR(later.floor_lift, kFloor35 - 300, 1e-9);
}

// 2. Single, no limited capability, housing £600: the floor leaves a small award.
TEST(UniversalCredit, SingleWithHousingUnderTheFloor) {
  Claim c;
  c.household = single(LimitedCapability::none, 600);
  // 424.90 + 600 - 0.55 x 1,698.8357 = 1,024.90 - 934.3596 = 90.54.
  EXPECT_NEAR(c.month(13, 300).award, 90.54, kCent);
}

// 3. The floor compares with total earned income, a job's wages included (reg. 62(2)); it is
// not added to them.
TEST(UniversalCredit, FloorWithAJobIsComparedWithTotalEarnings) {
  Claim c;
  c.household = single(LimitedCapability::none, 600);
  // 10 h a week at 12.71: 550.77 a month (no tax or NI below the thresholds) + £200 profit =
  // 750.77 < 1,698.84: taken as 1,698.84, award 90.54 as without the job.
  const double wages = 10 * 12.71 * 52 / 12;
  const Assessment a = c.month(13, 200, wages);
  EXPECT_NEAR(a.award, 90.54, kCent);
  EXPECT_NEAR(a.floor_lift, kFloor35 - 200 - wages, 1e-9);
  // Wages 1,500 + profit 300 = 1,800 > the floor: no lift, 1,024.90 - 0.55 x 1,800 = 34.90.
  const Assessment b = c.month(13, 300, 1500);
  EXPECT_DOUBLE_EQ(b.floor_lift, 0.0);
  EXPECT_NEAR(b.award, 34.90, kCent);
}

// 4. LCW, housing £450: work allowance 427, no floor ever.
TEST(UniversalCredit, LimitedCapabilityForWorkWithHousing) {
  Claim c;
  c.household = single(LimitedCapability::lcw, 450);
  // Month 20, profit 800: 874.90 - 0.55 x (800 - 427) = 874.90 - 205.15 = 669.75.
  const Assessment a = c.month(20, 800);
  EXPECT_NEAR(a.award, 669.75, kCent);
  EXPECT_DOUBLE_EQ(a.floor_lift, 0.0);
}

// 5. LCWRA, no housing: work allowance 710 and the LCWRA element, new-claim or older rate.
TEST(UniversalCredit, LcwraElementNewClaimAndOlderRate) {
  Claim c;
  c.household = single(LimitedCapability::lcwra, 0);
  // 424.90 + 217.26 - 0.55 x (1,000 - 710) = 642.16 - 159.50 = 482.66.
  EXPECT_NEAR(c.month(20, 1000).award, 482.66, kCent);
  c.household.lcwra_claim_before_april_2026 = true;
  // 424.90 + 429.80 - 159.50 = 695.20.
  EXPECT_NEAR(c.month(20, 1000).award, 695.20, kCent);
}

// 6. Under 25, nothing earned: the younger standard allowance in full.
TEST(UniversalCredit, UnderTwentyFive) {
  Claim c;
  c.household = single(LimitedCapability::none, 0);
  c.household.age_band = AgeBand::under_25;
  EXPECT_NEAR(c.month(3, 0).award, 338.58, kCent);
}

// 7. A couple whose partner has no work-related requirements (expected hours 0: adds nothing to
// the couple threshold, reg. 90(3)(a)): reg. 62(3) treats the founder as earning their
// threshold less the partner's earnings.
TEST(UniversalCredit, CoupleFloorReg62Paragraph3) {
  Claim c;
  c.household = single(LimitedCapability::none, 700);
  c.household.couple = true;
  c.household.partner_expected_hours_per_week = 0;
  // Founder 200 < 1,698.84 and couple 700 < 1,698.84: founder taken as 1,698.84 - 500 =
  // 1,198.84; joint earnings 1,698.84; 666.97 + 700 - 934.36 = 432.61.
  const Assessment a = c.month(13, 200, 0, 500);
  EXPECT_NEAR(a.award, 432.61, kCent);
  EXPECT_NEAR(a.floor_lift, kFloor35 - 500 - 200, 1e-9);
  // Partner earns 1,800: the couple is above its threshold, no floor: 1,366.97 - 0.55 x 1,900 = 321.97.
  const Assessment b = c.month(13, 100, 0, 1800);
  EXPECT_DOUBLE_EQ(b.floor_lift, 0.0);
  EXPECT_NEAR(b.award, 321.97, kCent);
  // Both expected to work 35 h: couple threshold 2 x 1,698.84. Partner 2,000 exceeds their own
  // by 301.16, so the founder is taken as 1,698.84 - 301.16 = 1,397.67, and the couple earns
  // exactly the couple threshold 3,397.67: 666.97 + 700 - 1,868.72 < 0: nil.
  c.household.partner_expected_hours_per_week = 35;
  const Assessment d = c.month(13, 0, 0, 2000);
  EXPECT_NEAR(d.earned_income, 2 * kFloor35, 1e-9);
  EXPECT_DOUBLE_EQ(d.award, 0.0);
}

// 8. A couple in the start-up year: joint earnings tapered, couple allowance.
TEST(UniversalCredit, CoupleStartUpYear) {
  Claim c;
  c.household = single(LimitedCapability::none, 0);
  c.household.couple = true;
  // 666.97 - 0.55 x (300 + 600) = 666.97 - 495 = 171.97.
  EXPECT_NEAR(c.month(4, 300, 0, 600).award, 171.97, kCent);
}

// 9. Capital (reg. 72): below, between and above the limits.
TEST(UniversalCredit, CapitalBelowBetweenAndAboveTheLimits) {
  Claim c;
  c.household = single(LimitedCapability::lcw, 0);
  EXPECT_NEAR(c.month(2, 0, 0, 0, 5999).award, 424.90, kCent);
  EXPECT_NEAR(c.month(2, 0, 0, 0, 6000).award, 424.90, kCent);
  EXPECT_NEAR(c.month(2, 0, 0, 0, 7000).award, 424.90 - 4 * 4.35, kCent);  // four steps: 407.50
  EXPECT_NEAR(c.month(2, 0, 0, 0, 7001).award, 424.90 - 5 * 4.35, kCent);  // "or part of £250": 403.15
  EXPECT_DOUBLE_EQ(c.month(2, 0, 0, 0, 16001).award, 0.0);
}

// 10. Surplus earnings (reg. 54A), LCW, no housing: the nil-award level is 710 + 424.90 / 0.55 =
// 1,482.55, and the relevant threshold £300 above it.
TEST(UniversalCredit, SurplusEarningsCarryIntoTheNextClaim) {
  Claim c;
  c.household = single(LimitedCapability::lcw, 0);
  EXPECT_NEAR(c.month(1, 500).award, 424.90, kCent);  // below the work allowance
  // Month 2: £5,000 ends the award; surplus 5,000 - 1,482.55 - 300 = 3,217.45.
  EXPECT_DOUBLE_EQ(c.month(2, 5000).award, 0.0);
  EXPECT_NEAR(c.state.surplus, 3217.4545, 1e-3);
  // Month 3, nothing earned: the surplus alone is above the nil level, nil again; adjusted
  // surplus 3,217.45 - 1,782.55 = 1,434.91.
  EXPECT_DOUBLE_EQ(c.month(3, 0).award, 0.0);
  EXPECT_NEAR(c.state.surplus, 1434.9091, 1e-3);
  // Month 4: 424.90 - 0.55 x (1,434.91 - 710) = 424.90 - 398.70 = 26.20; the surplus is used up.
  EXPECT_NEAR(c.month(4, 0).award, 26.20, kCent);
  EXPECT_DOUBLE_EQ(c.state.surplus, 0.0);
  EXPECT_NEAR(c.month(5, 0).award, 424.90, kCent);
}

// 11. Losses carried forward (reg. 57A), LCW, no housing.
TEST(UniversalCredit, LossesCarriedForward) {
  Claim c;
  c.household = single(LimitedCapability::lcw, 0);
  EXPECT_NEAR(c.month(1, -400).award, 424.90, kCent);
  EXPECT_DOUBLE_EQ(c.state.loss_carried_forward, 400.0);
  // 1,000 less the 400 loss = 600 < 710: the full award.
  EXPECT_NEAR(c.month(2, 1000).award, 424.90, kCent);
  EXPECT_DOUBLE_EQ(c.state.loss_carried_forward, 0.0);
  // 424.90 - 0.55 x 290 = 265.40.
  EXPECT_NEAR(c.month(3, 1000).award, 265.40, kCent);
}

// 12. Not judged gainfully self-employed: no floor, treated as any low earner.
TEST(UniversalCredit, NotGainfullySelfEmployedHasNoFloor) {
  Claim c;
  c.household = single(LimitedCapability::none, 600);
  c.household.gainfully_self_employed = false;
  // 1,024.90 - 0.55 x 300 = 859.90.
  EXPECT_NEAR(c.month(13, 300).award, 859.90, kCent);
}

// 13. The floor's notional deductions as employed pay (Class 1 at 8%) and expected hours below 35.
TEST(UniversalCredit, FloorDeductionsAndExpectedHours) {
  Claim c;
  c.household = single(LimitedCapability::none, 600);
  c.rule.floor_deductions = FloorDeductions::employed;
  // 23,132.20 - 20% and 8% of 10,562.20 = 20,174.784 a year: 1,681.232 a month;
  // 1,024.90 - 0.55 x 1,681.232 = 100.22.
  EXPECT_NEAR(c.month(13, 0).award, 100.22, kCent);
  c.rule.floor_deductions = FloorDeductions::self_employed;
  c.household.expected_hours_per_week = 20;  // reg. 88
  c.household.housing_costs_per_month = 450;
  // 12.71 x 20 x 52 = 13,218.40 a year; 26% of 648.40 = 168.584; net 13,049.816 / 12 = 1,087.485;
  // 874.90 - 0.55 x 1,087.485 = 276.78.
  EXPECT_NEAR(c.month(13, 0).award, 276.78, kCent);
}

// 14. Steady state: constant profit all year, floor not binding, equals the annual calculation
// to the penny. £2,500 a month = £30,000 a year: income tax 20% and Class 4 6% of 17,430 =
// 4,531.80; a year's maximum with £900 rent 12 x 1,324.90 = 15,898.80; taper on 25,468.20:
// 14,007.51; a year's award 1,891.29.
TEST(UniversalCredit, SteadyStateMatchesTheAnnualCalculation) {
  Claim c;
  c.household = single(LimitedCapability::none, 900);
  TaxYear year;
  double awards = 0, tax = 0;
  for (int m = 13; m <= 24; ++m) {
    const TaxMonth t = tax_month(c.tax, year, 2500, 0);
    tax += t.total();
    awards += c.month(m, 2500 - t.on_profits).award;
  }
  EXPECT_NEAR(tax, 4531.80, kCent);
  EXPECT_NEAR(awards, 1891.29, kCent);
}

// Presets: 2025/26 rates and the older surplus threshold.
TEST(UniversalCredit, Presets) {
  const Benefits old = universal_credit(2025);
  EXPECT_DOUBLE_EQ(old.standard_allowance_single, 400.14);
  EXPECT_DOUBLE_EQ(old.lcwra_element, 423.27);
  EXPECT_DOUBLE_EQ(old.surplus_earnings_threshold, 2500);
  Household h = single(LimitedCapability::none, 0);
  // NLW 12.21: 22,222.20 a year; 26% of 9,652.20 = 2,509.572; net 19,712.628 / 12 = 1,642.72.
  EXPECT_NEAR(claim_terms(old, h, Tax{}).individual_threshold, 19712.628 / 12, 1e-9);
  EXPECT_THROW(universal_credit(2019), std::invalid_argument);
}

// Timing in a run: no sales and no costs, so nothing but the benefit moves. The award of each
// month is paid the next (month 1 pays nothing: the five-week wait); month 13's award is nil (the
// floor), so payments stop from month 14; an advance of £480 comes in month 1 and is repaid at
// £20 a month from month 2.
TEST(UniversalCredit, PaidTheMonthAfterWithAnAdvance) {
  Scenario s = testing::hand_computed_scenario();
  s.market.referrals_per_month = 0.0;
  s.business.startup_costs = 0;
  s.business.fixed_costs_per_month = 0;
  s.household.other_income_per_month = 0;
  s.household.living_costs_per_month = 0;
  s.household.housing_costs_per_month = 0;
  s.household.savings = 1000;
  s.benefits = universal_credit(2026);
  s.benefits.advance = 480;
  s.run.months = 16;
  const RunResult r = testing::run_kept(s);
  const auto& paid = (*r.path_arrays)[Series::benefits];
  EXPECT_DOUBLE_EQ(paid(0, 0), 480.0);
  for (int m = 2; m <= 13; ++m) EXPECT_NEAR(paid(0, m - 1), 424.90 - 20, 1e-9) << "month " << m;
  EXPECT_NEAR(paid(0, 13), -20, 1e-9);  // month 14: the nil award of month 13, an instalment repaid
  EXPECT_NEAR(r.outcomes->get(0).benefits, 480 + 12 * 404.90 - 3 * 20, 1e-6);
  EXPECT_EQ(r.outcomes->get(0).floor_month, 13);
}

}  // namespace
}  // namespace meantime
