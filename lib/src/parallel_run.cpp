#include "parallel_run.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "meantime/errors.hpp"

namespace meantime {

namespace {

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

}  // namespace

void check_run_options(const RunOptions& o) {
  if (o.paths < 1 || o.paths > kMaxPaths) {
    throw RunSettingsError("paths",
                           "must be between 1 and " + std::to_string(kMaxPaths) + ", got " + std::to_string(o.paths));
  }
  if (o.first_path > kMaxPaths * 1000 || o.first_path + o.paths < o.first_path) {
    throw RunSettingsError("first_path", "is too large: " + std::to_string(o.first_path));
  }
  if (o.threads < 0 || o.threads > 1024) {
    throw RunSettingsError("threads", "must be between 0 (all cores) and 1024, got " + std::to_string(o.threads));
  }
  if (o.keep_paths && (o.path_series & kAllSeries) == 0) {
    throw RunSettingsError("path_series", "must name at least one series to keep the path arrays of");
  }
  if (!(o.progress_interval > 0) || o.progress_interval > 3600) {
    throw RunSettingsError("progress_interval", "must be > 0 and <= 3600 seconds");
  }
  if (!(o.max_seconds >= 0) || !std::isfinite(o.max_seconds)) {
    throw RunSettingsError("max_seconds", "must be > 0 seconds, or 0 for no limit, got " + seconds_text(o.max_seconds));
  }
}

namespace {

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

}  // namespace

void check_memory(std::size_t needed, bool keep_paths) {
  const std::size_t available = available_memory();
  // Leave a quarter of what is free for everything else.
  if (needed > 0 && (available == 0 || static_cast<double>(needed) > 0.75 * static_cast<double>(available))) {
    throw MemoryLimitError(needed, available,
                           keep_paths ? "run with keep_paths off (statistics need no per-path memory), "
                                        "or fewer paths, or in chunks merged afterwards"
                                      : "run with keep_outcomes off, or fewer paths, or in chunks");
  }
}

unsigned worker_count(const RunOptions& options, std::uint64_t blocks) {
  const unsigned threads =
      options.threads > 0 ? static_cast<unsigned>(options.threads) : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(threads, blocks)));
}

void run_blocks(const RunOptions& options, std::uint64_t blocks, unsigned threads,
                std::chrono::steady_clock::time_point started,
                const std::function<std::size_t(unsigned worker, std::uint64_t block)>& work) {
  std::atomic<std::uint64_t> next_block{0};
  std::atomic<std::uint64_t> paths_done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex mutex;
  std::condition_variable finished;
  unsigned running = threads;

  auto worker_loop = [&](unsigned worker) {
    try {
      for (;;) {
        if (stop.load(std::memory_order_relaxed)) break;
        const std::uint64_t block = next_block.fetch_add(1);
        if (block >= blocks) break;
        paths_done.fetch_add(work(worker, block), std::memory_order_relaxed);
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
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker_loop, t);

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
}

RunTimeout::RunTimeout(double max_seconds, std::uint64_t paths_done, std::uint64_t paths)
    : Error("the run reached its time limit of " + seconds_text(max_seconds) + " seconds (max_seconds) with " +
            std::to_string(paths_done) + " of " + std::to_string(paths) +
            " paths done; allow more time or run fewer paths"),
      max_seconds_(max_seconds),
      paths_done_(paths_done) {}

MemoryLimitError::MemoryLimitError(std::size_t bytes_needed, std::size_t bytes_available, const std::string& remedy)
    : Error("the per-path arrays would need " + human_bytes(static_cast<double>(bytes_needed)) + " but " +
            human_bytes(static_cast<double>(bytes_available)) + " is available; " + remedy),
      bytes_needed_(bytes_needed),
      bytes_available_(bytes_available) {}

}  // namespace meantime
