// Several providers in one town: each provider's own results (as a single-provider run gives
// them) and the town's, from one run. See Scenario::providers, Town and Collective.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "meantime/result.hpp"
#include "meantime/scenario.hpp"
#include "meantime/simulate.hpp"
#include "meantime/statistics.hpp"

namespace meantime {

// The town's monthly series, per path (summed over its providers).
enum class TownSeries : int {
  offers_alive,      // providers still trading at the month's end
  active_clients,    // clients of the providers still trading
  new_clients,       // prospects who became clients this month
  lost_to_price,     // newly aware prospects who could afford no offer
  chose_none,        // ... who could afford one but bought none (town.outside_option)
  lost_to_capacity,  // chose an offer whose diary was full (or gave up waiting)
};
inline constexpr int kTownSeriesCount = 6;
const char* to_string(TownSeries series);

// Per-path totals over the horizon.
enum class TownTotal : int {
  clients_served,  // new clients across providers
  client_months,   // sum over months of active clients: budget holders served, in client-months
  lost_to_price,
  chose_none,
  lost_to_capacity,
  survivors,  // providers still trading at the horizon
};
inline constexpr int kTownTotalCount = 6;
const char* to_string(TownTotal total);

struct TownMonth {
  std::array<double, kTownSeriesCount> values{};
  double& operator[](TownSeries s) { return values[static_cast<std::size_t>(s)]; }
  double operator[](TownSeries s) const { return values[static_cast<std::size_t>(s)]; }
};

// The town's statistics across paths, exactly mergeable like Statistics.
class TownStatistics {
 public:
  TownStatistics(int months = 0, int providers = 0);
  void add_month(int month, const TownMonth& values);
  void add_totals(const std::array<double, kTownTotalCount>& totals);
  void merge(const TownStatistics& other);
  bool operator==(const TownStatistics& o) const;

  int months() const { return months_; }
  int providers() const { return providers_; }
  std::uint64_t paths() const { return totals_[0].count(); }
  const ExactSum& series(TownSeries s, int month) const;
  const ExactSum& total(TownTotal t) const { return totals_[static_cast<std::size_t>(t)]; }
  // Paths with exactly k providers still trading at the end of `month` (k = 0..providers).
  std::uint64_t alive_count(int month, int k) const;

 private:
  int months_;
  int providers_;
  std::vector<ExactSum> monthly_;     // months x series
  std::vector<std::uint64_t> alive_;  // months x (providers + 1)
  std::array<ExactSum, kTownTotalCount> totals_;
};

// Per-path town outcomes, as columns: one per TownTotal, in its order.
struct TownOutcomes {
  using Column = Eigen::Array<std::int64_t, Eigen::Dynamic, 1>;
  std::array<Column, kTownTotalCount> columns;
  explicit TownOutcomes(Eigen::Index paths = 0);
  const Column& operator[](TownTotal t) const { return columns[static_cast<std::size_t>(t)]; }
  void set(Eigen::Index i, const std::array<double, kTownTotalCount>& totals);
  void append(const TownOutcomes& next);
  bool operator==(const TownOutcomes& o) const;
};

// A town run of paths [first_path, first_path + paths).
struct TownResult {
  std::uint64_t seed = 0;
  std::uint64_t first_path = 0;
  std::uint64_t paths = 0;
  std::uint64_t scenario_fingerprint = 0;
  int months = 0;
  // One per provider, in the scenario's order: what a single-provider run returns (its
  // fingerprint is that of provider_scenario()).
  std::vector<RunResult> providers;
  TownStatistics town;
  std::optional<TownOutcomes> town_outcomes;  // with keep_outcomes

  // Appends the next chunk, exactly (see RunResult::merge).
  void merge(const TownResult& next);
};

// Provider i as a single-provider scenario: its records, the town's run settings with its stream,
// the town's market when the town shares one, and its cost items folded into its fixed costs
// (those a collective it belongs to does not share). Run alone, it gives the provider's results
// in a town where nothing is shared, path by path.
Scenario provider_scenario(const Scenario& town, std::size_t i);

// Validates, checks memory, runs every provider of a town scenario together (scenario.providers
// must not be empty). Bit-identical for any thread count and chunking, like simulate().
TownResult simulate_town(const Scenario& scenario, const RunOptions& options = {});

// Many towns in one call: towns[i] with seeds[i] (options.seed is not used), each result bit for
// bit what simulate_town gives it alone. The towns run one after another, each with every
// thread (a town's blocks are already the work of all its providers); progress and max_seconds
// count the whole batch.
std::vector<TownResult> simulate_town_batch(const std::vector<Scenario>& towns, const std::vector<std::uint64_t>& seeds,
                                            const RunOptions& options = {});

}  // namespace meantime
