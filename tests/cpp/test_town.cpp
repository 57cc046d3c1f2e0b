// Several providers in one town: known answers (independent providers are the providers
// alone, path by path), the shared market's split, and the collective's direction at fixed seeds
// under common random numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "meantime/meantime.hpp"

namespace meantime {
namespace {

// Three different start-ups: the kitchen table, a dearer one with more hours, a cheaper one.
Scenario three_providers() {
  Scenario town;
  town.run.months = 24;
  for (int i = 0; i < 3; ++i) {
    Provider p;
    p.stream = 10 + i;
    p.business.price_per_session = 10.0 + 1.5 * i;
    p.business.founder_hours_per_week = 12.0 + 4 * i;
    p.household.savings = 3000.0 + 1000 * i;
    p.costs.insurance = 15.0;
    p.costs.premises = 40.0 * i;
    town.providers.push_back(p);
  }
  return town;
}

RunOptions options(std::uint64_t paths, std::uint64_t seed = 7, int threads = 2) {
  RunOptions o;
  o.paths = paths;
  o.seed = seed;
  o.threads = threads;
  return o;
}

double survival(const RunResult& r) { return r.statistics.survival(r.months); }

TEST(Town, IndependentProvidersAreTheProvidersAlonePathByPath) {
  const Scenario town = three_providers();
  const TownResult together = simulate_town(town, options(600));
  for (std::size_t i = 0; i < town.providers.size(); ++i) {
    SCOPED_TRACE(i);
    const Scenario alone = provider_scenario(town, i);
    EXPECT_EQ(alone.run.stream, town.providers[i].stream);
    EXPECT_EQ(alone.business.fixed_costs_per_month, 120.0 + 15.0 + 40.0 * static_cast<double>(i));
    const RunResult single = simulate(alone, options(600));
    EXPECT_TRUE(*together.providers[i].outcomes == *single.outcomes);
    EXPECT_TRUE(together.providers[i].statistics == single.statistics);
    EXPECT_EQ(together.providers[i].scenario_fingerprint, single.scenario_fingerprint);
  }
}

TEST(Town, AProviderSellingGroupsIsItselfAlone) {
  Scenario town = three_providers();
  town.providers[1].group.enabled = true;
  town.providers[1].group.pricing = GroupPricing::pooled;
  const TownResult together = simulate_town(town, options(400));
  const RunResult alone = simulate(provider_scenario(town, 1), options(400));
  EXPECT_TRUE(*together.providers[1].outcomes == *alone.outcomes);
  EXPECT_GT(alone.outcomes->groups_formed.sum(), 0);
}

TEST(Town, ACollectiveSharingNothingChangesNothing) {
  Scenario town = three_providers();
  const TownResult apart = simulate_town(town, options(400));
  town.collective.enabled = true;
  for (auto& p : town.providers) p.collective_member = true;
  const TownResult together = simulate_town(town, options(400));
  for (std::size_t i = 0; i < town.providers.size(); ++i) {
    EXPECT_TRUE(*together.providers[i].outcomes == *apart.providers[i].outcomes) << i;
  }
}

TEST(Town, ProviderStreamsAreTheirOwn) {
  // A provider's identity keys its numbers: the default stream 0 and another give other paths,
  // and a single-provider run with run.stream = k draws what provider k draws.
  Scenario alone;
  alone.run.months = 12;
  const RunResult zero = simulate(alone, options(300));
  alone.run.stream = 10;
  const RunResult ten = simulate(alone, options(300));
  EXPECT_FALSE(*zero.outcomes == *ten.outcomes);
}

TEST(Town, BitIdenticalForAnyThreadsAndChunks) {
  Scenario town = three_providers();
  town.town.shared_market = true;
  town.collective.enabled = true;
  town.collective.cover = true;
  town.collective.insurance = {true, 20.0};
  for (auto& p : town.providers) {
    p.collective_member = true;
    p.health.illness_per_month = 0.05;
  }
  const TownResult one = simulate_town(town, options(700, 3, 1));
  const TownResult three = simulate_town(town, options(700, 3, 3));
  RunOptions first = options(300, 3, 2), second = options(400, 3, 2);
  second.first_path = 300;
  TownResult chunks = simulate_town(town, first);
  chunks.merge(simulate_town(town, second));
  for (const TownResult* other : {&three, static_cast<const TownResult*>(&chunks)}) {
    EXPECT_TRUE(other->town == one.town);
    EXPECT_TRUE(*other->town_outcomes == *one.town_outcomes);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_TRUE(other->providers[i].statistics == one.providers[i].statistics);
      EXPECT_TRUE(*other->providers[i].outcomes == *one.providers[i].outcomes);
    }
  }
  EXPECT_EQ(one.town.paths(), 700u);
}

// Two identical providers sharing one town's market, with room for everyone.
Scenario twins() {
  Scenario town;
  town.run.months = 24;
  town.town.shared_market = true;
  for (int i = 0; i < 2; ++i) {
    Provider p;
    p.stream = 1 + i;
    p.business.founder_hours_per_week = 37.5;
    p.household.savings = 1e6;  // nobody fails: demand is the question
    town.providers.push_back(p);
  }
  return town;
}

TEST(Town, IdenticalProvidersSplitSharedDemandEvenly) {
  const TownResult r = simulate_town(twins(), options(4000, 11));
  const auto& a = r.providers[0].outcomes->clients_served;
  const auto& b = r.providers[1].outcomes->clients_served;
  const Eigen::ArrayXd diff = (a - b).cast<double>();
  const double mean = diff.mean();
  const double se = std::sqrt((diff - mean).square().sum() / (diff.size() - 1) / diff.size());
  EXPECT_GT(a.cast<double>().mean(), 10.0);  // demand to split
  EXPECT_LT(std::fabs(mean), 4 * se);
  // The town's new clients are the two providers' together, path by path.
  EXPECT_TRUE(((a + b) == (*r.town_outcomes)[TownTotal::clients_served]).all());
}

TEST(Town, DeterministicSharedMarketFollowsTheLogit) {
  // Everyone can afford both (spread 0); fits 0 and 1 at equal prices: shares 1 : e.
  Scenario town = twins();
  town.run.deterministic = true;
  town.run.months = 1;
  town.run.sustained_months = 1;
  town.market.arrivals = ArrivalModel::referrals;
  town.market.referrals_per_month = 1000.0;
  town.market.reservation_price_spread = 0.0;
  town.market.reservation_price_per_hour = 30.0;  // above both offers' £22 an hour
  town.providers[1].fit = 1.0;
  for (Provider& p : town.providers) p.market.committed_clients = 0;  // only the town's prospects
  RunOptions o = options(1);
  const TownResult r = simulate_town(town, o);
  const double e = std::exp(1.0);
  EXPECT_EQ(r.providers[0].outcomes->clients_served(0) + r.providers[0].outcomes->lost_to_capacity(0),
            std::llround(1000 / (1 + e)));
  EXPECT_EQ((*r.town_outcomes)[TownTotal::clients_served](0) + (*r.town_outcomes)[TownTotal::lost_to_capacity](0),
            1000);
}

// Three members whose insurance and premises cost them £260 a month alone; shared, £300 for all.
Scenario three_member_collective() {
  Scenario town;
  town.run.months = 36;
  town.collective.enabled = true;
  town.collective.insurance = {true, 60.0};
  town.collective.premises = {true, 240.0};
  for (int i = 0; i < 3; ++i) {
    Provider p;
    p.stream = 1 + i;
    p.collective_member = true;
    p.costs.insurance = 40.0;
    p.costs.premises = 220.0;
    p.household.savings = 6000.0;
    // Founders assessed with limited capability for work: no minimum income floor, so survival
    // is neither 0 nor 1 and a shared cost can move it.
    p.household.limited_capability = LimitedCapability::lcw;
    town.providers.push_back(p);
  }
  return town;
}

TEST(Town, SharingFixedCostsRaisesEveryMembersSurvival) {
  Scenario with = three_member_collective();
  Scenario without = with;
  without.collective.enabled = false;
  const TownResult a = simulate_town(with, options(3000, 5));
  const TownResult b = simulate_town(without, options(3000, 5));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_GT(survival(a.providers[i]), survival(b.providers[i]) + 0.02) << i;
    // Path by path too: costs only fall while all three trade, so no path's lowest cash falls
    // until a member fails and the others' shares rise.
  }
}

TEST(Town, IllnessCoverRaisesSurvival) {
  Scenario with = three_member_collective();
  with.collective.premises.shared = false;  // keep the costs apart: cover is the question
  with.collective.insurance.shared = false;
  with.collective.cover = true;
  with.collective.cover_payment_per_session = 2.0;
  for (auto& p : with.providers) {
    p.health.illness_per_month = 0.08;
    p.health.capacity_lost = 1.0;
    p.household.savings = 4000.0;
    p.costs = {};
  }
  Scenario without = with;
  without.collective.cover = false;
  const TownResult a = simulate_town(with, options(3000, 5));
  const TownResult b = simulate_town(without, options(3000, 5));
  double gain = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_GE(survival(a.providers[i]), survival(b.providers[i])) << i;
    gain += survival(a.providers[i]) - survival(b.providers[i]);
    EXPECT_GT(a.providers[i].outcomes->sessions_covered.sum(), 0) << i;
  }
  EXPECT_GT(gain, 0.02);
}

TEST(Town, Validation) {
  auto rejected = [](const Scenario& s, const std::string& field, const std::string& words) {
    try {
      validate(s);
      ADD_FAILURE() << "accepted; expected " << field;
    } catch (const ScenarioError& e) {
      EXPECT_EQ(e.field(), field);
      EXPECT_NE(e.rule().find(words), std::string::npos) << e.rule();
    }
  };
  Scenario s = three_providers();
  s.providers[2].stream = s.providers[0].stream;
  rejected(s, "providers[2].stream", "must differ");
  s = three_providers();
  s.providers[1].staff.hours_per_week = 180;
  rejected(s, "providers[1].staff.hours_per_week", "5 FTE");
  s = three_providers();
  s.collective.enabled = true;
  rejected(s, "collective.enabled", "collective_member");
  Scenario single;
  single.town.shared_market = true;
  rejected(single, "town.shared_market", "providers");
  EXPECT_THROW(simulate(three_providers(), options(10)), ScenarioError);
  EXPECT_THROW(simulate_town(Scenario{}, options(10)), ScenarioError);
}

}  // namespace
}  // namespace meantime
