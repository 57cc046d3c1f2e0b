// The scenarios the benchmarks run: the built-in default and the full model (every part of the
// month switched on). full_model_scenario() is a copy of the one in tests/cpp/scenarios.hpp, so
// the benchmarks do not depend on the test tree.
#pragma once

#include <stdexcept>
#include <string>

#include "meantime/benefits.hpp"
#include "meantime/meantime.hpp"

namespace meantime::bench {

// Payment channels with delays and bad debt, a grant and a loan, a part-time job, Universal
// Credit with a work allowance, illness with peer cover, reviews and council cuts, a waiting
// list with hiring, and giving up.
inline Scenario full_model_scenario() {
  Scenario s = default_scenario();
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
  s.benefits = universal_credit_single(2026, true, true, 350.0);
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

// Benchmark arguments name scenarios by number: 0 default, 1 full model.
inline constexpr int kDefault = 0;
inline constexpr int kFullModel = 1;

inline const char* scenario_name(int which) { return which == kFullModel ? "full" : "default"; }

inline Scenario scenario_by_number(int which) {
  return which == kFullModel ? full_model_scenario() : default_scenario();
}

inline Scenario scenario_by_name(const std::string& name) {
  if (name == "default") return default_scenario();
  if (name == "full") return full_model_scenario();
  throw std::invalid_argument("scenario must be 'default' or 'full', got '" + name + "'");
}

}  // namespace meantime::bench
