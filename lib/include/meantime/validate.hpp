#pragma once

#include "meantime/scenario.hpp"

namespace meantime {

// Checks every field once. Throws ScenarioError naming the first broken field and its rule
// ("business.price_per_session: must be > 0, got -12").
void validate(const Scenario& scenario);

}  // namespace meantime
