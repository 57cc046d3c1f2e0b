"""Plots of market capacity (:func:`meantime.market_capacity`): an answer against the number of
providers sharing a pool of budget holders, and how many of them survive.

Each takes the table it draws (pandas DataFrames), so a table made by hand with the same columns
will do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..running.uncertainty import Z
from . import _style

__all__ = ["capacity_curve", "survivors_distribution", "capacity_panels"]

_LABELS = {
    "survivors": "Expected providers still trading",
    "client_months": "Client-months served (town, per future)",
    "clients_served": "Budget holders served (town, per future)",
    "client_months_per_provider": "Client-months per provider",
}


def capacity_curve(
    table, ax: Any = None, *, column: str = "client_months", best_k: int | None = None, month: int | None = None
):
    """An answer against the number of providers who start, with the band of its 95% interval.

    Parameters
    ----------
    table : pandas.DataFrame
        Indexed by the number of providers (``providers``), as :attr:`MarketCapacity.table
        <meantime.MarketCapacity.table>` gives it: ``column`` and, when present, ``<column>_se``.
    column : str, default "client_months"
        ``"survivors"`` also draws the line where every provider survives (``k``).
    best_k : int, optional
        Marked with a ring and a note.
    month : int, optional
        The month of ``survivors``, for the axis label.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd, meantime
    >>> table = pd.DataFrame({"client_months": [450, 430, 330]}, index=pd.Index([1, 2, 3], name="providers"))
    >>> ax = meantime.plot.capacity_curve(table, best_k=1)
    >>> ax.get_xlabel()
    'Providers who start in the town'
    """
    ax = _style.axes(ax)
    k = np.asarray(table.index, dtype=float)
    values = _style.column(table, column, "column")
    if f"{column}_se" in table.columns:
        se = np.nan_to_num(_style.column(table, f"{column}_se", "column"))
        ax.fill_between(k, values - Z * se, values + Z * se, color=_style.BAND_90, linewidth=0, label="95% interval")
    ax.plot(k, values, "-o", color=_style.LINE, label=_LABELS.get(column, column).split(" (")[0].lower())
    if column == "survivors":
        ax.plot(k, k, ":", color=_style.SECOND, label="all of them")
        ax.set_ylim(bottom=0)
    if best_k is not None and best_k in table.index:
        y = float(table.loc[best_k, column])
        ax.plot([best_k], [y], "o", markersize=14, markerfacecolor="none", markeredgecolor=_style.LINE)
        last = best_k == k.max() and len(k) > 1  # write the note on the inside
        ax.annotate(
            f"most served: {best_k}",
            (best_k, y),
            xytext=(-10 if last else 10, 10),
            textcoords="offset points",
            ha="right" if last else "left",
            fontsize="small",
        )
    ax.set_xticks(k)
    ax.set_xlim(k.min() - 0.4, k.max() + 0.4)
    ax.set_xlabel("Providers who start in the town")
    label = _LABELS.get(column, column.replace("_", " "))
    if column == "survivors" and month is not None:
        label += f" after {month} months"
    ax.set_ylabel(label)
    ax.set_title("How many providers the pool sustains" if column == "survivors" else "Budget holders served")
    _style.legend_below(ax)
    return ax


def survivors_distribution(distribution, ax: Any = None, *, month: int | None = None):
    """For each number of providers who start, the share of futures with 0, 1, 2... of them still
    trading: stacked bars, darker for more survivors.

    Parameters
    ----------
    distribution : pandas.DataFrame
        Rows: providers who start (``k``); columns: survivors (0..K); shares summing to 1 per
        row, as :attr:`MarketCapacity.distribution <meantime.MarketCapacity.distribution>`.
    month : int, optional
        The month of the count, for the axis label.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _style.axes(ax)
    k = np.asarray(distribution.index, dtype=float)
    columns = [c for c in distribution.columns if (distribution[c] > 0).any()]
    greys = np.linspace(0.92, 0.1, max(2, len(columns)))
    bottom = np.zeros(len(k))
    for i, survivors in enumerate(columns):
        share = np.asarray(distribution[survivors], dtype=float)
        ax.bar(
            k,
            share,
            bottom=bottom,
            width=0.7,
            color=str(greys[i]),
            edgecolor=_style.LINE,
            linewidth=0.5,
            hatch=_style.HATCH if survivors == 0 else None,
            label=f"{survivors} trading",
        )
        bottom += share
    ax.set_xticks(k)
    ax.set_ylim(0, 1)
    _style.percent(ax, "y")
    ax.set_xlabel("Providers who start in the town")
    ax.set_ylabel("Share of futures" + (f", after {month} months" if month is not None else ""))
    ax.set_title("How many are still trading")
    handles, labels = ax.get_legend_handles_labels()  # most survivors on top, as in the bars
    ax.legend(
        handles[::-1], labels[::-1], fontsize="small", frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5)
    )
    return ax


def capacity_panels(capacity, axes: Any = None):
    """:meth:`MarketCapacity.plot <meantime.MarketCapacity.plot>`: expected survivors, the
    objective with the best number of providers marked, and the survivors' distribution, in
    three panels (a new figure unless ``axes``, three Axes, is given). Returns the axes."""
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, 3, figsize=(15, 4), layout="constrained")
    capacity_curve(capacity.table, ax=axes[0], column="survivors", month=capacity.month)
    capacity_curve(capacity.table, ax=axes[1], column=capacity.objective, best_k=capacity.best_k)
    survivors_distribution(capacity.distribution, ax=axes[2], month=capacity.month)
    return axes
