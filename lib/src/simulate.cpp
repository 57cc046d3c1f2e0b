#include "meantime/simulate.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "meantime/errors.hpp"
#include "meantime/fields.hpp"
#include "meantime/town.hpp"
#include "meantime/validate.hpp"
#include "parallel_run.hpp"
#include "path_model.hpp"
#include "run_block.hpp"

namespace meantime {

namespace {

// Everything one thread accumulates, and its scratch space.
struct WorkerTotals {
  WorkerTotals(int months, bool monthly) : statistics(months, monthly) {}
  Statistics statistics;
  BlockScratch scratch;
};

}  // namespace

std::size_t available_memory() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::size_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") return kib * 1024;
  }
  const long pages = sysconf(_SC_AVPHYS_PAGES);
  const long page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page) : 0;
}

std::size_t per_path_bytes(const Scenario& scenario, const RunOptions& options) {
  // In floating point: 10^12 paths x 600 months must not wrap around.
  double bytes = 0;
  const double paths = static_cast<double>(options.paths);
  if (options.keep_outcomes) bytes += paths * static_cast<double>(PathOutcomes::bytes_per_path());
  if (options.keep_paths) {
    const int kept = __builtin_popcount(options.path_series & kAllSeries);
    bytes += paths * scenario.run.months * kept * static_cast<double>(sizeof(double));
  }
  if (!scenario.providers.empty()) {  // a town: every provider's arrays, and the town's outcomes
    bytes *= static_cast<double>(scenario.providers.size());
    if (options.keep_outcomes) bytes += paths * kTownTotalCount * static_cast<double>(sizeof(std::int64_t));
  }
  return bytes >= 1.8e19 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(bytes);
}

RunResult simulate(const Scenario& scenario, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();  // max_seconds counts from the call
  if (!scenario.providers.empty()) {
    throw ScenarioError("providers",
                        "a town of several providers runs with simulate_town (in Python, "
                        "meantime.simulate runs both)");
  }
  validate(scenario);
  check_run_options(options);
  check_memory(per_path_bytes(scenario, options), options.keep_paths);

  const int months = scenario.run.months;
  RunResult result;
  result.seed = options.seed;
  result.first_path = options.first_path;
  result.paths = options.paths;
  result.scenario_fingerprint = fingerprint(scenario);
  result.months = months;
  result.followed_failed = options.follow_failed;
  if (options.keep_outcomes) result.outcomes.emplace(static_cast<Eigen::Index>(options.paths));
  if (options.keep_paths) {
    result.path_arrays.emplace(static_cast<Eigen::Index>(options.paths), months, options.path_series);
  }

  const std::uint64_t blocks = (options.paths + kBlockPaths - 1) / kBlockPaths;
  const unsigned threads = worker_count(options, blocks);
  std::vector<WorkerTotals> totals(threads, WorkerTotals(months, options.monthly_statistics));
  const PathModel model(scenario);

  auto work = [&](unsigned worker, std::uint64_t block) -> std::size_t {
    WorkerTotals& mine = totals[worker];
    return run_block(model, result, block, mine.scratch, mine.statistics);
  };
  run_blocks(options, blocks, threads, started, work);

  // Exact merges: the order cannot change a bit, but keep it fixed anyway. The first worker's
  // statistics are taken as they are (merging them into empty ones would copy them).
  result.statistics = std::move(totals[0].statistics);
  for (std::size_t t = 1; t < totals.size(); ++t) result.statistics.merge(totals[t].statistics);
  result.statistics.settle_stopped();
  return result;
}

}  // namespace meantime
