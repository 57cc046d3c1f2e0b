"""The report's analysis sections: deterministic break-even, required capital, price curve and
sensitivity. Each analysis is looked up in :mod:`meantime` when the report is written; a section
appears when its function exists, and says so plainly when it could not be computed."""

from __future__ import annotations

import warnings
from typing import Any, Callable

import numpy as np

from .report_words import escape

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
    """``meantime.<name>`` when this version has it (issue 5's analyses arrive separately)."""
    import meantime

    function = getattr(meantime, name, None)
    return function if callable(function) else None


def _pick(frame: Any, candidates: list[str], what: str) -> str:
    for name in candidates:
        if name in frame.columns:
            return name
    raise ValueError(f"the {what} table has none of the columns {', '.join(candidates)} "
                     f"(it has {', '.join(map(str, frame.columns))})")


def _table(frame: Any) -> str:
    return frame.to_html(border=0, float_format=lambda x: f"{x:,.4g}", na_rep="-", escape=True)


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
    from .plot import price_curve, tornado
    from .report import figure_html

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
            + _table(required_capital(scenario, survival=0.9, paths=paths, seed=seed)))))

    curve = available("price_curve")
    if curve:
        def price_section() -> str:
            base = scenario.business.price_per_session
            prices = np.round(base * np.linspace(0.6, 1.6, 11), 2)
            table = curve(scenario, prices, paths=paths, seed=seed)
            columns = dict(
                price=_pick(table, ["price", "price_per_session", "business.price_per_session"], "price curve"),
                survival=_pick(table, ["survival"], "price curve"),
                income=_pick(table, ["founder_income", "mean_drawings", "drawings", "income"], "price curve"),
                priced_out=_pick(table, ["priced_out", "priced_out_share", "share_priced_out"], "price curve"),
            )
            return figure_html(lambda ax: price_curve(table, ax=ax, **columns), "Price curve",
                               "Survival, the founder's income and the share of interested budget holders who "
                               "cannot pay, at prices from 60% to 160% of the scenario's; the same futures at "
                               "every price (common random numbers), so differences are sharp.")
        out.append(_section("What price?", price_section))

    sensitivity = available("sensitivity")
    if sensitivity:
        def tornado_section() -> str:
            ranges = {path: (low * _base_value(scenario, path), high * _base_value(scenario, path))
                      for path, low, high in TORNADO_FIELDS}
            table = sensitivity(scenario, ranges, metric="survival", method="tornado", paths=paths, seed=seed)
            columns = dict(field=_pick(table, ["field", "parameter"], "sensitivity"),
                           low=_pick(table, ["low", "metric_low", "low_metric", "survival_low"], "sensitivity"),
                           high=_pick(table, ["high", "metric_high", "high_metric", "survival_high"], "sensitivity"))
            base = None if "base" in table.columns else result.survival()
            return figure_html(lambda ax: tornado(table, ax=ax, base=base, **columns),
                               "Tornado chart",
                               "How far survival moves when each assumption goes from its low to its high "
                               "setting, the others held at the scenario's values: research the top ones first.")
        out.append(_section("Which assumptions matter most", tornado_section))
    return out
