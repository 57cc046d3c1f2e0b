// The closed-form pieces of a month: capacity, affordability.
#include <gtest/gtest.h>

#include <cmath>

#include "business.hpp"
#include "market.hpp"

namespace meantime {
namespace {

TEST(Business, CapacityFromClientFacingHours) {
  Business b;
  b.client_facing_share = 0.5;
  b.session_hours = 0.5;
  b.travel_minutes_per_visit = 0.0;          // travel inside the share
  EXPECT_EQ(session_capacity(b, 15.0), 65);  // 15 x 52/12 x 0.5 / 0.5 = 65 exactly
  b.session_hours = 1.0;
  EXPECT_EQ(session_capacity(b, 15.0), 32);  // 32.5 rounds down: half a session is no session
  EXPECT_EQ(session_capacity(b, 0.0), 0);
}

TEST(Business, AJobsHoursComeOutOfTheFoundersHours) {
  Scenario s;
  s.business.founder_hours_per_week = 30;
  s.household.job_hours_per_week = 16;
  EXPECT_DOUBLE_EQ(founder_business_hours(s), 14);
}

TEST(Business, MonthCostsStartupStaffAndCover) {
  Scenario s;
  s.business.price_per_session = 12;
  s.business.fixed_costs_per_month = 100;
  s.business.variable_cost_per_session = 3;
  s.business.startup_costs = 500;
  s.staff.wage_per_hour = 12;
  s.health.peer_cover_cost_per_session = 7;
  Delivery d;
  d.own_sessions = 10;
  const BusinessMonth first = business_month(s, 1, d, 0.0, 0.0);
  EXPECT_DOUBLE_EQ(first.revenue, 120);
  EXPECT_DOUBLE_EQ(first.operating_profit(), 120 - 130);
  EXPECT_DOUBLE_EQ(first.profit(), 120 - 130 - 500);
  EXPECT_DOUBLE_EQ(business_month(s, 2, d, 0.0, 0.0).profit(), -10);
  // 6 staff hours a week at £12 is 6 x 12 x 52 / 12 = £312 a month; two covered sessions are
  // billed at the price and cost the peer's fee; £5 of loan interest.
  d.covered_sessions = 2;
  const BusinessMonth later = business_month(s, 2, d, 6.0, 5.0);
  EXPECT_DOUBLE_EQ(later.revenue, 144);
  EXPECT_DOUBLE_EQ(later.operating_costs, 100 + 30 + 14 + 312);
  EXPECT_DOUBLE_EQ(later.profit(), 144 - 456 - 5);
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
