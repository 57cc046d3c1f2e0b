"""The portfolio report: one self-contained HTML file for a funder deciding which start-ups to
back with a pot of grants (:func:`meantime.portfolio`).

It gives the recommended allocation with its uncertainty, each rule's outcome side by side,
what the pot buys at other sizes, and the cost of each surviving service, in the viability
report's style (:func:`meantime.report.page.page_html`): embedded SVG charts, no scripts, no network.
"""

from __future__ import annotations

import datetime
import os
import warnings
from typing import Mapping, Optional, Sequence

from ..analyses import PORTFOLIO_OBJECTIVES
from ..plot import cost_per_survivor, portfolio_allocation, pot_curve
from ..running.uncertainty import CONVENTION, half_width, points, share_with_interval
from ..version import __version__
from .page import figure_html, page_html
from .words import escape

__all__ = ["write_portfolio_report", "portfolio_html"]

_RULE_WORDS = {
    "none": "no grants (the baseline)",
    "equal": "the pot split equally",
    "need": "each start-up's need for a {target} chance of lasting {h} months, smallest need first",
    "optimise": "money moved £{step} at a time to where it buys most, from the best simple rule",
}


def _pounds(x: float) -> str:
    return "-" if x != x else f"£{x:,.0f}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], table_id: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def portfolio_html(result, title: Optional[str] = None, curve=None, files: Optional[Mapping[str, str]] = None) -> str:
    """The report of a :class:`~meantime.Portfolio` as HTML text; see :func:`write_portfolio_report`."""
    h, o = result.horizon, result.outcomes
    table = result.allocation
    chosen = o.loc[result.rule]
    title = title or "Pump-priming: which start-ups to back"
    objective = PORTFOLIO_OBJECTIVES[result.objective].words
    backed = int((table["grant"] > 0).sum())
    words = {"target": f"{100 * result.target_survival:.0f}%", "h": h, "step": f"{result.step:,.0f}"}

    cards = [
        (
            "extra",
            f"{chosen.extra_alive:+.1f}",
            f"more services still going after {h} months than with no grants",
            f"± {half_width(chosen.extra_alive_se):.1f} (95% interval; the same futures under every rule)",
        ),
        (
            "alive",
            f"{chosen[f'alive_{h}']:.1f}",
            f"of {len(table)} services expected to be going after {h} months",
            f"± {half_width(chosen[f'alive_{h}_se']):.1f}; with no grants {o.loc['none', f'alive_{h}']:.1f}",
        ),
        (
            "cost",
            _pounds(chosen.cost_per_survivor),
            f"granted per service going after {h} months",
            f"{_pounds(chosen.spent / chosen.extra_alive) if chosen.extra_alive > 0 else '-'} per extra service",
        ),
        (
            "backed",
            f"{backed}",
            f"start-ups backed, £{chosen.spent:,.0f} of the £{result.pot:,.0f} pot",
            f"rule: {result.rule}",
        ),
    ]
    card_html = "".join(
        f'<div class="card" id="headline-{key}"><div class="big">{escape(big)}</div>'
        f'<div class="what">{escape(what)}</div><div class="unc">{escape(unc)}</div></div>'
        for key, big, what, unc in cards
    )

    allocation_rows = [
        (
            name,
            _pounds(r.grant),
            _pounds(r.need),
            share_with_interval(r[f"survival_{h}"], r[f"survival_{h}_se"]),
            f"{100 * r.survival_without:.1f}%",
            f"{100 * r.gain:+.1f} ± {points(r.gain_se)}",
            f"{r.client_months:,.0f}",
            r.evaluation,
        )
        for name, r in table.iterrows()
    ]
    months = [m for m in (12, 24, 36) if m < h]
    rule_rows = [
        (
            f"{rule}: " + _RULE_WORDS[rule].format(**words),
            _pounds(r.spent),
            *(f"{r[f'alive_{m}']:.2f}" for m in months),
            f"{r[f'alive_{h}']:.2f} ± {half_width(r[f'alive_{h}_se']):.2f}",
            f"{r.extra_alive:+.2f} ± {half_width(r.extra_alive_se):.2f}",
            f"{r.client_months:,.0f} ± {half_width(r.client_months_se):,.0f}",
            _pounds(r.cost_per_survivor),
        )
        for rule, r in o.iterrows()
    ]
    curve_rows = [
        (
            _pounds(pot),
            _pounds(r.spent),
            str(int(r.backed)),
            f"{r[f'alive_{h}']:.2f} ± {half_width(r[f'alive_{h}_se']):.2f}",
            f"{r.extra_alive:+.2f}",
            f"{r.client_months:,.0f}",
            _pounds(r.cost_per_survivor),
        )
        for pot, r in curve.iterrows()
    ]

    charts_allocation = figure_html(
        lambda ax: portfolio_allocation(table, ax=ax, month=h),
        "Allocation chart",
        f"Each start-up's chance of still going after {h} months without a grant (open circle) and with the "
        "grant written beside it (filled circle), on the same simulated futures.",
        size=(7.5, max(3.0, 0.32 * len(table) + 1.2)),
    )
    charts_curve = figure_html(
        lambda ax: pot_curve(
            curve,
            ax=ax,
            column=f"alive_{h}"
            if result.objective.startswith("alive") or result.objective == "cost_per_survivor"
            else result.objective,
        ),
        "Services alive against the pot",
        "What pots of other sizes would buy: the optimised allocation at each pot (with its 95% "
        "band), and the equal split and by-need rules where they measure the same thing. Every pot uses the "
        "same futures, and each pot's search starts from the smaller pot's allocation, so the curve never falls.",
    )
    charts_cost = figure_html(
        lambda ax: cost_per_survivor(curve, ax=ax),
        "Cost per surviving service against the pot",
        f"Pounds granted per service still going after {h} months (error bars: 95% intervals), and per "
        "extra service over no grants: what each additional survivor costs the funder.",
    )

    candidates = ""
    if files:
        candidates = (
            "<h2>The candidates</h2><p>Each start-up is a scenario file (every assumption, cited or "
            "marked illustrative, is in its file):</p>"
            + _table(["start-up", "scenario file"], [(n, f) for n, f in files.items()], "candidates")
        )
    reruns = [n for n, r in table.iterrows() if r.evaluation == "rerun"]
    body = f"""
<h1>{escape(title)}</h1>
<p class="meta">meantime {escape(__version__)} &middot; {datetime.date.today().isoformat()} &middot;
{len(table)} candidate start-ups &middot; a pot of £{result.pot:,.0f} &middot; {result.paths:,} simulated futures
each over {h} months, seed {result.seed} (the same seed gives the same report)</p>

<h2>The answer</h2>
<p class="answer" id="answer">Back {backed} of the {len(table)} start-ups as below: the pot is expected to keep
{chosen.extra_alive:.1f} more services going after {h} months than no grants would
(± {half_width(chosen.extra_alive_se):.1f}), at {_pounds(chosen.cost_per_survivor)} per service going then.</p>
<div class="cards">{card_html}</div>
<p class="convention">{escape(CONVENTION[:1].upper() + CONVENTION[1:])}.</p>
<p>Objective: {escape(objective)}. {"".join(f"<br>{escape(line)}" for line in str(result).splitlines())}</p>

<h2>The recommended allocation</h2>
<p>Grants are paid in the start-up's first month. <i>Need</i> is the grant that would give the start-up a
{words["target"]} chance of lasting {h} months (- : no grant would). Chances are given with their 95%
interval; the gain is measured on the same futures with and without the grant.</p>
{
        _table(
            [
                "start-up",
                "grant",
                "need",
                f"chance of lasting {h} months",
                "without a grant",
                "gain (points)",
                "client-months",
                "evaluation",
            ],
            allocation_rows,
            "allocation",
        )
    }
{charts_allocation}

<h2>The rules compared</h2>
<p>Every rule is judged on the same simulated futures (common random numbers), so differences between
rules are sharper than the intervals of each suggest.</p>
{
        _table(
            [
                "rule",
                "spent",
                *(f"alive at {m} months" for m in months),
                f"alive at {h} months (± 95%)",
                "extra on no grants",
                "client-months served",
                "£ per service alive",
            ],
            rule_rows,
            "rules",
        )
    }

<h2>What the pot buys</h2>
{charts_curve}
{charts_cost}
{
        _table(
            [
                "pot",
                "spent",
                "start-ups backed",
                f"alive at {h} months",
                "extra on no grants",
                "client-months",
                "£ per service alive",
            ],
            curve_rows,
            "curve",
        )
    }
{candidates}
<h2>How to read this, and its limits</h2>
<ul>
<li>Each start-up is simulated on its own: they do not compete for the same budget holders here. Where
several offer the same kind of service in the town, the market they share may not sustain them all
(<code>meantime capacity SCENARIO --max-providers K</code> answers how many it can sustain).</li>
<li>Services alive is the sum of each start-up's chance of still going: an expected count, not a promise.
Client-months are the budget holders served each month, summed over the months a service lasts.</li>
<li>The optimised allocation is found by moving £{result.step:,.0f} at a time to where it gains most per
pound, keeping only improvements: no single move improves it, which is the best split when extra money
does a start-up less and less good; it is never worse than the simple rules.</li>
<li>{
        (
            "Start-ups whose founder claims benefits, or may give up, are simulated afresh for every grant ("
            + escape(", ".join(reruns))
            + "); for the others a grant in month 1 adds exactly its amount to the cash in "
            "every month, so their futures with any grant are read from two runs."
        )
        if reruns
        else "A grant in month 1 adds exactly its amount to every start-up&#39;s cash in every month, so the futures "
        "with any grant are read from two runs of each start-up."
    }</li>
<li>A model is a way of thinking through the uncertainty, not a forecast; figures marked illustrative in the
candidates' files should be replaced by their founders' own.</li>
</ul>
"""
    return page_html(title, body)


def write_portfolio_report(
    result,
    path: str | os.PathLike,
    title: Optional[str] = None,
    pots: Optional[Sequence[float]] = None,
    curve=None,
    files: Optional[Mapping[str, str]] = None,
) -> None:
    """Write the portfolio report: one self-contained HTML file.

    Parameters
    ----------
    result : Portfolio
        From :func:`~meantime.portfolio`.
    path : str or path-like
        The HTML file to write.
    title : str, optional
    pots : list of float, optional
        The pots of the curve (default: :meth:`Portfolio.curve <meantime.Portfolio.curve>`'s).
    curve : pandas.DataFrame, optional
        A curve already computed (``result.curve(...)``); ``pots`` is then not used.
    files : dict, optional
        Start-up name -> scenario file, listed in the report.

    Examples
    --------
    >>> import meantime, pathlib, tempfile
    >>> s = meantime.default_scenario()
    >>> result = meantime.portfolio({"a": s, "b": s.replace(household__savings=2000)}, pot=2000, paths=300,
    ...                             progress=False)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "portfolio.html"
    >>> result.report(path, title="Two ideas", pots=[0, 2000])
    >>> "Two ideas" in path.read_text()
    True
    """
    if curve is None:
        curve = result.curve(pots, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # matplotlib's layout notes are not the reader's
        text = portfolio_html(result, title=title, curve=curve, files=files)
    with open(os.fspath(path), "w", encoding="utf-8") as f:
        f.write(text)
