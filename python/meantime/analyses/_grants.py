"""One start-up's futures as a function of a month-1 grant: what a portfolio (and, later, other
funder's analyses) evaluates again and again.

A grant is a record ``{amount, month: 1}`` added to ``funding.grants`` of a copy of the
scenario. Every evaluation runs with the analysis's seed and paths, so path ``i`` meets the same
luck whatever the grant (common random numbers): the difference two grants make is sharp.

Each evaluation is reduced to two per-path arrays, :class:`GrantOutcome`: the month the venture
failed (-1: never) and the client-months it served (active clients summed over the months before
and including its failure; a failed path serves no more).

Two ways to get them:

- **Shifted** (exact, the fast way): when neither benefits nor giving up are on, nothing in the
  model depends on how much money there is except the failure test itself (combined cash below
  zero), so a grant of ``g`` in month 1 raises every path's combined cash in every month by
  exactly ``g`` and changes nothing else. Two runs then answer every grant: the scenario as it is
  (grant 0, its own arrays bit for bit), and one with a grant ``G`` large enough that no path
  fails, which shows each path's cash and clients in every month. With grant ``g`` a path fails
  in the first month whose combined cash, less ``G``, plus ``g`` is below zero. (Floating point:
  equal to a re-run path by path, except where a path's cash with the grant would be exactly zero
  in exact arithmetic -- a round grant meeting cash in whole pence -- and the two sums round to
  opposite sides of it, about 1e-12 pounds apart.)
- **Re-run**: otherwise (benefits: savings against the capital limits; giving up: a failure no
  money prevents), each grant is simulated.

Both are cached by grant, so an optimiser asking twice runs once.

Every run goes through :class:`~meantime.analyses._runs.Runs` (the batch interface). The runs
without a grant follow each failed path to the horizon (the extra capital and the shifted grant
are read from their lowest cash); a re-run grant reads only when paths fail and the clients they
served, so its paths stop at their failure, and its ``lowest_cash`` (which only
:meth:`StartUp.followed_outcome` shows) is run again, followed, when asked for. No run keeps
monthly statistics, and each keeps the per-path arrays of the series it reads only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..scenario.scenario import Scenario
from ._runs import Runs

__all__ = [
    "GrantOutcome",
    "StartUp",
    "with_grant",
    "shift_rule",
    "outcome_of",
    "OUTCOME_SERIES",
    "CASH_SERIES",
    "cash_and_clients",
]


def with_grant(scenario: Scenario, amount: float) -> Scenario:
    """``scenario`` with one more grant, ``amount`` pounds in month 1 (itself for 0)."""
    if amount == 0:
        return scenario
    grants = [{"amount": g.amount, "month": g.month} for g in scenario.funding.grants]
    return scenario.replace({"funding.grants": grants + [{"amount": float(amount), "month": 1}]})


def shift_rule(scenario: Scenario) -> str:
    """Why a grant does not simply shift the cash ("" when it does), in words."""
    reasons = []
    if scenario.benefits.enabled:
        reasons.append("benefits are enabled (savings count against their capital limits)")
    if scenario.run.give_up_after_months > 0:
        reasons.append("the founder may give up (a failure no money prevents)")
    return "; ".join(reasons)


@dataclass(frozen=True)
class GrantOutcome:
    """Per path, with one grant: ``failure_month`` (1..months, -1 never), ``client_months`` and
    ``lowest_cash`` (the lowest combined cash over the horizon: followed past a failure when
    ``followed``, else as it stood at the failure)."""

    failure_month: np.ndarray
    client_months: np.ndarray
    lowest_cash: np.ndarray
    followed: bool = True

    def alive(self, month: int) -> np.ndarray:
        """True for the paths still going at the end of ``month``."""
        return (self.failure_month == -1) | (self.failure_month > month)


def _joined(chunks: list, followed: bool = True) -> GrantOutcome:
    failure_month, client_months, lowest_cash = (np.concatenate([c[k] for c in chunks]) for k in range(3))
    return GrantOutcome(failure_month, client_months, lowest_cash, followed)


#: The per-path arrays outcome_of and cash_and_clients read: the only ones their runs keep.
OUTCOME_SERIES = ("clients",)
CASH_SERIES = ("business_cash", "household_cash", "clients")


def outcome_of(result) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    outcomes = result.outcomes
    # A failed path reports no clients after its failure month (the engine's rule).
    return (
        outcomes["failure_month"].to_numpy().astype(np.int32),
        result.paths["clients"].sum(axis=1),
        outcomes["lowest_cash"].to_numpy().copy(),
    )


def cash_and_clients(result) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    paths = result.paths
    combined = paths["business_cash"] + paths["household_cash"]
    return result.outcome_arrays["failure_month"].copy(), combined, np.cumsum(paths["clients"], axis=1)


def _key(amount: float) -> float:
    return round(float(amount), 2)


class StartUp:
    """One candidate start-up: its outcomes with any month-1 grant, each grant run (or derived)
    once. ``method`` is ``"shifted"`` or ``"rerun"`` (see the module's notes)."""

    def __init__(self, name: str, scenario: Scenario, runs: Runs) -> None:
        self.name, self.scenario, self.runs = name, scenario, runs
        self.months = scenario.run.months
        self.why_rerun = shift_rule(scenario)
        self.method = "rerun" if self.why_rerun else "shifted"
        self._cache: dict[float, GrantOutcome] = {}
        # Once a shifted evaluation has been prepared, two arrays of paths x months: the grant that
        # gets a path through each month, and its client-months so far.
        self._shift: Optional[tuple[np.ndarray, np.ndarray]] = None

    @property
    def evaluations(self) -> int:
        """Grants evaluated so far (runs or derivations)."""
        return len(self._cache)

    def outcome(self, grant: float) -> GrantOutcome:
        """The per-path outcome with ``grant`` pounds in month 1."""
        key = _key(grant)
        if key not in self._cache:
            if key == 0:
                self._cache[key] = self._run(0.0)
            elif self.method == "shifted":
                self._cache[key] = self._shifted(key)
            else:
                self._cache[key] = self._run(key)
        return self._cache[key]

    def has_outcome(self, grant: float) -> bool:
        return _key(grant) in self._cache

    def take_outcome(self, grant: float, chunks: list) -> None:
        """The outcome with ``grant`` from the chunks of its run (reduced with ``outcome_of``)."""
        self._cache[_key(grant)] = _joined(chunks)

    @property
    def shift_prepared(self) -> bool:
        return self._shift is not None

    def followed_outcome(self, grant: float) -> GrantOutcome:
        """:meth:`outcome`, with ``lowest_cash`` followed past each failure (a re-run grant's
        paths stopped at their failure are run again, followed, once)."""
        outcome = self.outcome(grant)
        if not outcome.followed:
            outcome = self._cache[_key(grant)] = self._run(_key(grant), follow=True)
        return outcome

    def run_followed(self, grant: float) -> GrantOutcome:
        """:meth:`followed_outcome`, run followed at once where the grant has no run yet (a need's
        search reads each run's lowest cash)."""
        key = _key(grant)
        if key not in self._cache and self.method == "rerun":
            self._cache[key] = self._run(key, follow=True)
        return self.followed_outcome(key)

    @property
    def grants_run(self) -> list[float]:
        """The grants evaluated so far."""
        return list(self._cache)

    def _run(self, grant: float, follow: Optional[bool] = None) -> GrantOutcome:
        """A run with ``grant``, keeping no monthly statistics and only the clients' per-path
        arrays (all it reads). Without a grant (the extra capital and the shifted grant are read
        from its lowest cash) or asked to, it follows each failed path to the horizon; otherwise
        its paths stop at their failure. Everything read from it is the same bit for bit."""
        follow = grant == 0 if follow is None else follow
        chunks = self.runs.run_kept(
            with_grant(self.scenario, grant),
            outcome_of,
            follow_failed=follow,
            monthly_statistics=False,
            path_series=OUTCOME_SERIES,
        )
        return _joined(chunks, followed=follow or self.runs.cluster is not None)

    def shift_grant(self) -> float:
        """The grant large enough that no path fails (0 when none fails without one)."""
        base = self.outcome(0.0)
        return math.ceil(max(0.0, float(-base.lowest_cash.min()))) + 1.0 if (base.failure_month != -1).any() else 0.0

    def _prepare_shift(self) -> tuple[np.ndarray, np.ndarray]:
        """The grant each path needs to get through each month, and its client-months so far,
        from a run with a grant large enough that no path fails (the scenario's own run when
        none fails)."""
        grant = self.shift_grant()
        chunks = self.runs.run_kept(
            with_grant(self.scenario, grant), cash_and_clients, monthly_statistics=False, path_series=CASH_SERIES
        )
        return self.take_shift_run(grant, chunks)

    def take_shift_run(self, grant: float, chunks: list) -> tuple[np.ndarray, np.ndarray]:
        """The needs from the chunks of the run with ``grant`` (reduced with ``cash_and_clients``)."""
        if any((c[0] != -1).any() for c in chunks):  # cannot happen when the shift is exact
            raise RuntimeError(
                f"{self.name}: a path failed even with a grant of £{grant:,.0f}; the shifted evaluation does not apply"
            )
        # The grant that carries a path through month t: its deepest shortfall up to t.
        needs = np.maximum.accumulate(grant - np.concatenate([c[1] for c in chunks]), axis=1)
        self._shift = (needs, np.concatenate([c[2] for c in chunks]))
        return self._shift

    def _shifted(self, grant: float) -> GrantOutcome:
        needs, cumulative = self._shift if self._shift is not None else self._prepare_shift()
        short = needs > grant  # the path's combined cash is below zero at the month's end
        fails = short.any(axis=1)
        first = np.where(fails, short.argmax(axis=1), self.months - 1)
        client_months = cumulative[np.arange(first.size), first]
        return GrantOutcome(np.where(fails, first + 1, -1).astype(np.int32), client_months, grant - needs[:, -1])
