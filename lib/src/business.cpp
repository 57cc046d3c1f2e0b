#include "business.hpp"

#include <cmath>

namespace meantime {

std::int64_t session_capacity(const Business& b) {
  const double client_hours = b.founder_hours_per_week * kWeeksPerMonth * b.client_facing_share;
  // The small allowance keeps 15 h x 52/12 x 0.5 / 0.5 = 65 from rounding down to 64.
  return static_cast<std::int64_t>(std::floor(client_hours / b.session_hours + 1e-9));
}

}  // namespace meantime
