"""The viability report of a case: the same file as ``meantime report`` writes for the same
scenario, seed and paths (the same run, analyses and page as its ``write_report``)."""

from __future__ import annotations

import warnings
from typing import Any, Callable

from ..analyses.viability import viability_analyses
from ..report.viability import COMBINED_FAN_PATHS
from ..report.viability import report_html as _report_html
from ..running.simulation import simulate
from ..scenario.scenario import Scenario
from .answers import one_start_up

__all__ = ["report_html"]


def report_html(
    scenario: Scenario,
    paths: int,
    seed: int,
    title: str,
    progress: Callable[[int, int], Any] | None = None,
    max_seconds: float | None = None,
) -> str:
    # As `meantime report` runs it: outcomes not kept, paths kept when the fan can use them all.
    result = one_start_up(
        simulate(
            scenario,
            paths=paths,
            seed=seed,
            keep_outcomes=False,
            keep_paths=paths <= COMBINED_FAN_PATHS,
            progress=progress if progress is not None else False,
            max_seconds=max_seconds,
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # matplotlib's layout notes are not the reader's
        extras = viability_analyses(result, COMBINED_FAN_PATHS, analyses=True)
        return _report_html(result, extras, title=title)
