// Clients: admission while the diary has room, sessions booked around the plan, leaving.
#pragma once

#include <algorithm>
#include <cstdint>

#include "draws.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

struct ClientParameters {
  double churn_per_month = 0;
  std::int64_t session_capacity = 0;  // sessions the business can deliver in a month
  std::int64_t max_clients = 0;       // clients whose plans fit in that capacity
};

struct ClientState {
  std::int64_t active = 0;
};

struct ClientMonth {
  std::int64_t admitted = 0;
  std::int64_t lost_to_capacity = 0;
  std::int64_t sessions = 0;
};

ClientParameters draw_clients(const Scenario& scenario, PathKey key);

inline ClientMonth admit_and_serve(const Clients& clients, const ClientParameters& p, ClientState& state,
                                   std::int64_t can_pay, MonthDraws& draws) {
  ClientMonth month;
  const std::int64_t free_places = std::max<std::int64_t>(0, p.max_clients - state.active);
  month.admitted = std::min(can_pay, free_places);
  month.lost_to_capacity = can_pay - month.admitted;
  state.active += month.admitted;
  const double planned = static_cast<double>(state.active) * clients.sessions_per_month;
  const std::int64_t booked = draws.poisson(MonthDraw::session_demand, planned);
  month.sessions = std::min(booked, p.session_capacity);
  return month;
}

// At the month's end each client leaves with the path's churn probability.
inline void clients_leave(const ClientParameters& p, ClientState& state, MonthDraws& draws) {
  state.active -= draws.binomial(MonthDraw::leavers, state.active, p.churn_per_month);
}

}  // namespace meantime
