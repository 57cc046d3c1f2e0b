// keep_paths with path_series keeps the per-path arrays of those series only, each the same bit
// for bit as when every series is kept; the others have no rows.
#include <gtest/gtest.h>

#include "meantime/meantime.hpp"
#include "scenarios.hpp"

namespace meantime {
namespace {

TEST(PathSeries, KeepsTheNamedSeriesOnlyTheSame) {
  RunOptions o;
  o.paths = 600;
  o.seed = 4;
  o.keep_paths = true;
  const RunResult all = simulate(default_scenario(), o);
  o.path_series = series_bit(Series::clients) | series_bit(Series::household_cash);
  for (bool follow : {true, false}) {
    o.follow_failed = follow;
    const RunResult some = simulate(default_scenario(), o);
    for (int s = 0; s < kSeriesCount; ++s) {
      const auto series = static_cast<Series>(s);
      const bool kept = series == Series::clients || series == Series::household_cash;
      EXPECT_EQ(some.path_arrays->keeps(series), kept);
      if (kept) {
        EXPECT_TRUE((some.path_arrays->series[s] == all.path_arrays->series[s]).all());
      } else {
        EXPECT_EQ(some.path_arrays->series[s].rows(), 0);
      }
    }
  }
  RunOptions fewer = o;
  fewer.path_series = series_bit(Series::clients);
  EXPECT_LT(per_path_bytes(default_scenario(), fewer), per_path_bytes(default_scenario(), o));
}

TEST(PathSeries, ChunksMergeWhenTheyKeepTheSameSeries) {
  RunOptions o;
  o.paths = 300;
  o.keep_paths = true;
  o.path_series = series_bit(Series::clients);
  RunResult first = simulate(default_scenario(), o);
  o.first_path = 300;
  first.merge(simulate(default_scenario(), o));
  EXPECT_EQ(first.path_arrays->series[static_cast<int>(Series::clients)].rows(), 600);
  EXPECT_EQ(first.path_arrays->series[static_cast<int>(Series::revenue)].rows(), 0);
  o.first_path = 600;
  o.path_series = series_bit(Series::revenue);
  EXPECT_THROW(first.merge(simulate(default_scenario(), o)), MergeError);
}

TEST(PathSeries, NoSeriesIsAnError) {
  RunOptions o;
  o.paths = 10;
  o.keep_paths = true;
  o.path_series = 0;
  EXPECT_THROW(simulate(default_scenario(), o), RunSettingsError);
}

}  // namespace
}  // namespace meantime
