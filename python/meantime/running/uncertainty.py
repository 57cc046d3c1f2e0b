"""The one convention for a Monte Carlo answer's uncertainty, used by every place that shows one
(the command line, the reports, the plots): ``±`` is the half-width of a 95% interval,
1.96 standard errors, and is said once where the answers are shown (:data:`CONVENTION`).

Examples
--------
>>> from meantime.running.uncertainty import share_with_interval, half_width
>>> round(half_width(0.01), 4)
0.0196
>>> share_with_interval(0.623, 0.0048)
'62.3% ± 0.9'
"""

from __future__ import annotations

import math
from statistics import NormalDist

__all__ = ["LEVEL", "Z", "CONVENTION", "half_width", "interval", "share_with_interval", "points"]

#: The level of every interval meantime shows.
LEVEL = 0.95
#: Standard errors in the half-width of a :data:`LEVEL` interval (1.959964).
Z = NormalDist().inv_cdf(0.5 + LEVEL / 2)
#: The convention in words, for the line under a table or beside the headline.
CONVENTION = (
    "± is a 95% interval of the simulation's estimate (1.96 standard errors; for a chance, in "
    "percentage points): more simulated futures make it narrower"
)


def half_width(std_error: float) -> float:
    """The ± of an estimate with this standard error: :data:`Z` times it (NaN stays NaN)."""
    return Z * std_error


def interval(estimate: float, std_error: float) -> tuple[float, float]:
    """The :data:`LEVEL` interval ``(low, high)`` of an estimate with this standard error."""
    return estimate - half_width(std_error), estimate + half_width(std_error)


def points(std_error: float, decimals: int = 1) -> str:
    """The ± of a chance in percentage points, as a number: ``points(0.0048)`` is ``"0.9"``."""
    return "-" if math.isnan(std_error) else f"{100 * half_width(std_error):.{decimals}f}"


def share_with_interval(p: float, std_error: float, decimals: int = 1) -> str:
    """A chance as a percentage with its ± in points: ``"62.3% ± 0.9"``."""
    if math.isnan(p):
        return "-"
    return f"{100 * p:.{decimals}f}% ± {points(std_error, decimals)}"
