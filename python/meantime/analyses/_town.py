"""A town's candidate start-ups, evaluated under grants with one seed and one path count: the
ground of a funder's portfolio of grants. (Market capacity, :mod:`meantime.analyses.capacity`,
simulates towns of providers sharing one market instead: each start-up here has its own.)"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

from ..errors import ArgumentError
from ..running.capital import Probe, SavingsSearch
from ..scenario.scenario import Scenario
from ._arguments import as_scenario
from ._grants import CASH_SERIES, OUTCOME_SERIES, StartUp, cash_and_clients, outcome_of, with_grant
from ._objectives import Objective, Totals, alive_months, totals
from ._runs import Runs
from .capital import capital_from_lowest_cash

__all__ = ["Town", "candidates"]

# The largest grant a need is looked for (a start-up that needs more "cannot be brought there").
_MOST_NEED = 1e7
# Pounds: how close the search for a need brackets it when grants must be re-run.
_NEED_TOLERANCE = 10.0


def candidates(scenarios: Any) -> dict[str, Scenario]:
    """Name -> Scenario from a dict (name -> Scenario or dict) or a list (named "start-up 1", ...);
    all with one horizon."""
    if isinstance(scenarios, Mapping):
        items = list(scenarios.items())
    elif isinstance(scenarios, (list, tuple)):
        items = [(f"start-up {i + 1}", s) for i, s in enumerate(scenarios)]
    else:
        raise ArgumentError(
            "scenarios", f"must be a dict of name -> Scenario or a list of Scenarios, got {type(scenarios).__name__}"
        )
    if not items:
        raise ArgumentError("scenarios", "is empty: give at least one start-up")
    named: dict[str, Scenario] = {}
    for name, scenario in items:
        if not isinstance(name, str) or not name:
            raise ArgumentError("scenarios", f"names must be non-empty text, got {name!r}")
        try:
            named[name] = as_scenario(scenario, f"scenarios['{name}']")
        except TypeError as error:
            raise ArgumentError(f"scenarios['{name}']", str(error)) from None
    horizons = {s.run.months for s in named.values()}
    if len(horizons) > 1:
        months = ", ".join(f"{n}: {s.run.months}" for n, s in named.items())
        raise ArgumentError(
            "scenarios", f"every start-up must have the same horizon (run.months) to be compared; got {months}"
        )
    return named


class Town:
    """The start-ups of a town, each evaluated at any grant (cached), and what allocations buy.

    ``evaluation`` is "auto" (the exact shifted evaluation where it applies, else a run per
    grant) or "rerun" (a run per grant everywhere)."""

    def __init__(self, scenarios: Mapping[str, Scenario], runs: Runs, evaluation: str = "auto") -> None:
        self.runs = runs
        self.start_ups = {name: StartUp(name, s, runs) for name, s in scenarios.items()}
        if evaluation == "rerun":
            for start_up in self.start_ups.values():
                start_up.method = "rerun"
        self.horizon = next(iter(scenarios.values())).run.months
        self.months = alive_months(self.horizon)
        self._means: dict[tuple[str, float], dict[Any, float]] = {}
        self._needs: dict[tuple[str, float], float] = {}

    def prepare(self) -> None:
        """Run, in batches, what every start-up needs first: its run without a grant and, where it
        is evaluated by shifting, its run with a grant that no path fails with. The answers are
        those of running each when first asked for."""
        first = [s for s in self.start_ups.values() if not s.has_outcome(0.0)]
        # Followed: the extra capital and the shifted grant are read from their lowest cash.
        base_runs = self.runs.run_kept_many(
            [s.scenario for s in first], outcome_of, monthly_statistics=False, path_series=OUTCOME_SERIES
        )
        for start_up, chunks in zip(first, base_runs):
            start_up.take_outcome(0.0, chunks)
        shifted = [s for s in self.start_ups.values() if s.method == "shifted" and not s.shift_prepared]
        grants = [s.shift_grant() for s in shifted]
        scenarios = [with_grant(s.scenario, g) for s, g in zip(shifted, grants)]
        shift_runs = self.runs.run_kept_many(
            scenarios, cash_and_clients, monthly_statistics=False, path_series=CASH_SERIES
        )
        for start_up, grant, chunks in zip(shifted, grants, shift_runs):
            start_up.take_shift_run(grant, chunks)

    def use(self, runs: Runs) -> None:
        """Run what is still to be run with ``runs`` (same paths and seed; a new progress bar)."""
        self.runs = runs
        for start_up in self.start_ups.values():
            start_up.runs = runs

    @property
    def names(self) -> list[str]:
        return list(self.start_ups)

    # -- one start-up ----------------------------------------------------------------------------

    def means(self, name: str, grant: float) -> dict[Any, float]:
        """Survival by month (keys: the months) and mean ``client_months`` with ``grant``."""
        key = (name, round(float(grant), 2))
        if key not in self._means:
            outcome = self.start_ups[name].outcome(grant)
            means: dict[Any, float] = {m: float(outcome.alive(m).mean()) for m in self.months}
            means["client_months"] = float(outcome.client_months.mean())
            self._means[key] = means
        return self._means[key]

    def need(self, name: str, target: float) -> float:
        """The smallest grant that lets ``target`` of the futures of ``name`` get through the
        horizon (0: already; NaN: no grant up to £10 million does)."""
        key = (name, target)
        if key not in self._needs:
            self._needs[key] = self._find_need(self.start_ups[name], target)
        return self._needs[key]

    def _find_need(self, start_up: StartUp, target: float) -> float:
        base = start_up.outcome(0.0)
        guess = capital_from_lowest_cash(base.lowest_cash, target)[0]
        if start_up.method == "shifted":  # exact: the quantile of what each path needs
            return max(0.0, guess) if math.isfinite(guess) else math.nan
        horizon = self.horizon

        def survives(grant: float) -> bool:  # from the grant's run
            return self.means(start_up.name, grant)[horizon] >= target

        if survives(0.0):
            return 0.0
        self._bracket_need(start_up, target)

        def reached(grant: float) -> bool:
            """From the grant's run, or from the runs around it: one with less that got there, or
            one with more that did not, decides it (more money never loses a future)."""
            grant = round(grant, 2)
            if not start_up.has_outcome(grant):
                runs = {g: survives(g) for g in start_up.grants_run}
                if any(ok for g, ok in runs.items() if g <= grant):
                    return True
                if any(not ok for g, ok in runs.items() if g >= grant):
                    return False
            return survives(grant)

        # The bisection, to within _NEED_TOLERANCE: most of its steps are decided by the runs of
        # the search above without a run of their own.
        high = round(max(100.0, guess if math.isfinite(guess) else 0.0), 2)
        low = 0.0
        if reached(high):
            near = round(0.9 * high, 2)
            low, high = (0.0, near) if reached(near) else (near, high)
        while not reached(high):  # look upward, doubling
            low, high = high, round(2 * high, 2)
            if high > _MOST_NEED:
                return math.nan
        while high - low > _NEED_TOLERANCE:
            middle = round(0.5 * (low + high), 2)
            low, high = (low, middle) if reached(middle) else (middle, high)
        return high

    def _bracket_need(self, start_up: StartUp, target: float) -> None:
        """Runs grants (followed: each future's lowest cash says how much more it needs) that
        bracket the need within _NEED_TOLERANCE: the savings' secant search
        (:class:`~meantime.running.capital.SavingsSearch`) on the grant, a few runs where a
        bisection takes ten."""
        paths = start_up.outcome(0.0).failure_month.size
        # The fewest futures that make the share, as the means compare it (ceil may be one over).
        rank = max(0, math.ceil(target * paths) - 1)
        while rank / paths < target:
            rank += 1

        def probe_of(grant: float) -> Probe:
            outcome = start_up.run_followed(grant)
            needs = -np.asarray(outcome.lowest_cash, dtype=float)
            # A future that failed with money in hand gave up: no grant saves it.
            needs[(outcome.failure_month != -1) & (needs <= 0)] = math.inf
            return Probe(int((outcome.failure_month == -1).sum()), np.sort(needs), needs)

        search = SavingsSearch(start_up.scenario, probe_of, _NEED_TOLERANCE, probe_of(0.0), limits=(0.0, _MOST_NEED))
        search.smallest_shift(rank)

    # -- allocations -----------------------------------------------------------------------------

    def value(self, allocation: Mapping[str, float], objective: Objective) -> float:
        """The objective of an allocation, from each start-up's cached means."""
        if objective.name == "cost_per_survivor":
            spent = sum(allocation.values())
            alive = sum(self.means(n, g)[self.horizon] for n, g in allocation.items())
            return spent / alive if spent > 0 and alive > 0 else math.nan
        key = "client_months" if objective.name == "client_months" else objective.month
        return float(sum(self.means(n, g)[key] for n, g in allocation.items()))

    def totals(self, allocation: Mapping[str, float]) -> Totals:
        outcomes = {n: self.start_ups[n].outcome(g) for n, g in allocation.items()}
        return totals(outcomes, allocation, self.horizon)

    def paired_se(self, a: Mapping[str, float], b: Mapping[str, float]) -> float:
        """The standard error of the difference in services alive at the horizon between two
        allocations, from the per-path differences (same draws)."""
        d = self.totals(a).per_path_alive - self.totals(b).per_path_alive
        return float(d.std(ddof=1) / math.sqrt(d.size)) if d.size > 1 else math.nan

    @property
    def evaluations(self) -> int:
        return sum(s.evaluations for s in self.start_ups.values())

    def outcome_arrays(self, allocation: Mapping[str, float]) -> dict[str, Any]:
        """Per start-up, its outcome under its grant, the lowest cash followed past failures."""
        return {n: self.start_ups[n].followed_outcome(g) for n, g in allocation.items()}
