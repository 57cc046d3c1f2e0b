"""Progress: a callable sees the run advance and may cancel it; tqdm bars when asked or when slow."""

from __future__ import annotations

import pytest

import meantime
from meantime.running.progress import ProgressBar


def test_a_progress_function_sees_the_run_finish():
    calls = []
    meantime.simulate(paths=2000, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (2000, 2000)  # always called once at the end
    assert all(total == 2000 for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_returning_false_cancels_the_run():
    with pytest.raises(meantime.RunCancelled):
        meantime.simulate(paths=10**8, keep_outcomes=False, progress=lambda done, total: False)
    assert meantime.simulate(paths=100, progress=False).path_count == 100


def test_the_capital_search_reports_to_the_run_s_function_and_stops_with_it():
    # A page's job gives its progress function to the run; the extra capital's search (benefits
    # on: runs with more savings) reports to it too, and a newer change that cancels the job
    # stops the search rather than leaving it to take the processor from the next answer.
    cancelled = [False]
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return not cancelled[0]

    result = meantime.simulate(paths=1000, seed=7, progress=progress)
    first = len(calls)
    cancelled[0] = True
    with pytest.raises(meantime.RunCancelled):
        result.extra_capital(0.9)
    assert len(calls) == first + 1  # stopped at the search's first report
    cancelled[0] = False
    found = result.extra_capital(0.9)
    assert len(calls) > first + 1 and calls[-1][0] > 1000  # the search's runs, counted on
    fresh = meantime.simulate(paths=1000, seed=7, progress=False).extra_capital(0.9)
    assert (found.extra, found.low, found.high) == (fresh.extra, fresh.low, fresh.high) and found.extra > 0


def test_an_error_in_the_progress_function_stops_the_run_and_reaches_the_caller():
    def broken(done, total):
        raise ZeroDivisionError("from the progress function")

    with pytest.raises(ZeroDivisionError, match="from the progress function"):
        meantime.simulate(paths=10**8, keep_outcomes=False, progress=broken)
    assert meantime.simulate(paths=100, progress=False).path_count == 100


def test_progress_true_shows_a_bar(capsys):
    meantime.simulate(paths=1000, progress=True)
    assert "1.00k/1.00k" in capsys.readouterr().err


def test_short_runs_show_no_bar(capsys):
    meantime.simulate(paths=1000)
    assert capsys.readouterr().err == ""


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_appears_only_when_the_run_looks_longer_than_a_second(capsys):
    clock = FakeClock()
    quick = ProgressBar(1000, clock=clock)
    clock.now = 0.3
    quick(500, 1000)  # projected 0.6 s
    assert quick.bar is None
    slow = ProgressBar(1000, clock=clock)
    clock.now = 0.6
    slow(100, 1000)  # projected 6 s
    assert slow.bar is not None and slow.bar.n == 100
    slow(1000, 1000)
    assert slow.bar.n == 1000
    slow.close()
    stalled = ProgressBar(1000, clock=clock)
    clock.now = 1.0
    stalled(0, 1000)  # nothing done after 0.4 s
    assert stalled.bar is not None
    stalled.close()


def test_a_bad_progress_argument_is_a_type_error():
    with pytest.raises(TypeError, match="progress must be"):
        meantime.simulate(paths=10, progress="yes")
