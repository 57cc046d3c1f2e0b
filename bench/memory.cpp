// Peak resident memory of one summary-only run (keep_outcomes off), for the target that
// summary-only memory does not grow with paths. Run it in a fresh process per size:
//   meantime_memory PATHS [default|full] [THREADS]
// prints "paths=... months=... peak_rss_kib=... seconds=...".
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "bench_scenarios.hpp"
#include "meantime/meantime.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PATHS [default|full] [THREADS]\n", argv[0]);
    return 2;
  }
  try {
    meantime::RunOptions options;
    options.paths = std::strtoull(argv[1], nullptr, 10);
    options.threads = argc > 3 ? std::atoi(argv[3]) : 1;
    options.keep_outcomes = false;
    const meantime::Scenario scenario = meantime::bench::scenario_by_name(argc > 2 ? argv[2] : "default");
    const auto start = std::chrono::steady_clock::now();
    const meantime::RunResult result = meantime::simulate(scenario, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);  // ru_maxrss is in KiB on Linux
    std::printf("paths=%llu months=%d peak_rss_kib=%ld seconds=%.3f survival=%.6f\n",
                static_cast<unsigned long long>(options.paths), scenario.run.months, usage.ru_maxrss, seconds,
                result.statistics.survival(scenario.run.months));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "meantime_memory: %s\n", e.what());
    return 1;
  }
  return 0;
}
