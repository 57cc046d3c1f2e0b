// A run not asked to follow failed paths stops each at its failure: only what "had it carried on"
// means (lowest_cash, its month, final_cash) can differ; every other number is the same bit for bit.
#include <gtest/gtest.h>

#include <string>

#include "meantime/meantime.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

void expect_same_but_carried_on(const Scenario& scenario) {
  RunOptions o;
  o.paths = 900;
  o.seed = 31;
  o.threads = 2;
  o.keep_paths = true;
  const RunResult followed = simulate(scenario, o);
  o.follow_failed = false;
  const RunResult stopped = simulate(scenario, o);
  EXPECT_FALSE(stopped.followed_failed);

  int failed = 0;
  for (Eigen::Index p = 0; p < followed.outcomes->failure_month.size(); ++p) {
    const int month = followed.outcomes->failure_month[p];
    if (month < 0) continue;
    ++failed;
    // Stopped at its failure: its lowest cash is no lower than the followed path's.
    EXPECT_GE(stopped.outcomes->lowest_cash[p], followed.outcomes->lowest_cash[p]);
    EXPECT_LE(stopped.outcomes->lowest_cash_month[p], month);
  }
  EXPECT_GT(failed, 50);  // the comparison means something only where paths fail

  PathOutcomes::for_each_column(*followed.outcomes, [&](const char* name, const auto& column) {
    const std::string n = name;
    if (n == "lowest_cash" || n == "lowest_cash_month" || n == "final_cash") return;
    PathOutcomes::for_each_column(*stopped.outcomes, [&](const char* other, const auto& other_column) {
      if (n != other) return;
      SCOPED_TRACE(n);
      ASSERT_EQ(column.size(), other_column.size());
      for (Eigen::Index p = 0; p < column.size(); ++p)
        EXPECT_EQ(static_cast<double>(column[p]), static_cast<double>(other_column[p]));
    });
  });
  EXPECT_TRUE(*stopped.path_arrays == *followed.path_arrays);
  for (int month = 1; month <= followed.months; ++month) {
    EXPECT_EQ(stopped.statistics.survival(month), followed.statistics.survival(month));
    for (int s = 0; s < kSeriesCount; ++s) {
      EXPECT_TRUE(stopped.statistics.series(static_cast<Series>(s), month) ==
                  followed.statistics.series(static_cast<Series>(s), month));
    }
  }
}

TEST(FollowFailed, StoppingChangesOnlyWhatCarryingOnMeans) {
  Scenario poorer = default_scenario();
  poorer.household.savings = 1500.0;  // many failures, some early
  expect_same_but_carried_on(poorer);
}

TEST(FollowFailed, TheFullModelToo) {
  Scenario s = testing::full_model_scenario();
  s.household.savings = 1000.0;
  expect_same_but_carried_on(s);
}

// Without path arrays the stopped paths are never written out month by month: their months join
// the statistics in one step per series, with the same sums and counts, and the same outcomes.
TEST(FollowFailed, StoppedPathsAddInBulkTheSame) {
  Scenario s = default_scenario();
  s.household.savings = 600.0;  // most paths fail, many in the first months
  RunOptions o;
  o.paths = 1100;  // four blocks and a part
  o.seed = 8;
  for (int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    o.threads = threads;
    o.follow_failed = true;
    const RunResult followed = simulate(s, o);
    o.follow_failed = false;
    const RunResult stopped = simulate(s, o);
    EXPECT_GT(followed.statistics.failures(FailureCause::ran_out_of_money).reached_by(6), 300u);
    for (int month = 1; month <= followed.months; ++month) {
      for (int series = 0; series < kSeriesCount; ++series) {
        SCOPED_TRACE(to_string(static_cast<Series>(series)));
        EXPECT_TRUE(stopped.statistics.series(static_cast<Series>(series), month) ==
                    followed.statistics.series(static_cast<Series>(series), month));
      }
    }
    EXPECT_TRUE((stopped.outcomes->failure_month == followed.outcomes->failure_month).all());
    EXPECT_TRUE((stopped.outcomes->drawings == followed.outcomes->drawings).all());
  }
}

TEST(FollowFailed, ChunksThatDifferCannotMerge) {
  RunOptions o;
  o.paths = 300;
  RunResult first = simulate(default_scenario(), o);
  o.first_path = 300;
  o.follow_failed = false;
  EXPECT_THROW(first.merge(simulate(default_scenario(), o)), MergeError);
}

}  // namespace
}  // namespace meantime
