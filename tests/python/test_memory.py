"""Asking for arrays that would not fit fails at once, before anything is allocated."""

from __future__ import annotations

import time

import pytest

import meantime


def test_keep_paths_beyond_memory_raises_memory_error_before_allocating():
    start = time.perf_counter()
    with pytest.raises(MemoryError) as caught:
        meantime.simulate(paths=10**12, keep_paths=True, keep_outcomes=False, progress=False)
    elapsed = time.perf_counter() - start
    error = caught.value
    assert isinstance(error, meantime.MemoryLimitError) and isinstance(error, meantime.Error)
    # 10^12 paths x 36 months x 8 bytes per series: the estimate, in the message and the attributes.
    assert error.bytes_needed == 10**12 * 36 * 8 * len(meantime.SERIES)
    assert error.bytes_needed > error.bytes_available > 0
    message = str(error)
    assert "PiB" in message and "available" in message
    assert "keep_paths off" in message  # the remedy
    # Refused up front: no allocation, no simulation (a run this size would take days).
    assert elapsed < 1.0


def test_keep_outcomes_beyond_memory_names_its_own_remedy():
    with pytest.raises(meantime.MemoryLimitError, match="keep_outcomes off"):
        meantime.simulate(paths=10**12, progress=False)


def test_the_next_run_works_after_a_memory_error():
    with pytest.raises(MemoryError):
        meantime.simulate(paths=10**12, keep_paths=True, progress=False)
    assert meantime.simulate(paths=100, keep_paths=True, progress=False).paths["clients"].shape == (100, 36)
