// The scenario: everything one start-up idea needs, as plain aggregates grouped the way
// DESIGN.md groups the model. Defaults are the built-in "kitchen table" start-up (see
// default_scenario() and the comments beside each value). Money is in pounds, time in months.
//
// Each group lists its fields once more in `visit_fields`, with unit, meaning and valid range:
// that one table drives validation, the schema, reading by path and the Python layer.
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>

#include "meantime/distribution.hpp"

namespace meantime {

// How aware prospects appear each month.
enum class ArrivalModel {
  bass,       // stochastic Bass diffusion over a finite pool (innovation p, imitation q)
  referrals,  // a steady Poisson stream of referrals from an unlimited pool
};

struct Market {
  // Catchment: people the service can reach. A town of 60,000 (the kitchen table).
  Distribution population = 60000.0;
  // Share of residents holding a relevant personal budget. England: 117,737 direct-payment
  // holders (2023/24) + 188,489 personal health budgets (March 2024) in ~57 million people is
  // about 0.54% (shared/FACTS.md); the range allows for local variation (illustrative).
  Distribution budget_holder_share = triangular(0.003, 0.0054, 0.007);
  // Share of budget holders for whom this service fits. Market research: asked 40 budget
  // holders, 10 were interested -> Beta(11, 31) posterior (illustrative survey).
  Distribution fit_share = research_share(40, 10);
  ArrivalModel arrivals = ArrivalModel::bass;
  // Bass innovation p per month: prospects who hear of the service from outreach alone.
  // Illustrative: a leaflet-and-word-of-mouth start-up in one town.
  Distribution innovation = uniform(0.02, 0.05);
  // Bass imitation q per month: word of mouth from those already aware (illustrative).
  Distribution imitation = uniform(0.1, 0.3);
  // Referrals per month when arrivals = referrals.
  Distribution referrals_per_month = 2.0;
  // Median hourly rate budget holders can pay. Council direct-payment hourly rates seen:
  // £19.55 (Merton 2023), £13.75-£24.69 (Shropshire 2024/25) (shared/FACTS.md).
  Distribution reservation_price_per_hour = triangular(18.0, 22.0, 25.0);
  // Spread of what individual budget holders can pay: sd of the log (illustrative).
  double reservation_price_spread = 0.25;
};

struct Clients {
  // Planned sessions per client per month; sessions booked are Poisson around the plan.
  // A weekly half-hour visit to sort the post and bills (illustrative).
  double sessions_per_month = 4.0;
  // Chance a client stops buying in a month: mean stay of about two years (illustrative).
  Distribution churn_per_month = uniform(0.03, 0.05);
};

struct Business {
  // Half-hour session at £11, i.e. £22 an hour: inside the £13.75-£24.69 direct-payment
  // hourly range (Shropshire 2024/25, shared/FACTS.md).
  double price_per_session = 11.0;
  double session_hours = 0.5;
  // One-off: DBS check, insurance deposit, training, a second-hand laptop (illustrative).
  double startup_costs = 800.0;
  // Insurance, phone, software, bookkeeping, leaflets (illustrative).
  double fixed_costs_per_month = 120.0;
  // Bus fares to clients' homes (illustrative).
  double variable_cost_per_session = 1.5;
  // Part time: the founder gives the business 15 hours a week.
  double founder_hours_per_week = 15.0;
  // Share of those hours spent in sessions; the rest is admin, travel and outreach.
  double client_facing_share = 0.7;
};

struct Household {
  // Modest savings (illustrative).
  Distribution savings = 4000.0;
  // Rent, food, bills for a single adult sharing housing (illustrative).
  double living_costs_per_month = 1250.0;
  // Other income: benefits and occasional work, before the business pays (illustrative).
  double other_income_per_month = 900.0;
  // The founder leaves this much in the business before drawing from it.
  double drawings_buffer = 300.0;
  // The most the founder draws from the business in a month.
  double max_drawings_per_month = 1000.0;
};

struct RunSettings {
  int months = 36;
  // A break-even counts once it has held this many consecutive months.
  int sustained_months = 3;
  // Replace every random draw by its expectation (rounded for counts): the hand-checkable case.
  bool deterministic = false;
};

struct Scenario {
  Market market;
  Clients clients;
  Business business;
  Household household;
  RunSettings run;
};

// The built-in default: the "kitchen table" start-up described above.
Scenario default_scenario();

// ---------------------------------------------------------------------------------------------
// The field table. `v(name, member, meta)` is called once per field.

struct FieldMeta {
  const char* unit;
  const char* description;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;  // true: the value must be > min rather than >= min
};

namespace field_meta {
inline FieldMeta money(const char* description, double max = 1e9) { return {"pounds", description, 0.0, max}; }
inline FieldMeta probability(const char* description) { return {"probability", description, 0.0, 1.0}; }
inline FieldMeta share(const char* description) { return {"share", description, 0.0, 1.0}; }
}  // namespace field_meta

template <class G, class V>
void visit_fields(G& m, V& v, Market*) {
  using namespace field_meta;
  v("population", m.population, FieldMeta{"people", "people the service can reach", 0.0, 1e8});
  v("budget_holder_share", m.budget_holder_share, share("share of residents holding a relevant personal budget"));
  v("fit_share", m.fit_share, share("share of budget holders for whom the service fits"));
  v("arrivals", m.arrivals, FieldMeta{"", "how prospects become aware: bass or referrals"});
  v("innovation", m.innovation, probability("Bass p: monthly chance an unaware prospect hears from outreach"));
  v("imitation", m.imitation, probability("Bass q: monthly word-of-mouth pull at full awareness"));
  v("referrals_per_month", m.referrals_per_month,
    FieldMeta{"prospects per month", "mean referrals a month when arrivals = referrals", 0.0, 1e5});
  v("reservation_price_per_hour", m.reservation_price_per_hour,
    FieldMeta{"pounds per hour", "median hourly rate budget holders can pay", 0.0, 1e5, true});
  v("reservation_price_spread", m.reservation_price_spread,
    FieldMeta{"log sd", "spread across budget holders of what they can pay", 0.0, 5.0});
}

template <class G, class V>
void visit_fields(G& c, V& v, Clients*) {
  v("sessions_per_month", c.sessions_per_month,
    FieldMeta{"sessions per client per month", "planned sessions per client", 0.0, 1000.0, true});
  v("churn_per_month", c.churn_per_month, field_meta::probability("monthly chance a client stops buying"));
}

template <class G, class V>
void visit_fields(G& b, V& v, Business*) {
  using namespace field_meta;
  v("price_per_session", b.price_per_session, FieldMeta{"pounds", "price of one session", 0.0, 1e5, true});
  v("session_hours", b.session_hours, FieldMeta{"hours", "length of one session", 0.0, 24.0, true});
  v("startup_costs", b.startup_costs, money("one-off costs paid in month 1"));
  v("fixed_costs_per_month", b.fixed_costs_per_month, money("costs paid every month", 1e7));
  v("variable_cost_per_session", b.variable_cost_per_session, money("cost of delivering one session", 1e5));
  v("founder_hours_per_week", b.founder_hours_per_week,
    FieldMeta{"hours per week", "founder's working hours for the business", 0.0, 80.0});
  v("client_facing_share", b.client_facing_share,
    FieldMeta{"share", "share of working hours spent in sessions", 0.0, 1.0, true});
}

template <class G, class V>
void visit_fields(G& h, V& v, Household*) {
  using namespace field_meta;
  v("savings", h.savings, money("founder's starting savings"));
  v("living_costs_per_month", h.living_costs_per_month, money("household living costs", 1e7));
  v("other_income_per_month", h.other_income_per_month, money("household income besides the business", 1e7));
  v("drawings_buffer", h.drawings_buffer, money("business cash kept before the founder draws"));
  v("max_drawings_per_month", h.max_drawings_per_month, money("most the founder draws in a month", 1e7));
}

template <class G, class V>
void visit_fields(G& r, V& v, RunSettings*) {
  v("months", r.months, FieldMeta{"months", "horizon of the simulation", 1.0, 600.0});
  v("sustained_months", r.sustained_months,
    FieldMeta{"months", "consecutive months a break-even must hold to count", 1.0, 60.0});
  v("deterministic", r.deterministic, FieldMeta{"", "replace every random draw by its expectation"});
}

// Visit every group: `v.group(name, group)` is called for each, and the group's fields follow.
template <class S, class V>
void visit_groups(S& s, V& v) {
  v.group("market", s.market);
  v.group("clients", s.clients);
  v.group("business", s.business);
  v.group("household", s.household);
  v.group("run", s.run);
}

// Convenience: visit fields of any group type.
template <class G, class V>
void visit_group_fields(G& g, V& v) {
  using Plain = std::remove_const_t<G>;
  visit_fields(g, v, static_cast<Plain*>(nullptr));
}

}  // namespace meantime
