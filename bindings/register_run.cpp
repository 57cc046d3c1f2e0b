// The run. The GIL is released while the engine's threads work; the engine calls the progress
// callback on this (the calling) thread every progress_interval seconds, where the GIL is taken
// back to check for Ctrl-C (PyErr_CheckSignals) and to call the Python progress function. A
// pending Python error cancels the run (the engine joins its threads and throws RunCancelled),
// and that error, usually KeyboardInterrupt, is what the caller sees.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <exception>

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
    "(0: no limit), RunTimeout.";

}  // namespace

template <class Result>
Result run_engine(Result (*engine)(const Scenario&, const RunOptions&), const Scenario& scenario, std::uint64_t paths,
                  std::uint64_t seed, std::uint64_t first_path, int threads, bool keep_outcomes, bool keep_paths,
                  const py::object& progress, double progress_interval, double max_seconds) {
  RunOptions options;
  options.paths = paths;
  options.seed = seed;
  options.first_path = first_path;
  options.threads = threads;
  options.keep_outcomes = keep_outcomes;
  options.keep_paths = keep_paths;
  options.progress_interval = progress_interval;
  options.max_seconds = max_seconds;
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

  const Scenario own_copy = scenario;  // no other Python thread can change it under the run
  Result result;
  std::exception_ptr failure;
  bool cancelled = false;
  {
    py::gil_scoped_release release;
    try {
      result = engine(own_copy, options);
    } catch (const RunCancelled&) {
      cancelled = true;
    } catch (...) {
      failure = std::current_exception();
    }
  }
  // A Python error raised in the callback (KeyboardInterrupt, or the progress function's own)
  // wins over the engine's RunCancelled that it caused.
  if (PyErr_Occurred()) throw py::error_already_set();
  if (failure) std::rethrow_exception(failure);
  if (cancelled) throw RunCancelled();
  return result;
}

template TownResult run_engine(TownResult (*)(const Scenario&, const RunOptions&), const Scenario&, std::uint64_t,
                               std::uint64_t, std::uint64_t, int, bool, bool, const py::object&, double, double);

namespace {

RunResult run(const Scenario& scenario, std::uint64_t paths, std::uint64_t seed, std::uint64_t first_path, int threads,
              bool keep_outcomes, bool keep_paths, const py::object& progress, double progress_interval,
              double max_seconds) {
  return run_engine<RunResult>(&simulate, scenario, paths, seed, first_path, threads, keep_outcomes, keep_paths,
                               progress, progress_interval, max_seconds);
}

}  // namespace

void register_run(py::module_& m) {
  m.def("simulate", &run, "scenario"_a, "paths"_a = 10000, "seed"_a = 0, "first_path"_a = 0, "threads"_a = 0,
        "keep_outcomes"_a = true, "keep_paths"_a = false, "progress"_a = py::none(), "progress_interval"_a = 0.1,
        "max_seconds"_a = 0.0, kSimulateDoc);
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
