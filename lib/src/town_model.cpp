#include "town_model.hpp"

#include "meantime/town.hpp"

namespace meantime {

Scenario provider_scenario(const Scenario& town, std::size_t i) {
  const Provider& p = town.providers.at(i);
  Scenario s;
  static_cast<Venture&>(s) = p;
  if (town.town.shared_market) {
    s.market = town.market;
    // The people a founder found in advance are that provider's own.
    s.market.committed_clients = p.market.committed_clients;
    s.market.committed_start_probability = p.market.committed_start_probability;
  }
  s.run = town.run;
  s.run.stream = p.stream;
  // The items it pays itself are fixed costs like any other.
  const double items = own_items(town.collective, p);
  if (items != 0) s.business.fixed_costs_per_month += items;
  return s;
}

TownModel::TownModel(const Scenario& town) : town_(town) {
  scenarios_.reserve(town.providers.size());
  for (std::size_t i = 0; i < town.providers.size(); ++i) scenarios_.push_back(provider_scenario(town, i));
  models_.reserve(scenarios_.size());
  for (const Scenario& s : scenarios_) models_.emplace_back(s);
  for (const Provider& p : town.providers) {
    offers_.push_back(Offer{p.business.price_per_session / p.business.session_hours, p.fit, true});
  }
}

void TownModel::start(TownPathState& state, std::uint64_t seed, std::uint64_t path) const {
  state.providers.resize(models_.size());
  for (std::size_t i = 0; i < models_.size(); ++i) models_[i].start(state.providers[i], provider_key(seed, path, i));
  state.market_state = MarketState{};
  state.choice_for = ~0ULL;
  state.totals = {};
  if (town_.town.shared_market) {
    const PathKey key{seed, path, kTownStream};
    const bool deterministic = town_.run.deterministic;
    state.market = draw_market(town_, key);
    state.market_state.pool = state.market.pool;
    state.median_price_per_hour = draw_parameter(town_.market.reservation_price_per_hour, key,
                                                 ParameterSlot::reservation_price, deterministic, 1e-9, 1e5);
  }
}

TownMonth TownModel::step(TownPathState& state, std::uint64_t seed, std::uint64_t path, int month, SamplerCache& cache,
                          TownScratch& x) const {
  const std::size_t n = models_.size();
  const bool deterministic = town_.run.deterministic;
  const bool shared = town_.town.shared_market;
  TownMonth town;
  std::uint64_t trading = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!state.providers[i].failed) trading |= 1ULL << i;
  }

  // The shared market sends each trading provider the prospects who chose it.
  if (shared) {
    MonthDraws draws(PathKey{seed, path, kTownStream}, month, deterministic, cache);
    // A renewing shared pool gains and loses people; who was a client is not followed across
    // providers, so nobody returns (the return chance is not used in a shared market).
    if (state.market.renewing) renew_pool(state.market, state.market_state, draws);
    const std::int64_t aware = newly_aware(town_.market, state.market, state.market_state, draws);
    if (trading != state.choice_for) {
      std::vector<Offer> offers = offers_;
      for (std::size_t i = 0; i < n; ++i) offers[i].trading = (trading >> i) & 1;
      state.choice =
          choice_probabilities(offers, state.median_price_per_hour, town_.market.reservation_price_spread, town_.town);
      state.choice_for = trading;
    }
    const std::vector<std::int64_t> counts = split_prospects(aware, state.choice, draws);
    town[TownSeries::lost_to_price] = static_cast<double>(counts[kCouldNotAfford]);
    town[TownSeries::chose_none] = static_cast<double>(counts[kBoughtNone]);
    for (std::size_t i = 0; i < n; ++i) x.arrivals[i] = Arrivals{counts[kFirstOffer + i], 0};
  }

  for (std::size_t i = 0; i < n; ++i) {
    const PathKey key = provider_key(seed, path, i);
    x.draws[i].emplace(key, month, deterministic, cache);
    x.demand[i] = models_[i].demand(state.providers[i], key, month, *x.draws[i], shared ? &x.arrivals[i] : nullptr);
  }

  std::vector<CollectiveMonth> collective;
  if (town_.collective.enabled) {
    for (std::size_t i = 0; i < n; ++i) {
      const DemandMonth& d = x.demand[i];
      const Provider& p = town_.providers[i];
      x.members[i] = MemberMonth{is_member(town_.collective, p),
                                 !state.providers[i].failed,
                                 d.ill,
                                 d.deliverable,
                                 d.lost_sessions(),
                                 d.spare_sessions(),
                                 p.business.price_per_session,
                                 shared_items(town_.collective, p)};
    }
    collective = collective_month(town_.collective, x.members);
  }

  for (std::size_t i = 0; i < n; ++i) {
    const bool was_trading = (trading >> i) & 1;
    models_[i].settle(state.providers[i], provider_key(seed, path, i), month, *x.draws[i], x.demand[i],
                      x.values[i].row(), collective.empty() ? CollectiveMonth{} : collective[i]);
    if (!was_trading) continue;
    const DemandMonth& d = x.demand[i];
    town[TownSeries::new_clients] += static_cast<double>(d.clients.admitted);
    town[TownSeries::lost_to_capacity] += static_cast<double>(d.clients.lost_to_capacity);
    if (!shared) town[TownSeries::lost_to_price] += static_cast<double>(d.arrivals.lost_to_price);
    town[TownSeries::active_clients] += x.values[i][Series::clients];
    town[TownSeries::offers_alive] += state.providers[i].failed ? 0.0 : 1.0;
  }

  auto& t = state.totals;
  t[static_cast<std::size_t>(TownTotal::clients_served)] += town[TownSeries::new_clients];
  t[static_cast<std::size_t>(TownTotal::client_months)] += town[TownSeries::active_clients];
  t[static_cast<std::size_t>(TownTotal::lost_to_price)] += town[TownSeries::lost_to_price];
  t[static_cast<std::size_t>(TownTotal::chose_none)] += town[TownSeries::chose_none];
  t[static_cast<std::size_t>(TownTotal::lost_to_capacity)] += town[TownSeries::lost_to_capacity];
  t[static_cast<std::size_t>(TownTotal::survivors)] = town[TownSeries::offers_alive];
  return town;
}

}  // namespace meantime
