#include "market.hpp"

#include <algorithm>
#include <cmath>

namespace meantime {

double affordable_share(double price_per_hour, double median_per_hour, double spread) {
  if (spread <= 0.0) return price_per_hour <= median_per_hour ? 1.0 : 0.0;
  return normal_cdf((std::log(median_per_hour) - std::log(price_per_hour)) / spread);
}

void draw_market(const Scenario& scenario, PathKey key, MarketParameters& p) {
  const Market& m = scenario.market;
  const bool det = scenario.run.deterministic;
  p = MarketParameters{};
  const double population = draw_parameter(m.population, key, ParameterSlot::population, det, 0.0, 1e8);
  const double holders = draw_parameter(m.budget_holder_share, key, ParameterSlot::budget_holder_share, det, 0.0, 1.0);
  const double fit = draw_parameter(m.fit_share, key, ParameterSlot::fit_share, det, 0.0, 1.0);
  const double buyers = fit * m.interest_to_purchase;
  if (!m.routes.enabled) {
    p.pool = std::llround(population * holders * buyers);
  } else {
    // Each route's share of residents; council-managed budgets only for a provider that gets
    // on the council's list.
    const auto routes = route_list(m.routes);
    double residents = 0.0;
    for (std::size_t r = 0; r < kRouteCount; ++r) {
      const bool counted = r != kCouncilManaged || m.routes.council_list;
      p.route_share[r] = counted ? routes[r]->share : 0.0;
      residents += p.route_share[r];
    }
    for (double& share : p.route_share) share = residents > 0 ? share / residents : 0.0;
    p.pool = std::llround(population * residents * buyers);
    p.by_route = true;
    p.council_from_month = m.routes.council_list_months + 1;
  }
  if (m.renewal.enabled) {
    // A birth-death pool whose expected size stays at the drawn pool: each person leaves with
    // chance turnover / 12 a month, and pool x turnover / 12 newcomers arrive on average.
    p.renewing = true;
    p.leave_per_month = leave_per_month(m.renewal);
    p.newcomers_per_month = static_cast<double>(p.pool) * p.leave_per_month;
    p.return_per_month = m.renewal.return_per_month;
  }
  p.innovation = draw_parameter(m.innovation, key, ParameterSlot::innovation, det, 0.0, 1.0);
  p.imitation = draw_parameter(m.imitation, key, ParameterSlot::imitation, det, 0.0, 1.0);
  p.referrals_per_month = draw_parameter(m.referrals_per_month, key, ParameterSlot::referrals, det, 0.0, 1e5);
  const double median =
      draw_parameter(m.reservation_price_per_hour, key, ParameterSlot::reservation_price, det, 1e-9, 1e5);
  p.reservation_median = median;  // for groups' pooled budgets
  const Business& b = scenario.business;
  p.affordable_share = affordable_share(b.price_per_session / b.session_hours, median, m.reservation_price_spread);
  if (p.by_route) {
    const auto routes = route_list(m.routes);
    for (std::size_t r = 0; r < kRouteCount; ++r) {
      p.route_affordable[r] = affordable_share(b.price_per_session / b.session_hours, median * routes[r]->price_ratio,
                                               m.reservation_price_spread);
    }
    p.set_route_mixes();
  }
}

std::int64_t renew_pool(const MarketParameters& p, MarketState& state, MonthDraws& draws) {
  const double leave = p.leave_per_month;
  const std::int64_t newcomers = draws.poisson(MonthDraw::pool_newcomers, p.newcomers_per_month, state.newcomers);
  const std::int64_t unaware_left =
      draws.binomial(MonthDraw::pool_leave_unaware, state.pool - state.aware, leave, p.leave_powers);
  const std::int64_t spent_left = draws.binomial(MonthDraw::pool_leave_spent, state.spent, leave, p.leave_powers);
  const std::int64_t former_left = draws.binomial(MonthDraw::pool_leave_former, state.former, leave, p.leave_powers);
  state.former -= former_left;
  const std::int64_t returning =
      draws.binomial(MonthDraw::clients_return, state.former, p.return_per_month, p.return_powers);
  state.former -= returning;
  state.spent -= spent_left;
  state.aware -= spent_left + former_left;
  state.pool += newcomers - unaware_left - spent_left - former_left;
  return returning;
}

}  // namespace meantime
