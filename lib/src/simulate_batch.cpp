#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "meantime/errors.hpp"
#include "meantime/fields.hpp"
#include "meantime/simulate.hpp"
#include "meantime/town.hpp"
#include "meantime/validate.hpp"
#include "parallel_run.hpp"
#include "path_model.hpp"
#include "run_block.hpp"

namespace meantime {

namespace {

// A worker's scratch space and, for each scenario it has worked on, its statistics (made when
// its first block of that scenario comes, so a worker holds only the scenarios it touched).
struct BatchWorker {
  BlockScratch scratch;
  std::vector<std::unique_ptr<Statistics>> statistics;
};

}  // namespace

std::vector<RunResult> simulate_batch(const std::vector<Scenario>& scenarios, const std::vector<std::uint64_t>& seeds,
                                      const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (seeds.size() != scenarios.size()) {
    throw RunSettingsError("seeds", "must give one seed per scenario: " + std::to_string(scenarios.size()) +
                                        " scenarios, " + std::to_string(seeds.size()) + " seeds");
  }
  check_run_options(options);
  const std::size_t count = scenarios.size();
  if (count == 0) return {};
  if (options.paths > kMaxPaths / count) {
    throw RunSettingsError("paths", "times the number of scenarios must be at most " + std::to_string(kMaxPaths));
  }
  std::size_t needed = 0;
  for (std::size_t s = 0; s < count; ++s) {
    if (!scenarios[s].providers.empty()) {
      throw ScenarioError("providers", "scenario " + std::to_string(s) +
                                           " is a town of several providers, which runs with simulate_town");
    }
    validate(scenarios[s]);
    needed += per_path_bytes(scenarios[s], options);
  }
  check_memory(needed, options.keep_paths);

  std::vector<RunResult> results(count);
  std::vector<PathModel> models;
  models.reserve(count);
  for (std::size_t s = 0; s < count; ++s) {
    RunResult& result = results[s];
    result.seed = seeds[s];
    result.first_path = options.first_path;
    result.paths = options.paths;
    result.scenario_fingerprint = fingerprint(scenarios[s]);
    result.months = scenarios[s].run.months;
    result.followed_failed = options.follow_failed;
    if (options.keep_outcomes) result.outcomes.emplace(static_cast<Eigen::Index>(options.paths));
    if (options.keep_paths) {
      result.path_arrays.emplace(static_cast<Eigen::Index>(options.paths), result.months, options.path_series);
    }
    models.emplace_back(scenarios[s]);
  }

  // The blocks of all the scenarios, scenario by scenario, are one queue for the pool: a
  // scenario of few blocks leaves no thread idle while another has blocks to run.
  const std::uint64_t blocks = (options.paths + kBlockPaths - 1) / kBlockPaths;
  RunOptions pool = options;
  pool.paths = options.paths * count;  // progress counts the paths of the whole batch
  const unsigned threads = worker_count(pool, blocks * count);
  std::vector<BatchWorker> workers(threads);
  for (auto& worker : workers) worker.statistics.resize(count);

  auto work = [&](unsigned worker, std::uint64_t item) -> std::size_t {
    const std::size_t s = static_cast<std::size_t>(item / blocks);
    BatchWorker& mine = workers[worker];
    auto& statistics = mine.statistics[s];
    if (!statistics) statistics = std::make_unique<Statistics>(results[s].months, options.monthly_statistics);
    return run_block(models[s], results[s], item % blocks, mine.scratch, *statistics);
  };
  run_blocks(pool, blocks * count, threads, started, work);

  // Exact merges, in worker order as simulate() does.
  for (std::size_t s = 0; s < count; ++s) {
    bool first = true;
    for (auto& worker : workers) {
      if (!worker.statistics[s]) continue;
      if (first) {
        results[s].statistics = std::move(*worker.statistics[s]);
        first = false;
      } else {
        results[s].statistics.merge(*worker.statistics[s]);
      }
      worker.statistics[s].reset();
    }
    results[s].statistics.settle_stopped();
  }
  return results;
}

std::vector<TownResult> simulate_town_batch(const std::vector<Scenario>& towns, const std::vector<std::uint64_t>& seeds,
                                            const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (seeds.size() != towns.size()) {
    throw RunSettingsError("seeds", "must give one seed per town: " + std::to_string(towns.size()) + " towns, " +
                                        std::to_string(seeds.size()) + " seeds");
  }
  check_run_options(options);
  const std::size_t count = towns.size();
  if (count == 0) return {};
  if (options.paths > kMaxPaths / count) {
    throw RunSettingsError("paths", "times the number of towns must be at most " + std::to_string(kMaxPaths));
  }
  std::size_t needed = 0;
  for (std::size_t t = 0; t < count; ++t) {
    if (towns[t].providers.empty()) {
      throw ScenarioError("providers",
                          "scenario " + std::to_string(t) + " is a single provider, which runs with simulate_batch");
    }
    validate(towns[t]);
    needed += per_path_bytes(towns[t], options);
  }
  check_memory(needed, options.keep_paths);

  const std::uint64_t total = options.paths * count;
  std::vector<TownResult> results;
  results.reserve(count);
  for (std::size_t t = 0; t < count; ++t) {
    const std::uint64_t before = options.paths * t;  // paths of the towns already run
    RunOptions one = options;
    one.seed = seeds[t];
    if (options.progress) {
      one.progress = [&options, before, total](std::uint64_t done, std::uint64_t) {
        return options.progress(before + done, total);
      };
    }
    if (options.max_seconds > 0) {
      const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (spent >= options.max_seconds) throw RunTimeout(options.max_seconds, before, total);
      one.max_seconds = options.max_seconds - spent;
    }
    try {
      results.push_back(simulate_town(towns[t], one));
    } catch (const RunTimeout& timeout) {
      throw RunTimeout(options.max_seconds, before + timeout.paths_done(), total);
    }
  }
  return results;
}

}  // namespace meantime
