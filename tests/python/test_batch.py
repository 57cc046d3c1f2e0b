"""Every analysis runs its scenarios in batches through the engine (``_core.simulate_batch``);
its answers are bit for bit those of running the scenarios one by one through ``simulate``, as
before batches: every failed path followed to the horizon and every statistic kept, whatever the
analysis asks the batch to skip (``follow_failed``, ``monthly_statistics``)."""

import numpy as np
import pandas as pd
import pytest

import meantime
from meantime import _core
from meantime.analyses import _runs
from meantime.running.result import Result


def one_by_one(runs, scenarios, seeds, reduce, kept, follow_failed=True, monthly_statistics=True):
    """What Runs did before batches: each scenario through simulate, alone, failed paths followed
    and monthly statistics kept (what the analysis asked to skip is done all the same)."""
    for scenario, seed in zip(scenarios, seeds):
        result = meantime.simulate(
            scenario, paths=runs.paths, seed=seed, threads=runs.threads, keep_outcomes=True, progress=runs._report
        )
        if runs._cancelled:
            raise meantime.RunCancelled("the analysis was stopped by its progress function")
        runs.done += runs.paths
        runs.runs += 1
        kept.append(reduce(result))


def kept_one_by_one(runs, scenarios, reduce, follow_failed=True, monthly_statistics=True, path_series=None):
    """What the kept runs did before batches: each scenario's chunks through simulate, alone,
    failed paths followed and monthly statistics kept."""
    kept = []
    for scenario in scenarios:
        chunks = []
        for first in range(0, runs.paths, _runs.CHUNK_PATHS):
            count = min(_runs.CHUNK_PATHS, runs.paths - first)
            result = meantime.simulate(
                scenario,
                paths=count,
                seed=runs.seed,
                first_path=first,
                threads=runs.threads,
                keep_outcomes=True,
                keep_paths=True,
                progress=runs._report,
            )
            runs.done += count
            chunks.append(reduce(result))
        runs.runs += 1
        kept.append(chunks)
    return kept


def engine_calls(monkeypatch):
    """Count, in ``calls``, the engine calls outside Runs, and how the batches were asked to run."""
    calls = {"simulate": 0, "stopped": 0, "followed": 0, "no_monthly": 0}
    simulate, batch = _core.simulate, _core.simulate_batch

    def counted_simulate(*args, **kwargs):
        calls["simulate"] += 1
        return simulate(*args, **kwargs)

    def counted_batch(*args, **kwargs):
        calls["followed" if kwargs.get("follow_failed", True) else "stopped"] += 1
        calls["no_monthly"] += not kwargs.get("monthly_statistics", True)
        return batch(*args, **kwargs)

    monkeypatch.setattr(_core, "simulate", counted_simulate)
    monkeypatch.setattr(_core, "simulate_batch", counted_batch)
    return calls


def both_ways(monkeypatch, analysis, engine="simulate_batch"):
    """The analysis's answer through batches, then one by one; the engine calls counted."""
    calls = {"batch": 0}
    batch = getattr(_core, engine)

    def counted(*args, **kwargs):
        calls["batch"] += 1
        return batch(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(_core, engine, counted)
        batched = analysis()
    with monkeypatch.context() as patch:
        patch.setattr(_runs.Runs, "_run_batch", one_by_one)
        patch.setattr(_runs.Runs, "run_kept_many", kept_one_by_one)
        alone = analysis()
    assert calls["batch"] >= 1  # the batch path really ran
    return batched, alone


def test_the_engine_batch_is_each_run_alone():
    base = meantime.default_scenario()
    scenarios = [base, base.replace(business__price_per_session=14), base.replace(run__months=24)]
    runs = _core.simulate_batch([s._core for s in scenarios], [5, 5, 6], paths=600, threads=2)
    for scenario, seed, run in zip(scenarios, [5, 5, 6], runs):
        alone = meantime.simulate(scenario, paths=600, seed=seed, threads=1, progress=False)
        batched = Result(scenario, run)
        pd.testing.assert_frame_equal(batched.summary(), alone.summary(), check_exact=True)
        pd.testing.assert_frame_equal(batched.monthly, alone.monthly, check_exact=True)
        pd.testing.assert_frame_equal(batched.outcomes, alone.outcomes, check_exact=True)


def test_sweep(monkeypatch):
    grid = {"business.price_per_session": [9, 11, 13], "household.savings": [2000, 6000]}
    for crn in (True, False):
        batched, alone = both_ways(
            monkeypatch,
            lambda crn=crn: meantime.sweep(None, grid, paths=500, seed=3, common_random_numbers=crn, progress=False),
        )
        pd.testing.assert_frame_equal(batched, alone, check_exact=True)


def test_price_curve_and_best_price(monkeypatch):
    batched, alone = both_ways(
        monkeypatch, lambda: meantime.price_curve(None, [8, 10, 12, 14], paths=500, seed=4, progress=False)
    )
    pd.testing.assert_frame_equal(batched, alone, check_exact=True)
    batched, alone = both_ways(
        monkeypatch, lambda: meantime.best_price(None, prices=[8, 10, 12, 14], paths=500, seed=4, progress=False)
    )
    assert str(batched) == str(alone)
    assert repr(batched) == repr(alone)


def test_tornado(monkeypatch):
    ranges = {"business.price_per_session": (9, 14), "household.savings": (2000, 8000)}
    batched, alone = both_ways(
        monkeypatch, lambda: meantime.sensitivity(None, ranges, method="tornado", paths=400, seed=2, progress=False)
    )
    pd.testing.assert_frame_equal(batched, alone, check_exact=True)


def test_sobol(monkeypatch):
    ranges = {"business.price_per_session": (9, 14), "household.savings": (2000, 8000)}
    batched, alone = both_ways(
        monkeypatch,
        lambda: meantime.sensitivity(None, ranges, method="sobol", samples=8, paths=300, seed=2, progress=False),
    )
    pd.testing.assert_frame_equal(batched, alone, check_exact=True)


def test_compare(monkeypatch):
    base = meantime.default_scenario()
    named = {"base": base, "dearer": base.replace(business__price_per_session=13)}
    batched, alone = both_ways(monkeypatch, lambda: meantime.compare(named, paths=500, seed=8, progress=False))
    pd.testing.assert_frame_equal(batched, alone, check_exact=True)


def test_portfolio(monkeypatch):
    base = meantime.default_scenario()
    named = {
        "as is": base,
        "less saved": base.replace(household__savings=2500),
        "cheaper": base.replace(business__price_per_session=9),
    }
    batched, alone = both_ways(
        monkeypatch,
        lambda: meantime.portfolio(
            named, pot=3000, step=500, paths=400, seed=6, rule=["optimise", "need", "equal"], progress=False
        ),
    )
    pd.testing.assert_frame_equal(batched.outcomes, alone.outcomes, check_exact=True)
    pd.testing.assert_frame_equal(batched.allocation, alone.allocation, check_exact=True)
    assert str(batched) == str(alone)


def test_market_capacity(monkeypatch):
    batched, alone = both_ways(
        monkeypatch,
        lambda: meantime.market_capacity(
            meantime.default_scenario(), max_providers=3, paths=300, seed=4, progress=False
        ),
        engine="simulate_town_batch",
    )
    pd.testing.assert_frame_equal(batched.table, alone.table, check_exact=True)
    assert str(batched) == str(alone)


def test_batches_are_cut_by_paths(monkeypatch):
    """More scenarios than one engine call takes: several calls, the same answers."""
    monkeypatch.setattr(_runs, "_BATCH_PATHS", 1000)
    prices = [8, 9, 10, 11, 12]
    batched, alone = both_ways(
        monkeypatch, lambda: meantime.price_curve(None, prices, paths=400, seed=1, progress=False)
    )
    pd.testing.assert_frame_equal(batched, alone, check_exact=True)


def test_a_batch_can_be_cancelled():
    with pytest.raises(meantime.RunCancelled):
        meantime.price_curve(None, [8, 10, 12], paths=2000, seed=1, progress=lambda done, total: False)


def test_progress_reaches_every_path():
    seen = []
    meantime.price_curve(None, [8, 10, 12], paths=300, seed=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (900, 900)
    assert all(np.diff([done for done, _ in seen]) >= 0)


# -- what each analysis asks the engine for ------------------------------------------------------

GRID = {"business.price_per_session": [9, 12], "household.savings": [1500, 6000]}


def test_every_analysis_runs_through_batches_only(monkeypatch):
    """No analysis calls the engine one scenario at a time: every run is a batch (Runs)."""
    calls = engine_calls(monkeypatch)
    base = meantime.default_scenario()
    meantime.sweep(None, GRID, paths=200, seed=1, progress=False)
    meantime.price_curve(None, [9, 12], paths=200, seed=1, progress=False)
    meantime.best_price(None, prices=[9, 12], paths=200, seed=1, progress=False)
    meantime.compare({"a": base, "b": base.replace(household__savings=2000)}, paths=200, seed=1, progress=False)
    ranges = {"business.price_per_session": (9, 14), "household.savings": (2000, 8000)}
    meantime.sensitivity(None, ranges, method="tornado", paths=200, seed=1, progress=False)
    meantime.required_capital(base, paths=200, seed=1, progress=False)
    portfolio = meantime.portfolio(
        {"a": base, "b": base.replace(household__savings=2000)}, pot=2000, step=500, paths=200, seed=1, progress=False
    )
    portfolio.path_outcomes()
    assert calls["simulate"] == 0
    assert calls["stopped"] > 0 and calls["followed"] > 0


def _no_rule():
    """The default scenario without a savings-dependent rule (benefits off), whose capital a
    table reads from the lowest cash."""
    return meantime.default_scenario().replace(benefits__enabled=False)


@pytest.mark.parametrize(
    "analysis, follows",
    [
        # The default scenario has benefits on: its capital is NaN in a table (a savings-dependent
        # rule: see required_capital), so nothing needs following.
        (lambda: meantime.sweep(None, GRID, paths=200, seed=1, progress=False), False),
        (lambda: meantime.sweep(_no_rule(), GRID, paths=200, seed=1, progress=False), True),
        (lambda: meantime.sweep(_no_rule(), GRID, paths=200, seed=1, capital=False, progress=False), False),
        (lambda: meantime.price_curve(None, [9, 12], paths=200, seed=1, progress=False), False),
        (lambda: meantime.best_price(None, prices=[9, 12], paths=200, seed=1, progress=False), False),
        (lambda: meantime.compare({"a": None, "b": None}, paths=200, seed=1, progress=False), False),
        (lambda: meantime.compare({"a": None, "b": _no_rule()}, paths=200, seed=1, progress=False), True),
        (
            lambda: meantime.compare({"a": None, "b": _no_rule()}, paths=200, seed=1, capital=False, progress=False),
            False,
        ),
        (
            lambda: meantime.sensitivity(
                None, {"household.savings": (2000, 8000)}, method="tornado", paths=200, seed=1, progress=False
            ),
            False,
        ),
        (
            lambda: meantime.sensitivity(
                None,
                {"household.savings": (2000, 8000)},
                method="tornado",
                metric="extra_capital_90",
                paths=200,
                seed=1,
                progress=False,
            ),
            True,
        ),
    ],
)
def test_failed_paths_are_followed_only_for_the_extra_capital(monkeypatch, analysis, follows):
    calls = engine_calls(monkeypatch)
    analysis()
    assert (calls["followed"] > 0, calls["stopped"] > 0) == (follows, not follows)
    assert calls["no_monthly"] == calls["followed"] + calls["stopped"]  # headlines read outcomes only


def test_without_the_capital_a_sweep_is_the_same_but_for_that_column():
    full = meantime.sweep(None, GRID, paths=600, seed=5, progress=False)
    lean = meantime.sweep(None, GRID, paths=600, seed=5, capital=False, progress=False)
    assert "extra_capital_90" in full and "extra_capital_90" not in lean
    assert (full["survival"] < 1).all()  # failed paths to stop
    pd.testing.assert_frame_equal(
        lean, full.drop(columns=["extra_capital_90", "extra_capital_90_se"]), check_exact=True
    )


def test_without_the_capital_a_comparison_is_the_same_but_for_that_row():
    base = meantime.default_scenario().replace(household__savings=1500)
    named = {"base": base, "dearer": base.replace(business__price_per_session=13)}
    full = meantime.compare(named, paths=600, seed=5, progress=False)
    lean = meantime.compare(named, paths=600, seed=5, capital=False, progress=False)
    pd.testing.assert_frame_equal(lean, full.drop(index="extra_capital_90"), check_exact=True)


def test_a_portfolio_stops_failed_paths_of_its_grant_runs_and_follows_them_when_shown(monkeypatch):
    """Re-run grants (benefits on) stop failed paths; the path outcomes it shows, lowest cash
    included, are those of followed runs bit for bit."""
    base = meantime.default_scenario()
    named = {"as is": base, "less saved": base.replace(household__savings=2000)}

    def analysis():
        made = meantime.portfolio(named, pot=2000, step=500, paths=300, seed=6, rule="need", progress=False)
        return made, made.path_outcomes()

    calls = engine_calls(monkeypatch)
    (batched, batched_paths) = analysis()
    assert calls["stopped"] > 0
    with monkeypatch.context() as patch:
        patch.setattr(_runs.Runs, "run_kept_many", kept_one_by_one)
        (alone, alone_paths) = analysis()
    pd.testing.assert_frame_equal(batched.outcomes, alone.outcomes, check_exact=True)
    for name in named:
        for column in ("failure_month", "client_months", "lowest_cash"):
            np.testing.assert_array_equal(getattr(batched_paths[name], column), getattr(alone_paths[name], column))


def test_path_series_keeps_the_named_arrays_only_the_same():
    s = meantime.default_scenario()
    full = Result(s, _core.simulate(s._core, paths=400, seed=3, keep_paths=True))
    some = Result(s, _core.simulate(s._core, paths=400, seed=3, keep_paths=True, path_series=["clients"]))
    assert list(some.paths) == ["clients"]
    np.testing.assert_array_equal(some.paths["clients"], full.paths["clients"])
    with pytest.raises(ValueError, match="series"):
        _core.simulate(s._core, paths=10, keep_paths=True, path_series=["client"])
    with pytest.raises(meantime.RunSettingsError, match="path_series"):
        _core.simulate(s._core, paths=10, keep_paths=True, path_series=[])
