// The founder's household: drawings from the business, other income and benefits, living
// costs, and moving savings into the business when it runs short. The founder's money and the
// business's are both at stake (a sole trader), so the venture fails when the two together
// fall below zero.
#pragma once

#include <algorithm>

#include "business.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

struct Cash {
  double business = 0;
  double household = 0;
  double combined() const { return business + household; }
};

struct HouseholdMonth {
  double drawings = 0;    // business -> household
  double injections = 0;  // household -> business
};

// Wages of the founder's other job a month, before tax and NI (the `tax` group takes them).
inline double job_wage(const Household& h) { return h.job_hours_per_week * h.job_wage_per_hour * kWeeksPerMonth; }

// Moves money between the two pockets and pays the household's month. `cash.business` already
// holds this month's business flows; `income` is the household's own income this month and
// `living_costs` what it spends.
inline HouseholdMonth household_month(const Household& h, double income, double living_costs, Cash& cash) {
  HouseholdMonth m;
  if (cash.business > h.drawings_buffer) {
    m.drawings = std::min(cash.business - h.drawings_buffer, h.max_drawings_per_month);
  }
  cash.business -= m.drawings;
  cash.household += m.drawings + income - living_costs;
  // An overdrawn business is topped up from savings ...
  if (cash.business < 0 && cash.household > 0) {
    m.injections = std::min(-cash.business, cash.household);
    cash.business += m.injections;
    cash.household -= m.injections;
  }
  // ... and a household short of money takes what the business holds, buffer or not.
  if (cash.household < 0 && cash.business > 0) {
    const double emergency = std::min(cash.business, -cash.household);
    cash.business -= emergency;
    cash.household += emergency;
    m.drawings += emergency;
  }
  return m;
}

}  // namespace meantime
