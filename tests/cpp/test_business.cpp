// The closed-form pieces of a month: capacity, affordability.
#include <gtest/gtest.h>

#include <cmath>

#include "business.hpp"
#include "market.hpp"

namespace meantime {
namespace {

TEST(Business, CapacityFromClientFacingHours) {
  Business b;
  b.founder_hours_per_week = 15.0;
  b.client_facing_share = 0.5;
  b.session_hours = 0.5;
  EXPECT_EQ(session_capacity(b), 65);  // 15 x 52/12 x 0.5 / 0.5 = 65 exactly
  b.session_hours = 1.0;
  EXPECT_EQ(session_capacity(b), 32);  // 32.5 rounds down: half a session is no session
  b.founder_hours_per_week = 0.0;
  EXPECT_EQ(session_capacity(b), 0);
}

TEST(Business, MonthCostsAndStartup) {
  Business b;
  b.price_per_session = 12;
  b.fixed_costs_per_month = 100;
  b.variable_cost_per_session = 3;
  b.startup_costs = 500;
  const BusinessMonth first = business_month(b, 1, 10);
  EXPECT_DOUBLE_EQ(first.revenue, 120);
  EXPECT_DOUBLE_EQ(first.operating_profit(), 120 - 130);
  EXPECT_DOUBLE_EQ(first.profit(), 120 - 130 - 500);
  EXPECT_DOUBLE_EQ(business_month(b, 2, 10).profit(), -10);
}

TEST(Market, AffordableShareIsTheLognormalTail) {
  // At the median half can pay; one log-sd above it, Phi(-1) can.
  EXPECT_DOUBLE_EQ(affordable_share(20.0, 20.0, 0.3), 0.5);
  EXPECT_NEAR(affordable_share(20.0 * std::exp(0.3), 20.0, 0.3), 0.15865525393145707, 1e-15);
  EXPECT_EQ(affordable_share(21.0, 20.0, 0.0), 0.0);
  EXPECT_EQ(affordable_share(19.0, 20.0, 0.0), 1.0);
}

}  // namespace
}  // namespace meantime
