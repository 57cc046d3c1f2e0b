// A run asked for no monthly statistics (RunOptions::monthly_statistics off) keeps the per-path
// outcomes and their statistics bit for bit, and refuses to answer for the months.
#include <gtest/gtest.h>

#include <vector>

#include "meantime/meantime.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

void expect_same_outcomes(const RunResult& without, const RunResult& with) {
  const Statistics& a = without.statistics;
  const Statistics& b = with.statistics;
  EXPECT_FALSE(a.has_monthly());
  EXPECT_TRUE(b.has_monthly());
  EXPECT_EQ(a.paths(), b.paths());
  for (int month = 1; month <= with.months; ++month) {
    EXPECT_EQ(a.survival(month), b.survival(month));
    EXPECT_EQ(a.living_break_even_by(month), b.living_break_even_by(month));
  }
  EXPECT_TRUE(a.lowest_cash() == b.lowest_cash());
  EXPECT_TRUE(a.payback() == b.payback());
  for (int t = 0; t < kTotalCount; ++t) EXPECT_TRUE(a.total(static_cast<Total>(t)) == b.total(static_cast<Total>(t)));
  EXPECT_TRUE((without.outcomes->lowest_cash == with.outcomes->lowest_cash).all());
  EXPECT_TRUE((without.outcomes->failure_month == with.outcomes->failure_month).all());
  EXPECT_TRUE((without.outcomes->clients_served == with.outcomes->clients_served).all());
}

TEST(MonthlyStatistics, OffKeepsEveryOutcomeTheSame) {
  Scenario s = testing::full_model_scenario();
  s.household.savings = 1500.0;
  RunOptions o;
  o.paths = 700;
  o.seed = 12;
  for (bool follow : {true, false}) {
    SCOPED_TRACE(follow);
    o.follow_failed = follow;
    o.monthly_statistics = true;
    const RunResult with = simulate(s, o);
    o.monthly_statistics = false;
    expect_same_outcomes(simulate(s, o), with);
    const std::vector<RunResult> batch = simulate_batch({s, default_scenario()}, {12, 12}, o);
    expect_same_outcomes(batch[0], with);
  }
}

TEST(MonthlyStatistics, ReadingAMonthOfARunWithoutThemIsAnError) {
  RunOptions o;
  o.paths = 300;
  o.monthly_statistics = false;
  const RunResult run = simulate(default_scenario(), o);
  EXPECT_THROW(run.statistics.series(Series::clients, 1), RunSettingsError);
  EXPECT_THROW(run.statistics.mean(Series::clients, 1), RunSettingsError);
}

TEST(MonthlyStatistics, ChunksWithAndWithoutCannotMerge) {
  RunOptions o;
  o.paths = 300;
  RunResult first = simulate(default_scenario(), o);
  o.first_path = 300;
  o.monthly_statistics = false;
  EXPECT_THROW(first.merge(simulate(default_scenario(), o)), MergeError);
  o.first_path = 0;
  RunResult without = simulate(default_scenario(), o);
  o.first_path = 300;
  without.merge(simulate(default_scenario(), o));  // alike: they merge
  EXPECT_EQ(without.statistics.paths(), 600u);
  EXPECT_FALSE(without.statistics.has_monthly());
}

}  // namespace
}  // namespace meantime
