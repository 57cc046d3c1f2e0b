"""What the viability report shows beside the run itself, computed here so that the report
(:mod:`meantime.report.viability`) only draws and writes: the futures of the combined-cash fan,
the extra starting capital (its one figure, with its interval, as ``meantime capital`` gives it
for the same futures) and the tables of the analyses (deterministic break-even, price curve,
sensitivity), all on the run's own number of futures and seed unless told otherwise."""

from __future__ import annotations

import dataclasses
from typing import Callable, Union

import numpy as np
import pandas as pd

from ..running.result import Result
from ..running.simulation import founder_result, simulate
from ..scenario.scenario import Scenario
from .capital import capital_table
from .deterministic import break_even
from .price import PRICE_CURVE_ANSWERS, best_price
from .sensitivities import sensitivity

__all__ = [
    "ViabilityAnalyses",
    "viability_analyses",
    "REPORT_ANALYSES",
    "TORNADO_FIELDS",
    "CAPITAL_TARGET",
    "PRICE_OBJECTIVE",
]

#: The fields swung in the report's tornado chart: (path, low factor, high factor) of the value.
TORNADO_FIELDS = (
    ("business.price_per_session", 0.8, 1.2),
    ("business.founder_hours_per_week", 0.75, 1.25),
    ("business.fixed_costs_per_month", 0.5, 1.5),
    ("clients.sessions_per_month", 0.75, 1.25),
    ("household.living_costs_per_month", 0.9, 1.1),
    ("household.savings", 0.5, 1.5),
)

#: A table of the report or, when it could not be computed, why.
TableOrError = Union[pd.DataFrame, Exception]


def _base_value(scenario: Scenario, path: str) -> float:
    value = scenario.get(path)
    return float(value.mean()) if hasattr(value, "mean") else float(value)


def _break_even(scenario: Scenario, paths: int, seed: int) -> pd.DataFrame:
    return break_even(scenario)


#: The chance of getting through that the report's capital figure aims for.
CAPITAL_TARGET = 0.9


#: What the report's price curve marks as the best price, and the prices tied with it.
PRICE_OBJECTIVE = "survival"


def _price_curve(scenario: Scenario, paths: int, seed: int) -> pd.DataFrame:
    """:func:`~meantime.price_curve`'s table at prices from 60% to 160% of the scenario's, from
    :func:`~meantime.best_price` on those prices (the best for :data:`PRICE_OBJECTIVE`, with no
    limits), with a column ``tied`` and, in ``attrs``, ``best``, ``tied_low``, ``tied_high`` and
    ``answer`` (the best and the range of prices statistically tied with it, in words)."""
    base = scenario.business.price_per_session
    prices = np.round(base * np.linspace(0.6, 1.6, 11), 2)
    best = best_price(
        scenario,
        objective=PRICE_OBJECTIVE,
        min_survival=None,
        max_priced_out=None,
        prices=prices,
        paths=paths,
        seed=seed,
        progress=False,
    )
    curve = pd.DataFrame(best.attrs["curve"]).set_index("price")
    table = curve[[c for name in PRICE_CURVE_ANSWERS for c in (name, f"{name}_se")] + ["tied"]].copy()
    row = best.loc["best_price"]
    table.attrs.update(best=row.price, tied_low=row.tied_low, tied_high=row.tied_high, answer=row.answer)
    return table


def _tornado(scenario: Scenario, paths: int, seed: int) -> pd.DataFrame:
    ranges = {
        path: (low * _base_value(scenario, path), high * _base_value(scenario, path))
        for path, low, high in TORNADO_FIELDS
    }
    return sensitivity(scenario, ranges, metric="survival", method="tornado", paths=paths, seed=seed, progress=False)


#: The analyses of the viability report, in its order: name -> ``table(scenario, paths, seed)``.
REPORT_ANALYSES: dict[str, Callable[[Scenario, int, int], pd.DataFrame]] = {
    "break_even": _break_even,
    "price_curve": _price_curve,
    "sensitivity": _tornado,
}


@dataclasses.dataclass(frozen=True)
class ViabilityAnalyses:
    """What the viability report shows beside the run.

    Attributes
    ----------
    fan : Result
        A result that kept its paths and outcomes, for the combined-cash fan among the futures
        still going: the run itself, or a run of its first futures.
    fan_note : str
        Words saying which futures the fan shows ("" when it shows them all).
    capital : DataFrame or Exception
        :func:`~meantime.required_capital`'s table for a :data:`CAPITAL_TARGET` chance on the
        run's own futures (its paths and seed), from :meth:`Result.extra_capital
        <meantime.Result.extra_capital>`: the report's one extra-capital figure, with its
        interval, the same as ``str(result)`` and ``meantime capital`` give; the exception
        instead when it could not be computed.
    tables : dict
        Each analysis's table by its name in :data:`REPORT_ANALYSES`, in the report's order;
        the exception instead when it could not be computed (the report says so in its section).
    paths : int
        Futures per run of the analyses (with the run's seed); 0 when none were run.
    """

    fan: Result
    fan_note: str
    capital: TableOrError
    tables: dict[str, TableOrError]
    paths: int = 0


def _fan_source(result: Result, most_paths: int) -> tuple[Result, str]:
    """A result with paths and outcomes for the combined-cash fan (among the futures still going,
    which needs each future's failure month), and words saying which futures it shows."""
    if result.has_paths and result._run.has_outcomes:
        return result, ""
    paths = min(result.path_count, most_paths)
    subset = founder_result(
        simulate(
            result.scenario,
            paths=paths,
            seed=result.seed,
            first_path=result.first_path,
            keep_outcomes=True,
            keep_paths=True,
            progress=False,
        ),
        "result",
    )
    if paths == result.path_count:
        return subset, ""
    return subset, f" Drawn from the first {paths:,} of the {result.path_count:,} futures."


def viability_analyses(
    result: Result, fan_paths: int, analyses: bool = True, paths: int | None = None
) -> ViabilityAnalyses:
    """Everything the viability report of ``result`` needs besides the run.

    Parameters
    ----------
    result : Result
    fan_paths : int
        When ``result`` kept no paths, the combined-cash fan comes from a run of (at most) this
        many of its first futures: the very same futures, as path i always draws the same numbers.
    analyses : bool, default True
        Compute the analyses' tables (else ``tables`` is empty). The capital is computed either
        way: it is one of the headline's answers.
    paths : int, optional
        Paths per run of the analyses (default: the result's own path count, so that they
        answer on the headline's futures), with the result's seed.
    """
    fan, note = _fan_source(result, fan_paths)
    try:
        capital: TableOrError = capital_table(result, CAPITAL_TARGET)
    except Exception as error:  # the report is still worth having without it
        capital = error
    tables: dict[str, TableOrError] = {}
    if not analyses:
        return ViabilityAnalyses(fan, note, capital, tables, 0)
    paths = paths or result.path_count
    for name, table in REPORT_ANALYSES.items():
        try:
            tables[name] = table(result.scenario, paths, result.seed)
        except Exception as error:  # the report is still worth having without one section
            tables[name] = error
    return ViabilityAnalyses(fan, note, capital, tables, paths)
