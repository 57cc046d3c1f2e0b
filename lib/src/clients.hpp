// Clients: reviews and council cuts, admission while the diary has room (the waiting list
// first), sessions booked around the plan, leaving and giving up.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "draws.hpp"
#include "meantime/scenario.hpp"
#include "routes.hpp"

namespace meantime {

struct ClientState {
  std::int64_t active = 0;
  std::int64_t waiting = 0;
  double session_share = 1.0;  // what council cuts have left of every client's plan
  LastPower leaving;           // the leavers' draw: the path's churn over its clients
  // Routes: the active clients and those waiting, by the route they came by.
  RouteCounts active_by_route{};
  RouteCounts waiting_by_route{};
};

struct ClientMonth {
  std::int64_t admitted = 0;
  std::int64_t lost_to_capacity = 0;
  std::int64_t booked = 0;     // sessions clients want this month
  std::int64_t from_list = 0;  // of those admitted: from the waiting list
};

struct ClientsLeaving {
  std::int64_t leavers = 0;  // clients who stopped buying
  std::int64_t gave_up = 0;  // waiting prospects who gave up
};

// Start of the month: the yearly budget review and any council-wide cut. Returns the clients
// whose budget the review cut.
inline std::int64_t budget_changes(const Clients& c, ClientState& state, int month, MonthDraws& draws) {
  std::int64_t cut = 0;
  if (c.review_month > 0 && (month - 1) % 12 + 1 == c.review_month) {
    cut = draws.binomial(MonthDraw::review_cuts, state.active, c.review_cut_probability);
    state.active -= cut;
  }
  if (draws.happens(MonthDraw::council_cut, c.council_cut_per_month)) state.session_share *= 1.0 - c.council_cut_share;
  return cut;
}

// `working_share`: the share of the month's weeks the business works (weeks off aside).
inline ClientMonth admit_and_book(const Clients& c, ClientState& state, std::int64_t can_pay, std::int64_t max_clients,
                                  MonthDraws& draws, double working_share = 1.0) {
  ClientMonth month;
  std::int64_t free_places = std::max<std::int64_t>(0, max_clients - state.active);
  const std::int64_t from_list = std::min(state.waiting, free_places);
  state.waiting -= from_list;
  free_places -= from_list;
  const std::int64_t newcomers = std::min(can_pay, free_places);
  month.admitted = from_list + newcomers;
  month.from_list = from_list;
  state.active += month.admitted;
  if (c.waiting_list) {
    state.waiting += can_pay - newcomers;
  } else {
    month.lost_to_capacity = can_pay - newcomers;
  }
  double planned = static_cast<double>(state.active) * c.sessions_per_month * state.session_share;
  if (working_share != 1.0) planned *= working_share;
  month.booked = c.session_count == SessionCount::fixed ? std::llround(planned)
                                                        : draws.poisson(MonthDraw::session_demand, planned);
  return month;
}

// End of the month: clients leave with the path's churn; waiting prospects give up (lost to
// capacity), q^n for the scenario's chance of it from `give_up_powers`.
inline ClientsLeaving clients_leave(const Clients& c, double churn, ClientState& state, MonthDraws& draws,
                                    const PowerTable& give_up_powers) {
  ClientsLeaving left;
  left.leavers = draws.binomial(MonthDraw::leavers, state.active, churn, state.leaving);
  state.active -= left.leavers;
  left.gave_up =
      draws.binomial(MonthDraw::waiting_give_up, state.waiting, c.waiting_give_up_per_month, &give_up_powers);
  state.waiting -= left.gave_up;
  return left;
}

// Routes: the month's admissions, by route (returned): first from those waiting, then
// newcomers in proportion to the routes they can pay by; with a waiting list the rest wait.
inline RouteCounts admit_by_route(const Clients& c, ClientState& state, const ClientMonth& month,
                                  const RouteCounts& can_pay) {
  RouteCounts admitted = take_in_proportion(state.waiting_by_route, month.from_list);
  RouteCounts arriving = can_pay;
  add(admitted, take_in_proportion(arriving, month.admitted - month.from_list));
  add(state.active_by_route, admitted);
  if (c.waiting_list) add(state.waiting_by_route, arriving);
  return admitted;
}

}  // namespace meantime
