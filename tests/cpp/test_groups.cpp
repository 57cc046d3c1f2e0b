// Group offers and pooled budgets: known answers, a hand-computed cascade, a
// hand-computed deterministic run, and a direction test under common random numbers.
#include <gtest/gtest.h>

#include <vector>

#include "groups.hpp"
#include "sampler_cache.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

TEST(Groups, AGroupPriceSplitAmongNMembersIsGOverNEach) {
  for (double price : {60.0, 45.0, 100.0}) {
    for (std::int64_t n = 1; n <= 12; ++n) {
      EXPECT_DOUBLE_EQ(member_share(price, n), price / static_cast<double>(n));
      EXPECT_NEAR(member_share(price, n) * static_cast<double>(n), price, 1e-12);
    }
  }
  EXPECT_EQ(member_share(60, 4), 15.0);
  EXPECT_EQ(member_share(60, 5), 12.0);
}

// Group price £60. Six members can pool, per meeting: 40, 25, 21, 20.50, 13, 11 (all cover
// 60 / 6 = 10). The member who can pool £40 leaves (churn). Month by month:
//   review 1: five members, share 60 / 5 = 12: only 11 is below it -> 25, 21, 20.50, 13 stay
//             (13 covers 12: it leaves only once the group is smaller);
//   review 2: four members, share 60 / 4 = 15: 13 is below it      -> 25, 21, 20.50 stay;
//   review 3: three members, share 60 / 3 = 20: all cover it       -> the group of three holds.
TEST(Groups, APooledCascadeUnfoldsMonthByMonthToTheHandComputedGroup) {
  std::vector<double> group = {40, 25, 21, 20.5, 13, 11};
  EXPECT_EQ(pooled_cascade(group, 60), group);  // before the departure, everyone stays
  group.erase(group.begin());                   // the one departure
  const std::vector<std::vector<double>> expected = {{25, 21, 20.5, 13}, {25, 21, 20.5}, {25, 21, 20.5}};
  for (std::size_t month = 0; month < expected.size(); ++month) {
    SCOPED_TRACE(month + 1);
    group = pooled_cascade(group, 60);
    EXPECT_EQ(group, expected[month]);
  }
  // A group that cannot hold unravels to nobody: 18, 14, 13 with £60: 20 each is beyond all.
  EXPECT_TRUE(pooled_cascade({18, 14, 13}, 60).empty());
  EXPECT_TRUE(pooled_cascade({}, 60).empty());
}

TEST(Groups, TheLargestAffordableGroup) {
  // Sorted: 30, 16, 12, 9, 5. With £36: four pay 9 each and the fourth largest is 9.
  EXPECT_EQ(largest_affordable_group({5, 30, 12, 16, 9}, 36, 2, 4), 4);
  // With £48: 4 -> 12 each (9 short), 3 -> 16 (12 short), 2 -> 24 (16 short): none.
  EXPECT_EQ(largest_affordable_group({5, 30, 12, 16, 9}, 48, 2, 4), 0);
  // A group of one may form: 30 covers £30 but not £48.
  EXPECT_EQ(largest_affordable_group({5, 30, 12, 16, 9}, 48, 1, 4), 0);
  EXPECT_EQ(largest_affordable_group({5, 30, 12, 16, 9}, 30, 1, 1), 1);
  // With £30 and up to four: 4 pay 7.50 each, and 9 covers it.
  EXPECT_EQ(largest_affordable_group({5, 30, 12, 16, 9}, 30, 1, 4), 4);
  // Not enough people for the minimum.
  EXPECT_EQ(largest_affordable_group({50, 50}, 10, 3, 8), 0);
}

// The engine's own month applies the same cascade: the group above, in a deterministic run with
// no churn, after the departure. With a minimum of 3 the group of three holds; with a minimum
// of 4 it collapses at review 2, when it falls to three.
TEST(Groups, TheEngineAppliesTheCascadeAndCollapsesBelowTheMinimum) {
  for (int minimum : {3, 4}) {
    SCOPED_TRACE(minimum);
    Scenario s = testing::hand_computed_scenario();
    s.group.enabled = true;
    s.group.pricing = GroupPricing::pooled;
    s.group.group_price = 60;
    s.group.minimum_size = minimum;
    s.group.attendance_probability = 1.0;
    const GroupModel model(s);
    GroupState state;
    Group g;
    g.allowances = {25, 21, 20.5, 13, 11};  // after the departure of the member with 40
    state.groups.push_back(g);
    SamplerCache cache;
    const PathKey key{1, 0};
    std::vector<std::int64_t> priced_out, members, collapsed;
    for (int month = 1; month <= 3; ++month) {
      MonthDraws draws(key, month, true, cache);
      const GroupMonth m = model.month(state, 0, key, month, draws);
      priced_out.push_back(m.priced_out);
      members.push_back(m.members);
      collapsed.push_back(m.collapsed);
    }
    EXPECT_EQ(priced_out, (std::vector<std::int64_t>{1, 1, 0}));
    if (minimum == 3) {
      EXPECT_EQ(members, (std::vector<std::int64_t>{4, 3, 3}));
      ASSERT_EQ(state.groups.size(), 1u);
      EXPECT_EQ(state.groups[0].allowances, (std::vector<double>{25, 21, 20.5}));
    } else {
      EXPECT_EQ(members, (std::vector<std::int64_t>{4, 0, 0}));
      EXPECT_EQ(collapsed, (std::vector<std::int64_t>{0, 1, 0}));
      EXPECT_TRUE(state.groups.empty());
    }
  }
}

// Forming from a queue, pooled: each group takes the largest run of those who can pay most.
// Queue (arrival order) 10, 40, 25, 12, 30, 8, 22; groups of 2-3, up to three groups.
//   £60: 40, 30, 25 pay 20 each; of 22, 12, 10, 8 no two cover 30 -> one group, four wait.
//   £24: 40, 30, 25 (8 each); then 22, 12, 10 (8 each); 8 alone is below the minimum -> two.
TEST(Groups, GroupsFormFromThoseWhoCanPayMost) {
  for (double price : {60.0, 24.0}) {
    SCOPED_TRACE(price);
    Scenario s = testing::hand_computed_scenario();
    s.group.enabled = true;
    s.group.pricing = GroupPricing::pooled;
    s.group.group_price = price;
    s.group.minimum_size = 2;
    s.group.maximum_size = 3;
    s.group.max_groups = 3;
    s.group.attendance_probability = 1.0;
    s.clients.waiting_list = true;
    const GroupModel model(s);
    GroupState state;
    state.waiting = {10, 40, 25, 12, 30, 8, 22};
    SamplerCache cache;
    MonthDraws draws(PathKey{1, 0}, 1, true, cache);
    const GroupMonth m = model.month(state, 0, PathKey{1, 0}, 1, draws);
    ASSERT_GE(state.groups.size(), 1u);
    EXPECT_EQ(state.groups[0].allowances, (std::vector<double>{40, 25, 30}));  // in arrival order
    if (price == 60.0) {
      EXPECT_EQ(m.formed, 1);
      EXPECT_EQ(state.waiting, (std::vector<double>{10, 12, 8, 22}));
    } else {
      EXPECT_EQ(m.formed, 2);
      ASSERT_EQ(state.groups.size(), 2u);
      EXPECT_EQ(state.groups[1].allowances, (std::vector<double>{10, 12, 22}));
      EXPECT_EQ(state.waiting, (std::vector<double>{8}));
    }
    EXPECT_EQ(m.joined, 3 * m.formed);
  }
}

// Groups only, paid per attendee, all randomness off: 3 referrals a month, everyone can pay
// (£100 an hour against £8 for two hours), groups of 4-6, one group, four meetings a month,
// attendance 0.75, £10 a meeting for the room, no waiting list, a fifth of those waiting for a
// group give up each month, no churn. By hand:
//   month 1: 3 wait (fewer than 4: no group); at the month's end round(3 x 0.2) = 1 gives up;
//   month 2: 2 + 3 = 5 wait: a group of 5 forms; round(5 x 0.75) = 4 attend each meeting (>= 4,
//            so all four are held): revenue 4 x 4 x £8 = £128;
//   month 3: 3 arrive, 1 fills the sixth place, 2 are lost to capacity (one group, no list);
//            round(6 x 0.75) = 5 attend: revenue 4 x 5 x £8 = £160;
//   month 4: 3 arrive, all lost to capacity; revenue £160.
// Costs: £10 a meeting from month 2; no one-to-one sessions; nothing else changes.
Scenario per_attendee_hand_scenario() {
  Scenario s = testing::hand_computed_scenario();
  s.market.referrals_per_month = 3.0;
  s.market.reservation_price_per_hour = 100.0;
  s.clients.waiting_give_up_per_month = 0.2;
  s.group.enabled = true;
  s.group.one_to_one = false;
  s.group.minimum_size = 4;
  s.group.maximum_size = 6;
  s.group.max_groups = 1;
  s.group.meetings_per_month = 4;
  s.group.meeting_hours = 2.0;
  s.group.attendance_probability = 0.75;
  s.group.price_per_attendee = 8.0;
  s.group.cost_per_meeting = 10.0;
  s.run.months = 4;
  return s;
}

TEST(Groups, APerAttendeeDeterministicRunEqualsTheHandComputedRevenue) {
  const RunResult r = testing::run_kept(per_attendee_hand_scenario(), 2);
  const PathArrays& a = *r.path_arrays;
  const double revenue[] = {0, 128, 160, 160};
  const double members[] = {0, 5, 6, 6};
  const double profit[] = {-300 - 50, 128 - 50 - 40, 160 - 50 - 40, 160 - 50 - 40};
  for (int m = 0; m < 4; ++m) {
    SCOPED_TRACE(m + 1);
    EXPECT_DOUBLE_EQ(a[Series::revenue](1, m), revenue[m]);
    EXPECT_EQ(a[Series::group_members](1, m), members[m]);
    EXPECT_DOUBLE_EQ(a[Series::profit](1, m), profit[m]);
    EXPECT_EQ(a[Series::clients](1, m), 0);
  }
  const PathOutcome o = r.outcomes->get(0);
  EXPECT_EQ(o.groups_formed, 1);
  EXPECT_EQ(o.groups_collapsed, 0);
  EXPECT_EQ(o.group_members_served, 6);
  EXPECT_EQ(o.group_meetings_held, 12);
  EXPECT_EQ(o.group_meetings_cancelled, 0);
  EXPECT_EQ(o.group_prospects_gave_up, 1);
  EXPECT_EQ(o.lost_to_capacity, 5);
  EXPECT_EQ(o.lost_to_price, 0);
  EXPECT_DOUBLE_EQ(o.group_billed, 448);
  EXPECT_DOUBLE_EQ(o.billed, 448);
  EXPECT_EQ(o.sessions_delivered, 0);
}

// Attendance 0.6 instead: round(5 x 0.6) = 3 < 4 in month 2, so its meetings are all cancelled
// (no revenue; half of their 8 hours still spent); round(6 x 0.6) = 4 from month 3: held.
TEST(Groups, MeetingsBelowTheMinimumAreCancelled) {
  Scenario s = per_attendee_hand_scenario();
  s.group.attendance_probability = 0.6;
  const RunResult r = testing::run_kept(s);
  const double revenue[] = {0, 0, 4 * 4 * 8, 4 * 4 * 8};
  for (int m = 0; m < 4; ++m) EXPECT_DOUBLE_EQ((*r.path_arrays)[Series::revenue](0, m), revenue[m]) << m + 1;
  const PathOutcome o = r.outcomes->get(0);
  EXPECT_EQ(o.group_meetings_cancelled, 4);
  EXPECT_EQ(o.group_meetings_held, 8);
}

// Pooled, deterministic: six referrals in month 1, each able to pool £100 x 2 h x 0.1 = £20 a
// meeting; the group of six pays £60 a meeting, £10 each (G/n); 5 of 6 attend (>= 4): every
// meeting is held and billed whoever attends.
TEST(Groups, APooledDeterministicRunBillsTheGroupPriceSplitEqually) {
  Scenario s = per_attendee_hand_scenario();
  s.market.referrals_per_month = 6.0;
  s.group.pricing = GroupPricing::pooled;
  s.group.group_price = 60.0;
  s.group.pooled_share = 0.1;
  s.group.cost_per_meeting = 0.0;
  s.clients.waiting_give_up_per_month = 0.0;
  const RunResult r = testing::run_kept(s);
  const PathArrays& a = *r.path_arrays;
  for (int m = 0; m < 4; ++m) {
    SCOPED_TRACE(m + 1);
    const double members = a[Series::group_members](0, m);
    EXPECT_EQ(members, 6);
    EXPECT_DOUBLE_EQ(a[Series::revenue](0, m), 4 * 60.0);
    // What each member pays a meeting: the month's bill over meetings and members.
    EXPECT_DOUBLE_EQ(a[Series::revenue](0, m) / 4 / members, member_share(60.0, 6));
    EXPECT_DOUBLE_EQ(member_share(60.0, 6), 10.0);
  }
  // A pooled share of 0.02: £4 a meeting, below £60 / 6 = £10 even in a full group: all are
  // lost to price and no group forms.
  s.group.pooled_share = 0.02;
  const PathOutcome o = testing::run_kept(s).outcomes->get(0);
  EXPECT_EQ(o.groups_formed, 0);
  EXPECT_EQ(o.lost_to_price, 4 * 6);
}

// Group time comes out of one-to-one capacity: 10 h a week x 52/12 x 0.6 = 26 client hours, in
// 1-hour sessions; 8 hours of meetings leave 18 sessions; groups only leaves none.
TEST(Groups, MeetingHoursComeOutOfOneToOneCapacity) {
  Scenario s = testing::hand_computed_scenario();
  s.group.enabled = true;
  EXPECT_EQ(GroupModel(s).one_to_one_capacity(10.0, 0.0), 26);
  EXPECT_EQ(GroupModel(s).one_to_one_capacity(10.0, 8.0), 18);
  EXPECT_EQ(GroupModel(s).one_to_one_capacity(10.0, 40.0), 0);
  s.group.one_to_one = false;
  EXPECT_EQ(GroupModel(s).one_to_one_capacity(10.0, 0.0), 0);
}

// A deterministic mixed month: 4 referrals, half want the group; 2 clients a month for the
// one-to-one diary. The group (four of them by month 2) meets 4 x 2 h, which leaves 18 of 26
// one-to-one hours: 4 clients of 4 sessions, instead of 6 without groups.
TEST(Groups, MixedOffersShareTheFoundersHours) {
  Scenario s = testing::hand_computed_scenario();
  s.market.referrals_per_month = 4.0;
  s.group.enabled = true;
  s.group.interest_share = 0.5;
  s.group.minimum_size = 2;
  s.group.maximum_size = 20;
  s.group.attendance_probability = 1.0;
  s.run.months = 6;
  const RunResult r = testing::run_kept(s);
  const PathArrays& a = *r.path_arrays;
  const double clients[] = {2, 4, 4, 4, 4, 4};
  const double members[] = {2, 4, 6, 8, 10, 12};
  for (int m = 0; m < 6; ++m) {
    SCOPED_TRACE(m + 1);
    EXPECT_EQ(a[Series::clients](0, m), clients[m]);
    EXPECT_EQ(a[Series::group_members](0, m), members[m]);
    // 4 meetings x members x £8, and 4 sessions a client at £10.
    EXPECT_DOUBLE_EQ(a[Series::revenue](0, m), 4 * members[m] * 8 + 4 * clients[m] * 10);
  }
}

// Direction, under common random numbers: a higher minimum size lowers the chance a group meets.
TEST(Groups, AHigherMinimumLowersTheChanceAGroupMeets) {
  Scenario low = testing::pooled_group_scenario(), high = low;
  low.group.minimum_size = 3;
  high.group.minimum_size = 6;
  RunOptions o;
  o.paths = 2000;
  o.seed = 12;
  const RunResult a = simulate(low, o), b = simulate(high, o);
  auto share_held = [](const RunResult& r) {
    const double held = r.statistics.total(Total::group_meetings_held).sum();
    return held / (held + r.statistics.total(Total::group_meetings_cancelled).sum());
  };
  auto paths_meeting = [](const RunResult& r) { return (r.outcomes->group_meetings_held > 0).cast<double>().mean(); };
  std::printf("held share %.4f -> %.4f; paths with a meeting %.4f -> %.4f\n", share_held(a), share_held(b),
              paths_meeting(a), paths_meeting(b));
  EXPECT_LT(paths_meeting(b), paths_meeting(a));
  EXPECT_LT(share_held(b), share_held(a));
  EXPECT_LT(b.statistics.total(Total::group_meetings_held).mean(),
            a.statistics.total(Total::group_meetings_held).mean());
}

// Pooled budgets really cascade in random runs, and every outcome adds up.
TEST(Groups, RandomPooledRunsFormCollapseAndCascade) {
  RunOptions o;
  o.paths = 1000;
  o.seed = 5;
  const RunResult r = simulate(testing::pooled_group_scenario(), o);
  const Statistics& s = r.statistics;
  EXPECT_GT(s.total(Total::groups_formed).mean(), 0.5);
  EXPECT_GT(s.total(Total::groups_collapsed).mean(), 0.0);
  EXPECT_GT(s.total(Total::group_members_priced_out).mean(), 0.0);
  EXPECT_GT(s.total(Total::group_meetings_cancelled).mean(), 0.0);
  EXPECT_GT(s.total(Total::group_prospects_gave_up).mean(), 0.0);
  const PathOutcomes& out = *r.outcomes;
  EXPECT_TRUE((out.groups_collapsed <= out.groups_formed).all());
  EXPECT_TRUE((out.group_members_served >= out.groups_formed * 4).all());
  EXPECT_TRUE((out.group_billed <= out.billed + 1e-9).all());
  // Pooled: a meeting held bills the group price, whoever attends.
  EXPECT_TRUE(((out.group_billed - out.group_meetings_held.cast<double>() * 60.0).abs() < 1e-6).all());
}

}  // namespace
}  // namespace meantime
