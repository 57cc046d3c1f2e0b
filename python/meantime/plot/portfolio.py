"""Plots of a funder's portfolio (:func:`meantime.portfolio`): the allocation, services alive
against the size of the pot, and the cost of each surviving service against the pot.

Each takes the table it draws (an allocation table or a curve, pandas DataFrames), so a table
made by hand with the same columns will do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..running.uncertainty import Z
from . import _style

__all__ = ["allocation", "pot_curve", "cost_per_survivor"]


def allocation(table, ax: Any = None, *, month: int | None = None):
    """Survival of each start-up without a grant and with its grant, the grant written beside it.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per start-up (the index names it), as :meth:`Portfolio.allocation_table
        <meantime.Portfolio.allocation_table>` gives it: ``grant``, ``survival_without`` and
        ``survival_<month>`` (default: the largest month present).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd, meantime
    >>> table = pd.DataFrame({"grant": [1000, 0], "survival_without": [0.5, 0.8], "survival_36": [0.7, 0.8]},
    ...                      index=["a", "b"])
    >>> ax = meantime.plot.portfolio_allocation(table)
    >>> [(t.get_text(), float(t.get_position()[1])) for t in ax.get_yticklabels()]  # the first on top
    [('a', 1.0), ('b', 0.0)]
    """
    if month is None:
        months = [
            int(c.split("_")[1])
            for c in table.columns
            if c.startswith("survival_") and c.split("_")[1].isdigit() and not c.endswith("_se")
        ]
        month = max(months)
    ax = _style.axes(ax, size=(7.5, max(3.0, 0.32 * len(table) + 1.2)))
    without = _style.column(table, "survival_without", "survival_without")
    with_grant = _style.column(table, f"survival_{month}", "survival")
    grants = _style.column(table, "grant", "grant")
    y = np.arange(len(table))[::-1]  # the first start-up on top
    ax.hlines(y, without, with_grant, color=_style.LINE, linewidth=2.5)
    ax.plot(without, y, "o", color="white", markeredgecolor=_style.LINE, label="without a grant")
    ax.plot(with_grant, y, "o", color=_style.LINE, label="with its grant")
    for yi, x, grant in zip(y, np.maximum(without, with_grant), grants):
        if grant > 0:
            ax.annotate(
                f"£{grant:,.0f}", (x, yi), xytext=(6, 0), textcoords="offset points", va="center", fontsize="small"
            )
    ax.set_yticks(y, [str(i) for i in table.index])
    ax.set_xlim(0, 1.12)
    _style.percent(ax, "x")
    ax.set_xlabel(f"Chance of still going after {month} months (%)")
    ax.set_ylim(-0.8, len(table) - 0.2)
    _style.legend_below(ax)
    ax.set_title("Who gets a grant, and what it does to their chances")
    return ax


def pot_curve(curve, ax: Any = None, *, column: str | None = None):
    """Expected services alive (or another objective) against the size of the pot.

    Parameters
    ----------
    curve : pandas.DataFrame
        Indexed by ``pot`` (pounds), as :meth:`Portfolio.curve <meantime.Portfolio.curve>`
        gives it: the optimised ``column`` (default: the ``alive_<m>`` of the largest month),
        with ``<column>_se`` for the band of its 95% interval when present; ``equal`` and
        ``need`` (the same objective under those rules) are drawn too when present and
        ``column`` is the objective.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if column is None:
        alive = [c for c in curve.columns if c.startswith("alive_") and not c.endswith("_se")]
        column = max(alive, key=lambda c: int(c.split("_")[1]))
    ax = _style.axes(ax)
    pots = np.asarray(curve.index, dtype=float)
    values = _style.column(curve, column, "column")
    if f"{column}_se" in curve.columns:
        se = _style.column(curve, f"{column}_se", "column")
        ax.fill_between(pots, values - Z * se, values + Z * se, color=_style.BAND_90, linewidth=0, label="95% interval")
    ax.plot(pots, values, "-o", color=_style.LINE, label="optimised")
    same = "objective" in curve.columns and np.allclose(
        _style.column(curve, "objective", "objective"), values, equal_nan=True
    )
    if same:
        for name, style in (("need", ":s"), ("equal", "--^")):
            if name in curve.columns:
                ax.plot(
                    pots,
                    _style.column(curve, name, name),
                    style,
                    color=_style.SECOND,
                    markersize=4,
                    label=f"{'by need' if name == 'need' else 'equal split'}",
                )
    _style.pounds(ax, "x")
    ax.set_xlabel("Pot of start-up grants (£)")
    words = column.replace("_", " ")
    ax.set_ylabel(
        f"Expected services alive at {column.split('_')[1]} months"
        if column.startswith("alive_")
        else words[:1].upper() + words[1:]
    )
    ax.set_title("What the pot buys")
    _style.legend_below(ax)
    return ax


def cost_per_survivor(curve, ax: Any = None):
    """Pounds granted per service alive at the horizon, against the size of the pot (error bars
    of the 95% interval), and the cost of each *extra* service over no grants.

    Parameters
    ----------
    curve : pandas.DataFrame
        Indexed by ``pot``, with ``cost_per_survivor`` (and optionally ``cost_per_survivor_se``),
        ``spent`` and ``extra_alive`` (services alive beyond no grants), as
        :meth:`Portfolio.curve <meantime.Portfolio.curve>` gives it.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _style.axes(ax)
    pots = np.asarray(curve.index, dtype=float)
    cost = _style.column(curve, "cost_per_survivor", "curve")
    se = curve["cost_per_survivor_se"].to_numpy(dtype=float) if "cost_per_survivor_se" in curve.columns else None
    ax.errorbar(
        pots,
        cost,
        yerr=None if se is None else Z * se,
        fmt="-o",
        color=_style.LINE,
        capsize=3,
        label="per service alive",
    )
    if "extra_alive" in curve.columns and "spent" in curve.columns:
        extra = _style.column(curve, "extra_alive", "curve")
        spent = _style.column(curve, "spent", "curve")
        with np.errstate(divide="ignore", invalid="ignore"):
            per_extra = np.where((spent > 0) & (extra > 0), spent / extra, np.nan)
        ax.plot(pots, per_extra, "--s", color=_style.SECOND, markersize=4, label="per extra service (over no grants)")
    _style.pounds(ax, "x")
    _style.pounds(ax, "y")
    ax.set_xlabel("Pot of start-up grants (£)")
    ax.set_ylabel("Pounds granted per service (£)")
    ax.set_ylim(bottom=0)
    ax.set_title("The cost of each surviving service")
    _style.legend_below(ax)
    return ax
