// Which uniforms each draw uses. These numbers are part of the stream-stability promise: a new
// draw takes a new number; an existing one never changes (see rng.hpp).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "meantime/distribution.hpp"
#include "meantime/rng.hpp"
#include "meantime/samplers.hpp"
#include "meantime/scenario.hpp"
#include "routes.hpp"
#include "sampler_cache.hpp"

namespace meantime {

// Draws made every month, each with its own uniforms.
enum class MonthDraw : unsigned {
  arrivals = 0,           // market: newly aware prospects
  affordable = 1,         // market: how many of them can pay the price
  session_demand = 2,     // clients: sessions booked
  leavers = 3,            // clients: churn at the month's end
  waiting_give_up = 4,    // clients: waiting prospects who give up
  illness_start = 5,      // health: an episode starts
  review_cuts = 6,        // clients: budgets cut at the yearly review
  council_cut = 7,        // clients: a council-wide cut this month
  bad_debt = 8,           // payments: 8 + channel index (4 channels)
  living_costs = 12,      // household: irregular spending this month
  group_interest = 13,    // groups: newly aware prospects who want the group
  group_affordable = 14,  // groups: how many of them can pay
  group_give_up = 15,     // groups, per attendee: how many waiting for a group give up
  // The town's own stream (kTownStream) uses `arrivals` for its newly aware prospects and these
  // for the shared market's choice, one binomial per category (16 + category).
  town_choice = 16,
  // Past the town's choice slots (16 + category, up to the last of kMaxProviders offers).
  route_choice = 96,         // routes: newly aware prospects by route, 96 + route (5 routes)
  pool_newcomers = 101,      // renewal: new people in the pool
  pool_leave_unaware = 102,  // renewal: people who leave the pool before hearing of the service
  pool_leave_spent = 103,    // renewal: aware people who did not buy, leaving the pool
  pool_leave_former = 104,   // renewal: former clients leaving the pool
  clients_return = 105,      // renewal: former clients who come back
  committed_start = 106,     // month 1: committed people who start
  missed_sessions = 107,     // clients: sessions missed or cancelled late
};

// The month draws in number order, each with how many numbers it takes (a block: one per channel,
// route or choice category). A new draw goes here too: one that takes a number inside another's
// block, or a block grown past the next draw's number, fails to compile instead of silently
// sharing that draw's random numbers.
inline constexpr unsigned kBadDebtChannels = 4;  // payments.hpp's kChannelCount
// Could not afford, bought none, then one per offer (shared_market.hpp's categories).
inline constexpr unsigned kTownChoiceCategories = 2 + static_cast<unsigned>(kMaxProviders);
struct DrawBlock {
  MonthDraw first;
  unsigned width;
  bool on_provider_paths;  // false: the town's own stream only
};
inline constexpr DrawBlock kMonthDrawBlocks[] = {
    {MonthDraw::arrivals, 1, true},
    {MonthDraw::affordable, 1, true},
    {MonthDraw::session_demand, 1, true},
    {MonthDraw::leavers, 1, true},
    {MonthDraw::waiting_give_up, 1, true},
    {MonthDraw::illness_start, 1, true},
    {MonthDraw::review_cuts, 1, true},
    {MonthDraw::council_cut, 1, true},
    {MonthDraw::bad_debt, kBadDebtChannels, true},
    {MonthDraw::living_costs, 1, true},
    {MonthDraw::group_interest, 1, true},
    {MonthDraw::group_affordable, 1, true},
    {MonthDraw::group_give_up, 1, true},
    {MonthDraw::town_choice, kTownChoiceCategories, false},
    {MonthDraw::route_choice, static_cast<unsigned>(kRouteCount), true},
    {MonthDraw::pool_newcomers, 1, true},
    {MonthDraw::pool_leave_unaware, 1, true},
    {MonthDraw::pool_leave_spent, 1, true},
    {MonthDraw::pool_leave_former, 1, true},
    {MonthDraw::clients_return, 1, true},
    {MonthDraw::committed_start, 1, true},
    {MonthDraw::missed_sessions, 1, true},
};
constexpr bool month_draw_blocks_are_apart() {
  unsigned next_free = 0;
  for (const DrawBlock& block : kMonthDrawBlocks) {
    const auto first = static_cast<unsigned>(block.first);
    if (first < next_free) return false;
    next_free = first + block.width;
  }
  return true;
}
static_assert(month_draw_blocks_are_apart(),
              "two month draws share random numbers: give the new one the next free number");
constexpr bool month_draws_are_kept() {
  for (const DrawBlock& block : kMonthDrawBlocks) {
    if (static_cast<unsigned>(block.first) + block.width > MonthUniforms::kKeptDraws) return false;
  }
  return true;
}
static_assert(month_draws_are_kept(),
              "a month draw past the blocks MonthUniforms keeps would cost a Philox call each time");

// Slots of monthly draws from a Distribution (own UniformStream, past the slots 1..12 that
// MonthUniforms gives the extra uniforms of the draws above).
inline constexpr std::uint64_t kPaymentDelaySlot = 64;  // + channel index
inline constexpr std::uint64_t kIllnessLengthSlot = 72;
// Groups: streams of their own, keyed by entity where a draw belongs to one group
// (its serial number in the path), so that one group's draws never shift another's.
inline constexpr std::uint64_t kGroupAllowanceSlot = 80;   // pooled: each queued prospect's budget
inline constexpr std::uint64_t kGroupAttendanceSlot = 81;  // per group (group_slot): attendees per meeting
inline constexpr std::uint64_t kGroupLeaversSlot = 82;     // per group (group_slot): churn, and who leaves
// A draw made once per group: its slot with the group's id in the upper 32 bits (the counter's
// fourth word is the drawer's stream, see rng.hpp).
inline std::uint64_t group_slot(std::uint64_t slot, std::uint64_t group_id) { return slot | (group_id << 32); }
inline constexpr std::uint64_t kGroupGiveUpSlot = 83;  // pooled: each waiting prospect gives up or not

// The slots above stay clear of each other and of the extra uniforms of the draws made on a
// provider's path (MonthUniforms gives draw d's from slot 1 + d).
constexpr bool month_draw_extras_miss(std::uint64_t low, std::uint64_t high) {
  for (const DrawBlock& block : kMonthDrawBlocks) {
    const std::uint64_t first = 1 + static_cast<std::uint64_t>(block.first);
    if (block.on_provider_paths && first < high && low < first + block.width) return false;
  }
  return true;
}
static_assert(month_draw_extras_miss(kPaymentDelaySlot, kGroupGiveUpSlot + 1),
              "a month draw's extra uniforms would share the slots of the monthly distribution draws");
static_assert(kPaymentDelaySlot + kBadDebtChannels <= kIllnessLengthSlot,
              "a payment channel's delay would share the illness length's slot");
static_assert(kIllnessLengthSlot < kGroupAllowanceSlot && kGroupAllowanceSlot < kGroupAttendanceSlot &&
                  kGroupAttendanceSlot < kGroupLeaversSlot && kGroupLeaversSlot < kGroupGiveUpSlot,
              "two slots of monthly distribution draws coincide");
static_assert(kGroupGiveUpSlot < (std::uint64_t{1} << 32), "group_slot keeps the group's id in the upper 32 bits");

// Per-path parameters, drawn in month 0, each from its own slot.
enum class ParameterSlot : std::uint64_t {
  population = 1,
  budget_holder_share = 2,
  fit_share = 3,
  innovation = 4,
  imitation = 5,
  referrals = 6,
  reservation_price = 7,
  churn = 8,
  savings = 9,
};

// A path's parameter: its distribution's draw, or its mean in deterministic runs; clamped to
// the field's valid range (only unbounded tails, allowed by validation, can reach past it).
inline double draw_parameter(const Distribution& d, PathKey key, ParameterSlot slot, bool deterministic, double low,
                             double high) {
  if (d.is_fixed()) return d.parameter(0);
  double x;
  if (deterministic) {
    x = d.mean();
  } else {
    UniformStream stream(key, 0, static_cast<std::uint64_t>(slot));
    x = d.draw(stream);
  }
  return std::clamp(x, low, high);
}

// A monthly draw from a distribution (its mean in deterministic runs).
inline double draw_monthly(const Distribution& d, PathKey key, int month, std::uint64_t slot, bool deterministic) {
  if (d.is_fixed()) return d.parameter(0);
  if (deterministic) return d.mean();
  UniformStream stream(key, static_cast<std::uint64_t>(month), slot);
  return d.draw(stream);
}

// The last q^n a path's binomial worked out, kept in the path's state: for a count whose chance
// stays put (a path's share who can pay, its churn) over a number that often does too (a few
// newcomers a month, a full diary), it saves a pow with the same bits.
class LastPower {
 public:
  double operator()(double q, std::int64_t n) {
    if (q != q_ || n != n_) {  // q is never NaN here, and never -0.0 (q = 1 - p, p < 1)
      value_ = Power{}(q, n);
      q_ = q;
      n_ = n;
    }
    return value_;
  }

 private:
  double q_ = -1.0;
  std::int64_t n_ = -1;
  double value_ = 0.0;
};

// q^n for one q (a scenario's constant chance: leaving the pool, coming back, missing a session),
// read from a table for the counts below kSize: the same bits as Power, whose products made it,
// without the chain of squarings between a count and the next draw. Any other q or a larger
// count takes Power.
class PowerTable {
 public:
  static constexpr std::int64_t kSize = 512;
  PowerTable() = default;
  // For binomial draws with chance p (the inversion's q: 1 - p, mirrored above 1/2).
  explicit PowerTable(double p) : q_(1.0 - (p > 0.5 ? 1.0 - p : p)), values_(static_cast<std::size_t>(kSize)) {
    for (std::int64_t n = 0; n < kSize; ++n) values_[static_cast<std::size_t>(n)] = Power{}(q_, n);
  }
  double operator()(double q, std::int64_t n) const {
    if (q == q_ && n < static_cast<std::int64_t>(values_.size())) return values_[static_cast<std::size_t>(n)];
    return Power{}(q, n);
  }

 private:
  double q_ = -1.0;
  std::vector<double> values_;
};

// A path's own Poisson mean (the renewing pool's newcomers: a mean drawn per path), kept in the
// path's state with its constants and, from its second draw of a mean from 16, its cdf: the
// worker's SamplerCache, which the block's paths share month by month, would see 256 such means
// between two of one path's draws. The cdf's count is the walk's bit for bit (samplers.hpp), so
// nothing changes.
class PathPoisson {
 public:
  const PoissonConstants& constants(double mean) {
    if (!(mean_ == mean)) {
      constants_ = PoissonConstants(mean);
      mean_ = mean;
      draws_ = 0;
    }
    return constants_;
  }
  // The mean's cdf from its second draw on (null before, above the inversion limit, and for a
  // small mean, whose walk takes a few steps where a search in a table of its own, one of the
  // block's 256, would wait on memory).
  const PoissonCdf* cdf() {
    if (!constants_.inversion || mean_ < kWalkBelow || ++draws_ < 2) return nullptr;
    if (draws_ == 2) cdf_.build(constants_);
    return &cdf_;
  }

 private:
  static constexpr double kWalkBelow = 16.0;
  double mean_ = std::numeric_limits<double>::quiet_NaN();
  PoissonConstants constants_{1.0};
  int draws_ = 0;
  PoissonCdf cdf_;  // its memory is reused from path to path
};

// The month's random counts, or their rounded expectations in deterministic runs. `cache` is
// the worker's (see sampler_cache.hpp).
class MonthDraws {
 public:
  MonthDraws(PathKey key, int month, bool deterministic, SamplerCache& cache)
      : uniforms_(key, static_cast<std::uint64_t>(month)), deterministic_(deterministic), cache_(cache) {}

  std::int64_t binomial(MonthDraw d, std::int64_t n, double p) { return binomial_draw(static_cast<unsigned>(d), n, p); }
  // The same draw, with the path's last q^n for this count kept in `last`.
  std::int64_t binomial(MonthDraw d, std::int64_t n, double p, LastPower& last) {
    return binomial_draw(static_cast<unsigned>(d), n, p, last);
  }
  // With q^n from `powers` (a table for the draw's constant chance; nullptr: worked out).
  std::int64_t binomial(MonthDraw d, std::int64_t n, double p, const PowerTable* powers) {
    if (powers == nullptr) return binomial_draw(static_cast<unsigned>(d), n, p);
    return binomial_draw(static_cast<unsigned>(d), n, p, *powers);
  }
  std::int64_t binomial(MonthDraw d, unsigned offset, std::int64_t n, double p) {
    return binomial_draw(static_cast<unsigned>(d) + offset, n, p);
  }
  // One event with chance p (in deterministic runs: it happens when p >= 1/2).
  bool happens(MonthDraw d, double p, unsigned offset = 0) { return p > 0 && binomial(d, offset, 1, p) == 1; }
  // A standard normal deviate (0 in deterministic runs), by inversion.
  double standard_normal(MonthDraw d) {
    if (deterministic_) return 0.0;
    return normal_quantile(uniforms_.first_uniform(static_cast<unsigned>(d)));
  }
  std::int64_t poisson(MonthDraw d, double mean) {
    if (deterministic_) return std::llround(mean);
    if (!(mean > 0.0)) return 0;
    const SamplerCache::Poisson kept = cache_.poisson(mean);
    return poisson_draw(static_cast<unsigned>(d), kept.constants, kept.cdf);
  }
  // The same draw, for a mean the path keeps in `kept`.
  std::int64_t poisson(MonthDraw d, double mean, PathPoisson& kept) {
    if (deterministic_) return std::llround(mean);
    if (!(mean > 0.0)) return 0;
    const PoissonConstants& constants = kept.constants(mean);
    return poisson_draw(static_cast<unsigned>(d), constants, kept.cdf());
  }

 private:
  std::int64_t poisson_draw(unsigned d, const PoissonConstants& constants, const PoissonCdf* cdf) {
    // With the mean's cdf, the count is a search for the draw's one uniform, handed over plainly.
    if (cdf) return cdf->count(uniforms_.first_uniform(d));
    auto source = uniforms_.draw(d);
    return meantime::poisson(constants, source, cdf);
  }
  // meantime::binomial(n, p, the draw's uniforms): the inversion most draws take is handed the
  // draw's one uniform plainly (mirrored above p = 1/2, as binomial() does), the rest goes
  // through the sampler's source.
  template <class Powers = Power>
  std::int64_t binomial_draw(unsigned d, std::int64_t n, double p, Powers&& power = Power{}) {
    if (deterministic_) return std::llround(static_cast<double>(n) * p);
    if (n <= 0 || !(p > 0.0)) return 0;
    if (p >= 1.0) return n;
    const bool upper = p > 0.5;
    const double lower_p = upper ? 1.0 - p : p;
    if (static_cast<double>(n) * lower_p < kInversionMeanLimit) {
      const double u = uniforms_.first_uniform(d);
      return upper ? n - binomial_inversion(n, lower_p, 1.0 - u, power) : binomial_inversion(n, lower_p, u, power);
    }
    auto source = uniforms_.draw(d);
    return meantime::binomial(n, p, source, power);
  }

  MonthUniforms uniforms_;
  bool deterministic_;
  SamplerCache& cache_;
};

}  // namespace meantime
