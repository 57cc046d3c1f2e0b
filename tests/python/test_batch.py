"""Every analysis runs its scenarios in batches through the engine (``_core.simulate_batch``);
its answers are bit for bit those of running the scenarios one by one through ``simulate``."""

import numpy as np
import pandas as pd
import pytest

import meantime
from meantime import _core
from meantime.analyses import _grants, _runs
from meantime.running.result import Result


def one_by_one(runs, scenarios, seeds, reduce, kept, follow_failed=True):
    """What Runs did before batches: each scenario through simulate, alone."""
    for scenario, seed in zip(scenarios, seeds):
        result = meantime.simulate(
            scenario, paths=runs.paths, seed=seed, threads=runs.threads, keep_outcomes=True, progress=runs._report
        )
        if runs._cancelled:
            raise meantime.RunCancelled("the analysis was stopped by its progress function")
        runs.done += runs.paths
        runs.runs += 1
        kept.append(reduce(result))


def kept_one_by_one(runs, scenarios, reduce):
    """What KeptRuns did before batches: each scenario's chunks through simulate."""
    return [runs.run_kept(scenario, reduce) for scenario in scenarios]


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
        patch.setattr(_grants.KeptRuns, "run_kept_many", kept_one_by_one)
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
