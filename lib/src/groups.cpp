#include "groups.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "market.hpp"

namespace meantime {

namespace {

constexpr double kNoLimit = std::numeric_limits<double>::infinity();

// Removes `count` of `people`: chosen uniformly at random, one uniform each (in deterministic
// runs, or when who it is cannot matter, the most recent ones).
template <class U>
void remove_some(std::vector<double>& people, std::int64_t count, bool pick_at_random, U& uniforms) {
  for (std::int64_t k = 0; k < count && !people.empty(); ++k) {
    if (!pick_at_random) {
      people.pop_back();
      continue;
    }
    const auto n = people.size();
    const auto i = std::min(n - 1, static_cast<std::size_t>(uniforms.next() * static_cast<double>(n)));
    people.erase(people.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

}  // namespace

std::vector<double> pooled_cascade(const std::vector<double>& allowances, double group_price) {
  std::vector<double> stay;
  if (allowances.empty()) return stay;
  const double share = member_share(group_price, static_cast<std::int64_t>(allowances.size()));
  for (double a : allowances) {
    if (a >= share) stay.push_back(a);
  }
  return stay;
}

namespace {

// largest_affordable_group of `count` allowances already sorted from the largest.
std::int64_t largest_affordable_prefix(const double* sorted, std::size_t count, double group_price,
                                       std::int64_t minimum, std::int64_t maximum) {
  const std::int64_t largest = std::min<std::int64_t>(maximum, static_cast<std::int64_t>(count));
  // The n largest all cover G/n exactly when the n-th largest does.
  for (std::int64_t n = largest; n >= minimum && n >= 1; --n) {
    if (sorted[n - 1] >= member_share(group_price, n)) return n;
  }
  return 0;
}

}  // namespace

std::int64_t largest_affordable_group(std::vector<double> allowances, double group_price, std::int64_t minimum,
                                      std::int64_t maximum) {
  std::sort(allowances.begin(), allowances.end(), std::greater<double>());
  return largest_affordable_prefix(allowances.data(), allowances.size(), group_price, minimum, maximum);
}

std::int64_t GroupState::members() const {
  std::int64_t total = 0;
  for (const Group& g : groups) total += g.size();
  return total;
}

GroupModel::GroupModel(const Scenario& scenario)
    : offer_(scenario.group),
      business_(scenario.business),
      waiting_list_(scenario.clients.waiting_list),
      give_up_(scenario.clients.waiting_give_up_per_month),
      spread_(scenario.market.reservation_price_spread),
      deterministic_(scenario.run.deterministic) {}

double GroupModel::interest_share() const {
  if (!offer_.enabled) return 0.0;
  return offer_.one_to_one ? offer_.interest_share : 1.0;
}

double GroupModel::share_check_price() const {
  return offer_.pricing == GroupPricing::pooled ? offer_.group_price : 0.0;
}

void GroupModel::start(GroupState& state, double reservation_median_per_hour) const {
  // Per attendee: a prospect can pay when their reservation rate x the meeting's hours covers
  // the price, i.e. their rate covers price / hours. Pooled: when their allowance (rate x hours
  // x pooled share) covers the share of a full group.
  const double hourly = offer_.pricing == GroupPricing::pooled ? member_share(offer_.group_price, offer_.maximum_size) /
                                                                     (offer_.meeting_hours * offer_.pooled_share)
                                                               : offer_.price_per_attendee / offer_.meeting_hours;
  state.affordable_share = affordable_share(hourly, reservation_median_per_hour, spread_);
  state.median_allowance = reservation_median_per_hour * offer_.meeting_hours * offer_.pooled_share;
}

std::int64_t GroupModel::one_to_one_capacity(double hours_per_week, double group_hours) const {
  if (!offer_.one_to_one) return 0;
  const double client_hours = hours_per_week * kWeeksPerMonth * business_.client_facing_share;
  const double left = std::max(0.0, client_hours - group_hours);
  // As session_capacity: the allowance keeps a whole number of sessions from rounding down.
  return static_cast<std::int64_t>(std::min(left / visit_hours(business_) + 1e-9, kMaxSessionsPerMonth));
}

void GroupModel::join_running_groups(GroupState& state, GroupMonth& m) const {
  if (state.waiting.empty()) return;
  const double price = share_check_price();
  // The lowest share a newcomer would pay in any group with room (infinite: every group is
  // full). One below it can join none: a long queue is passed over without trying each group.
  auto lowest_share = [&] {
    double lowest = kNoLimit;
    for (const Group& g : state.groups) {
      if (g.size() < offer_.maximum_size) lowest = std::min(lowest, member_share(price, g.size() + 1));
    }
    return lowest;
  };
  double threshold = lowest_share();
  if (threshold == kNoLimit) return;
  std::vector<double> still_waiting;
  for (double allowance : state.waiting) {
    bool joined = false;
    if (threshold == kNoLimit || allowance < threshold) {
      still_waiting.push_back(allowance);
      continue;
    }
    for (Group& g : state.groups) {
      if (g.size() >= offer_.maximum_size || allowance < member_share(price, g.size() + 1)) continue;
      g.allowances.push_back(allowance);
      ++m.joined;
      joined = true;
      threshold = lowest_share();
      break;
    }
    if (!joined) still_waiting.push_back(allowance);
  }
  state.waiting.swap(still_waiting);
}

void GroupModel::form_groups(GroupState& state, GroupMonth& m) const {
  const std::vector<double>& waiting = state.waiting;
  if (static_cast<std::int64_t>(state.groups.size()) >= offer_.max_groups ||
      static_cast<std::int64_t>(waiting.size()) < offer_.minimum_size) {
    return;
  }
  // Each group takes the n who can pay most (the earliest arrivals among equals): with the queue
  // sorted once, the groups are consecutive runs of it.
  std::vector<std::size_t> order(waiting.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return waiting[a] > waiting[b]; });
  std::vector<double> sorted(waiting.size());
  for (std::size_t k = 0; k < order.size(); ++k) sorted[k] = waiting[order[k]];
  std::vector<char> chosen(waiting.size(), 0);
  const double price = share_check_price();
  std::size_t start = 0;
  while (static_cast<std::int64_t>(state.groups.size()) < offer_.max_groups) {
    const std::int64_t n = largest_affordable_prefix(sorted.data() + start, sorted.size() - start, price,
                                                     offer_.minimum_size, offer_.maximum_size);
    if (n == 0) break;
    std::vector<std::size_t> members(order.begin() + static_cast<std::ptrdiff_t>(start),
                                     order.begin() + static_cast<std::ptrdiff_t>(start) + n);
    std::sort(members.begin(), members.end());  // a group keeps its members in arrival order
    Group group;
    group.id = state.next_id++;
    for (std::size_t i : members) {
      group.allowances.push_back(waiting[i]);
      chosen[i] = 1;
    }
    state.groups.push_back(std::move(group));
    ++m.formed;
    m.joined += n;
    start += static_cast<std::size_t>(n);
  }
  if (start == 0) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < state.waiting.size(); ++i) {
    if (!chosen[i]) state.waiting[kept++] = state.waiting[i];
  }
  state.waiting.resize(kept);
}

void GroupModel::meet(const Group& group, PathKey key, int month, GroupMonth& m) const {
  // Each meeting's attendees ~ Binomial(members, attendance), drawn in turn from the group's
  // own stream: one Philox call gives four meetings' uniforms.
  UniformStream uniforms(key, static_cast<std::uint64_t>(month), group_slot(kGroupAttendanceSlot, group.id));
  const std::int64_t n = group.size();
  for (int k = 0; k < offer_.meetings_per_month; ++k) {
    const std::int64_t attendees = deterministic_ ? std::llround(static_cast<double>(n) * offer_.attendance_probability)
                                                  : binomial(n, offer_.attendance_probability, uniforms);
    if (attendees >= offer_.minimum_size) {
      ++m.held;
      m.hours += offer_.meeting_hours;
      m.revenue += offer_.pricing == GroupPricing::pooled ? offer_.group_price
                                                          : static_cast<double>(attendees) * offer_.price_per_attendee;
    } else {
      ++m.cancelled;
      m.hours += offer_.cancelled_time_share * offer_.meeting_hours;
    }
    m.costs += offer_.cost_per_meeting;
  }
}

GroupMonth GroupModel::month(GroupState& state, std::int64_t interested, PathKey key, int month,
                             MonthDraws& draws) const {
  GroupMonth m;
  const bool pooled = offer_.pricing == GroupPricing::pooled;

  // 1. The review: one layer of the cascade.
  if (pooled) {
    for (Group& g : state.groups) {
      std::vector<double> stay = pooled_cascade(g.allowances, offer_.group_price);
      m.priced_out += g.size() - static_cast<std::int64_t>(stay.size());
      g.allowances.swap(stay);
    }
  }

  // 2. Newcomers: a binomial count of those who can pay (per attendee, the price; pooled, a
  // share even of a full group, or they could never join); those beyond the queue's room are
  // lost to capacity. Pooled, each one queued draws their own allowance per meeting: their
  // reservation rate (lognormal around the path's median, given that it covers a full group's
  // share: z = -Phi^-1(u x share who can pay)) x meeting hours x pooled share. Deterministic
  // runs give each the median of those who can pay (u = 1/2).
  if (interested > 0) {
    const auto limit = static_cast<std::size_t>(offer_.max_groups) * static_cast<std::size_t>(offer_.maximum_size);
    const std::int64_t can_pay = draws.binomial(MonthDraw::group_affordable, interested, state.affordable_share);
    const auto room = static_cast<std::int64_t>(limit - std::min(limit, state.waiting.size()));
    const std::int64_t queued = std::min(can_pay, room);
    m.lost_to_price += interested - can_pay;
    m.lost_to_capacity += can_pay - queued;
    if (pooled) {
      const double floor = member_share(offer_.group_price, offer_.maximum_size);
      UniformStream uniforms(key, static_cast<std::uint64_t>(month), kGroupAllowanceSlot);
      for (std::int64_t i = 0; i < queued; ++i) {
        const double u = deterministic_ ? 0.5 : uniforms.next();
        const double z = -normal_quantile(u * state.affordable_share);
        // Never below the floor the count was drawn for (rounding aside, it is not).
        state.waiting.push_back(std::max(floor, state.median_allowance * std::exp(spread_ * z)));
      }
    } else {
      state.waiting.insert(state.waiting.end(), static_cast<std::size_t>(queued), kNoLimit);
    }
  }

  // 3-5. Joining running groups, collapse, forming.
  join_running_groups(state, m);
  const auto end = std::remove_if(state.groups.begin(), state.groups.end(),
                                  [&](const Group& g) { return g.size() < offer_.minimum_size; });
  m.collapsed = static_cast<std::int64_t>(state.groups.end() - end);
  state.groups.erase(end, state.groups.end());
  form_groups(state, m);

  // 6. No further group can form: without a waiting list, those left are lost to capacity.
  if (!waiting_list_ && static_cast<std::int64_t>(state.groups.size()) >= offer_.max_groups) {
    m.lost_to_capacity += static_cast<std::int64_t>(state.waiting.size());
    state.waiting.clear();
  }

  // 7. Meetings.
  for (const Group& g : state.groups) meet(g, key, month, m);
  m.members = state.members();
  return m;
}

std::int64_t GroupModel::leave(GroupState& state, double churn, PathKey key, int month, MonthDraws& draws) const {
  // Who leaves matters only when allowances differ (pooled budgets, drawn at random).
  const bool pick = offer_.pricing == GroupPricing::pooled && !deterministic_;
  for (Group& g : state.groups) {
    UniformStream uniforms(key, static_cast<std::uint64_t>(month), group_slot(kGroupLeaversSlot, g.id));
    const std::int64_t n = g.size();
    const std::int64_t leavers =
        deterministic_ ? std::llround(static_cast<double>(n) * churn) : binomial(n, churn, uniforms);
    remove_some(g.allowances, leavers, pick, uniforms);
  }
  const std::int64_t waiting = static_cast<std::int64_t>(state.waiting.size());
  if (!pick) {  // a count (in deterministic runs, the most recent leave)
    const std::int64_t gave_up = draws.binomial(MonthDraw::group_give_up, waiting, give_up_);
    state.waiting.resize(static_cast<std::size_t>(waiting - gave_up));
    return gave_up;
  }
  // Pooled: each waiting prospect in turn, one uniform each, in one pass.
  if (!(give_up_ > 0.0) || waiting == 0) return 0;
  UniformStream uniforms(key, static_cast<std::uint64_t>(month), kGroupGiveUpSlot);
  std::size_t kept = 0;
  for (double allowance : state.waiting) {  // in order: the k-th prospect takes the k-th uniform
    if (!(uniforms.next() < give_up_)) state.waiting[kept++] = allowance;
  }
  const auto gave_up = waiting - static_cast<std::int64_t>(kept);
  state.waiting.resize(kept);
  return gave_up;
}

}  // namespace meantime
