#include "meantime/simulate.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "meantime/errors.hpp"
#include "meantime/fields.hpp"
#include "meantime/validate.hpp"
#include "path_model.hpp"

namespace meantime {

namespace {

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

void check_options(const RunOptions& o) {
  if (o.paths < 1 || o.paths > kMaxPaths) {
    throw RunSettingsError("paths", "must be between 1 and " + std::to_string(kMaxPaths) + ", got " +
                                        std::to_string(o.paths));
  }
  if (o.first_path > kMaxPaths * 1000 || o.first_path + o.paths < o.first_path) {
    throw RunSettingsError("first_path", "is too large: " + std::to_string(o.first_path));
  }
  if (o.threads < 0 || o.threads > 1024) {
    throw RunSettingsError("threads", "must be between 0 (all cores) and 1024, got " + std::to_string(o.threads));
  }
  if (!(o.progress_interval > 0) || o.progress_interval > 3600) {
    throw RunSettingsError("progress_interval", "must be > 0 and <= 3600 seconds");
  }
  if (!(o.max_seconds >= 0) || !std::isfinite(o.max_seconds)) {
    throw RunSettingsError("max_seconds", "must be > 0 seconds, or 0 for no limit, got " + seconds_text(o.max_seconds));
  }
}

std::string human_bytes(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024 && u < 5) {
    bytes /= 1024;
    ++u;
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.1f %s", bytes, units[u]);
  return text;
}

// Everything one thread accumulates.
struct WorkerTotals {
  explicit WorkerTotals(int months) : statistics(months) {}
  Statistics statistics;
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
  if (options.keep_paths) bytes += paths * scenario.run.months * kSeriesCount * static_cast<double>(sizeof(double));
  return bytes >= 1.8e19 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(bytes);
}

RunResult simulate(const Scenario& scenario, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();  // max_seconds counts from the call
  validate(scenario);
  check_options(options);

  const std::size_t needed = per_path_bytes(scenario, options);
  const std::size_t available = available_memory();
  // Leave a quarter of what is free for everything else.
  if (needed > 0 && (available == 0 || static_cast<double>(needed) > 0.75 * static_cast<double>(available))) {
    throw MemoryLimitError(needed, available,
                           options.keep_paths ? "run with keep_paths off (statistics need no per-path memory), "
                                                "or fewer paths, or in chunks merged afterwards"
                                              : "run with keep_outcomes off, or fewer paths, or in chunks");
  }

  const int months = scenario.run.months;
  RunResult result;
  result.seed = options.seed;
  result.first_path = options.first_path;
  result.paths = options.paths;
  result.scenario_fingerprint = fingerprint(scenario);
  result.months = months;
  if (options.keep_outcomes) result.outcomes.emplace(static_cast<Eigen::Index>(options.paths));
  if (options.keep_paths) result.path_arrays.emplace(static_cast<Eigen::Index>(options.paths), months);

  const std::uint64_t blocks = (options.paths + kBlockPaths - 1) / kBlockPaths;
  unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                         : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, blocks));

  std::atomic<std::uint64_t> next_block{0};
  std::atomic<std::uint64_t> paths_done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex mutex;
  std::condition_variable finished;
  unsigned running = threads;
  std::vector<WorkerTotals> totals(threads, WorkerTotals(months));
  const PathModel model(scenario);

  auto work = [&](unsigned worker) {
    try {
      std::vector<PathState> states(kBlockPaths);
      MonthColumns month_values(kBlockPaths);
      SamplerCache cache;
      Statistics& statistics = totals[worker].statistics;
      for (;;) {
        if (stop.load(std::memory_order_relaxed)) break;
        const std::uint64_t block = next_block.fetch_add(1);
        if (block >= blocks) break;
        const std::uint64_t begin = block * kBlockPaths;
        const std::uint64_t end = std::min(options.paths, begin + kBlockPaths);
        const std::size_t count = static_cast<std::size_t>(end - begin);
        for (std::size_t i = 0; i < count; ++i) {
          model.start(states[i], PathKey{options.seed, options.first_path + begin + i});
        }
        // Month by month across the block: the statistics of one month stay in cache, and take
        // the block's values series by series.
        for (int month = 1; month <= months; ++month) {
          for (std::size_t i = 0; i < count; ++i) {
            const PathKey key{options.seed, options.first_path + begin + i};
            const MonthValues values = model.step(states[i], key, month, cache);
            month_values.set(i, values);
            if (result.path_arrays) {
              for (int s = 0; s < kSeriesCount; ++s) {
                result.path_arrays->series[static_cast<std::size_t>(s)](static_cast<Eigen::Index>(begin + i),
                                                                        month - 1) = values.values[s];
              }
            }
          }
          statistics.add_month(month, month_values, count);
        }
        for (std::size_t i = 0; i < count; ++i) {
          statistics.add_outcome(states[i].outcome);
          if (result.outcomes) result.outcomes->set(static_cast<Eigen::Index>(begin + i), states[i].outcome);
        }
        paths_done.fetch_add(count, std::memory_order_relaxed);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
    std::lock_guard<std::mutex> lock(mutex);
    --running;
    finished.notify_all();
  };

  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);

  bool cancelled = false;
  bool timed_out = false;
  {
    std::unique_lock<std::mutex> lock(mutex);
    const auto interval = std::chrono::duration<double>(options.progress_interval);
    const auto deadline = started + std::chrono::duration<double>(options.max_seconds);
    while (running > 0) {
      const auto wake = std::chrono::steady_clock::now() + interval;
      finished.wait_until(lock, options.max_seconds > 0 ? std::min(wake, deadline) : wake,
                          [&] { return running == 0; });
      if (running > 0 && options.max_seconds > 0 && !cancelled && !timed_out &&
          std::chrono::steady_clock::now() >= deadline) {
        timed_out = true;
        stop = true;
      }
      if (running > 0 && options.progress && !cancelled && !timed_out) {
        lock.unlock();
        bool carry_on = true;
        try {
          carry_on = options.progress(paths_done.load(), options.paths);
        } catch (...) {
          std::lock_guard<std::mutex> guard(mutex);
          if (!failure) failure = std::current_exception();
          carry_on = false;
        }
        lock.lock();
        if (!carry_on) {
          cancelled = true;
          stop = true;
        }
      }
    }
  }
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
  if (cancelled) throw RunCancelled();
  if (timed_out) throw RunTimeout(options.max_seconds, paths_done.load(), options.paths);
  if (options.progress) options.progress(options.paths, options.paths);

  // Exact merges: the order cannot change a bit, but keep it fixed anyway. The first worker's
  // statistics are taken as they are (merging them into empty ones would copy them).
  result.statistics = std::move(totals[0].statistics);
  for (std::size_t t = 1; t < totals.size(); ++t) result.statistics.merge(totals[t].statistics);
  return result;
}

RunTimeout::RunTimeout(double max_seconds, std::uint64_t paths_done, std::uint64_t paths)
    : Error("the run reached its time limit of " + seconds_text(max_seconds) +
            " seconds (max_seconds) with " + std::to_string(paths_done) + " of " + std::to_string(paths) +
            " paths done; allow more time or run fewer paths"),
      max_seconds_(max_seconds),
      paths_done_(paths_done) {}

MemoryLimitError::MemoryLimitError(std::size_t bytes_needed, std::size_t bytes_available, const std::string& remedy)
    : Error("the per-path arrays would need " + human_bytes(static_cast<double>(bytes_needed)) + " but " +
            human_bytes(static_cast<double>(bytes_available)) + " is available; " + remedy),
      bytes_needed_(bytes_needed),
      bytes_available_(bytes_available) {}

}  // namespace meantime
