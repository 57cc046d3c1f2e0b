// What the engine keeps from one draw to the next (sampler constants, q^n, blocks of first
// uniforms) must be exactly what working it out again gives: results may not move a bit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "draws.hpp"
#include "meantime/rng.hpp"
#include "meantime/samplers.hpp"
#include "sampler_cache.hpp"

namespace meantime {
namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(SamplerCache, KeptPoissonConstantsAreTheFreshOnes) {
  SamplerCache cache;
  std::mt19937_64 engine(5);
  std::uniform_real_distribution<double> means(0.01, 300.0);
  for (int i = 0; i < 2000; ++i) {
    // Means that repeat (clients x plan) and means that do not, so entries are hit and replaced.
    const double mean = i % 2 == 0 ? 4.0 * (i % 37) + 0.5 : means(engine);
    const PoissonConstants fresh(mean);
    const PoissonConstants& kept = cache.poisson(mean).constants;
    EXPECT_TRUE(same_bits(kept.mean, fresh.mean));
    EXPECT_EQ(kept.inversion, fresh.inversion);
    for (auto field :
         {&PoissonConstants::exp_minus_mean, &PoissonConstants::slam, &PoissonConstants::loglam, &PoissonConstants::b,
          &PoissonConstants::a, &PoissonConstants::invalpha, &PoissonConstants::vr, &PoissonConstants::log_invalpha}) {
      EXPECT_TRUE(same_bits(kept.*field, fresh.*field)) << mean;
    }
  }
}

TEST(SamplerCache, PowersAreWithinTheirErrorBoundAndKeptExactly) {
  std::mt19937_64 engine(6);
  std::uniform_real_distribution<double> chances(0.5, 1.0);
  LastPower last;
  for (int i = 0; i < 20000; ++i) {
    const double q = chances(engine);
    // The counts the inversion meets (a few), and the huge ones a tiny chance allows.
    const std::int64_t n = i % 50 < 40 ? 1 + i % 40 : std::int64_t{1} << (i % 50 - 10);
    const double power = Power{}(q, n);
    const long double exact = std::pow(static_cast<long double>(q), static_cast<long double>(n));
    // Each squaring doubles the relative error so far: at most about n ulps in all, as for the
    // exact power of q itself, which 1 - p has already rounded by an ulp.
    const double ulps_allowed = static_cast<double>(n) + 1.0;
    EXPECT_LE(std::fabs(static_cast<long double>(power) - exact), ulps_allowed * 0x1.0p-53L * exact) << q << "^" << n;
    EXPECT_TRUE(same_bits(last(q, n), power)) << q << "^" << n;
    EXPECT_TRUE(same_bits(last(q, n), power)) << q << "^" << n;  // the kept one
  }
  EXPECT_TRUE(same_bits(Power{}(0.75, 1), 0.75));
  EXPECT_TRUE(same_bits(Power{}(0.75, 2), 0.5625));
  EXPECT_TRUE(same_bits(Power{}(0.5, 40), 0x1.0p-40));  // powers of two are exact
}

// A scenario's constant chance reads q^n from a table: the same bits as working it out, for the
// table's counts and past them, for chances either side of 1/2 (mirrored), and any other q
// worked out as before.
TEST(SamplerCache, PowerTablesGiveThePowersBits) {
  for (const double p : {0.025, 0.2, 0.5, 0.7}) {
    SCOPED_TRACE(p);
    const PowerTable table(p);
    const double q = 1.0 - (p > 0.5 ? 1.0 - p : p);  // what the inversion hands its powers
    for (std::int64_t n = 0; n < PowerTable::kSize + 100; ++n) {
      EXPECT_TRUE(same_bits(table(q, n), Power{}(q, n))) << n;
    }
    EXPECT_TRUE(same_bits(table(0.9, 37), Power{}(0.9, 37)));  // another chance's q
  }
  const PowerTable none;  // a draw the scenario never makes: every q worked out
  EXPECT_TRUE(same_bits(none(0.975, 40), Power{}(0.975, 40)));
  // A binomial drawn through the table is the one drawn without it.
  SamplerCache cache;
  const PowerTable leave(0.025);
  for (std::uint64_t path = 0; path < 200; ++path) {
    const PathKey key{11, path, 0};
    MonthDraws with(key, 3, false, cache);
    MonthDraws without(key, 3, false, cache);
    const auto n = static_cast<std::int64_t>(path);
    EXPECT_EQ(with.binomial(MonthDraw::pool_leave_spent, n, 0.025, &leave),
              without.binomial(MonthDraw::pool_leave_spent, n, 0.025));
  }
}

// A uniform source that gives one value.
struct Fixed {
  double value;
  double next() { return value; }
};

TEST(SamplerCache, AKeptPoissonCdfGivesTheWalksCount) {
  std::mt19937_64 engine(7);
  std::uniform_real_distribution<double> means(0.001, kPoissonInversionMeanLimit);
  std::uniform_real_distribution<double> uniforms(0.0, 1.0);
  for (int i = 0; i < 300; ++i) {
    const double mean = i == 0 ? std::nextafter(kPoissonInversionMeanLimit, 0.0) : means(engine);
    const PoissonConstants c(mean);
    ASSERT_TRUE(c.inversion) << mean;
    PoissonCdf cdf;
    cdf.build(c);
    // Random uniforms, the extremes, and each cdf value itself and its neighbours (where the
    // walk's `target > cdf` and the search's `cdf < target` must agree exactly).
    std::vector<double> targets = {0x1.0p-53, 1e-300, kLargestUniform, 0.5};
    for (int j = 0; j < 200; ++j) targets.push_back(uniforms(engine));
    double p = c.exp_minus_mean, running = p;
    for (std::int64_t k = 0; k < 40; ++k) {
      targets.push_back(running);
      targets.push_back(std::nextafter(running, 0.0));
      targets.push_back(std::nextafter(running, 1.0));
      p *= mean / static_cast<double>(k + 1);
      running += p;
    }
    for (double t : targets) {
      if (!(t > 0.0 && t < 1.0)) continue;
      Fixed walk{t}, search{t};
      EXPECT_EQ(poisson(c, walk), poisson(c, search, &cdf)) << mean << " " << t;
    }
  }
}

TEST(SamplerCache, ThePoissonCdfIsKeptFromTheSecondTime) {
  SamplerCache cache;
  EXPECT_EQ(cache.poisson(12.0).cdf, nullptr);  // first time: the walk
  const SamplerCache::Poisson again = cache.poisson(12.0);
  ASSERT_NE(again.cdf, nullptr);
  Fixed u{0.5}, w{0.5};
  EXPECT_EQ(poisson(again.constants, u, again.cdf), poisson(PoissonConstants(12.0), w));
  EXPECT_EQ(cache.poisson(500.0).cdf, nullptr);  // PTRS keeps no cdf
  EXPECT_EQ(cache.poisson(500.0).cdf, nullptr);
}

// A path's own mean (PathPoisson): the walk's counts, from the cdf from the second draw on
// (means from 16), for a mean that stays and for one that changes.
TEST(SamplerCache, APathsKeptPoissonGivesTheWalksCounts) {
  PathPoisson kept;
  std::mt19937_64 engine(8);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (double mean : {23.75, 23.75, 0.4, 90.5}) {
    for (int draw = 0; draw < 40; ++draw) {
      const double target = uniform(engine);
      const PoissonConstants& constants = kept.constants(mean);
      const PoissonCdf* cdf = kept.cdf();
      if ((draw == 0 && mean != 23.75) || mean < 16.0) {
        EXPECT_EQ(cdf, nullptr);  // a new mean: the walk first; a small one: the walk always
      } else if (draw > 0) {
        ASSERT_NE(cdf, nullptr);
      }
      Fixed u{target}, w{target};
      EXPECT_EQ(poisson(constants, u, cdf), poisson(PoissonConstants(mean), w)) << mean << " " << target;
    }
  }
}

TEST(SamplerCache, MonthUniformsKeepEveryBlockInAnyOrder) {
  MonthUniforms month({3, 4}, 7);
  UniformStream shared({3, 4}, 7, 0);
  double expected[12];
  for (double& u : expected) u = shared.next();
  // The step's draw order goes back and forth between the blocks of draws 0-3, 4-7 and 8-11.
  for (unsigned d : {5u, 6u, 7u, 0u, 1u, 2u, 8u, 3u, 4u, 11u, 0u, 9u}) {
    EXPECT_TRUE(same_bits(month.first_uniform(d), expected[d])) << d;
  }
  // Later blocks (the renewal's and the routes' draws), and past the kept ones.
  for (unsigned d : {16u, 101u, 0u, 127u, MonthUniforms::kKeptDraws, 105u}) {
    UniformStream later({3, 4}, 7, 0);
    for (unsigned i = 0; i < d; ++i) later.next();
    EXPECT_TRUE(same_bits(month.first_uniform(d), later.next())) << d;
  }
}

}  // namespace
}  // namespace meantime
