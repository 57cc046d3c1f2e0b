// The market: who hears of the service, who can pay, who finds room in the diary.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "draws.hpp"
#include "meantime/scenario.hpp"
#include "routes.hpp"

namespace meantime {

struct MarketParameters {  // one path's draw
  std::int64_t pool = 0;   // potential clients: population x budget holders x fit
  double innovation = 0;
  double imitation = 0;
  double referrals_per_month = 0;
  double affordable_share = 1;    // share of prospects whose budget covers the price
  double reservation_median = 0;  // groups: the path's median price per hour
  // Routes (market.routes.enabled): each route's share of the pool, and the share of its
  // prospects who can pay (council-managed: from council_from_month on).
  bool by_route = false;
  std::array<double, kRouteCount> route_share{};
  std::array<double, kRouteCount> route_affordable{};
  int council_from_month = 0;
  // Renewal (market.renewal.enabled): new people a month, each one's monthly chance of leaving
  // the pool, and a former client's of coming back.
  bool renewing = false;
  double newcomers_per_month = 0;
  double leave_per_month = 0;
  double return_per_month = 0;
  // The share of newly aware prospects on each route who can pay in `month` (routes): one mix
  // before council_from_month (council-managed budgets cannot buy yet) and one from it.
  const std::array<double, kRouteCount>& can_pay_mix(int month) const {
    return mixes[month < council_from_month ? 0 : 1];
  }
  // The multinomial's chance for each route (with a share in the mix), given that the prospects
  // got past the routes before it: the route's share of the mass they left, in [0, 1].
  const std::array<double, kRouteCount>& route_chances(int month) const {
    return chances[month < council_from_month ? 0 : 1];
  }
  // Works out both periods' mixes and chances from route_share and route_affordable, once per
  // path, with the expressions a month would use (draw_market calls it).
  void set_route_mixes() {
    for (std::size_t period = 0; period < 2; ++period) {
      double mass_left = 1.0;
      for (std::size_t r = 0; r < kRouteCount; ++r) {
        const double mix = r == kCouncilManaged && period == 0 ? 0.0 : route_share[r] * route_affordable[r];
        mixes[period][r] = mix;
        if (!(mix > 0)) continue;
        chances[period][r] = std::clamp(mix / mass_left, 0.0, 1.0);
        mass_left -= mix;
      }
    }
  }
  std::array<std::array<double, kRouteCount>, 2> mixes{};
  std::array<std::array<double, kRouteCount>, 2> chances{};
  // q^n tables for leave_per_month and return_per_month (the path model's; nullptr: none).
  const PowerTable* leave_powers = nullptr;
  const PowerTable* return_powers = nullptr;
};

struct MarketState {
  std::int64_t aware = 0;
  LastPower affording;  // the affordability draw: the path's share who can pay over newcomers
  // With renewal: people in the pool now (aware or not), and those aware who are neither
  // clients nor waiting: `spent` (heard, did not buy) and `former` clients.
  std::int64_t pool = 0;
  std::int64_t spent = 0;
  std::int64_t former = 0;
  PathPoisson newcomers;  // renewal: the path's newcomers a month
};

struct Arrivals {
  std::int64_t can_pay = 0;
  std::int64_t lost_to_price = 0;
  std::int64_t want_group = 0;  // groups: prospects who want the group instead
  RouteCounts by_route{};       // routes: can_pay by route
};

// Renewal: each person's monthly chance of leaving the pool.
inline double leave_per_month(const Renewal& renewal) { return std::min(1.0, renewal.turnover_per_year / 12.0); }

// q^n tables (PowerTable) for the scenario's constant chances, made only for the draws it makes:
// leaving the renewing pool, coming back, missing a session, giving up on the waiting list.
struct ChancePowers {
  PowerTable leave;
  PowerTable back;
  PowerTable missed;
  PowerTable give_up;
  explicit ChancePowers(const Scenario& s) {
    if (s.market.renewal.enabled) {
      leave = PowerTable(leave_per_month(s.market.renewal));
      back = PowerTable(s.market.renewal.return_per_month);
    }
    if (s.clients.missed_share > 0) missed = PowerTable(s.clients.missed_share);
    if (s.clients.waiting_list) give_up = PowerTable(s.clients.waiting_give_up_per_month);
  }
  // Hands the renewing pool's tables to a path's market.
  void give(MarketParameters& market) const {
    market.leave_powers = &leave;
    market.return_powers = &back;
  }
};

void draw_market(const Scenario& scenario, PathKey key, MarketParameters& into);
inline MarketParameters draw_market(const Scenario& scenario, PathKey key) {
  MarketParameters p;
  draw_market(scenario, key, p);
  return p;
}

// Share of budget holders whose reservation price (lognormal: median, log sd `spread`) per
// hour covers `price_per_hour`.
double affordable_share(double price_per_hour, double median_per_hour, double spread);

// Prospects who become aware this month (of the service, or in a town of this kind of service).
inline std::int64_t newly_aware(const Market& market, const MarketParameters& p, MarketState& state,
                                MonthDraws& draws) {
  if (market.arrivals == ArrivalModel::bass) {
    const std::int64_t pool = p.renewing ? state.pool : p.pool;
    const double aware_share = pool > 0 ? static_cast<double>(state.aware) / static_cast<double>(pool) : 0.0;
    const double hazard = std::min(1.0, p.innovation + p.imitation * aware_share);
    const std::int64_t aware = draws.binomial(MonthDraw::arrivals, pool - state.aware, hazard);
    state.aware += aware;
    return aware;
  }
  return draws.poisson(MonthDraw::arrivals, p.referrals_per_month);
}

// The pool's month with renewal, before anyone new hears of the service: newcomers arrive
// (Poisson), everyone outside the service leaves with the monthly chance (clients leave through
// churn instead), and former clients come back. Returns how many came back; they can pay.
std::int64_t renew_pool(const MarketParameters& p, MarketState& state, MonthDraws& draws);

// Split `prospects` who can pay among the routes, in proportion to `mix` (routes).
inline RouteCounts by_route(std::int64_t prospects, const std::array<double, kRouteCount>& mix) {
  return split_in_proportion(prospects, mix);
}

// `group_share`: share of newly aware prospects who want a group (0: no groups).
inline Arrivals market_month(const Market& market, const MarketParameters& p, MarketState& state, MonthDraws& draws,
                             int month, double group_share = 0.0) {
  const std::int64_t returning = p.renewing ? renew_pool(p, state, draws) : 0;
  std::int64_t new_prospects = newly_aware(market, p, state, draws);
  Arrivals arrivals;
  if (group_share > 0.0) {  // groups: no draw, and no change, without them
    arrivals.want_group =
        group_share >= 1.0 ? new_prospects : draws.binomial(MonthDraw::group_interest, new_prospects, group_share);
    new_prospects -= arrivals.want_group;
  }
  if (!p.by_route) {
    arrivals.can_pay = draws.binomial(MonthDraw::affordable, new_prospects, p.affordable_share, state.affording);
  } else {
    // A multinomial draw, route by route: each prospect is on route r with its share of the
    // pool and can pay with that route's chance; the rest are lost to price.
    const std::array<double, kRouteCount>& mix = p.can_pay_mix(month);
    const std::array<double, kRouteCount>& chance = p.route_chances(month);
    std::int64_t left = new_prospects;
    for (std::size_t r = 0; r < kRouteCount && left > 0; ++r) {
      if (!(mix[r] > 0)) continue;
      arrivals.by_route[r] = draws.binomial(MonthDraw::route_choice, static_cast<unsigned>(r), left, chance[r]);
      left -= arrivals.by_route[r];
    }
    arrivals.can_pay = sum(arrivals.by_route);
  }
  arrivals.lost_to_price = new_prospects - arrivals.can_pay;
  if (p.renewing) state.spent += arrivals.lost_to_price + arrivals.want_group;
  if (returning > 0) {
    arrivals.can_pay += returning;
    if (p.by_route) add(arrivals.by_route, by_route(returning, p.can_pay_mix(month)));
  }
  return arrivals;
}

}  // namespace meantime
