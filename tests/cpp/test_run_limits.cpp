// RunOptions::max_seconds: a run past its time limit stops its threads and throws RunTimeout
// promptly; a limit the run keeps to changes no bit of the answer.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "digest.hpp"
#include "meantime/meantime.hpp"

namespace meantime {
namespace {

TEST(RunLimits, ALongRunStopsAtItsTimeLimit) {
  RunOptions o;
  o.paths = 1'000'000'000;  // hours of work on any machine
  o.threads = 2;
  o.keep_outcomes = false;
  o.max_seconds = 0.2;
  const auto start = std::chrono::steady_clock::now();
  try {
    simulate(default_scenario(), o);
    FAIL() << "expected RunTimeout";
  } catch (const RunTimeout& e) {
    EXPECT_EQ(e.max_seconds(), 0.2);
    EXPECT_LT(e.paths_done(), o.paths);
    EXPECT_NE(std::string(e.what()).find("max_seconds"), std::string::npos) << e.what();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The deadline is checked on waking (at most progress_interval = 0.1 s late), then the workers
  // finish their current block of 256 paths: well under two seconds even on a loaded machine.
  EXPECT_LT(seconds, 2.0);
}

TEST(RunLimits, ALimitTheRunKeepsToChangesNothing) {
  RunOptions o;
  o.paths = 1000;
  o.seed = 7;
  const RunResult unlimited = simulate(default_scenario(), o);
  o.max_seconds = 600;
  const RunResult limited = simulate(default_scenario(), o);
  EXPECT_EQ(testing::digest(limited.statistics), testing::digest(unlimited.statistics));
}

TEST(RunLimits, TheLimitMustBePositiveOrZero) {
  for (const double bad : {-1.0, std::nan(""), static_cast<double>(INFINITY)}) {
    RunOptions o;
    o.paths = 10;
    o.max_seconds = bad;
    try {
      simulate(default_scenario(), o);
      FAIL() << "expected RunSettingsError for " << bad;
    } catch (const RunSettingsError& e) {
      EXPECT_EQ(e.field(), "max_seconds");
    }
  }
}

}  // namespace
}  // namespace meantime
