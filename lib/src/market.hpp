// The market: who hears of the service, who can pay, who finds room in the diary.
#pragma once

#include <algorithm>
#include <cstdint>

#include "draws.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

struct MarketParameters {  // one path's draw
  std::int64_t pool = 0;   // potential clients: population x budget holders x fit
  double innovation = 0;
  double imitation = 0;
  double referrals_per_month = 0;
  double affordable_share = 1;    // share of prospects whose budget covers the price
  double reservation_median = 0;  // groups: the path's median price per hour
};

struct MarketState {
  std::int64_t aware = 0;
  LastPower affording;  // the affordability draw: the path's share who can pay over newcomers
};

struct Arrivals {
  std::int64_t can_pay = 0;
  std::int64_t lost_to_price = 0;
  std::int64_t want_group = 0;  // groups: prospects who want the group instead
};

MarketParameters draw_market(const Scenario& scenario, PathKey key);

// Share of budget holders whose reservation price (lognormal: median, log sd `spread`) per
// hour covers `price_per_hour`.
double affordable_share(double price_per_hour, double median_per_hour, double spread);

// Prospects who become aware this month (of the service, or in a town of this kind of service).
inline std::int64_t newly_aware(const Market& market, const MarketParameters& p, MarketState& state,
                                MonthDraws& draws) {
  if (market.arrivals == ArrivalModel::bass) {
    const double aware_share = p.pool > 0 ? static_cast<double>(state.aware) / static_cast<double>(p.pool) : 0.0;
    const double hazard = std::min(1.0, p.innovation + p.imitation * aware_share);
    const std::int64_t aware = draws.binomial(MonthDraw::arrivals, p.pool - state.aware, hazard);
    state.aware += aware;
    return aware;
  }
  return draws.poisson(MonthDraw::arrivals, p.referrals_per_month);
}

// `group_share`: share of newly aware prospects who want a group (0: no groups).
inline Arrivals market_month(const Market& market, const MarketParameters& p, MarketState& state, MonthDraws& draws,
                             double group_share = 0.0) {
  std::int64_t new_prospects = newly_aware(market, p, state, draws);
  Arrivals arrivals;
  if (group_share > 0.0) {  // groups: no draw, and no change, without them
    arrivals.want_group =
        group_share >= 1.0 ? new_prospects : draws.binomial(MonthDraw::group_interest, new_prospects, group_share);
    new_prospects -= arrivals.want_group;
  }
  arrivals.can_pay = draws.binomial(MonthDraw::affordable, new_prospects, p.affordable_share, state.affording);
  arrivals.lost_to_price = new_prospects - arrivals.can_pay;
  return arrivals;
}

}  // namespace meantime
