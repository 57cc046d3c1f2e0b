"""Plots of one run (a :class:`~meantime.Result`): cash, survival, break-even months, clients."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..errors import NotKeptError
from . import _style

__all__ = [
    "cash_fan",
    "cash_quantiles",
    "failures_over_time",
    "survival_curve",
    "break_even_months",
    "clients_over_time",
]

_CASH = {
    "business": ("business_cash", "Business cash"),
    "household": ("household_cash", "Household cash (the founder's savings)"),
    "combined": (None, "Combined cash: business and household"),
}
_FAN_LEVELS = (0.05, 0.25, 0.5, 0.75, 0.95)


def _still_going(result, months: int) -> np.ndarray:
    """Paths x months: whether each future is still going at the end of each month (a future that
    fails in month m is not: its cash went below zero, or the founder gave up, that month)."""
    failure = np.asarray(result.outcome_arrays["failure_month"])
    month = np.arange(1, months + 1)
    return (failure[:, None] < 0) | (failure[:, None] > month[None, :])


def _among(result, among: str | None) -> str:
    """Which futures a fan shows: "survivors" needs each future's cash and failure month."""
    if among not in (None, "survivors", "all"):
        raise ValueError(f"among must be 'survivors' or 'all', got {among!r}")
    kept = _kept_paths(result) is not None and result._run.has_outcomes
    if among == "survivors" and not kept:
        raise NotKeptError(
            "a fan of the futures still going needs each future's cash and failure month: run "
            "simulate(..., keep_paths=True) (outcomes are kept by default), or draw among='all'"
        )
    return among or ("survivors" if kept else "all")


def _series(result, which: str) -> np.ndarray:
    """Paths x months of a cash series from the run's paths."""
    try:
        paths = result.paths
    except NotKeptError:
        raise NotKeptError(
            "the combined-cash fan needs each future's cash: run simulate(..., keep_paths=True), "
            "or draw which='business' or 'household' from the monthly statistics"
        ) from None
    return paths["business_cash"] + paths["household_cash"] if which == "combined" else paths[_CASH[which][0]]


def cash_quantiles(result, which: str = "combined", among: str | None = None) -> np.ndarray:
    """Months x 5 array of the 5%, 25%, 50%, 75% and 95% quantiles of a cash series.

    ``among="survivors"`` takes each month's quantiles among the futures still going at its end
    (NaN in a month no future lives through): a failed future stops with the venture rather
    than holding its last, negative, cash. That needs the run's paths and outcomes
    (``simulate(..., keep_paths=True)``), as does combined cash (what decides whether the venture
    survives). ``among="all"`` takes every future, failed ones at their last cash; business and
    household cash then come from the run's monthly statistics. The default (None) is
    "survivors" when the run kept its paths and outcomes, else "all".
    """
    if which not in _CASH:
        raise ValueError(f"which must be one of {', '.join(_CASH)}, got {which!r}")
    among = _among(result, among)
    column = _CASH[which][0]
    if among == "all" and column is not None:
        monthly = result.monthly
        return np.column_stack([monthly[f"{column}_q{round(100 * q):02d}"] for q in _FAN_LEVELS])
    series = _series(result, which)
    if among == "all":
        return np.quantile(series, _FAN_LEVELS, axis=0).T
    going = np.where(_still_going(result, series.shape[1]), series, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a month no future lives through is NaN
        return np.nanquantile(going, _FAN_LEVELS, axis=0).T


def _kept_paths(result) -> dict | None:
    try:
        return result.paths
    except NotKeptError:
        return None


def _fan(ax: Any, months: np.ndarray, q: np.ndarray, median_label: str, among: str = "futures") -> None:
    ax.fill_between(months, q[:, 0], q[:, 4], color=_style.BAND_90, linewidth=0, label=f"90% of {among}")
    ax.fill_between(months, q[:, 1], q[:, 3], color=_style.BAND_50, linewidth=0, label=f"50% of {among}")
    ax.plot(months, q[:, 2], color=_style.LINE, linewidth=2, label=median_label)


def _single_futures(ax: Any, result, which: str, months: np.ndarray, count: int, survivors: bool) -> None:
    """The first ``count`` futures as thin dotted lines; among survivors each stops where it fails,
    marked with a cross."""
    series = _series(result, which)
    failure = np.asarray(result.outcome_arrays["failure_month"]) if survivors else None
    crossed = False
    for i in range(min(count, series.shape[0])):
        values = series[i]
        if failure is not None and failure[i] > 0:
            values = values[: failure[i]]
            ax.plot(
                failure[i],
                values[-1],
                "x",
                color=_style.LINE,
                markersize=7,
                label="_nolegend_" if crossed else "where a single future fails",
            )
            crossed = True
        ax.plot(
            months[: len(values)],
            values,
            color=_style.SECOND,
            linewidth=0.8,
            linestyle=":",
            label="single futures" if i == 0 else "_nolegend_",
        )


def cash_fan(result, which: str = "combined", ax: Any = None, sample_paths: int = 5, among: str | None = None):
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
    among : {"survivors", "all"}, optional
        "survivors": each month's bands among the futures still going at its end, so that a
        failed future leaves the fan instead of holding its last cash (single futures stop
        where they fail, marked with a cross); draw :func:`failures_over_time` beside it for
        the share that failed. "all": every future, failed ones at their last cash. Default:
        "survivors" when the run kept its paths and outcomes, else "all"
        (:func:`cash_quantiles`).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    NotKeptError
        For ``which="combined"`` or ``among="survivors"`` when the run kept no paths.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import meantime
    >>> result = meantime.simulate(paths=500, seed=1, keep_paths=True, progress=False)
    >>> ax = meantime.plot.cash_fan(result)
    >>> ax.get_ylabel(), ax.get_title()
    ('Cash (£)', 'Combined cash: business and household, among futures still going')
    """
    among = _among(result, among)
    q = cash_quantiles(result, which, among)
    ax = _style.axes(ax)
    months = np.arange(1, q.shape[0] + 1)
    survivors = among == "survivors"
    _fan(
        ax,
        months,
        q,
        "median future" + (" still going" if survivors else ""),
        "futures still going" if survivors else "futures",
    )
    if sample_paths and _kept_paths(result) is not None:
        _single_futures(ax, result, which, months, sample_paths, survivors)
    ax.axhline(0, color=_style.LINE, linewidth=0.8, linestyle="--")
    _style.months_axis(ax, len(months))
    ax.set_ylabel("Cash (£)")
    _style.pounds(ax)
    ax.set_title(_CASH[which][1] + (", among futures still going" if survivors else ""))
    _style.legend_below(ax)
    return ax


def failures_over_time(result, ax: Any = None, level: float = 0.95):
    """The share of futures that have failed by the end of each month (one minus survival), with
    its confidence band: the companion of :func:`cash_fan` among survivors, which no longer shows
    the failed futures.

    Parameters
    ----------
    result : Result
    ax : matplotlib Axes, optional
    level : float, default 0.95
        Confidence level of the band (Wilson score interval).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import meantime
    >>> ax = meantime.plot.failures_over_time(meantime.simulate(paths=500, seed=1, progress=False))
    >>> ax.get_ylabel()
    'Failed (%)'
    """
    ax = _style.axes(ax, size=(7.0, 2.2))
    failed = 1 - np.asarray(result.monthly["survival"], dtype=float)
    months = np.arange(1, len(failed) + 1)
    low, high = _style.wilson(failed, result.path_count, level)
    ax.fill_between(
        months, low, high, color=_style.BAND_90, linewidth=0, step="mid", label=f"{round(100 * level)}% confidence band"
    )
    ax.bar(
        months,
        failed,
        width=0.8,
        color="white",
        edgecolor=_style.LINE,
        hatch=_style.HATCH,
        linewidth=0.6,
        label="futures failed by the end of the month",
    )
    _style.months_axis(ax, len(months))
    ax.set_ylim(0, max(0.05, float(np.max(high))) * 1.1)
    _style.percent(ax)
    ax.set_ylabel("Failed (%)")
    ax.set_title(f"Futures that have failed: {100 * failed[-1]:.0f}% by month {len(months)}")
    _style.legend_below(ax)
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
    ax.fill_between(
        months, low, high, color=_style.BAND_50, linewidth=0, step="mid", label=f"{round(100 * level)}% confidence band"
    )
    ax.step(months, survival, where="mid", color=_style.LINE, linewidth=2, label="still going")
    ax.set_ylim(0, 1.02)
    _style.months_axis(ax, len(months))
    ax.set_ylabel("Futures still going (%)")
    _style.percent(ax)
    ax.set_title(f"Survival: {100 * survival[-1]:.0f}% of futures still going at month {len(months)}")
    _style.legend_below(ax)
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
        (
            "living",
            result.statistics.living_break_even(),
            dict(color="white", edgecolor=_style.LINE, hatch=_style.HATCH),
        ),
    ]
    width = 0.42
    for offset, (name, counts, style) in zip((-width / 2, width / 2), kinds):
        counts = np.asarray(counts.counts(), dtype=float) / n  # [never, month 1, ..., month `months`]
        ax.bar(
            np.arange(1, months + 1) + offset,
            counts[1:],
            width=width,
            linewidth=0.6,
            label=f"{name} break-even (never within {months} months: {100 * counts[0]:.0f}%)",
            **style,
        )
    _style.months_axis(ax, months)
    ax.set_xlabel(f"Month reached (sustained {result.scenario.run.sustained_months} months)")
    ax.set_ylabel("Share of futures (%)")
    _style.percent(ax)
    ax.set_ylim(0, max(ax.get_ylim()[1], 0.05))
    ax.set_title("When the business breaks even")
    _style.legend_below(ax, columns=1)
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
        ax.plot(
            months,
            monthly["waiting_list_q50"],
            color=_style.LINE,
            linestyle="--",
            linewidth=1.5,
            label="waiting list (median)",
        )
        ax.plot(
            months,
            waiting,
            color=_style.SECOND,
            linestyle=":",
            linewidth=1.2,
            label="waiting list (1 future in 10 above)",
        )
    _style.months_axis(ax, len(months))
    ax.set_ylim(bottom=0)
    ax.set_ylabel("People")
    ax.set_title("Clients and waiting list")
    _style.legend_below(ax)
    return ax
