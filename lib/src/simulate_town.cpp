#include <chrono>
#include <vector>

#include "meantime/errors.hpp"
#include "meantime/fields.hpp"
#include "meantime/town.hpp"
#include "meantime/validate.hpp"
#include "parallel_run.hpp"
#include "town_model.hpp"

namespace meantime {

namespace {

// Everything one thread accumulates, and its scratch space.
struct TownWorker {
  TownWorker(int months, std::size_t providers)
      : town(months, static_cast<int>(providers)),
        statistics(providers, Statistics(months)),
        month_values(providers, MonthColumns(kBlockPaths)),
        states(kBlockPaths),
        scratch(providers) {}
  TownStatistics town;
  std::vector<Statistics> statistics;      // per provider
  std::vector<MonthColumns> month_values;  // per provider
  std::vector<TownPathState> states;
  TownScratch scratch;
  SamplerCache cache;
};

}  // namespace

TownResult simulate_town(const Scenario& scenario, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (scenario.providers.empty()) {
    throw ScenarioError("providers",
                        "a town needs at least one provider (a single-provider scenario runs with simulate)");
  }
  validate(scenario);
  check_run_options(options);
  check_memory(per_path_bytes(scenario, options), options.keep_paths);

  const TownModel model(scenario);
  const std::size_t n = model.size();
  const int months = scenario.run.months;
  TownResult result;
  result.seed = options.seed;
  result.first_path = options.first_path;
  result.paths = options.paths;
  result.scenario_fingerprint = fingerprint(scenario);
  result.months = months;
  result.town = TownStatistics(months, static_cast<int>(n));
  result.providers.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    RunResult& r = result.providers[i];
    r.seed = options.seed;
    r.first_path = options.first_path;
    r.paths = options.paths;
    r.scenario_fingerprint = fingerprint(model.provider(i));
    r.months = months;
    if (options.keep_outcomes) r.outcomes.emplace(static_cast<Eigen::Index>(options.paths));
    if (options.keep_paths)
      r.path_arrays.emplace(static_cast<Eigen::Index>(options.paths), months, options.path_series);
  }
  if (options.keep_outcomes) result.town_outcomes.emplace(static_cast<Eigen::Index>(options.paths));

  const std::uint64_t blocks = (options.paths + kBlockPaths - 1) / kBlockPaths;
  const unsigned threads = worker_count(options, blocks);
  std::vector<TownWorker> workers;
  workers.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back(months, n);

  auto work = [&](unsigned worker, std::uint64_t block) -> std::size_t {
    TownWorker& mine = workers[worker];
    const std::uint64_t begin = block * kBlockPaths;
    const std::uint64_t end = std::min(options.paths, begin + kBlockPaths);
    const auto count = static_cast<std::size_t>(end - begin);
    for (std::size_t p = 0; p < count; ++p) model.start(mine.states[p], options.seed, options.first_path + begin + p);
    for (int month = 1; month <= months; ++month) {
      for (std::size_t p = 0; p < count; ++p) {
        const TownMonth town =
            model.step(mine.states[p], options.seed, options.first_path + begin + p, month, mine.cache, mine.scratch);
        mine.town.add_month(month, town);
        for (std::size_t i = 0; i < n; ++i) {
          const MonthValues& values = mine.scratch.values[i];
          mine.month_values[i].set(p, values);
          auto& arrays = result.providers[i].path_arrays;
          if (arrays) arrays->set(static_cast<Eigen::Index>(begin + p), month, values);
        }
      }
      for (std::size_t i = 0; i < n; ++i) mine.statistics[i].add_month(month, mine.month_values[i], count);
    }
    for (std::size_t p = 0; p < count; ++p) {
      const TownPathState& state = mine.states[p];
      mine.town.add_totals(state.totals);
      if (result.town_outcomes) result.town_outcomes->set(static_cast<Eigen::Index>(begin + p), state.totals);
      for (std::size_t i = 0; i < n; ++i) {
        mine.statistics[i].add_outcome(state.providers[i].outcome);
        auto& outcomes = result.providers[i].outcomes;
        if (outcomes) outcomes->set(static_cast<Eigen::Index>(begin + p), state.providers[i].outcome);
      }
    }
    return count;
  };
  run_blocks(options, blocks, threads, started, work);

  // Exact merges, in worker order.
  for (std::size_t i = 0; i < n; ++i) {
    result.providers[i].statistics = std::move(workers[0].statistics[i]);
    for (std::size_t t = 1; t < workers.size(); ++t) result.providers[i].statistics.merge(workers[t].statistics[i]);
  }
  result.town = std::move(workers[0].town);
  for (std::size_t t = 1; t < workers.size(); ++t) result.town.merge(workers[t].town);
  return result;
}

}  // namespace meantime
