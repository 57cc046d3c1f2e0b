// Runs the built-in "kitchen table" scenario and answers in plain words.
//   kitchen_table [paths] [seed]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "meantime/meantime.hpp"

namespace {

void print_answer(const meantime::Scenario& scenario, const meantime::RunResult& run, double seconds) {
  const auto& s = run.statistics;
  const int horizon = scenario.run.months;
  const double survive = s.survival(horizon);
  const double n = static_cast<double>(run.paths);
  auto se = [n](double p) { return 100.0 * std::sqrt(p * (1 - p) / n); };
  const double operating = s.operating_break_even_by(horizon);
  const double living = s.living_break_even_by(horizon);
  std::printf("meantime: the kitchen-table start-up (%llu paths, %d months, seed %llu, %.2f s)\n\n",
              static_cast<unsigned long long>(run.paths), horizon, static_cast<unsigned long long>(run.seed), seconds);
  std::printf("  %.0f in 100 futures get through all %d months (%.1f%% +- %.1f).\n", 100 * survive, horizon,
              100 * survive, se(survive));
  std::printf("  The business covers its own costs in %.0f%% of futures (+- %.1f),\n", 100 * operating, se(operating));
  std::printf("  and pays the founder's way in %.0f%% (+- %.1f).\n", 100 * living, se(living));
  const double median_clients = s.quantile(meantime::Series::clients, horizon, 0.5);
  std::printf("  Median clients in month %d: %.0f; median business cash: GBP %.0f.\n", horizon, median_clients,
              s.quantile(meantime::Series::business_cash, horizon, 0.5));
  const auto& lowest = s.lowest_cash().histogram;
  const double needed_90 = -lowest.quantile(0.10, false);
  if (needed_90 > 0) {
    std::printf("  About GBP %.0f more starting capital would give a 90%% chance of getting through.\n", needed_90);
  } else {
    std::printf("  Starting capital is enough in at least 90%% of futures.\n");
  }
  std::printf("\n  Answer: %s\n", survive >= 0.9 ? "viable: it very likely breaks even before the money runs out."
                                  : survive >= 0.6
                                      ? "possible, but the meantime is a real risk: plan for the bad years."
                                      : "not viable as it stands: the money runs out first in too many futures.");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    meantime::RunOptions options;
    options.paths = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
    options.seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2026;
    options.keep_outcomes = false;
    const meantime::Scenario scenario = meantime::default_scenario();
    const auto start = std::chrono::steady_clock::now();
    const meantime::RunResult run = meantime::simulate(scenario, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    print_answer(scenario, run, seconds);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "meantime: %s\n", e.what());
    return 2;
  }
}
