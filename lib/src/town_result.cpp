#include <string>

#include "meantime/errors.hpp"
#include "meantime/town.hpp"

namespace meantime {

const char* to_string(TownSeries series) {
  static const char* names[kTownSeriesCount] = {"offers_alive",  "active_clients", "new_clients",
                                                "lost_to_price", "chose_none",     "lost_to_capacity"};
  return names[static_cast<int>(series)];
}

const char* to_string(TownTotal total) {
  static const char* names[kTownTotalCount] = {"clients_served", "client_months",    "lost_to_price",
                                               "chose_none",     "lost_to_capacity", "survivors"};
  return names[static_cast<int>(total)];
}

TownStatistics::TownStatistics(int months, int providers)
    : months_(months),
      providers_(providers),
      monthly_(static_cast<std::size_t>(months) * kTownSeriesCount),
      alive_(static_cast<std::size_t>(months) * static_cast<std::size_t>(providers + 1), 0) {}

void TownStatistics::add_month(int month, const TownMonth& values) {
  const auto row = static_cast<std::size_t>(month - 1);
  for (std::size_t s = 0; s < kTownSeriesCount; ++s) monthly_[row * kTownSeriesCount + s].add(values.values[s]);
  const auto alive = static_cast<std::size_t>(values[TownSeries::offers_alive]);
  ++alive_[row * static_cast<std::size_t>(providers_ + 1) + alive];
}

void TownStatistics::add_totals(const std::array<double, kTownTotalCount>& totals) {
  for (std::size_t t = 0; t < kTownTotalCount; ++t) totals_[t].add(totals[t]);
}

void TownStatistics::merge(const TownStatistics& other) {
  if (other.months_ != months_ || other.providers_ != providers_) {
    throw MergeError("can only merge town statistics of the same horizon and providers");
  }
  for (std::size_t i = 0; i < monthly_.size(); ++i) monthly_[i].merge(other.monthly_[i]);
  for (std::size_t i = 0; i < alive_.size(); ++i) alive_[i] += other.alive_[i];
  for (std::size_t t = 0; t < kTownTotalCount; ++t) totals_[t].merge(other.totals_[t]);
}

bool TownStatistics::operator==(const TownStatistics& o) const {
  return months_ == o.months_ && providers_ == o.providers_ && monthly_ == o.monthly_ && alive_ == o.alive_ &&
         totals_ == o.totals_;
}

const ExactSum& TownStatistics::series(TownSeries s, int month) const {
  if (month < 1 || month > months_) throw std::out_of_range("month " + std::to_string(month) + " outside 1..months");
  return monthly_[static_cast<std::size_t>(month - 1) * kTownSeriesCount + static_cast<std::size_t>(s)];
}

std::uint64_t TownStatistics::alive_count(int month, int k) const {
  if (month < 1 || month > months_) throw std::out_of_range("month " + std::to_string(month) + " outside 1..months");
  if (k < 0 || k > providers_) return 0;
  return alive_[static_cast<std::size_t>(month - 1) * static_cast<std::size_t>(providers_ + 1) +
                static_cast<std::size_t>(k)];
}

TownOutcomes::TownOutcomes(Eigen::Index paths) {
  for (Column& column : columns) column.resize(paths);
}

void TownOutcomes::set(Eigen::Index i, const std::array<double, kTownTotalCount>& totals) {
  for (std::size_t t = 0; t < kTownTotalCount; ++t) columns[t](i) = static_cast<std::int64_t>(totals[t]);
}

void TownOutcomes::append(const TownOutcomes& next) {
  for (std::size_t t = 0; t < kTownTotalCount; ++t) {
    Column joined(columns[t].size() + next.columns[t].size());
    joined << columns[t], next.columns[t];
    columns[t].swap(joined);
  }
}

bool TownOutcomes::operator==(const TownOutcomes& o) const {
  for (std::size_t t = 0; t < kTownTotalCount; ++t) {
    if (columns[t].size() != o.columns[t].size() || !(columns[t] == o.columns[t]).all()) return false;
  }
  return true;
}

void TownResult::merge(const TownResult& next) {
  if (next.scenario_fingerprint != scenario_fingerprint || next.seed != seed || next.months != months ||
      next.providers.size() != providers.size()) {
    throw MergeError("can only merge town runs of the same scenario and seed");
  }
  if (next.first_path != first_path + paths) {
    throw MergeError("chunks must be adjacent: expected first_path " + std::to_string(first_path + paths) + ", got " +
                     std::to_string(next.first_path));
  }
  if (town_outcomes.has_value() != next.town_outcomes.has_value()) {
    throw MergeError("chunks must keep the same per-path arrays (keep_outcomes, keep_paths)");
  }
  for (std::size_t i = 0; i < providers.size(); ++i) providers[i].merge(next.providers[i]);
  town.merge(next.town);
  if (town_outcomes) town_outcomes->append(*next.town_outcomes);
  paths += next.paths;
}

}  // namespace meantime
