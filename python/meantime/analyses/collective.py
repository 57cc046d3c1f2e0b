"""What a collective does for its members: each member's survival with and without it."""

from __future__ import annotations

import math
from typing import Any, Optional

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ..running.town_result import TownResult, provider_label
from ._arguments import as_scenario
from ._runs import Runs

__all__ = ["collective_effect"]


@takes_run_settings
def collective_effect(
    scenario: Any,
    paths: int = 10_000,
    seed: int = DEFAULT_SEED,
    *,
    month: int | None = None,
    threads: int | None = None,
    progress: ProgressArgument = None,
    settings: Optional[RunSettings] = None,
) -> pd.DataFrame:
    """Each member's survival with the collective and without it, under common random numbers.

    The town is run twice with the same seed: as it is, and with ``collective.enabled`` off
    (each member then pays its own cost items and nobody covers an ill member). Every provider
    draws from its own stream in both runs, so the difference is measured path by path.

    Parameters
    ----------
    scenario : Scenario or dict
        A town (a ``providers`` list) with an enabled collective.
    month : int, optional
        Survival at the end of this month (default: the horizon).
    paths, seed, threads, progress, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: every run of the analysis uses them, with one progress bar
        over the whole analysis.

    Returns
    -------
    pandas.DataFrame
        One row per member (``provider``): ``survival_with``, ``survival_without`` (each with
        ``_se``), ``difference`` and ``difference_se`` (the paired standard error).

    Raises
    ------
    ArgumentError
        When the scenario has no providers, no enabled collective, or ``month`` is outside the
        horizon.

    Examples
    --------
    >>> import meantime
    >>> town = meantime.Scenario(
    ...     providers=[{"stream": 1, "collective_member": True, "costs": {"premises": 200}},
    ...                {"stream": 2, "collective_member": True, "costs": {"premises": 200}}],
    ...     collective={"enabled": True, "premises": {"shared": True, "cost_per_month": 200}})
    >>> table = meantime.collective_effect(town, paths=2_000, seed=1)
    >>> bool((table["difference"] > 0).all())
    True
    """
    scenario = as_scenario(scenario)
    if not scenario.providers:
        raise ArgumentError("scenario", "has no providers list: a collective is made of a town's providers")
    if not scenario.collective.enabled:
        raise ArgumentError("scenario", "has no collective (collective.enabled is off)")
    horizon = scenario.run.months
    month = horizon if month is None else month
    if isinstance(month, bool) or not isinstance(month, (int, np.integer)) or not 1 <= month <= horizon:
        raise ArgumentError("month", f"must be a whole month between 1 and {horizon}, got {month!r}")
    members = [i for i, provider in enumerate(scenario.providers) if provider.collective_member]

    def survived(town: TownResult) -> list[np.ndarray]:
        return [_survived(town.providers[i].outcome_arrays["failure_month"], month) for i in members]

    with Runs(paths, seed, threads, progress, expected_runs=2) as runs:
        together, apart = runs.run([scenario, scenario.replace(collective__enabled=False)], survived)
    rows = []
    for i, with_, without in zip(members, together, apart):
        n = with_.size
        difference = with_ - without
        rows.append(
            {
                "provider": provider_label(i),
                "survival_with": with_.mean(),
                "survival_with_se": _se(with_),
                "survival_without": without.mean(),
                "survival_without_se": _se(without),
                "difference": difference.mean(),
                "difference_se": float(difference.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan,
            }
        )
    return pd.DataFrame(rows).set_index("provider")


def _survived(failure_month: np.ndarray, month: int) -> np.ndarray:
    """1.0 where the path was still going at the end of ``month``."""
    return ((failure_month < 0) | (failure_month > month)).astype(float)


def _se(x: np.ndarray) -> float:
    p = x.mean()
    return math.sqrt(p * (1 - p) / x.size)
