"""sensitivity: a scenario whose answer depends on one field only finds that field dominant,
one at a time (tornado) and all together (Sobol, with SALib)."""

from __future__ import annotations

import pytest

import meantime
from conftest import before_renewal, classic_scenario

# Survival depends on savings; with no illness a peer's fee is never paid, and with no waiting
# list no one is ever hired, so the other two fields change nothing at all.
RANGES = {
    "health.peer_cover_cost_per_session": (0, 50),
    "household.savings": (1_000, 9_000),
    "staff.hire_hours_per_week": (0, 20),
}
IDLE = ["health.peer_cover_cost_per_session", "staff.hire_hours_per_week"]


def test_the_tornado_finds_the_one_field_that_matters():
    table = meantime.sensitivity(classic_scenario(), RANGES, metric="survival", paths=1000, seed=1, progress=False)
    assert table.index[0] == "household.savings"
    savings = table.loc["household.savings"]
    assert savings.swing > 10 * savings.swing_se  # more savings, more survivors: far beyond the noise
    assert savings.at_low < savings.base < savings.at_high
    # Common random numbers: the idle fields move nothing, exactly.
    for field in IDLE:
        assert table.loc[field, "swing"] == 0 and table.loc[field, "swing_se"] == 0
        assert table.loc[field, "at_low"] == table.loc[field, "base"]
    assert table.attrs["runs"] == 2 * len(RANGES) + 1


def test_sobol_indices_find_the_one_field_that_matters():
    with pytest.warns(meantime.FewSamplesWarning):  # 32 samples rank the fields, with wide intervals
        table = meantime.sensitivity(
            classic_scenario(), RANGES, metric="survival", method="sobol", samples=32, paths=500, seed=2, progress=False
        )
    assert table.attrs["few_samples"] is True
    assert list(table.columns) == ["low", "high", "S1", "S1_conf", "ST", "ST_conf"]
    assert table.index[0] == "household.savings"
    # Savings explain (nearly) all of the variance; the idle fields exactly none, as every pair of
    # runs that differ only in them gives the same answer.
    assert table.loc["household.savings", "ST"] > 0.7
    assert table.loc["household.savings", "S1"] > 0.7
    for field in IDLE:
        assert table.loc[field, "S1"] == 0 and table.loc[field, "ST"] == 0
    assert table.attrs["runs"] == 32 * (len(RANGES) + 2)


def test_a_function_of_the_result_can_be_the_metric():
    def median_lowest_cash(result):
        return result.outcomes["lowest_cash"].median()

    table = meantime.sensitivity(
        before_renewal(meantime.default_scenario()),
        {"household.savings": (2000, 3000), "business.startup_costs": (0, 500)},
        metric=median_lowest_cash,
        paths=300,
        progress=False,
    )
    # Lowest cash moves one for one with savings (£1,000) and against start-up costs (at most £500).
    assert table.loc["household.savings", "swing"] == pytest.approx(1000)
    assert -500 <= table.loc["business.startup_costs", "swing"] < 0
    assert table.attrs["metric"] == "median_lowest_cash"


def test_integer_fields_are_rounded():
    table = meantime.sensitivity(None, {"run.months": (11.6, 24.2)}, metric="survival", paths=200, progress=False)
    assert (table.loc["run.months", "low"], table.loc["run.months", "high"]) == (12, 24)


@pytest.mark.parametrize(
    "ranges, message",
    [
        ({}, r"ranges: is empty"),
        ({"household.savings": (8000, 2000)}, r"ranges\['household.savings'\]: low 8000 is above high 2000"),
        ({"household.saving": (1, 2)}, r"did you mean 'household.savings'"),
        ({"clients.waiting_list": (0, 1)}, r"is a boolean field; a range needs a number field"),
        ({"household.savings": (1, 2, 3)}, r"must be a pair \(low, high\)"),
        ({"business.price_per_session": (-5, 10)}, r"ranges\['business.price_per_session'\]: must be > 0"),
        ([("household.savings", (1, 2))], r"ranges: must be a dict"),
    ],
)
def test_bad_ranges_are_argument_errors(ranges, message):
    with pytest.raises(meantime.ArgumentError, match=message):
        meantime.sensitivity(None, ranges, paths=100)


def test_other_bad_arguments():
    ranges = {"household.savings": (1000, 2000)}
    with pytest.raises(meantime.ArgumentError, match="metric: unknown answer 'survivl'; did you mean 'survival'"):
        meantime.sensitivity(None, ranges, metric="survivl", paths=100)
    with pytest.raises(meantime.ArgumentError, match="method: must be 'tornado' or 'sobol'"):
        meantime.sensitivity(None, ranges, method="morris", paths=100)
    with pytest.raises(meantime.ArgumentError, match="samples: must be a power of two"):
        meantime.sensitivity(None, ranges, method="sobol", samples=48, paths=100)
    with pytest.raises(meantime.ArgumentError, match="Sobol indices need low < high"):
        meantime.sensitivity(None, {"household.savings": (1000, 1000)}, method="sobol", paths=100)
