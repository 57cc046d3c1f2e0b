#include "meantime/result.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "meantime/errors.hpp"

namespace meantime {

const char* to_string(FailureCause cause) {
  switch (cause) {
    case FailureCause::none:
      return "none";
    case FailureCause::ran_out_of_money:
      return "ran_out_of_money";
    case FailureCause::gave_up:
      return "gave_up";
  }
  return "unknown";
}

const char* to_string(Series series) {
  static const char* names[kSeriesCount] = {"clients",       "sessions",       "revenue",      "profit",
                                            "business_cash", "household_cash", "drawings",     "cash_received",
                                            "benefits",      "repayments",     "waiting_list", "group_members"};
  return names[static_cast<int>(series)];
}

bool is_whole_number_series(Series series) {
  return series == Series::clients || series == Series::sessions || series == Series::waiting_list ||
         series == Series::group_members;
}

const char* to_string(Total total) {
  static const char* names[kTotalCount] = {"clients_served",
                                           "sessions_delivered",
                                           "lost_to_price",
                                           "lost_to_capacity",
                                           "drawings",
                                           "billed",
                                           "received",
                                           "bad_debt",
                                           "benefits",
                                           "months_ill",
                                           "sessions_covered",
                                           "groups_formed",
                                           "groups_collapsed",
                                           "group_members_served",
                                           "group_meetings_held",
                                           "group_meetings_cancelled",
                                           "group_members_priced_out",
                                           "group_prospects_gave_up",
                                           "group_billed",
                                           "self_funders_served",
                                           "tax",
                                           "household_income"};
  return names[static_cast<int>(total)];
}

// ------------------------------------------------------------------------------- PathOutcomes

PathOutcomes::PathOutcomes(Eigen::Index paths)
    : failure_month(paths),
      failure_cause(paths),
      operating_break_even_month(paths),
      living_break_even_month(paths),
      payback_month(paths),
      lowest_cash(paths),
      lowest_cash_month(paths),
      final_cash(paths),
      clients_served(paths),
      sessions_delivered(paths),
      lost_to_price(paths),
      lost_to_capacity(paths),
      drawings(paths),
      billed(paths),
      received(paths),
      bad_debt(paths),
      benefits(paths),
      months_ill(paths),
      sessions_covered(paths),
      groups_formed(paths),
      groups_collapsed(paths),
      group_members_served(paths),
      group_meetings_held(paths),
      group_meetings_cancelled(paths),
      group_members_priced_out(paths),
      group_prospects_gave_up(paths),
      group_billed(paths),
      self_funders_served(paths),
      tax(paths),
      household_income(paths),
      floor_month(paths) {}

std::size_t PathOutcomes::bytes_per_path() {
  return std::apply(
      [](const auto&... c) {
        return (sizeof(typename std::decay_t<decltype(PathOutcomes().*(c.second))>::Scalar) + ...);
      },
      columns());
}

void PathOutcomes::set(Eigen::Index i, const PathOutcome& o) {
  failure_month[i] = o.failure_month;
  failure_cause[i] = static_cast<std::uint8_t>(o.failure_cause);
  operating_break_even_month[i] = o.operating_break_even_month;
  living_break_even_month[i] = o.living_break_even_month;
  payback_month[i] = o.payback_month;
  lowest_cash[i] = o.lowest_cash;
  lowest_cash_month[i] = o.lowest_cash_month;
  final_cash[i] = o.final_cash;
  clients_served[i] = o.clients_served;
  sessions_delivered[i] = o.sessions_delivered;
  lost_to_price[i] = o.lost_to_price;
  lost_to_capacity[i] = o.lost_to_capacity;
  drawings[i] = o.drawings;
  billed[i] = o.billed;
  received[i] = o.received;
  bad_debt[i] = o.bad_debt;
  benefits[i] = o.benefits;
  months_ill[i] = o.months_ill;
  sessions_covered[i] = o.sessions_covered;
  groups_formed[i] = o.groups_formed;
  groups_collapsed[i] = o.groups_collapsed;
  group_members_served[i] = o.group_members_served;
  group_meetings_held[i] = o.group_meetings_held;
  group_meetings_cancelled[i] = o.group_meetings_cancelled;
  group_members_priced_out[i] = o.group_members_priced_out;
  group_prospects_gave_up[i] = o.group_prospects_gave_up;
  group_billed[i] = o.group_billed;
  self_funders_served[i] = o.self_funders_served;
  tax[i] = o.tax;
  household_income[i] = o.household_income;
  floor_month[i] = o.floor_month;
}

PathOutcome PathOutcomes::get(Eigen::Index i) const {
  PathOutcome o;
  o.failure_month = failure_month[i];
  o.failure_cause = static_cast<FailureCause>(failure_cause[i]);
  o.operating_break_even_month = operating_break_even_month[i];
  o.living_break_even_month = living_break_even_month[i];
  o.payback_month = payback_month[i];
  o.lowest_cash = lowest_cash[i];
  o.lowest_cash_month = lowest_cash_month[i];
  o.final_cash = final_cash[i];
  o.clients_served = clients_served[i];
  o.sessions_delivered = sessions_delivered[i];
  o.lost_to_price = lost_to_price[i];
  o.lost_to_capacity = lost_to_capacity[i];
  o.drawings = drawings[i];
  o.billed = billed[i];
  o.received = received[i];
  o.bad_debt = bad_debt[i];
  o.benefits = benefits[i];
  o.months_ill = months_ill[i];
  o.sessions_covered = sessions_covered[i];
  o.groups_formed = groups_formed[i];
  o.groups_collapsed = groups_collapsed[i];
  o.group_members_served = group_members_served[i];
  o.group_meetings_held = group_meetings_held[i];
  o.group_meetings_cancelled = group_meetings_cancelled[i];
  o.group_members_priced_out = group_members_priced_out[i];
  o.group_prospects_gave_up = group_prospects_gave_up[i];
  o.group_billed = group_billed[i];
  o.self_funders_served = self_funders_served[i];
  o.tax = tax[i];
  o.household_income = household_income[i];
  o.floor_month = floor_month[i];
  return o;
}

namespace {
template <class A>
void append_column(A& column, const A& next) {
  A joined(column.size() + next.size());
  joined << column, next;
  column.swap(joined);
}
template <class A>
bool same(const A& a, const A& b) {
  return a.size() == b.size() && (a == b).all();
}
}  // namespace

void PathOutcomes::append(const PathOutcomes& next) {
  std::apply([&](const auto&... c) { (append_column(this->*(c.second), next.*(c.second)), ...); }, columns());
}

bool PathOutcomes::operator==(const PathOutcomes& o) const {
  return std::apply([&](const auto&... c) { return (same(this->*(c.second), o.*(c.second)) && ...); }, columns());
}

// --------------------------------------------------------------------------------- PathArrays

PathArrays::PathArrays(Eigen::Index paths, int months, SeriesSet kept) {
  for (std::size_t s = 0; s < kSeriesCount; ++s) {
    series[s] = PathMatrix::Zero((kept >> s) & 1U ? paths : 0, months);
  }
}

void PathArrays::set(Eigen::Index path, int month, const MonthValues& values) {
  for (std::size_t s = 0; s < kSeriesCount; ++s) {
    if (series[s].rows() > 0) series[s](path, month - 1) = values.values[s];
  }
}

void PathArrays::append(const PathArrays& next) {
  for (std::size_t s = 0; s < series.size(); ++s) {
    if (series[s].rows() == 0 && next.series[s].rows() == 0) continue;  // a series not kept
    PathMatrix joined(series[s].rows() + next.series[s].rows(), series[s].cols());
    joined << series[s], next.series[s];
    series[s].swap(joined);
  }
}

bool PathArrays::operator==(const PathArrays& o) const {
  for (std::size_t s = 0; s < series.size(); ++s) {
    if (series[s].rows() != o.series[s].rows() || series[s].cols() != o.series[s].cols()) return false;
    if (!(series[s] == o.series[s]).all()) return false;
  }
  return true;
}

// --------------------------------------------------------------------------------- Statistics

Statistics::Statistics(int months, bool monthly)
    : months_(months),
      monthly_(monthly ? static_cast<std::size_t>(months) * kSeriesCount : 0),
      operating_break_even_(months),
      living_break_even_(months),
      payback_(months),
      floor_bites_(months) {
  for (auto& f : failures_) f = CountHistogram(months);
}

void Statistics::add_month(int month, const MonthValues& values) {
  Distributional* row = &monthly_[static_cast<std::size_t>(month - 1) * kSeriesCount];
  for (int s = 0; s < kSeriesCount; ++s) row[s].add(values.values[static_cast<std::size_t>(s)]);
}

void Statistics::add_month(int month, const MonthColumns& columns, std::size_t paths) {
  Distributional* row = &monthly_[static_cast<std::size_t>(month - 1) * kSeriesCount];
  for (std::size_t s = 0; s < kSeriesCount; ++s) row[s].add(columns.column(s), paths);
}

void Statistics::add_month(int month, const MonthColumns& columns, std::size_t paths, const ZeroSeries& zero) {
  Distributional* row = &monthly_[static_cast<std::size_t>(month - 1) * kSeriesCount];
  for (std::size_t s = 0; s < kSeriesCount; ++s) {
    if (zero[s]) {
      row[s].add_copies(0.0, paths);
    } else {
      row[s].add(columns.column(s), paths);
    }
  }
}

void Statistics::add_stopped_from(int from_month, double business_cash, double household_cash) {
  if (from_month > months_ || !has_monthly()) return;
  if (stopped_from_.empty()) stopped_from_.resize(static_cast<std::size_t>(months_));
  StoppedFrom& joining = stopped_from_[static_cast<std::size_t>(from_month - 1)];
  ++joining.paths;
  joining.business_cash.add(business_cash);
  joining.household_cash.add(household_cash);
}

void Statistics::settle_stopped() {
  if (stopped_from_.empty()) return;
  // Month by month, the paths stopped so far: every series but the cash adds their zeros (what
  // after_failure() writes), the cash series their cash as it stood.
  StoppedFrom stopped;
  for (int month = 1; month <= months_; ++month) {
    const StoppedFrom& joining = stopped_from_[static_cast<std::size_t>(month - 1)];
    if (joining.paths > 0) stopped.merge(joining);
    if (stopped.paths == 0) continue;
    Distributional* row = &monthly_[static_cast<std::size_t>(month - 1) * kSeriesCount];
    for (int s = 0; s < kSeriesCount; ++s) {
      const auto series = static_cast<Series>(s);
      if (series == Series::business_cash) {
        row[s].merge(stopped.business_cash);
      } else if (series == Series::household_cash) {
        row[s].merge(stopped.household_cash);
      } else {
        row[s].add_copies(0.0, stopped.paths);
      }
    }
  }
  stopped_from_.clear();
}

namespace {
// A path's totals, in the order of Total.
std::array<double, kTotalCount> totals_of(const PathOutcome& o) {
  return {static_cast<double>(o.clients_served),
          static_cast<double>(o.sessions_delivered),
          static_cast<double>(o.lost_to_price),
          static_cast<double>(o.lost_to_capacity),
          o.drawings,
          o.billed,
          o.received,
          o.bad_debt,
          o.benefits,
          static_cast<double>(o.months_ill),
          static_cast<double>(o.sessions_covered),
          static_cast<double>(o.groups_formed),
          static_cast<double>(o.groups_collapsed),
          static_cast<double>(o.group_members_served),
          static_cast<double>(o.group_meetings_held),
          static_cast<double>(o.group_meetings_cancelled),
          static_cast<double>(o.group_members_priced_out),
          static_cast<double>(o.group_prospects_gave_up),
          o.group_billed,
          static_cast<double>(o.self_funders_served),
          o.tax,
          o.household_income};
}
}  // namespace

void Statistics::add_outcome(const PathOutcome& o) { add_outcomes(&o, 1); }

void Statistics::add_outcomes(const PathOutcome* outcomes, std::size_t count) {
  // Columns of up to kColumn paths: a value's column slot, then each column's sums in one call.
  constexpr std::size_t kColumn = 256;
  std::array<std::array<double, kColumn>, kTotalCount> totals;
  std::array<double, kColumn> lowest;
  for (std::size_t start = 0; start < count; start += kColumn) {
    const std::size_t n = std::min(kColumn, count - start);
    for (std::size_t i = 0; i < n; ++i) {
      const PathOutcome& o = outcomes[start + i];
      failures_[static_cast<std::size_t>(o.failure_cause)].add(o.failure_month);
      operating_break_even_.add(o.operating_break_even_month);
      living_break_even_.add(o.living_break_even_month);
      payback_.add(o.payback_month);
      floor_bites_.add(o.floor_month);
      lowest[i] = o.lowest_cash;
      const std::array<double, kTotalCount> path = totals_of(o);
      for (std::size_t t = 0; t < totals.size(); ++t) totals[t][i] = path[t];
    }
    lowest_cash_.add(lowest.data(), n);
    for (std::size_t t = 0; t < totals.size(); ++t) totals_[t].add(totals[t].data(), n);
  }
  paths_ += count;
}

void Statistics::merge(const Statistics& other) {
  if (other.months_ != months_) throw MergeError("cannot merge statistics of different horizons");
  if (other.has_monthly() != has_monthly()) {
    throw MergeError("cannot merge statistics with monthly statistics and without (monthly_statistics)");
  }
  paths_ += other.paths_;
  for (std::size_t i = 0; i < monthly_.size(); ++i) monthly_[i].merge(other.monthly_[i]);
  for (std::size_t c = 0; c < failures_.size(); ++c) failures_[c].merge(other.failures_[c]);
  operating_break_even_.merge(other.operating_break_even_);
  living_break_even_.merge(other.living_break_even_);
  payback_.merge(other.payback_);
  floor_bites_.merge(other.floor_bites_);
  lowest_cash_.merge(other.lowest_cash_);
  for (std::size_t t = 0; t < totals_.size(); ++t) totals_[t].merge(other.totals_[t]);
  if (!other.stopped_from_.empty()) {
    if (stopped_from_.empty()) stopped_from_.resize(static_cast<std::size_t>(months_));
    for (std::size_t m = 0; m < stopped_from_.size(); ++m) stopped_from_[m].merge(other.stopped_from_[m]);
  }
}

bool Statistics::operator==(const Statistics& o) const {
  return months_ == o.months_ && paths_ == o.paths_ && monthly_ == o.monthly_ && failures_ == o.failures_ &&
         operating_break_even_ == o.operating_break_even_ && living_break_even_ == o.living_break_even_ &&
         payback_ == o.payback_ && floor_bites_ == o.floor_bites_ && lowest_cash_ == o.lowest_cash_ &&
         totals_ == o.totals_ && stopped_from_ == o.stopped_from_;
}

const Distributional& Statistics::series(Series s, int month) const {
  if (month < 1 || month > months_) throw std::out_of_range("month must be in 1.." + std::to_string(months_));
  if (!has_monthly()) {
    throw RunSettingsError("monthly_statistics", "was off for this run: it kept no monthly statistics to read");
  }
  if (!stopped_from_.empty()) throw std::logic_error("monthly statistics read before settle_stopped()");
  return monthly_[static_cast<std::size_t>(month - 1) * kSeriesCount + static_cast<std::size_t>(s)];
}

double Statistics::survival(int month) const {
  if (paths_ == 0) return 0.0;
  std::uint64_t failed = 0;
  for (std::size_t c = 1; c < failures_.size(); ++c) failed += failures_[c].reached_by(month);
  return 1.0 - static_cast<double>(failed) / static_cast<double>(paths_);
}

double Statistics::operating_break_even_by(int month) const {
  return paths_ ? static_cast<double>(operating_break_even_.reached_by(month)) / static_cast<double>(paths_) : 0.0;
}

double Statistics::living_break_even_by(int month) const {
  return paths_ ? static_cast<double>(living_break_even_.reached_by(month)) / static_cast<double>(paths_) : 0.0;
}

// ---------------------------------------------------------------------------------- RunResult

void RunResult::merge(const RunResult& next) {
  if (next.scenario_fingerprint != scenario_fingerprint || next.seed != seed || next.months != months) {
    throw MergeError("can only merge runs of the same scenario and seed");
  }
  if (next.first_path != first_path + paths) {
    throw MergeError("chunks must be adjacent: expected first_path " + std::to_string(first_path + paths) + ", got " +
                     std::to_string(next.first_path));
  }
  if (next.followed_failed != followed_failed) {
    throw MergeError("chunks must all follow failed paths to the horizon, or none (follow_failed)");
  }
  if (outcomes.has_value() != next.outcomes.has_value() || path_arrays.has_value() != next.path_arrays.has_value()) {
    throw MergeError("chunks must keep the same per-path arrays (keep_outcomes, keep_paths)");
  }
  if (path_arrays) {
    for (int s = 0; s < kSeriesCount; ++s) {
      if (path_arrays->keeps(static_cast<Series>(s)) != next.path_arrays->keeps(static_cast<Series>(s))) {
        throw MergeError("chunks must keep the path arrays of the same series (path_series)");
      }
    }
  }
  statistics.merge(next.statistics);
  if (outcomes) outcomes->append(*next.outcomes);
  if (path_arrays) path_arrays->append(*next.path_arrays);
  paths += next.paths;
}

}  // namespace meantime
