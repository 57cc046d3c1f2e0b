"""Required capital: the starting savings that carry a given share of the futures through.

Without a rule that makes the cash flows depend on savings, a path gets through with ``X`` more
starting capital exactly when its lowest combined cash plus ``X`` stays at or above zero (a
failed path is followed to the horizon, so its ``lowest_cash`` is known). The capital for a
survival target is then an order statistic of one run's lowest cash, with a distribution-free
confidence interval from the binomial law of the number of paths below a quantile. Benefits (a
capital limit makes the award depend on savings) and giving up (a failure no money prevents)
break that; then the answer is found by bisection on the starting savings, every run with the
same seed (common random numbers), the confidence interval by bisecting for the order
statistics that bound it.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Iterable, Optional

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ..scenario.distributions import Distribution
from ..scenario.scenario import Scenario
from ._arguments import as_scenario, number, probability, values
from ._runs import Runs

__all__ = ["required_capital", "savings_dependent_rule", "capital_from_lowest_cash"]

# The most starting savings a scenario may hold (the field's validation).
_MOST_SAVINGS = 1e9
# Distribution families whose draws move by exactly the shift when their location parameters
# move (each draws by inversion or as location + scale x a standard variate).
_SHIFTABLE = {
    "fixed": ("value",),
    "uniform": ("min", "max"),
    "triangular": ("min", "mode", "max"),
    "pert": ("min", "mode", "max"),
    "normal": ("mean",),
}


def savings_dependent_rule(scenario: Scenario) -> str:
    """Why survival is not a function of the lowest cash alone ("" when it is), in words."""
    reasons = []
    if scenario.benefits.enabled:
        reasons.append("benefits are enabled (their capital limits make the award depend on savings)")
    if scenario.run.give_up_after_months > 0:
        reasons.append(
            f"the founder gives up after {scenario.run.give_up_after_months} months without living "
            "break-even (a failure that no money prevents)"
        )
    return "; ".join(reasons)


# -- order statistics ----------------------------------------------------------------------------


def _ranks(n: int, survival: float, confidence: float) -> tuple[int, int, int]:
    """(low, estimate, high): how many paths must get through for the lower confidence limit, the
    estimate and the upper limit of the capital for ``survival`` (may be 0 or n + 1: unbounded).

    The capital path ``i`` needs is ``R_i = -lowest_cash_i``; the answer is the ``survival``
    quantile of ``R``, estimated by the ``ceil(survival n)``-th smallest ``R``. The number of
    ``R_i`` at or below the true quantile is Binomial(n, survival), so the order statistics
    ``R_(l)`` and ``R_(u)`` with ``l = F^-1(a/2)`` and ``u = F^-1(1 - a/2) + 1`` cover it with
    probability at least ``confidence`` (distribution-free).
    """
    from scipy.stats import binom  # scipy is slow to import: only when needed

    estimate = min(n, max(1, math.ceil(round(survival * n, 6))))
    alpha = 1 - confidence
    low = int(binom.ppf(alpha / 2, n, survival))
    high = int(binom.ppf(1 - alpha / 2, n, survival)) + 1
    return low, estimate, high


def _order_statistic(needs: np.ndarray, k: int) -> float:
    """The k-th smallest (1-based) of sorted ``needs``; -inf for k < 1, inf for k > n."""
    if k < 1:
        return -math.inf
    if k > needs.size:
        return math.inf
    return float(needs[k - 1])


def capital_from_lowest_cash(
    lowest_cash: np.ndarray, survival: float, confidence: float = 0.95
) -> tuple[float, float, float]:
    """The change in starting capital (negative: less would do) that carries ``survival`` of the
    paths through, with its confidence interval: ``(estimate, low, high)``.

    Exact for the paths of the run (with this change exactly ``ceil(survival n)`` paths keep
    their lowest cash at or above zero) when no savings-dependent rule applies.
    """
    needs = np.sort(-np.asarray(lowest_cash, dtype=float))
    low, estimate, high = _ranks(needs.size, survival, confidence)
    return (_order_statistic(needs, estimate), _order_statistic(needs, low), _order_statistic(needs, high))


# -- starting savings ----------------------------------------------------------------------------


def _savings_range(savings: Distribution) -> tuple[float, float]:
    """The lowest and highest savings a path may draw, as the validation bounds them (a normal
    within five standard deviations of its mean)."""
    if savings.kind == "normal":
        p = savings.parameters
        return p["mean"] - 5 * p["sd"], p["mean"] + 5 * p["sd"]
    low, high = savings.support
    return (low if math.isfinite(low) else 0.0), high


def _lowest_shift(savings: Distribution) -> float:
    """The most the savings can be lowered with every draw staying at or above zero."""
    return -max(0.0, _savings_range(savings)[0])


def _shifted_savings(scenario: Scenario, shift: float) -> Scenario:
    savings = scenario.household.savings
    if savings.kind not in _SHIFTABLE:
        raise ArgumentError(
            "scenario",
            f"household.savings is a {savings.kind} distribution, which cannot be moved "
            "by an amount for the bisection; give the savings as a number or a uniform, "
            "triangular, PERT or normal distribution",
        )
    moved = {
        name: value + shift if name in _SHIFTABLE[savings.kind] else value for name, value in savings.parameters.items()
    }
    # Rounding could take the lowest draw a hair below zero.
    if savings.kind == "normal":
        moved["mean"] = max(moved["mean"], 5 * moved["sd"])
    else:
        moved = {name: max(value, 0.0) if name in ("value", "min") else value for name, value in moved.items()}
    return scenario.replace(household__savings=Distribution(savings.kind, **moved))


def _survivors(result) -> int:
    return int((result.outcome_arrays["failure_month"] == -1).sum())


class _Bisection:
    """Survivors as a function of the change in savings, each value run once (same seed)."""

    def __init__(self, scenario: Scenario, runs: Runs, tolerance: float) -> None:
        self.scenario, self.runs, self.tolerance = scenario, runs, tolerance
        self.counts: dict[float, int] = {}
        savings = scenario.household.savings
        self.lowest = _lowest_shift(savings)
        self.highest = _MOST_SAVINGS - _savings_range(savings)[1]

    def survivors(self, shift: float) -> int:
        if shift not in self.counts:
            # A survivor count reads neither the lowest cash nor a month.
            self.counts[shift] = self.runs.run(
                [_shifted_savings(self.scenario, shift)], _survivors, follow_failed=False, monthly_statistics=False
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

    From the distribution of the lowest combined cash in one run (``method="lowest_cash"``),
    exact for the simulated paths, with a distribution-free confidence interval for the
    quantile. When a rule makes survival depend on more than the lowest cash (benefits, whose
    capital limits depend on savings; giving up, a failure no money prevents), the answer is
    found by bisection on the starting savings with common random numbers
    (``method="bisection"``; ``"auto"`` chooses).

    Parameters
    ----------
    scenario : Scenario or dict, optional
        Default: :func:`~meantime.default_scenario`.
    survival : float or list of float, default 0.9
        The share of futures that should get through, strictly between 0 and 1; a list gives
        one row per target.
    confidence : float, default 0.95
        Level of the confidence interval.
    method : {"auto", "lowest_cash", "bisection"}
        ``"lowest_cash"`` is refused when a savings-dependent rule applies.
    tolerance : float, default 1.0
        Pounds: how close the bisection brackets each answer (it reports the upper end, which
        reaches the target on the simulated paths).
    paths, seed, threads, progress, client, chunk_paths, retries, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: one progress bar over the whole analysis; the bisection
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
        ``note`` (why a bisection, or why no savings
        reach the target). NaN capital: not reachable with any savings (e.g. founders give up).

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
    >>> bool(row.survival_achieved >= 0.9), row.method   # benefits' capital limits: a bisection
    (True, 'bisection')
    """
    scenario = as_scenario(scenario)
    given = [survival] if isinstance(survival, numbers.Real) else values("survival", survival)
    targets = [probability("survival", s) for s in given]
    confidence = probability("confidence", confidence)
    tolerance = number("tolerance", tolerance)
    if tolerance <= 0:
        raise ArgumentError("tolerance", f"must be above 0 pounds, got {tolerance!r}")
    if method not in ("auto", "lowest_cash", "bisection"):
        raise ArgumentError("method", f"must be 'auto', 'lowest_cash' or 'bisection', got {method!r}")
    rule = savings_dependent_rule(scenario)
    if method == "lowest_cash" and rule:
        raise ArgumentError("method", f"'lowest_cash' would be wrong here: {rule}; use 'bisection' or 'auto'")
    if method == "auto":
        method = "bisection" if rule else "lowest_cash"
    if method == "bisection" and scenario.household.savings.kind not in _SHIFTABLE:
        _shifted_savings(scenario, 0.0)  # raises the ArgumentError that says why

    savings = scenario.household.savings
    # A bisection takes a dozen or so runs for each end of each interval; the bar adjusts.
    expected_runs = 1 if method == "lowest_cash" else 1 + 3 * 12 * len(targets)
    with Runs(
        paths,
        seed,
        threads,
        progress,
        expected_runs=expected_runs,
        client=client,
        chunk_paths=chunk_paths,
        retries=retries,
    ) as runs:
        lowest, survivors = runs.run(
            [scenario],
            lambda result: (result.outcome_arrays["lowest_cash"].copy(), _survivors(result)),
            monthly_statistics=False,
        )[0]
        n = lowest.size
        floor = _lowest_shift(savings)
        rows = []
        bisection = _Bisection(scenario, runs, tolerance) if method == "bisection" else None
        if bisection is not None:
            bisection.counts[0.0] = survivors  # the first run was the scenario as it is
        for target in targets:
            notes = [rule] if method == "bisection" and rule else []
            low_rank, rank, high_rank = _ranks(n, target, confidence)
            guesses = capital_from_lowest_cash(lowest, target, confidence)
            if bisection is None:
                shift, shift_low, shift_high = guesses
                achieved = float(np.mean(lowest + max(shift, floor) >= 0))
            else:
                guess = guesses[0] if math.isfinite(guesses[0]) else 0.0
                shift = bisection.smallest_shift(rank, guess)
                shift_low = bisection.smallest_shift(low_rank, guesses[1] if math.isfinite(guesses[1]) else guess)
                shift_high = bisection.smallest_shift(high_rank, guesses[2] if math.isfinite(guesses[2]) else guess)
                if math.isnan(shift):
                    best = bisection.survivors(bisection.highest)
                    achieved = best / n
                    notes.append(
                        f"no starting savings reach {100 * target:g}%: at most {achieved:.1%} of the "
                        "futures get through"
                    )
                else:
                    achieved = bisection.survivors(shift) / n
            shift, shift_low, shift_high = (
                max(x, floor) if not math.isnan(x) else x for x in (shift, shift_low, shift_high)
            )
            rows.append(
                {
                    "survival": target,
                    "extra_capital": max(0.0, shift) if not math.isnan(shift) else math.nan,
                    "extra_capital_low": max(0.0, shift_low) if not math.isnan(shift_low) else math.nan,
                    "extra_capital_high": max(0.0, shift_high) if not math.isnan(shift_high) else math.nan,
                    "starting_savings": savings.mean() + shift,
                    "starting_savings_low": savings.mean() + shift_low,
                    "starting_savings_high": savings.mean() + shift_high,
                    "survival_achieved": achieved,
                    "survival_achieved_se": math.sqrt(achieved * (1 - achieved) / n),
                    "method": method,
                    "note": "; ".join(notes),
                }
            )
    table = pd.DataFrame(rows).set_index("survival")
    table.attrs.update(paths=n, seed=runs.seed, confidence=confidence)
    return table
