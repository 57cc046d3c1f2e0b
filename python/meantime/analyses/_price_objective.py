"""What :func:`~meantime.best_price` maximises, and which prices are statistically tied with the best.

An objective is one of the answers (``"survival"``, ``"income"``, ``"clients"``), a weighted sum
of them (``{"income": 1, "clients": 20}``), or a function of the price table. Every price is run
with the same seed (common random numbers), so path ``j`` at one price and path ``j`` at another
share their random numbers, and the difference between two prices is best judged path by path:

- an answer or a weighted sum has a value on each path; the difference between two prices is the
  mean of the per-path differences, and its standard error their standard deviation over the
  root of the path count;
- a function of the table has no value per path, so the paths are cut into :data:`GROUPS`
  groups and the standard error of a difference is the grouped jackknife's: the difference
  recomputed with each group left out, ``sqrt((G - 1) / G * sum((d_g - mean d_g)^2))``.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional, Sequence

import numpy as np
import pandas as pd

from ..errors import ArgumentError

__all__ = ["ANSWERS", "TABLE_ANSWERS", "GROUPS", "PriceObjective", "price_objective", "kept_values"]

#: The answers an objective names -> the price table's column.
ANSWERS: dict[str, str] = {"survival": "survival", "income": "founder_income", "clients": "clients_served"}
_WORDS = {"survival": "survival", "income": "founder income", "clients": "clients served"}

#: The columns of the table a function objective is given (the price curve's, without their SEs).
TABLE_ANSWERS = ("survival", "living_break_even", "founder_income", "clients_served", "priced_out_share")

#: Path groups of the jackknife for a function of the table.
GROUPS = 20


def kept_values(per_path: Mapping[str, np.ndarray], weights: Optional[Mapping[str, float]]) -> np.ndarray:
    """What one run keeps for the objective: the weighted answer per path (``weights``), or
    (``None``, a function of the table) the sums of the table's answers over each group of paths,
    a ``GROUPS x len(TABLE_ANSWERS)`` array with the groups' path counts as a last column."""
    if weights is not None:
        return sum((w * per_path[ANSWERS[name]] for name, w in weights.items()), np.zeros_like(per_path["survival"]))
    columns = np.column_stack([per_path[name] for name in TABLE_ANSWERS])
    groups = np.array_split(np.arange(columns.shape[0]), min(GROUPS, columns.shape[0]))
    return np.array([[*columns[g].sum(axis=0), g.size] for g in groups])


@dataclass(frozen=True)
class PriceObjective:
    """A checked objective: ``weights`` (an answer is the weight 1 on itself), or ``function``."""

    name: str
    words: str
    weights: Optional[dict[str, float]] = None
    function: Optional[Callable[[pd.DataFrame], Any]] = None

    def values(self, prices: Sequence[float], kept: Sequence[np.ndarray]) -> np.ndarray:
        """The objective's estimate at each price."""
        if self.weights is not None:
            return np.array([k.mean() for k in kept])
        return self._call(prices, [k.sum(axis=0) for k in kept])

    def std_errors(self, prices: Sequence[float], kept: Sequence[np.ndarray]) -> np.ndarray:
        """The standard error of the objective's estimate at each price."""
        if self.weights is not None:
            return np.array([float(k.std(ddof=1) / math.sqrt(k.size)) if k.size > 1 else 0.0 for k in kept])
        return self._jackknife(prices, kept, lambda values: values)

    def differences(
        self, prices: Sequence[float], kept: Sequence[np.ndarray], best: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each price's objective less the best's, with the standard error of the paired difference."""
        if self.weights is not None:
            n = kept[best].size
            paired = [k - kept[best] for k in kept]
            se = [float(d.std(ddof=1) / math.sqrt(n)) if n > 1 else 0.0 for d in paired]
            return np.array([d.mean() for d in paired]), np.array(se)
        values = self.values(prices, kept)
        return values - values[best], self._jackknife(prices, kept, lambda v: v - v[best])

    def _jackknife(
        self, prices: Sequence[float], kept: Sequence[np.ndarray], statistic: Callable[[np.ndarray], np.ndarray]
    ) -> np.ndarray:
        """The grouped jackknife's standard error of ``statistic(values at every price)``."""
        groups = kept[0].shape[0]
        if groups < 2:
            return np.zeros(len(prices))
        totals = [k.sum(axis=0) for k in kept]
        replicates = np.array(
            [statistic(self._call(prices, [t - k[g] for t, k in zip(totals, kept)])) for g in range(groups)]
        )
        return np.sqrt((groups - 1) / groups * ((replicates - replicates.mean(axis=0)) ** 2).sum(axis=0))

    def _call(self, prices: Sequence[float], sums: Sequence[np.ndarray]) -> np.ndarray:
        """The function on the table of the answers' means (from sums with the path count last)."""
        assert self.function is not None
        means = np.array([s[:-1] / s[-1] for s in sums])
        table = pd.DataFrame(means, index=pd.Index(list(prices), name="price"), columns=list(TABLE_ANSWERS))
        answer = self.function(table)
        try:
            values = np.asarray(answer, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise ArgumentError(
                "objective", f"the function must return one number per row of the table, got {type(answer).__name__}"
            ) from None
        if values.size != len(table):
            raise ArgumentError(
                "objective",
                f"the function must return one number per row of the table ({len(table)} rows), got {values.size}",
            )
        return values


def price_objective(objective: Any) -> PriceObjective:
    """Check ``objective``: a name of :data:`ANSWERS`, a dict of weights on them, or a function."""
    if isinstance(objective, str):
        if objective not in ANSWERS:
            raise ArgumentError(
                "objective",
                f"must be one of {', '.join(repr(a) for a in ANSWERS)}, a dict of "
                f"weights on them or a function of the price table, got {objective!r}",
            )
        return PriceObjective(objective, _WORDS[objective], weights={objective: 1.0})
    if isinstance(objective, Mapping):
        return _weighted(objective)
    if callable(objective):
        name = getattr(objective, "__name__", "")
        label = name if name and name != "<lambda>" else "the given function"
        return PriceObjective(label, f"{label} of the price table", function=objective)
    raise ArgumentError(
        "objective",
        f"must be one of {', '.join(repr(a) for a in ANSWERS)}, a dict of weights "
        f"on them or a function of the price table, got {type(objective).__name__}",
    )


def _weighted(given: Mapping[Any, Any]) -> PriceObjective:
    weights: dict[str, float] = {}
    for name, weight in given.items():
        if name not in ANSWERS:
            raise ArgumentError(f"objective['{name}']", f"unknown answer; weigh {', '.join(repr(a) for a in ANSWERS)}")
        if isinstance(weight, bool) or not isinstance(weight, numbers.Real) or not math.isfinite(weight):
            raise ArgumentError(f"objective['{name}']", f"must be a finite number, got {weight!r}")
        if weight != 0:
            weights[name] = float(weight)
    if not weights:
        raise ArgumentError("objective", "the weights are all 0 (or none is given): weigh at least one answer")
    terms = [(_WORDS[name] if w == 1 else f"{w:g} × {_WORDS[name]}") for name, w in weights.items()]
    name = ", ".join(f"{n}={w:g}" for n, w in weights.items())
    return PriceObjective(name, " + ".join(terms).replace("+ -", "- "), weights=weights)
