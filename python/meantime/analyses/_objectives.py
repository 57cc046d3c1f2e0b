"""What a funder's money buys: the objectives of a portfolio, for an allocation of grants.

An allocation gives each start-up a grant; each start-up's futures with its grant are a
:class:`~meantime.analyses._grants.GrantOutcome` (per path: failure month, client-months). The
start-ups are separate businesses, each simulated with the same seed and paths, so path ``j`` of
every start-up shares its random numbers (common random numbers). Totals are therefore taken
path by path -- ``X_j`` = services alive on path ``j``, summed over the start-ups -- and the
standard error of an expected total is the standard deviation of ``X_j`` over the root of the
path count. (That is right whether or not the start-ups' paths are correlated; for independent
runs it equals the root of the sum of the squared standard errors.)

Objectives (:data:`OBJECTIVES`):

- ``alive_12``, ``alive_24``, ``alive_36``: expected services still going at the end of month
  12, 24 or 36: the sum over start-ups of each one's survival then. Maximised.
- ``client_months``: budget-holder client-months served: for each start-up, the active clients
  of each month summed over the horizon, a failed venture serving none after the month it
  failed; averaged over the futures (the same as the sum over months of the mean active clients
  with failed futures counted as 0, ``Result.monthly["clients_mean"]``); summed over start-ups.
  Maximised.
- ``cost_per_survivor``: pounds granted per service still going at the horizon (the money
  spent over the expected services alive then). Minimised. Not defined (NaN) when nothing is
  spent: no money, no cost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from ..errors import ArgumentError

__all__ = ["Objective", "OBJECTIVES", "objective_named", "Totals", "totals", "alive_months"]


@dataclass(frozen=True)
class Objective:
    name: str
    maximise: bool
    words: str
    month: int | None = None  # the month of "alive" (None: the horizon)

    def better(self, a: float, b: float) -> bool:
        """``a`` is strictly better than ``b`` (NaN is never better; anything beats NaN)."""
        if math.isnan(a):
            return False
        if math.isnan(b):
            return True
        return a > b if self.maximise else a < b

    def gain(self, new: float, old: float) -> float:
        """How much better ``new`` is than ``old`` (negative: worse)."""
        return new - old if self.maximise else old - new


OBJECTIVES: dict[str, Objective] = {
    "alive_12": Objective("alive_12", True, "expected services alive at 12 months", 12),
    "alive_24": Objective("alive_24", True, "expected services alive at 24 months", 24),
    "alive_36": Objective("alive_36", True, "expected services alive at 36 months", 36),
    "client_months": Objective("client_months", True, "budget-holder client-months served"),
    "cost_per_survivor": Objective("cost_per_survivor", False, "pounds granted per service alive at the horizon"),
}


def objective_named(name: str) -> Objective:
    if not isinstance(name, str) or name not in OBJECTIVES:
        raise ArgumentError("objective", f"must be one of {', '.join(repr(o) for o in OBJECTIVES)}, got {name!r}")
    return OBJECTIVES[name]


def alive_months(horizon: int) -> list[int]:
    """The months at which services alive are reported: 12, 24, 36 within the horizon, and the
    horizon itself."""
    return sorted({m for m in (12, 24, 36) if m <= horizon} | {horizon})


@dataclass(frozen=True)
class Totals:
    """The expected totals of an allocation, each with its Monte Carlo standard error."""

    spent: float
    alive: dict[int, tuple[float, float]]  # month -> (expected services alive, SE)
    client_months: tuple[float, float]
    horizon: int
    per_path_alive: np.ndarray  # services alive at the horizon on each path

    @property
    def cost_per_survivor(self) -> tuple[float, float]:
        """Pounds spent per expected service alive at the horizon, with its delta-method SE."""
        alive, se = self.alive[self.horizon]
        if self.spent <= 0 or alive <= 0:
            return math.nan, math.nan
        return self.spent / alive, self.spent * se / alive**2

    def value(self, objective: Objective) -> float:
        if objective.name == "client_months":
            return self.client_months[0]
        if objective.name == "cost_per_survivor":
            return self.cost_per_survivor[0]
        return self.alive[self.horizon if objective.month is None else objective.month][0]


def _mean_and_se(per_path: np.ndarray) -> tuple[float, float]:
    n = per_path.size
    return float(per_path.mean()), float(per_path.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan


def _summed(per_start_up: list) -> np.ndarray:
    """Per path, the sum over start-ups of their per-path values (as floats)."""
    return np.asarray(np.sum(per_start_up, axis=0, dtype=np.float64))


def totals(outcomes: Mapping[str, object], grants: Mapping[str, float], horizon: int) -> Totals:
    """The totals over start-ups of their ``outcomes`` (name -> GrantOutcome with its grant)."""
    months = alive_months(horizon)
    outcome_list: Sequence = list(outcomes.values())
    alive = {}
    for month in months:
        per_path = _summed([o.alive(month) for o in outcome_list])
        alive[month] = _mean_and_se(per_path)
    at_horizon = _summed([o.alive(horizon) for o in outcome_list])
    client_months = _summed([o.client_months for o in outcome_list])
    return Totals(float(sum(grants.values())), alive, _mean_and_se(client_months), horizon, at_horizon)
