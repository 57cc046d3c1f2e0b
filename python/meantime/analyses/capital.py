"""Required capital: the starting savings that carry a given share of the futures through.

The definition and the way to find it are :mod:`meantime.running.capital`'s, shared with
:meth:`Result.extra_capital <meantime.Result.extra_capital>`, so ``meantime capital``,
``meantime run``, ``str(result)`` and the report give one figure for the same scenario, seed and
paths. Without a rule that makes the cash flows depend on savings, the capital for a survival
target is an order statistic of one run's lowest cash, with a distribution-free confidence
interval from the binomial law of the number of paths below a quantile. Benefits (a capital
limit makes the award depend on savings) and giving up (a failure no money prevents) break that;
then a secant search on the starting savings finds it in a few runs, every run with the same seed
(common random numbers), and the same search the order statistics that bound the interval. The
older bisection (``method="bisection"``: about a dozen runs for each end of each interval) is kept
as a reference.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Iterable, Optional

import pandas as pd

from ..errors import ArgumentError
from ..running.capital import (
    SHIFTABLE,
    Capital,
    SavingsSearch,
    capital_from_lowest_cash,
    capital_of,
    extra_capital,
    highest_shift,
    lowest_shift,
    probe,
    ranks,
    savings_dependent_rule,
    searched,
    shifted_savings,
)
from ..running.result import Result
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ..scenario.scenario import Scenario
from ._arguments import as_scenario, number, probability, values
from ._runs import Runs

__all__ = ["required_capital", "capital_table", "savings_dependent_rule", "capital_from_lowest_cash"]


def _survivors(result) -> int:
    return int((result.outcome_arrays["failure_month"] == -1).sum())


class _Bisection:
    """Survivors as a function of the change in savings, each value run once (same seed): the
    older way to find the capital, kept as ``method="bisection"`` to check the search against."""

    def __init__(self, scenario: Scenario, runs: Runs, tolerance: float) -> None:
        self.scenario, self.runs, self.tolerance = scenario, runs, tolerance
        self.counts: dict[float, int] = {}
        savings = scenario.household.savings
        self.lowest = lowest_shift(savings)
        self.highest = highest_shift(savings)

    def survivors(self, shift: float) -> int:
        if shift not in self.counts:
            # A survivor count reads neither the lowest cash nor a month.
            self.counts[shift] = self.runs.run(
                [shifted_savings(self.scenario, shift)], _survivors, follow_failed=False, monthly_statistics=False
            )[0]
        return self.counts[shift]

    def smallest_shift(self, needed: int, guess: float) -> float:
        """The smallest change in savings (within the tolerance, never below it) with at least
        ``needed`` survivors; NaN when not even the most savings allowed get there."""
        if needed < 1:
            return self.lowest
        if needed > self.runs.paths:
            return math.inf
        reached = [s for s, c in self.counts.items() if c >= needed]
        if not reached:  # look upward from the guess, doubling
            step = max(guess, 100.0, self.tolerance)
            shift = max(0.0, guess)
            while self.survivors(shift) < needed:
                if shift >= self.highest:
                    return math.nan
                shift = min(self.highest, shift + step)
                step *= 2
            reached = [shift]
        high = min(reached)
        below = [s for s, c in self.counts.items() if c < needed and s < high]
        if not below:
            if self.survivors(self.lowest) >= needed:
                return self.lowest
            below = [self.lowest]
        low = max(below)
        if high - low > self.tolerance:
            self.runs.expect(math.ceil(math.log2((high - low) / self.tolerance)))
        while high - low > self.tolerance:
            middle = 0.5 * (low + high)
            if self.survivors(middle) >= needed:
                high = middle
            else:
                low = middle
        return high


@takes_run_settings
def required_capital(
    scenario: Optional[Scenario] = None,
    survival: float | Iterable[float] = 0.9,
    paths: int = 10_000,
    seed: int = DEFAULT_SEED,
    *,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    client: Any = None,
    chunk_paths: Optional[int] = None,
    retries: Optional[int] = None,
    confidence: float = 0.95,
    method: str = "auto",
    tolerance: float = 1.0,
    settings: Optional[RunSettings] = None,
) -> pd.DataFrame:
    """The starting capital that carries a given share of the futures through the horizon.

    The least change in the starting savings with which the target share of the simulated
    futures gets through (common random numbers). From the distribution of the lowest combined
    cash in one run (``method="lowest_cash"``), exact for the simulated paths, with a
    distribution-free confidence interval for the quantile. When a rule makes survival depend on
    more than the lowest cash (benefits, whose capital limits depend on savings; giving up, a
    failure no money prevents), the answer is found by a secant search on the starting savings
    with common random numbers, to the nearest ``tolerance`` (``method="search"``: a few runs for
    the answer and each end of its interval); ``"auto"`` chooses. ``method="bisection"`` is the
    older bisection (about a dozen runs for each), kept as a reference: it agrees with the search
    within ``tolerance``. :meth:`Result.extra_capital <meantime.Result.extra_capital>` gives the
    same figure for a run.

    Parameters
    ----------
    scenario : Scenario or dict, optional
        Default: :func:`~meantime.default_scenario`.
    survival : float or list of float, default 0.9
        The share of futures that should get through, strictly between 0 and 1; a list gives
        one row per target.
    confidence : float, default 0.95
        Level of the confidence interval.
    method : {"auto", "lowest_cash", "search", "bisection"}
        ``"lowest_cash"`` is refused when a savings-dependent rule applies.
    tolerance : float, default 1.0
        Pounds: how close the search (or the bisection) brackets each answer. The search gives
        the least multiple of ``tolerance`` with which the target is reached on the simulated
        paths (checked by a run ``tolerance`` below it), the bisection the upper end of its
        last bracket.
    paths, seed, threads, progress, client, chunk_paths, retries, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: one progress bar over the whole analysis; the search
        runs every value with the one seed.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``survival`` (the target), with columns ``extra_capital`` (pounds on top of
        the scenario's savings; 0 when they already suffice) and its interval
        ``extra_capital_low``, ``extra_capital_high``; ``starting_savings`` (the savings that
        reach the target: possibly less than planned; the mean when the savings are a
        distribution, which is moved as a whole) with ``starting_savings_low`` and
        ``starting_savings_high``; ``survival_achieved``, the share of the simulated futures
        that get through when they start with ``starting_savings`` (so about the target, even
        when the planned savings do better), with ``survival_achieved_se``; ``method``; and
        ``note`` (why a search, or why no savings reach the target). NaN capital: not
        reachable with any savings (e.g. founders give up). ``attrs`` holds ``paths``,
        ``seed``, ``confidence`` and ``runs`` (how many runs the analysis made).

    Raises
    ------
    ArgumentError
        For a survival target or confidence outside (0, 1), an unknown method, a tolerance not
        above zero, or ``method="lowest_cash"`` with a savings-dependent rule.
    RunSettingsError
        For unusable ``paths``, ``seed`` or ``threads``.

    Examples
    --------
    >>> import meantime
    >>> table = meantime.required_capital(meantime.default_scenario(), survival=0.9, paths=2_000, seed=1)
    >>> row = table.loc[0.9]
    >>> bool(row.extra_capital_low <= row.extra_capital <= row.extra_capital_high)
    True
    >>> bool(row.survival_achieved >= 0.9), row.method   # benefits' capital limits: a search
    (True, 'search')
    """
    scenario = as_scenario(scenario)
    given = [survival] if isinstance(survival, numbers.Real) else values("survival", survival)
    targets = [probability("survival", s) for s in given]
    confidence = probability("confidence", confidence)
    tolerance = number("tolerance", tolerance)
    if tolerance <= 0:
        raise ArgumentError("tolerance", f"must be above 0 pounds, got {tolerance!r}")
    if method not in ("auto", "lowest_cash", "search", "bisection"):
        raise ArgumentError("method", f"must be 'auto', 'lowest_cash', 'search' or 'bisection', got {method!r}")
    rule = savings_dependent_rule(scenario)
    if method == "lowest_cash" and rule:
        raise ArgumentError("method", f"'lowest_cash' would be wrong here: {rule}; use 'search' or 'auto'")
    if method == "auto":
        method = "search" if rule else "lowest_cash"
    if method in ("search", "bisection") and scenario.household.savings.kind not in SHIFTABLE:
        shifted_savings(scenario, 0.0)  # raises the ArgumentError that says why

    # The search takes a few runs for each end of each interval, the bisection a dozen or so;
    # the bar adjusts.
    per_target = {"lowest_cash": 0, "search": 8, "bisection": 36}[method]
    with Runs(
        paths,
        seed,
        threads,
        progress,
        expected_runs=1 + per_target * len(targets),
        client=client,
        chunk_paths=chunk_paths,
        retries=retries,
    ) as runs:
        outcomes = runs.run([scenario], lambda result: _kept_outcomes(result), monthly_statistics=False)[0]
        if method == "bisection":
            rows = _bisect(scenario, runs, outcomes, targets, confidence, tolerance, rule)
        else:

            def run(shift: float):
                # The need reads each future's lowest cash (failed ones followed), never a month.
                return runs.run(
                    [shifted_savings(scenario, shift)],
                    lambda result: probe(result.outcome_arrays),
                    monthly_statistics=False,
                )[0]

            search = SavingsSearch(scenario, run, tolerance, probe(outcomes)) if method == "search" else None
            rows = [
                _row(
                    scenario,
                    extra_capital(scenario, outcomes, run, target, confidence, tolerance, search),
                    method,
                    runs.paths,
                )
                for target in targets
            ]
    table = pd.DataFrame(rows).set_index("survival")
    table.attrs.update(paths=runs.paths, seed=runs.seed, confidence=confidence, runs=runs.runs)
    return table


def capital_table(result: Result, survival: float = 0.9) -> pd.DataFrame:
    """:func:`required_capital`'s table for one run's own futures, from
    :meth:`Result.extra_capital <meantime.Result.extra_capital>` (no run is made twice: the
    result keeps what it found, for its words and summary too)."""
    capital = result.extra_capital(probability("survival", survival))
    table = pd.DataFrame([_row(result.scenario, capital, capital.method, result.path_count)]).set_index("survival")
    table.attrs.update(paths=result.path_count, seed=result.seed, confidence=capital.confidence, runs=1 + capital.runs)
    return table


def _kept_outcomes(result) -> dict:
    """What the analysis keeps of its first run: the per-path outcomes the capital reads."""
    arrays = result.outcome_arrays
    return {name: arrays[name].copy() for name in ("lowest_cash", "failure_month", "failure_cause")}


def _row(scenario: Scenario, capital: Capital, method: str, paths: int) -> dict:
    """One target's row of the table."""
    savings = scenario.household.savings.mean()
    achieved = capital.achieved
    return {
        "survival": capital.survival,
        "extra_capital": capital.extra,
        "extra_capital_low": capital.low,
        "extra_capital_high": capital.high,
        "starting_savings": savings + capital.shift,
        "starting_savings_low": savings + capital.shift_low,
        "starting_savings_high": savings + capital.shift_high,
        "survival_achieved": achieved,
        "survival_achieved_se": math.sqrt(achieved * (1 - achieved) / paths),
        "method": method,
        "note": capital.note,
    }


def _bisect(
    scenario: Scenario, runs: Runs, outcomes: dict, targets: list, confidence: float, tolerance: float, rule: str
) -> list[dict]:
    """The table's rows by the older bisection (``method="bisection"``)."""
    lowest = outcomes["lowest_cash"]
    n = lowest.size
    floor = lowest_shift(scenario.household.savings)
    bisection = _Bisection(scenario, runs, tolerance)
    bisection.counts[0.0] = int((outcomes["failure_month"] == -1).sum())  # the first run: as it is
    rows = []
    for target in targets:
        notes = [rule] if rule else []
        low_rank, rank, high_rank = ranks(n, target, confidence)
        guesses = capital_from_lowest_cash(lowest, target, confidence)
        guess = guesses[0] if math.isfinite(guesses[0]) else 0.0
        shifts = (
            bisection.smallest_shift(rank, guess),
            bisection.smallest_shift(low_rank, guesses[1] if math.isfinite(guesses[1]) else guess),
            bisection.smallest_shift(high_rank, guesses[2] if math.isfinite(guesses[2]) else guess),
        )
        achieved, note = searched(shifts, bisection.survivors, bisection.highest, n, target)
        notes += [note] if note else []
        capital = capital_of(target, confidence, shifts, floor, achieved, "bisection", notes, len(bisection.counts) - 1)
        rows.append(_row(scenario, capital, "bisection", n))
    return rows
