// Payment channels (delays, bad debt) and funding (grants, annuity loans).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "funding.hpp"
#include "payments.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

using testing::run_kept;

// A drawn delay becomes whole months as std::lround does (halves away from zero), clamped to
// 0..12: checked against lround itself on halves, their neighbours, the ends and beyond.
TEST(Payments, ADelayRoundsAsLroundDoes) {
  std::vector<double> delays = {-3.0, -0.5, -0.0, 0.0, 1e-300, 0.25, 12.0, 12.49, 12.5, 13.0, 40.0, 1e9};
  for (int k = 0; k <= 12; ++k) {
    const double half = k + 0.5;
    delays.push_back(k);
    delays.push_back(half);
    delays.push_back(std::nextafter(half, 0.0));
    delays.push_back(std::nextafter(half, 100.0));
    delays.push_back(std::nextafter(static_cast<double>(k), 100.0));
  }
  for (double delay : delays) {
    EXPECT_EQ(months_later(delay), std::clamp(static_cast<int>(std::lround(delay)), 0, kMaxPaymentDelay)) << delay;
  }
  EXPECT_EQ(months_later(std::numeric_limits<double>::quiet_NaN()), 0);
}

TEST(Payments, ADelayShiftsCashByExactlyThatManyMonths) {
  Scenario s = testing::hand_computed_scenario();
  s.run.months = 8;
  s.payments.direct_payment.delay_months = 2.0;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  for (int m = 0; m < 8; ++m) {
    const double expected = m >= 2 ? a[Series::revenue](0, m - 2) : 0.0;
    EXPECT_DOUBLE_EQ(a[Series::cash_received](0, m), expected) << "month " << m + 1;
  }
  // Billed 80 + 160 + 240 x 6 = 1680; the last two months' 480 is still owed at the horizon.
  EXPECT_DOUBLE_EQ(r.outcomes->get(0).billed, 1680.0);
  EXPECT_DOUBLE_EQ(r.outcomes->get(0).received, 1200.0);
}

TEST(Payments, ChannelsSplitTheBill) {
  Scenario s = testing::hand_computed_scenario();
  s.payments.direct_payment.share = 0.75;
  s.payments.individual_service_fund.share = 0.25;
  s.payments.individual_service_fund.delay_months = 1.0;
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  EXPECT_DOUBLE_EQ(a[Series::cash_received](0, 0), 0.75 * 80);
  EXPECT_DOUBLE_EQ(a[Series::cash_received](0, 1), 0.75 * 160 + 0.25 * 80);
}

TEST(Payments, BadDebtTakesItsRateInExpectation) {
  Scenario s = testing::scenario_before_renewal();  // every bill through the direct-payment channel
  s.payments.direct_payment.bad_debt_rate = 0.2;
  const std::uint64_t paths = 20000;
  RunOptions o;
  o.paths = paths;
  o.seed = 4;
  const RunResult r = simulate(s, o);
  const PathOutcomes& out = *r.outcomes;
  // With no delay every bill is either paid or lost, path by path.
  EXPECT_TRUE(((out.received + out.bad_debt - out.billed).abs() < 1e-6).all());
  // E[bad debt - 0.2 billed] = 0; its standard error comes from the paths themselves.
  const Eigen::ArrayXd excess = out.bad_debt - 0.2 * out.billed;
  const double mean = excess.mean();
  const double sd = std::sqrt((excess - mean).square().sum() / (paths - 1));
  EXPECT_NEAR(mean, 0.0, 5 * sd / std::sqrt(static_cast<double>(paths)));
  EXPECT_GT(r.statistics.total(Total::bad_debt).mean(), 0.0);
}

TEST(Payments, LongerDelaysNeverRaiseTheLowestCash) {
  // Common random numbers: the same clients and sessions, paid later; combined cash can only be
  // lower or equal month by month, so the lowest point is too, path by path.
  // Without benefits and tax: an award that depends on savings (capital limits) and a tax bill on
  // the year's cash would break the path-by-path order.
  Scenario prompt = default_scenario();
  prompt.benefits.enabled = false;
  prompt.tax.enabled = false;
  Scenario slow = prompt;
  slow.payments.direct_payment.delay_months = uniform(1.0, 3.0);
  RunOptions o;
  o.paths = 3000;
  o.seed = 9;
  const RunResult a = simulate(prompt, o), b = simulate(slow, o);
  EXPECT_TRUE((b.outcomes->lowest_cash <= a.outcomes->lowest_cash + 1e-9).all());
  EXPECT_LT(b.statistics.lowest_cash().sum.mean(), a.statistics.lowest_cash().sum.mean() - 10.0);
  EXPECT_LE(b.statistics.survival(36), a.statistics.survival(36));
}

// £5,000 at 6% APR over 24 months. The monthly rate is r = 1.06^(1/12) - 1 = 0.4867551%; by
// hand, (1 + r)^24 = 1.06^2 = 1.1236, so the annuity is 5000 r / (1 - 1/1.1236) = 24.337755 /
// 0.1100036 = £221.25 to the penny.
TEST(Funding, AnnuityScheduleToThePenny) {
  const double r = std::pow(1.06, 1.0 / 12.0) - 1.0;
  EXPECT_NEAR(r, 0.004867551, 1e-9);
  EXPECT_NEAR(annuity_payment(5000, r, 24), 221.25, 0.005);
  Funding f;
  f.loans.push_back(Loan{5000, 0.06, 24, 0, 1});
  const FundingSchedule s = funding_schedule(f, 30);
  EXPECT_DOUBLE_EQ(s.money_in[1], 5000);
  EXPECT_DOUBLE_EQ(s.repayments[1], 0);
  double balance = 5000, paid = 0;
  for (int m = 2; m <= 25; ++m) {
    EXPECT_NEAR(s.repayments[m], 221.25, 0.005) << "month " << m;
    EXPECT_NEAR(s.interest[m], balance * r, 1e-9);
    balance += balance * r - s.repayments[m];
    paid += s.repayments[m];
  }
  EXPECT_NEAR(balance, 0.0, 1e-8);
  EXPECT_NEAR(paid, 24 * 221.25, 24 * 0.005);
  EXPECT_EQ(s.repayments[26], 0.0);
}

TEST(Funding, HolidayAddsInterestThenRepays) {
  Funding f;
  f.loans.push_back(Loan{1200, 0.0, 12, 3, 2});  // interest-free: 100 a month from month 6
  const FundingSchedule s = funding_schedule(f, 24);
  EXPECT_DOUBLE_EQ(s.money_in[2], 1200);
  for (int m = 3; m <= 5; ++m) EXPECT_EQ(s.repayments[m], 0.0);
  for (int m = 6; m <= 17; ++m) EXPECT_NEAR(s.repayments[m], 100.0, 1e-12);
  EXPECT_EQ(s.repayments[18], 0.0);
  f.loans[0].apr = 0.12;
  const FundingSchedule with_interest = funding_schedule(f, 24);
  const double r = std::pow(1.12, 1.0 / 12.0) - 1.0;
  EXPECT_NEAR(with_interest.repayments[6], annuity_payment(1200 * std::pow(1 + r, 3), r, 12), 1e-9);
}

TEST(Funding, LoansAndGrantsInTheCashFlow) {
  Scenario s = testing::hand_computed_scenario();
  s.funding.grants.push_back({500, 2});
  s.funding.loans.push_back(Loan{1200, 0.0, 4, 0, 1});  // 300 a month in months 2-5
  const RunResult r = run_kept(s);
  const PathArrays& a = *r.path_arrays;
  EXPECT_DOUBLE_EQ(a[Series::repayments](0, 0), 0);
  EXPECT_DOUBLE_EQ(a[Series::repayments](0, 1), 300);
  EXPECT_DOUBLE_EQ(a[Series::repayments](0, 5), 0);
  // Combined cash moves by the money in less repayments: +1200 in month 1, +500 - 300 in
  // month 2, -300 in months 3-5 (the hand table's combined cash is 614, 592, 634, 676, 718, 760).
  const double hand[] = {614, 592, 634, 676, 718, 760};
  const double shift[] = {1200, 1400, 1100, 800, 500, 500};
  for (int m = 0; m < 6; ++m) {
    EXPECT_DOUBLE_EQ(a[Series::business_cash](0, m) + a[Series::household_cash](0, m), hand[m] + shift[m]);
  }
}

TEST(Funding, AGrantInMonthOneRaisesEveryPathsLowestCashByItsAmount) {
  // Without benefits (the capital limits make the award depend on the savings the grant adds
  // to), with £900 a month of other income instead, so that survival is neither 0 nor 1.
  Scenario without = default_scenario();
  without.benefits.enabled = false;
  without.household.other_income_per_month = 900;
  Scenario with = without;
  with.funding.grants.push_back({1500, 1});
  RunOptions o;
  o.paths = 2000;
  o.seed = 12;
  const RunResult a = simulate(without, o), b = simulate(with, o);
  EXPECT_TRUE(((b.outcomes->lowest_cash - a.outcomes->lowest_cash - 1500).abs() < 1e-6).all());
  EXPECT_GT(b.statistics.survival(36), a.statistics.survival(36));
}

}  // namespace
}  // namespace meantime
