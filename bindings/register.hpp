// The pieces of meantime._core, one per concept; module.cpp calls each once.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>

#include "meantime/result.hpp"
#include "meantime/simulate.hpp"
#include "meantime/town.hpp"

namespace meantime::python {

void register_errors(pybind11::module_& m);
void register_distribution(pybind11::module_& m);
void register_scenario(pybind11::module_& m);
void register_statistics(pybind11::module_& m);
void register_results(pybind11::module_& m);
void register_run(pybind11::module_& m);
void register_town(pybind11::module_& m);

// simulate() or simulate_town() with the GIL released, progress, Ctrl-C (register_run.cpp).
template <class Result>
Result run_engine(Result (*engine)(const Scenario&, const RunOptions&), const Scenario& scenario, std::uint64_t paths,
                  std::uint64_t seed, std::uint64_t first_path, int threads, bool keep_outcomes, bool keep_paths,
                  const pybind11::object& progress, double progress_interval, double max_seconds);

// Names <-> engine enums, derived from the engine's own to_string so new values appear here
// without a change to the bindings. Unknown names raise ValueError with the valid names.
Series series_from_name(const std::string& name);
FailureCause failure_cause_from_name(const std::string& name);
pybind11::list series_names();
pybind11::list failure_cause_names();

}  // namespace meantime::python
