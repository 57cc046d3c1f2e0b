// The pieces of meantime._core, one per concept; module.cpp calls each once.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <vector>

#include "meantime/fields.hpp"
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
                  const pybind11::object& progress, double progress_interval, double max_seconds,
                  bool follow_failed = true);

// simulate_batch() or simulate_town_batch() the same way: one call, the GIL released.
template <class Result>
using BatchEngine = std::vector<Result> (*)(const std::vector<Scenario>&, const std::vector<std::uint64_t>&,
                                            const RunOptions&);
template <class Result>
std::vector<Result> run_batch_engine(BatchEngine<Result> engine, const std::vector<Scenario>& scenarios,
                                     const std::vector<std::uint64_t>& seeds, std::uint64_t paths,
                                     std::uint64_t first_path, int threads, bool keep_outcomes, bool keep_paths,
                                     const pybind11::object& progress, double progress_interval, double max_seconds,
                                     bool follow_failed = true);

// An engine enum's value by its to_string name; an unknown name raises ValueError naming the
// closest valid one and listing them all. `what` names the kind ("series", "total").
template <class Enum, int Count>
Enum enum_from_name(const std::string& name, const char* what) {
  std::vector<std::string> names;
  for (int i = 0; i < Count; ++i) {
    names.emplace_back(to_string(static_cast<Enum>(i)));
    if (names.back() == name) return static_cast<Enum>(i);
  }
  std::string message = "unknown " + std::string(what) + " '" + name + "'";
  const std::string suggestion = closest_name(name, names);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw pybind11::value_error(message + " (valid: " + list + ")");
}

// Every name of an engine enum, in its order.
template <class Enum, int Count>
pybind11::list enum_names() {
  pybind11::list names;
  for (int i = 0; i < Count; ++i) names.append(to_string(static_cast<Enum>(i)));
  return names;
}

// Names <-> engine enums, derived from the engine's own to_string so new values appear here
// without a change to the bindings. Unknown names raise ValueError with the valid names.
Series series_from_name(const std::string& name);
FailureCause failure_cause_from_name(const std::string& name);
pybind11::list series_names();
pybind11::list failure_cause_names();

}  // namespace meantime::python
