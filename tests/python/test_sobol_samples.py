"""Sobol indices say when their samples are too few for their own confidence intervals: a
FewSamplesWarning, a flag on the table, and the samples that would do; by default the samples
double until the intervals are narrow enough, keeping the runs already made."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import meantime
from conftest import classic_scenario
from meantime.analyses.sensitivities import SOBOL_WIDEST_INTERVAL, sobol_samples_needed

# Savings and start-up costs move the lowest cash one for one (start-up costs are paid in month
# 1, before anything else), so the median lowest cash is savings - start-up costs + a constant:
# additive, with uniform inputs of widths 8,000 and 4,000. Its variance is 8000^2/12 + 4000^2/12,
# so the first-order and total indices are exactly 64/80 = 0.8 and 16/80 = 0.2.
RANGES = {"household.savings": (1_000, 9_000), "business.startup_costs": (0, 4_000)}
EXACT = {"household.savings": 0.8, "business.startup_costs": 0.2}
SCENARIO = classic_scenario().replace({"run.months": 12})


def median_lowest_cash(result: meantime.Result) -> float:
    return float(np.median(result.outcome_arrays["lowest_cash"]))


def indices(samples: int) -> pd.DataFrame:
    return meantime.sensitivity(
        SCENARIO, RANGES, metric=median_lowest_cash, method="sobol", samples=samples, paths=50, seed=3, progress=False
    )


def test_a_tiny_sample_warns_and_suggests_enough_and_enough_does_not_warn():
    with pytest.warns(meantime.FewSamplesWarning, match=r"8 Sobol samples are too few") as caught:
        small = indices(8)
    widest = small[["S1_conf", "ST_conf"]].to_numpy().max()
    assert widest > SOBOL_WIDEST_INTERVAL
    # The rule, by hand: 1.5 x 8 x (widest / 0.1)^2, up to a power of two.
    needed = 2 ** math.ceil(math.log2(1.5 * 8 * (widest / 0.1) ** 2))
    assert small.attrs["few_samples"] is True and small.attrs["samples"] == 8
    assert small.attrs["samples_needed"] == needed and f"samples={needed}" in str(caught[0].message)

    # The suggestion holds: at that size the intervals are within the limit, nothing is said,
    # and the indices are the closed form's within their intervals.
    with warnings.catch_warnings():
        warnings.simplefilter("error", meantime.FewSamplesWarning)
        enough = indices(needed)
    assert enough.attrs["few_samples"] is False and enough.attrs["samples_needed"] is None
    assert enough[["S1_conf", "ST_conf"]].to_numpy().max() <= SOBOL_WIDEST_INTERVAL
    for field, exact in EXACT.items():
        row = enough.loc[field]
        assert abs(row.S1 - exact) <= row.S1_conf and abs(row.ST - exact) <= row.ST_conf


def table(s1: float, s1_conf: float, st: float, st_conf: float) -> pd.DataFrame:
    return pd.DataFrame({"S1": [s1], "S1_conf": [s1_conf], "ST": [st], "ST_conf": [st_conf]}, index=["x"])


def test_the_rule_on_hand_made_indices():
    # Narrow and consistent: enough.
    assert sobol_samples_needed(table(0.5, 0.05, 0.55, 0.04), 256) is None
    # A first-order index above its total by more than both intervals (0.3 > hypot(0.05, 0.05)
    # = 0.07), though each is narrow: the intervals are not to be trusted; 4 x 256.
    assert sobol_samples_needed(table(0.9, 0.05, 0.6, 0.05), 256) == 1024
    # Above, but within the intervals: no contradiction.
    assert sobol_samples_needed(table(0.62, 0.05, 0.6, 0.05), 256) is None
    # Too wide: 1.5 x 64 x (0.3 / 0.1)^2 = 864, up to 1024.
    assert sobol_samples_needed(table(0.5, 0.3, 0.5, 0.2), 64) == 1024
    # A metric that never moved has NaN indices: nothing to suggest.
    assert sobol_samples_needed(table(math.nan, math.nan, math.nan, math.nan), 64) is None


def test_the_tornado_carries_no_flag():
    tornado = meantime.sensitivity(SCENARIO, RANGES, metric=median_lowest_cash, paths=50, progress=False)
    assert "few_samples" not in tornado.attrs


def test_by_default_the_samples_double_until_the_intervals_are_narrow_enough(monkeypatch):
    # A looser limit than ± 0.1 keeps the test quick (the rule reads it when it runs); the way
    # there is the same.
    limit = 0.2
    monkeypatch.setattr(meantime.analyses.sensitivities, "SOBOL_WIDEST_INTERVAL", limit)
    with warnings.catch_warnings():
        warnings.simplefilter("error", meantime.FewSamplesWarning)  # the default reaches them: no warning
        auto = meantime.sensitivity(
            SCENARIO, RANGES, metric=median_lowest_cash, method="sobol", paths=50, seed=3, progress=False
        )
    tried = auto.attrs["samples_tried"]
    assert tried[0] == 64 and all(b == 2 * a for a, b in zip(tried, tried[1:])) and len(tried) > 1
    assert auto.attrs["samples"] == tried[-1] and auto.attrs["few_samples"] is False
    # Each size but the last was too few by the rule; the last is not.
    assert sobol_samples_needed(indices(tried[-2]), tried[-2]) is not None
    # The closed form's indices, within their intervals, which are within the limit.
    assert auto[["S1_conf", "ST_conf"]].to_numpy().max() <= limit
    for field, exact in EXACT.items():
        row = auto.loc[field]
        assert abs(row.S1 - exact) <= row.S1_conf and abs(row.ST - exact) <= row.ST_conf
    # The runs already made are kept: the answer is the fixed size's bit for bit, from as many
    # runs as that size alone takes (N x (fields + 2)).
    fixed = indices(tried[-1])
    columns = ["S1", "S1_conf", "ST", "ST_conf"]
    assert auto[columns].equals(fixed[columns])
    assert auto.attrs["runs"] == fixed.attrs["runs"] == tried[-1] * (len(RANGES) + 2)


def test_the_default_stops_at_max_samples_and_says_so():
    with pytest.warns(meantime.FewSamplesWarning, match=r"16 Sobol samples \(the most .*max_samples=16\)"):
        capped = meantime.sensitivity(
            SCENARIO,
            RANGES,
            metric=median_lowest_cash,
            method="sobol",
            paths=50,
            seed=3,
            progress=False,
            max_samples=16,
        )
    assert capped.attrs["samples_tried"] == [16] and capped.attrs["few_samples"] is True
    with pytest.raises(meantime.ArgumentError, match="max_samples: must be a power of two"):
        meantime.sensitivity(SCENARIO, RANGES, method="sobol", paths=50, max_samples=100)
