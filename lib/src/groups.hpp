// Group offers and pooled budgets, for one provider.
//
// A month, in order (GroupModel::month, then GroupModel::leave at the month's end):
//  1. review: in a pooled group, members whose budget no longer covers an equal share of the
//     group price (group_price / members) leave: one layer of a cascade a month;
//  2. newcomers: the prospects who want the group and can pay join the forming queue, which
//     holds at most as many as all the groups have places (max_groups x maximum_size): those
//     beyond it are lost to capacity;
//  3. joining: those waiting fill running groups with room (pooled: only if they can pay the
//     share after joining), in the order they arrived;
//  4. collapse: a group still below the minimum size collapses, its members lost;
//  5. forming: while fewer than max_groups run, the queue forms the largest group it can;
//  6. capacity: when no further group can form, those left waiting are lost to capacity unless
//     the scenario keeps a waiting list (clients.waiting_list);
//  7. meetings: each member attends each meeting with the attendance probability; a meeting
//     with fewer attendees than the minimum is cancelled;
//  8. the month's end: members leave with the path's churn, and prospects in the queue give up
//     with clients.waiting_give_up_per_month.
// Validation keeps groups small (at most 100 members, 200 groups), so per-member state stays
// small too: at most 2 x 20,000 allowances a path.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "business.hpp"
#include "draws.hpp"
#include "meantime/result.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

// What each member of a pooled group pays for a meeting: the group price split equally.
inline double member_share(double group_price, std::int64_t members) {
  return group_price / static_cast<double>(members);
}

// One month's review of a pooled group: the members whose allowance per meeting still covers
// the share group_price / n (n: the members before the review) stay, in their order. Those who
// stay may no longer cover the share of the smaller group: they leave at the next review.
std::vector<double> pooled_cascade(const std::vector<double>& allowances, double group_price);

// The largest n in [minimum, maximum] such that the n largest of `allowances` each cover
// group_price / n; 0 when there is none.
std::int64_t largest_affordable_group(std::vector<double> allowances, double group_price, std::int64_t minimum,
                                      std::int64_t maximum);

struct Group {
  std::uint64_t id = 0;  // the group's serial number in its path: keys its own draws (group_slot)
  // Each member's allowance per meeting, in the order they joined (per attendee: infinite, as
  // price is checked once, on arrival).
  std::vector<double> allowances;
  std::int64_t size() const { return static_cast<std::int64_t>(allowances.size()); }
};

struct GroupState {
  // From the path's market: the share of prospects who can pay (per attendee: the price; pooled:
  // a share of a full group), and pooled, the median allowance per meeting.
  double affordable_share = 0;
  double median_allowance = 0;
  std::vector<double> waiting;  // the forming queue, in arrival order
  std::vector<Group> groups;    // running groups, in the order they formed
  std::uint64_t next_id = 0;
  std::int64_t members() const;
};

struct GroupMonth {
  std::int64_t members = 0;  // across running groups, after joining and forming
  std::int64_t formed = 0;
  std::int64_t collapsed = 0;
  std::int64_t joined = 0;  // members new to a group this month (joining or forming)
  std::int64_t held = 0;
  std::int64_t cancelled = 0;
  std::int64_t priced_out = 0;  // left at the review: share above their allowance
  std::int64_t lost_to_price = 0;
  std::int64_t lost_to_capacity = 0;
  double revenue = 0;  // billed
  double costs = 0;    // cost_per_meeting for every planned meeting
  double hours = 0;    // the founder's: meetings held, and the scenario's share of those cancelled
};

class GroupModel {
 public:
  explicit GroupModel(const Scenario& scenario);
  bool enabled() const { return offer_.enabled; }
  // Share of newly aware prospects who want the group: 0 without groups, 1 with groups only.
  double interest_share() const;
  // At the path's start, from the path's median reservation price per hour.
  void start(GroupState& state, double reservation_median_per_hour) const;
  // Steps 1-7 above, for `interested` newly aware prospects who want the group.
  GroupMonth month(GroupState& state, std::int64_t interested, PathKey key, int month, MonthDraws& draws) const;
  // Step 8; returns how many waiting prospects gave up.
  std::int64_t leave(GroupState& state, double churn, PathKey key, int month, MonthDraws& draws) const;
  // One-to-one sessions a month that `hours_per_week` allow once `group_hours` of the month's
  // client-facing time have gone to groups (0 when groups only).
  std::int64_t one_to_one_capacity(double hours_per_week, double group_hours) const;

 private:
  void join_running_groups(GroupState& state, GroupMonth& m) const;
  void form_groups(GroupState& state, GroupMonth& m) const;
  void meet(const Group& group, PathKey key, int month, GroupMonth& m) const;
  double share_check_price() const;  // the group price a member's allowance is checked against
  const GroupOffer& offer_;
  const Business& business_;
  bool waiting_list_;
  double give_up_;
  double spread_;
  bool deterministic_;
};

// The group's month in the business's accounts and in the path's outcome.
inline void add_group_money(BusinessMonth& business, const GroupMonth& group) {
  business.revenue += group.revenue;
  business.operating_costs += group.costs;
}

inline void record_group_month(PathOutcome& o, const GroupMonth& group) {
  o.groups_formed += group.formed;
  o.groups_collapsed += group.collapsed;
  o.group_members_served += group.joined;
  o.group_meetings_held += group.held;
  o.group_meetings_cancelled += group.cancelled;
  o.group_members_priced_out += group.priced_out;
  o.group_billed += group.revenue;
  o.lost_to_price += group.lost_to_price;
  o.lost_to_capacity += group.lost_to_capacity;
}

}  // namespace meantime
