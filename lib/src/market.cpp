#include "market.hpp"

#include <cmath>

namespace meantime {

double affordable_share(double price_per_hour, double median_per_hour, double spread) {
  if (spread <= 0.0) return price_per_hour <= median_per_hour ? 1.0 : 0.0;
  return normal_cdf((std::log(median_per_hour) - std::log(price_per_hour)) / spread);
}

MarketParameters draw_market(const Scenario& scenario, PathKey key) {
  const Market& m = scenario.market;
  const bool det = scenario.run.deterministic;
  MarketParameters p;
  const double population = draw_parameter(m.population, key, ParameterSlot::population, det, 0.0, 1e8);
  const double holders = draw_parameter(m.budget_holder_share, key, ParameterSlot::budget_holder_share, det, 0.0, 1.0);
  const double fit = draw_parameter(m.fit_share, key, ParameterSlot::fit_share, det, 0.0, 1.0);
  p.pool = std::llround(population * holders * fit);
  p.innovation = draw_parameter(m.innovation, key, ParameterSlot::innovation, det, 0.0, 1.0);
  p.imitation = draw_parameter(m.imitation, key, ParameterSlot::imitation, det, 0.0, 1.0);
  p.referrals_per_month = draw_parameter(m.referrals_per_month, key, ParameterSlot::referrals, det, 0.0, 1e5);
  const double median =
      draw_parameter(m.reservation_price_per_hour, key, ParameterSlot::reservation_price, det, 1e-9, 1e5);
  p.reservation_median = median;  // for groups' pooled budgets
  const Business& b = scenario.business;
  p.affordable_share = affordable_share(b.price_per_session / b.session_hours, median, m.reservation_price_spread);
  return p;
}

}  // namespace meantime
