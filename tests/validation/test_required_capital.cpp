// Required capital read from the lowest-cash distribution of one run equals a bisection on
// starting savings under common random numbers (no savings-dependent rule in the scenario).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "scenarios.hpp"

namespace meantime {
namespace {

double survival_with_extra(const Scenario& base, double extra, const RunOptions& o) {
  Scenario s = base;
  s.household.savings = base.household.savings.parameter(0) + extra;
  return simulate(s, o).statistics.survival(s.run.months);
}

TEST(RequiredCapital, LowestCashQuantileAgreesWithBisection) {
  // Benefits off (their capital limits make survival depend on savings, not only on the lowest
  // cash), with £900 a month of other income in their place.
  Scenario base = default_scenario();
  base.benefits.enabled = false;
  base.household.other_income_per_month = 900;
  const double target = 0.9;
  RunOptions o;
  o.paths = 4000;
  o.seed = 41;
  const RunResult r = simulate(base, o);
  std::vector<double> lowest(r.outcomes->lowest_cash.data(), r.outcomes->lowest_cash.data() + o.paths);
  std::sort(lowest.begin(), lowest.end());
  // Survivors with extra X are the paths whose lowest cash + X >= 0: the ceil(0.9 n) highest.
  const auto needed = static_cast<std::size_t>(std::ceil(target * static_cast<double>(o.paths)));
  const double extra = std::max(0.0, -lowest[o.paths - needed]);
  ASSERT_GT(extra, 100.0);  // the default needs more than it has: the check has teeth

  double low = 0, high = 20000;
  ASSERT_LT(survival_with_extra(base, low, o), target);
  ASSERT_GE(survival_with_extra(base, high, o), target);
  while (high - low > 0.005) {
    const double mid = 0.5 * (low + high);
    (survival_with_extra(base, mid, o) >= target ? high : low) = mid;
  }
  EXPECT_NEAR(high, extra, 0.01);
}

}  // namespace
}  // namespace meantime
