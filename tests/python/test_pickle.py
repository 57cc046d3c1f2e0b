"""Run results pickle exactly (what carries a chunk from a Dask worker back to the client)."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

import meantime
from meantime import _core


def _same_run(a: meantime.Result, b: meantime.Result) -> None:
    assert (a.seed, a.first_path, a.path_count, a.months) == (b.seed, b.first_path, b.path_count, b.months)
    assert a._run.scenario_fingerprint == b._run.scenario_fingerprint
    assert a.statistics == b.statistics  # the engine's own ==: every count, sum and bin
    pd.testing.assert_frame_equal(a.monthly, b.monthly, check_exact=True)
    pd.testing.assert_frame_equal(a.summary(), b.summary(), check_exact=True)


def test_a_run_result_round_trips_bit_for_bit(golden_result):
    copy = pickle.loads(pickle.dumps(golden_result))
    _same_run(copy, golden_result)
    pd.testing.assert_frame_equal(copy.outcomes, golden_result.outcomes, check_exact=True)
    assert copy.scenario == golden_result.scenario


def test_kept_paths_round_trip_and_statistics_alone_too():
    kept = meantime.simulate(paths=300, seed=5, keep_paths=True, progress=False)
    copy = pickle.loads(pickle.dumps(kept))
    for series, array in kept.paths.items():
        np.testing.assert_array_equal(copy.paths[series], array)
    bare = meantime.simulate(paths=300, seed=5, keep_outcomes=False, progress=False)
    bare_copy = pickle.loads(pickle.dumps(bare))
    assert not bare_copy._run.has_outcomes and not bare_copy._run.has_path_arrays
    assert bare_copy.statistics == kept.statistics
    assert pickle.loads(pickle.dumps(bare.statistics)) == bare.statistics


def test_unpickled_chunks_still_merge_to_the_single_run(golden_result):
    scenario = golden_result.scenario
    first = meantime.simulate(scenario, paths=400, seed=2026, progress=False)
    rest = meantime.simulate(scenario, paths=600, seed=2026, first_path=400, progress=False)
    merged = pickle.loads(pickle.dumps(first)).merge(pickle.loads(pickle.dumps(rest)))
    _same_run(merged, golden_result)


def test_damaged_bytes_are_a_value_error_not_a_crash(golden_result):
    state = golden_result._run.__getstate__()
    for bad in (state[:-1], state[:40], b"", b"XXXX" + state[4:], state + b"\0"):
        with pytest.raises(ValueError):
            _core.RunResult.__new__(_core.RunResult).__setstate__(bad)
