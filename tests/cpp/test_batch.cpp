// A batch of runs in one call gives each run bit for bit as simulate() gives it alone.
#include <gtest/gtest.h>

#include <vector>

#include "meantime/errors.hpp"
#include "meantime/meantime.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

void expect_same_run(const RunResult& batch, const RunResult& alone) {
  EXPECT_EQ(batch.seed, alone.seed);
  EXPECT_EQ(batch.paths, alone.paths);
  EXPECT_EQ(batch.scenario_fingerprint, alone.scenario_fingerprint);
  EXPECT_TRUE(batch.statistics == alone.statistics);
  ASSERT_EQ(batch.outcomes.has_value(), alone.outcomes.has_value());
  if (batch.outcomes) {
    EXPECT_TRUE(*batch.outcomes == *alone.outcomes);
  }
  ASSERT_EQ(batch.path_arrays.has_value(), alone.path_arrays.has_value());
  if (batch.path_arrays) {
    EXPECT_TRUE(*batch.path_arrays == *alone.path_arrays);
  }
}

// Scenarios that differ in price, in which parts are on, and in horizon; two share a seed.
std::vector<Scenario> mixed_scenarios() {
  Scenario cheaper = default_scenario();
  cheaper.business.price_per_session = 9.0;
  Scenario shorter = default_scenario();
  shorter.run.months = 18;
  return {default_scenario(), cheaper, testing::full_model_scenario(), testing::pooled_group_scenario(), shorter};
}

TEST(Batch, EachRunIsTheRunAloneForAnyThreadCount) {
  const std::vector<Scenario> scenarios = mixed_scenarios();
  const std::vector<std::uint64_t> seeds = {7, 7, 8, 9, 10};
  RunOptions o;
  o.paths = 700;  // two full blocks and a partial one: threads share each scenario's blocks unevenly
  o.first_path = 300;
  o.keep_paths = true;
  std::vector<RunResult> alone;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    RunOptions one = o;
    one.seed = seeds[s];
    one.threads = 1;
    alone.push_back(simulate(scenarios[s], one));
  }
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    o.threads = threads;
    const std::vector<RunResult> batch = simulate_batch(scenarios, seeds, o);
    ASSERT_EQ(batch.size(), scenarios.size());
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      SCOPED_TRACE(s);
      expect_same_run(batch[s], alone[s]);
    }
  }
}

TEST(Batch, ProgressCountsTheWholeBatch) {
  const std::vector<Scenario> scenarios(3, default_scenario());
  RunOptions o;
  o.paths = 500;
  std::uint64_t last_done = 0, last_total = 0;
  o.progress = [&](std::uint64_t done, std::uint64_t total) {
    last_done = done;
    last_total = total;
    return true;
  };
  simulate_batch(scenarios, {1, 2, 3}, o);
  EXPECT_EQ(last_total, 1500u);
  EXPECT_EQ(last_done, 1500u);
}

TEST(Batch, BadInputNamesTheRule) {
  RunOptions o;
  o.paths = 10;
  EXPECT_THROW(simulate_batch({default_scenario()}, {1, 2}, o), RunSettingsError);
  Scenario broken = default_scenario();
  broken.run.months = 0;
  EXPECT_THROW(simulate_batch({default_scenario(), broken}, {1, 2}, o), ScenarioError);
  EXPECT_TRUE(simulate_batch({}, {}, o).empty());
}

}  // namespace
}  // namespace meantime
