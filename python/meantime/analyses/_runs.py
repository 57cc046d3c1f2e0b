"""Running the scenarios of an analysis: the one place where an analysis calls the engine.

Every analysis hands its scenarios to :class:`Runs`, which runs them with the analysis's
``paths``, ``seed`` and ``threads``, shows one progress bar over the whole analysis, and reduces
each run to what the analysis keeps (headline answers, a survivor count...) as soon as it is
done, so that memory does not grow with the number of runs. Sending the work to a cluster (a
Dask ``client=``) is a change to :meth:`Runs.run` only: the scenarios, the seeds and the
reducing function are all it needs.

Each analysis asks for no more than its answer reads: ``follow_failed=False`` when it reads
neither the extra capital nor the lowest cash "had it carried on" (each path stops at its
failure), and ``monthly_statistics=False`` when it reads only per-path outcomes (the engine
skips the statistics of every series in every month). Every number the analysis reads is the
same bit for bit either way; only the work differs.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Optional, Sequence, TypeVar, Union

from .. import _core
from ..errors import RunCancelled
from ..running.cluster import ClusterSettings
from ..running.progress import ProgressBar
from ..running.result import Result
from ..running.settings import ProgressArgument, check_run_settings
from ..running.simulation import simulate
from ..running.town_result import TownResult
from ..scenario.scenario import Scenario

T = TypeVar("T")
_Runs = TypeVar("_Runs", bound="Runs")
# What an analysis keeps of a run, `reduce(result)`: given a Result, or a TownResult when the
# scenario is a town (which one is the scenario's value, not its type, so no type can say).
Reduce = Callable[[Any], T]

# One engine call runs at most this many scenarios, and at most this many paths in all.
_BATCH_RUNS = 256
_BATCH_PATHS = 1_000_000
#: Paths per chunk of a run that keeps its per-path arrays (:meth:`Runs.run_kept`): the arrays of
#: every series are kept for a moment, then reduced.
CHUNK_PATHS = 10_000
# Paths of one engine call that keeps every series (about 100 bytes a path-month): the chunks of
# several scenarios go together while their arrays stay within a few hundred megabytes.
_KEPT_BATCH_PATHS = 50_000

__all__ = ["Runs"]


def _is_town(scenario: Scenario) -> bool:
    return len(scenario.providers) > 0


class Runs:
    """The runs of one analysis, with one progress bar over all of them.

    Parameters
    ----------
    paths, seed, threads
        The run settings (:class:`~meantime.RunSettings`); every run of the analysis uses them (so two
        scenarios share their random numbers path by path: common random numbers).
    progress : None, bool or callable
        The run settings (:class:`~meantime.RunSettings`), but over the whole analysis: a callable is called as
        ``progress(paths_done, paths_in_all)`` and may return False to cancel.
    expected_runs : int
        How many runs the analysis expects, for the bar's length. An analysis that does not know
        (a bisection) gives its best guess; the bar grows if more runs come.
    client, chunk_paths, retries
        The run settings (:class:`~meantime.RunSettings`): with a Dask ``client`` every run is cut into chunks
        sent to the cluster, and each run's ``reduce`` happens on a worker; the answers are the
        local ones bit for bit.
    """

    def __init__(
        self,
        paths: int,
        seed: int,
        threads: Optional[int],
        progress: ProgressArgument,
        expected_runs: int,
        client: Any = None,
        chunk_paths: Optional[int] = None,
        retries: Optional[int] = None,
    ) -> None:
        self.paths, self.seed, self.threads = check_run_settings(paths, seed, threads)
        self.cluster = ClusterSettings.make(client, chunk_paths, retries)
        if not (progress is None or isinstance(progress, bool) or callable(progress)):
            raise TypeError(f"progress must be None, True, False or a function, got {type(progress).__name__}")
        self.total = self.paths * max(1, int(expected_runs))
        self.done = 0  # paths of the runs finished so far
        self.runs = 0
        self._cancelled = False
        self._callback = progress if callable(progress) and not isinstance(progress, bool) else None
        self._bar = ProgressBar(self.total, always=progress is True) if progress is None or progress is True else None

    # -- progress -------------------------------------------------------------------------------

    def _report(self, done_in_run: int, _paths_in_run: int) -> Any:
        done = self.done + done_in_run
        if done > self.total:  # more runs than expected: the bar grows
            self._grow(max(done, self.total + self.total // 4))
        if self._callback is not None:
            answer = self._callback(done, self.total)
            # None carries on, anything else false cancels (as for simulate); a run that had just
            # finished when told ends the analysis before the next run.
            self._cancelled = answer is not None and not answer
            return answer
        if self._bar is not None:
            return self._bar(done, self.total)
        return True

    def expect(self, more_runs: int) -> None:
        """At least ``more_runs`` runs are still to come (a bisection that knows its steps)."""
        wanted = self.done + max(0, int(more_runs)) * self.paths
        if wanted > self.total:
            self._grow(wanted)

    def _grow(self, total: int) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            if self._bar.bar is not None:
                self._bar.bar.total = total
                self._bar.bar.refresh()

    def close(self, finished: bool = True) -> None:
        """Close the bar. An analysis that ``finished`` with fewer runs than it expected ends its
        bar (or tells its progress function) at what was done: 100%."""
        if finished and self.done < self.total:
            self.total = self.done
            if self._callback is not None:
                self._callback(self.done, self.total)
            elif self._bar is not None and self._bar.bar is not None:
                self._grow(self.done)
        if self._bar is not None:
            self._bar.close()

    def __enter__(self: _Runs) -> _Runs:
        return self

    def __exit__(self, exc_type: Any, *exc_info: Any) -> None:
        self.close(finished=exc_type is None)

    # -- running --------------------------------------------------------------------------------

    def run(
        self,
        scenarios: Sequence[Scenario],
        reduce: Reduce[T],
        seeds: Optional[Sequence[int]] = None,
        *,
        follow_failed: bool = True,
        monthly_statistics: bool = True,
    ) -> list[T]:
        """Run each scenario and reduce its result; in order, one value per scenario.

        The scenarios go to the engine together, a batch of them in one call
        (``_core.simulate_batch``, or ``simulate_town_batch`` for towns), whose threads share out
        the work of all of them; each result is bit for bit the one :func:`~meantime.simulate`
        gives.

        Parameters
        ----------
        scenarios : sequence of Scenario
        reduce : callable
            ``reduce(result)``: what to keep of a run. Called at once, so the run's per-path
            arrays can be freed before the next run.
        seeds : sequence of int, optional
            One seed per scenario; by default all use the analysis's seed (common random
            numbers).
        follow_failed : bool, default True
            Follow each failed path to the horizon, as :func:`~meantime.simulate` does, so that
            ``lowest_cash`` (and the extra capital read from it) says what the path would have
            reached had it carried on. An analysis whose answer does not read them passes False:
            its paths stop at their failure, which costs nothing after it, and every other
            number is the same bit for bit.
        monthly_statistics : bool, default True
            Keep each run's statistics of every series in every month (``Result.monthly``,
            ``Result.mean``...). An analysis whose ``reduce`` reads only per-path outcomes
            (``outcome_arrays``) and the outcomes' statistics (survival, break-even) passes
            False, and the engine skips that work; reading a month then raises. (On a cluster
            the chunks keep them anyway.)
        """
        if seeds is not None and len(seeds) != len(scenarios):
            raise ValueError("one seed per scenario")
        if self.cluster is not None:
            return self._run_on_cluster(self.cluster, scenarios, reduce, seeds)
        seeds = [self.seed] * len(scenarios) if seeds is None else [int(seed) for seed in seeds]
        kept: list[T] = []
        first = 0
        while first < len(scenarios):
            # A batch holds scenarios of one kind: single providers, or towns.
            town = _is_town(scenarios[first])
            last = first + 1
            while last < len(scenarios) and last - first < self._batch_runs() and _is_town(scenarios[last]) == town:
                last += 1
            self._run_batch(scenarios[first:last], seeds[first:last], reduce, kept, follow_failed, monthly_statistics)
            first = last
        return kept

    def _batch_runs(self) -> int:
        """Runs per engine call: enough to keep the engine's threads busy between calls, few enough
        that their kept outcomes stay small (about 60 bytes a path)."""
        return max(1, min(_BATCH_RUNS, _BATCH_PATHS // self.paths))

    def _run_batch(
        self,
        scenarios: Sequence[Scenario],
        seeds: Sequence[int],
        reduce: Reduce[T],
        kept: list[T],
        follow_failed: bool = True,
        monthly_statistics: bool = True,
    ) -> None:
        start = time.perf_counter()
        threads = 0 if self.threads is None else self.threads
        cores = [scenario._core for scenario in scenarios]
        engine_runs: list[Union[_core.RunResult, _core.TownResult]]
        if _is_town(scenarios[0]):  # a town's providers are always followed
            engine_runs = list(
                _core.simulate_town_batch(
                    cores, list(seeds), paths=self.paths, threads=threads, keep_outcomes=True, progress=self._report
                )
            )
        else:
            engine_runs = list(
                _core.simulate_batch(
                    cores,
                    list(seeds),
                    paths=self.paths,
                    threads=threads,
                    keep_outcomes=True,
                    progress=self._report,
                    follow_failed=follow_failed,
                    monthly_statistics=monthly_statistics,
                )
            )
        if self._cancelled:
            raise RunCancelled("the analysis was stopped by its progress function")
        seconds = (time.perf_counter() - start) / len(scenarios)  # the batch's time, shared out
        for scenario, engine_run in zip(scenarios, engine_runs):
            self.done += self.paths
            self.runs += 1
            if isinstance(engine_run, _core.TownResult):
                kept.append(reduce(TownResult(scenario, engine_run, seconds=seconds)))
            else:
                kept.append(reduce(Result(scenario, engine_run, seconds=seconds)))

    def _run_on_cluster(
        self, cluster: ClusterSettings, scenarios: Sequence[Scenario], reduce: Reduce[T], seeds: Optional[Sequence[int]]
    ) -> list[T]:
        seeds = [self.seed] * len(scenarios) if seeds is None else list(seeds)
        kept = cluster.run_and_reduce(scenarios, seeds, self.paths, reduce, self._report)
        if self._cancelled:  # the progress function said stop just as the last run finished
            raise RunCancelled("the analysis was stopped by its progress function")
        self.done += self.paths * len(scenarios)
        self.runs += len(scenarios)
        return kept

    # -- runs that keep their per-path arrays ----------------------------------------------------

    def run_kept(self, scenario: Scenario, reduce: Reduce[T], **options: Any) -> list[T]:
        """``reduce(result)`` for each chunk of :data:`CHUNK_PATHS` paths of ``scenario``, its
        outcomes and per-path arrays kept (``result.paths``); ``options`` as for
        :meth:`run_kept_many`."""
        return self.run_kept_many([scenario], reduce, **options)[0]

    def run_kept_many(
        self,
        scenarios: Sequence[Scenario],
        reduce: Reduce[T],
        *,
        follow_failed: bool = True,
        monthly_statistics: bool = True,
        path_series: Optional[Sequence[str]] = None,
    ) -> list[list[T]]:
        """:meth:`run_kept` for each scenario: the scenarios of a chunk go to the engine
        together, a batch in one call (``_core.simulate_batch``), each chunk bit for bit what
        running it alone gives; on a cluster, each scenario's chunks are sent there one by one.
        ``follow_failed`` and ``monthly_statistics`` as for :meth:`run`; ``path_series`` names
        the series whose per-path arrays ``reduce`` reads (default all: each costs 8 bytes a
        path-month to fill)."""
        if self.cluster is not None:
            return [self._run_kept_on_cluster(self.cluster, scenario, reduce) for scenario in scenarios]
        kept: list[list[T]] = [[] for _ in scenarios]
        for first in range(0, self.paths, CHUNK_PATHS):
            count = min(CHUNK_PATHS, self.paths - first)
            size = max(1, _KEPT_BATCH_PATHS // count)
            for low in range(0, len(scenarios), size):
                group = scenarios[low : low + size]
                engine_runs = _core.simulate_batch(
                    [scenario._core for scenario in group],
                    [self.seed] * len(group),
                    paths=count,
                    first_path=first,
                    threads=0 if self.threads is None else self.threads,
                    keep_outcomes=True,
                    keep_paths=True,
                    progress=self._report,
                    follow_failed=follow_failed,
                    monthly_statistics=monthly_statistics,
                    path_series=None if path_series is None else list(path_series),
                )
                if self._cancelled:
                    raise RunCancelled("the analysis was stopped by its progress function")
                for offset, (scenario, engine_run) in enumerate(zip(group, engine_runs)):
                    self.done += count
                    kept[low + offset].append(reduce(Result(scenario, engine_run)))
        self.runs += len(scenarios)
        return kept

    def _run_kept_on_cluster(self, cluster: ClusterSettings, scenario: Scenario, reduce: Reduce[T]) -> list[T]:
        kept = []
        for first in range(0, self.paths, CHUNK_PATHS):
            count = min(CHUNK_PATHS, self.paths - first)
            result = simulate(
                scenario,
                paths=count,
                seed=self.seed,
                first_path=first,
                keep_outcomes=True,
                keep_paths=True,
                progress=self._report,
                client=cluster.client,
                chunk_paths=cluster.chunk_paths,
                retries=cluster.retries,
            )
            if self._cancelled:
                raise RunCancelled("the analysis was stopped by its progress function")
            self.done += count
            kept.append(reduce(result))
        self.runs += 1
        return kept
