// One block of paths of one scenario, month by month: what simulate() and simulate_batch() both
// do with each block, so that a scenario run in a batch is the same run, bit for bit.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "meantime/result.hpp"
#include "meantime/simulate.hpp"
#include "path_model.hpp"

namespace meantime {

// The paths of a block that stop at their failure (follow_failed off): which are still going.
struct StoppedPaths {
  std::vector<std::uint32_t> going;    // the block's paths still going, in path order
  std::vector<std::uint32_t> stopped;  // the block's stopped paths (for kept path arrays)
  void reset(std::size_t count) {
    going.resize(count);
    for (std::size_t i = 0; i < count; ++i) going[i] = static_cast<std::uint32_t>(i);
    stopped.clear();
  }
};

// A worker thread's scratch space, reused from block to block (and scenario to scenario: the
// sampler cache is keyed by the sampler's parameters, never by the scenario).
struct BlockScratch {
  std::vector<PathState> states = std::vector<PathState>(kBlockPaths);
  MonthColumns month_values{kBlockPaths};
  SamplerCache cache;
  StoppedPaths stopped;
  std::vector<PathOutcome> outcomes = std::vector<PathOutcome>(kBlockPaths);
};

// Paths [block * kBlockPaths, ...) of the run `result` (its paths, first_path and seed) into
// `statistics` and the result's kept arrays; returns the number of paths in the block.
inline std::size_t run_block(const PathModel& model, RunResult& result, std::uint64_t block, BlockScratch& scratch,
                             Statistics& statistics) {
  auto& states = scratch.states;
  const std::uint64_t stream = static_cast<std::uint64_t>(model.scenario().run.stream);
  const std::uint64_t begin = block * kBlockPaths;
  const std::uint64_t end = std::min(result.paths, begin + kBlockPaths);
  const std::size_t count = static_cast<std::size_t>(end - begin);
  const int months = result.months;
  const bool monthly = statistics.has_monthly();
  for (std::size_t i = 0; i < count; ++i) {
    model.start(states[i], PathKey{result.seed, result.first_path + begin + i, stream});
  }
  if (result.followed_failed) {
    // Month by month across the block: the statistics of one month stay in cache, and take
    // the block's values series by series.
    for (int month = 1; month <= months; ++month) {
      for (std::size_t i = 0; i < count; ++i) {
        const PathKey key{result.seed, result.first_path + begin + i, stream};
        model.step(states[i], key, month, scratch.cache, scratch.month_values.row(i));
        if (result.path_arrays) {
          result.path_arrays->set(static_cast<Eigen::Index>(begin + i), month, scratch.month_values.get(i));
        }
      }
      if (monthly) statistics.add_month(month, scratch.month_values, count, model.zero_series());
    }
  } else {
    // Only the paths still going are stepped, into the first rows of the columns; a stopped
    // path's later months (no activity, its cash as it stood) join the statistics once, when
    // the run settles them (Statistics::add_stopped_from): the same integer sums and counts.
    StoppedPaths& paths = scratch.stopped;
    paths.reset(count);
    for (int month = 1; month <= months; ++month) {
      const std::size_t going = paths.going.size();
      if (going == 0 && !result.path_arrays) break;  // nothing left to add
      for (std::size_t k = 0; k < going; ++k) {
        const std::size_t i = paths.going[k];
        const PathKey key{result.seed, result.first_path + begin + i, stream};
        model.step(states[i], key, month, scratch.cache, scratch.month_values.row(k));
        if (result.path_arrays) {
          result.path_arrays->set(static_cast<Eigen::Index>(begin + i), month, scratch.month_values.get(k));
        }
      }
      if (result.path_arrays) {
        for (const std::uint32_t i : paths.stopped) {
          result.path_arrays->set(static_cast<Eigen::Index>(begin + i), month, after_failure(states[i]));
        }
      }
      if (monthly) statistics.add_month(month, scratch.month_values, going, model.zero_series());
      // A path that failed this month stops from the next one.
      std::size_t kept = 0;
      for (std::size_t k = 0; k < going; ++k) {
        const std::uint32_t i = paths.going[k];
        if (states[i].failed) {
          paths.stopped.push_back(i);
          if (monthly) {
            statistics.add_stopped_from(month + 1, states[i].cash_at_failure.business,
                                        states[i].cash_at_failure.household);
          }
        } else {
          paths.going[kept++] = i;
        }
      }
      paths.going.resize(kept);
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    scratch.outcomes[i] = states[i].outcome;
    if (result.outcomes) result.outcomes->set(static_cast<Eigen::Index>(begin + i), states[i].outcome);
  }
  statistics.add_outcomes(scratch.outcomes.data(), count);
  return count;
}

}  // namespace meantime
