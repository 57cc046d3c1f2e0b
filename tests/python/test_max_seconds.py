"""simulate(..., max_seconds=...): a run past its limit stops its threads and raises RunTimeout,
a TimeoutError naming max_seconds; a limit the run keeps to changes nothing."""

from __future__ import annotations

import pickle
import os
import time

import pytest

import meantime


def os_threads() -> set[str]:
    """Ids of this process's threads as the OS lists them (the engine's are not Python threads)."""
    task = "/proc/self/task"
    return set(os.listdir(task)) if os.path.isdir(task) else set()


def test_a_long_run_stops_at_its_limit_with_a_timeout_error():
    threads_before = os_threads()
    start = time.perf_counter()
    with pytest.raises(meantime.RunTimeout) as caught:
        meantime.simulate(paths=10**9, keep_outcomes=False, threads=2, progress=False, max_seconds=0.2)
    elapsed = time.perf_counter() - start
    error = caught.value
    assert isinstance(error, TimeoutError) and isinstance(error, meantime.Error)
    assert "max_seconds" in str(error)
    assert error.max_seconds == 0.2 and 0 <= error.paths_done < 10**9
    # Checked at least every progress interval (0.1 s), then the current blocks finish.
    assert elapsed < 2.0, elapsed
    # The engine's worker threads are joined: no new thread is left. (Compared by id, not by count:
    # a thread an earlier test left, such as a library's idle worker, may end meanwhile.)
    assert os_threads() <= threads_before, os_threads() - threads_before
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.max_seconds, again.paths_done) == (str(error), error.max_seconds, error.paths_done)
    # The process still runs: the next run works.
    assert meantime.simulate(paths=500, seed=1, progress=False).outcomes.shape[0] == 500


def test_a_limit_the_run_keeps_to_changes_nothing():
    free = meantime.simulate(paths=2_000, seed=3, progress=False)
    limited = meantime.simulate(paths=2_000, seed=3, progress=False, max_seconds=600)
    assert limited.summary().equals(free.summary())


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "10", True])
def test_the_limit_must_be_a_positive_number(bad):
    with pytest.raises(meantime.RunSettingsError) as caught:
        meantime.simulate(paths=10, progress=False, max_seconds=bad)
    assert caught.value.field == "max_seconds"
