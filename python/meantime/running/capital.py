"""The extra starting capital that carries a share of the futures through: one definition, one way
to find it, used by :class:`~meantime.Result` (``str(result)``, ``summary()``, ``meantime run``,
the report, the advisor's page) and by :func:`~meantime.required_capital` (``meantime capital``),
so the same scenario, seed and paths give one figure everywhere.

The answer for a target share ``p`` of ``n`` futures is the least change ``X`` in the starting
savings with which at least ``k = ceil(p n)`` of the very same futures (common random numbers)
get through. Path ``i`` needs ``R_i(X) = -lowest_cash_i`` more on top of ``X``; it gets through
when ``R_i(X) <= 0``. Without a rule that makes the cash flows depend on savings, ``R_i(X) =
R_i(0) - X`` and the answer is the k-th smallest ``R_i(0)`` of one run, exactly. With one
(benefits' capital limits cut the award as savings grow; giving up is a failure no money
prevents), ``g(X)``, the k-th smallest ``R_i(X)`` of a run with ``X`` more savings, still falls
with ``X`` with a slope near -1 (less where the award falls with savings, with steps at the £250
tariff bands), so a secant on ``g`` from the one-run order statistic, kept within a bracket and
falling back to bisection, finds its root in a few runs (each probe lands one grid step past the
predicted root, so the bracket closes from both sides); the answer is the smallest multiple of the
tolerance (£1 by default) at which ``k`` futures get through, checked by runs on both sides, so it
does not depend on the order the runs were made in. The 95% interval is the same search for the
ranks of the distribution-free order-statistic interval, each run read for all three ranks.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Callable, Optional

import numpy as np

from ..errors import ArgumentError
from ..scenario.distributions import Distribution
from ..scenario.scenario import Scenario

__all__ = [
    "Capital",
    "Probe",
    "SavingsSearch",
    "capital_from_lowest_cash",
    "extra_capital",
    "probe",
    "ranks",
    "savings_dependent_rule",
    "shifted_savings",
    "lowest_shift",
    "highest_shift",
    "SHIFTABLE",
]

# The most starting savings a scenario may hold (the field's validation).
MOST_SAVINGS = 1e9
# Distribution families whose draws move by exactly the shift when their location parameters
# move (each draws by inversion or as location + scale x a standard variate).
SHIFTABLE = {
    "fixed": ("value",),
    "uniform": ("min", "max"),
    "triangular": ("min", "mode", "max"),
    "pert": ("min", "mode", "max"),
    "normal": ("mean",),
}
_GAVE_UP = 2  # meantime.FAILURE_CAUSES.index("gave_up"): a failure no money prevents


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


def ranks(n: int, survival: float, confidence: float) -> tuple[int, int, int]:
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
    low, estimate, high = ranks(needs.size, survival, confidence)
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


def lowest_shift(savings: Distribution) -> float:
    """The most the savings can be lowered with every draw staying at or above zero."""
    return -max(0.0, _savings_range(savings)[0])


def highest_shift(savings: Distribution) -> float:
    """The most the savings can be raised with every draw within the field's limit."""
    return MOST_SAVINGS - _savings_range(savings)[1]


def check_shiftable(scenario: Scenario) -> None:
    """An :class:`~meantime.ArgumentError` when the savings cannot be moved by an amount."""
    savings = scenario.household.savings
    if savings.kind not in SHIFTABLE:
        raise ArgumentError(
            "scenario",
            f"household.savings is a {savings.kind} distribution, which cannot be moved "
            "by an amount for the search on savings; give the savings as a number or a uniform, "
            "triangular, PERT or normal distribution",
        )


def shifted_savings(scenario: Scenario, shift: float) -> Scenario:
    """The scenario with every draw of its starting savings moved by ``shift`` pounds."""
    check_shiftable(scenario)
    savings = scenario.household.savings
    moved = {
        name: value + shift if name in SHIFTABLE[savings.kind] else value for name, value in savings.parameters.items()
    }
    # Rounding could take the lowest draw a hair below zero.
    if savings.kind == "normal":
        moved["mean"] = max(moved["mean"], 5 * moved["sd"])
    else:
        moved = {name: max(value, 0.0) if name in ("value", "min") else value for name, value in moved.items()}
    return scenario.replace(household__savings=Distribution(savings.kind, **moved))


# -- the search ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Probe:
    """What the search keeps of one run: how many futures got through, and every future's need
    (minus its lowest cash; +inf for one that gave up, which no money saves), sorted."""

    survivors: int
    needs: np.ndarray
    #: The same needs in path order (path by path, the same future in every run).
    per_path: np.ndarray


def probe(outcomes: dict[str, np.ndarray]) -> Probe:
    """A run's :class:`Probe`, from its per-path outcomes (``Result.outcome_arrays``)."""
    needs = -np.asarray(outcomes["lowest_cash"], dtype=float)
    needs[np.asarray(outcomes["failure_cause"]) == _GAVE_UP] = math.inf
    return Probe(int((np.asarray(outcomes["failure_month"]) == -1).sum()), np.sort(needs), needs)


class SavingsSearch:
    """Futures that get through as a function of the change in savings, each change run once with
    the one seed (``run(shift)`` gives its :class:`Probe`); finds the least change, on a grid of
    ``tolerance`` pounds, with which a given number get through.

    Every decision rests on the survivors counted in a run; the needs only guide where to look
    next, so the answer is right even where ``g`` jumps (a £250 tariff band, a path giving up).
    """

    def __init__(
        self,
        scenario: Scenario,
        run: Callable[[float], Probe],
        tolerance: float,
        base: Probe,
        limits: Optional[tuple[float, float]] = None,
    ) -> None:
        self.run_at, self.tolerance = run, tolerance
        savings = scenario.household.savings
        # The changes allowed: the savings' own (they stay valid), or ``limits`` (a grant's).
        self.lowest, self.highest = limits or (lowest_shift(savings), highest_shift(savings))
        self.probes: dict[float, Probe] = {0.0: base}
        self.paths = base.needs.size

    @property
    def runs(self) -> int:
        """The runs made beyond the first."""
        return len(self.probes) - 1

    def at(self, shift: float) -> Probe:
        if shift not in self.probes:
            self.probes[shift] = self.run_at(shift)
        return self.probes[shift]

    def survivors(self, shift: float) -> int:
        return self.at(shift).survivors

    def _g(self, shift: float, rank: int) -> float:
        """The rank-th smallest need with ``shift`` more savings: <= 0 when ``rank`` get through."""
        return _order_statistic(self.probes[shift].needs, rank)

    def _grid(self, x: float, up: bool) -> float:
        """``x`` on the grid of whole tolerances, rounded up or down, within the savings' limits."""
        steps = x / self.tolerance
        g = (math.ceil(steps - 1e-9) if up else math.floor(steps + 1e-9)) * self.tolerance
        return min(self.highest, max(self.lowest, g))

    def _predict(self, rank: int, low: Optional[float], high: Optional[float]) -> float:
        """Where ``g`` crosses zero: each future's need followed along the line through two runs
        (the bracket's ends, or the two whose ``g`` is nearest zero), and the shift at which the
        rank-th of them reaches zero. Path by path, so futures that change places in the order
        between the runs do not mislead it; from one run, each need falls one for one (as
        without a savings-dependent rule), which starts at the one-run order statistic."""
        finite = [s for s in self.probes if math.isfinite(self._g(s, rank))]
        if not finite:
            return math.inf
        # The two runs nearest the root (whose g is nearest zero), but never two on one side
        # when the bracket's ends are as near: a line through a bracket interpolates.
        ends = sorted(finite, key=lambda s: abs(self._g(s, rank)))[:2]
        if low is not None and high is not None and math.isfinite(self._g(low, rank)):
            if abs(self._g(low, rank)) <= abs(self._g(ends[-1], rank)) and high in ends:
                ends = [low, high]
            elif abs(self._g(high, rank)) <= abs(self._g(ends[-1], rank)) and low in ends:
                ends = [low, high]
        if len(ends) == 1:
            return ends[0] + self._g(ends[0], rank)
        a, b = sorted(ends)
        at_a, at_b = self.probes[a].per_path, self.probes[b].per_path
        with np.errstate(invalid="ignore", divide="ignore"):
            slope = (at_b - at_a) / (b - a)
            crossing = np.where(slope < 0, a - at_a / slope, np.where(at_a <= 0, -math.inf, math.inf))
        crossing[~(np.isfinite(at_a) & np.isfinite(at_b))] = math.inf  # gave up in one of them
        return float(np.partition(crossing, rank - 1)[rank - 1])

    def smallest_shift(self, rank: int) -> float:
        """The least change in savings (on the grid of tolerances, or the lowest the savings may
        go) with at least ``rank`` survivors; inf for a rank above the paths; NaN when not even
        the most savings allowed get there."""
        if rank < 1:
            return self.lowest
        if rank > self.paths:
            return math.inf
        stalled = 0  # secant steps that did not halve the bracket: then bisect
        last_width = math.inf
        while True:
            reached = [s for s, p in self.probes.items() if p.survivors >= rank]
            high = min(reached) if reached else None
            below = [s for s, p in self.probes.items() if p.survivors < rank and (high is None or s < high)]
            low = max(below) if below else None
            if high is not None:
                if high == self.lowest:
                    return high
                if low is not None and (high - low <= self.tolerance * (1 + 1e-9)):
                    return high
            if high is None and low is not None and low >= self.highest:
                return math.nan
            guess = self._predict(rank, low, high)
            if high is None:  # look upward: just over the predicted root
                x = self._grid(guess, up=True) if math.isfinite(guess) else self.highest
                if not (low is None or x > low):  # the prediction lies below a run that fell short
                    # (paths that, given the money, give up later): a step up, then the most
                    # savings allowed, which says at once whether any savings get there.
                    x = self._grid(low + max(100.0, self.tolerance), up=True) if not stalled else self.highest
                    stalled += 1
            elif low is None:  # look downward: just under the predicted root
                x = self._grid(guess, up=True) - self.tolerance if math.isfinite(guess) else self.lowest
                if not x < high:  # the prediction lies above a run that got there
                    x = high - max(100.0, self.tolerance) * 2**stalled
                    stalled += 1
                x = max(self.lowest, x)
            else:
                width = high - low
                stalled = stalled + 1 if width > 0.5 * last_width else 0
                last_width = width
                # Close the bracket: the grid point just over the root, or just under it, whichever
                # side is farther from the root (the nearer end is already close).
                up = self._grid(guess, up=True) if math.isfinite(guess) else math.nan
                x = up if math.isfinite(up) and (guess - low) <= (high - guess) else up - self.tolerance
                if stalled >= 2 or not (math.isfinite(x) and low < x < high):
                    x = self._grid(0.5 * (low + high), up=True)
                    if not low < x < high:
                        x = self._grid(0.5 * (low + high), up=False)
                    if not low < x < high:  # no grid point strictly inside: the ends are neighbours
                        return high
                    stalled = 0
            self.at(x)


@dataclasses.dataclass(frozen=True)
class Capital:
    """The extra starting capital for a chance of getting through, with its interval.

    Attributes
    ----------
    survival, confidence : float
        The target share of futures, and the interval's level.
    extra, low, high : float
        Pounds on top of the planned savings (0 when they already suffice), and its interval;
        NaN when no savings reach the target.
    shift, shift_low, shift_high : float
        The change in savings itself (negative: less would do).
    achieved : float
        The share of the simulated futures that get through with ``shift`` more savings.
    method : str
        ``"lowest_cash"`` (one run's order statistic, exact) or ``"search"`` (runs with more
        savings, same seed: a savings-dependent rule applies).
    note : str
        Why a search, or why no savings reach the target.
    runs : int
        Runs made beyond the first.
    """

    survival: float
    confidence: float
    extra: float
    low: float
    high: float
    shift: float
    shift_low: float
    shift_high: float
    achieved: float
    method: str
    note: str
    runs: int


def searched(
    shifts: tuple[float, float, float], survivors: Callable[[float], int], highest: float, n: int, survival: float
) -> tuple[float, Optional[str]]:
    """The share that gets through with the change a search found (``shifts[0]``), and the note
    when no change reaches ``survival`` (then the share with the most savings allowed)."""
    if math.isnan(shifts[0]):
        achieved = survivors(highest) / n
        return (
            achieved,
            f"no starting savings reach {100 * survival:g}%: at most {achieved:.1%} of the futures get through",
        )
    return survivors(shifts[0]) / n, None


def capital_of(
    survival: float,
    confidence: float,
    shifts: tuple[float, float, float],
    floor: float,
    achieved: float,
    method: str,
    notes: list[str],
    runs: int,
) -> Capital:
    """The :class:`Capital` for the changes found (the answer and its interval's ends), each
    kept to the lowest change the savings allow."""
    shift, shift_low, shift_high = (max(x, floor) if not math.isnan(x) else x for x in shifts)

    def extra(x: float) -> float:
        return max(0.0, x) if not math.isnan(x) else math.nan

    return Capital(
        survival=survival,
        confidence=confidence,
        extra=extra(shift),
        low=extra(shift_low),
        high=extra(shift_high),
        shift=shift,
        shift_low=shift_low,
        shift_high=shift_high,
        achieved=achieved,
        method=method,
        note="; ".join(notes),
        runs=runs,
    )


def extra_capital(
    scenario: Scenario,
    outcomes: dict[str, np.ndarray],
    run: Callable[[float], Probe],
    survival: float,
    confidence: float = 0.95,
    tolerance: float = 1.0,
    search: Optional[SavingsSearch] = None,
) -> Capital:
    """The extra starting capital for ``survival`` of the futures of one run (``outcomes``, its
    per-path outcomes), with its ``confidence`` interval.

    ``run(shift)`` runs the scenario with ``shift`` more savings on the same seed and paths and
    gives its :class:`Probe`; it is called only when a savings-dependent rule applies.
    ``search`` carries runs over from another target (the answer does not depend on it).
    """
    rule = savings_dependent_rule(scenario)
    savings = scenario.household.savings
    floor = lowest_shift(savings)
    n = outcomes["lowest_cash"].size
    low_rank, rank, high_rank = ranks(n, survival, confidence)
    notes = [rule] if rule else []
    if not rule:
        lowest = np.asarray(outcomes["lowest_cash"], dtype=float)
        shifts = capital_from_lowest_cash(lowest, survival, confidence)
        achieved = float(np.mean(lowest + max(shifts[0], floor) >= 0))
        return capital_of(survival, confidence, shifts, floor, achieved, "lowest_cash", notes, 0)
    check_shiftable(scenario)
    search = search or SavingsSearch(scenario, run, tolerance, probe(outcomes))
    shifts = (search.smallest_shift(rank), search.smallest_shift(low_rank), search.smallest_shift(high_rank))
    achieved, note = searched(shifts, search.survivors, search.highest, n, survival)
    return capital_of(
        survival, confidence, shifts, floor, achieved, "search", notes + ([note] if note else []), search.runs
    )
