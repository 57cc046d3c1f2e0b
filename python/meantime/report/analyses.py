"""The viability report's sections beyond the run itself: the starting capital needed (always:
its figure is a headline answer), and, from the tables that
:func:`meantime.analyses.viability.viability_analyses` computed, deterministic break-even, the
price curve and sensitivity. Every table is in words, with its units and its ± (a 95% interval,
:mod:`meantime.running.uncertainty`), and says how many futures it used. A table that could not
be computed (or drawn) gives a section that says so plainly, and a ``RuntimeWarning``."""

from __future__ import annotations

import dataclasses
import math
import warnings
from typing import Any, Callable, Sequence

from ..analyses.viability import CAPITAL_TARGET, TableOrError, ViabilityAnalyses
from ..plot import price_curve, tornado
from ..running.result import Result
from ..running.uncertainty import half_width, points, share_with_interval
from ..running.words import in_ten
from ..scenario.schema import FIELD_BY_PATH
from .page import Card, chart
from .templating import Chart, Row, Table
from .words import field_name, pounds, pounds_range, value_in_words

__all__ = ["Section", "sections", "capital_card", "capital_sentence", "SECTIONS"]


@dataclasses.dataclass(frozen=True)
class Section:
    """A section of the report: paragraphs, tables in words and charts, and how many futures it
    used; or the error that stopped it."""

    id: str
    title: str
    paragraphs: Sequence[str] = ()
    tables: Sequence[Table] = ()
    charts: Sequence[Chart] = ()
    futures: str = ""
    error: str = ""


def _money_pm(x: float, se: float) -> str:
    return f"{pounds(x)} ± {pounds(half_width(se))}"


def _number_pm(x: float, se: float) -> str:
    return f"{x:,.1f} ± {half_width(se):,.1f}"


def _futures(paths: int, result: Result, what: str) -> str:
    same = (
        " the headline's own futures"
        if paths == result.path_count
        else f" fewer than the headline's {result.path_count:,}"
    )
    return f"{what} {paths:,} simulated futures, seed {result.seed} ({same.strip()})."


# -- the starting capital ---------------------------------------------------------------------------


def _capital_row(capital: TableOrError):
    if isinstance(capital, Exception):
        return None
    return capital.loc[CAPITAL_TARGET]


def capital_card(capital: TableOrError, result: Result) -> Card:
    """The headline card of the extra starting capital: :func:`~meantime.required_capital`'s
    figure for a 9 in 10 chance, with its 95% interval."""
    row = _capital_row(capital)
    chance = in_ten(CAPITAL_TARGET)
    if row is None:
        return Card("capital", "-", "extra starting capital: could not be computed", str(capital))
    if math.isnan(row.extra_capital):
        return Card(
            "capital", "out of reach", f"no starting capital gives a {chance} chance of getting through", row.note
        )
    interval = f"95% interval {pounds_range(row.extra_capital_low, row.extra_capital_high)}"
    if row.extra_capital > 0:
        return Card(
            "capital",
            pounds(row.extra_capital),
            f"more starting capital would give a {chance} chance of getting through",
            interval,
        )
    return Card(
        "capital", "£0", f"extra starting capital needed: the savings already carry {chance} futures through", interval
    )


def capital_sentence(capital: TableOrError) -> str:
    """The capital in one sentence, with its interval ("" when it could not be computed)."""
    row = _capital_row(capital)
    chance = in_ten(CAPITAL_TARGET)
    if row is None:
        return ""
    if math.isnan(row.extra_capital):
        return f"No amount of starting capital gives a {chance} chance of getting through: {row.note}."
    interval = f"95% interval {pounds_range(row.extra_capital_low, row.extra_capital_high)}"
    if row.extra_capital > 0:
        return (
            f"About {pounds(row.extra_capital)} more starting capital ({interval}) would give a {chance} "
            "chance of getting through."
        )
    return f"The starting capital carries at least {chance} futures through ({interval} more would be needed)."


def _capital_section(capital: TableOrError, result: Result) -> Section:
    title = "Starting capital needed"
    if isinstance(capital, Exception):
        return _failed("capital", title, capital)
    row = _capital_row(capital)
    method = (
        "by running the same futures again with more or less savings until the share that get through "
        f"reaches the target, to the pound (a search on savings): {row.note}"
        if row.method in ("search", "bisection")
        else "from the lowest cash of each future: with this much more, exactly the target share stay above zero"
    )
    rows = [
        Row(["Chance of getting through aimed for", f"{100 * CAPITAL_TARGET:.0f}%"]),
        Row(
            [
                "Extra starting capital",
                f"{pounds(row.extra_capital)} (95% interval "
                f"{pounds_range(row.extra_capital_low, row.extra_capital_high)})",
            ]
        ),
        Row(
            [
                "Starting savings that reach the target",
                f"{pounds(row.starting_savings)} (95% interval "
                f"{pounds_range(row.starting_savings_low, row.starting_savings_high)})",
            ]
        ),
        Row(
            [
                "Share of these futures that get through with those savings",
                share_with_interval(row.survival_achieved, row.survival_achieved_se),
            ]
        ),
        Row(["How it was found", method]),
    ]
    return Section(
        "capital",
        title,
        paragraphs=[
            f"The starting savings (or a grant at the start) that would let {in_ten(CAPITAL_TARGET)} "
            f"futures get through the {result.months} months. The interval is where the figure would lie "
            "with many more simulated futures (from the binomial law of the number that get through)."
        ],
        tables=[Table(["", "answer"], rows, id="capital-table", numbers=False)],
        futures=_futures(int(capital.attrs.get("paths", result.path_count)), result, "On")
        + (" The same figure as meantime capital gives for these futures."),
    )


# -- the analyses ------------------------------------------------------------------------------------


def _yes(flag: Any) -> str:
    return "yes" if bool(flag) else "no"


def _break_even(table: Any, result: Result, paths: int) -> Section:
    o, v = table.loc["operating"], table.loc["living"]
    per_client = result.scenario.clients.sessions_per_month

    def both(format_: Callable[[Any], str], column: str) -> list[str]:
        return [format_(o[column]), format_(v[column])]

    rows = [
        Row(["Price a session", *both(lambda x: pounds(x, pence=True), "price")]),
        Row(
            [
                "Margin a session (the price less what a session costs)",
                *both(lambda x: pounds(x, pence=True), "margin_per_session"),
            ]
        ),
        Row(
            [
                "Running costs a month (with any staff wages and loan interest)",
                *[pounds(r.fixed_costs + r.staff_wages + r.loan_interest) for r in (o, v)],
            ]
        ),
        Row(["The household's living costs left to the business a month", *both(pounds, "net_living_costs")]),
        Row(["To cover a month in all", *both(pounds, "costs_to_cover")]),
        Row(["Sessions needed a month", *both(lambda x: f"{x:,.0f}", "sessions_needed")]),
        Row(
            [
                f"Clients needed (at {per_client:g} sessions a month each)",
                *both(lambda x: f"{x:,.1f}", "clients_needed"),
            ]
        ),
        Row(
            [
                "Most the founder's hours can deliver a month",
                *[f"{r.capacity_sessions:,.0f} sessions ({r.capacity_clients:,.1f} clients)" for r in (o, v)],
            ]
        ),
        Row(
            [
                "Clients the market offers at this price, on average",
                *[
                    f"{r.market_clients:,.1f} ({100 * r.affordable_share:.0f}% of budget holders can pay)"
                    for r in (o, v)
                ],
            ]
        ),
        Row(["Lowest price that covers it with a full diary", *both(lambda x: pounds(x, pence=True), "lowest_price")]),
        Row(["Within the founder's hours?", *both(_yes, "within_capacity")]),
        Row(["Within the market?", *both(_yes, "within_market")]),
        Row(["Can it break even on average?", *both(_yes, "can_break_even")], css="chosen"),
    ]
    return Section(
        "break-even",
        "Break-even without the uncertainty",
        paragraphs=[
            "The sessions, clients and price the business needs, from the scenario's expected values "
            "alone (no simulation): if these are out of reach even on average, no amount of luck will do.",
            f"Covering the business's own costs: {o.verdict}.",
            f"Also paying the founder's way: {v.verdict}.",
        ],
        tables=[
            Table(
                ["", "covering the business's own costs", "also paying the founder's way"], rows, id="break-even-table"
            )
        ],
        futures="No simulation: the scenario's expected values.",
    )


def _price_curve(table: Any, result: Result, paths: int) -> Section:
    h = result.months
    own = result.scenario.business.price_per_session
    best, low, high = (table.attrs.get(k, math.nan) for k in ("best", "tied_low", "tied_high"))
    tied = "tied" in table.columns
    rows = []
    for price, r in table.iterrows():
        mine = math.isclose(float(price), own)
        marks = [m for m, on in (("the scenario's", mine), ("best", price == best)) if on]
        if tied and r.tied and price != best:
            marks.append("tied with the best")
        rows.append(
            Row(
                [
                    pounds(float(price), pence=True) + (f" ({', '.join(marks)})" if marks else ""),
                    share_with_interval(r.survival, r.survival_se),
                    share_with_interval(r.living_break_even, r.living_break_even_se),
                    _money_pm(r.founder_income, r.founder_income_se),
                    _number_pm(r.clients_served, r.clients_served_se),
                    f"{100 * r.priced_out_share:.1f}%",
                ],
                css=" ".join(c for c, on in (("chosen", mine), ("tied", tied and bool(r.tied))) if on),
            )
        )
    has_tie = not (math.isnan(best) or math.isnan(low) or math.isnan(high))
    figure = chart(
        lambda ax: price_curve(table, ax=ax, best=best if has_tie else None, tied=(low, high) if has_tie else None),
        "Price curve",
        "Survival, the founder's income and the share of interested budget holders who cannot pay, "
        "at prices from 60% to 160% of the scenario's (bars: 95% intervals)"
        + ("; shaded: the prices statistically tied with the best for survival." if has_tie else "."),
    )
    paragraphs = [
        "The same futures at every price (common random numbers), so the differences between "
        "neighbouring prices are sharper than each row's ± suggests."
    ]
    if has_tie:
        paragraphs.append(
            f"The best of these prices for getting through: {table.attrs['answer']}. A price is tied "
            "with the best when the paired difference in survival on the same futures is within its "
            "95% interval of zero (meantime best-price searches finer, and for other objectives)."
        )
    return Section(
        "price-curve",
        "What price?",
        paragraphs=paragraphs,
        tables=[
            Table(
                [
                    "price a session",
                    f"get through {h} months",
                    "also pay the founder's way",
                    "founder's income a month",
                    f"clients served over {h} months",
                    "budget holders priced out",
                ],
                rows,
                id="price-table",
            )
        ],
        charts=[figure],
        futures=_futures(paths, result, "Each price on the same"),
    )


def _setting(path: str, value: float) -> str:
    info = FIELD_BY_PATH.get(path)
    return value_in_words(value, info.unit if info else "")


def _tornado(table: Any, result: Result, paths: int) -> Section:
    base = float(table["base"].iloc[0]) if "base" in table.columns else result.survival()
    base_se = float(table["base_se"].iloc[0]) if "base_se" in table.columns else result.standard_error(base)
    h = result.months
    rows = [
        Row(
            [
                field_name(str(path)),
                _setting(str(path), r.low),
                _setting(str(path), r.high),
                share_with_interval(r.at_low, r.at_low_se),
                share_with_interval(r.at_high, r.at_high_se),
                f"{100 * (r.at_high - r.at_low):+.1f} ± {points(r.swing_se)} points",
            ]
        )
        for path, r in table.iterrows()
    ]
    figure = chart(
        lambda ax: tornado(table, ax=ax, base=base),
        "Tornado chart",
        "How far survival moves when each assumption goes from its low to its high setting (given under "
        "its name), the others held at the scenario's values: research the top ones first.",
    )
    return Section(
        "sensitivity",
        "Which assumptions matter most",
        paragraphs=[
            f"Each assumption in turn at a low and a high setting, the others as in the scenario; with "
            f"every assumption as it is, {share_with_interval(base, base_se)} of these futures get through "
            f"{h} months. The change is measured on the same futures (its ± is paired)."
        ],
        tables=[
            Table(
                [
                    "assumption",
                    "low setting",
                    "high setting",
                    f"get through {h} months at low",
                    "at high",
                    "change, high less low",
                ],
                rows,
                id="sensitivity-table",
            )
        ],
        charts=[figure],
        futures=_futures(paths, result, "Each setting on the same"),
    )


#: Each analysis's section: its title and how it is drawn from its table.
SECTIONS: dict[str, tuple[str, Callable[[Any, Result, int], Section]]] = {
    "break_even": ("Break-even without the uncertainty", _break_even),
    "price_curve": ("What price?", _price_curve),
    "sensitivity": ("Which assumptions matter most", _tornado),
}


def _failed(key: str, title: str, error: BaseException) -> Section:
    warnings.warn(f"report: {title.lower()} could not be computed: {error}", RuntimeWarning, stacklevel=4)
    return Section(key.replace("_", "-"), title, error=str(error))


def _section(name: str, table: TableOrError, result: Result, paths: int) -> Section:
    title, draw = SECTIONS[name]
    if isinstance(table, Exception):
        return _failed(name, title, table)
    try:
        return draw(table, result, paths)
    except Exception as error:  # the report is still worth having without one section
        return _failed(name, title, error)


def sections(extras: ViabilityAnalyses, result: Result) -> list[Section]:
    """The capital's section, then each analysis's, in the order of ``extras.tables``."""
    return [
        _capital_section(extras.capital, result),
        *(_section(name, table, result, extras.paths) for name, table in extras.tables.items()),
    ]
