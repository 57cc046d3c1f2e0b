"""required_capital: one run's lowest cash agrees with a bisection on savings (common random
numbers); the answer is exact on the simulated paths; rules that depend on savings bisect."""

from __future__ import annotations

import math

import pytest

import meantime
from conftest import classic_scenario
from meantime.analyses.capital import _ranks

PATHS, SEED = 2000, 41


def survival_with(scenario, savings):
    return meantime.simulate(
        scenario.replace(household__savings=savings), paths=PATHS, seed=SEED, progress=False
    ).survival()


@pytest.fixture(scope="module")
def one_run():
    return meantime.required_capital(classic_scenario(), survival=[0.8, 0.9], paths=PATHS, seed=SEED, progress=False)


def test_one_run_and_bisection_agree(one_run):
    bisection = meantime.required_capital(
        classic_scenario(), survival=0.9, paths=PATHS, seed=SEED, method="bisection", tolerance=1.0, progress=False
    )
    assert one_run.loc[0.9, "method"] == "lowest_cash" and bisection.loc[0.9, "method"] == "bisection"
    assert one_run.loc[0.9, "extra_capital"] > 100  # the default needs more than it has: the check has teeth
    # The bisection brackets each order statistic to within its £1 tolerance, from above.
    for column in ("extra_capital", "extra_capital_low", "extra_capital_high"):
        assert 0 <= bisection.loc[0.9, column] - one_run.loc[0.9, column] <= 1.0
    assert bisection.loc[0.9, "survival_achieved"] == one_run.loc[0.9, "survival_achieved"]


def test_the_one_run_answer_is_exact_on_the_simulated_paths(one_run):
    savings = classic_scenario().household.savings.mean()
    for target in (0.8, 0.9):  # 0.8 needs a little less than the £4,000 planned, 0.9 more
        needed = one_run.loc[target, "starting_savings"]
        assert one_run.loc[target, "extra_capital"] == pytest.approx(max(0.0, needed - savings))
        # With those savings ceil(target x paths) paths get through (more only where several paths
        # tie at that lowest cash: the answer says how many), and a penny less falls short.
        achieved = one_run.loc[target, "survival_achieved"]
        assert target <= achieved < target + 0.01
        assert survival_with(classic_scenario(), needed) == pytest.approx(achieved)
        assert survival_with(classic_scenario(), needed - 0.01) < target
    assert one_run.loc[0.8, "starting_savings"] < savings < one_run.loc[0.9, "starting_savings"]


def test_the_interval_is_the_binomial_order_statistic_interval(one_run):
    # The classical 95% interval for a median of 100 values: the 40th to the 61st smallest.
    assert _ranks(100, 0.5, 0.95) == (40, 50, 61)
    row = one_run.loc[0.9]
    assert row.extra_capital_low <= row.extra_capital <= row.extra_capital_high
    achieved = row.survival_achieved
    assert row.survival_achieved_se == pytest.approx(math.sqrt(achieved * (1 - achieved) / PATHS))


def test_savings_that_already_suffice_show_how_much_would_do():
    rich = classic_scenario().replace(household__savings=20_000)
    row = meantime.required_capital(rich, survival=0.9, paths=PATHS, seed=SEED, progress=False).loc[0.9]
    assert row.extra_capital == 0
    # Lowest cash moves one for one with savings: the same savings as for the default are needed.
    default = meantime.required_capital(classic_scenario(), survival=0.9, paths=PATHS, seed=SEED, progress=False).loc[
        0.9
    ]
    assert row.starting_savings == pytest.approx(default.starting_savings)


def test_benefits_make_it_bisect_and_the_answer_holds():
    s = classic_scenario().replace(
        benefits__enabled=True, benefits__capital_lower_limit=4000, benefits__capital_upper_limit=6000
    )
    table = meantime.required_capital(s, survival=0.9, paths=1000, seed=3, progress=False, tolerance=5)
    row = table.loc[0.9]
    assert row.method == "bisection" and "benefits are enabled" in row.note
    answer = meantime.simulate(
        s.replace(household__savings=row.starting_savings), paths=1000, seed=3, progress=False
    ).survival()
    assert answer == row.survival_achieved >= 0.9
    assert row.extra_capital_low <= row.extra_capital <= row.extra_capital_high


def test_a_target_no_money_reaches_is_a_clear_answer():
    # Founders who give up after 4 months without living break-even fail whatever their savings.
    s = classic_scenario().replace(run__give_up_after_months=4)
    row = meantime.required_capital(s, survival=0.9, paths=500, seed=1, tolerance=100, progress=False).loc[0.9]
    assert math.isnan(row.extra_capital)
    assert "no starting savings reach 90%" in row.note and row.survival_achieved < 0.9


def test_a_savings_distribution_moves_as_a_whole():
    s = classic_scenario().replace(household__savings=meantime.uniform(3000, 5000))
    one = meantime.required_capital(s, survival=0.9, paths=1000, seed=2, progress=False).loc[0.9]
    bisection = meantime.required_capital(s, survival=0.9, paths=1000, seed=2, method="bisection", progress=False).loc[
        0.9
    ]
    assert 0 <= bisection.extra_capital - one.extra_capital <= 1.0


@pytest.mark.parametrize("survival", [0, 1, 1.5, -0.1, float("nan"), True, "0.9", []])
def test_a_survival_target_outside_0_1_is_an_argument_error(survival):
    with pytest.raises(meantime.ArgumentError, match="survival") as error:
        meantime.required_capital(classic_scenario(), survival=survival, paths=100)
    assert error.value.argument == "survival" and isinstance(error.value, ValueError)


def test_other_bad_arguments():
    s = classic_scenario()
    with pytest.raises(meantime.ArgumentError, match="confidence"):
        meantime.required_capital(s, confidence=1.0, paths=100)
    with pytest.raises(meantime.ArgumentError, match="method: must be"):
        meantime.required_capital(s, method="guess", paths=100)
    with pytest.raises(meantime.ArgumentError, match="tolerance"):
        meantime.required_capital(s, tolerance=0, paths=100)
    with pytest.raises(meantime.ArgumentError, match="'lowest_cash' would be wrong here: benefits"):
        meantime.required_capital(s.replace(benefits__enabled=True), method="lowest_cash", paths=100)
    with pytest.raises(meantime.ArgumentError, match="lognormal distribution"):
        meantime.required_capital(
            s.replace(household__savings=meantime.lognormal(4000, 0.3)), method="bisection", paths=100
        )
    with pytest.raises(meantime.RunSettingsError, match="paths"):
        meantime.required_capital(s, paths=0)


def test_the_bisection_shows_one_progress_to_the_end():
    calls = []
    meantime.required_capital(
        classic_scenario(),
        survival=0.9,
        paths=200,
        seed=1,
        method="bisection",
        tolerance=10,
        progress=lambda done, total: calls.append((done, total)),
    )
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(done) > 5  # one run after another, never back
    assert calls[-1][0] == calls[-1][1] and calls[-1][0] % 200 == 0  # ends at 100%, whole runs
