"""The analyses' tables as the ``meantime`` command shows them to people: readable labels,
pounds as pounds, chances as percentages with their ± (a 95% interval), and the answer in words.
Each function takes what the analysis returned and gives the blocks
:func:`~meantime.cli.tables.render` lays out."""

from __future__ import annotations

import math
from typing import Any, Callable, Optional

import pandas as pd

from ..analyses import CAPACITY_OBJECTIVES, PORTFOLIO_OBJECTIVES
from .tables import CONVENTION_LINE, Block, Grid, chance, count, pounds, signed

__all__ = [
    "headline_label",
    "headline_value",
    "break_even_blocks",
    "capital_blocks",
    "sweep_blocks",
    "compare_blocks",
    "portfolio_blocks",
    "capacity_blocks",
    "sensitivity_blocks",
]


def _nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)


# -- the headline answers (meantime.HEADLINES) -------------------------------------------------------

_HEADLINE_LABELS = {
    "survival": "still going after {h} months",
    "operating_break_even": "covers its own costs by month {h}",
    "living_break_even": "pays the founder's way by month {h}",
    "founder_income": "founder's income a month",
    "clients_served": "clients served",
    "priced_out_share": "prospects priced out",
    "extra_capital_90": "extra capital for 9 in 10",
}
_HEADLINE_FORMATS: dict[str, Callable[[float, float], str]] = {
    "survival": chance,
    "operating_break_even": chance,
    "living_break_even": chance,
    "founder_income": pounds,
    "clients_served": count,
    "priced_out_share": chance,
    "extra_capital_90": lambda x, se: pounds(x),  # its interval is not symmetric: see meantime capital
}


def headline_label(name: str, horizon: Optional[int]) -> str:
    """A headline answer's name in words (``survival`` -> ``still going after 36 months``; with
    no one horizon, ``still going at the horizon``)."""
    label = _HEADLINE_LABELS.get(name, name.replace("_", " "))
    if horizon is None:
        return label.replace("after {h} months", "at the horizon").replace("by month {h}", "by the horizon")
    return label.format(h=horizon)


def headline_value(name: str, estimate: float, std_error: float) -> str:
    """A headline answer's estimate, in its unit, with its ± where it has one."""
    return _HEADLINE_FORMATS.get(name, count)(estimate, std_error)


def _difference(name: str, estimate: float, std_error: float) -> str:
    """A paired difference of a headline answer: chances in points, pounds as pounds."""
    if _HEADLINE_FORMATS.get(name) is chance:
        return signed(estimate, std_error, scale=100, unit=" points")
    if _HEADLINE_FORMATS.get(name) is pounds or name == "extra_capital_90":
        return signed(estimate, std_error, digits=0, unit="£")
    return signed(estimate, std_error)


def _field_label(path: str) -> str:
    """A field's path as a column header: its last part in words (``price per session``)."""
    return path.rsplit(".", 1)[-1].replace("_", " ")


def _headlines_shown(frame: pd.DataFrame) -> list[str]:
    """The headline answers a table holds, the capital left out when it is NaN throughout."""
    return [name for name in _HEADLINE_LABELS if name in frame.columns and not frame[name].isna().all()]


_NO_CAPITAL = (
    "The extra capital for 9 in 10 is left out: a savings-dependent rule (benefits, giving up) "
    "applies, so it is not read from the lowest cash; `meantime capital` finds it by running the same "
    "futures again with more savings."
)


# -- break-even --------------------------------------------------------------------------------------

_BREAK_EVEN_ROWS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "price": ("price a session", lambda x: pounds(x, pence=True)),
    "margin_per_session": ("margin a session", lambda x: pounds(x, pence=True)),
    "fixed_costs": ("fixed costs a month", pounds),
    "staff_wages": ("staff wages a month", pounds),
    "loan_interest": ("loan interest a month", pounds),
    "net_living_costs": ("living costs to cover a month", pounds),
    "costs_to_cover": ("costs to cover a month", pounds),
    "sessions_needed": ("sessions needed a month", count),
    "clients_needed": ("clients needed a month", count),
    "capacity_sessions": ("sessions the diary holds a month", count),
    "capacity_clients": ("clients the diary holds", count),
    "affordable_share": ("budget holders who can pay the price", chance),
    "market_clients": ("clients the market offers", count),
    "lowest_price": ("lowest price that covers the costs, diary full", lambda x: pounds(x, pence=True)),
    "within_capacity": ("within the diary", lambda x: "yes" if x else "no"),
    "within_market": ("within the market", lambda x: "yes" if x else "no"),
    "can_break_even": ("can break even", lambda x: "yes" if x else "no"),
}
_BREAK_EVEN_COLUMNS = {"operating": "covering its own costs", "living": "paying the founder's way too"}


def _value(x: Any) -> str:
    """A field's value as typed: ``1,000``, ``15``, ``0.035``."""
    return f"{x:,g}" if isinstance(x, (int, float)) and not isinstance(x, bool) else str(x)


def _any(x: Any) -> str:
    if isinstance(x, (bool, str)) or x is None:
        return str(x)
    return count(float(x), digits=2)


def break_even_blocks(frame: pd.DataFrame, label: str) -> list[Block]:
    """``meantime break-even``: what it takes to cover the costs, and to pay the founder's way,
    one column each; the verdicts in words."""
    rows = []
    for name in frame.columns:
        if name == "verdict":
            continue
        words, show = _BREAK_EVEN_ROWS.get(name, (name.replace("_", " "), _any))
        rows.append((words, *(show(frame.loc[level, name]) for level in frame.index)))
    headers = ["without simulation", *(_BREAK_EVEN_COLUMNS.get(str(level), str(level)) for level in frame.index)]
    blocks: list[Block] = [f"Break-even without simulation: {label}", Grid(headers, rows)]
    if "verdict" in frame.columns:
        blocks.append(
            "\n".join(
                f"{_BREAK_EVEN_COLUMNS.get(str(level), str(level)).capitalize()}: {text}"
                for level, text in frame["verdict"].items()
            )
        )
    return blocks


# -- capital ----------------------------------------------------------------------------------------


def capital_blocks(frame: pd.DataFrame, label: str, horizon: int) -> list[Block]:
    """``meantime capital``: for each chance aimed at, the extra starting capital with its
    interval, the savings that makes, and the share of the simulated futures that then get
    through; in words under the table."""
    level = frame.attrs.get("confidence", 0.95)
    paths = frame.attrs.get("paths")
    rows, words = [], []
    for target, r in frame.iterrows():
        rows.append(
            (
                f"{100 * float(target):g}%",
                pounds(r.extra_capital),
                f"{pounds(r.extra_capital_low)} to {pounds(r.extra_capital_high)}",
                pounds(r.starting_savings),
                chance(r.survival_achieved, r.survival_achieved_se),
            )
        )
        if _nan(r.extra_capital):
            words.append(
                f"No starting savings give a {100 * float(target):g}% chance of getting through {horizon} months."
            )
        elif r.extra_capital == 0:
            words.append(
                f"The planned savings already give at least a {100 * float(target):g}% chance of getting "
                f"through {horizon} months (savings of {pounds(r.starting_savings)} would do)."
            )
        else:
            words.append(
                f"About {pounds(r.extra_capital)} more starting capital ({level:.0%} interval "
                f"{pounds(r.extra_capital_low)} to {pounds(r.extra_capital_high)}), "
                f"{pounds(r.starting_savings)} in all, gives a {100 * float(target):g}% chance of getting "
                f"through {horizon} months."
            )
        if isinstance(r.get("note"), str) and r.note:
            how = {
                "search": "running the same futures again with more savings (a search on savings)",
                "bisection": "running the same futures again with more savings (a bisection on savings)",
            }.get(r.method, r.method)
            words.append(f"Found by {how}, since {r.note}.")
    headers = [
        "chance aimed at",
        "extra starting capital",
        f"{level:.0%} interval",
        "starting savings",
        "getting through (± 95%)",
    ]
    return [
        f"Starting capital: {label}" + (f" ({paths:,} simulated futures)" if paths else ""),
        Grid(headers, rows),
        " ".join(words),
        CONVENTION_LINE,
    ]


# -- sweep --------------------------------------------------------------------------------------------


def sweep_blocks(frame: pd.DataFrame, fields: list[str], label: str, horizon: Optional[int]) -> list[Block]:
    """``meantime sweep``: a row per grid point (the fields' values, then each headline answer
    with its ±), split to fit the width; the best survival in words."""
    names = _headlines_shown(frame)
    headers = [*(_field_label(f) for f in fields), *(headline_label(n, horizon) for n in names)]
    rows = [
        (*(_value(r[f]) for f in fields), *(headline_value(n, r[n], r[f"{n}_se"]) for n in names))
        for _, r in frame.iterrows()
    ]
    best = frame["survival"].idxmax()
    where = ", ".join(f"{f} = {_value(frame.loc[best, f])}" for f in fields)
    blocks: list[Block] = [
        f"Sweep of {', '.join(fields)}: {label}",
        Grid(headers, rows, keys=len(fields)),
        f"Most futures {headline_label('survival', horizon)} at {where}: "
        f"{chance(frame.loc[best, 'survival'], frame.loc[best, 'survival_se'])}. Every point ran on the same "
        "futures (the same seed), so differences between points are the fields' own.",
    ]
    if "extra_capital_90" in frame.columns and "extra_capital_90" not in names:
        blocks.append(_NO_CAPITAL)
    return blocks + [CONVENTION_LINE]


# -- compare -----------------------------------------------------------------------------------------


def compare_blocks(frame: pd.DataFrame, label: str, horizon: Optional[int]) -> list[Block]:
    """``meantime compare``: a row per headline answer, a column per scenario, then each
    scenario's difference from the first (paired: the same futures)."""
    names = [n for n in frame.index if not frame.loc[n].drop("unit", level=0, errors="ignore").isna().all()]
    groups = [g for g in dict.fromkeys(frame.columns.get_level_values(0)) if g != "unit"]
    rows = []
    for n in names:
        cells = []
        for g in groups:
            estimate, se = frame.loc[n, (g, "estimate")], frame.loc[n, (g, "std_error")]
            if " - " in g:  # a paired difference: signed, chances in points
                cells.append(_difference(str(n), estimate, se))
            else:
                cells.append(headline_value(str(n), estimate, se))
        rows.append((headline_label(str(n), horizon), *cells))
    blocks: list[Block] = [f"Comparison of {label}", Grid(["answer", *groups], rows)]
    if "extra_capital_90" in frame.index and "extra_capital_90" not in names:
        blocks.append(_NO_CAPITAL)
    return blocks + [
        "Every scenario ran on the same futures (the same seed): a difference is paired, its ± from "
        "the futures' own differences. " + CONVENTION_LINE
    ]


# -- portfolio and capacity -------------------------------------------------------------------------


def portfolio_blocks(result: Any, label: str) -> list[Block]:
    """``meantime portfolio``: the allocation, each rule's outcome, the answer in words."""
    h = result.horizon
    table = result.allocation
    allocation = [
        (
            str(name),
            pounds(r.grant),
            pounds(r.need),
            chance(r[f"survival_{h}"], r[f"survival_{h}_se"]),
            chance(r.survival_without),
            signed(r.gain, r.gain_se, scale=100),
            str(r.evaluation),
        )
        for name, r in table.iterrows()
    ]
    months = [m for m in (12, 24, 36) if m < h]
    outcomes = [
        (
            str(rule),
            pounds(r.spent),
            *(count(r[f"alive_{m}"], digits=2) for m in months),
            count(r[f"alive_{h}"], r[f"alive_{h}_se"], digits=2),
            signed(r.extra_alive, r.extra_alive_se, 2),
            count(r.client_months, r.client_months_se, digits=0),
            pounds(r.cost_per_survivor),
        )
        for rule, r in result.outcomes.iterrows()
    ]
    return [
        f"meantime: {label} - {len(table)} start-ups, a pot of {pounds(result.pot)}, objective: "
        f"{PORTFOLIO_OBJECTIVES[result.objective].words}; {result.paths:,} futures each, seed {result.seed}",
        Grid(
            ["start-up", "grant", "need", f"alive at {h} months", "without", "gain, points", "evaluation"],
            allocation,
            title=f"Allocation by rule '{result.rule}' (grants paid in month 1; need: the grant for a "
            f"{100 * result.target_survival:.0f}% chance of lasting {h} months)",
        ),
        Grid(
            [
                "rule",
                "spent",
                *(f"alive at {m}" for m in months),
                f"alive at {h}",
                "extra on none",
                "client-months",
                "£ per survivor",
            ],
            outcomes,
            title=f"Each rule's outcome (expected services alive, client-months served, pounds granted per service "
            f"alive at {h} months; the same futures under every rule)",
        ),
        str(result),  # its last line says what ± is
    ]


def capacity_blocks(result: Any, label: str) -> list[Block]:
    """``meantime capacity``: a row per number of providers, the survivors' distribution, the
    answer in words."""
    m, h = result.month, result.horizon
    rows = [
        (
            f"{k} *" if k == result.best_k else str(k),
            count(r.survivors, r.survivors_se, digits=2),
            chance(r.all_survive),
            chance(r.none_survive),
            count(r.clients_served, r.clients_served_se),
            count(r.client_months, r.client_months_se, digits=0),
            signed(r.gain, r.gain_se),
        )
        for k, r in result.table.iterrows()
    ]
    distribution = [
        (str(k), *(chance(share) if j <= k else "" for j, share in row.items()))
        for k, row in result.distribution.iterrows()
    ]
    best = CAPACITY_OBJECTIVES[result.objective].split(" (")[0]
    return [
        f"meantime: {label} - towns of 1 to {result.max_providers} providers sharing one pool of budget holders; "
        f"{result.paths:,} futures per town x {h} months, seed {result.seed}",
        Grid(
            [
                "providers",
                f"trading at {m}",
                "all trading",
                "none trading",
                "clients served",
                "client-months",
                f"gain in {result.objective.replace('_', '-')}",
            ],
            rows,
            title=f"Providers who start, those still trading after {m} months, and budget holders served over {h} "
            f"months (* most {best}; gain: on one provider fewer, same futures)",
        ),
        Grid(
            ["providers", *(f"{j} trading" for j in result.distribution.columns)],
            distribution,
            title=f"Share of futures with j providers still trading after {m} months",
            right=[True] * (len(result.distribution.columns) + 1),
        ),
        str(result),  # its last line says what ± is
    ]


# -- sensitivity --------------------------------------------------------------------------------------


def _index(index: float, half_width: float) -> str:
    return "-" if math.isnan(index) else f"{index:.2f} ± {half_width:.2f}"


def sensitivity_blocks(frame: pd.DataFrame, label: str, metric: str, horizon: Optional[int]) -> list[Block]:
    """``meantime sensitivity``: a tornado (the answer at each end of each range, and the swing)
    or Sobol indices, largest effect first; whether Sobol's samples were too few, in words."""
    what = headline_label(metric, horizon)

    def value(x: float, se: float) -> str:
        return headline_value(metric, x, se)

    if frame.attrs.get("method") == "sobol":
        indices = [
            (
                str(name),
                f"{_value(r.low)} to {_value(r.high)}",
                _index(r.S1, r.S1_conf),
                _index(r.ST, r.ST_conf),
            )
            for name, r in frame.iterrows()
        ]
        level = frame.attrs.get("confidence", 0.95)
        blocks: list[Block] = [
            f"Sobol indices of '{what}': {label} ({frame.attrs.get('runs', 0):,} runs of "
            f"{frame.attrs.get('paths', 0):,} futures)",
            Grid(["field", "range", "first-order index", "total index"], indices),
            "The first-order index is the share of the answer's variance a field explains alone; the total index "
            "adds its interactions with the others. ± is each index's own confidence interval"
            + (f" ({level:.0%})." if level else "."),
        ]
        if frame["ST"].isna().all():
            blocks.append(
                f"'{what}' is the same at every sample point: no field moves it, and the indices are undefined."
            )
        tried = frame.attrs.get("samples_tried") or []
        if len(tried) > 1:
            blocks.append(
                f"Samples doubled from {tried[0]:,} to {tried[-1]:,} until every index was within ± 0.1 "
                "(the runs already made kept)."
            )
        if frame.attrs.get("few_samples"):
            blocks.append(
                f"Too few samples: {frame.attrs.get('samples')} are not enough for these intervals to rank "
                f"the fields; run with --samples {frame.attrs.get('samples_needed')} for intervals within "
                "± 0.1."
            )
        return blocks
    rows = []
    for name, r in frame.iterrows():
        swing = _difference(metric, r.swing, r.swing_se)
        rows.append(
            (
                str(name),
                _value(r.low),
                value(r.at_low, r.at_low_se),
                _value(r.high),
                value(r.at_high, r.at_high_se),
                swing,
            )
        )
    base = frame.iloc[0] if len(frame) else None
    return [
        f"Tornado of '{what}': {label}"
        + (f" (as it is: {value(base.base, base.base_se)})" if base is not None else ""),
        Grid(["field", "low", "answer at low", "high", "answer at high", "swing"], rows),
        "One field at a time at each end of its range, the others as in the scenario, every run on the same futures: "
        "a field that does not matter moves the answer by exactly nothing. " + CONVENTION_LINE,
    ]
