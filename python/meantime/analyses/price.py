"""Price: survival, founder income, clients and affordability against price, and the best price
with the range of prices statistically tied with it."""

from __future__ import annotations

import math
from typing import Any, Iterable, Optional

import pandas as pd

from ..errors import ArgumentError
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ..scenario.scenario import Scenario
from ._arguments import as_scenario, number, probability, values, with_value
from ._headlines import headlines
from ._price_objective import ANSWERS, price_objective
from ._price_search import COARSE_PRICES, PriceSearch, search_grid
from ._runs import Runs
from .deterministic import break_even

__all__ = [
    "price_curve",
    "best_price",
    "default_price_range",
    "PRICE_CURVE_ANSWERS",
    "PRICE_OBJECTIVES",
    "FLAT_SHARE",
    "TOP_TIMES_MEDIAN",
]

#: The answers of a price curve, each followed by ``<answer>_se`` in the table.
PRICE_CURVE_ANSWERS = ("survival", "living_break_even", "founder_income", "clients_served", "priced_out_share")
_CURVE_COLUMNS = [c for name in PRICE_CURVE_ANSWERS for c in (name, f"{name}_se")]

#: The objectives :func:`best_price` names -> the price table's column each maximises.
PRICE_OBJECTIVES = dict(ANSWERS)

#: The range of prices tied with the best is called flat when it spans at least this share of the best price.
FLAT_SHARE = 0.2

#: The default search goes up to this many times the market's median reservation price for a session.
TOP_TIMES_MEDIAN = 3


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
    seed: int = DEFAULT_SEED,
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
    paths, seed, threads, progress, client, chunk_paths, retries, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: every price runs with the one seed (common random numbers),
        and one progress bar covers the whole analysis.

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
    with Runs(
        paths,
        seed,
        threads,
        progress,
        expected_runs=len(scenarios),
        client=client,
        chunk_paths=chunk_paths,
        retries=retries,
    ) as runs:
        # No extra capital in the curve, and headlines read per-path outcomes only: each path
        # stops at its failure and no monthly statistics are kept (the same answers, less work).
        answers = runs.run(scenarios, headlines, follow_failed=False, monthly_statistics=False)
    table = pd.DataFrame([answer.row() for answer in answers], index=pd.Index(prices, name="price"))[_CURVE_COLUMNS]
    table.attrs.update(paths=runs.paths, seed=runs.seed)
    return table


def default_price_range(scenario: Scenario) -> tuple[float, float]:
    """The prices :func:`best_price` searches by default: from the lowest price that covers the
    operating costs with a full diary to :data:`TOP_TIMES_MEDIAN` times the market's median
    reservation price for a session (the highest of its routes', with routes)."""
    m, b = scenario.market, scenario.business
    ratio = 1.0
    if m.routes.enabled:
        routes = [m.routes.direct_payment, m.routes.health_budget, m.routes.service_fund, m.routes.self_funded]
        if m.routes.council_list:
            routes.append(m.routes.council_managed)
        ratio = max((r.price_ratio for r in routes if r.share > 0), default=1.0)
    top = TOP_TIMES_MEDIAN * b.session_hours * m.reservation_price_per_hour.mean() * ratio
    bottom = float(break_even(scenario).loc["operating", "lowest_price"])
    if not math.isfinite(bottom) or bottom >= top:  # no price breaks even in the market: look below it too
        bottom = 0.25 * top
    return bottom, top


def _pounds(price: float) -> str:
    return f"£{price:,.2f}"


def _percent(p: float) -> str:
    """A limit as a person writes it: 90%, 99.9%."""
    return f"{100 * p:g}%"


def _answer_none(curve: pd.DataFrame, min_survival: Optional[float], max_priced_out: Optional[float]) -> str:
    low, high = curve.index.min(), curve.index.max()
    parts = []
    if min_survival is not None:
        best = curve["survival"].idxmax()
        parts.append(
            f"survival of at least {_percent(min_survival)} (the most is {curve.loc[best, 'survival']:.1%} "
            f"at £{best:,.2f})"
        )
    if max_priced_out is not None:
        least = curve["priced_out_share"].idxmin()
        parts.append(
            f"at most {_percent(max_priced_out)} of interested budget holders priced out (the fewest is "
            f"{curve.loc[least, 'priced_out_share']:.1%} at £{least:,.2f})"
        )
    return f"no price from £{low:,.2f} to £{high:,.2f} gives " + " together with ".join(parts)


def tie_words(curve: pd.DataFrame, price: float, low: float, high: float, words: str) -> str:
    """The range statistically tied with the best ``price`` in words, with whether the curve is
    flat and whether the best or the range reach the end of the prices tried."""
    first, last = curve.index.min(), curve.index.max()
    if low == high:
        text = f"no other price tried is statistically tied with it on {words}"
    else:
        text = f"{_pounds(low)} to {_pounds(high)} are statistically tied on {words}"
        if low == first and high == last:
            text += " (from the lowest to the highest price tried: the tie may go further)"
        elif low == first:
            text += " (from the lowest price tried: lower prices may be tied too)"
        elif high == last:
            text += " (to the highest price tried: higher prices may be tied too)"
    if high - low >= FLAT_SHARE * price:
        text += (
            f"; the curve is flat: prices across {(high - low) / price:.0%} of the best do about as well, "
            f"so the price can be set on other grounds"
        )
    elif price == last and last > first:
        text += "; the best is the highest price tried: a higher one may do better"
    elif price == first and last > first:
        text += "; the best is the lowest price tried: a lower one may do better"
    return text


def _answer(row: dict[str, Any], curve: pd.DataFrame, words: str) -> str:
    price = row["price"]
    return (
        f"{_pounds(price)} a session: founder income £{row['founder_income']:,.0f} a month, "
        f"{row['survival']:.1%} survive, {row['priced_out_share']:.1%} priced out; "
        + tie_words(curve, price, row["tied_low"], row["tied_high"], words)
    )


@takes_run_settings
def best_price(
    scenario: Optional[Scenario] = None,
    objective: Any = "income",
    min_survival: Optional[float] = 0.9,
    max_priced_out: Optional[float] = 0.5,
    prices: Optional[Iterable[float]] = None,
    paths: int = 10_000,
    seed: int = DEFAULT_SEED,
    *,
    step: float = 0.5,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    client: Any = None,
    chunk_paths: Optional[int] = None,
    retries: Optional[int] = None,
    settings: Optional[RunSettings] = None,
) -> pd.DataFrame:
    """The price that does best on an objective while the venture survives and stays
    affordable, with the range of prices statistically tied with it; or a clear answer that no
    price meets the limits.

    Without ``prices``, searches a coarse grid of about 16 prices over
    :func:`default_price_range` (from the lowest price that covers the operating costs with a
    full diary to three times the market's median reservation price for a session), then
    narrows around the best, a quarter of the spacing at a time, down to ``step``; then finds
    each edge of the range of prices tied with the best, by bisection, to ``step``. (When no price
    of the coarse grid meets the limits it narrows around the one with the most survival, which
    comes nearest; the answer says how near.) Every price is
    a multiple of ``step`` (what a price list uses) and is run with the same seed (common random
    numbers, in batches for the engine), so the paired differences between prices have small
    standard errors.

    **Ties.** A price is statistically tied with the best when the mean of the paired per-path
    differences of the objective (that price's less the best's) is within 1.96 of its standard
    errors of 0: a two-sided z-test at the 5% level, price by price (no correction for testing
    many prices; the best is itself picked by chance among tied prices, so read the range, not
    the best alone). The tie range is the run of prices around the best, without a gap, each tied
    and meeting the limits. The curve is *flat* when that range spans at least
    :data:`FLAT_SHARE` (20%) of the best price: the answer then says so. The limits are read from
    the estimates: a price just at a limit may miss it with other luck.

    Parameters
    ----------
    scenario : Scenario or dict, optional
        Default: :func:`~meantime.default_scenario`.
    objective : str, dict or callable, default "income"
        What to maximise: ``"income"`` (the founder's drawings a month, averaged over the
        horizon, none after a failure), ``"survival"`` (the chance of getting through the
        horizon) or ``"clients"`` (clients served over the horizon); a dict of weights on them,
        added future by future (``{"income": 1, "clients": 20}``: a client served counts as £20
        a month of income); or a function of a price table (indexed by ``price``, with the
        columns ``survival``, ``living_break_even``, ``founder_income``, ``clients_served`` and
        ``priced_out_share``) returning one number per row, maximised (to minimise, negate).
        A function's standard errors come from the grouped jackknife over 20 groups of paths.
    min_survival : float or None, default 0.9
        The least share of futures that must survive the horizon; None: no such limit.
    max_priced_out : float or None, default 0.5
        The most share of interested budget holders the price may price out; None: no limit.
    prices : list of float, optional
        The prices to try (above 0), instead of the search: the answer is one of them.
    step : float, default 0.5
        The step of the price list in pounds (0.5: 50p; 1: whole pounds): the search's finest
        spacing, and what every price it tries is a multiple of. Not used with ``prices``.
    paths, seed, threads, progress, client, chunk_paths, retries, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: every price runs with the one seed (common random numbers),
        and one progress bar covers the whole analysis.

    Returns
    -------
    pandas.DataFrame
        One row, indexed ``"best_price"``: ``price`` (NaN when no price meets the limits),
        ``objective`` (its name), ``objective_value`` and ``objective_se`` at that price,
        ``tied_low`` and ``tied_high`` (the range statistically tied with it), ``flat`` (bool),
        the columns of :func:`price_curve` at that price, ``meets_limits`` (bool) and ``answer``
        in words. ``table.attrs["curve"]`` holds every price tried as plain data
        (``pandas.DataFrame(table.attrs["curve"])``): the columns of :func:`price_curve`,
        ``objective``, ``objective_se``, ``meets_limits``, and against the best ``difference``,
        its paired ``difference_se`` and ``tied``.

    Raises
    ------
    ArgumentError
        For an unknown objective or weight, limits outside [0, 1], a step not above 0, or
        unusable prices.

    Examples
    --------
    >>> import meantime
    >>> lcw = meantime.default_scenario()   # a founder with limited capability for work
    >>> best = meantime.best_price(lcw, min_survival=0.5, max_priced_out=0.9,
    ...                            prices=[8, 10, 11, 12, 14], paths=1_000, seed=1)
    >>> bool(best.loc["best_price", "meets_limits"])
    True
    >>> row = best.loc["best_price"]
    >>> bool(row.tied_low <= row.price <= row.tied_high)
    True
    >>> none = meantime.best_price(lcw, min_survival=0.999, prices=[8, 12], paths=500)
    >>> none.loc["best_price", "answer"]
    'no price from £8.00 to £12.00 gives survival of at least 99.9% ...'
    """
    scenario = as_scenario(scenario)
    goal = price_objective(objective)
    if min_survival is not None:
        min_survival = probability("min_survival", min_survival, open_ends=False)
    if max_priced_out is not None:
        max_priced_out = probability("max_priced_out", max_priced_out, open_ends=False)
    step = number("step", step)
    if step <= 0:
        raise ArgumentError("step", f"must be above 0 (the step of a price list in pounds, e.g. 0.5), got {step:g}")
    given = None if prices is None else _prices(prices)

    def meets(row: dict[str, float]) -> bool:
        return (min_survival is None or row["survival"] >= min_survival) and (
            max_priced_out is None or row["priced_out_share"] <= max_priced_out
        )

    expected = len(given) if given is not None else COARSE_PRICES + 12
    with Runs(
        paths, seed, threads, progress, expected_runs=expected, client=client, chunk_paths=chunk_paths, retries=retries
    ) as runs:
        space = PriceSearch(scenario, goal, runs, meets)
        if given is None:
            low, high = default_price_range(scenario)
            search_grid(space, low, high, step, scenario.business.price_per_session)
        else:
            space.run(given)
    table = space.table()
    price = space.best(table)
    if price is not None:
        table = space.with_ties(table, price)
        low, high = space.tie_range(table, price)
        row = {
            "price": price,
            "objective": goal.name,
            "objective_value": table.at[price, "objective"],
            "objective_se": table.at[price, "objective_se"],
            "tied_low": low,
            "tied_high": high,
            "flat": bool(high - low >= FLAT_SHARE * price),
            **{c: table.at[price, c] for c in _CURVE_COLUMNS},
            "meets_limits": True,
        }
        row["answer"] = _answer(row, table, goal.words)
    else:
        for column in ("difference", "difference_se"):
            table[column] = math.nan
        table["tied"] = False
        row = {
            "price": math.nan,
            "objective": goal.name,
            "objective_value": math.nan,
            "objective_se": math.nan,
            "tied_low": math.nan,
            "tied_high": math.nan,
            "flat": False,
            **{c: math.nan for c in _CURVE_COLUMNS},
            "meets_limits": False,
            "answer": _answer_none(table, min_survival, max_priced_out),
        }
    best = pd.DataFrame([row], index=pd.Index(["best_price"]))
    # The curve as plain data (a DataFrame in attrs would break pandas.concat of two answers).
    best.attrs.update(
        curve=table.reset_index().to_dict("list"),
        paths=runs.paths,
        seed=runs.seed,
        objective=goal.name,
        objective_words=goal.words,
        step=step if given is None else None,
        min_survival=min_survival,
        max_priced_out=max_priced_out,
    )
    return best
