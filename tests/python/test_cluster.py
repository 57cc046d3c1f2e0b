"""client=: simulations and analyses on a Dask cluster give the local answer bit for bit.

One LocalCluster of two worker processes (real processes, one thread each) serves the module.
Path counts are small and chunks smaller still, so that every run is cut into several chunks
spread over both workers, with a short last chunk.
"""

from __future__ import annotations

import logging
import os
import signal

import numpy as np
import pandas as pd
import pytest

import meantime
from conftest import classic_scenario

distributed = pytest.importorskip("distributed")

PRICE = "business.price_per_session"


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def _same(a: meantime.Result, b: meantime.Result) -> None:
    assert (a.seed, a.first_path, a.path_count, a.months) == (b.seed, b.first_path, b.path_count, b.months)
    assert a.statistics == b.statistics  # the engine's own ==: every count, exact sum and bin
    pd.testing.assert_frame_equal(a.monthly, b.monthly, check_exact=True)
    pd.testing.assert_frame_equal(a.summary(), b.summary(), check_exact=True)
    if a._run.has_outcomes or b._run.has_outcomes:
        pd.testing.assert_frame_equal(a.outcomes, b.outcomes, check_exact=True)


def test_simulate_on_the_cluster_is_the_local_run_bit_for_bit(client, golden_result):
    remote = meantime.simulate(
        golden_result.scenario, paths=1000, seed=2026, client=client, chunk_paths=300, progress=False
    )
    _same(remote, golden_result)


def test_the_chunk_size_does_not_change_the_answer(client):
    s = classic_scenario().replace(business__price_per_session=14)
    local = meantime.simulate(s, paths=1500, seed=11, first_path=77, progress=False)
    for chunk_paths in (1500, 256, 97):
        _same(
            meantime.simulate(
                s, paths=1500, seed=11, first_path=77, client=client, chunk_paths=chunk_paths, progress=False
            ),
            local,
        )


def test_kept_paths_and_statistics_only_runs_come_back_whole(client):
    local = meantime.simulate(paths=400, seed=3, keep_paths=True, progress=False)
    remote = meantime.simulate(paths=400, seed=3, keep_paths=True, client=client, chunk_paths=150, progress=False)
    _same(remote, local)
    for series, array in local.paths.items():
        np.testing.assert_array_equal(remote.paths[series], array)
    bare = meantime.simulate(paths=400, seed=3, keep_outcomes=False, client=client, chunk_paths=150, progress=False)
    assert not bare._run.has_outcomes and bare.statistics == local.statistics


def test_progress_counts_paths_and_can_cancel(client):
    seen = []
    meantime.simulate(paths=900, seed=1, client=client, chunk_paths=300, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(300, 900), (600, 900), (900, 900)]
    with pytest.raises(meantime.RunCancelled):
        meantime.simulate(paths=900, seed=1, client=client, chunk_paths=100, progress=lambda d, t: False)


def test_cluster_settings_are_checked(client):
    with pytest.raises(meantime.ArgumentError, match="client"):
        meantime.simulate(paths=10, client="tcp://127.0.0.1:8786")
    with pytest.raises(meantime.ArgumentError, match="chunk_paths"):
        meantime.simulate(paths=10, client=client, chunk_paths=0)
    with pytest.raises(meantime.ArgumentError, match="only applies with client"):
        meantime.simulate(paths=10, chunk_paths=100)


def test_price_curve_and_best_price(client):
    prices = [9, 11, 13]
    local = meantime.price_curve(None, prices, paths=700, seed=4, progress=False)
    remote = meantime.price_curve(None, prices, paths=700, seed=4, client=client, chunk_paths=256, progress=False)
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    local_best = meantime.best_price(None, prices=prices, paths=500, seed=4, progress=False)
    remote_best = meantime.best_price(
        None, prices=prices, paths=500, seed=4, client=client, chunk_paths=200, progress=False
    )
    pd.testing.assert_frame_equal(remote_best, local_best, check_exact=True)


def test_sweep_with_and_without_common_random_numbers(client):
    grid = {PRICE: [10, 12], "run.months": [12, 24]}
    for crn in (True, False):
        local = meantime.sweep(None, grid, paths=400, seed=9, common_random_numbers=crn, progress=False)
        remote = meantime.sweep(
            None, grid, paths=400, seed=9, common_random_numbers=crn, client=client, chunk_paths=150, progress=False
        )
        pd.testing.assert_frame_equal(remote, local, check_exact=True)


def test_compare_and_sensitivity(client):
    options = {"as is": classic_scenario(), "dearer": classic_scenario().replace(business__price_per_session=14)}
    local = meantime.compare(options, paths=500, seed=2, progress=False)
    remote = meantime.compare(options, paths=500, seed=2, client=client, chunk_paths=200, progress=False)
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    ranges = {"household.savings": (1000, 4000), "business.startup_costs": (0, 500)}
    local = meantime.sensitivity(None, ranges, metric="survival", paths=300, seed=1, progress=False)
    remote = meantime.sensitivity(
        None, ranges, metric="survival", paths=300, seed=1, client=client, chunk_paths=128, progress=False
    )
    pd.testing.assert_frame_equal(remote, local, check_exact=True)


def test_required_capital_by_lowest_cash_and_by_bisection(client):
    for method in ("lowest_cash", "bisection"):
        local = meantime.required_capital(
            classic_scenario(), survival=0.9, method=method, paths=400, seed=3, progress=False
        )
        remote = meantime.required_capital(
            classic_scenario(),
            survival=0.9,
            method=method,
            paths=400,
            seed=3,
            client=client,
            chunk_paths=150,
            progress=False,
        )
        pd.testing.assert_frame_equal(remote, local, check_exact=True)


def test_a_worker_killed_mid_run_changes_nothing(client):
    """A worker process dies (SIGKILL) after the first chunk comes back, with most chunks still
    to run or held by it: Dask reruns what was lost on the other worker (and the restarted one)."""
    scenario = classic_scenario().replace(business__price_per_session=12)
    local = meantime.simulate(scenario, paths=3000, seed=21, progress=False)
    pids = client.run(os.getpid)
    killed = []

    def kill_one_worker(done: int, total: int) -> None:
        if not killed:
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    remote = meantime.simulate(
        scenario, paths=3000, seed=21, client=client, chunk_paths=100, retries=3, progress=kill_one_worker
    )
    assert killed
    _same(remote, local)
    # The analyses too: a sweep with a worker killed mid-sweep.
    client.wait_for_workers(2, timeout=60)
    grid = {PRICE: [10, 11, 12, 13]}
    local_sweep = meantime.sweep(scenario, grid, paths=600, seed=8, progress=False)
    pids = client.run(os.getpid)
    killed.clear()
    remote_sweep = meantime.sweep(
        scenario, grid, paths=600, seed=8, client=client, chunk_paths=100, progress=kill_one_worker
    )
    assert killed
    pd.testing.assert_frame_equal(remote_sweep, local_sweep, check_exact=True)
    client.wait_for_workers(2, timeout=60)
