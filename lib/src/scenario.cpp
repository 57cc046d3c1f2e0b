#include "meantime/scenario.hpp"

namespace meantime {

// The defaults in the declarations are the kitchen-table start-up; see scenario.hpp for where
// each figure comes from.
Scenario default_scenario() { return Scenario{}; }

}  // namespace meantime
