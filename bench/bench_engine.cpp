// Engine throughput: path-months per second for the default scenario by thread count, the cost
// of the random draws alone, and the statistics merge.
#include <benchmark/benchmark.h>

#include "draws.hpp"
#include "meantime/meantime.hpp"

namespace {

void BM_DefaultScenario(benchmark::State& state) {
  const meantime::Scenario scenario = meantime::default_scenario();
  meantime::RunOptions options;
  options.paths = 100000;
  options.threads = static_cast<int>(state.range(0));
  options.keep_outcomes = false;
  for (auto _ : state) {
    benchmark::DoNotOptimize(meantime::simulate(scenario, options));
  }
  state.counters["path_months_per_s"] = benchmark::Counter(
      static_cast<double>(options.paths) * scenario.run.months * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DefaultScenario)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor: the same count and kinds of variates a default path-month draws, and nothing else.
void BM_DrawsOnly(benchmark::State& state) {
  using namespace meantime;
  const int months = 36;
  const std::uint64_t paths = 100000;
  for (auto _ : state) {
    std::int64_t total = 0;
    for (std::uint64_t p = 0; p < paths; ++p) {
      for (int m = 1; m <= months; ++m) {
        MonthDraws draws(PathKey{0, p}, m, false);
        total += draws.binomial(MonthDraw::arrivals, 60, 0.05);
        total += draws.binomial(MonthDraw::affordable, 3, 0.5);
        total += draws.poisson(MonthDraw::session_demand, 40.0);
        total += draws.binomial(MonthDraw::leavers, 10, 0.04);
      }
    }
    benchmark::DoNotOptimize(total);
  }
  state.counters["path_months_per_s"] = benchmark::Counter(static_cast<double>(paths) * months *
                                                               static_cast<double>(state.iterations()),
                                                           benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DrawsOnly)->Unit(benchmark::kMillisecond);

void BM_StatisticsMerge(benchmark::State& state) {
  const meantime::Scenario scenario = meantime::default_scenario();
  meantime::RunOptions options;
  options.paths = 20000;
  options.keep_outcomes = false;
  const auto a = meantime::simulate(scenario, options);
  for (auto _ : state) {
    meantime::Statistics merged = a.statistics;
    merged.merge(a.statistics);
    benchmark::DoNotOptimize(merged);
  }
}
BENCHMARK(BM_StatisticsMerge)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
