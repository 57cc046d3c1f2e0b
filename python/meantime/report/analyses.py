"""The viability report's analysis sections: deterministic break-even, required capital, price
curve and sensitivity, drawn from the tables that
:func:`meantime.analyses.viability.viability_analyses` computed. A table that could not be
computed (or drawn) gives a section that says so plainly, and a ``RuntimeWarning``."""

from __future__ import annotations

import warnings
from typing import Any, Callable

from ..analyses.viability import TableOrError
from ..plot import price_curve, tornado
from ..running.result import Result
from .page import figure_html
from .words import escape

__all__ = ["sections", "SECTIONS"]


def _table(frame: Any) -> str:
    """A table; verdict sentences go above it, and a wide table of a few rows is turned."""
    verdicts = ""
    if "verdict" in frame.columns:
        verdicts = "".join(f"<p><b>{escape(str(i))}</b>: {escape(str(v))}</p>" for i, v in frame["verdict"].items())
        frame = frame.drop(columns=["verdict"])
    if len(frame) <= 4 and len(frame.columns) > 6:
        frame = frame.T
    return verdicts + frame.to_html(border=0, float_format=lambda x: f"{x:,.4g}", na_rep="-", escape=True)


def _break_even(table: Any, result: Result) -> str:
    return ("<p>The sessions, clients and price the business needs, from the scenario's expected values "
            "alone (no simulation): if these are out of reach even on average, no amount of luck will do.</p>"
            + _table(table))


def _required_capital(table: Any, result: Result) -> str:
    return ("<p>The starting savings (or grant) that would let nine in ten futures get through the horizon, "
            "with its confidence interval.</p>" + _table(table))


def _price_curve(table: Any, result: Result) -> str:
    return figure_html(lambda ax: price_curve(table, ax=ax), "Price curve",
                       "Survival, the founder's income and the share of interested budget holders who "
                       "cannot pay, at prices from 60% to 160% of the scenario's; the same futures at "
                       "every price (common random numbers), so differences are sharp.")


def _tornado(table: Any, result: Result) -> str:
    base = None if "base" in table.columns else result.survival()
    return figure_html(lambda ax: tornado(table, ax=ax, base=base),
                       "Tornado chart",
                       "How far survival moves when each assumption goes from its low to its high "
                       "setting, the others held at the scenario's values: research the top ones first.")


#: Each analysis's section: its title and how its table is drawn (HTML).
SECTIONS: dict[str, tuple[str, Callable[[Any, Result], str]]] = {
    "break_even": ("Break-even without the uncertainty", _break_even),
    "required_capital": ("Starting capital needed", _required_capital),
    "price_curve": ("What price?", _price_curve),
    "sensitivity": ("Which assumptions matter most", _tornado),
}


def _section(title: str, table: TableOrError, draw: Callable[[Any, Result], str], result: Result) -> str:
    error = table if isinstance(table, Exception) else None
    if error is None:
        try:
            body = draw(table, result)
        except Exception as drawing_error:  # the report is still worth having without one section
            error = drawing_error
    if error is not None:
        warnings.warn(f"report: {title.lower()} could not be computed: {error}", RuntimeWarning, stacklevel=3)
        body = f'<p class="note">Could not be computed in this version: {escape(error)}</p>'
    return f"<h2>{escape(title)}</h2>\n{body}\n"


def sections(tables: dict[str, TableOrError], result: Result) -> list[str]:
    """The HTML of each analysis section, in the order of ``tables``."""
    return [_section(SECTIONS[name][0], table, SECTIONS[name][1], result) for name, table in tables.items()]
