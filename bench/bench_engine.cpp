// Engine throughput: path-months per second for the default scenario and the full
// model by thread count; the floor, every random draw those path-months make and nothing else;
// and the merge of two runs' statistics. bench/run_all.sh runs these and prints the ratios.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_scenarios.hpp"
#include "draw_floor.hpp"
#include "meantime/meantime.hpp"

namespace {

using meantime::bench::kDefault;
using meantime::bench::kFullModel;

constexpr std::uint64_t kPaths = 100000;

void set_rate(benchmark::State& state, std::uint64_t paths, int months) {
  state.counters["path_months_per_s"] = benchmark::Counter(
      static_cast<double>(paths) * months * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// Args: scenario (0 default, 1 full model), threads. Summary only, as a sweep would run it.
void BM_Engine(benchmark::State& state) {
  const meantime::Scenario scenario = meantime::bench::scenario_by_number(static_cast<int>(state.range(0)));
  state.SetLabel(meantime::bench::scenario_name(static_cast<int>(state.range(0))));
  meantime::RunOptions options;
  options.paths = kPaths;
  options.threads = static_cast<int>(state.range(1));
  options.keep_outcomes = false;
  for (auto _ : state) {
    benchmark::DoNotOptimize(meantime::simulate(scenario, options));
  }
  set_rate(state, options.paths, scenario.run.months);
}
BENCHMARK(BM_Engine)
    ->ArgNames({"scenario", "threads"})
    ->Args({kDefault, 1})
    ->Args({kDefault, 2})
    ->Args({kFullModel, 1})
    ->Args({kFullModel, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The floor: the same paths' draws, one thread. Arg: scenario.
void BM_DrawFloor(benchmark::State& state) {
  const meantime::Scenario scenario = meantime::bench::scenario_by_number(static_cast<int>(state.range(0)));
  state.SetLabel(meantime::bench::scenario_name(static_cast<int>(state.range(0))));
  meantime::bench::DrawFloor floor(scenario);
  const int months = scenario.run.months;
  for (auto _ : state) {
    std::int64_t total = 0;
    for (std::uint64_t p = 0; p < kPaths; ++p) {
      const meantime::PathKey key{0, p};
      floor.start(key);
      for (int m = 1; m <= months; ++m) total += floor.month(key, m);
    }
    benchmark::DoNotOptimize(total);
  }
  set_rate(state, kPaths, months);
}
BENCHMARK(BM_DrawFloor)
    ->ArgName("scenario")
    ->Arg(kDefault)
    ->Arg(kFullModel)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Merging the statistics of two 20,000-path runs (what each thread's totals and each chunk of
// a cluster run go through). Arg: scenario.
void BM_StatisticsMerge(benchmark::State& state) {
  const meantime::Scenario scenario = meantime::bench::scenario_by_number(static_cast<int>(state.range(0)));
  state.SetLabel(meantime::bench::scenario_name(static_cast<int>(state.range(0))));
  meantime::RunOptions options;
  options.paths = 20000;
  options.threads = 1;
  options.keep_outcomes = false;
  const auto a = meantime::simulate(scenario, options);
  options.first_path = options.paths;
  const auto b = meantime::simulate(scenario, options);
  meantime::Statistics merged;
  for (auto _ : state) {
    state.PauseTiming();  // the copy is not the merge (and reuses the last one's memory)
    merged = a.statistics;
    state.ResumeTiming();
    merged.merge(b.statistics);
    benchmark::DoNotOptimize(merged);
  }
}
BENCHMARK(BM_StatisticsMerge)
    ->ArgName("scenario")
    ->Arg(kDefault)
    ->Arg(kFullModel)
    ->Iterations(200)  // each also copies megabytes of histograms, untimed
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
