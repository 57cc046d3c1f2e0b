// The floor the engine cannot beat: every random draw a path makes, with the parameters the
// engine would give it, and nothing else. It calls the engine's own demand-side functions
// (market, clients, health, payments), which are the draws plus the few integer updates
// (aware, active, waiting) that set the next draw's parameters; it leaves out the business,
// the household, the outcome bookkeeping and the statistics, which is what the engine adds.
#pragma once

#include <algorithm>
#include <cstdint>

#include "business.hpp"
#include "clients.hpp"
#include "draws.hpp"
#include "health.hpp"
#include "market.hpp"
#include "meantime/scenario.hpp"
#include "payments.hpp"

namespace meantime::bench {

class DrawFloor {
 public:
  explicit DrawFloor(const Scenario& scenario)
      : s_(scenario),
        founder_hours_(founder_business_hours(scenario)),
        payment_plan_(payment_plan(scenario.payments, false)),
        powers_(scenario) {}

  // The per-path parameter draws (month 0), as PathModel::start makes them.
  void start(PathKey key) {
    market_ = draw_market(s_, key);
    powers_.give(market_);  // the q^n tables PathModel gives its draws
    churn_ = draw_parameter(s_.clients.churn_per_month, key, ParameterSlot::churn, false, 0.0, 1.0);
    savings_ = draw_parameter(s_.household.savings, key, ParameterSlot::savings, false, 0.0, 1e9);
    market_state_ = MarketState{};
    clients_ = ClientState{};
    health_ = HealthState{};
    receivables_ = Receivables{};
    staff_hours_ = s_.staff.hours_per_week;
  }

  // One month's draws, in the order PathModel::step makes them. Returns a count to keep the
  // compiler from dropping the work.
  std::int64_t month(PathKey key, int month) {
    MonthDraws draws(key, month, false, cache_);
    const bool ill = ill_this_month(s_.health, health_, key, month, draws, false);
    budget_changes(s_.clients, clients_, month, draws);
    const Arrivals arrivals = market_month(s_.market, market_, market_state_, draws, month);
    const std::int64_t capacity = session_capacity(s_.business, founder_hours_ + staff_hours_);
    const auto max_clients =
        static_cast<std::int64_t>(static_cast<double>(capacity) / s_.clients.sessions_per_month + 1e-9);
    const ClientMonth booked = admit_and_book(s_.clients, clients_, arrivals.can_pay, max_clients, draws);
    // Only whether anything was billed decides the payment draws.
    const double billed = static_cast<double>(std::min(booked.booked, capacity)) * s_.business.price_per_session;
    payments_month(payment_plan_, receivables_, billed, month, key, draws, false);
    const std::int64_t gave_up = clients_leave(s_.clients, churn_, clients_, draws, powers_.give_up).gave_up;
    hire_if_waiting();
    return booked.booked + gave_up + (ill ? 1 : 0);
  }

 private:
  // PathModel::maybe_hire: hiring raises capacity, which sets later draws' parameters.
  void hire_if_waiting() {
    const Staff& staff = s_.staff;
    if (staff.hire_when_waiting <= 0 || clients_.waiting < staff.hire_when_waiting) return;
    const double after = s_.business.founder_hours_per_week + staff_hours_ + staff.hire_hours_per_week;
    if (after <= kMaxFte * kHoursPerFte + 1e-9) staff_hours_ += staff.hire_hours_per_week;
  }

  const Scenario& s_;
  double founder_hours_;
  PaymentPlan payment_plan_;
  ChancePowers powers_;
  SamplerCache cache_;
  MarketParameters market_;
  double churn_ = 0;
  double savings_ = 0;
  MarketState market_state_;
  ClientState clients_;
  HealthState health_;
  Receivables receivables_;
  double staff_hours_ = 0;
};

}  // namespace meantime::bench
