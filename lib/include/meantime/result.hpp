// What a run returns: statistics across paths (always; they merge exactly), per-path outcomes
// (unless turned off) and full per-path, per-month arrays (only when asked for).
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "meantime/statistics.hpp"

namespace meantime {

// Month numbers run 1..months; this marks "did not happen within the horizon".
inline constexpr int kNever = -1;

enum class FailureCause : std::uint8_t {
  none = 0,              // survived the horizon
  ran_out_of_money = 1,  // business and household cash together fell below zero
  gave_up = 2,           // run.give_up_after_months passed without living break-even
};
const char* to_string(FailureCause cause);
inline constexpr int kFailureCauseCount = 3;

// The monthly series reported per path and summarised across paths. A path that has failed
// reports no activity and its cash as it stood when it failed.
enum class Series : int {
  clients,         // active clients in the month (after new arrivals, before leavers)
  sessions,        // sessions delivered
  revenue,         // billed: sessions x price
  profit,          // revenue less all business costs (start-up costs in month 1)
  business_cash,   // at the end of the month
  household_cash,  // at the end of the month
  drawings,        // paid from the business to the household
  cash_received,   // clients' payments arriving (billed revenue after delays and bad debt)
  benefits,        // benefit award paid to the household
  repayments,      // loan repayments
  waiting_list,    // prospects waiting for a place at the month's end
  group_members,   // members across running groups (after joining, before leavers)
};
inline constexpr int kSeriesCount = 12;
const char* to_string(Series series);
bool is_whole_number_series(Series series);

// Where one path's month goes: a MonthValues, or the path's row of a block's MonthColumns (the
// step writes each series straight into its column, with no struct to fill and copy).
class MonthRow {
 public:
  MonthRow(double* first, std::size_t stride) : first_(first), stride_(stride) {}
  double& operator[](Series s) const { return first_[static_cast<std::size_t>(s) * stride_]; }

 private:
  double* first_;
  std::size_t stride_;
};

struct MonthValues {
  std::array<double, kSeriesCount> values{};
  double& operator[](Series s) { return values[static_cast<std::size_t>(s)]; }
  double operator[](Series s) const { return values[static_cast<std::size_t>(s)]; }
  MonthRow row() { return {values.data(), 1}; }
};

// One month's values of a block of paths, a column per series, so that the statistics add
// each series in one tight loop instead of eleven small adds per path.
class MonthColumns {
 public:
  explicit MonthColumns(std::size_t paths) : paths_(paths), values_(paths * kSeriesCount) {}
  void set(std::size_t path, const MonthValues& v) {
    for (std::size_t s = 0; s < kSeriesCount; ++s) values_[s * paths_ + path] = v.values[s];
  }
  MonthRow row(std::size_t path) { return {&values_[path], paths_}; }
  MonthValues get(std::size_t path) const {
    MonthValues v;
    for (std::size_t s = 0; s < kSeriesCount; ++s) v.values[s] = values_[s * paths_ + path];
    return v;
  }
  const double* column(std::size_t series) const { return &values_[series * paths_]; }
  std::size_t capacity() const { return paths_; }

 private:
  std::size_t paths_;
  std::vector<double> values_;
};

// The series a scenario keeps at +0.0 on every path and month (groups, benefits, a waiting list
// or loans it does not have): their statistics take the block's count in one step, unread.
using ZeroSeries = std::array<bool, kSeriesCount>;

// One path's outcome.
struct PathOutcome {
  int failure_month = kNever;
  FailureCause failure_cause = FailureCause::none;
  int operating_break_even_month = kNever;  // revenue covers business costs, sustained
  int living_break_even_month = kNever;     // ... and also the founder's living costs net of other income
  int payback_month = kNever;               // cumulative profit, start-up costs included, back to >= 0
  // Lowest business + household cash over the horizon, had the venture carried on past a
  // failure: starting capital X more than -lowest_cash gets this path through.
  double lowest_cash = 0;
  int lowest_cash_month = 0;
  double final_cash = 0;  // business + household cash at the horizon, had it carried on
  std::int64_t clients_served = 0;
  std::int64_t sessions_delivered = 0;
  std::int64_t lost_to_price = 0;     // aware prospects whose budget could not pay the price
  std::int64_t lost_to_capacity = 0;  // could pay, but the diary was full
  double drawings = 0;                // total paid to the household
  double billed = 0;                  // total revenue billed
  double received = 0;                // total clients' payments received
  double bad_debt = 0;                // billed and never to be paid
  double benefits = 0;                // total benefits paid (net of advance repayments)
  double tax = 0;                     // total income tax and NI set aside (profits and wages)
  // The household's income in all: drawings, wages after tax, partner's and other income, benefits.
  double household_income = 0;
  int floor_month = kNever;  // first month the minimum income floor raised earned income
  std::int64_t months_ill = 0;
  std::int64_t sessions_covered = 0;  // delivered by a peer while the founder was ill
  // Group offers; all 0 when group.enabled is false.
  std::int64_t groups_formed = 0;
  std::int64_t groups_collapsed = 0;      // fell below the minimum size: members lost
  std::int64_t group_members_served = 0;  // members who ever joined a group
  std::int64_t group_meetings_held = 0;
  std::int64_t group_meetings_cancelled = 0;  // fewer attendees than the minimum
  std::int64_t group_members_priced_out = 0;  // pooled: left when their share rose past their budget
  std::int64_t group_prospects_gave_up = 0;   // interested prospects who gave up waiting for a group
  double group_billed = 0;                    // the part of `billed` from groups
  // Routes to buying (market.routes); 0 without them.
  std::int64_t self_funders_served = 0;  // clients who came paying from their own money
};

// Per-path totals summarised across paths (exact sums).
enum class Total : int {
  clients_served,
  sessions_delivered,
  lost_to_price,
  lost_to_capacity,
  drawings,
  billed,
  received,
  bad_debt,
  benefits,
  months_ill,
  sessions_covered,
  groups_formed,
  groups_collapsed,
  group_members_served,
  group_meetings_held,
  group_meetings_cancelled,
  group_members_priced_out,
  group_prospects_gave_up,
  group_billed,
  self_funders_served,
  tax,
  household_income,
};
inline constexpr int kTotalCount = 22;
const char* to_string(Total total);

// Per-path outcomes as columns (numpy-friendly, no copies needed).
struct PathOutcomes {
  Eigen::ArrayXi failure_month;
  Eigen::Array<std::uint8_t, Eigen::Dynamic, 1> failure_cause;
  Eigen::ArrayXi operating_break_even_month;
  Eigen::ArrayXi living_break_even_month;
  Eigen::ArrayXi payback_month;
  Eigen::ArrayXd lowest_cash;
  Eigen::ArrayXi lowest_cash_month;
  Eigen::ArrayXd final_cash;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> clients_served;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> sessions_delivered;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> lost_to_price;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> lost_to_capacity;
  Eigen::ArrayXd drawings;
  Eigen::ArrayXd billed;
  Eigen::ArrayXd received;
  Eigen::ArrayXd bad_debt;
  Eigen::ArrayXd benefits;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> months_ill;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> sessions_covered;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> groups_formed;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> groups_collapsed;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> group_members_served;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> group_meetings_held;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> group_meetings_cancelled;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> group_members_priced_out;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> group_prospects_gave_up;
  Eigen::ArrayXd group_billed;
  Eigen::Array<std::int64_t, Eigen::Dynamic, 1> self_funders_served;
  Eigen::ArrayXd tax;
  Eigen::ArrayXd household_income;
  Eigen::ArrayXi floor_month;

  explicit PathOutcomes(Eigen::Index paths = 0);

  // Every column once, as (name, pointer to member): the one list that for_each_column,
  // append and comparison use, and that the bindings read.
  static auto columns() {
    return std::make_tuple(
        std::pair{"failure_month", &PathOutcomes::failure_month},
        std::pair{"failure_cause", &PathOutcomes::failure_cause},
        std::pair{"operating_break_even_month", &PathOutcomes::operating_break_even_month},
        std::pair{"living_break_even_month", &PathOutcomes::living_break_even_month},
        std::pair{"payback_month", &PathOutcomes::payback_month}, std::pair{"lowest_cash", &PathOutcomes::lowest_cash},
        std::pair{"lowest_cash_month", &PathOutcomes::lowest_cash_month},
        std::pair{"final_cash", &PathOutcomes::final_cash}, std::pair{"clients_served", &PathOutcomes::clients_served},
        std::pair{"sessions_delivered", &PathOutcomes::sessions_delivered},
        std::pair{"lost_to_price", &PathOutcomes::lost_to_price},
        std::pair{"lost_to_capacity", &PathOutcomes::lost_to_capacity}, std::pair{"drawings", &PathOutcomes::drawings},
        std::pair{"billed", &PathOutcomes::billed}, std::pair{"received", &PathOutcomes::received},
        std::pair{"bad_debt", &PathOutcomes::bad_debt}, std::pair{"benefits", &PathOutcomes::benefits},
        std::pair{"months_ill", &PathOutcomes::months_ill},
        std::pair{"sessions_covered", &PathOutcomes::sessions_covered},
        std::pair{"groups_formed", &PathOutcomes::groups_formed},
        std::pair{"groups_collapsed", &PathOutcomes::groups_collapsed},
        std::pair{"group_members_served", &PathOutcomes::group_members_served},
        std::pair{"group_meetings_held", &PathOutcomes::group_meetings_held},
        std::pair{"group_meetings_cancelled", &PathOutcomes::group_meetings_cancelled},
        std::pair{"group_members_priced_out", &PathOutcomes::group_members_priced_out},
        std::pair{"group_prospects_gave_up", &PathOutcomes::group_prospects_gave_up},
        std::pair{"group_billed", &PathOutcomes::group_billed},
        std::pair{"self_funders_served", &PathOutcomes::self_funders_served}, std::pair{"tax", &PathOutcomes::tax},
        std::pair{"household_income", &PathOutcomes::household_income},
        std::pair{"floor_month", &PathOutcomes::floor_month});
  }
  // f(name, column) for every column of `self` (const or not), in order.
  template <class Self, class F>
  static void for_each_column(Self& self, F&& f) {
    std::apply([&](const auto&... column) { (f(column.first, self.*(column.second)), ...); }, columns());
  }

  Eigen::Index size() const { return failure_month.size(); }
  void set(Eigen::Index i, const PathOutcome& o);
  PathOutcome get(Eigen::Index i) const;
  void append(const PathOutcomes& next);
  bool operator==(const PathOutcomes& o) const;
  static std::size_t bytes_per_path();
};

using PathMatrix = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Full arrays, one paths x months matrix per series.
// A set of series, one bit each (bit s: Series s).
using SeriesSet = std::uint32_t;
inline constexpr SeriesSet kAllSeries = (SeriesSet{1} << kSeriesCount) - 1;
inline constexpr SeriesSet series_bit(Series s) { return SeriesSet{1} << static_cast<int>(s); }

struct PathArrays {
  // A series not `kept` has no rows (0 x months).
  std::array<PathMatrix, kSeriesCount> series;
  PathArrays(Eigen::Index paths, int months, SeriesSet kept = kAllSeries);
  // Every kept series' value of one path (row) in one month (1-based).
  void set(Eigen::Index path, int month, const MonthValues& values);
  bool keeps(Series s) const { return series[static_cast<std::size_t>(s)].rows() > 0; }
  PathMatrix& operator[](Series s) { return series[static_cast<std::size_t>(s)]; }
  const PathMatrix& operator[](Series s) const { return series[static_cast<std::size_t>(s)]; }
  void append(const PathArrays& next);
  bool operator==(const PathArrays& o) const;
};

// Statistics across paths, streamed and exactly mergeable.
class Statistics {
 public:
  // `monthly` false: no per-month statistics are kept (RunOptions::monthly_statistics off).
  explicit Statistics(int months = 0, bool monthly = true);

  void add_month(int month, const MonthValues& values);
  // The first `paths` rows of `columns`: the same as add_month for each path in turn.
  void add_month(int month, const MonthColumns& columns, std::size_t paths);
  // The same, for columns whose `zero` series hold +0.0 in every row (not read).
  void add_month(int month, const MonthColumns& columns, std::size_t paths, const ZeroSeries& zero);
  // A path that stopped at its failure (follow_failed off) is in every month from `from_month`
  // on, with no activity and its cash as it stood when it failed. Kept aside by the month it
  // joins, until settle_stopped() adds all of them to their months in one pass.
  void add_stopped_from(int from_month, double business_cash, double household_cash);
  // Adds the stopped paths kept aside to each month they are in: the same sums and counts as
  // adding each stopped path's months in turn. simulate() calls it once, after the merge.
  void settle_stopped();
  void add_outcome(const PathOutcome& outcome);
  // The same as add_outcome for each of `count` outcomes in turn, column by column (a block's
  // paths: the exact sums take each column in 64-bit runs).
  void add_outcomes(const PathOutcome* outcomes, std::size_t count);
  void merge(const Statistics& other);
  bool operator==(const Statistics& o) const;

  int months() const { return months_; }
  std::uint64_t paths() const { return paths_; }
  // False for a run without monthly statistics (RunOptions::monthly_statistics off).
  bool has_monthly() const { return monthly_.size() == static_cast<std::size_t>(months_) * kSeriesCount; }

  // Per month (1-based).
  const Distributional& series(Series s, int month) const;
  double mean(Series s, int month) const { return series(s, month).sum.mean(); }
  double quantile(Series s, int month, double q) const {
    return series(s, month).histogram.quantile(q, is_whole_number_series(s));
  }
  double survival(int month) const;  // share of paths still going at the end of `month`
  double operating_break_even_by(int month) const;
  double living_break_even_by(int month) const;

  // Per-path outcomes, summarised.
  const CountHistogram& failures(FailureCause cause) const { return failures_[static_cast<std::size_t>(cause)]; }
  const CountHistogram& operating_break_even() const { return operating_break_even_; }
  const CountHistogram& living_break_even() const { return living_break_even_; }
  const CountHistogram& payback() const { return payback_; }
  // The month the minimum income floor first raised the founder's earned income.
  const CountHistogram& floor_bites() const { return floor_bites_; }
  const Distributional& lowest_cash() const { return lowest_cash_; }
  const ExactSum& total(Total t) const { return totals_[static_cast<std::size_t>(t)]; }
  const ExactSum& clients_served() const { return total(Total::clients_served); }
  const ExactSum& sessions_delivered() const { return total(Total::sessions_delivered); }
  const ExactSum& lost_to_price() const { return total(Total::lost_to_price); }
  const ExactSum& lost_to_capacity() const { return total(Total::lost_to_capacity); }
  const ExactSum& drawings() const { return total(Total::drawings); }

 private:
  int months_;
  std::uint64_t paths_ = 0;
  std::vector<Distributional> monthly_;  // months x series
  std::array<CountHistogram, kFailureCauseCount> failures_;
  CountHistogram operating_break_even_;
  CountHistogram living_break_even_;
  CountHistogram payback_;
  CountHistogram floor_bites_;
  Distributional lowest_cash_;
  std::array<ExactSum, kTotalCount> totals_;
  // Stopped paths not yet settled, by the month they join (index month - 1); empty when none.
  struct StoppedFrom {
    std::uint64_t paths = 0;
    Distributional business_cash;
    Distributional household_cash;
    void merge(const StoppedFrom& o) {
      paths += o.paths;
      business_cash.merge(o.business_cash);
      household_cash.merge(o.household_cash);
    }
    bool operator==(const StoppedFrom& o) const {
      return paths == o.paths && business_cash == o.business_cash && household_cash == o.household_cash;
    }
  };
  std::vector<StoppedFrom> stopped_from_;
};

// A run of paths [first_path, first_path + paths) of one scenario with one seed.
struct RunResult {
  std::uint64_t seed = 0;
  std::uint64_t first_path = 0;
  std::uint64_t paths = 0;
  std::uint64_t scenario_fingerprint = 0;
  int months = 0;
  bool followed_failed = true;  // RunOptions::follow_failed of the run
  Statistics statistics;
  std::optional<PathOutcomes> outcomes;
  std::optional<PathArrays> path_arrays;

  // Appends the next chunk (its first path must follow this one's last). Statistics merge
  // exactly, so the merged result equals a single run over both chunks bit for bit.
  void merge(const RunResult& next);
};

}  // namespace meantime
