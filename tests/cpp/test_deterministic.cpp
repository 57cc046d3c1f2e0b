// All randomness off: the engine must reproduce cash flows computed by hand.
#include <gtest/gtest.h>

#include "scenarios.hpp"

namespace meantime {
namespace {

RunResult run_deterministic(const Scenario& s) {
  RunOptions options;
  options.paths = 3;  // every path is the same when nothing is random
  options.keep_paths = true;
  return simulate(s, options);
}

// Month by month, worked out on paper from hand_computed_scenario():
//   clients   2, 4, 6, 6, 6, 6 (2 referrals a month, room for 6)
//   sessions  4 per client; revenue £10 a session; costs £50 + £2 a session (+ £300 in month 1)
//   profit    -286, 78, 142, 142, 142, 142
//   drawings  what the business holds above £100, at most £200 a month
//   household +700 income, -800 living costs; savings top up an overdrawn business
struct HandRow {
  double clients, sessions, revenue, profit, business_cash, household_cash, drawings;
};
const HandRow kHandTable[] = {
    // month 1: business -286, savings 1000 + 700 - 800 = 900, inject 286 -> 0 / 614
    {2, 8, 80, -286, 0, 614, 0},
    // month 2: business 78 (below the buffer), household 614 - 100 = 514
    {4, 16, 160, 78, 78, 514, 0},
    // month 3: business 220, draw 120 -> 100; household 514 + 120 - 100 = 534
    {6, 24, 240, 142, 100, 534, 120},
    // months 4-6: business 242, draw 142 -> 100; household +42 a month
    {6, 24, 240, 142, 100, 576, 142},
    {6, 24, 240, 142, 100, 618, 142},
    {6, 24, 240, 142, 100, 660, 142},
};

TEST(Deterministic, CashFlowEqualsTheHandComputedTable) {
  const RunResult r = run_deterministic(testing::hand_computed_scenario());
  const PathArrays& a = *r.path_arrays;
  for (Eigen::Index path = 0; path < 3; ++path) {
    for (int m = 0; m < 6; ++m) {
      SCOPED_TRACE("path " + std::to_string(path) + ", month " + std::to_string(m + 1));
      const HandRow& row = kHandTable[m];
      EXPECT_EQ(a[Series::clients](path, m), row.clients);
      EXPECT_EQ(a[Series::sessions](path, m), row.sessions);
      EXPECT_DOUBLE_EQ(a[Series::revenue](path, m), row.revenue);
      EXPECT_DOUBLE_EQ(a[Series::profit](path, m), row.profit);
      EXPECT_DOUBLE_EQ(a[Series::business_cash](path, m), row.business_cash);
      EXPECT_DOUBLE_EQ(a[Series::household_cash](path, m), row.household_cash);
      EXPECT_DOUBLE_EQ(a[Series::drawings](path, m), row.drawings);
    }
  }
}

TEST(Deterministic, OutcomesEqualTheHandComputedOnes) {
  const RunResult r = run_deterministic(testing::hand_computed_scenario());
  const PathOutcome o = r.outcomes->get(0);
  EXPECT_EQ(o.failure_month, kNever);
  EXPECT_EQ(o.failure_cause, FailureCause::none);
  EXPECT_EQ(o.operating_break_even_month, 1);  // operating profit 14 then 78: two months from month 1
  EXPECT_EQ(o.living_break_even_month, 3);     // operating profit 142 >= 800 - 700 from month 3
  EXPECT_EQ(o.payback_month, 4);               // cumulative profit -286, -208, -66, +76
  EXPECT_DOUBLE_EQ(o.lowest_cash, 592.0);      // month 2: 78 + 514
  EXPECT_EQ(o.lowest_cash_month, 2);
  EXPECT_EQ(o.clients_served, 6);
  EXPECT_EQ(o.sessions_delivered, 8 + 16 + 24 * 4);
  EXPECT_EQ(o.lost_to_capacity, 6);  // 2 a month in months 4-6
  EXPECT_EQ(o.lost_to_price, 0);
  EXPECT_DOUBLE_EQ(o.drawings, 120 + 3 * 142);
  EXPECT_DOUBLE_EQ(r.statistics.survival(6), 1.0);
  EXPECT_DOUBLE_EQ(r.statistics.mean(Series::household_cash, 4), 576.0);
}

TEST(Deterministic, FailureAndTheCapitalThatWouldHavePreventedIt) {
  Scenario s = testing::hand_computed_scenario();
  s.household.savings = 200.0;
  const RunResult r = run_deterministic(s);
  const PathOutcome o = r.outcomes->get(0);
  // Month 1: business -286, household 200 + 700 - 800 = 100 -> injected: -186 / 0.
  EXPECT_EQ(o.failure_month, 1);
  EXPECT_EQ(o.failure_cause, FailureCause::ran_out_of_money);
  // Followed on past the failure: month 2 is the low point, -108 in the business, -100 at home.
  EXPECT_DOUBLE_EQ(o.lowest_cash, -208.0);
  EXPECT_EQ(o.lowest_cash_month, 2);
  // A failed path reports no activity and its cash frozen where it failed.
  const PathArrays& a = *r.path_arrays;
  EXPECT_EQ(a[Series::clients](0, 1), 0.0);
  EXPECT_DOUBLE_EQ(a[Series::business_cash](0, 5), -186.0);
  EXPECT_DOUBLE_EQ(a[Series::household_cash](0, 5), 0.0);
  EXPECT_DOUBLE_EQ(r.statistics.survival(1), 0.0);

  // Exactly 208 more gets it through; a pound less does not.
  s.household.savings = 200.0 + 208.0;
  EXPECT_EQ(run_deterministic(s).outcomes->get(0).failure_month, kNever);
  s.household.savings = 200.0 + 207.0;
  EXPECT_EQ(run_deterministic(s).outcomes->get(0).failure_month, 2);
}

}  // namespace
}  // namespace meantime
