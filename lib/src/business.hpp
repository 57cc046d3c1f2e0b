// The business: what a month's sessions bring in and cost.
#pragma once

#include <cstdint>

#include "meantime/scenario.hpp"

namespace meantime {

inline constexpr double kWeeksPerMonth = 52.0 / 12.0;

// Sessions a month that the founder's client-facing hours allow.
std::int64_t session_capacity(const Business& business);

struct BusinessMonth {
  double revenue = 0;
  double operating_costs = 0;  // fixed and variable: the costs of carrying on
  double startup_costs = 0;    // one-off, month 1
  double operating_profit() const { return revenue - operating_costs; }
  double profit() const { return revenue - operating_costs - startup_costs; }
};

inline BusinessMonth business_month(const Business& b, int month, std::int64_t sessions) {
  BusinessMonth m;
  const double delivered = static_cast<double>(sessions);
  m.revenue = delivered * b.price_per_session;
  m.operating_costs = b.fixed_costs_per_month + delivered * b.variable_cost_per_session;
  m.startup_costs = month == 1 ? b.startup_costs : 0.0;
  return m;
}

}  // namespace meantime
