"""sweep: a grid over any fields with common random numbers; one progress bar; clear errors."""

from __future__ import annotations

import numpy as np
import pytest

import meantime
from conftest import classic_scenario

PRICE = "business.price_per_session"


def test_one_row_per_grid_point_the_first_field_slowest():
    table = meantime.sweep(None, {PRICE: [10, 12], "run.months": [12, 24, 36]}, paths=200, seed=1, progress=False)
    assert table[[PRICE, "run.months"]].values.tolist() == [[10, 12], [10, 24], [10, 36], [12, 12], [12, 24], [12, 36]]
    for name in meantime.HEADLINES:
        assert f"{name}_se" in table.columns
    assert table.attrs["paths"] == 200 and table.attrs["seed"] == 1


def test_every_point_is_the_run_of_its_scenario_with_the_sweeps_seed():
    s = classic_scenario()
    table = meantime.sweep(s, {PRICE: [10, 12]}, paths=500, seed=7, progress=False)
    for row in table.itertuples():
        result = meantime.simulate(s.replace(business__price_per_session=row[1]), paths=500, seed=7, progress=False)
        assert row.survival == result.survival()
        assert row.survival_se == result.standard_error(result.survival())
        assert row.founder_income == pytest.approx(result.outcomes["drawings"].mean() / 36)


def test_values_may_be_distributions_and_list_records():
    s = classic_scenario().replace({"funding.grants": [{"amount": 500, "month": 1}]})
    table = meantime.sweep(
        s,
        {"market.fit_share": [0.2, meantime.research_share(40, 20)], "funding.grants[0].amount": [0, 2000]},
        paths=200,
        progress=False,
    )
    assert table["market.fit_share"].tolist()[0] == 0.2
    assert table["market.fit_share"].tolist()[2] == meantime.research_share(40, 20)
    assert table.loc[1, "survival"] >= table.loc[0, "survival"]  # a grant never hurts (same paths)


def test_common_random_numbers_make_close_prices_comparable():
    """The difference between £11 and £11.20 wobbles far less from seed to seed when both
    prices share their random numbers than when each has its own."""
    s = classic_scenario()
    common, independent = [], []
    for seed in range(100, 116):
        for crn, kept in ((True, common), (False, independent)):
            table = meantime.sweep(
                s, {PRICE: [11, 11.2]}, paths=1000, seed=seed, common_random_numbers=crn, progress=False
            )
            kept.append(table.loc[1, "survival"] - table.loc[0, "survival"])
    # Measured here: sd 0.004 with common random numbers, 0.021 without (16 seeds each; an sd
    # from 16 values is within about +-35% of the truth, so the factor 2.5 is safe).
    assert np.std(common, ddof=1) < 0.4 * np.std(independent, ddof=1)


def test_paired_per_path_differences_have_a_much_smaller_standard_error():
    s = classic_scenario()
    n = 2000
    low, high, other = (
        meantime.simulate(s.replace(business__price_per_session=p), paths=n, seed=seed, progress=False).outcomes
        for p, seed in ((11, 5), (11.2, 5), (11.2, 6))
    )
    for column in ("drawings", "clients_served"):
        paired = np.std(high[column] - low[column], ddof=1) / np.sqrt(n)
        unpaired = np.sqrt(np.var(other[column], ddof=1) / n + np.var(low[column], ddof=1) / n)
        assert paired < 0.4 * unpaired, column


def test_one_progress_bar_over_the_whole_sweep(capsys):
    calls = []
    meantime.sweep(None, {PRICE: [10, 11, 12]}, paths=300, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (900, 900)
    assert all(total == 900 for _, total in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    meantime.sweep(None, {PRICE: [10, 11]}, paths=300, progress=True)
    assert "600/600" in capsys.readouterr().err


def test_returning_false_cancels_the_sweep():
    with pytest.raises(meantime.RunCancelled):
        meantime.sweep(None, {PRICE: [10, 11]}, paths=300, progress=lambda done, total: False)


def test_bad_grids_are_argument_errors_naming_the_grid():
    with pytest.raises(meantime.ArgumentError, match="grid: is empty"):
        meantime.sweep(None, {}, paths=100)
    with pytest.raises(meantime.ArgumentError, match=r"grid\['business.price_per_session'\]: is empty"):
        meantime.sweep(None, {PRICE: []}, paths=100)
    with pytest.raises(
        meantime.ArgumentError,
        match=r"grid\['business.prise_per_session'\]: unknown field; "
        r"did you mean 'business.price_per_session'\?",
    ) as error:
        meantime.sweep(None, {"business.prise_per_session": [10]}, paths=100)
    assert error.value.argument == "grid['business.prise_per_session']"
    with pytest.raises(meantime.ArgumentError, match="did you mean 'business.price_per_session'"):
        meantime.sweep(None, {"price_per_session": [10]}, paths=100)  # the group left out
    with pytest.raises(meantime.ArgumentError, match=r"grid\['business'\]: a group"):
        meantime.sweep(None, {"business": [{"price_per_session": 3}]}, paths=100)
    with pytest.raises(
        meantime.ArgumentError,
        match=r"grid\['funding.grants\[0\].amount'\]: funding.grants\[0\]: "
        "the list has 0 records",
    ):
        meantime.sweep(None, {"funding.grants[0].amount": [10]}, paths=100)
    with pytest.raises(
        meantime.ArgumentError,
        match=r"grid\['business.price_per_session'\]: must be > 0 and "
        r"<= 100000, got -12",
    ):
        meantime.sweep(None, {PRICE: [10, -12]}, paths=100)
    with pytest.raises(meantime.ArgumentError, match="must be a list of values"):
        meantime.sweep(None, {PRICE: 10}, paths=100)
    with pytest.raises(meantime.ArgumentError, match="must be a dict"):
        meantime.sweep(None, [PRICE], paths=100)
    with pytest.raises(meantime.RunSettingsError, match="seed"):
        meantime.sweep(None, {PRICE: [10]}, paths=100, seed=-1)
    # Caught as the general classes too.
    with pytest.raises(ValueError):
        meantime.sweep(None, {}, paths=100)
    with pytest.raises(meantime.ScenarioError):
        meantime.sweep(None, {}, paths=100)
