"""meantime.portfolio: splitting a pot of start-up grants among a town's candidates."""

from __future__ import annotations

import itertools
import math
import pathlib

import numpy as np
import pytest

import meantime
from conftest import classic_scenario, new_parts_off
from meantime.analyses._grants import StartUp, with_grant
from meantime.analyses._runs import Runs
from meantime.analyses._town import Town
from meantime.analyses.capital import capital_from_lowest_cash

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples" / "scenarios"
PATHS = 1_000
SEED = 2026


def town() -> dict[str, meantime.Scenario]:
    # Without benefit rules, so that a grant shifts each path's cash (see shift_rule).
    s = classic_scenario()
    return {
        "kitchen table": s,
        "dearer": s.replace(business__price_per_session=13),
        "fewer savings": s.replace(household__savings=1500),
        "allotment": new_parts_off(meantime.Scenario.from_file(EXAMPLES / "allotment_project.toml")).replace(
            clients__review_month=0, clients__review_cut_probability=0.0, benefits__enabled=False
        ),
    }


@pytest.fixture(scope="module")
def optimised():
    return meantime.portfolio(town(), pot=6000, paths=PATHS, seed=SEED, progress=False)


# -- what a grant does --------------------------------------------------------------------------------


def test_a_grant_is_one_more_record_in_month_one():
    s = meantime.Scenario.from_file(EXAMPLES / "allotment_project.toml")
    granted = with_grant(s, 750)
    assert [(g.amount, g.month) for g in granted.funding.grants] == [(2000, 2), (750, 1)]
    assert with_grant(s, 0) is s


@pytest.mark.parametrize("name", ["kitchen_table", "allotment_project", "coding_courses"])
def test_the_shifted_evaluation_equals_a_rerun(name):
    # Grants in odd pence, so that no path's cash lands exactly on zero (a tie that rounding in
    # the engine's sums could break either way).
    # Without the benefit rule, whose capital limits would make a grant more than a shift.
    s = meantime.Scenario.from_file(EXAMPLES / f"{name}.toml").replace(benefits__enabled=False)
    runs = Runs(PATHS, SEED, None, False, expected_runs=10)
    shifted, rerun = StartUp(name, s, runs), StartUp(name, s, runs)
    rerun.method = "rerun"
    assert shifted.method == "shifted"
    for grant in (0, 123.45, 1234.57, 4567.89):
        a, stopped = shifted.outcome(grant), rerun.outcome(grant)
        # A re-run grant stops failed paths; its lowest cash followed is a run of its own.
        assert stopped.followed == (grant == 0)
        b = rerun.followed_outcome(grant)
        np.testing.assert_array_equal(stopped.failure_month, b.failure_month)
        np.testing.assert_array_equal(stopped.client_months, b.client_months)
        np.testing.assert_array_equal(a.failure_month, b.failure_month)
        np.testing.assert_array_equal(a.client_months, b.client_months)
        np.testing.assert_allclose(a.lowest_cash, b.lowest_cash, rtol=0, atol=1e-6)


def test_benefits_or_giving_up_mean_a_run_per_grant():
    peer = meantime.Scenario.from_file(EXAMPLES / "peer_support_group.toml")
    quits = meantime.default_scenario().replace(run__give_up_after_months=18)
    runs = Runs(100, 1, None, False, expected_runs=1)
    assert StartUp("peer", peer, runs).method == "rerun"
    assert StartUp("quits", quits, runs).method == "rerun"


def test_client_months_are_the_monthly_mean_clients_summed():
    s = meantime.default_scenario().replace(household__savings=1500)
    result = meantime.simulate(s, paths=PATHS, seed=SEED, progress=False)
    runs = Runs(PATHS, SEED, None, False, expected_runs=2)
    outcome = StartUp("s", s, runs).outcome(0)
    assert outcome.client_months.mean() == pytest.approx(result.monthly["clients_mean"].sum(), rel=1e-12)
    assert outcome.alive(36).mean() == pytest.approx(result.survival(36), abs=1e-12)
    assert outcome.alive(12).mean() == pytest.approx(result.survival(12), abs=1e-12)


def test_need_is_the_required_capital_where_a_grant_shifts_the_cash(optimised):
    for name, s in town().items():
        expected = meantime.required_capital(s, survival=0.9, paths=PATHS, seed=SEED, progress=False)
        assert optimised.allocation.loc[name, "need"] == pytest.approx(expected.loc[0.9, "extra_capital"], abs=1e-6)


# -- the rules -----------------------------------------------------------------------------------------


def _bisected_need(start_up: StartUp, target: float) -> float:
    """The need as Town found it before its search: a run at every step of a bisection."""
    horizon = start_up.months

    def reached(grant: float) -> bool:
        return float(start_up.outcome(grant).alive(horizon).mean()) >= target

    if reached(0.0):
        return 0.0
    guess = capital_from_lowest_cash(start_up.outcome(0.0).lowest_cash, target)[0]
    high, low = round(max(100.0, guess if math.isfinite(guess) else 0.0), 2), 0.0
    if reached(high):
        near = round(0.9 * high, 2)
        low, high = (0.0, near) if reached(near) else (near, high)
    while not reached(high):
        low, high = high, round(2 * high, 2)
    while high - low > 10.0:
        middle = round(0.5 * (low + high), 2)
        low, high = (low, middle) if reached(middle) else (middle, high)
    return high


@pytest.mark.parametrize("target", [0.75, 0.9])
def test_a_need_with_benefits_is_the_bisection_s_with_fewer_runs(target):
    # With benefits a grant is re-run: the search brackets the need with the savings' secant
    # search and lets those runs decide the bisection's steps (more money never loses a future
    # here), so the need is the bisection's to the penny, from fewer runs.
    scenarios = {
        "shopping": meantime.Scenario.from_file(EXAMPLES / "portfolio" / "candidates" / "shopping_companion.toml"),
        "kitchen table": meantime.default_scenario(),
    }
    runs = Runs(PATHS, SEED, None, False, expected_runs=10)
    searched = Town(scenarios, runs)
    for name, scenario in scenarios.items():
        bisected = StartUp(name, scenario, Runs(PATHS, SEED, None, False, expected_runs=10))
        assert searched.start_ups[name].method == "rerun"
        expected = _bisected_need(bisected, target)
        assert expected > 0, name
        assert searched.need(name, target) == expected, name
        assert searched.start_ups[name].evaluations < bisected.evaluations, name


def test_a_pot_of_zero_is_no_grants_path_by_path():
    scenarios = town()
    result = meantime.portfolio(
        scenarios, pot=0, rule=["optimise", "equal", "need"], paths=PATHS, seed=SEED, progress=False
    )
    assert (result.allocations == 0).all().all()
    for rule in result.rules:
        outcomes = result.path_outcomes(rule)
        for name, s in scenarios.items():
            plain = meantime.simulate(s, paths=PATHS, seed=SEED, keep_paths=True, progress=False)
            np.testing.assert_array_equal(outcomes[name].failure_month, plain.outcomes["failure_month"].to_numpy())
            np.testing.assert_array_equal(outcomes[name].lowest_cash, plain.outcomes["lowest_cash"].to_numpy())
            np.testing.assert_array_equal(outcomes[name].client_months, plain.paths["clients"].sum(axis=1))
    assert result.outcomes["extra_alive"].eq(0).all()


@pytest.mark.parametrize("objective", list(meantime.PORTFOLIO_OBJECTIVES))
def test_optimising_is_never_worse_than_a_simple_rule(objective):
    result = meantime.portfolio(town(), pot=6000, objective=objective, paths=PATHS, seed=SEED, progress=False)
    outcomes = result.outcomes["objective"]
    best = outcomes["optimise"]
    for rule in ("none", "equal", "need"):
        if math.isnan(outcomes[rule]):  # cost per survivor with nothing spent
            continue
        if objective == "cost_per_survivor":
            assert best <= outcomes[rule] + 1e-9, rule
        else:
            assert best >= outcomes[rule] - 1e-9, rule
    assert result.allocations["optimise"].sum() <= 6000 + 1e-6


def test_equal_and_need_split_as_documented(optimised):
    grants = optimised.allocations
    assert (grants["equal"] == 1500).all()
    needs = optimised.allocation["need"]
    # Smallest need first, each in full while the pot lasts; the first one it cannot cover gets
    # what is left; those already at the target get nothing.
    left = 6000.0
    for name in needs.sort_values(kind="stable").index:
        need = needs[name]
        expected = 0.0 if need <= 0 or left <= 0 else round(min(need, left), 2)
        assert grants.loc[name, "need"] == pytest.approx(expected, abs=0.005), name
        left -= expected


def test_the_outcome_table_adds_up(optimised):
    o = optimised.outcomes
    for rule in optimised.rules:
        table = optimised.allocation_table(rule)
        assert o.loc[rule, "spent"] == pytest.approx(table["grant"].sum())
        assert o.loc[rule, "alive_36"] == pytest.approx(table["survival_36"].sum())
        assert o.loc[rule, "client_months"] == pytest.approx(table["client_months"].sum())
        assert o.loc[rule, "extra_alive"] == pytest.approx(table["gain"].sum())
    # The standard error of the total is taken path by path (the start-ups share their draws).
    outcomes = optimised.path_outcomes("optimise")
    per_path = sum(o.alive(36).astype(float) for o in outcomes.values())
    assert o.loc["optimise", "alive_36_se"] == pytest.approx(per_path.std(ddof=1) / math.sqrt(PATHS))
    chosen = o.loc["optimise"]
    assert chosen.cost_per_survivor == pytest.approx(chosen.spent / chosen.alive_36)
    assert math.isnan(o.loc["none", "cost_per_survivor"])


def test_services_alive_never_fall_as_the_pot_grows(optimised):
    curve = optimised.curve([0, 1000, 2000, 3000, 4500, 6000, 9000])
    assert (np.diff(curve["alive_36"]) >= 0).all()
    assert curve.loc[0.0, "alive_36"] == optimised.outcomes.loc["none", "alive_36"]
    assert curve.loc[6000.0, "objective"] >= optimised.outcomes.loc["optimise", "objective"]
    assert (curve["spent"] <= curve.index + 1e-6).all()


def test_the_optimiser_finds_the_brute_force_allocation():
    s = classic_scenario()
    scenarios = {
        "a": s.replace(household__savings=2000),
        "b": s.replace(business__price_per_session=12.5),
        "c": s.replace(household__savings=3000, business__fixed_costs_per_month=200),
    }
    step, steps = 612.34, 4
    # Starting from no grants keeps every grant a whole number of steps.
    result = meantime.portfolio(
        scenarios, pot=step * steps, step=step, start="none", paths=PATHS, seed=SEED, progress=False
    )
    # Brute force, each grant simulated on its own: every way to give 4 steps to 3 start-ups.
    survival = {
        (name, k): meantime.simulate(
            with_grant(sc, round(k * step, 2)), paths=PATHS, seed=SEED, progress=False
        ).survival(36)
        for name, sc in scenarios.items()
        for k in range(steps + 1)
    }
    values = {
        ks: sum(survival[(name, k)] for name, k in zip(scenarios, ks))
        for ks in itertools.product(range(steps + 1), repeat=3)
        if sum(ks) == steps
    }
    best = max(values.values())
    winners = [ks for ks, v in values.items() if v == pytest.approx(best, abs=1e-12)]
    found = tuple(round(result.allocations.loc[name, "optimise"] / step) for name in scenarios)
    assert result.outcomes.loc["optimise", "alive_36"] == pytest.approx(best, abs=1e-12)
    assert found in winners
    assert len(winners) == 1, "the case should have one best allocation"


def test_the_same_seed_gives_the_same_portfolio(optimised):
    again = meantime.portfolio(town(), pot=6000, paths=PATHS, seed=SEED, progress=False)
    assert again.allocations.equals(optimised.allocations)
    assert again.outcomes.equals(optimised.outcomes)


def test_a_run_per_grant_gives_the_same_answer_here():
    # Grants in odd pence (no ties at zero): re-running every grant changes nothing.
    kwargs = dict(pot=3703.71, step=1234.57, paths=300, seed=SEED, progress=False)
    fast = meantime.portfolio(town(), **kwargs)
    slow = meantime.portfolio(town(), evaluation="rerun", **kwargs)
    assert fast.allocations.equals(slow.allocations)
    assert np.allclose(fast.outcomes.to_numpy(), slow.outcomes.to_numpy(), equal_nan=True)


def test_words_and_a_list_of_scenarios(optimised):
    text = str(optimised)
    assert "Rule 'optimise'" in text and "£6,000" in text and "same futures" in text
    listed = meantime.portfolio(list(town().values())[:2], pot=1000, rule="equal", paths=200, seed=1, progress=False)
    assert list(listed.allocations.index) == ["start-up 1", "start-up 2"]
    assert listed.rules == ("none", "equal")


# -- bad arguments --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, argument",
    [
        ({"pot": -1}, "pot"),
        ({"pot": "lots"}, "pot"),
        ({"pot": float("nan")}, "pot"),
        ({"step": 0}, "step"),
        ({"rule": "greedy"}, "rule"),
        ({"rule": []}, "rule"),
        ({"objective": "alive_48"}, "objective"),
        ({"target_survival": 1.5}, "target_survival"),
        ({"evaluation": "fast"}, "evaluation"),
        ({"start": "optimise"}, "start"),
        ({"scenarios": {}}, "scenarios"),
        ({"scenarios": "town.toml"}, "scenarios"),
        ({"scenarios": {"a": 12}}, "scenarios['a']"),
        (
            {"scenarios": {"a": meantime.default_scenario(), "b": meantime.default_scenario().replace(run__months=24)}},
            "scenarios",
        ),
    ],
)
def test_bad_arguments_name_the_argument(changes, argument):
    kwargs = dict(scenarios=town(), pot=1000, paths=100, seed=1, progress=False)
    kwargs.update(changes)
    with pytest.raises(meantime.ArgumentError) as raised:
        meantime.portfolio(**kwargs)
    assert raised.value.argument == argument
    assert str(raised.value).startswith(f"{argument}: ")


def test_an_objective_beyond_the_horizon_is_refused():
    short = {"a": meantime.default_scenario().replace(run__months=24)}
    with pytest.raises(meantime.ArgumentError, match="objective: 'alive_36' needs a horizon of at least 36"):
        meantime.portfolio(short, pot=100, paths=100, progress=False)
    assert meantime.portfolio(short, pot=100, objective="alive_24", paths=100, progress=False).horizon == 24


def test_bad_pots_for_the_curve(optimised):
    with pytest.raises(meantime.ArgumentError, match="pots: must be at least 0"):
        optimised.curve([-5])
    with pytest.raises(meantime.ArgumentError, match="rule: was not evaluated"):
        optimised.allocation_table("greedy")


# -- documentation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "module",
    [
        "meantime.analyses.portfolio",
        "meantime.analyses._allocation",
        "meantime.analyses._objectives",
        "meantime.analyses._grants",
        "meantime.plot.portfolio",
        "meantime.report.portfolio",
    ],
)
def test_docstring_examples_run(module):
    import doctest
    import importlib

    import matplotlib

    matplotlib.use("Agg")
    failures, _ = doctest.testmod(
        importlib.import_module(module), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert failures == 0


def test_the_readme_example_runs():
    readme = (EXAMPLES.parents[1] / "docs" / "funders.md").read_text()
    block = readme.split("# Funding a town: portfolios", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    code = block.replace("paths=10_000", "paths=200").replace('result.report("portfolio.html")', "")
    code = code.replace('"examples/scenarios/', f'"{EXAMPLES}/')
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["result"], meantime.Portfolio)


def test_on_a_dask_cluster_the_answer_is_the_local_one():
    distributed = pytest.importorskip("distributed")
    import logging

    scenarios = dict(list(town().items())[:2])
    scenarios["peer"] = meantime.Scenario.from_file(EXAMPLES / "peer_support_group.toml")  # grants re-run
    kwargs = dict(pot=2469.14, step=1234.57, paths=400, seed=SEED, progress=False)
    local = meantime.portfolio(scenarios, **kwargs)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = meantime.portfolio(scenarios, client=client, chunk_paths=150, **kwargs)
        assert remote.allocations.equals(local.allocations)
        assert remote.outcomes.equals(local.outcomes)
        assert remote.curve([0, 2469.14]).equals(local.curve([0, 2469.14]))
