// One path, one month at a time: demand -> business -> household, then the outcome bookkeeping.
// Each part of the step lives in its own header (market, clients, health, business, payments,
// funding, household); this file only puts them in order.
#pragma once

#include <limits>

#include "business.hpp"
#include "clients.hpp"
#include "funding.hpp"
#include "groups.hpp"
#include "health.hpp"
#include "household.hpp"
#include "market.hpp"
#include "meantime/benefits.hpp"
#include "meantime/result.hpp"
#include "meantime/scenario.hpp"
#include "meantime/tax.hpp"
#include "payments.hpp"

namespace meantime {

struct PathState {
  MarketParameters market;
  double churn_per_month = 0;
  MarketState market_state;
  ClientState clients;
  HealthState health;
  GroupState groups;
  Receivables receivables;
  Cash cash;
  double staff_hours = 0;
  // The month's capacities without groups, which change only when staff are hired: worked out
  // for `capacity_hours` (the staff hours they are for; NaN: not yet).
  double capacity_hours = std::numeric_limits<double>::quiet_NaN();
  std::int64_t full_capacity = 0;     // sessions the founder and staff can deliver, weeks off aside
  std::int64_t healthy_capacity = 0;  // ... in the working weeks
  std::int64_t ill_capacity = 0;      // ... in the working weeks of a month the founder is ill
  std::int64_t max_clients = 0;
  ClaimState claim;  // the benefit claim's losses, surplus and payments carried between months
  TaxYear tax_year;
  // Bookkeeping for the outcome.
  PathOutcome outcome;
  bool failed = false;
  Cash cash_at_failure;
  int operating_run = 0;  // consecutive months at operating break-even
  int living_run = 0;
  double cumulative_profit = 0;
  double cumulative_revenue = 0;
};

// The demand half of a month, which a town's collective looks at before the money half.
struct DemandMonth {
  bool ill = false;
  Arrivals arrivals;
  ClientMonth clients;
  std::int64_t healthy_capacity = 0;  // sessions the founder and staff can deliver when well
  std::int64_t deliverable = 0;       // sessions booked that the healthy capacity allows
  std::int64_t own_sessions = 0;      // sessions the founder and staff deliver this month
  std::int64_t missed = 0;            // of own_sessions: missed or cancelled late
  RouteCounts admitted_by_route{};    // routes: the month's admissions by route
  GroupMonth group;                   // groups
  std::int64_t lost_sessions() const { return deliverable - own_sessions; }  // to illness
  std::int64_t spare_sessions() const { return std::max<std::int64_t>(0, healthy_capacity - deliverable); }
};

// A month after a path's failure: no activity, its cash as it stood when it failed (what step()
// reports too for a failed path it follows on).
inline void after_failure(const PathState& state, MonthRow values) {
  for (int s = 0; s < kSeriesCount; ++s) values[static_cast<Series>(s)] = 0.0;
  values[Series::business_cash] = state.cash_at_failure.business;
  values[Series::household_cash] = state.cash_at_failure.household;
}
inline MonthValues after_failure(const PathState& state) {
  MonthValues values;
  after_failure(state, values.row());
  return values;
}

class PathModel {
 public:
  explicit PathModel(const Scenario& scenario);

  void start(PathState& state, PathKey key) const;
  // One month of a provider alone, into `values`. `cache` is the calling worker's own.
  void step(PathState& state, PathKey key, int month, SamplerCache& cache, MonthRow values) const;
  MonthValues step(PathState& state, PathKey key, int month, SamplerCache& cache) const {
    MonthValues values;
    step(state, key, month, cache, values.row());
    return values;
  }
  // The series this scenario keeps at +0.0 throughout (see ZeroSeries).
  const ZeroSeries& zero_series() const { return zero_series_; }

  // The same month in two halves, for a provider in a town: demand (illness, budgets, arrivals,
  // admission and bookings), then money (delivery, business, payments, household, bookkeeping,
  // leavers). `shared_arrivals`: the prospects the town's shared market sent this provider
  // (null: its own market). `draws` must be the (key, month) draws of both halves.
  DemandMonth demand(PathState& state, PathKey key, int month, MonthDraws& draws,
                     const Arrivals* shared_arrivals = nullptr) const;
  void settle(PathState& state, PathKey key, int month, MonthDraws& draws, const DemandMonth& demand, MonthRow values,
              const CollectiveMonth& collective = {}) const;
  const Scenario& scenario() const { return scenario_; }

 private:
  void track_break_even(PathState& state, const BusinessMonth& business, int month) const;
  void maybe_hire(PathState& state) const;
  void work_out_capacity(PathState& state, double group_hours) const;
  void committed_start(PathState& state, Arrivals& arrivals, MonthDraws& draws) const;
  ChannelShares channel_shares(const PathState& state, int month) const;
  const Scenario& scenario_;
  std::array<bool, kChannelCount> route_channels_{};  // routes: the channels some route pays through
  FundingSchedule funding_;
  PaymentPlan payment_plan_;
  GroupModel groups_;
  double founder_hours_;     // for the business, after any job
  double household_income_;  // other, partner and job income a month
  ClaimTerms claim_terms_;   // what the benefit rule makes of the household
  double wages_;             // the job's wages a month, before tax and NI
  TaxTable tax_table_;
  ZeroSeries zero_series_;
  ChancePowers powers_;  // q^n for the scenario's constant chances: the same bits as working each out
};

}  // namespace meantime
