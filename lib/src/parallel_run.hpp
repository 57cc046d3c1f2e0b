// The thread pool every run uses: blocks of paths handed out in turn to worker threads, with
// progress reports, cancellation, a time limit and the first worker exception passed on. What
// each block does is the caller's; the caller merges the workers' results in a fixed order.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "meantime/simulate.hpp"

namespace meantime {

// Throws RunSettingsError naming the option that is unusable.
void check_run_options(const RunOptions& options);
// Throws MemoryLimitError when `needed` bytes of per-path arrays would not fit.
void check_memory(std::size_t needed, bool keep_paths);

// Threads to use for `blocks` blocks under `options.threads` (0: all cores).
unsigned worker_count(const RunOptions& options, std::uint64_t blocks);

// Calls work(worker, block) for every block in [0, blocks) on `threads` threads (worker in
// [0, threads)); `work` returns the number of paths the block held. Throws what a worker threw,
// RunCancelled when the progress callback returned false, RunTimeout past options.max_seconds
// (counted from `started`). Every thread has been joined when it returns or throws.
void run_blocks(const RunOptions& options, std::uint64_t blocks, unsigned threads,
                std::chrono::steady_clock::time_point started,
                const std::function<std::size_t(unsigned worker, std::uint64_t block)>& work);

}  // namespace meantime
