// The run. The GIL is released while the engine's threads work; the engine calls the progress
// callback on this (the calling) thread every progress_interval seconds, where the GIL is taken
// back to check for Ctrl-C (PyErr_CheckSignals) and to call the Python progress function. A
// pending Python error cancels the run (the engine joins its threads and throws RunCancelled),
// and that error, usually KeyboardInterrupt, is what the caller sees.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <exception>
#include <vector>

#include "meantime/errors.hpp"
#include "meantime/simulate.hpp"
#include "meantime/town.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace meantime::python {

namespace {

const char* const kSimulateDoc =
    "simulate(scenario, paths, seed, first_path, threads, keep_outcomes, keep_paths, progress,\n"
    "         progress_interval, max_seconds) -> RunResult\n\n"
    "Runs paths [first_path, first_path + paths) with the GIL released. `progress`, if not None,\n"
    "is called as progress(done, total) about every progress_interval seconds on the calling\n"
    "thread; returning False cancels (RunCancelled). Ctrl-C stops the run within about\n"
    "progress_interval seconds and raises KeyboardInterrupt. Raises ScenarioError,\n"
    "RunSettingsError, MemoryLimitError (before allocating), RunCancelled or, past max_seconds\n"
    "(0: no limit), RunTimeout. follow_failed=False stops each path at its failure: lowest_cash and\n"
    "final_cash are then as they stood at the failure, everything else is unchanged.\n"
    "monthly_statistics=False keeps no per-month statistics (reading one raises), only the\n"
    "outcomes' statistics, the same bit for bit: for a caller that reads per-path outcomes only.\n"
    "path_series (a list of series names) keeps the path arrays of those series only.";

}  // namespace

namespace {

RunOptions run_options(std::uint64_t paths, std::uint64_t seed, std::uint64_t first_path, int threads,
                       bool keep_outcomes, bool keep_paths, const py::object& progress, double progress_interval,
                       double max_seconds, bool follow_failed, bool monthly_statistics = true,
                       const py::object& path_series = py::none()) {
  RunOptions options;
  if (!path_series.is_none()) {  // names of series: keep_paths keeps those only
    options.path_series = 0;
    for (const py::handle name : path_series) {
      options.path_series |= series_bit(enum_from_name<Series, kSeriesCount>(py::cast<std::string>(name), "series"));
    }
  }
  options.follow_failed = follow_failed;
  options.monthly_statistics = monthly_statistics;
  options.paths = paths;
  options.seed = seed;
  options.first_path = first_path;
  options.threads = threads;
  options.keep_outcomes = keep_outcomes;
  options.keep_paths = keep_paths;
  options.progress_interval = progress_interval;
  options.max_seconds = max_seconds;
  // `progress` outlives the run: the caller holds it for the whole call.
  options.progress = [&progress](std::uint64_t done, std::uint64_t total) {
    py::gil_scoped_acquire gil;
    if (PyErr_Occurred() || PyErr_CheckSignals() != 0) return false;
    if (progress.is_none()) return true;
    try {
      const py::object answer = progress(done, total);
      // None (a function that returns nothing) carries on; anything false cancels.
      if (answer.is_none()) return true;
      const int carry_on = PyObject_IsTrue(answer.ptr());
      return carry_on == 1;  // -1: the truth test itself raised, and that error is pending
    } catch (py::error_already_set& error) {
      error.restore();  // re-raised once the engine has stopped
      return false;
    }
  };
  return options;
}

// engine() with the GIL released. A Python error raised in the progress callback
// (KeyboardInterrupt, or the progress function's own) wins over the engine's RunCancelled that
// it caused.
template <class Engine>
auto without_gil(const Engine& engine) -> decltype(engine()) {
  decltype(engine()) result;
  std::exception_ptr failure;
  bool cancelled = false;
  {
    py::gil_scoped_release release;
    try {
      result = engine();
    } catch (const RunCancelled&) {
      cancelled = true;
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (PyErr_Occurred()) throw py::error_already_set();
  if (failure) std::rethrow_exception(failure);
  if (cancelled) throw RunCancelled();
  return result;
}

const char* const kSimulateBatchDoc =
    "simulate_batch(scenarios, seeds, paths, first_path, threads, keep_outcomes, keep_paths, progress,\n"
    "               progress_interval, max_seconds) -> list[RunResult]\n\n"
    "Runs scenarios[i] with seeds[i], each result bit for bit what simulate(scenarios[i], paths,\n"
    "seeds[i], ...) gives, in one call with the GIL released: the blocks of all the runs share the\n"
    "engine's threads. progress(done, total) and max_seconds count the whole batch; Ctrl-C and\n"
    "cancelling work as for simulate. A town raises ScenarioError (it runs with simulate_town).\n"
    "follow_failed and monthly_statistics as for simulate.";

}  // namespace

template <class Result>
Result run_engine(Result (*engine)(const Scenario&, const RunOptions&), const Scenario& scenario, std::uint64_t paths,
                  std::uint64_t seed, std::uint64_t first_path, int threads, bool keep_outcomes, bool keep_paths,
                  const py::object& progress, double progress_interval, double max_seconds, bool follow_failed) {
  const RunOptions options = run_options(paths, seed, first_path, threads, keep_outcomes, keep_paths, progress,
                                         progress_interval, max_seconds, follow_failed);
  const Scenario own_copy = scenario;  // no other Python thread can change it under the run
  return without_gil([&] { return engine(own_copy, options); });
}

template <class Result>
std::vector<Result> run_batch_engine(BatchEngine<Result> engine, const std::vector<Scenario>& scenarios,
                                     const std::vector<std::uint64_t>& seeds, std::uint64_t paths,
                                     std::uint64_t first_path, int threads, bool keep_outcomes, bool keep_paths,
                                     const py::object& progress, double progress_interval, double max_seconds,
                                     bool follow_failed) {
  const RunOptions options = run_options(paths, 0, first_path, threads, keep_outcomes, keep_paths, progress,
                                         progress_interval, max_seconds, follow_failed);
  // `scenarios` are copies, converted with the GIL held: no other Python thread can change them.
  return without_gil([&] { return engine(scenarios, seeds, options); });
}

template std::vector<TownResult> run_batch_engine(BatchEngine<TownResult>, const std::vector<Scenario>&,
                                                  const std::vector<std::uint64_t>&, std::uint64_t, std::uint64_t, int,
                                                  bool, bool, const py::object&, double, double, bool);

template TownResult run_engine(TownResult (*)(const Scenario&, const RunOptions&), const Scenario&, std::uint64_t,
                               std::uint64_t, std::uint64_t, int, bool, bool, const py::object&, double, double, bool);

namespace {

RunResult run(const Scenario& scenario, std::uint64_t paths, std::uint64_t seed, std::uint64_t first_path, int threads,
              bool keep_outcomes, bool keep_paths, const py::object& progress, double progress_interval,
              double max_seconds, bool follow_failed, bool monthly_statistics, const py::object& path_series) {
  const RunOptions options =
      run_options(paths, seed, first_path, threads, keep_outcomes, keep_paths, progress, progress_interval, max_seconds,
                  follow_failed, monthly_statistics, path_series);
  const Scenario own_copy = scenario;  // no other Python thread can change it under the run
  return without_gil([&] { return simulate(own_copy, options); });
}

std::vector<RunResult> run_batch(const std::vector<Scenario>& scenarios, const std::vector<std::uint64_t>& seeds,
                                 std::uint64_t paths, std::uint64_t first_path, int threads, bool keep_outcomes,
                                 bool keep_paths, const py::object& progress, double progress_interval,
                                 double max_seconds, bool follow_failed, bool monthly_statistics,
                                 const py::object& path_series) {
  const RunOptions options =
      run_options(paths, 0, first_path, threads, keep_outcomes, keep_paths, progress, progress_interval, max_seconds,
                  follow_failed, monthly_statistics, path_series);
  // `scenarios` are copies, converted with the GIL held: no other Python thread can change them.
  return without_gil([&] { return simulate_batch(scenarios, seeds, options); });
}

}  // namespace

void register_run(py::module_& m) {
  m.def("simulate", &run, "scenario"_a, "paths"_a = 10000, "seed"_a = 0, "first_path"_a = 0, "threads"_a = 0,
        "keep_outcomes"_a = true, "keep_paths"_a = false, "progress"_a = py::none(), "progress_interval"_a = 0.1,
        "max_seconds"_a = 0.0, "follow_failed"_a = true, "monthly_statistics"_a = true, "path_series"_a = py::none(),
        kSimulateDoc);
  m.def("simulate_batch", &run_batch, "scenarios"_a, "seeds"_a, "paths"_a = 10000, "first_path"_a = 0, "threads"_a = 0,
        "keep_outcomes"_a = true, "keep_paths"_a = false, "progress"_a = py::none(), "progress_interval"_a = 0.1,
        "max_seconds"_a = 0.0, "follow_failed"_a = true, "monthly_statistics"_a = true, "path_series"_a = py::none(),
        kSimulateBatchDoc);
  m.def(
      "per_path_bytes",
      [](const Scenario& scenario, std::uint64_t paths, bool keep_outcomes, bool keep_paths) {
        RunOptions options;
        options.paths = paths;
        options.keep_outcomes = keep_outcomes;
        options.keep_paths = keep_paths;
        return per_path_bytes(scenario, options);
      },
      "scenario"_a, "paths"_a, "keep_outcomes"_a = true, "keep_paths"_a = false,
      "Bytes the per-path arrays of such a run would take.");
  m.def("available_memory", &available_memory, "Memory available on this machine now, in bytes.");
  m.attr("MAX_PATHS") = kMaxPaths;
  m.attr("BLOCK_PATHS") = kBlockPaths;
}

}  // namespace meantime::python
