"""Running a scenario: :func:`simulate`."""

from __future__ import annotations

import math
import numbers
import time
from typing import Any, Callable, Mapping, Optional, Union

from .. import _core
from ..errors import ArgumentError, MemoryLimitError, RunSettingsError
from ..scenario.scenario import Scenario, default_scenario
from .cluster import ClusterSettings
from .progress import ProgressBar
from .result import Result
from .settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings, whole_number
from .town_result import TownResult

__all__ = ["simulate", "founder_result"]


def _seconds_limit(max_seconds: Any, on_cluster: bool) -> float:
    """The engine's time limit (0: none) from ``max_seconds`` (None: none)."""
    if max_seconds is None:
        return 0.0
    if isinstance(max_seconds, bool) or not isinstance(max_seconds, numbers.Real):
        raise RunSettingsError("max_seconds", f"must be a number of seconds, got {max_seconds!r}")
    seconds = float(max_seconds)
    if not (math.isfinite(seconds) and seconds > 0):
        raise RunSettingsError("max_seconds", f"must be > 0 seconds (or None for no limit), got {max_seconds!r}")
    if on_cluster:
        raise RunSettingsError("max_seconds", "applies to local runs only (not with client=)")
    return seconds


def _check_memory_here(scenario: Scenario, paths: int, keep_outcomes: bool, keep_paths: bool) -> None:
    """A cluster run's kept arrays come back to this machine: they must fit here (the engine's
    rule: at most three quarters of the memory available), whatever each worker can hold."""
    needed = _core.per_path_bytes(scenario._core, paths, keep_outcomes, keep_paths)
    available = _core.available_memory()
    if needed > 0 and (available == 0 or needed > 0.75 * available):
        remedy = (
            "run with keep_paths off (statistics need no per-path memory), or fewer paths"
            if keep_paths
            else "run with keep_outcomes off, or fewer paths"
        )
        raise MemoryLimitError(
            f"the per-path arrays would need {needed / 2**20:,.1f} MiB here but "
            f"{available / 2**20:,.1f} MiB is available; {remedy}",
            needed,
            available,
        )


@takes_run_settings
def simulate(
    scenario: Scenario | Mapping[str, Any] | None = None,
    paths: int = 10_000,
    seed: int = DEFAULT_SEED,
    *,
    threads: int | None = None,
    keep_outcomes: bool = True,
    keep_paths: bool = False,
    progress: ProgressArgument = None,
    first_path: int = 0,
    client: Any = None,
    chunk_paths: int | None = None,
    retries: int | None = None,
    max_seconds: float | None = None,
    settings: Optional[RunSettings] = None,
) -> Result | TownResult:
    """Simulate many futures of one start-up idea, or of a town of several providers.

    Path ``i`` always draws from the random stream keyed by ``(seed, i)``: the same scenario,
    seed and paths give bit-identical results for any number of threads, and two scenarios run
    with one seed share their random numbers path by path (common random numbers).

    The run releases the GIL and can be stopped with Ctrl-C (``KeyboardInterrupt`` within about
    a tenth of a second; the engine's threads are joined before it is raised).

    Parameters
    ----------
    scenario : Scenario or dict, optional
        The start-up idea; a dict is read with :meth:`Scenario.from_dict` (so it states the
        essentials, or says ``"based_on": "kitchen-table"``). Default:
        :func:`default_scenario`.
    paths : int, default 10_000
        Futures to simulate.
    seed : int, default 2026
        Seed of the random streams, 0 <= seed < 2**64; the default is :data:`meantime.DEFAULT_SEED`,
        the command line's too.
    threads : int, optional
        Worker threads; default all cores. The results do not depend on it.
    keep_outcomes : bool, default True
        Keep each path's outcome (:attr:`Result.outcomes`, about 60 bytes a path).
    keep_paths : bool, default False
        Keep every series for every path and month (:attr:`Result.paths`, 8 bytes a
        path-month per series). Memory is checked before anything is allocated.
    progress : bool or callable, optional
        None: a progress bar appears when the run looks like taking more than about a second.
        True: always a bar; False: never. A callable is called as ``progress(done, total)``
        about every 0.1 s; returning False cancels the run (:class:`RunCancelled`).
    first_path : int, default 0
        Simulate paths ``first_path .. first_path + paths - 1``: one chunk of a larger run
        (chunks combine with :meth:`Result.merge`).
    client : dask.distributed.Client, optional
        Run on this Dask cluster instead (``pip install 'meantime[dask]'``): the paths are cut
        into chunks of ``chunk_paths``, one task each, and merged in path order, so the result
        is bit-identical to the local run (see docs/clusters.md). The
        scenario is sent to each worker once; ``threads`` does not apply (one engine thread per
        task).
    chunk_paths : int, optional
        With ``client``: paths per task, default 65,536. The result does not depend on it.
    retries : int, optional
        With ``client``: extra attempts for a task that raised, default 2. A worker that dies
        is replaced by Dask and its chunks run again, with the same answer.
    max_seconds : float, optional
        Stop the run once it has taken this many seconds and raise :class:`RunTimeout` (a
        ``TimeoutError``); the engine's threads are stopped first. Default: no limit. Local
        runs only.

    settings : RunSettings, optional
        The run settings together (:class:`~meantime.RunSettings`, where each is documented),
        instead of the keywords.
    Returns
    -------
    Result or TownResult
        ``summary()``, ``monthly``, ``outcomes``, ``paths`` and ``str(result)`` in words. A
        scenario with a ``providers`` list (a town) gives a :class:`TownResult`: one
        :class:`Result` per provider and the town's statistics (local runs only, for now).

    Raises
    ------
    ScenarioError
        When the scenario (a dict) breaks a rule.
    RunSettingsError
        When ``paths``, ``seed``, ``threads`` or ``first_path`` is unusable.
    MemoryLimitError
        A ``MemoryError``: the kept arrays would not fit; the message gives the estimate and
        the remedy. Raised before allocating.
    KeyboardInterrupt
        On Ctrl-C.
    RunCancelled
        When the progress callable returned False.
    RunTimeout
        A ``TimeoutError``: the run took longer than ``max_seconds``.

    Examples
    --------
    >>> import meantime
    >>> result = meantime.simulate(meantime.default_scenario(), paths=2_000, seed=1)
    >>> 0 <= result.survival() <= 1
    True
    >>> result.outcomes.shape[0]
    2000
    """
    if scenario is None:
        scenario = default_scenario()
    elif isinstance(scenario, Mapping):
        scenario = Scenario.from_dict(scenario)
    elif not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a meantime.Scenario or a dict, got {type(scenario).__name__}")
    paths = whole_number("paths", paths, 1, _core.MAX_PATHS)
    seed = whole_number("seed", seed, 0, 2**64 - 1)
    first_path = whole_number("first_path", first_path, 0, 2**63 - 1)
    threads = 0 if threads is None else whole_number("threads", threads, 1, 1024)
    cluster = ClusterSettings.make(client, chunk_paths, retries)
    limit = _seconds_limit(max_seconds, cluster is not None)

    bar: Optional[ProgressBar] = None
    report: Optional[Callable[[int, int], Any]]
    if callable(progress) and not isinstance(progress, bool):
        report = progress
    elif progress is None or progress is True or progress is False:
        bar = None if progress is False else ProgressBar(paths, always=progress is True)
        report = bar
    else:
        raise TypeError(f"progress must be None, True, False or a function, got {type(progress).__name__}")

    town = len(scenario.providers) > 0
    if town and cluster is not None:
        raise RunSettingsError("client", "a town of several providers runs on this machine only, for now")
    start = time.perf_counter()
    run: Union[_core.RunResult, _core.TownResult]
    try:
        if town:
            run = _core.simulate_town(
                scenario._core,
                paths=paths,
                seed=seed,
                first_path=first_path,
                threads=threads,
                keep_outcomes=bool(keep_outcomes),
                keep_paths=bool(keep_paths),
                progress=report,
                max_seconds=limit,
            )
        elif cluster is not None:
            _check_memory_here(scenario, paths, bool(keep_outcomes), bool(keep_paths))
            run = cluster.simulate(
                scenario,
                paths,
                seed,
                first_path,
                bool(keep_outcomes),
                bool(keep_paths),
                report if report is not None else (lambda done, total: None),
            )
        else:
            run = _core.simulate(
                scenario._core,
                paths=paths,
                seed=seed,
                first_path=first_path,
                threads=threads,
                keep_outcomes=bool(keep_outcomes),
                keep_paths=bool(keep_paths),
                progress=report,
                max_seconds=limit,
            )
    finally:
        if bar is not None:
            bar.close()
    if isinstance(run, _core.TownResult):
        return TownResult(scenario, run, seconds=time.perf_counter() - start)
    result = Result(scenario, run, seconds=time.perf_counter() - start)
    result.show_progress = progress is None or progress is True
    result.report_later = report if bar is None and report is not None else None  # a function given
    return result


def founder_result(result: Result | TownResult, what: str = "scenario") -> Result:
    """`result` as one founder's :class:`Result`, for the callers that run one founder's scenario
    (``what`` names it); a town's result raises :class:`ArgumentError`, naming ``what``."""
    if isinstance(result, TownResult):
        raise ArgumentError(what, f"must be one founder's scenario, not a town of {len(result.providers)} providers")
    return result
