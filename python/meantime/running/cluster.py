"""Running on a Dask cluster (``client=``): chunks of paths as tasks, merged in a fixed order.

A run of ``paths`` paths is cut into chunks of ``chunk_paths`` paths (a size that does not
depend on the cluster), each a task that runs paths ``[first, first + n)`` with the run's seed.
Path ``i`` draws from the stream keyed by ``(seed, i)`` wherever it runs, and the engine's
statistics merge exactly (integer sums and histograms), so the chunks merged in path order are
the local run bit for bit, whatever the number of workers or the order the chunks finished in.

The scenario goes to every worker once (``scatter(..., broadcast=True)``), not with every
chunk. A worker that dies mid-run loses its tasks and the chunks it held; Dask runs them again
elsewhere (``retries`` more times for a task that raised), and since a chunk is a pure function
of its arguments the answer does not change.

What travels back: for :func:`~meantime.simulate`, each chunk's result (statistics, and the
per-path arrays only when kept); for an analysis, only what it keeps of each run (its
``reduce``), computed on a worker from the merged chunks of that run.

Dask is optional (``pip install meantime[dask]``); it is imported only when a client is given.
"""

from __future__ import annotations

import numbers
from typing import Any, Callable, Optional, Sequence, TypeVar

from .. import _core
from ..errors import ArgumentError, RunCancelled
from .result import Result

T = TypeVar("T")

__all__ = ["DEFAULT_CHUNK_PATHS", "DEFAULT_RETRIES", "chunk_ranges", "ClusterSettings"]

#: Paths per task: big enough that a task's overhead (a few milliseconds) is small beside its
#: run (about a second for the default scenario), small enough to spread a run over workers.
DEFAULT_CHUNK_PATHS = 65_536
#: How many more times Dask runs a chunk that raised (a lost worker is handled by Dask itself,
#: up to its ``distributed.scheduler.allowed-failures``).
DEFAULT_RETRIES = 2


def chunk_ranges(first_path: int, paths: int, chunk_paths: int) -> list[tuple[int, int]]:
    """``[(first, count), ...]`` covering paths ``first_path .. first_path + paths - 1`` in order."""
    return [(first_path + start, min(chunk_paths, paths - start)) for start in range(0, paths, chunk_paths)]


def merge_in_order(runs: Sequence[_core.RunResult]) -> _core.RunResult:
    """Adjacent chunks merged pairwise (a fixed tree, so each path's data is copied about
    log2(chunks) times rather than once per chunk); exact merges make the shape irrelevant."""
    runs = list(runs)
    while len(runs) > 1:
        runs = [runs[i].merged(runs[i + 1]) if i + 1 < len(runs) else runs[i] for i in range(0, len(runs), 2)]
    return runs[0]


def _run_chunk(
    scenario: Any, paths: int, seed: int, first_path: int, keep_outcomes: bool, keep_paths: bool
) -> _core.RunResult:
    # One engine thread per task: Dask's parallelism is one task per worker thread.
    return _core.simulate(
        scenario._core,
        paths=paths,
        seed=seed,
        first_path=first_path,
        threads=1,
        keep_outcomes=keep_outcomes,
        keep_paths=keep_paths,
        progress=None,
    )


def _merge_and_reduce(reduce: Callable[[Result], T], scenario: Any, *chunks: _core.RunResult) -> T:
    return reduce(Result(scenario, merge_in_order(chunks)))


def _cancels(answer: Any) -> bool:
    """A progress answer stops the work as the engine's does: None carries on, anything false stops."""
    return answer is not None and not answer


class ClusterSettings:
    """A Dask client and how to cut work for it: what ``client=``, ``chunk_paths=`` and
    ``retries=`` of :func:`~meantime.simulate` and the analyses become.

    Parameters
    ----------
    client : dask.distributed.Client
    chunk_paths : int, optional
        Paths per task (default :data:`DEFAULT_CHUNK_PATHS`). The answer does not depend on it.
    retries : int, optional
        Extra attempts for a task that raised (default :data:`DEFAULT_RETRIES`).
    """

    def __init__(self, client: Any, chunk_paths: Optional[int] = None, retries: Optional[int] = None) -> None:
        try:
            from distributed import Client
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError("client= needs Dask: pip install 'meantime[dask]'") from error
        if not isinstance(client, Client):
            raise ArgumentError("client", f"must be a dask.distributed.Client, got {type(client).__name__}")
        self.client = client
        self.chunk_paths = _positive("chunk_paths", DEFAULT_CHUNK_PATHS if chunk_paths is None else chunk_paths)
        self.retries = DEFAULT_RETRIES if retries is None else _positive("retries", retries, allow_zero=True)

    @classmethod
    def make(cls, client: Any, chunk_paths: Optional[int], retries: Optional[int]) -> Optional["ClusterSettings"]:
        """Settings for ``client``, or None to run here (and then ``chunk_paths`` and
        ``retries`` must not be given: they would silently do nothing)."""
        if client is None:
            for name, value in (("chunk_paths", chunk_paths), ("retries", retries)):
                if value is not None:
                    raise ArgumentError(name, "only applies with client= (a Dask client)")
            return None
        return cls(client, chunk_paths, retries)

    # -- submitting -------------------------------------------------------------------------------

    def _scatter(self, scenarios: Sequence[Any]) -> list[Any]:
        """Each distinct scenario sent to every worker once; one future per scenario, in order."""
        distinct: dict[Any, int] = {}
        for scenario in scenarios:
            distinct.setdefault(scenario, len(distinct))
        futures = self.client.scatter(list(distinct), broadcast=True, hash=False) if distinct else []
        return [futures[distinct[scenario]] for scenario in scenarios]

    def _submit_chunks(
        self, scenario_future: Any, paths: int, seed: int, first_path: int, keep_outcomes: bool, keep_paths: bool
    ) -> list[tuple[int, Any]]:
        return [
            (
                count,
                self.client.submit(
                    _run_chunk,
                    scenario_future,
                    count,
                    seed,
                    first,
                    keep_outcomes,
                    keep_paths,
                    pure=False,
                    retries=self.retries,
                ),
            )
            for first, count in chunk_ranges(first_path, paths, self.chunk_paths)
        ]

    def _wait(
        self,
        futures: dict[Any, int],
        report: Callable[[int, int], Any],
        total: int,
        on_done: Callable[[Any], None] = lambda future: None,
    ) -> None:
        """Waits for ``futures`` (future -> paths it stands for; emptied as they finish, so that
        the cluster can free what nothing needs any more), reporting paths done as each finishes.
        A progress answer that cancels stops the work (RunCancelled); anything left unfinished
        (an error, Ctrl-C) is cancelled on the cluster."""
        from distributed import as_completed

        done = 0
        try:
            for future in as_completed(list(futures)):
                count = futures.pop(future)
                if future.status == "error":
                    future.result()  # raises the task's error here
                on_done(future)
                done += count
                if _cancels(report(done, total)):
                    raise RunCancelled("the run was stopped by its progress function")
        finally:
            if futures:
                self.client.cancel(list(futures))
                futures.clear()

    # -- running ----------------------------------------------------------------------------------

    def simulate(
        self,
        scenario: Any,
        paths: int,
        seed: int,
        first_path: int,
        keep_outcomes: bool,
        keep_paths: bool,
        report: Callable[[int, int], Any],
    ) -> _core.RunResult:
        """One run, chunk by chunk on the cluster, merged here in path order."""
        [scenario_future] = self._scatter([scenario])
        chunks = self._submit_chunks(scenario_future, paths, seed, first_path, keep_outcomes, keep_paths)
        order = {future.key: i for i, (_, future) in enumerate(chunks)}
        waiting = {future: count for count, future in chunks}
        del chunks, scenario_future
        results: dict[int, _core.RunResult] = {}  # by chunk, as they finish

        def keep(future: Any) -> None:
            results[order[future.key]] = future.result()

        self._wait(waiting, report, paths, keep)
        return merge_in_order([results[i] for i in range(len(order))])

    def run_and_reduce(
        self,
        scenarios: Sequence[Any],
        seeds: Sequence[int],
        paths: int,
        reduce: Callable[[Result], T],
        report: Callable[[int, int], Any],
    ) -> list[T]:
        """Every scenario run with its seed, each reduced on a worker from its merged chunks;
        the reduced values come back, in the scenarios' order."""
        scenario_futures = self._scatter(scenarios)
        reduced, waiting, chunks = [], {}, []
        # Submitted scenario by scenario, so Dask (first come, first served among ready tasks)
        # merges and reduces a run as soon as its chunks are done and frees them.
        for scenario_future, seed in zip(scenario_futures, seeds):
            chunks = self._submit_chunks(scenario_future, paths, seed, 0, True, False)
            reduced.append(
                self.client.submit(
                    _merge_and_reduce,
                    reduce,
                    scenario_future,
                    *[future for _, future in chunks],
                    pure=False,
                    retries=self.retries,
                )
            )
            waiting.update({future: count for count, future in chunks})
        del scenario_futures, chunks
        waiting.update({future: 0 for future in reduced})
        self._wait(waiting, report, paths * len(scenarios))
        return [future.result() for future in reduced]


def _positive(name: str, value: Any, allow_zero: bool = False) -> int:
    low = 0 if allow_zero else 1
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
        raise ArgumentError(name, f"must be a whole number of at least {low}, got {value!r}")
    return int(value)
