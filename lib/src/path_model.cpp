#include "path_model.hpp"

#include <limits>

namespace meantime {

void PathModel::start(PathState& state, PathKey key) const {
  state = PathState{};
  state.market = draw_market(scenario_, key);
  state.client_parameters = draw_clients(scenario_, key);
  state.cash.household = draw_parameter(scenario_.household.savings, key, ParameterSlot::savings,
                                        scenario_.run.deterministic, 0.0, 1e9);
  state.outcome.lowest_cash = std::numeric_limits<double>::infinity();
}

void PathModel::track_break_even(PathState& state, const BusinessMonth& business, int month) const {
  const int needed = scenario_.run.sustained_months;
  const Household& h = scenario_.household;
  const bool trading = business.revenue > 0;
  const double operating_profit = business.operating_profit();
  state.operating_run = trading && operating_profit >= 0 ? state.operating_run + 1 : 0;
  state.living_run =
      trading && operating_profit >= h.living_costs_per_month - h.other_income_per_month ? state.living_run + 1 : 0;
  PathOutcome& o = state.outcome;
  if (o.operating_break_even_month == kNever && state.operating_run >= needed) {
    o.operating_break_even_month = month - needed + 1;
  }
  if (o.living_break_even_month == kNever && state.living_run >= needed) {
    o.living_break_even_month = month - needed + 1;
  }
  state.cumulative_profit += business.profit();
  state.cumulative_revenue += business.revenue;
  if (o.payback_month == kNever && state.cumulative_revenue > 0 && state.cumulative_profit >= 0) {
    o.payback_month = month;
  }
}

MonthValues PathModel::step(PathState& state, PathKey key, int month) const {
  MonthDraws draws(key, month, scenario_.run.deterministic);
  const Arrivals arrivals = market_month(scenario_.market, state.market, state.market_state, draws);
  const ClientMonth clients =
      admit_and_serve(scenario_.clients, state.client_parameters, state.clients, arrivals.can_pay, draws);
  const BusinessMonth business = business_month(scenario_.business, month, clients.sessions);
  state.cash.business += business.profit();
  const HouseholdMonth household = household_month(scenario_.household, state.cash);

  // The venture is followed to the horizon even past a failure, so that lowest_cash says how
  // much more starting capital would have carried this path through.
  PathOutcome& o = state.outcome;
  if (state.cash.combined() < o.lowest_cash) {
    o.lowest_cash = state.cash.combined();
    o.lowest_cash_month = month;
  }

  MonthValues values;
  if (!state.failed) {
    o.clients_served += clients.admitted;
    o.sessions_delivered += clients.sessions;
    o.lost_to_price += arrivals.lost_to_price;
    o.lost_to_capacity += clients.lost_to_capacity;
    o.drawings += household.drawings;
    track_break_even(state, business, month);
    values[Series::clients] = static_cast<double>(state.clients.active);
    values[Series::sessions] = static_cast<double>(clients.sessions);
    values[Series::revenue] = business.revenue;
    values[Series::profit] = business.profit();
    values[Series::drawings] = household.drawings;
    values[Series::business_cash] = state.cash.business;
    values[Series::household_cash] = state.cash.household;
    if (state.cash.combined() < 0) {
      state.failed = true;
      o.failure_month = month;
      o.failure_cause = FailureCause::ran_out_of_money;
      state.cash_at_failure = state.cash;
    }
  } else {
    values[Series::business_cash] = state.cash_at_failure.business;
    values[Series::household_cash] = state.cash_at_failure.household;
  }

  clients_leave(state.client_parameters, state.clients, draws);
  return values;
}

}  // namespace meantime
