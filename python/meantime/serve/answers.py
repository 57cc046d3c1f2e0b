"""A run's answer as the page shows it (plain data for JSON): the headline in words, survival,
the cash fan of survivors apart from failures, clients, break-even months, the capital needed and
the household's benefits; and two versions compared with paired differences.

The answer after a change leaves out what needs more runs than its own: the line on the same
futures without benefits (a second run as long as the first) and, where a savings-dependent rule
applies (benefits' capital limits, giving up), the extra starting capital (a search on savings,
about ten runs). :func:`answer` gives the rest; :func:`without_benefits` and :func:`capital` give
those, asked for by the page once the answer is shown, so a change is answered in one run.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from ..analyses import HEADLINES, compare
from ..running.capital import savings_dependent_rule
from ..running.result import Result, capital_words, without_benefits_words
from ..running.simulation import simulate
from ..running.uncertainty import CONVENTION, half_width
from ..scenario.scenario import Scenario

__all__ = ["answer", "without_benefits", "add_without_benefits", "capital", "add_capital", "comparison"]

#: The fan needs each future's cash: a larger run draws it from this many of its futures (the
#: first ones, which are the very same futures: path i always draws the same numbers).
FAN_PATHS = 20_000
_FAN_LEVELS = (0.05, 0.25, 0.5, 0.75, 0.95)


def _clean(values: Any) -> Any:
    """Numbers for JSON: NaN and infinities become None."""
    if isinstance(values, np.ndarray):
        return [_clean(float(v)) for v in values]
    if isinstance(values, float):
        return values if math.isfinite(values) else None
    return values


def _fan(cash: np.ndarray) -> dict[str, Any]:
    if cash.shape[0] == 0:
        return {"count": 0}
    quantiles = np.quantile(cash, _FAN_LEVELS, axis=0)
    return {
        "count": int(cash.shape[0]),
        **{f"q{round(100 * q):02d}": _clean(row) for q, row in zip(_FAN_LEVELS, quantiles)},
    }


def _break_even_counts(months: np.ndarray, horizon: int) -> list[int]:
    """How many futures first break even in each month 1..horizon."""
    return np.bincount(months[months >= 1], minlength=horizon + 1)[1 : horizon + 1].tolist()


def one_start_up(result: Any) -> Result:
    """The run of one start-up (the page refuses a town's scenario before it runs)."""
    if not isinstance(result, Result):
        raise TypeError("a town of several providers is not one start-up's case")
    return result


def answer(
    scenario: Scenario,
    paths: int,
    seed: int,
    progress: Callable[[int, int], Any] | None = None,
    max_seconds: float | None = None,
) -> dict[str, Any]:
    """Simulate ``paths`` futures of ``scenario`` with ``seed`` and describe the answer."""
    keep_paths = paths <= FAN_PATHS
    result = one_start_up(
        simulate(
            scenario,
            paths=paths,
            seed=seed,
            keep_outcomes=True,
            keep_paths=keep_paths,
            progress=progress if progress is not None else False,
            max_seconds=max_seconds,
        )
    )
    fan_result = (
        result
        if keep_paths
        else one_start_up(
            simulate(scenario, paths=FAN_PATHS, seed=seed, keep_paths=True, progress=False, max_seconds=max_seconds)
        )
    )
    kept = fan_result.paths
    cash = kept["business_cash"] + kept["household_cash"]
    failed = fan_result.outcome_arrays["failure_month"] >= 1
    outcomes = result.outcome_arrays
    # The one extra-capital figure (``meantime run``'s and ``meantime capital``'s for the same seed
    # and paths): read from this run's futures, or, where a savings-dependent rule applies, found
    # by a search of about ten runs that follows the answer (:func:`capital`), so neither these
    # words nor the summary may ask for it here.
    later = bool(savings_dependent_rule(scenario))
    summary = result.summary(without_benefits=False, capital=not later)
    monthly = result.monthly
    horizon = result.months

    def estimate(key: str) -> float | None:
        return _clean(float(summary.loc[key, "estimate"])) if key in summary.index else None

    def chance(p: float) -> dict[str, float]:
        return {"p": p, "se": result.standard_error(p)}

    found = None if later else result.extra_capital(0.9)
    words = result.words(without_benefits=False, capital=not later)
    benefits = scenario.benefits.enabled
    # Where the line without benefits goes in the words (after the benefits' line), once asked for.
    without_at = next((i + 1 for i, w in enumerate(words) if w.startswith("Universal Credit")), None)
    verdict_at = next(i for i, w in enumerate(words) if w.startswith("Answer: "))
    return {
        "paths": result.path_count,
        "seed": result.seed,
        "months": horizon,
        "seconds": result.seconds,
        "headline": words[0],
        "words": words,
        "verdict": next((w[len("Answer: ") :] for w in words if w.startswith("Answer: ")), ""),
        "survival": chance(result.survival()),
        "operating": chance(result.operating_break_even_by()),
        "living": chance(result.living_break_even_by()),
        "median_month_operating": estimate("median_month_operating_break_even"),
        "median_month_living": estimate("median_month_living_break_even"),
        "extra_capital_90": _clean(found.extra) if found else None,
        "extra_capital_90_interval": [_clean(found.low), _clean(found.high)] if found else [None, None],
        "lowest_cash_q10": estimate("lowest_cash_q10"),
        "survival_curve": _clean(monthly["survival"].to_numpy()),
        "fan": {"paths": fan_result.path_count, "survivors": _fan(cash[~failed]), "failures": _fan(cash[failed])},
        "clients": {level: _clean(monthly[f"clients_{level}"].to_numpy()) for level in ("q10", "q50", "q90")},
        "break_even": {
            "operating": _break_even_counts(outcomes["operating_break_even_month"], horizon),
            "living": _break_even_counts(outcomes["living_break_even_month"], horizon),
        },
        "benefits": {
            "enabled": bool(benefits),
            "mean": _clean(monthly["benefits_mean"].to_numpy()),
            "per_future": estimate("mean_benefits"),
        },
        "without_benefits": {"at": without_at, "line": None} if benefits and without_at is not None else None,
        # Where the capital's line goes (just before the verdict), once found.
        "capital": {"at": verdict_at, "line": None} if later else None,
    }


def without_benefits(
    scenario: Scenario,
    paths: int,
    seed: int,
    progress: Callable[[int, int], Any] | None = None,
    max_seconds: float | None = None,
) -> dict[str, Any]:
    """The same futures as :func:`answer`'s (same seed and paths) with the benefit rule off: the
    line of ``str(result)`` that says how many survive without benefits, and that chance."""
    if not scenario.benefits.enabled:
        raise ValueError("benefits.enabled is off in this case: its answer is already without benefits")
    result = one_start_up(
        simulate(
            scenario.replace(benefits__enabled=False),
            paths=paths,
            seed=seed,
            progress=progress if progress is not None else False,
            max_seconds=max_seconds,
        )
    )
    p = result.survival()
    return {
        "line": without_benefits_words(result),
        "survival": {"p": p, "se": result.standard_error(p)},
        "paths": result.path_count,
        "seed": result.seed,
    }


def add_without_benefits(kept: dict[str, Any], without: dict[str, Any]) -> bool:
    """Put :func:`without_benefits`'s line into an answer of the same seed and paths (its words
    then read as ``str(result)``'s); False, unchanged, for another run's answer."""
    return _fill(kept, "without_benefits", without)


def _fill(kept: dict[str, Any], key: str, found: dict[str, Any]) -> bool:
    """Fill the answer's place ``key`` with what followed it, if both are of one seed and paths."""
    place = kept.get(key)
    if not place or (kept.get("paths"), kept.get("seed")) != (found["paths"], found["seed"]):
        return False
    place.update(found)
    return True


def capital(
    scenario: Scenario,
    paths: int,
    seed: int,
    progress: Callable[[int, int], Any] | None = None,
    max_seconds: float | None = None,
) -> dict[str, Any]:
    """The extra starting capital for a 9 in 10 chance for :func:`answer`'s futures (same seed and
    paths), with its 95% interval and its line of ``str(result)``: the run again, then the search
    on savings (:meth:`Result.extra_capital`)."""
    result = one_start_up(
        simulate(
            scenario,
            paths=paths,
            seed=seed,
            keep_outcomes=True,
            progress=progress if progress is not None else False,
            max_seconds=max_seconds,
        )
    )
    found = result.extra_capital(0.9)
    return {
        "line": capital_words(result),
        "extra": _clean(found.extra),
        "interval": [_clean(found.low), _clean(found.high)],
        "runs": found.runs + 1,
        "paths": result.path_count,
        "seed": result.seed,
    }


def add_capital(kept: dict[str, Any], found: dict[str, Any]) -> bool:
    """Put :func:`capital`'s figure and line into an answer of the same seed and paths; False,
    unchanged, for another run's answer."""
    if not _fill(kept, "capital", found):
        return False
    kept["extra_capital_90"] = found["extra"]
    kept["extra_capital_90_interval"] = found["interval"]
    return True


def comparison(
    first: tuple[str, Scenario],
    second: tuple[str, Scenario],
    paths: int,
    seed: int,
    progress: Callable[[int, int], Any] | None = None,
) -> dict[str, Any]:
    """Two versions side by side on the same futures (common random numbers), with each headline's
    paired difference (second minus first), its standard error and its ± (the half-width of a
    95% interval, the convention of every ± meantime shows)."""
    (name_a, a), (name_b, b) = first, second
    if name_a == name_b:
        name_b = f"{name_b} (2)"
    table = compare(
        {name_a: a, name_b: b}, paths=paths, seed=seed, progress=progress if progress is not None else False
    )
    difference = f"{name_b} - {name_a}"
    rows = []
    for key, (unit, meaning) in HEADLINES.items():
        row = table.loc[key]
        rows.append(
            {
                "answer": key,
                "unit": unit,
                "meaning": meaning,
                "first": _clean(float(row[(name_a, "estimate")])),
                "first_se": _clean(float(row[(name_a, "std_error")])),
                "second": _clean(float(row[(name_b, "estimate")])),
                "second_se": _clean(float(row[(name_b, "std_error")])),
                "difference": _clean(float(row[(difference, "estimate")])),
                "difference_se": _clean(float(row[(difference, "std_error")])),
                "difference_pm": _clean(half_width(float(row[(difference, "std_error")]))),
            }
        )
    return {"first": name_a, "second": name_b, "paths": paths, "seed": seed, "rows": rows, "convention": CONVENTION}
