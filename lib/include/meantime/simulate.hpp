// Running many paths: multithreaded, bit-identical for any thread count, and cut into chunks
// of paths that merge exactly (RunResult::merge), so the work can be spread across machines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "meantime/result.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

struct RunOptions {
  std::uint64_t paths = 10000;
  std::uint64_t seed = 0;
  // Run paths [first_path, first_path + paths): a chunk of a larger run.
  std::uint64_t first_path = 0;
  int threads = 0;                     // 0: all cores
  bool keep_outcomes = true;           // per-path outcome columns (about 60 bytes a path)
  bool keep_paths = false;             // full paths x months arrays of every series ...
  SeriesSet path_series = kAllSeries;  // ... or of these only (the others have no rows)
  // Follow a failed path to the horizon, so that its lowest_cash (and final_cash) say what it
  // would have reached had it carried on: what the extra capital is read from. Off, a path stops
  // at its failure and those two are as they stood then; everything else is the same bit for
  // bit (a failed path reports no activity either way), and failures cost nothing after them.
  bool follow_failed = true;
  // Keep the statistics of every series in every month across paths (means, quantiles: what
  // Result.monthly shows). Off, the run skips that work -- a fifth or so of a path-month -- and
  // keeps only the per-path outcomes' statistics (survival, break-even, totals, lowest cash),
  // each the same bit for bit; reading a monthly statistic of such a run is an error.
  bool monthly_statistics = true;
  // Called from the calling thread about every `progress_interval` seconds, and once at the
  // end, with paths done and paths in all. Returning false cancels the run (RunCancelled).
  std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
  double progress_interval = 0.1;
  // Stop the run with RunTimeout once it has taken this many seconds (checked on the calling
  // thread at least every progress_interval); 0: no limit.
  double max_seconds = 0.0;
};

// Validates the scenario and the options, checks memory, runs. Throws ScenarioError,
// RunSettingsError, MemoryLimitError, RunCancelled or RunTimeout.
RunResult simulate(const Scenario& scenario, const RunOptions& options = {});

// Many runs in one call: scenarios[i] with seeds[i] (options.seed is not used), each result bit
// for bit what simulate(scenarios[i], options with that seed) gives. The blocks of all the
// scenarios share one pool of threads, so runs of few paths keep every thread busy; progress
// and max_seconds count the whole batch. Scenarios with one seed share their random numbers path
// by path (common random numbers). A town raises ScenarioError: it runs with simulate_town.
std::vector<RunResult> simulate_batch(const std::vector<Scenario>& scenarios, const std::vector<std::uint64_t>& seeds,
                                      const RunOptions& options = {});

// Bytes the per-path arrays of a run would take (outcomes and/or full paths).
std::size_t per_path_bytes(const Scenario& scenario, const RunOptions& options);
// Memory the machine has available now (MemAvailable), in bytes.
std::size_t available_memory();

// Paths are simulated in blocks of this many, month by month within a block.
inline constexpr std::uint64_t kBlockPaths = 256;
inline constexpr std::uint64_t kMaxPaths = 1'000'000'000'000ULL;

}  // namespace meantime
