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

// A worker thread's scratch space, reused from block to block (and scenario to scenario: the
// sampler cache is keyed by the sampler's parameters, never by the scenario).
struct BlockScratch {
  std::vector<PathState> states = std::vector<PathState>(kBlockPaths);
  MonthColumns month_values{kBlockPaths};
  SamplerCache cache;
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
  for (std::size_t i = 0; i < count; ++i) {
    model.start(states[i], PathKey{result.seed, result.first_path + begin + i, stream});
  }
  // Month by month across the block: the statistics of one month stay in cache, and take
  // the block's values series by series.
  for (int month = 1; month <= months; ++month) {
    for (std::size_t i = 0; i < count; ++i) {
      const PathKey key{result.seed, result.first_path + begin + i, stream};
      const MonthRow values = scratch.month_values.row(i);
      if (!result.followed_failed && states[i].failed) {
        after_failure(states[i], values);
      } else {
        model.step(states[i], key, month, scratch.cache, values);
      }
      if (result.path_arrays) {
        result.path_arrays->set(static_cast<Eigen::Index>(begin + i), month, scratch.month_values.get(i));
      }
    }
    statistics.add_month(month, scratch.month_values, count, model.zero_series());
  }
  for (std::size_t i = 0; i < count; ++i) {
    statistics.add_outcome(states[i].outcome);
    if (result.outcomes) result.outcomes->set(static_cast<Eigen::Index>(begin + i), states[i].outcome);
  }
  return count;
}

}  // namespace meantime
