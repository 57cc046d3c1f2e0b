// The closed-form pieces of a town: the logit choice, the multinomial split of prospects, the
// collective's cost split and cover.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "collective.hpp"
#include "sampler_cache.hpp"
#include "shared_market.hpp"

namespace meantime {
namespace {

TEST(SharedMarket, LogitSharesMatchTheClosedFormWhenEveryoneCanAfford) {
  // Spread 0: every prospect's reservation price is the median (£30 an hour), above every offer.
  Town town;
  town.price_coefficient = 0.1;
  town.outside_option = true;
  town.none_utility = 0.5;
  const std::vector<Offer> offers = {{20.0, 1.0, true}, {24.0, 1.5, true}, {18.0, 0.0, true}};
  const auto p = choice_probabilities(offers, 30.0, 0.0, town);
  // V = fit - 0.1 x price: -1.0, -0.9, -1.8; none: 0.5.
  const double e0 = std::exp(-1.0), e1 = std::exp(-0.9), e2 = std::exp(-1.8), none = std::exp(0.5);
  const double total = e0 + e1 + e2 + none;
  EXPECT_NEAR(p[kFirstOffer + 0], e0 / total, 1e-15);
  EXPECT_NEAR(p[kFirstOffer + 1], e1 / total, 1e-15);
  EXPECT_NEAR(p[kFirstOffer + 2], e2 / total, 1e-15);
  EXPECT_NEAR(p[kBoughtNone], none / total, 1e-15);
  EXPECT_EQ(p[kCouldNotAfford], 0.0);
}

TEST(SharedMarket, OnlyAffordableOffersAreChosen) {
  // Median £21 an hour, spread 0: the £20 and £18 offers are affordable, the £24 one is not.
  Town town;  // no outside option: a prospect who can afford an offer buys one
  const std::vector<Offer> offers = {{20.0, 0.0, true}, {24.0, 5.0, true}, {18.0, 0.0, true}};
  const auto p = choice_probabilities(offers, 21.0, 0.0, town);
  EXPECT_EQ(p[kFirstOffer + 1], 0.0);
  const double e0 = std::exp(-2.0), e2 = std::exp(-1.8);
  EXPECT_NEAR(p[kFirstOffer + 0], e0 / (e0 + e2), 1e-15);
  EXPECT_NEAR(p[kFirstOffer + 2], e2 / (e0 + e2), 1e-15);
  EXPECT_EQ(p[kBoughtNone], 0.0);
  // Below the cheapest offer nobody can buy.
  const auto q = choice_probabilities(offers, 17.0, 0.0, town);
  EXPECT_EQ(q[kCouldNotAfford], 1.0);
}

TEST(SharedMarket, NestedAffordabilityWithSpreadSumsToOne) {
  // Lognormal reservation prices: P(can afford nothing) is the share below the cheapest price;
  // the rest is split among offers, and every probability is a probability.
  Town town;
  town.outside_option = true;
  const std::vector<Offer> offers = {{20.0, 0.3, true}, {24.0, 1.0, true}, {18.0, 0.0, false}};
  const auto p = choice_probabilities(offers, 22.0, 0.25, town);
  EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-12);
  EXPECT_NEAR(p[kCouldNotAfford], 1.0 - normal_cdf((std::log(22.0) - std::log(20.0)) / 0.25), 1e-12);
  EXPECT_EQ(p[kFirstOffer + 2], 0.0);  // not trading
  for (double x : p) EXPECT_GE(x, 0.0);
}

TEST(SharedMarket, TwoIdenticalOffersSplitEvenly) {
  Town town;
  const std::vector<Offer> offers = {{20.0, 0.2, true}, {20.0, 0.2, true}};
  const auto p = choice_probabilities(offers, 22.0, 0.3, town);
  EXPECT_DOUBLE_EQ(p[kFirstOffer], p[kFirstOffer + 1]);
}

TEST(SharedMarket, SplitKeepsEveryProspectAndRoundsExpectationsWhenDeterministic) {
  SamplerCache cache;
  const std::vector<double> p = {0.1, 0.2, 0.3, 0.0, 0.4};
  for (std::uint64_t path = 0; path < 200; ++path) {
    MonthDraws draws(PathKey{5, path, kTownStream}, 3, false, cache);
    const auto counts = split_prospects(57, p, draws);
    EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}), 57);
    EXPECT_EQ(counts[3], 0);  // no chance, no prospects
  }
  MonthDraws exact(PathKey{5, 0, kTownStream}, 3, true, cache);
  // 100 x 0.1 = 10; 90 x 0.2/0.9 = 20; 70 x 0.3/0.7 = 30; the last 40 to the last category.
  EXPECT_EQ(split_prospects(100, p, exact), (std::vector<std::int64_t>{10, 20, 30, 0, 40}));
}

TEST(SharedMarket, SplitIsMultinomialInLaw) {
  // The counts of a multinomial(n, p) category have mean n p_k and variance n p_k (1 - p_k).
  SamplerCache cache;
  const std::vector<double> p = {0.15, 0.25, 0.6};
  const int n = 40, trials = 20000;
  std::vector<double> sum(3, 0.0);
  for (int t = 0; t < trials; ++t) {
    MonthDraws draws(PathKey{9, static_cast<std::uint64_t>(t), kTownStream}, 1, false, cache);
    const auto counts = split_prospects(n, p, draws);
    for (int k = 0; k < 3; ++k) sum[k] += static_cast<double>(counts[k]);
  }
  for (int k = 0; k < 3; ++k) {
    const double se = std::sqrt(n * p[k] * (1 - p[k]) / trials);
    EXPECT_NEAR(sum[k] / trials, n * p[k], 4 * se) << k;
  }
}

MemberMonth member(std::int64_t deliverable, double price = 10.0) {
  MemberMonth m;
  m.member = true;
  m.trading = true;
  m.deliverable = deliverable;
  m.price_per_session = price;
  return m;
}

TEST(Collective, SharedCostsSplitByEachRule) {
  Collective c;
  c.enabled = true;
  c.insurance = {true, 240.0};
  c.premises = {true, 60.0};
  c.admin = {false, 1000.0};  // not shared: not the collective's cost
  c.membership_fee_per_month = 5.0;
  const std::vector<MemberMonth> members = {member(10), member(20), member(30, 20.0)};
  auto costs = [&](SplitRule rule) {
    c.split = rule;
    std::vector<double> out;
    for (const auto& m : collective_month(c, members)) out.push_back(m.costs);
    return out;
  };
  auto expect = [&](SplitRule rule, std::vector<double> want) {
    const auto got = costs(rule);
    for (std::size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-9) << i;
  };
  expect(SplitRule::equal, {105, 105, 105});                           // 300 / 3 + 5
  expect(SplitRule::by_sessions, {55, 105, 155});                      // 10:20:30 of 300, + 5
  expect(SplitRule::by_revenue, {300.0 / 9 + 5, 600.0 / 9 + 5, 205});  // £100:£200:£600
}

TEST(Collective, AFailedMemberPaysItsOwnItemsAndTheOthersShareMore) {
  Collective c;
  c.enabled = true;
  c.insurance = {true, 300.0};
  std::vector<MemberMonth> members = {member(10), member(10), member(10)};
  members[1].trading = false;
  members[1].shared_items_alone = 150.0;
  const auto out = collective_month(c, members);
  EXPECT_EQ(out[0].costs, 150.0);
  EXPECT_EQ(out[1].costs, 150.0);
  EXPECT_EQ(out[2].costs, 150.0);
  // A month without sessions splits by sessions equally.
  c.split = SplitRule::by_sessions;
  const auto idle = collective_month(c, {member(0), member(0)});
  EXPECT_EQ(idle[0].costs, 150.0);
}

TEST(Collective, CoverComesFromSpareCapacityInOrder) {
  Collective c;
  c.enabled = true;
  c.cover = true;
  c.cover_share = 0.5;
  c.cover_payment_per_session = 8.0;
  std::vector<MemberMonth> members = {member(20), member(20), member(20), member(20)};
  members[0].ill = true;
  members[0].lost = 12;
  members[1].spare = 9;   // offers 4 (half of 9, whole sessions)
  members[2].spare = 30;  // offers 15
  members[3].ill = true;  // ill members cover nobody
  members[3].spare = 40;
  members[3].lost = 10;
  const auto out = collective_month(c, members);
  EXPECT_EQ(out[0].covered_for_me, 12);  // 4 from member 1, 8 from member 2
  EXPECT_EQ(out[1].covered_for_others, 4);
  EXPECT_EQ(out[2].covered_for_others, 15);  // 8 for member 0, then 7 for member 3
  EXPECT_EQ(out[3].covered_for_me, 7);
  EXPECT_EQ(out[3].covered_for_others, 0);
  EXPECT_EQ(out[0].cover_payment_per_session, 8.0);
}

TEST(Collective, ItemsPaidAloneAndShared) {
  Collective c;
  c.enabled = true;
  c.premises.shared = true;
  Provider p;
  p.collective_member = true;
  p.costs = {10.0, 20.0, 30.0, 40.0};
  EXPECT_EQ(shared_items(c, p), 20.0);
  EXPECT_EQ(own_items(c, p), 80.0);
  p.collective_member = false;
  EXPECT_EQ(shared_items(c, p), 0.0);
  EXPECT_EQ(own_items(c, p), 100.0);
}

}  // namespace
}  // namespace meantime
