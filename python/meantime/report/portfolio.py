"""The portfolio report: one self-contained HTML file for a funder deciding which start-ups to
back with a pot of grants (:func:`meantime.portfolio`).

It gives the recommended allocation with its uncertainty, each rule's outcome side by side,
what the pot buys at other sizes, and the cost of each surviving service, in the viability
report's style, from the template ``portfolio.html.j2``: embedded SVG charts, no scripts, no network,
every text escaped.
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
from .page import Card, chart
from .templating import Row, Table, render

__all__ = ["write_portfolio_report", "portfolio_html"]

_RULE_WORDS = {
    "none": "no grants (the baseline)",
    "equal": "the pot split equally",
    "need": "each start-up's need for a {target} chance of lasting {h} months, smallest need first",
    "optimise": "money moved £{step} at a time to where it buys most, from the best simple rule",
}


def _pounds(x: float) -> str:
    return "-" if x != x else f"£{x:,.0f}"


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
        Card(
            "extra",
            f"{chosen.extra_alive:+.1f}",
            f"more services still going after {h} months than with no grants",
            f"± {half_width(chosen.extra_alive_se):.1f} (the same futures under every rule)",
        ),
        Card(
            "alive",
            f"{chosen[f'alive_{h}']:.1f}",
            f"of {len(table)} services expected to be going after {h} months",
            f"± {half_width(chosen[f'alive_{h}_se']):.1f}; with no grants {o.loc['none', f'alive_{h}']:.1f}",
        ),
        Card(
            "cost",
            _pounds(chosen.cost_per_survivor),
            f"granted per service going after {h} months",
            f"{_pounds(chosen.spent / chosen.extra_alive) if chosen.extra_alive > 0 else '-'} per extra service",
        ),
        Card(
            "backed",
            f"{backed}",
            f"start-ups backed, £{chosen.spent:,.0f} of the £{result.pot:,.0f} pot",
            f"rule: {result.rule}",
        ),
    ]
    allocation = [
        Row(
            [
                name,
                _pounds(r.grant),
                _pounds(r.need),
                share_with_interval(r[f"survival_{h}"], r[f"survival_{h}_se"]),
                f"{100 * r.survival_without:.1f}%",
                f"{100 * r.gain:+.1f} ± {points(r.gain_se)}",
                f"{r.client_months:,.0f}",
                r.evaluation,
            ]
        )
        for name, r in table.iterrows()
    ]
    months = [m for m in (12, 24, 36) if m < h]
    rules = [
        Row(
            [
                f"{rule}: " + _RULE_WORDS[rule].format(**words),
                _pounds(r.spent),
                *(f"{r[f'alive_{m}']:.2f}" for m in months),
                f"{r[f'alive_{h}']:.2f} ± {half_width(r[f'alive_{h}_se']):.2f}",
                f"{r.extra_alive:+.2f} ± {half_width(r.extra_alive_se):.2f}",
                f"{r.client_months:,.0f} ± {half_width(r.client_months_se):,.0f}",
                _pounds(r.cost_per_survivor),
            ],
            css="chosen" if rule == result.rule else "",
        )
        for rule, r in o.iterrows()
    ]
    pots = [
        Row(
            [
                _pounds(pot),
                _pounds(r.spent),
                str(int(r.backed)),
                f"{r[f'alive_{h}']:.2f} ± {half_width(r[f'alive_{h}_se']):.2f}",
                f"{r.extra_alive:+.2f}",
                f"{r.client_months:,.0f}",
                _pounds(r.cost_per_survivor),
            ]
        )
        for pot, r in curve.iterrows()
    ]
    column = (
        f"alive_{h}"
        if result.objective.startswith("alive") or result.objective == "cost_per_survivor"
        else result.objective
    )
    return render(
        "portfolio.html.j2",
        title=title,
        version=__version__,
        date=datetime.date.today().isoformat(),
        candidates=len(table),
        pot=_pounds(result.pot),
        paths=result.paths,
        h=h,
        seed=result.seed,
        answer=(
            f"Back {backed} of the {len(table)} start-ups as below: the pot is expected to keep "
            f"{chosen.extra_alive:.1f} more services going after {h} months than no grants would "
            f"(± {half_width(chosen.extra_alive_se):.1f}), at {_pounds(chosen.cost_per_survivor)} per service "
            "going then."
        ),
        headline=cards,
        convention=CONVENTION[:1].upper() + CONVENTION[1:],
        objective=objective,
        words=str(result).splitlines(),
        target=words["target"],
        step=f"£{result.step:,.0f}",
        allocation=Table(
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
            allocation,
            id="allocation",
        ),
        rules=Table(
            [
                "rule",
                "spent",
                *(f"alive at {m} months" for m in months),
                f"alive at {h} months",
                "extra on no grants",
                "client-months served",
                "£ per service alive",
            ],
            rules,
            id="rules",
        ),
        curve=Table(
            [
                "pot",
                "spent",
                "start-ups backed",
                f"alive at {h} months",
                "extra on no grants",
                "client-months",
                "£ per service alive",
            ],
            pots,
            id="curve",
        ),
        files=Table(
            ["start-up", "scenario file"], [Row([n, f]) for n, f in files.items()], id="candidates", numbers=False
        )
        if files
        else None,
        reruns=[n for n, r in table.iterrows() if r.evaluation == "rerun"],
        allocation_chart=chart(
            lambda ax: portfolio_allocation(table, ax=ax, month=h),
            "Allocation chart",
            f"Each start-up's chance of still going after {h} months without a grant (open circle) and with the "
            "grant written beside it (filled circle), on the same simulated futures.",
            size=(7.5, max(3.0, 0.32 * len(table) + 1.6)),
        ),
        curve_chart=chart(
            lambda ax: pot_curve(curve, ax=ax, column=column),
            "Services alive against the pot",
            "What pots of other sizes would buy: the optimised allocation at each pot (with its 95% band), and the "
            "equal split and by-need rules where they measure the same thing. Every pot uses the same futures, and "
            "each pot's search starts from the smaller pot's allocation, so the curve never falls.",
        ),
        cost_chart=chart(
            lambda ax: cost_per_survivor(curve, ax=ax),
            "Cost per surviving service against the pot",
            f"Pounds granted per service still going after {h} months (error bars: 95% intervals), and per extra "
            "service over no grants: what each additional survivor costs the funder.",
        ),
    )


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
