// A town's path, one month at a time: the shared market (if any) sends prospects to the
// providers still trading, every provider's demand half runs, the collective (if any) splits
// its costs and covers ill members, and every provider's money half runs. Each provider draws
// from its own stream (Provider::stream), the town's shared market from kTownStream.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "collective.hpp"
#include "meantime/town.hpp"
#include "path_model.hpp"
#include "shared_market.hpp"

namespace meantime {

struct TownPathState {
  std::vector<PathState> providers;
  MarketParameters market;  // the shared market's draw
  MarketState market_state;
  double median_price_per_hour = 0;
  std::uint64_t choice_for = ~0ULL;  // the trading providers (a bit each) `choice` was worked out for
  std::vector<double> choice;
  std::array<double, kTownTotalCount> totals{};
};

// A worker's scratch space for one path-month.
struct TownScratch {
  explicit TownScratch(std::size_t providers)
      : draws(providers), demand(providers), arrivals(providers), members(providers), values(providers) {}
  std::vector<std::optional<MonthDraws>> draws;
  std::vector<DemandMonth> demand;
  std::vector<Arrivals> arrivals;
  std::vector<MemberMonth> members;
  std::vector<MonthValues> values;
};

class TownModel {
 public:
  explicit TownModel(const Scenario& town);
  TownModel(const TownModel&) = delete;  // the path models refer to scenarios_
  TownModel& operator=(const TownModel&) = delete;

  std::size_t size() const { return models_.size(); }
  const Scenario& provider(std::size_t i) const { return scenarios_[i]; }

  void start(TownPathState& state, std::uint64_t seed, std::uint64_t path) const;
  // Leaves each provider's month values in scratch.values.
  TownMonth step(TownPathState& state, std::uint64_t seed, std::uint64_t path, int month, SamplerCache& cache,
                 TownScratch& scratch) const;

 private:
  PathKey provider_key(std::uint64_t seed, std::uint64_t path, std::size_t i) const {
    return PathKey{seed, path, static_cast<std::uint64_t>(scenarios_[i].run.stream)};
  }
  const Scenario& town_;
  std::vector<Scenario> scenarios_;  // provider_scenario(town, i)
  std::vector<PathModel> models_;
  std::vector<Offer> offers_;
};

}  // namespace meantime
