// The founder's health: illness episodes that cut capacity for a while.
#pragma once

#include <algorithm>
#include <cmath>

#include "draws.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

struct HealthState {
  int ill_months_left = 0;
};

// True when the founder is ill this month; may start an episode.
inline bool ill_this_month(const Health& h, HealthState& state, PathKey key, int month, MonthDraws& draws,
                           bool deterministic) {
  if (state.ill_months_left == 0 && draws.happens(MonthDraw::illness_start, h.illness_per_month)) {
    const double length = draw_monthly(h.illness_months, key, month, kIllnessLengthSlot, deterministic);
    state.ill_months_left = std::max(1, static_cast<int>(std::lround(length)));
  }
  if (state.ill_months_left == 0) return false;
  --state.ill_months_left;
  return true;
}

}  // namespace meantime
