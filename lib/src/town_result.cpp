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

TownOutcomes::TownOutcomes(Eigen::Index paths)
    : clients_served(paths),
      client_months(paths),
      lost_to_price(paths),
      chose_none(paths),
      lost_to_capacity(paths),
      survivors(paths) {}

namespace {
template <class F>
void for_each_column(TownOutcomes& o, F&& f) {
  f(o.clients_served, TownTotal::clients_served);
  f(o.client_months, TownTotal::client_months);
  f(o.lost_to_price, TownTotal::lost_to_price);
  f(o.chose_none, TownTotal::chose_none);
  f(o.lost_to_capacity, TownTotal::lost_to_capacity);
  f(o.survivors, TownTotal::survivors);
}
}  // namespace

void TownOutcomes::set(Eigen::Index i, const std::array<double, kTownTotalCount>& totals) {
  for_each_column(*this, [&](auto& column, TownTotal t) {
    column(i) = static_cast<std::int64_t>(totals[static_cast<std::size_t>(t)]);
  });
}

void TownOutcomes::append(const TownOutcomes& next) {
  auto join = [](Eigen::Array<std::int64_t, Eigen::Dynamic, 1>& column,
                 const Eigen::Array<std::int64_t, Eigen::Dynamic, 1>& more) {
    Eigen::Array<std::int64_t, Eigen::Dynamic, 1> joined(column.size() + more.size());
    joined << column, more;
    column.swap(joined);
  };
  join(clients_served, next.clients_served);
  join(client_months, next.client_months);
  join(lost_to_price, next.lost_to_price);
  join(chose_none, next.chose_none);
  join(lost_to_capacity, next.lost_to_capacity);
  join(survivors, next.survivors);
}

bool TownOutcomes::operator==(const TownOutcomes& o) const {
  if (clients_served.size() != o.clients_served.size()) return false;
  return (clients_served == o.clients_served).all() && (client_months == o.client_months).all() &&
         (lost_to_price == o.lost_to_price).all() && (chose_none == o.chose_none).all() &&
         (lost_to_capacity == o.lost_to_capacity).all() && (survivors == o.survivors).all();
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
