// Clients: reviews and council cuts, admission while the diary has room (the waiting list
// first), sessions booked around the plan, leaving and giving up.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "draws.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

struct ClientState {
  std::int64_t active = 0;
  std::int64_t waiting = 0;
  double session_share = 1.0;  // what council cuts have left of every client's plan
  LastPower leaving;           // the leavers' draw: the path's churn over its clients
  LastPower giving_up;         // the waiting list's: the scenario's chance over those waiting
};

struct ClientMonth {
  std::int64_t admitted = 0;
  std::int64_t lost_to_capacity = 0;
  std::int64_t booked = 0;  // sessions clients want this month
};

// Start of the month: the yearly budget review and any council-wide cut.
inline void budget_changes(const Clients& c, ClientState& state, int month, MonthDraws& draws) {
  if (c.review_month > 0 && (month - 1) % 12 + 1 == c.review_month) {
    state.active -= draws.binomial(MonthDraw::review_cuts, state.active, c.review_cut_probability);
  }
  if (draws.happens(MonthDraw::council_cut, c.council_cut_per_month)) state.session_share *= 1.0 - c.council_cut_share;
}

inline ClientMonth admit_and_book(const Clients& c, ClientState& state, std::int64_t can_pay, std::int64_t max_clients,
                                  MonthDraws& draws) {
  ClientMonth month;
  std::int64_t free_places = std::max<std::int64_t>(0, max_clients - state.active);
  const std::int64_t from_list = std::min(state.waiting, free_places);
  state.waiting -= from_list;
  free_places -= from_list;
  const std::int64_t newcomers = std::min(can_pay, free_places);
  month.admitted = from_list + newcomers;
  state.active += month.admitted;
  if (c.waiting_list) {
    state.waiting += can_pay - newcomers;
  } else {
    month.lost_to_capacity = can_pay - newcomers;
  }
  const double planned = static_cast<double>(state.active) * c.sessions_per_month * state.session_share;
  month.booked = c.session_count == SessionCount::fixed ? std::llround(planned)
                                                       : draws.poisson(MonthDraw::session_demand, planned);
  return month;
}

// End of the month: clients leave with the path's churn; waiting prospects give up (lost to
// capacity). Returns how many gave up.
inline std::int64_t clients_leave(const Clients& c, double churn, ClientState& state, MonthDraws& draws) {
  state.active -= draws.binomial(MonthDraw::leavers, state.active, churn, state.leaving);
  const std::int64_t gave_up =
      draws.binomial(MonthDraw::waiting_give_up, state.waiting, c.waiting_give_up_per_month, state.giving_up);
  state.waiting -= gave_up;
  return gave_up;
}

}  // namespace meantime
