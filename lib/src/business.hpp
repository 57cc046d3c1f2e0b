// The business: its capacity, and what a month's sessions bring in and cost.
#pragma once

#include <algorithm>
#include <cstdint>

#include "meantime/scenario.hpp"

namespace meantime {

inline constexpr double kWeeksPerMonth = 52.0 / 12.0;
inline constexpr double kMaxSessionsPerMonth = 1e12;

// The client-facing time one visit takes: the session and the travel to and from it.
inline double visit_hours(const Business& b) { return b.session_hours + b.travel_minutes_per_visit / 60.0; }

// Sessions a month that `hours_per_week` of working time allow.
inline std::int64_t session_capacity(const Business& b, double hours_per_week) {
  const double client_hours = hours_per_week * kWeeksPerMonth * b.client_facing_share;
  // The small allowance keeps 15 h x 52/12 x 0.5 / 0.5 = 65 from rounding down to 64; the cap
  // keeps the conversion defined whatever the inputs (validation keeps them far below it).
  return static_cast<std::int64_t>(std::min(client_hours / visit_hours(b) + 1e-9, kMaxSessionsPerMonth));
}

// The share of a month's weeks with sessions: weeks off are spread over the year.
inline double working_share(const Business& b) { return 1.0 - b.weeks_off_per_year / 52.0; }

// The founder's own hours for the business: working hours less a job's.
inline double founder_business_hours(const Scenario& s) {
  return s.business.founder_hours_per_week - s.household.job_hours_per_week;
}

struct BusinessMonth {
  double revenue = 0;          // billed
  double operating_costs = 0;  // fixed, variable, staff wages, peer cover: the costs of carrying on
  double startup_costs = 0;    // one-off, month 1
  double interest = 0;         // the interest part of loan repayments
  double transfers = 0;        // a collective's cover payments: + received for covering, - paid
  double operating_profit() const { return revenue + transfers - operating_costs - interest; }
  double profit() const { return operating_profit() - startup_costs; }
};

struct Delivery {
  std::int64_t own_sessions = 0;         // delivered by the founder and staff
  std::int64_t covered_sessions = 0;     // delivered by a peer while the founder is ill
  std::int64_t collective_sessions = 0;  // delivered by other members of a collective (billed here)
  std::int64_t missed_charged = 0;       // missed or cancelled late, and charged for
  std::int64_t billed_sessions() const { return own_sessions + covered_sessions + collective_sessions; }
};

// What a town's collective changes in one member's month.
struct CollectiveMonth {
  std::int64_t covered_for_me = 0;      // my lost sessions other members delivered
  std::int64_t covered_for_others = 0;  // sessions I delivered for ill members (my own time)
  double cover_payment_per_session = 0;
  double costs = 0;  // my cost items: alone, or my share of the shared ones and the fee
};

inline BusinessMonth business_month(const Scenario& s, int month, const Delivery& delivery, double staff_hours,
                                    double interest, const CollectiveMonth& collective = {}) {
  const Business& b = s.business;
  BusinessMonth m;
  m.revenue = static_cast<double>(delivery.billed_sessions() + delivery.missed_charged) * b.price_per_session;
  m.operating_costs = b.fixed_costs_per_month +
                      static_cast<double>(delivery.own_sessions) * b.variable_cost_per_session +
                      static_cast<double>(delivery.covered_sessions) * s.health.peer_cover_cost_per_session +
                      staff_hours * s.staff.wage_per_hour * kWeeksPerMonth;
  if (collective.costs != 0 || collective.covered_for_others != 0) {
    m.operating_costs +=
        collective.costs + static_cast<double>(collective.covered_for_others) * b.variable_cost_per_session;
  }
  m.transfers = collective.cover_payment_per_session *
                static_cast<double>(collective.covered_for_others - delivery.collective_sessions);
  const Routes& routes = s.market.routes;
  const double listing = routes.enabled && routes.council_list ? routes.council_list_cost : 0.0;
  m.startup_costs = month == 1 ? b.startup_costs + listing : 0.0;
  m.interest = interest;
  return m;
}

}  // namespace meantime
