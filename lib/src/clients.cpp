#include "clients.hpp"

#include <cmath>

#include "business.hpp"

namespace meantime {

ClientParameters draw_clients(const Scenario& scenario, PathKey key) {
  ClientParameters p;
  p.churn_per_month =
      draw_parameter(scenario.clients.churn_per_month, key, ParameterSlot::churn, scenario.run.deterministic, 0.0, 1.0);
  p.session_capacity = session_capacity(scenario.business);
  p.max_clients = static_cast<std::int64_t>(
      std::floor(static_cast<double>(p.session_capacity) / scenario.clients.sessions_per_month + 1e-9));
  return p;
}

}  // namespace meantime
