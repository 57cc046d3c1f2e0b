"""compare: headline answers side by side with common random numbers, and paired differences."""

from __future__ import annotations

import math

import numpy as np
import pytest

import meantime
from conftest import classic_scenario


@pytest.fixture(scope="module")
def table():
    s = classic_scenario()
    return meantime.compare(
        {
            "part-time": s.replace(household__job_hours_per_week=7.5),
            "full-time": s,
            "dearer": s.replace(business__price_per_session=11.2),
        },
        paths=1000,
        seed=4,
        progress=False,
    )


def test_each_column_is_its_scenarios_run_with_the_one_seed(table):
    s = classic_scenario()
    result = meantime.simulate(s.replace(business__price_per_session=11.2), paths=1000, seed=4, progress=False)
    assert table.loc["survival", ("dearer", "estimate")] == result.survival()
    assert table.loc["survival", ("dearer", "std_error")] == result.standard_error(result.survival())
    assert list(table.index) == list(meantime.HEADLINES)
    assert table.loc["founder_income", ("unit", "")] == "pounds per month"


def test_differences_from_the_first_have_paired_standard_errors(table):
    base, dearer = table["full-time"], table["dearer"]
    difference = table["dearer - part-time"]
    assert difference.loc["survival", "estimate"] == pytest.approx(
        table.loc["survival", ("dearer", "estimate")] - table.loc["survival", ("part-time", "estimate")]
    )
    # 20p apart, on the same paths: the paired standard error of the difference is far below what
    # two independent runs would give.
    close = meantime.compare(
        {"£11": classic_scenario(), "£11.20": classic_scenario().replace(business__price_per_session=11.2)},
        paths=1000,
        seed=4,
        progress=False,
    )
    for answer in ("survival", "founder_income", "clients_served"):
        paired = close.loc[answer, ("£11.20 - £11", "std_error")]
        independent = math.hypot(close.loc[answer, ("£11", "std_error")], close.loc[answer, ("£11.20", "std_error")])
        assert paired < 0.5 * independent, answer
    assert np.isnan(difference.loc["extra_capital_90", "std_error"])
    assert base.loc["survival", "estimate"] > dearer.loc["survival", "estimate"]


def test_one_scenario_is_just_its_answers():
    table = meantime.compare({"alone": classic_scenario()}, paths=200, progress=False)
    assert list(table.columns) == [("unit", ""), ("alone", "estimate"), ("alone", "std_error")]


def test_bad_arguments():
    with pytest.raises(meantime.ArgumentError, match="scenarios: is empty"):
        meantime.compare({}, paths=100)
    with pytest.raises(meantime.ArgumentError, match="scenarios: must be a dict"):
        meantime.compare([classic_scenario()], paths=100)
    with pytest.raises(meantime.ArgumentError, match="names must be text"):
        meantime.compare({1: classic_scenario()}, paths=100)
    with pytest.raises(meantime.ScenarioError, match="business.price_per_session"):
        meantime.compare({"bad": {"business": {"price_per_session": -1}}}, paths=100)
    with pytest.raises(TypeError, match=r"scenarios\['x'\] must be"):
        meantime.compare({"x": 3}, paths=100)
