"""Per-path data reaches numpy and pandas as views of the engine's memory, not copies."""

from __future__ import annotations

import gc

import numpy as np

import meantime


def test_outcome_columns_are_views_of_the_engine_arrays():
    result = meantime.simulate(paths=1000, seed=2026, progress=False)
    engine = result._run.outcome_columns()
    again = result._run.outcome_columns()
    for name, column in engine.items():
        assert not column.flags.owndata
        assert column.base is result._run  # the engine's result keeps the memory alive
        assert np.shares_memory(column, again[name])  # two asks, one memory
        assert np.shares_memory(result.outcomes[name].to_numpy(), column)
    assert list(result.outcomes.columns) == list(engine)
    # outcome_arrays: the same arrays without a DataFrame, for analyses that reduce many runs.
    assert list(result.outcome_arrays) == list(engine)
    for name, column in result.outcome_arrays.items():
        assert np.shares_memory(column, engine[name]) and np.array_equal(column, engine[name])


def test_outcome_columns_have_the_engines_types():
    columns = meantime.simulate(paths=10, progress=False)._run.outcome_columns()
    assert columns["failure_month"].dtype == np.int32
    assert columns["failure_cause"].dtype == np.uint8
    assert columns["lowest_cash"].dtype == np.float64
    assert columns["clients_served"].dtype == np.int64
    causes = set(np.unique(columns["failure_cause"]))
    assert causes <= set(range(len(meantime.FAILURE_CAUSES)))


def test_path_arrays_are_views_of_the_engine_matrices():
    result = meantime.simulate(paths=300, seed=1, keep_paths=True, progress=False)
    paths = result.paths
    assert set(paths) == set(meantime.SERIES)
    for series, array in paths.items():
        assert array.shape == (300, result.months)
        assert array.dtype == np.float64 and array.flags.c_contiguous
        assert not array.flags.owndata
        assert np.shares_memory(array, result._run.path_arrays()[series])


def test_views_keep_the_result_alive():
    result = meantime.simulate(paths=500, seed=4, keep_paths=True, progress=False)
    cash = result.paths["household_cash"]
    lowest = result.outcomes["lowest_cash"].to_numpy()
    expected_cash, expected_lowest = cash.copy(), lowest.copy()
    del result
    gc.collect()
    meantime.simulate(paths=500, seed=5, keep_paths=True, progress=False)  # reuse freed memory, if any was freed
    assert np.array_equal(cash, expected_cash)
    assert np.array_equal(lowest, expected_lowest)


def test_lowest_cash_is_the_lowest_point_of_the_combined_cash_path():
    # A known answer linking the two kinds of per-path data: over the months, business + household
    # cash never goes below the path's lowest_cash, and reaches it in lowest_cash_month.
    result = meantime.simulate(paths=400, seed=9, keep_paths=True, progress=False)
    survivors = (result.outcomes["failure_month"] == -1).to_numpy()
    combined = (result.paths["business_cash"] + result.paths["household_cash"])[survivors]
    lowest = result.outcomes["lowest_cash"].to_numpy()[survivors]
    month = result.outcomes["lowest_cash_month"].to_numpy()[survivors]
    assert np.array_equal(combined.min(axis=1), lowest)  # the same additions as the engine's: exact
    assert np.array_equal(combined[np.arange(len(month)), month - 1], lowest)
