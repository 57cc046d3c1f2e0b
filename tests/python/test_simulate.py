"""Runs from Python: the C++ engine's pinned answers, reproducibility, the tables and words."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import meantime
from conftest import classic_scenario, pinned_first_paths


def test_first_paths_equal_the_cpp_golden_values(golden_result):
    outcomes = golden_result.outcomes
    for path, (failure_month, living_month, lowest_cash, clients_served) in enumerate(pinned_first_paths()):
        row = outcomes.loc[path]
        assert row["failure_month"] == failure_month
        assert row["living_break_even_month"] == living_month
        assert row["lowest_cash"] == lowest_cash  # bit-identical, not approximately
        assert row["clients_served"] == clients_served
    # The values written out, in case the table above were ever misread (they moved with the
    # Poisson inversion, with Universal Credit on by default, and with the renewing market and the
    # founder's LCW assessment: see CHANGELOG).
    assert outcomes.loc[0, ["failure_month", "living_break_even_month", "lowest_cash", "clients_served"]].tolist() == [
        -1,
        -1,
        1399.2000000000003,
        50,
    ]
    assert outcomes.loc[3, ["failure_month", "lowest_cash"]].tolist() == [33, -7.7276785714284415]


def test_one_and_two_threads_give_bit_identical_results():
    scenario = meantime.default_scenario().replace(run__months=24)
    one = meantime.simulate(scenario, paths=3000, seed=7, threads=1, keep_paths=True, progress=False)
    two = meantime.simulate(scenario, paths=3000, seed=7, threads=2, keep_paths=True, progress=False)
    assert one.statistics == two.statistics  # the engine's exact comparison
    pd.testing.assert_frame_equal(one.outcomes, two.outcomes, check_exact=True)
    pd.testing.assert_frame_equal(one.monthly, two.monthly, check_exact=True)
    pd.testing.assert_frame_equal(one.summary(), two.summary(), check_exact=True)
    for series in meantime.SERIES:
        assert np.array_equal(one.paths[series], two.paths[series])


def test_chunks_merge_to_the_single_run(golden_result):
    first = meantime.simulate(paths=600, seed=2026, progress=False)
    rest = meantime.simulate(paths=400, seed=2026, first_path=600, progress=False)
    merged = first.merge(rest)
    assert merged.statistics == golden_result.statistics
    pd.testing.assert_frame_equal(merged.outcomes, golden_result.outcomes, check_exact=True)
    assert rest.outcomes.index[0] == 600


def test_monthly_table_has_every_series_and_agrees_with_the_statistics(golden_result):
    monthly = golden_result.monthly
    assert list(monthly.index) == list(range(1, 37)) and monthly.index.name == "month"
    for series in meantime.SERIES:
        for suffix in ("mean", "q05", "q10", "q25", "q50", "q75", "q90", "q95"):
            assert f"{series}_{suffix}" in monthly.columns
    s = golden_result.statistics
    assert monthly.loc[12, "business_cash_q90"] == s.quantile("business_cash", 12, 0.9)
    assert monthly.loc[36, "survival"] == golden_result.survival()
    assert monthly["survival"].is_monotonic_decreasing
    assert monthly["operating_break_even"].is_monotonic_increasing


def test_statistics_agree_with_the_per_path_data():
    result = meantime.simulate(paths=2000, seed=3, keep_paths=True, progress=False)
    outcomes, paths, monthly = result.outcomes, result.paths, result.monthly
    for month in (1, 12, 36):
        still_going = (outcomes["failure_month"] == meantime._core.NEVER) | (outcomes["failure_month"] > month)
        # A share of 2,000 paths: the same count (the engine divides in another order).
        assert round(monthly.loc[month, "survival"] * 2000) == still_going.sum()
        clients = paths["clients"][:, month - 1]
        # Whole numbers below 128 are exact in the engine's histograms; sums are exact too.
        assert monthly.loc[month, "clients_q50"] == np.quantile(clients, 0.5, method="inverted_cdf")
        assert monthly.loc[month, "clients_mean"] == pytest.approx(clients.mean(), rel=1e-12)
    living = outcomes["living_break_even_month"]
    assert result.living_break_even_by() == ((living >= 1) & (living <= 36)).mean()


def test_summary_gives_each_probability_with_its_standard_error(golden_result):
    table = golden_result.summary()
    assert list(table.columns) == ["estimate", "std_error", "plus_minus", "unit", "meaning"]
    for answer in ("survival", "operating_break_even", "living_break_even", "payback"):
        p, se = table.loc[answer, ["estimate", "std_error"]]
        assert table.loc[answer, "unit"] == "probability"
        assert se == pytest.approx(math.sqrt(p * (1 - p) / 1000))
        # The ± the words show: the half-width of a 95% interval, 1.959964 standard errors.
        assert table.loc[answer, "plus_minus"] == pytest.approx(1.959964 * se, rel=1e-6)
    outcomes = golden_result.outcomes
    assert table.loc["survival", "estimate"] == (outcomes["failure_month"] == -1).mean()
    assert table.loc["mean_clients_served", "estimate"] == pytest.approx(outcomes["clients_served"].mean())
    assert table.loc["mean_clients_served", "std_error"] == pytest.approx(
        outcomes["clients_served"].std() / math.sqrt(1000), rel=1e-3
    )
    # The lowest-cash quantiles come from histograms: the lower quantile, within 0.8% (the median of
    # pandas averages the two middle values instead).
    lower_median = np.quantile(outcomes["lowest_cash"], 0.5, method="inverted_cdf")
    assert table.loc["lowest_cash_q50", "estimate"] == pytest.approx(lower_median, rel=0.008)
    # The extra capital is the Result's one figure (required_capital's), with its interval; with
    # benefits on it is more than the lowest cash alone says (extra savings cut the award).
    capital = golden_result.extra_capital(0.9)
    estimate, low, high = (table.loc[f"extra_capital_for_90_percent{end}", "estimate"] for end in ("", "_low", "_high"))
    assert (estimate, low, high) == (capital.extra, capital.low, capital.high)
    assert low <= estimate <= high and estimate > -table.loc["lowest_cash_q10", "estimate"] * (1 - 0.008)
    median = table.loc["median_month_living_break_even", "estimate"]
    living = outcomes["living_break_even_month"].where(outcomes["living_break_even_month"] > 0, np.inf)
    expected = np.quantile(living, 0.5, method="inverted_cdf")
    # Not reached by half the paths within the horizon: the summary says NaN ("never").
    assert median == expected or (np.isnan(median) and np.isinf(expected))


def test_str_answers_in_words(golden_result):
    # A founder with limited capability for work: survival between 0 and 1.
    result = meantime.simulate(
        meantime.default_scenario().replace(household__limited_capability="lcw"), paths=1000, seed=2026, progress=False
    )
    text = str(result)
    first_line = text.splitlines()[0]
    assert first_line.endswith(")."), first_line
    assert "futures survive 36 months" in first_line
    k = round(10 * result.survival())
    assert 1 <= k <= 9
    assert first_line.startswith(f"{k} in 10 futures survive 36 months")
    assert "starting capital" in text and "Answer:" in text
    assert "1,000 paths x 36 months, seed 2026" in repr(golden_result)


def test_statistics_only_runs_keep_no_per_path_data():
    result = meantime.simulate(classic_scenario(), paths=500, keep_outcomes=False, progress=False)
    with pytest.raises(meantime.NotKeptError, match="keep_outcomes=True"):
        result.outcomes
    with pytest.raises(meantime.NotKeptError, match="keep_outcomes=True"):
        result.outcome_arrays
    with pytest.raises(meantime.NotKeptError, match="keep_paths=True"):
        result.paths
    assert 0 < result.survival() <= 1
    assert "survival" in result.summary().index


def test_a_scenario_may_be_given_as_a_dict():
    result = meantime.simulate(
        {"based_on": "kitchen-table", "business": {"price_per_session": 13}}, paths=300, seed=1, progress=False
    )
    assert result.scenario.business.price_per_session == 13.0


def test_a_higher_price_loses_more_prospects_to_price():
    # Same seed, so the two runs share their random numbers (common random numbers).
    low = meantime.simulate(classic_scenario(), paths=500, seed=5, progress=False)
    high = meantime.simulate(
        classic_scenario().replace(business__price_per_session=14), paths=500, seed=5, progress=False
    )
    assert high.summary().loc["mean_lost_to_price", "estimate"] > low.summary().loc["mean_lost_to_price", "estimate"]


def test_summary_has_the_mean_of_every_total(golden_result):
    # The golden scenario sells no groups: its summary leaves out the group totals,
    # which tests/python/test_groups.py checks with groups on.
    table, outcomes = golden_result.summary(), golden_result.outcomes
    assert not any(answer.startswith("mean_group") for answer in table.index)
    for total in (t for t in meantime._core.total_names if not t.startswith("group")):
        estimate = table.loc[f"mean_{total}", "estimate"]
        assert estimate == golden_result.statistics.total(total).mean
        if total in outcomes:  # the same total, path by path
            assert estimate == pytest.approx(outcomes[total].mean(), rel=1e-9)


def test_summary_and_words_without_the_capital_do_not_search_for_it():
    result = meantime.simulate(paths=500, seed=3, progress=False)  # benefits on: a search would run
    table = result.summary(without_benefits=False, capital=False)
    assert not any(name.startswith("extra_capital") for name in table.index)
    words = result.words(without_benefits=False, capital=False)
    assert not any("starting capital" in line for line in words)
    assert result._capital == {}  # nothing was searched for
    full = result.words(without_benefits=False)
    assert [line for line in full if line not in words] == [meantime.running.result.capital_words(result)]
