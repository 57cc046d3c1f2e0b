"""required_capital: one run's lowest cash agrees with a bisection on savings (common random
numbers); the answer is exact on the simulated paths; where rules depend on savings, a secant
search on savings gives the bisection's answer (to its tolerance) in far fewer runs, and it is the
figure a run's Result, str(result) and summary() give for the same seed and paths."""

from __future__ import annotations

import math

import numpy as np
import pytest

import meantime
from conftest import classic_scenario
from meantime.running.capital import ranks, savings_dependent_rule

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
    assert ranks(100, 0.5, 0.95) == (40, 50, 61)
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


def test_benefits_make_it_search_and_the_answer_holds():
    s = classic_scenario().replace(
        benefits__enabled=True, benefits__capital_lower_limit=4000, benefits__capital_upper_limit=6000
    )
    table = meantime.required_capital(s, survival=0.9, paths=1000, seed=3, progress=False, tolerance=5)
    row = table.loc[0.9]
    assert row.method == "search" and "benefits are enabled" in row.note
    answer = meantime.simulate(
        s.replace(household__savings=row.starting_savings), paths=1000, seed=3, progress=False
    ).survival()
    assert answer == row.survival_achieved >= 0.9
    assert row.extra_capital_low <= row.extra_capital <= row.extra_capital_high


# Scenarios where a rule makes survival depend on more than the lowest cash, and one where none
# does (the search is then not needed, and the bisection must still agree).
SEARCHED = {
    "default (benefits on)": (meantime.default_scenario(), (0.5, 0.9)),
    "benefits with low capital limits": (
        classic_scenario().replace(
            benefits__enabled=True, benefits__capital_lower_limit=2000, benefits__capital_upper_limit=5000
        ),
        (0.6, 0.9),
    ),
    "giving up after 18 months": (classic_scenario().replace(run__give_up_after_months=18), (0.7, 0.9)),
    "benefits, savings a distribution": (
        meantime.default_scenario().replace(household__savings=meantime.uniform(3000, 5000)),
        (0.9,),
    ),
    "no savings-dependent rule": (classic_scenario(), (0.9,)),
}
SMALL = 600


def survivors_with(scenario, shift, seed):
    from meantime.running.capital import shifted_savings

    result = meantime.simulate(shifted_savings(scenario, shift), paths=SMALL, seed=seed, progress=False)
    return int(round(result.survival() * SMALL))


@pytest.mark.parametrize("name", list(SEARCHED))
def test_the_search_gives_the_bisections_answer(name):
    scenario, targets = SEARCHED[name]
    common = dict(survival=list(targets), paths=SMALL, seed=7, progress=False, tolerance=1.0)
    search = meantime.required_capital(scenario, **common)
    bisection = meantime.required_capital(scenario, method="bisection", **common)
    assert set(search.method) == {"search" if savings_dependent_rule(scenario) else "lowest_cash"}
    columns = ["starting_savings", "starting_savings_low", "starting_savings_high"]
    # Each brackets the same smallest change in savings from above, to within its £1 tolerance.
    difference = (search[columns] - bisection[columns]).to_numpy()
    both_nan = np.isnan(search[columns].to_numpy()) & np.isnan(bisection[columns].to_numpy())
    assert np.all((np.abs(difference) < 1.0 + 1e-9) | both_nan), difference
    # Both reach each target (a path more may cross zero in the pound between them).
    reached = search.survival_achieved.to_numpy() >= np.array(targets) - 1e-12
    assert (reached | np.isnan(search.extra_capital.to_numpy())).all()
    # The search's runs are a small part of the bisection's.
    if savings_dependent_rule(scenario):
        assert search.attrs["runs"] <= bisection.attrs["runs"] / 2, (search.attrs["runs"], bisection.attrs["runs"])
        assert search.attrs["runs"] <= 4 * 3 * len(targets)  # about 3 a rank (estimate, ends)


def test_the_search_answer_is_the_least_whole_pound_that_reaches_each_rank():
    scenario, seed = meantime.default_scenario(), 7
    row = meantime.required_capital(scenario, survival=0.9, paths=SMALL, seed=seed, progress=False).loc[0.9]
    planned = scenario.household.savings.mean()
    low_rank, rank, high_rank = ranks(SMALL, 0.9, 0.95)
    for column, needed in (("", rank), ("_low", low_rank), ("_high", high_rank)):
        shift = row[f"starting_savings{column}"] - planned
        assert shift == round(shift) and shift > 0  # whole pounds, more than planned: the check has teeth
        assert survivors_with(scenario, shift, seed) >= needed > survivors_with(scenario, shift - 1, seed)


def test_a_result_gives_the_same_figure_in_every_form():
    """The Result's extra capital, its words and summary(), and required_capital: one figure."""
    scenario = meantime.default_scenario()
    result = meantime.simulate(scenario, paths=SMALL, seed=11, progress=False)
    row = meantime.required_capital(scenario, survival=0.9, paths=SMALL, seed=11, progress=False).loc[0.9]
    capital = result.extra_capital(0.9)
    assert (capital.extra, capital.low, capital.high) == (
        row.extra_capital,
        row.extra_capital_low,
        row.extra_capital_high,
    )
    assert capital.method == "search" and capital.achieved == row.survival_achieved
    assert result.extra_capital_needed(0.9) == capital.extra > 0
    assert result.extra_capital(0.9) is capital  # found once, kept
    summary = result.summary(without_benefits=False)
    assert summary.loc["extra_capital_for_90_percent", "estimate"] == capital.extra
    assert summary.loc["extra_capital_for_90_percent_low", "estimate"] == capital.low
    assert summary.loc["extra_capital_for_90_percent_high", "estimate"] == capital.high
    words = (
        f"About £{capital.extra:,.0f} more starting capital (95% interval £{capital.low:,.0f} to £{capital.high:,.0f})"
    )
    assert words in str(result)
    # A run that kept no outcomes gives it too (its outcomes are read from one more run).
    quiet = meantime.simulate(scenario, paths=SMALL, seed=11, progress=False, keep_outcomes=False)
    assert quiet.extra_capital(0.9) == capital


def test_without_a_rule_a_result_reads_the_exact_order_statistic():
    result = meantime.simulate(classic_scenario(), paths=SMALL, seed=11, progress=False)
    capital = result.extra_capital(0.9)
    needs = np.sort(-result.outcomes["lowest_cash"].to_numpy())
    assert capital.method == "lowest_cash" and capital.runs == 0
    assert capital.extra == needs[math.ceil(0.9 * SMALL) - 1] > 0


def test_a_chance_outside_0_1_is_an_argument_error():
    result = meantime.simulate(classic_scenario(), paths=100, seed=1, progress=False)
    for chance in (0, 1, 1.5, float("nan")):
        with pytest.raises(meantime.ArgumentError, match="chance"):
            result.extra_capital(chance)


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
            s.replace(household__savings=meantime.lognormal(4000, 0.3)), method="search", paths=100
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
