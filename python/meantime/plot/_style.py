"""What every meantime plot shares: greys, hatching and line styles that survive a black-and-white
printer, pounds and percentages on the axes, and the axes to draw on."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from ..scenario.schema import FIELD_BY_PATH

# Greys from light to dark: bands are filled, lines are black or dark grey and differ by style.
BAND_90 = "0.85"
BAND_50 = "0.62"
LINE = "black"
SECOND = "0.35"
HATCH = "////"


def axes(ax: Any = None, size: tuple[float, float] = (7.0, 4.0)):
    """``ax``, or the axes of a new figure of ``size`` inches."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def pounds(ax: Any, axis: str = "y") -> None:
    """Label an axis's ticks as money: £1,200, -£300, £12k."""
    from matplotlib.ticker import FuncFormatter

    def form(value: float, _position: Any) -> str:
        sign = "-" if value < 0 else ""
        value = abs(value)
        if value >= 10_000:
            return f"{sign}£{value / 1000:,.0f}k"
        return f"{sign}£{value:,.0f}" if value == round(value) else f"{sign}£{value:,.2f}"

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(FuncFormatter(form))


def legend_below(ax: Any, handles: Any = None, labels: Any = None, columns: int | None = None) -> Any:
    """The legend under the axes, below the month (or price) axis: off the data, whatever the data
    do. Returns the legend; a constrained layout (the default of :func:`axes` and the reports)
    makes room for it."""
    from matplotlib.transforms import offset_copy

    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    columns = columns or min(len(handles), 2 if max(len(str(t)) for t in labels) > 28 else 3)
    # Anchored under the axes, lowered past the tick labels and the axis label (about 3 lines).
    under = offset_copy(ax.transAxes, fig=ax.figure, y=-3.3 * _font_points(ax), units="points")
    return ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=under,
        ncols=columns,
        fontsize="small",
        frameon=False,
    )


def _font_points(ax: Any) -> float:
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    return float(FontProperties(size=rcParams["axes.labelsize"]).get_size_in_points())


def percent(ax: Any, axis: str = "y") -> None:
    """Label an axis holding shares (0..1) as percentages."""
    from matplotlib.ticker import PercentFormatter

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))


def months_axis(ax: Any, months: int) -> None:
    from matplotlib.ticker import MultipleLocator

    ax.set_xlim(0.5, months + 0.5)
    ax.set_xlabel("Month")
    # Whole years (or quarters, or months) read better than matplotlib's 5s and 10s.
    step = 12 if months > 48 else 6 if months > 18 else 3 if months > 6 else 1
    ax.xaxis.set_major_locator(MultipleLocator(step))


def field_label(path: str) -> str:
    """A scenario field as an axis label with its unit: "price_per_session (pounds)"."""
    info = FIELD_BY_PATH.get(path)
    name = path.rsplit(".", 1)[-1].replace("_", " ")
    if info is None or not info.unit:
        return name
    return f"{name} ({info.unit})"


def _money(x: float) -> str:
    sign = "-" if x < 0 else ""
    x = abs(x)
    return f"{sign}£{x:,.0f}" if x >= 100 or x == round(x) else f"{sign}£{x:,.2f}"


_UNIT_WORDS = {
    "hours per week": "hours a week",
    "sessions per client per month": "sessions a client a month",
    "prospects per month": "prospects a month",
}


def setting(path: str, value: float) -> str:
    """A field's value with its unit, as a label says it: "£1,750", "12 hours a week", "25%"."""
    info = FIELD_BY_PATH.get(re.sub(r"\[\d+\]", "[]", path))
    unit = info.unit if info else ""
    if unit == "pounds":
        return _money(value)
    if unit == "pounds per hour":
        return _money(value) + " an hour"
    if unit in ("share", "probability"):
        return f"{100 * value:.3g}%"
    if unit in ("per year", "share per year"):
        return f"{100 * value:.3g}% a year"
    number = nice_number(value)
    return f"{number} {_UNIT_WORDS.get(unit, unit)}".strip()


def setting_range(path: str, low: float, high: float) -> str:
    """Two values of a field with the unit said once: "£900 to £1,100", "3 to 5 sessions a client a
    month"."""
    first, second = setting(path, low), setting(path, high)
    number = nice_number(low)
    if first.startswith(number + " "):  # a unit in words after the number: say it after the second
        return f"{number} to {second}"
    return f"{first} to {second}"


def wilson(p: np.ndarray, n: int, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of a binomial proportion ``p`` from ``n`` trials: unlike
    p ± z·se it stays within [0, 1] and is not empty at p = 0 or 1."""
    from statistics import NormalDist

    z = NormalDist().inv_cdf(0.5 + level / 2)
    p = np.asarray(p, dtype=float)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def column(frame: Any, name: str, argument: str) -> np.ndarray:
    """A column of a DataFrame as floats, or a ValueError naming the columns it has."""
    if name not in frame.columns:
        raise ValueError(
            f"the table has no column {name!r} (given as {argument}=); "
            f"its columns are: {', '.join(map(str, frame.columns))}"
        )
    return np.asarray(frame[name], dtype=float)


def nice_number(x: float) -> str:
    if not math.isfinite(x):
        return str(x)
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"
