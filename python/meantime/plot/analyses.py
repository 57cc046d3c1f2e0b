"""Plots of analysis tables (pandas DataFrames, one row per price, field or grid point): the
price curve, the tornado chart and a sweep's heat map.

They take the table and the names of its columns, so any table with those columns will do: the
results of :func:`meantime.price_curve`, :func:`meantime.sensitivity` and :func:`meantime.sweep`,
or one made by hand.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..running.uncertainty import Z
from . import _style

__all__ = ["price_curve", "tornado", "sweep_heatmap"]

_PROBABILITY_WORDS = ("survival", "break_even", "probability", "share", "payback", "priced_out")


def _is_probability(name: str, values: np.ndarray) -> bool:
    finite = values[np.isfinite(values)]
    return any(w in name for w in _PROBABILITY_WORDS) and finite.size > 0 and finite.min() >= 0 and finite.max() <= 1


def _metric_label(name: str, probability: bool) -> str:
    words = name.replace("_", " ")
    return f"{words[:1].upper()}{words[1:]} ({'%' if probability else 'value'})"


def _find(frame: Any, names: list[str]) -> str | None:
    return next((n for n in names if n in frame.columns), None)


def _columns_from_index(table: Any, *names: str | None) -> Any:
    """The analyses keep their key (price, field) in the index: make it a column when asked for."""
    wanted = {n for n in names if n}
    if table.index.name in wanted and table.index.name not in table.columns:
        return table.reset_index()
    return table


def price_curve(
    table,
    ax: Any = None,
    *,
    price: str = "price",
    survival: str = "survival",
    income: str | None = "founder_income",
    priced_out: str | None = "priced_out_share",
    best: float | None = None,
    income_label: str = "Founder's income (£ a month)",
    tied: tuple[float, float] | None = None,
):
    """Survival, the founder's income and the share of budget holders priced out, against price.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per price, with the columns named by the arguments below (the defaults are the
        names :func:`meantime.price_curve` uses). A column ``<survival>_se`` (or
        ``<survival>_std_error``), when present, gives error bars of the 95% interval (1.96
        standard errors, :mod:`meantime.running.uncertainty`). A
        boolean column ``best`` marks the best price when ``best`` is not given.
    ax : matplotlib Axes, optional
    price : str, default "price"
        Price per session (£).
    survival : str, default "survival"
        Share of futures still going at the horizon (0..1).
    income : str or None, default "founder_income"
        The founder's expected income from the business (£), drawn on a second y axis
        (``ax.income_axes``); None: not drawn.
    priced_out : str or None, default "priced_out_share"
        Share of interested budget holders who cannot pay the price (0..1); None: not drawn.
    best : float, optional
        The best price, marked with a vertical line.
    income_label : str
        The income axis's label, with its unit.
    tied : (float, float), optional
        The range of prices statistically tied with the best (``best_price``'s ``tied_low``
        and ``tied_high``), shaded; a range of one price is drawn a little wide so it shows.

    Returns
    -------
    matplotlib.axes.Axes
        The left axes (shares); the income axes is its attribute ``income_axes``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd, meantime
    >>> table = pd.DataFrame({"price": [8, 10, 12], "survival": [0.5, 0.7, 0.6],
    ...                       "founder_income": [400, 600, 550], "priced_out_share": [0.05, 0.2, 0.4]})
    >>> ax = meantime.plot.price_curve(table, best=10)
    >>> ax.get_xlabel()
    'Price per session (£)'
    """
    table = _columns_from_index(table, price)
    _style.column(table, price, "price")
    ax = _style.axes(ax)
    table = table.sort_values(price)
    x = _style.column(table, price, "price")
    y = _style.column(table, survival, "survival")
    se_name = _find(table, [f"{survival}_se", f"{survival}_std_error"])
    errors = Z * np.asarray(table[se_name], dtype=float) if se_name else None  # the 95% interval
    ax.errorbar(
        x,
        y,
        yerr=errors,
        color=_style.LINE,
        marker="o",
        linewidth=2,
        capsize=3,
        label="futures still going" + (" (bars: 95% interval)" if se_name else ""),
    )
    if priced_out is not None:
        ax.plot(
            x,
            _style.column(table, priced_out, "priced_out"),
            color=_style.SECOND,
            marker="s",
            linestyle="--",
            label="budget holders priced out",
        )
    ax.set_ylim(0, 1.02)
    _style.percent(ax)
    ax.set_ylabel("Share (%)")
    ax.set_xlabel("Price per session (£)")
    _style.pounds(ax, "x")
    handles, labels = ax.get_legend_handles_labels()
    if income is not None:
        right = ax.twinx()
        right.plot(
            x,
            _style.column(table, income, "income"),
            color=_style.LINE,
            marker="^",
            linestyle=":",
            label="founder's income (right axis)",
        )
        right.set_ylabel(income_label)
        _style.pounds(right)
        right.set_ylim(bottom=min(0.0, float(np.nanmin(table[income]))))
        ax.income_axes = right
        more_handles, more_labels = right.get_legend_handles_labels()
        handles, labels = handles + more_handles, labels + more_labels
    if best is None and "best" in table.columns and table["best"].dtype == bool and table["best"].any():
        best = float(table.loc[table["best"], price].iloc[0])
    if tied is not None and all(np.isfinite(tied)):
        low, high = float(min(tied)), float(max(tied))
        spacing = float(np.min(np.diff(np.unique(x)))) if len(np.unique(x)) > 1 else 1.0
        half = 0.0 if high > low else 0.15 * spacing
        band = ax.axvspan(low - half, high + half, color=_style.SECOND, alpha=0.15, linewidth=0)
        handles.append(band)
        labels.append(
            f"tied with the best: £{low:,.2f} to £{high:,.2f}" if high > low else "no other price tied with the best"
        )
    if best is not None:
        line = ax.axvline(best, color=_style.LINE, linewidth=1, linestyle="-.")
        handles.append(line)
        labels.append(f"best price: £{best:,.2f}")
    _style.legend_below(ax, handles, labels)
    ax.set_title("Price: survival, affordability and the founder's income")
    return ax


def tornado(
    table,
    ax: Any = None,
    *,
    field: str = "field",
    low: str = "at_low",
    high: str = "at_high",
    base: float | None = None,
    metric: str = "survival",
    low_setting: str = "low",
    high_setting: str = "high",
):
    """Tornado chart: how far the answer swings when each field moves from its low to its high
    setting, the largest swing on top.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per field, as :func:`meantime.sensitivity` (method "tornado") returns it:
        ``field`` (a scenario field's path; a column or the index), ``at_low`` and ``at_high``
        (the metric with the field at its low and its high setting); optionally ``low`` and
        ``high`` (the settings, shown beside the field's name) and ``base`` (the metric with
        every field at its base value, used when the ``base`` argument is not given).
    ax : matplotlib Axes, optional
    field, low, high, low_setting, high_setting : str
        The column names.
    base : float, optional
        The metric of the base scenario: bars are drawn from it. Without it (and without a
        ``base`` column) each bar spans low to high.
    metric : str, default "survival"
        What the metric is, for the axis label (a share in 0..1 is shown as a percentage).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd, meantime
    >>> table = pd.DataFrame({"field": ["business.price_per_session", "household.savings"],
    ...                       "at_low": [0.4, 0.6], "at_high": [0.8, 0.7]})
    >>> ax = meantime.plot.tornado(table, base=0.65)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['household savings', 'business price per session']
    """
    table = _columns_from_index(table, field)
    ax = _style.axes(ax)
    lows, highs = _style.column(table, low, "low"), _style.column(table, high, "high")
    if base is None and "base" in table.columns:
        base = float(table["base"].iloc[0])
    order = np.argsort(np.abs(highs - lows))  # smallest first: barh draws bottom up
    names = []
    for i in order:
        row = table.iloc[i]
        name = str(row[field]).replace(".", " ").replace("_", " ")
        if low_setting in table.columns and high_setting in table.columns:
            path = str(row[field])
            name += f"\n{_style.setting_range(path, float(row[low_setting]), float(row[high_setting]))}"
        names.append(name)
    y = np.arange(len(order))
    start = np.full(len(order), base) if base is not None else np.minimum(lows, highs)[order]
    if base is not None:
        ax.barh(
            y,
            lows[order] - base,
            left=base,
            color=_style.BAND_50,
            edgecolor=_style.LINE,
            linewidth=0.6,
            label="field at its low setting",
        )
        ax.barh(
            y,
            highs[order] - base,
            left=base,
            color="white",
            edgecolor=_style.LINE,
            hatch=_style.HATCH,
            linewidth=0.6,
            label="field at its high setting",
        )
        ax.axvline(base, color=_style.LINE, linewidth=1)
    else:
        ax.barh(
            y,
            np.abs(highs - lows)[order],
            left=start,
            color=_style.BAND_50,
            edgecolor=_style.LINE,
            linewidth=0.6,
            label="low to high setting",
        )
        ax.plot(lows[order], y, "o", color=_style.LINE, label="low setting")
        ax.plot(highs[order], y, "s", color="white", markeredgecolor=_style.LINE, label="high setting")
    ax.set_yticks(y, names)
    probability = _is_probability(metric, np.concatenate([lows, highs]))
    ax.set_xlabel(_metric_label(metric, probability))
    if probability:
        _style.percent(ax, "x")
    ax.set_title("Which assumptions matter most")
    ax.set_ylim(-0.6, len(order) - 0.4)
    _style.legend_below(ax)
    return ax


def sweep_heatmap(table, x: str, y: str, value: str = "survival", ax: Any = None):
    """Heat map of a two-field sweep: ``value`` over a grid of ``x`` and ``y`` settings, each cell
    labelled with its number (dark = high).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per grid point, with a column for each swept field (named by its path, e.g.
        ``"business.price_per_session"``) and the ``value`` column (e.g. ``"survival"``).
    x, y : str
        The columns of the two swept fields (x across, y up).
    value : str, default "survival"
        The column to colour by; a share in 0..1 is written as a percentage.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd, meantime
    >>> table = pd.DataFrame({"business.price_per_session": [10, 12, 10, 12],
    ...                       "household.savings": [2000, 2000, 6000, 6000],
    ...                       "survival": [0.4, 0.5, 0.7, 0.8]})
    >>> ax = meantime.plot.sweep_heatmap(table, "business.price_per_session", "household.savings")
    >>> ax.get_xlabel()
    'price per session (pounds)'
    """
    for name, argument in ((x, "x"), (y, "y"), (value, "value")):
        _style.column(table, name, argument)
    ax = _style.axes(ax, size=(6.5, 4.5))
    grid = table.pivot_table(index=y, columns=x, values=value, aggfunc="mean").sort_index().sort_index(axis=1)
    data = grid.to_numpy(dtype=float)
    probability = _is_probability(value, data)
    low, high = (0.0, 1.0) if probability else (np.nanmin(data), np.nanmax(data))
    image = ax.imshow(data, origin="lower", aspect="auto", cmap="Greys", vmin=low, vmax=high)
    for (row, col), cell in np.ndenumerate(data):
        if np.isfinite(cell):
            shade = (cell - low) / (high - low) if high > low else 0.0
            ax.text(
                col,
                row,
                f"{100 * cell:.0f}%" if probability else _style.nice_number(cell),
                ha="center",
                va="center",
                fontsize="small",
                color="white" if shade > 0.55 else "black",
            )
    ax.set_xticks(range(len(grid.columns)), [_style.nice_number(float(v)) for v in grid.columns])
    ax.set_yticks(range(len(grid.index)), [_style.nice_number(float(v)) for v in grid.index])
    ax.set_xlabel(_style.field_label(x))
    ax.set_ylabel(_style.field_label(y))
    bar = ax.figure.colorbar(image, ax=ax)
    bar.set_label(_metric_label(value, probability))
    if probability:
        _style.percent(bar.ax)
    ax.set_title(f"{value.replace('_', ' ').capitalize()} over two assumptions")
    return ax
