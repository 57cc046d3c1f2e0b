"""The settings every run takes, documented and checked once (:class:`RunSettings`): how many
paths, which seed, how many threads, how progress is shown, and the cluster to run on."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import numbers
from typing import Any, Callable, Optional, TypeVar, Union

from .. import _core
from ..errors import ArgumentError, RunSettingsError

__all__ = [
    "RunSettings",
    "takes_run_settings",
    "RUN_SETTINGS",
    "ProgressArgument",
    "whole_number",
    "check_run_settings",
    "DEFAULT_SEED",
    "DEFAULT_PATHS",
]

#: The seed every run uses unless told otherwise: :func:`~meantime.simulate`, every analysis and
#: the ``meantime`` command alike, so one scenario file gives one answer wherever it is run.
DEFAULT_SEED = 2026
#: The futures a run simulates unless told otherwise.
DEFAULT_PATHS = 10_000

#: ``progress=``: None (a bar when the run looks long), True (always), False (never), or a
#: function called as ``progress(done, total)`` that may return False to cancel.
ProgressArgument = Union[None, bool, Callable[[int, int], Any]]


def whole_number(name: str, value: Any, low: int, high: int) -> int:
    """``value`` as an int in ``low..high``; a :class:`~meantime.RunSettingsError` naming ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise RunSettingsError(name, f"must be a whole number, got {value!r}")
    value = int(value)
    if not low <= value <= high:
        raise RunSettingsError(name, f"must be between {low:,} and {high:,}, got {value:,}")
    return value


def check_run_settings(paths: Any, seed: Any, threads: Any) -> tuple[int, int, Optional[int]]:
    """``paths``, ``seed`` and ``threads`` checked as :func:`~meantime.simulate` checks them, before
    any work starts (a :class:`~meantime.RunSettingsError` naming the one that is unusable)."""
    paths = whole_number("paths", paths, 1, _core.MAX_PATHS)
    seed = whole_number("seed", seed, 0, 2**64 - 1)
    threads = None if threads is None else whole_number("threads", threads, 1, 1024)
    return paths, seed, threads


@dataclasses.dataclass(frozen=True)
class RunSettings:
    """The settings of every run, shared by :func:`~meantime.simulate` and every analysis that
    simulates; each function takes them one by one as keywords, or together as ``settings=``.

    Parameters
    ----------
    paths : int, default 10_000
        Futures to simulate in each run (:data:`DEFAULT_PATHS`).
    seed : int, default 2026
        Seed of the random streams (default :data:`meantime.DEFAULT_SEED`, the same in Python and
        on the command line), ``0 <= seed < 2**64``. Path ``i`` always draws from the
        stream keyed by ``(seed, i)``, so every run of an analysis meets the same luck path by
        path (common random numbers) and the same settings give the same answer.
    threads : int, optional
        Worker threads; default all cores. The answers do not depend on it.
    progress : None, bool or callable
        None: a progress bar when the work looks like taking more than about a second (one bar
        over a whole analysis). True: always; False: never. A callable is called as
        ``progress(done, total)`` about every 0.1 s and may return False to cancel
        (:class:`~meantime.RunCancelled`).
    client : dask.distributed.Client, optional
        Run on this Dask cluster instead (``pip install 'meantime[dask]'``): each run is cut into
        chunks of paths, one task each, merged in path order, so the answer is the local one bit
        for bit.
    chunk_paths : int, optional
        With ``client``: paths per task, default 65,536. The answers do not depend on it.
    retries : int, optional
        With ``client``: extra attempts for a task that raised, default 2.

    Examples
    --------
    >>> import meantime
    >>> settings = meantime.RunSettings(paths=2_000, seed=7, progress=False)
    >>> a = meantime.simulate(settings=settings)
    >>> b = meantime.price_curve(None, [10, 12], settings=settings)
    >>> bool(a.survival() == meantime.simulate(paths=2_000, seed=7, progress=False).survival())
    True
    """

    paths: int = DEFAULT_PATHS
    seed: int = DEFAULT_SEED
    threads: Optional[int] = None
    progress: ProgressArgument = None
    client: Any = None
    chunk_paths: Optional[int] = None
    retries: Optional[int] = None

    def replace(self, **changes: Any) -> "RunSettings":
        """These settings with ``changes`` (``settings.replace(paths=100_000)``)."""
        return dataclasses.replace(self, **changes)


RUN_SETTINGS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(RunSettings))

F = TypeVar("F", bound=Callable[..., Any])


def takes_run_settings(function: F) -> F:
    """Let ``function`` (which declares ``settings: Optional[RunSettings] = None``) take its run
    settings together as ``settings=`` as well as one by one: the settings it has keywords for are
    passed as those keywords; giving both, or a setting it does not use, is a
    :class:`~meantime.ArgumentError`."""
    signature = inspect.signature(function)
    used = [name for name in RUN_SETTINGS if name in signature.parameters]
    defaults = RunSettings()

    if "settings" not in signature.parameters:
        raise TypeError(f"{function.__name__} must have a keyword `settings: Optional[RunSettings] = None`")

    @functools.wraps(function)
    def with_settings(*args: Any, **kwargs: Any) -> Any:
        settings = kwargs.pop("settings", None)
        if settings is not None:
            if not isinstance(settings, RunSettings):
                raise ArgumentError("settings", f"must be a meantime.RunSettings, got {type(settings).__name__}")
            given = [name for name in used if name in signature.bind_partial(*args, **kwargs).arguments]
            if given:
                raise ArgumentError(
                    "settings",
                    f"give the run settings in settings= or as keywords, not both ({', '.join(given)} given too)",
                )
            unused = [
                name for name in RUN_SETTINGS if name not in used and getattr(settings, name) != getattr(defaults, name)
            ]
            if unused:
                raise ArgumentError("settings", f"{function.__name__} does not use {', '.join(unused)}")
            kwargs.update({name: getattr(settings, name) for name in used})
        return function(*args, **kwargs)

    return with_settings  # type: ignore[return-value]
