// The scenarios the benchmarks run: the built-in default and the full model (every part of the
// month switched on), the same full_model_scenario() the tests use (tests/cpp/scenarios.hpp).
#pragma once

#include <stdexcept>
#include <string>

#include "meantime/meantime.hpp"
#include "scenarios.hpp"

namespace meantime::bench {

using testing::full_model_scenario;  // one definition, shared with the tests

// Benchmark arguments name scenarios by number: 0 default, 1 full model.
inline constexpr int kDefault = 0;
inline constexpr int kFullModel = 1;

inline const char* scenario_name(int which) { return which == kFullModel ? "full" : "default"; }

inline Scenario scenario_by_number(int which) {
  return which == kFullModel ? full_model_scenario() : default_scenario();
}

inline Scenario scenario_by_name(const std::string& name) {
  if (name == "default") return default_scenario();
  if (name == "full") return full_model_scenario();
  throw std::invalid_argument("scenario must be 'default' or 'full', got '" + name + "'");
}

}  // namespace meantime::bench
