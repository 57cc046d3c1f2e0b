"""The settings every run takes, checked once: how many paths, which seed, how many threads,
and how progress is shown."""

from __future__ import annotations

import numbers
from typing import Any, Callable, Optional, Union

from .. import _core
from ..errors import RunSettingsError

__all__ = ["ProgressArgument", "whole_number", "check_run_settings"]

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
