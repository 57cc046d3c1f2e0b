// One path, one month at a time: demand -> business -> household, then the outcome bookkeeping.
// Each part of the step lives in its own header (market, clients, business, household).
#pragma once

#include "business.hpp"
#include "clients.hpp"
#include "household.hpp"
#include "market.hpp"
#include "meantime/result.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

struct PathState {
  MarketParameters market;
  ClientParameters client_parameters;
  MarketState market_state;
  ClientState clients;
  Cash cash;
  // Bookkeeping for the outcome.
  PathOutcome outcome;
  bool failed = false;
  Cash cash_at_failure;
  int operating_run = 0;  // consecutive months at operating break-even
  int living_run = 0;
  double cumulative_profit = 0;
  double cumulative_revenue = 0;
};

class PathModel {
 public:
  explicit PathModel(const Scenario& scenario) : scenario_(scenario) {}

  void start(PathState& state, PathKey key) const;
  MonthValues step(PathState& state, PathKey key, int month) const;

 private:
  void track_break_even(PathState& state, const BusinessMonth& business, int month) const;
  const Scenario& scenario_;
};

}  // namespace meantime
