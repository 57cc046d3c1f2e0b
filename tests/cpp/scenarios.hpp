// Small scenarios with known answers, shared by the tests.
#pragma once

#include "meantime/benefits.hpp"
#include "meantime/meantime.hpp"

namespace meantime::testing {

// The scenario with every part of the renewing market and of delivery as it is switched off
// (routes, renewal, committed people, the research prior, missed sessions, weeks off, travel):
// the engine as it was before them, whose pinned outputs it must reproduce.
inline Scenario before_renewal(Scenario s) {
  s.market.routes.enabled = false;
  s.market.renewal.enabled = false;
  s.market.interest_to_purchase = 1.0;
  s.market.committed_clients = 0;
  if (s.market.fit_share.kind() == DistributionKind::research) {
    s.market.fit_share = research(s.market.fit_share.parameter(0), s.market.fit_share.parameter(1), 0.5);
  }
  s.clients.missed_share = 0.0;
  s.business.weeks_off_per_year = 0.0;
  s.business.travel_minutes_per_visit = 0.0;
  return s;
}

// The default scenario as it was before the renewing market and delivery as it is: every new
// part off, and the defaults they changed as they were (no budget reviews, 70% of hours
// client-facing, a founder with no limited capability for work assessed). Its outputs are the engine's before them, and
// the known-answer tests below start from it.
inline Scenario scenario_before_renewal() {
  Scenario s = before_renewal(default_scenario());
  s.clients.review_month = 0;
  s.clients.review_cut_probability = 0.0;
  s.business.client_facing_share = 0.7;
  s.household.limited_capability = LimitedCapability::none;
  return s;
}

// Referrals at a steady rate, everyone can pay, room for six clients, no churn; with
// run.deterministic every count is its expectation, so the cash flow is a hand-computable table.
inline Scenario hand_computed_scenario() {
  Scenario s = scenario_before_renewal();
  s.market.arrivals = ArrivalModel::referrals;
  s.market.referrals_per_month = 2.0;
  s.market.reservation_price_per_hour = 20.0;
  s.market.reservation_price_spread = 0.0;
  s.clients.sessions_per_month = 4.0;
  s.clients.churn_per_month = 0.0;
  s.business.price_per_session = 10.0;
  s.business.session_hours = 1.0;
  s.business.startup_costs = 300.0;
  s.business.fixed_costs_per_month = 50.0;
  s.business.variable_cost_per_session = 2.0;
  s.business.founder_hours_per_week = 10.0;  // x 52/12 x 0.6 = 26 session hours: 6 clients of 4
  s.business.client_facing_share = 0.6;
  s.household.savings = 1000.0;
  s.household.living_costs_per_month = 800.0;
  s.household.other_income_per_month = 700.0;
  s.household.drawings_buffer = 100.0;
  s.household.max_drawings_per_month = 200.0;
  // The table has no benefit and no tax: the household's income is the £700 above.
  s.benefits.enabled = false;
  s.tax.enabled = false;
  s.run.months = 6;
  s.run.sustained_months = 2;
  s.run.deterministic = true;
  return s;
}

// Poisson(rate) referrals, all admitted, binomial churn: the textbook immigration-death chain.
inline Scenario poisson_churn_scenario(double rate, double churn, int months) {
  Scenario s = scenario_before_renewal();
  s.market.arrivals = ArrivalModel::referrals;
  s.market.referrals_per_month = rate;
  s.market.reservation_price_per_hour = 1000.0;
  s.market.reservation_price_spread = 0.0;
  s.clients.churn_per_month = churn;
  s.clients.sessions_per_month = 1.0;
  s.business.session_hours = 1.0 / 60;  // capacity far beyond any client count
  s.business.price_per_session = 1.0;   // £60 an hour: below every reservation price
  s.business.founder_hours_per_week = 80.0;
  s.business.client_facing_share = 1.0;
  s.household.savings = 1e8;  // nobody fails: every path is followed to the end
  s.benefits.enabled = false;
  s.run.months = months;
  s.run.sustained_months = 1;
  return s;
}

// One run of `paths` paths keeping everything (outcomes and full path arrays).
inline RunResult run_kept(const Scenario& s, std::uint64_t paths = 1, std::uint64_t seed = 1) {
  RunOptions o;
  o.paths = paths;
  o.seed = seed;
  o.keep_paths = true;
  return simulate(s, o);
}

// Every part of the model switched on at once: payment channels with delays and bad debt, a
// grant and a loan, a part-time job, Universal Credit with a work allowance (LCW), tax and NI, illness with peer
// cover, reviews and council cuts, a waiting list with hiring, and giving up.
inline Scenario full_model_scenario() {
  Scenario s = scenario_before_renewal();
  s.payments.direct_payment.share = 0.5;
  s.payments.direct_payment.bad_debt_rate = 0.02;
  s.payments.individual_service_fund.share = 0.3;
  s.payments.personal_health_budget.share = 0.1;
  s.payments.self_funded.share = 0.1;
  s.funding.grants.push_back({1000, 1});
  s.funding.loans.push_back(Loan{3000, 0.06, 24, 3, 2});
  s.business.founder_hours_per_week = 30;
  s.household.job_hours_per_week = 12;
  s.household.other_income_per_month = 0;
  s.household.limited_capability = LimitedCapability::lcw;
  s.household.housing_costs_per_month = 350.0;
  s.benefits = universal_credit(2026);
  s.health.illness_per_month = 0.04;
  s.health.peer_cover_share = 0.5;
  s.health.peer_cover_cost_per_session = 6;
  s.clients.review_month = 4;
  s.clients.review_cut_probability = 0.1;
  s.clients.council_cut_per_month = 0.01;
  s.clients.waiting_list = true;
  s.staff.hire_when_waiting = 4;
  s.run.give_up_after_months = 30;
  return s;
}

// The default start-up also running peer groups bought with pooled budgets: up to
// two groups of 4-8, a waiting list, and allowances close enough to the share that a group can
// unravel.
inline Scenario pooled_group_scenario() {
  Scenario s = scenario_before_renewal();
  s.group.enabled = true;
  s.group.pricing = GroupPricing::pooled;
  s.group.interest_share = 0.4;
  s.group.max_groups = 2;
  s.group.group_price = 60;
  s.group.pooled_share = 0.35;  // median allowance 22 x 2 h x 0.35 = 15.40 a meeting: a group of 4 pays 15
  s.clients.waiting_list = true;
  return s;
}

}  // namespace meantime::testing
