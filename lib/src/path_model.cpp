#include "path_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <utility>
#include <vector>

namespace meantime {

namespace {
std::array<bool, kChannelCount> channels_of_routes(const Routes& routes) {
  std::array<bool, kChannelCount> used{};
  const auto list = route_list(routes);
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    if (list[r]->share > 0) used[static_cast<std::size_t>(list[r]->channel)] = true;
  }
  return used;
}

bool all_positive_zeros(const std::vector<double>& values) {
  for (double x : values) {
    if (x != 0.0 || std::signbit(x)) return false;
  }
  return true;
}
}  // namespace

PathModel::PathModel(const Scenario& scenario)
    : scenario_(scenario),
      route_channels_(channels_of_routes(scenario.market.routes)),
      funding_(funding_schedule(scenario.funding, scenario.run.months)),
      payment_plan_(payment_plan(scenario.payments, scenario.run.deterministic,
                                 scenario.market.routes.enabled ? &route_channels_ : nullptr)),
      groups_(scenario),
      founder_hours_(founder_business_hours(scenario)),
      household_income_(scenario.household.other_income_per_month + scenario.household.partner_income_per_month +
                        job_wage(scenario.household)),
      claim_terms_(claim_terms(scenario.benefits, scenario.household, scenario.tax)),
      wages_(job_wage(scenario.household)),
      tax_table_(tax_table(scenario.tax, wages_)),
      zero_series_(),
      powers_(scenario) {
  // What settle() writes for these is +0.0 whatever happens: no group, no benefit, nobody
  // waiting (only a waiting list keeps anyone), no repayment in the schedule.
  zero_series_[static_cast<std::size_t>(Series::group_members)] = !groups_.enabled();
  zero_series_[static_cast<std::size_t>(Series::benefits)] = !scenario.benefits.enabled;
  zero_series_[static_cast<std::size_t>(Series::waiting_list)] = !scenario.clients.waiting_list;
  zero_series_[static_cast<std::size_t>(Series::repayments)] = all_positive_zeros(funding_.repayments);
}

void PathModel::start(PathState& state, PathKey key) const {
  // A fresh state, keeping the last path's kept Poisson (its cdf's memory, and the cdf itself
  // when this path's mean is the same).
  // Made anew in place: assigning a fresh PathState{} built it aside and copied its 1.3 KB.
  PathPoisson newcomers = std::move(state.market_state.newcomers);
  state.~PathState();
  new (&state) PathState{};
  state.market_state.newcomers = std::move(newcomers);
  const bool deterministic = scenario_.run.deterministic;
  draw_market(scenario_, key, state.market);
  powers_.give(state.market);
  state.market_state.pool = state.market.pool;
  state.churn_per_month =
      draw_parameter(scenario_.clients.churn_per_month, key, ParameterSlot::churn, deterministic, 0.0, 1.0);
  state.cash.household =
      draw_parameter(scenario_.household.savings, key, ParameterSlot::savings, deterministic, 0.0, 1e9);
  state.staff_hours = scenario_.staff.hours_per_week;
  state.outcome.lowest_cash = std::numeric_limits<double>::infinity();
  if (groups_.enabled()) groups_.start(state.groups, state.market.reservation_median);
}

void PathModel::track_break_even(PathState& state, const BusinessMonth& business, int month) const {
  const int needed = scenario_.run.sustained_months;
  const Household& h = scenario_.household;
  const bool trading = business.revenue > 0;
  const double operating_profit = business.operating_profit();
  state.operating_run = trading && operating_profit >= 0 ? state.operating_run + 1 : 0;
  // The business pays the founder's way: it covers living costs less the household's other
  // income (benefits aside: they are what the business is meant to replace).
  state.living_run =
      trading && operating_profit >= h.living_costs_per_month - household_income_ ? state.living_run + 1 : 0;
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

void PathModel::maybe_hire(PathState& state) const {
  const Staff& staff = scenario_.staff;
  if (staff.hire_when_waiting <= 0 || state.clients.waiting < staff.hire_when_waiting) return;
  const double after = scenario_.business.founder_hours_per_week + state.staff_hours + staff.hire_hours_per_week;
  if (after <= kMaxFte * kHoursPerFte + 1e-9) state.staff_hours += staff.hire_hours_per_week;
}

// Month 1: the people the founder found who said they would start. Those who start can pay;
// all of them have heard of the service.
void PathModel::committed_start(PathState& state, Arrivals& arrivals, MonthDraws& draws) const {
  const Market& m = scenario_.market;
  const MarketParameters& p = state.market;
  MarketState& market = state.market_state;
  const std::int64_t committed = m.committed_clients;
  const std::int64_t starters = draws.binomial(MonthDraw::committed_start, committed, m.committed_start_probability);
  const std::int64_t pool = p.renewing ? market.pool : p.pool;
  const std::int64_t heard = std::min(committed, std::max<std::int64_t>(0, pool - market.aware));
  market.aware += heard;
  if (p.renewing) market.spent += std::max<std::int64_t>(0, heard - starters);
  arrivals.can_pay += starters;
  if (p.by_route) add(arrivals.by_route, by_route(starters, p.can_pay_mix(1)));
}

// Routes: the month's billing through each channel, in proportion to the clients of the
// routes that pay through it (before any client, the mix of those who can pay).
ChannelShares PathModel::channel_shares(const PathState& state, int month) const {
  const auto list = route_list(scenario_.market.routes);
  std::array<double, kRouteCount> weights{};
  const RouteCounts& active = state.clients.active_by_route;
  const bool any = sum(active) > 0;
  const std::array<double, kRouteCount> mix = state.market.can_pay_mix(month);
  double total = 0.0;
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    weights[r] = any ? static_cast<double>(active[r]) : mix[r];
    total += weights[r];
  }
  ChannelShares shares{};
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    if (total > 0) shares[static_cast<std::size_t>(list[r]->channel)] += weights[r] / total;
  }
  return shares;
}

void PathModel::step(PathState& state, PathKey key, int month, SamplerCache& cache, MonthRow values) const {
  MonthDraws draws(key, month, scenario_.run.deterministic, cache);
  const DemandMonth demand_month = demand(state, key, month, draws);
  settle(state, key, month, draws, demand_month, values);
}

void PathModel::work_out_capacity(PathState& state, double group_hours) const {
  const Scenario& s = scenario_;
  auto capacity = [&](double hours_per_week) {
    return groups_.enabled() ? groups_.one_to_one_capacity(hours_per_week, group_hours)
                             : session_capacity(s.business, hours_per_week);
  };
  // Weeks off: clients stay on the books, and the month's bookings and capacity shrink alike.
  const double working = working_share(s.business);
  auto working_capacity = [&](std::int64_t sessions) {
    return working == 1.0 ? sessions : static_cast<std::int64_t>(static_cast<double>(sessions) * working + 1e-9);
  };
  state.full_capacity = capacity(founder_hours_ + state.staff_hours);
  state.healthy_capacity = working_capacity(state.full_capacity);
  state.max_clients = static_cast<std::int64_t>(
      std::min(static_cast<double>(state.full_capacity) / s.clients.sessions_per_month + 1e-9, kMaxSessionsPerMonth));
  const double founder_hours_ill = founder_hours_ * (1.0 - s.health.capacity_lost);
  state.ill_capacity = working_capacity(capacity(founder_hours_ill + state.staff_hours));
  state.capacity_hours = state.staff_hours;
}

DemandMonth PathModel::demand(PathState& state, PathKey key, int month, MonthDraws& draws,
                              const Arrivals* shared_arrivals) const {
  const Scenario& s = scenario_;
  DemandMonth d;
  d.ill = ill_this_month(s.health, state.health, key, month, draws, s.run.deterministic);
  const std::int64_t cut = budget_changes(s.clients, state.clients, month, draws);
  const MarketParameters& market = state.market;
  if (cut > 0) {
    if (market.by_route) take_in_proportion(state.clients.active_by_route, cut);
    if (market.renewing) {  // a budget that ends takes its holder out of the pool
      state.market_state.aware -= cut;
      state.market_state.pool -= cut;
    }
  }
  if (!shared_arrivals) {
    d.arrivals = market_month(s.market, market, state.market_state, draws, month, groups_.interest_share());
  } else {
    d.arrivals = *shared_arrivals;  // those who chose this provider; groups take their share of them
    const double share = groups_.interest_share();
    if (share > 0.0) {
      d.arrivals.want_group =
          share >= 1.0 ? d.arrivals.can_pay : draws.binomial(MonthDraw::group_interest, d.arrivals.can_pay, share);
      d.arrivals.can_pay -= d.arrivals.want_group;
    }
    if (market.by_route) d.arrivals.by_route = by_route(d.arrivals.can_pay, market.can_pay_mix(month));
  }
  if (month == 1 && s.market.committed_clients > 0) committed_start(state, d.arrivals, draws);
  // Groups: their meetings come out of the month's one-to-one capacity.
  if (groups_.enabled()) d.group = groups_.month(state.groups, d.arrivals.want_group, key, month, draws);
  // Without groups the capacities change only with the staff's hours: kept in the state.
  if (groups_.enabled() || !(state.capacity_hours == state.staff_hours)) work_out_capacity(state, d.group.hours);
  const double working = working_share(s.business);
  d.healthy_capacity = state.healthy_capacity;
  d.clients = admit_and_book(s.clients, state.clients, d.arrivals.can_pay, state.max_clients, draws, working);
  if (market.by_route) d.admitted_by_route = admit_by_route(s.clients, state.clients, d.clients, d.arrivals.by_route);
  if (market.renewing) state.market_state.spent += d.clients.lost_to_capacity;
  // Illness takes part of the founder's hours.
  d.deliverable = std::min(d.clients.booked, d.healthy_capacity);
  d.own_sessions = d.ill ? std::min(d.clients.booked, state.ill_capacity) : d.deliverable;
  if (s.clients.missed_share > 0) {
    d.missed = draws.binomial(MonthDraw::missed_sessions, d.own_sessions, s.clients.missed_share, &powers_.missed);
  }
  return d;
}

void PathModel::settle(PathState& state, PathKey key, int month, MonthDraws& draws, const DemandMonth& d,
                       MonthRow values, const CollectiveMonth& collective) const {
  const Scenario& s = scenario_;
  const bool deterministic = s.run.deterministic;
  const auto m = static_cast<std::size_t>(month);
  const bool ill = d.ill;
  const Arrivals& arrivals = d.arrivals;
  const ClientMonth& clients = d.clients;

  // Delivery: a collective's members cover first, then a peer may cover part of what is left.
  Delivery delivery;
  delivery.own_sessions = d.own_sessions - d.missed;
  delivery.missed_charged = s.clients.missed_charged ? d.missed : 0;
  delivery.collective_sessions = collective.covered_for_me;
  if (ill) {
    delivery.covered_sessions = std::llround(
        s.health.peer_cover_share * static_cast<double>(d.deliverable - d.own_sessions - collective.covered_for_me));
  }

  // Business and payments.
  BusinessMonth business = business_month(s, month, delivery, state.staff_hours, funding_.interest[m], collective);
  add_group_money(business, d.group);
  ChannelShares shares{};
  if (state.market.by_route) shares = channel_shares(state, month);
  const PaymentMonth paid = payments_month(payment_plan_, state.receivables, business.revenue, month, key, draws,
                                           deterministic, state.market.by_route ? &shares : nullptr);
  const double cash_profit =
      paid.received + business.transfers - business.operating_costs - business.startup_costs - business.interest;
  const double capital = std::max(0.0, state.cash.household);
  state.cash.business += cash_profit + funding_.money_in[m] - (funding_.repayments[m] - funding_.interest[m]);

  // Tax and NI on the year to date, set aside from the business (profits) and paid from wages.
  const double wages = wages_;
  TaxMonth tax;
  if (s.tax.enabled) tax = tax_month(s.tax, tax_table_, state.tax_year, cash_profit, wages);
  state.cash.business -= tax.on_profits;

  // Household: Universal Credit assessed on this month's earnings after tax and NI (reg. 57)
  // and on the savings the household held at the month's start; the award is paid as the rule's
  // timing says.
  double benefits = 0.0;
  bool floor_applied = false;
  if (s.benefits.enabled) {
    const EarnedIncome earned{cash_profit - tax.on_profits, wages - tax.on_wages - tax.class1,
                              s.household.couple ? s.household.partner_income_per_month : 0.0};
    const Assessment assessment = assess(s.benefits, claim_terms_, month, earned, capital, state.claim);
    floor_applied = assessment.floor_lift > 0.0;
    benefits = benefit_paid(s.benefits, month, assessment.award, state.claim);
  }
  // household_income_ is other + partner + wages, summed in this order.
  const double income = household_income_ - tax.on_wages - tax.class1 + benefits;
  const double living_costs =
      s.household.living_costs_per_month +
      (s.household.living_costs_sd > 0 ? s.household.living_costs_sd * draws.standard_normal(MonthDraw::living_costs)
                                       : 0.0);
  const HouseholdMonth household = household_month(s.household, income, living_costs, state.cash);

  // The venture is followed to the horizon even past a failure, so that lowest_cash says how
  // much more starting capital would have carried this path through.
  PathOutcome& o = state.outcome;
  if (state.cash.combined() < o.lowest_cash) {
    o.lowest_cash = state.cash.combined();
    o.lowest_cash_month = month;
  }
  o.final_cash = state.cash.combined();

  if (!state.failed) {
    o.clients_served += clients.admitted;
    o.self_funders_served += d.admitted_by_route[kSelfFunded];
    o.sessions_delivered += delivery.billed_sessions();
    o.sessions_covered += delivery.covered_sessions + delivery.collective_sessions;
    o.months_ill += ill ? 1 : 0;
    o.lost_to_price += arrivals.lost_to_price;
    o.lost_to_capacity += clients.lost_to_capacity;
    o.drawings += household.drawings;
    o.billed += business.revenue;
    o.received += paid.received;
    o.bad_debt += paid.bad_debt;
    o.benefits += benefits;
    o.tax += tax.total();
    o.household_income += household.drawings + income;
    if (floor_applied && o.floor_month == kNever) o.floor_month = month;
    track_break_even(state, business, month);
    values[Series::clients] = static_cast<double>(state.clients.active);
    values[Series::sessions] = static_cast<double>(delivery.billed_sessions());
    values[Series::revenue] = business.revenue;
    values[Series::profit] = business.profit();
    values[Series::drawings] = household.drawings;
    values[Series::cash_received] = paid.received;
    values[Series::benefits] = benefits;
    values[Series::repayments] = funding_.repayments[m];
    values[Series::waiting_list] = static_cast<double>(state.clients.waiting);
    values[Series::business_cash] = state.cash.business;
    values[Series::household_cash] = state.cash.household;
    record_group_month(o, d.group);
    values[Series::group_members] = static_cast<double>(d.group.members);
    const int give_up = s.run.give_up_after_months;
    FailureCause cause = FailureCause::none;
    if (state.cash.combined() < 0) {
      cause = FailureCause::ran_out_of_money;
    } else if (give_up > 0 && month >= give_up && o.living_break_even_month == kNever) {
      cause = FailureCause::gave_up;
    }
    if (cause != FailureCause::none) {
      state.failed = true;
      o.failure_month = month;
      o.failure_cause = cause;
      state.cash_at_failure = state.cash;
    }
  } else {
    after_failure(state, values);
  }

  // The month's end.
  const ClientsLeaving left = clients_leave(s.clients, state.churn_per_month, state.clients, draws, powers_.give_up);
  const std::int64_t gave_up = left.gave_up;
  if (state.market.by_route) {
    take_in_proportion(state.clients.active_by_route, left.leavers);
    take_in_proportion(state.clients.waiting_by_route, left.gave_up);
  }
  if (state.market.renewing) {
    state.market_state.former += left.leavers;
    state.market_state.spent += left.gave_up;
  }
  if (!state.failed) o.lost_to_capacity += gave_up;
  if (groups_.enabled()) {
    const std::int64_t group_gave_up = groups_.leave(state.groups, state.churn_per_month, key, month, draws);
    if (!state.failed) o.group_prospects_gave_up += group_gave_up;
  }
  maybe_hire(state);
}

}  // namespace meantime
