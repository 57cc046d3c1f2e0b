"""The search of :func:`~meantime.best_price`: prices run in batches under one seed, a coarse grid
narrowed near the best, and the edges of the range of prices statistically tied with it found to
the step of a price list.

Prices on the search's grid are whole multiples of ``step`` (50p, £1...), held as whole numbers
of steps so that no price is run twice for a rounding error.
"""

from __future__ import annotations

import functools
import math
from typing import Callable, Iterable, Optional

import numpy as np
import pandas as pd

from ..running.result import Result
from ..scenario.scenario import Scenario
from ._arguments import with_value
from ._headlines import headlines
from ._price_objective import PriceObjective, kept_values
from ._runs import Runs

__all__ = ["Z", "PriceSearch", "search_grid", "COARSE_PRICES"]

#: Two prices are statistically tied when their paired difference is within Z standard errors
#: of 0 (a two-sided test at the 5% level, price by price).
Z = 1.959963984540054

#: Prices of the first, coarse grid.
COARSE_PRICES = 16
# Each narrowing divides the grid's spacing by about this.
_NARROWING = 4
# At most this many rounds of "find the best, then the edges of its ties" (a price run for an
# edge can turn out best, by chance; then its own edges are found).
_ROUNDS = 3

_CURVE_ANSWERS = ("survival", "living_break_even", "founder_income", "clients_served", "priced_out_share")


def _keep(result: Result, weights: Optional[dict[str, float]]) -> tuple[dict[str, float], np.ndarray]:
    """What a run keeps: the price curve's answers with their standard errors, and the objective's values."""
    answers = headlines(result, keep_per_path=True)
    row = {}
    for name in _CURVE_ANSWERS:
        row[name] = answers.estimate[name]
        row[f"{name}_se"] = answers.std_error[name]
    assert answers.per_path is not None
    return row, kept_values(answers.per_path, weights)


class PriceSearch:
    """The prices run so far, each with its answers and what the objective keeps of it.

    ``meets(row)`` says whether a price's answers meet the limits.
    """

    def __init__(
        self, scenario: Scenario, objective: PriceObjective, runs: Runs, meets: Callable[[dict[str, float]], bool]
    ) -> None:
        self.scenario, self.objective, self.runs, self.meets = scenario, objective, runs, meets
        self._points: dict[float, tuple[dict[str, float], np.ndarray]] = {}
        self._reduce = functools.partial(_keep, weights=objective.weights)

    def run(self, prices: Iterable[float]) -> None:
        """Run the prices not run yet, together (one batch for the engine)."""
        new = sorted({float(p) for p in prices} - set(self._points))
        if not new:
            return
        scenarios = [with_value("prices", self.scenario, "business.price_per_session", p) for p in new]
        # The search reads no extra capital and no month: paths stop at their failure, and no
        # monthly statistics are kept.
        kept = self.runs.run(scenarios, self._reduce, follow_failed=False, monthly_statistics=False)
        self._points.update(zip(new, kept))

    @property
    def prices(self) -> list[float]:
        return sorted(self._points)

    def table(self) -> pd.DataFrame:
        """Every price run, in order: the price curve's columns, ``objective`` with its
        standard error ``objective_se``, and ``meets_limits``."""
        prices = self.prices
        rows = [self._points[p][0] for p in prices]
        kept = [self._points[p][1] for p in prices]
        table = pd.DataFrame(rows, index=pd.Index(prices, name="price"))
        table["objective"] = self.objective.values(prices, kept)
        table["objective_se"] = self.objective.std_errors(prices, kept)
        table["meets_limits"] = [bool(self.meets(row)) for row in rows]
        return table

    def best(self, table: pd.DataFrame) -> Optional[float]:
        """The price with the highest objective among those meeting the limits; on an exact tie
        the one paying the founder most, then the lowest. None when no price meets them."""
        allowed = table[table["meets_limits"] & np.isfinite(table["objective"])]
        if allowed.empty:
            return None
        order = sorted(allowed.index, key=lambda p: (allowed.at[p, "objective"], allowed.at[p, "founder_income"], -p))
        return float(order[-1])

    def with_ties(self, table: pd.DataFrame, best: float) -> pd.DataFrame:
        """``table`` with ``difference`` (objective less the best's), its paired ``difference_se``
        and ``tied`` (the difference within Z standard errors of 0)."""
        prices = list(table.index)
        kept = [self._points[p][1] for p in prices]
        difference, se = self.objective.differences(prices, kept, prices.index(best))
        table = table.copy()
        table["difference"] = difference
        table["difference_se"] = se
        table["tied"] = np.abs(difference) <= Z * se
        table.loc[best, "tied"] = True
        return table

    def tie_range(self, table: pd.DataFrame, best: float) -> tuple[float, float]:
        """The lowest and highest prices of the run of prices around ``best``, without a gap,
        each meeting the limits and tied with it (``table`` from :meth:`with_ties`)."""
        prices = list(table.index)
        ok = (table["tied"] & table["meets_limits"]).to_list()
        low = high = prices.index(best)
        while low > 0 and ok[low - 1]:
            low -= 1
        while high < len(prices) - 1 and ok[high + 1]:
            high += 1
        return prices[low], prices[high]


def _price(k: int, step: float) -> float:
    return round(k * step, 9)


def search_grid(space: PriceSearch, low: float, high: float, step: float, own: float) -> None:
    """Run a coarse grid of about :data:`COARSE_PRICES` prices from ``low`` to ``high`` (with
    ``own``, the scenario's price), then narrow: between the best's neighbours, prices at a
    quarter of the spacing, down to ``step`` (again around a new best at the window's edge);
    then each edge of the range tied with the best, by bisection down to ``step``. When no price
    of the coarse grid meets the limits, it narrows around the one with the most survival
    instead, which comes nearest (and may meet them). Every price a multiple of ``step``."""
    first = max(1, math.ceil(low / step - 1e-9))
    last = max(first + 1, math.ceil(high / step - 1e-9))
    spacing = max(1, math.ceil((last - first) / (COARSE_PRICES - 1)))
    grid = set(range(first, last, spacing)) | {last}
    if first <= round(own / step) <= last:
        grid.add(round(own / step))
    space.runs.expect(len(grid) + 2 * _NARROWING + 6)
    space.run(_price(k, step) for k in grid)
    if space.best(space.table()) is None:
        _narrow(space, _most_survival, spacing, first, last, step)
    for _ in range(_ROUNDS):
        if space.best(space.table()) is None:
            return
        best = _narrow(space, space.best, spacing, first, last, step)
        _refine_edges(space, best, step)
        if space.best(space.table()) == best:
            return


def _most_survival(table: pd.DataFrame) -> float:
    """The price with the most survival (on an exact tie, the lowest)."""
    return float(table["survival"].idxmax())


def _narrow(
    space: PriceSearch,
    choose: Callable[[pd.DataFrame], Optional[float]],
    spacing: int,
    first: int,
    last: int,
    step: float,
) -> float:
    """Narrow around the price ``choose(table)`` names, from ``spacing`` steps down to one;
    the price it names at the end."""
    chosen = round(choose(space.table()) / step)  # type: ignore[operator]
    width = spacing
    while width > 1:
        finer = max(1, round(width / _NARROWING))
        for _ in range(_ROUNDS):
            reach = width // finer
            space.run(
                _price(chosen + j * finer, step)
                for j in range(-reach, reach + 1)
                if first <= chosen + j * finer <= last
            )
            moved_to = round(choose(space.table()) / step)  # type: ignore[operator]
            if moved_to == chosen:
                break
            chosen = moved_to
        width = finer
    return _price(chosen, step)


def _refine_edges(space: PriceSearch, best: float, step: float) -> None:
    """Bisect each gap between the outermost price tied with ``best`` and the next one out,
    down to ``step``."""
    for side in (-1, 1):
        while True:
            table = space.with_ties(space.table(), best)
            low, high = space.tie_range(table, best)
            prices = list(table.index)
            edge = prices.index(low if side < 0 else high)
            beyond = edge + side
            if not 0 <= beyond < len(prices):
                break
            inner, outer = round(prices[edge] / step), round(prices[beyond] / step)
            if abs(outer - inner) <= 1:
                break
            space.run([_price((inner + outer) // 2, step)])
