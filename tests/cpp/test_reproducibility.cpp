// The same scenario, seed and paths give the same bits whatever the threads or the chunking.
#include <gtest/gtest.h>

#include "digest.hpp"
#include "meantime/meantime.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

RunResult run(std::uint64_t first_path, std::uint64_t paths, int threads) {
  RunOptions o;
  o.paths = paths;
  o.first_path = first_path;
  o.seed = 20261123;
  o.threads = threads;
  o.keep_paths = true;
  return simulate(default_scenario(), o);
}

// 3,000 paths: eleven full blocks and a partial one, so threads really share the work unevenly.
constexpr std::uint64_t kPaths = 3000;

TEST(Reproducibility, BitIdenticalForAnyThreadCount) {
  const RunResult one = run(0, kPaths, 1);
  for (int threads : {2, 3, 8}) {
    SCOPED_TRACE(threads);
    const RunResult many = run(0, kPaths, threads);
    EXPECT_TRUE(many.statistics == one.statistics);
    EXPECT_TRUE(*many.outcomes == *one.outcomes);
    EXPECT_TRUE(*many.path_arrays == *one.path_arrays);
    EXPECT_EQ(testing::digest(many.statistics), testing::digest(one.statistics));
  }
}

TEST(Reproducibility, TheFullModelTooForAnyThreadCountAndChunking) {
  const Scenario s = testing::full_model_scenario();
  RunOptions o;
  o.paths = 1500;
  o.seed = 77;
  o.threads = 1;
  const RunResult one = simulate(s, o);
  o.threads = 3;
  const RunResult many = simulate(s, o);
  EXPECT_TRUE(many.statistics == one.statistics);
  EXPECT_TRUE(*many.outcomes == *one.outcomes);
  o.paths = 500;
  RunResult merged = simulate(s, o);
  o.first_path = 500;
  o.paths = 1000;
  merged.merge(simulate(s, o));
  EXPECT_TRUE(merged.statistics == one.statistics);
  EXPECT_TRUE(*merged.outcomes == *one.outcomes);
}

// Groups with pooled budgets draw from streams of their own, per group.
TEST(Reproducibility, GroupsWithPooledBudgetsForAnyThreadCountAndChunking) {
  const Scenario s = testing::pooled_group_scenario();
  RunOptions o;
  o.paths = 1500;
  o.seed = 78;
  o.threads = 1;
  o.keep_paths = true;
  const RunResult one = simulate(s, o);
  EXPECT_GT(one.statistics.total(Total::groups_formed).mean(), 0.5);  // groups really run
  for (int threads : {2, 3}) {
    SCOPED_TRACE(threads);
    o.threads = threads;
    const RunResult many = simulate(s, o);
    EXPECT_TRUE(many.statistics == one.statistics);
    EXPECT_TRUE(*many.outcomes == *one.outcomes);
    EXPECT_TRUE(*many.path_arrays == *one.path_arrays);
  }
  o.paths = 700;
  RunResult merged = simulate(s, o);
  o.first_path = 700;
  o.paths = 800;
  merged.merge(simulate(s, o));
  EXPECT_TRUE(merged.statistics == one.statistics);
  EXPECT_TRUE(*merged.outcomes == *one.outcomes);
}

TEST(Reproducibility, MergedChunksEqualOnePass) {
  const RunResult whole = run(0, kPaths, 2);
  for (std::uint64_t cut : {1ULL, 256ULL, 777ULL, 2999ULL}) {
    SCOPED_TRACE(cut);
    RunResult merged = run(0, cut, 1);
    merged.merge(run(cut, kPaths - cut, 2));
    EXPECT_EQ(merged.paths, kPaths);
    EXPECT_TRUE(merged.statistics == whole.statistics);
    EXPECT_TRUE(*merged.outcomes == *whole.outcomes);
    EXPECT_TRUE(*merged.path_arrays == *whole.path_arrays);
    EXPECT_EQ(testing::digest(merged.statistics), testing::digest(whole.statistics));
  }
  // Three chunks, statistics merged out of order, still the same bits.
  const RunResult a = run(0, 1000, 1), b = run(1000, 1000, 1), c = run(2000, 1000, 1);
  Statistics backwards = c.statistics;
  backwards.merge(a.statistics);
  backwards.merge(b.statistics);
  EXPECT_TRUE(backwards == whole.statistics);
}

TEST(Reproducibility, MergeRefusesChunksThatDoNotFit) {
  RunResult a = run(0, 100, 1);
  EXPECT_THROW(a.merge(run(150, 100, 1)), MergeError);
  RunOptions other_seed;
  other_seed.paths = 100;
  other_seed.first_path = 100;
  other_seed.seed = 1;
  other_seed.keep_paths = true;
  EXPECT_THROW(a.merge(simulate(default_scenario(), other_seed)), MergeError);
}

TEST(Reproducibility, SummaryOnlyRunsGiveTheSameStatistics) {
  RunOptions o;
  o.paths = kPaths;
  o.seed = 20261123;
  o.keep_outcomes = false;
  const RunResult lean = simulate(default_scenario(), o);
  EXPECT_FALSE(lean.outcomes.has_value());
  EXPECT_FALSE(lean.path_arrays.has_value());
  EXPECT_TRUE(lean.statistics == run(0, kPaths, 2).statistics);
}

// Common random numbers: path i draws the same numbers in two scenarios, so a higher price
// can only lose prospects to price, path by path, never win them.
TEST(Reproducibility, CommonRandomNumbersAcrossScenarios) {
  Scenario cheap = default_scenario(), dear = default_scenario();
  cheap.business.price_per_session = 9.0;
  dear.business.price_per_session = 13.0;
  RunOptions o;
  o.paths = 2000;
  o.seed = 8;
  const RunResult a = simulate(cheap, o), b = simulate(dear, o);
  // The path parameters (pool, Bass p and q) are shared, so with one affordability draw per
  // month made by inversion, the dearer price never admits more prospects in month 1.
  o.keep_paths = true;
  Scenario cheap1 = cheap, dear1 = dear;
  cheap1.run.months = dear1.run.months = 1;
  cheap1.run.sustained_months = dear1.run.sustained_months = 1;
  const RunResult a1 = simulate(cheap1, o), b1 = simulate(dear1, o);
  EXPECT_TRUE((b1.path_arrays->series[0] <= a1.path_arrays->series[0]).all());
  EXPECT_GT(b.statistics.lost_to_price().mean(), a.statistics.lost_to_price().mean());
}

}  // namespace
}  // namespace meantime
