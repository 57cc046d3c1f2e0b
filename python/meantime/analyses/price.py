"""Price: survival, founder income, clients and affordability against price, and the best price."""

from __future__ import annotations

import math
from typing import Any, Iterable, Optional

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..running.settings import ProgressArgument, RunSettings, takes_run_settings
from ..scenario.scenario import Scenario
from ._arguments import as_scenario, number, probability, values, with_value
from ._headlines import headlines
from ._runs import Runs
from .deterministic import break_even

__all__ = ["price_curve", "best_price", "PRICE_CURVE_ANSWERS"]

#: The answers of a price curve, each followed by ``<answer>_se`` in the table.
PRICE_CURVE_ANSWERS = ("survival", "living_break_even", "founder_income", "clients_served", "priced_out_share")

# The share priced out (at the mean median rate) at the top of the default price grid.
_TOP_PRICED_OUT = 0.95


def _prices(given: Any) -> list[float]:
    prices = [number("prices", p) for p in values("prices", given)]
    for p in prices:
        if p <= 0:
            raise ArgumentError("prices", f"must be above 0, got {p:g}")
    return prices


@takes_run_settings
def price_curve(
    scenario: Optional[Scenario],
    prices: Iterable[float],
    paths: int = 10_000,
    seed: int = 0,
    *,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    client: Any = None,
    chunk_paths: Optional[int] = None,
    retries: Optional[int] = None,
    settings: Optional[RunSettings] = None,
) -> pd.DataFrame:
    """Survival, founder income, clients served and the share priced out, against price.

    Every price is run with the same seed (common random numbers): a budget holder whose
    reservation price covers £12 also covers £11 on the same path, so the curve is smooth and
    neighbouring prices compare sharply.

    Parameters
    ----------
    scenario : Scenario or dict, optional
        Default: :func:`~meantime.default_scenario`.
    prices : list of float
        Prices per session in pounds, each above 0.
    paths, seed, threads
        The run settings (:class:`~meantime.RunSettings`), for every price.
    progress : bool or callable, optional
        One bar over the whole curve.
    client, chunk_paths, retries
        The run settings (:class:`~meantime.RunSettings`): run on a Dask cluster (every run cut into chunks of
        paths), with the local answer bit for bit.

    settings : RunSettings, optional
        The run settings together (:class:`~meantime.RunSettings`, where each is documented),
        instead of the keywords.
    Returns
    -------
    pandas.DataFrame
        Indexed by ``price`` (in the order given), with ``survival`` and ``living_break_even``
        (probabilities by the horizon), ``founder_income`` (the founder's drawings from the
        business, a month, averaged over the horizon; none after a failure), ``clients_served``
        (over the horizon) and ``priced_out_share`` (aware prospects whose budget could not pay,
        of all aware prospects: lost to price + served + lost to a full diary), each followed by
        its standard error ``<answer>_se``.

    Raises
    ------
    ArgumentError
        For an empty list, or a price that is not a number above 0.

    Examples
    --------
    >>> import meantime
    >>> curve = meantime.price_curve(meantime.default_scenario(), [9, 11, 13], paths=1_000, seed=1)
    >>> list(curve.index)
    [9.0, 11.0, 13.0]
    >>> bool(curve["priced_out_share"].is_monotonic_increasing)
    True
    """
    scenario = as_scenario(scenario)
    prices = _prices(prices)
    scenarios = [with_value("prices", scenario, "business.price_per_session", p) for p in prices]
    with Runs(paths, seed, threads, progress, expected_runs=len(scenarios),
              client=client, chunk_paths=chunk_paths, retries=retries) as runs:
        answers = runs.run(scenarios, headlines)
    columns = [c for name in PRICE_CURVE_ANSWERS for c in (name, f"{name}_se")]
    table = pd.DataFrame([answer.row() for answer in answers], index=pd.Index(prices, name="price"))[columns]
    table.attrs.update(paths=runs.paths, seed=runs.seed)
    return table


def default_prices(scenario: Scenario, count: int = 15) -> list[float]:
    """A grid from the lowest price that covers the operating costs with a full diary up to the
    price that prices out 95% of budget holders (at the mean median rate), with the scenario's
    own price; rounded to 50p (to 1p for small prices)."""
    m, b = scenario.market, scenario.business
    median = m.reservation_price_per_hour.mean()
    if m.reservation_price_spread > 0:
        z = 1.6448536269514722  # the standard normal's 95% point
        top = b.session_hours * median * math.exp(z * m.reservation_price_spread)
    else:
        top = b.session_hours * m.reservation_price_per_hour.support[1]
    bottom = break_even(scenario).loc["operating", "lowest_price"]
    if not math.isfinite(bottom) or bottom >= top:
        bottom = 0.25 * top
    grid = np.linspace(bottom, top, count)
    step = 0.5 if top - bottom >= 5 else 0.01
    grid = np.round(grid / step) * step
    prices = sorted({float(p) for p in grid if p > 0} | {b.price_per_session})
    return prices


def _percent(p: float) -> str:
    """A limit as a person writes it: 90%, 99.9%."""
    return f"{100 * p:g}%"


def _answer_none(curve: pd.DataFrame, min_survival: Optional[float], max_priced_out: Optional[float]) -> str:
    low, high = curve.index.min(), curve.index.max()
    parts = []
    if min_survival is not None:
        best = curve["survival"].idxmax()
        parts.append(f"survival of at least {_percent(min_survival)} (the most is {curve.loc[best, 'survival']:.1%} "
                     f"at £{best:,.2f})")
    if max_priced_out is not None:
        least = curve["priced_out_share"].idxmin()
        parts.append(f"at most {_percent(max_priced_out)} of interested budget holders priced out (the fewest is "
                     f"{curve.loc[least, 'priced_out_share']:.1%} at £{least:,.2f})")
    return f"no price from £{low:,.2f} to £{high:,.2f} gives " + " together with ".join(parts)


@takes_run_settings
def best_price(
    scenario: Optional[Scenario] = None,
    min_survival: Optional[float] = 0.9,
    max_priced_out: Optional[float] = 0.5,
    prices: Optional[Iterable[float]] = None,
    paths: int = 10_000,
    seed: int = 0,
    *,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    client: Any = None,
    chunk_paths: Optional[int] = None,
    retries: Optional[int] = None,
    settings: Optional[RunSettings] = None,
) -> pd.DataFrame:
    """The price that maximises the founder's expected income while the venture survives and
    stays affordable, or a clear answer that no price does.

    Runs :func:`price_curve` over ``prices`` and picks, among the prices whose estimated
    survival is at least ``min_survival`` and whose priced-out share is at most
    ``max_priced_out``, the one with the highest founder income (mean drawings a month over the
    horizon). The constraints are read from the estimates: a price just at a limit may miss it
    with other luck; the standard errors say by how much.

    Parameters
    ----------
    scenario : Scenario or dict, optional
        Default: :func:`~meantime.default_scenario`.
    min_survival : float or None, default 0.9
        The least share of futures that must survive the horizon; None: no such limit.
    max_priced_out : float or None, default 0.5
        The most share of interested budget holders the price may price out; None: no limit.
    prices : list of float, optional
        The prices to try (above 0). Default: 15 or so from the lowest price that covers the
        operating costs with a full diary to the price that prices out 95% of budget holders,
        with the scenario's own price among them. The answer is one of them: try a finer list
        around it for more precision.
    paths, seed, threads
        The run settings (:class:`~meantime.RunSettings`), for every price (one seed: common random numbers).
    progress : bool or callable, optional
        One bar over the whole search.
    client, chunk_paths, retries
        The run settings (:class:`~meantime.RunSettings`): run on a Dask cluster (every run cut into chunks of
        paths), with the local answer bit for bit.

    settings : RunSettings, optional
        The run settings together (:class:`~meantime.RunSettings`, where each is documented),
        instead of the keywords.
    Returns
    -------
    pandas.DataFrame
        One row, indexed ``"best_price"``: ``price`` (NaN when no price meets the limits), the
        columns of :func:`price_curve` at that price, ``meets_limits`` (bool) and ``answer``
        in words. ``table.attrs["curve"]`` holds the whole price curve, with a
        ``meets_limits`` column, as plain data: ``pandas.DataFrame(table.attrs["curve"])``.

    Raises
    ------
    ArgumentError
        For limits outside [0, 1] or unusable prices.

    Examples
    --------
    >>> import meantime
    >>> lcw = meantime.default_scenario()   # a founder with limited capability for work
    >>> best = meantime.best_price(lcw, min_survival=0.5, max_priced_out=0.9,
    ...                            prices=[8, 10, 11, 12, 14], paths=1_000, seed=1)
    >>> bool(best.loc["best_price", "meets_limits"])
    True
    >>> none = meantime.best_price(lcw, min_survival=0.999, prices=[8, 12], paths=500)
    >>> none.loc["best_price", "answer"]
    'no price from £8.00 to £12.00 gives survival of at least 99.9% ...'
    """
    scenario = as_scenario(scenario)
    if min_survival is not None:
        min_survival = probability("min_survival", min_survival, open_ends=False)
    if max_priced_out is not None:
        max_priced_out = probability("max_priced_out", max_priced_out, open_ends=False)
    prices = default_prices(scenario) if prices is None else _prices(prices)
    curve = price_curve(scenario, prices, paths, seed, threads=threads, progress=progress, client=client,
                        chunk_paths=chunk_paths, retries=retries)
    meets = pd.Series(True, index=curve.index)
    if min_survival is not None:
        meets &= curve["survival"] >= min_survival
    if max_priced_out is not None:
        meets &= curve["priced_out_share"] <= max_priced_out
    curve["meets_limits"] = meets.to_numpy()
    if meets.any():
        best = curve.loc[meets.to_numpy()]
        price = float(best["founder_income"].idxmax())
        row = curve.loc[[price]].iloc[[0]].copy()
        row.insert(0, "price", price)
        row["answer"] = (f"£{price:,.2f} a session: founder income £{row['founder_income'].iloc[0]:,.0f} a month, "
                         f"{row['survival'].iloc[0]:.1%} survive, {row['priced_out_share'].iloc[0]:.1%} priced out")
    else:
        row = pd.DataFrame([{c: math.nan for c in curve.columns}])
        row.insert(0, "price", math.nan)
        row["meets_limits"] = False
        row["answer"] = _answer_none(curve, min_survival, max_priced_out)
    row.index = pd.Index(["best_price"])
    # The curve as plain data (a DataFrame in attrs would break pandas.concat of two answers).
    row.attrs.update(curve=curve.reset_index().to_dict("list"), paths=curve.attrs.get("paths"),
                     seed=curve.attrs.get("seed"),
                     min_survival=min_survival, max_priced_out=max_priced_out)
    return row
