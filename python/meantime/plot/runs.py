"""Plots of one run (a :class:`~meantime.Result`): cash, survival, break-even months, clients."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import NotKeptError
from . import _style

__all__ = ["cash_fan", "survival_curve", "break_even_months", "clients_over_time", "cash_quantiles"]

_CASH = {
    "business": ("business_cash", "Business cash"),
    "household": ("household_cash", "Household cash (the founder's savings)"),
    "combined": (None, "Combined cash: business and household"),
}
_FAN_LEVELS = (0.05, 0.25, 0.5, 0.75, 0.95)


def cash_quantiles(result, which: str = "combined") -> np.ndarray:
    """Months x 5 array of the 5%, 25%, 50%, 75% and 95% quantiles of a cash series.

    Business and household cash come from the run's monthly statistics; combined cash (what
    decides whether the venture survives) needs each path's cash, so the run must have kept its
    paths (``simulate(..., keep_paths=True)``).
    """
    if which not in _CASH:
        raise ValueError(f"which must be one of {', '.join(_CASH)}, got {which!r}")
    series = _CASH[which][0]
    if series is not None:
        monthly = result.monthly
        return np.column_stack([monthly[f"{series}_q{round(100 * q):02d}"] for q in _FAN_LEVELS])
    try:
        paths = result.paths
    except NotKeptError:
        raise NotKeptError("the combined-cash fan needs each future's cash: run simulate(..., keep_paths=True), "
                           "or draw which='business' or 'household' from the monthly statistics") from None
    combined = paths["business_cash"] + paths["household_cash"]
    return np.quantile(combined, _FAN_LEVELS, axis=0).T


def _kept_paths(result) -> dict | None:
    try:
        return result.paths
    except NotKeptError:
        return None


def _fan(ax: Any, months: np.ndarray, q: np.ndarray, median_label: str) -> None:
    ax.fill_between(months, q[:, 0], q[:, 4], color=_style.BAND_90, linewidth=0, label="90% of futures")
    ax.fill_between(months, q[:, 1], q[:, 3], color=_style.BAND_50, linewidth=0, label="50% of futures")
    ax.plot(months, q[:, 2], color=_style.LINE, linewidth=2, label=median_label)


def cash_fan(result, which: str = "combined", ax: Any = None, sample_paths: int = 5):
    """Fan chart of cash over time: the median future, the middle 50% and the middle 90%.

    Parameters
    ----------
    result : Result
        A run (:func:`~meantime.simulate`).
    which : {"combined", "business", "household"}, default "combined"
        The business's cash, the household's (the founder's savings), or both together: the
        venture fails when the combined cash runs out. ``"combined"`` needs the run's paths
        (``keep_paths=True``).
    ax : matplotlib Axes, optional
        Where to draw; a new figure by default.
    sample_paths : int, default 5
        When the run kept its paths, this many single futures (the first paths) are drawn as
        thin dotted lines, to show that one future is bumpier than the bands.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    NotKeptError
        For ``which="combined"`` when the run kept no paths.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import meantime
    >>> result = meantime.simulate(paths=500, seed=1, keep_paths=True, progress=False)
    >>> ax = meantime.plot.cash_fan(result)
    >>> ax.get_ylabel()
    'Cash (£)'
    """
    q = cash_quantiles(result, which)
    ax = _style.axes(ax)
    months = np.arange(1, q.shape[0] + 1)
    _fan(ax, months, q, "median future")
    paths = _kept_paths(result) if sample_paths else None
    if paths is not None:
        series = paths["business_cash"] + paths["household_cash"] if which == "combined" \
            else paths[_CASH[which][0]]
        for i in range(min(sample_paths, series.shape[0])):
            ax.plot(months, series[i], color=_style.SECOND, linewidth=0.8, linestyle=":",
                    label="single futures" if i == 0 else "_nolegend_")
    ax.axhline(0, color=_style.LINE, linewidth=0.8, linestyle="--")
    _style.months_axis(ax, len(months))
    ax.set_ylabel("Cash (£)")
    _style.pounds(ax)
    ax.set_title(_CASH[which][1])
    ax.legend(loc="best", fontsize="small", frameon=False)
    return ax


def survival_curve(result, ax: Any = None, level: float = 0.95):
    """The share of futures still going, month by month, with its confidence band.

    The band is the Wilson score interval at ``level`` for the number of simulated futures: it
    shows the Monte Carlo uncertainty of the estimate (more paths, narrower band), not the
    spread of futures.

    Parameters
    ----------
    result : Result
    ax : matplotlib Axes, optional
    level : float, default 0.95
        Confidence level of the band.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import meantime
    >>> ax = meantime.plot.survival_curve(meantime.simulate(paths=500, seed=1, progress=False))
    >>> ax.get_ylabel()
    'Futures still going (%)'
    """
    ax = _style.axes(ax)
    survival = np.asarray(result.monthly["survival"], dtype=float)
    months = np.arange(1, len(survival) + 1)
    low, high = _style.wilson(survival, result.path_count, level)
    ax.fill_between(months, low, high, color=_style.BAND_50, linewidth=0, step="mid",
                    label=f"{round(100 * level)}% confidence band")
    ax.step(months, survival, where="mid", color=_style.LINE, linewidth=2, label="still going")
    ax.set_ylim(0, 1.02)
    _style.months_axis(ax, len(months))
    ax.set_ylabel("Futures still going (%)")
    _style.percent(ax)
    ax.set_title(f"Survival: {100 * survival[-1]:.0f}% of futures still going at month {len(months)}")
    ax.legend(loc="lower left", fontsize="small", frameon=False)
    return ax


def break_even_months(result, ax: Any = None):
    """When the business breaks even: the share of futures reaching operating break-even (the
    business covers its own costs) and living break-even (it also pays the founder's way) in
    each month; the share that never does within the horizon is given in the legend.

    Parameters
    ----------
    result : Result
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Two bar series over the months (operating: grey; living: white, hatched), labelled
        with the share of futures not reaching each within the horizon.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import meantime
    >>> ax = meantime.plot.break_even_months(meantime.simulate(paths=500, seed=1, progress=False))
    >>> ax.get_legend().get_texts()[0].get_text()
    'operating break-even (never within 36 months: 11%)'
    """
    ax = _style.axes(ax)
    n, months = result.path_count, result.months
    kinds = [
        ("operating", result.statistics.operating_break_even(), dict(color=_style.BAND_50, edgecolor=_style.LINE)),
        ("living", result.statistics.living_break_even(),
         dict(color="white", edgecolor=_style.LINE, hatch=_style.HATCH)),
    ]
    width = 0.42
    for offset, (name, counts, style) in zip((-width / 2, width / 2), kinds):
        counts = np.asarray(counts.counts(), dtype=float) / n  # [never, month 1, ..., month `months`]
        ax.bar(np.arange(1, months + 1) + offset, counts[1:], width=width, linewidth=0.6,
               label=f"{name} break-even (never within {months} months: {100 * counts[0]:.0f}%)", **style)
    _style.months_axis(ax, months)
    ax.set_xlabel(f"Month reached (sustained {result.scenario.run.sustained_months} months)")
    ax.set_ylabel("Share of futures (%)")
    _style.percent(ax)
    ax.set_ylim(0, max(ax.get_ylim()[1], 0.05) * 1.25)  # room for the legend above the bars
    ax.set_title("When the business breaks even")
    ax.legend(loc="upper right", fontsize="small", frameon=False)
    return ax


def clients_over_time(result, ax: Any = None):
    """Clients over time (median with the middle 50% and 90% of futures) and the waiting list
    (median and the 90th percentile) when there is one.

    Parameters
    ----------
    result : Result
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import meantime
    >>> ax = meantime.plot.clients_over_time(meantime.simulate(paths=500, seed=1, progress=False))
    >>> ax.get_ylabel()
    'People'
    """
    ax = _style.axes(ax)
    monthly = result.monthly
    q = np.column_stack([monthly[f"clients_q{round(100 * level):02d}"] for level in _FAN_LEVELS])
    months = np.arange(1, len(monthly) + 1)
    _fan(ax, months, q, "clients (median future)")
    waiting = np.asarray(monthly["waiting_list_q90"], dtype=float)
    if np.any(waiting > 0):
        ax.plot(months, monthly["waiting_list_q50"], color=_style.LINE, linestyle="--", linewidth=1.5,
                label="waiting list (median)")
        ax.plot(months, waiting, color=_style.SECOND, linestyle=":", linewidth=1.2,
                label="waiting list (1 future in 10 above)")
    _style.months_axis(ax, len(months))
    ax.set_ylim(bottom=0)
    ax.set_ylabel("People")
    ax.set_title("Clients and waiting list")
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    return ax
