// Stream stability: pinned outputs for fixed seeds. A change here changes every user's
// published numbers, so it must be deliberate: update the values below only together with a
// CHANGELOG entry that says which outputs moved and why (the policy NumPy follows, NEP 19).
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>

#include "digest.hpp"
#include "meantime/meantime.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

constexpr const char* kPolicy =
    "\nPinned outputs changed. If the change is deliberate, update the golden values in "
    "tests/cpp/test_golden.cpp and say in CHANGELOG.md which outputs moved and why.";

RunResult golden_run(std::uint64_t seed) {
  RunOptions o;
  o.paths = 1000;
  o.seed = seed;
  return simulate(default_scenario(), o);
}

TEST(Golden, FirstPathsOfTheDefaultScenario) {
  const RunResult r = golden_run(2026);
  struct Pinned {
    int failure_month;
    int living_break_even_month;
    double lowest_cash;
    std::int64_t clients_served;
  };
  const Pinned pinned[4] = {
      {16, -1, -13509.150000000001, 36},
      {15, -1, -15973.450000000001, 29},
      {16, -1, -13147.200000000001, 33},
      {8, -1, -25529.025000000001, 9},
  };
  for (Eigen::Index i = 0; i < 4; ++i) {
    const PathOutcome o = r.outcomes->get(i);
    // Printed so that a deliberate change can be pasted in.
    std::printf("      {%d, %d, %.17g, %" PRId64 "},\n", o.failure_month, o.living_break_even_month, o.lowest_cash,
                o.clients_served);
    EXPECT_EQ(o.failure_month, pinned[i].failure_month) << kPolicy;
    EXPECT_EQ(o.living_break_even_month, pinned[i].living_break_even_month) << kPolicy;
    EXPECT_EQ(o.lowest_cash, pinned[i].lowest_cash) << kPolicy;
    EXPECT_EQ(o.clients_served, pinned[i].clients_served) << kPolicy;
  }
}

// With group.enabled false, every group output is zero.
void expect_no_group_outputs(const RunResult& r) {
  const PathOutcomes& o = *r.outcomes;
  EXPECT_TRUE((o.groups_formed == 0).all() && (o.groups_collapsed == 0).all() && (o.group_members_served == 0).all() &&
              (o.group_meetings_held == 0).all() && (o.group_meetings_cancelled == 0).all() &&
              (o.group_members_priced_out == 0).all() && (o.group_prospects_gave_up == 0).all() &&
              (o.group_billed == 0).all());
  for (int t = testing::kTotalsBeforeGroups; t <= static_cast<int>(Total::group_billed); ++t) {
    EXPECT_EQ(r.statistics.total(static_cast<Total>(t)).sum(), 0.0) << to_string(static_cast<Total>(t));
  }
  for (int month = 1; month <= r.months; ++month) {
    EXPECT_EQ(r.statistics.series(Series::group_members, month).histogram.max(), 0.0);
  }
}

// Five fixed scenarios and seeds, every outcome column and every statistic (the group offers'
// outputs must be zero with groups off).
TEST(Golden, DigestsOfWholeRuns) {
  struct Case {
    const char* name;
    Scenario scenario;
    std::uint64_t seed;
    std::uint64_t outcomes;
    std::uint64_t statistics;
  };
  Scenario referrals = default_scenario();
  referrals.market.arrivals = ArrivalModel::referrals;
  referrals.market.referrals_per_month = 1.5;
  const Case cases[] = {
      {"default, seed 0", default_scenario(), 0, 0x830fc55ab58ef0baULL, 0x3f88ebe8a7730305ULL},
      {"default, seed 1", default_scenario(), 1, 0x1f2fdff0570490f6ULL, 0x1f43628dc3b6f98fULL},
      {"default, seed 2026", default_scenario(), 2026, 0xf89c0166534ca807ULL, 0x33ed6758a24bc205ULL},
      {"referrals, seed 7", referrals, 7, 0xb49929bb7589370cULL, 0x662504c2bf2ab6f6ULL},
      {"full model, seed 11", testing::full_model_scenario(), 11, 0xd4eab50d83a50df1ULL, 0x4b2ad004ceb42be7ULL},
  };
  for (const Case& c : cases) {
    RunOptions o;
    o.paths = 1000;
    o.seed = c.seed;
    const RunResult r = simulate(c.scenario, o);
    const std::uint64_t outcomes = testing::digest(*r.outcomes), statistics = testing::digest(r.statistics);
    expect_no_group_outputs(r);
    std::printf("      {\"%s\", ..., 0x%016" PRIx64 "ULL, 0x%016" PRIx64 "ULL},\n", c.name, outcomes, statistics);
    EXPECT_EQ(outcomes, c.outcomes) << c.name << kPolicy;
    EXPECT_EQ(statistics, c.statistics) << c.name << kPolicy;
  }
}

// Groups on, every column: pooled budgets, and per attendee beside one-to-one.
TEST(Golden, DigestsOfRunsWithGroups) {
  Scenario per_attendee = default_scenario();
  per_attendee.group.enabled = true;
  struct Case {
    const char* name;
    Scenario scenario;
    std::uint64_t seed;
    std::uint64_t outcomes;
    std::uint64_t statistics;
  };
  const Case cases[] = {
      {"pooled groups, seed 12", testing::pooled_group_scenario(), 12, 0x46722d4c96b2ef34ULL, 0x1c45c0b7d1b5a95eULL},
      {"per-attendee groups, seed 3", per_attendee, 3, 0xfc1496d74ae00d8dULL, 0xd2005f9010e18732ULL},
  };
  for (const Case& c : cases) {
    RunOptions o;
    o.paths = 1000;
    o.seed = c.seed;
    const RunResult r = simulate(c.scenario, o);
    // The routes' outcome came after these were pinned: digest the columns before it, and it
    // must be zero with routes off.
    const std::uint64_t outcomes = testing::digest(*r.outcomes, testing::kOutcomeColumnsBeforeRoutes),
                        statistics = testing::digest(r.statistics, kSeriesCount, testing::kTotalsBeforeRoutes);
    EXPECT_TRUE((r.outcomes->self_funders_served == 0).all());
    std::printf("      {\"%s\", ..., 0x%016" PRIx64 "ULL, 0x%016" PRIx64 "ULL},\n", c.name, outcomes, statistics);
    EXPECT_EQ(outcomes, c.outcomes) << c.name << kPolicy;
    EXPECT_EQ(statistics, c.statistics) << c.name << kPolicy;
  }
}

}  // namespace
}  // namespace meantime
