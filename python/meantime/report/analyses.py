"""The report's analysis sections: deterministic break-even, required capital, price curve and
sensitivity. Each analysis is looked up in :mod:`meantime` when the report is written; a section
appears when its function exists, and says so plainly when it could not be computed."""

from __future__ import annotations

import warnings
from typing import Any, Callable

import numpy as np

from .words import escape

__all__ = ["sections", "available", "TORNADO_FIELDS"]

#: The fields swung in the report's tornado chart: (path, low factor, high factor) of the value.
TORNADO_FIELDS = (
    ("business.price_per_session", 0.8, 1.2),
    ("business.founder_hours_per_week", 0.75, 1.25),
    ("business.fixed_costs_per_month", 0.5, 1.5),
    ("clients.sessions_per_month", 0.75, 1.25),
    ("household.living_costs_per_month", 0.9, 1.1),
    ("household.savings", 0.5, 1.5),
)


def available(name: str) -> Callable | None:
    """``meantime.<name>``, looked up at call time (so a test can take one away)."""
    import meantime

    function = getattr(meantime, name, None)
    return function if callable(function) else None



def _table(frame: Any) -> str:
    """A table; verdict sentences go above it, and a wide table of a few rows is turned."""
    verdicts = ""
    if "verdict" in frame.columns:
        verdicts = "".join(f"<p><b>{escape(str(i))}</b>: {escape(str(v))}</p>" for i, v in frame["verdict"].items())
        frame = frame.drop(columns=["verdict"])
    if len(frame) <= 4 and len(frame.columns) > 6:
        frame = frame.T
    return verdicts + frame.to_html(border=0, float_format=lambda x: f"{x:,.4g}", na_rep="-", escape=True)


def _section(title: str, build: Callable[[], str]) -> str:
    try:
        body = build()
    except Exception as error:  # the report is still worth having without one section
        warnings.warn(f"report: {title.lower()} could not be computed: {error}", RuntimeWarning, stacklevel=2)
        body = f'<p class="note">Could not be computed in this version: {escape(error)}</p>'
    return f"<h2>{escape(title)}</h2>\n{body}\n"


def _base_value(scenario, path: str) -> float:
    value = scenario.get(path)
    return float(value.mean()) if hasattr(value, "mean") else float(value)


def sections(scenario, result, paths: int | None = None) -> list[str]:
    """The HTML of each analysis section this version can compute."""
    from ..plot import price_curve, tornado
    from .viability import figure_html

    paths = paths or min(result.path_count, 5_000)
    seed = result.seed
    out = []

    break_even = available("break_even")
    if break_even:
        out.append(_section("Break-even without the uncertainty", lambda: (
            "<p>The sessions, clients and price the business needs, from the scenario's expected values "
            "alone (no simulation): if these are out of reach even on average, no amount of luck will do.</p>"
            + _table(break_even(scenario)))))

    required_capital = available("required_capital")
    if required_capital:
        out.append(_section("Starting capital needed", lambda: (
            "<p>The starting savings (or grant) that would let nine in ten futures get through the horizon, "
            "with its confidence interval.</p>"
            + _table(required_capital(scenario, survival=0.9, paths=paths, seed=seed, progress=False)))))

    curve = available("price_curve")
    if curve:
        def price_section() -> str:
            base = scenario.business.price_per_session
            prices = np.round(base * np.linspace(0.6, 1.6, 11), 2)
            table = curve(scenario, prices, paths=paths, seed=seed, progress=False)
            return figure_html(lambda ax: price_curve(table, ax=ax), "Price curve",
                               "Survival, the founder's income and the share of interested budget holders who "
                               "cannot pay, at prices from 60% to 160% of the scenario's; the same futures at "
                               "every price (common random numbers), so differences are sharp.")
        out.append(_section("What price?", price_section))

    sensitivity = available("sensitivity")
    if sensitivity:
        def tornado_section() -> str:
            ranges = {path: (low * _base_value(scenario, path), high * _base_value(scenario, path))
                      for path, low, high in TORNADO_FIELDS}
            table = sensitivity(scenario, ranges, metric="survival", method="tornado", paths=paths, seed=seed,
                                progress=False)
            base = None if "base" in table.columns else result.survival()
            return figure_html(lambda ax: tornado(table, ax=ax, base=base),
                               "Tornado chart",
                               "How far survival moves when each assumption goes from its low to its high "
                               "setting, the others held at the scenario's values: research the top ones first.")
        out.append(_section("Which assumptions matter most", tornado_section))
    return out
