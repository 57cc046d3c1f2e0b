"""The market-capacity report: how many providers of one kind a town's budget holders sustain
(:func:`meantime.market_capacity`), as one self-contained HTML file or as a section for another
report.

Drawn by the templates ``capacity.html.j2`` and ``capacity_section.html.j2``, in the viability
report's style: embedded SVG charts, no scripts, no network, every text escaped.
"""

from __future__ import annotations

import datetime
import os
import warnings
from typing import Optional

from ..plot import capacity_curve, survivors_distribution
from ..running.uncertainty import CONVENTION, half_width
from ..scenario.distributions import Distribution
from ..version import __version__
from .page import chart
from .templating import Markup, Row, Table, render

__all__ = ["write_capacity_report", "capacity_html", "capacity_section_html", "capacity_answer"]


def _value(x) -> str:
    """A field's value in words: a number, or a distribution as written (``triangular(...)``)."""
    if isinstance(x, Distribution):
        return f"{x.mean():,.6g}" if x.is_fixed else str(x)
    return f"{x:,.6g}"


def _served_words(objective: str) -> str:
    return "client-months" if objective == "client_months" else "budget holders served"


def capacity_answer(result) -> str:
    """The answer in one sentence (plain text)."""
    best = result.table.loc[result.best_k]
    k = result.best_k
    close = [c for c in result.close_to_best if c != k]
    also = (
        f" The simulation cannot tell it apart from {', '.join(map(str, close))} provider"
        f"{'s' if close[-1] > 1 else ''} (within two standard errors, on the same futures)."
        if close
        else ""
    )
    trading = (
        f"{best.survivors:.1f} of the {k} still trading"
        if k > 1
        else f"a {100 * best.survivors:.0f}% chance that it is still trading"
    )
    return (
        f"This town's budget holders are served most when {k} provider{'s start' if k > 1 else ' starts'}: "
        f"{best[result.objective]:,.{0 if result.objective == 'client_months' else 1}f} {_served_words(result.objective)} per future over {result.horizon} "
        f"months, with {trading} after {result.month} months.{also}"
    )


def _section(result, heading: str) -> dict:
    """What the capacity section shows: the answer, a table per number of providers, the
    survivors' distribution, and charts of survivors and budget holders served against the number
    of providers."""
    t, m, h = result.table, result.month, result.horizon
    served = _served_words(result.objective)
    rows = [
        Row(
            [
                f"{k} (most served)" if k == result.best_k else str(k),
                f"{r.survivors:.3f} ± {half_width(r.survivors_se):.3f}",
                f"{100 * r.all_survive:.1f}%",
                f"{100 * r.none_survive:.1f}%",
                f"{r.clients_served:,.1f} ± {half_width(r.clients_served_se):,.1f}",
                f"{r.client_months:,.0f} ± {half_width(r.client_months_se):,.0f}",
                f"{r.client_months_per_provider:,.0f}",
                f"{r.gain:+,.1f} ± {half_width(r.gain_se):,.1f}",
            ],
            css="chosen" if k == result.best_k else "",
        )
        for k, r in t.iterrows()
    ]
    distribution = [
        Row([str(k), *(f"{100 * share:.1f}%" if j <= k else "" for j, share in row.items())])
        for k, row in result.distribution.iterrows()
    ]
    return dict(
        heading=heading,
        answer=capacity_answer(result),
        served=served,
        max_providers=result.max_providers,
        paths=result.paths,
        horizon=h,
        seed=result.seed,
        convention=CONVENTION[:1].upper() + CONVENTION[1:],
        table=Table(
            [
                "providers who start",
                f"still trading after {m} months",
                "all trading",
                "none trading",
                f"budget holders served over {h} months",
                "client-months",
                "client-months per provider",
                f"gain in {served}",
            ],
            rows,
            id="capacity-table",
        ),
        distribution=Table(
            ["providers who start", *(f"{j} trading" for j in result.distribution.columns)],
            distribution,
            id="capacity-distribution",
        ),
        survivors_chart=chart(
            lambda ax: capacity_curve(t, ax=ax, column="survivors", month=m),
            "Providers still trading against providers",
            f"The expected number still trading after {m} months when k start (band: its 95% interval); the dotted "
            "line is where all of them would.",
        ),
        served_chart=chart(
            lambda ax: capacity_curve(t, ax=ax, column=result.objective, best_k=result.best_k),
            "Budget holders served against providers",
            f"The town's {served} per future over {h} months, by the number of providers who start (band: its 95% "
            "interval). Every k is simulated on the same futures, so the steps between k are sharper than the bands "
            "suggest: the table gives each step with its paired interval.",
        ),
        distribution_chart=chart(
            lambda ax: survivors_distribution(result.distribution, ax=ax, month=m),
            "Survivors' distribution",
            f"For each number who start, the share of futures with 0, 1, 2... still trading after {m} months.",
        ),
    )


def capacity_section_html(result, heading: str = "How many providers can this market sustain?") -> Markup:
    """The capacity analysis as a report section (``<section id="capacity">``), for another
    report: the answer, a table per number of providers, the survivors' distribution, and charts
    of survivors and budget holders served against the number of providers."""
    return Markup(render("capacity_section.html.j2", c=_section(result, heading)))


def capacity_html(result, title: Optional[str] = None) -> str:
    """The capacity report as HTML text; see :func:`write_capacity_report`."""
    s = result.scenario
    entrant = s.providers[0]
    price_per_hour = entrant.business.price_per_session / entrant.business.session_hours
    choice = (
        f"an outside option of utility {s.town.none_utility:g} (a prospect may buy none)"
        if s.town.outside_option
        else "no outside option (a prospect who can afford an offer buys one)"
    )
    assumed = [
        f"The pool: a catchment of {_value(s.market.population)} people, a budget-holder share of "
        f"{_value(s.market.budget_holder_share)} and a fit share of {_value(s.market.fit_share)}; prospects hear "
        f"of the service by {s.market.arrivals} awareness shared by all the offers.",
        f"Each provider: £{entrant.business.price_per_session:,.2f} a session of {entrant.business.session_hours:g} "
        f"hours (£{price_per_hour:,.2f} an hour), {entrant.business.founder_hours_per_week:g} hours a week, "
        f"£{_value(entrant.household.savings)} of savings; all alike, so they share the pool equally on average.",
        f"The choice: a multinomial logit with a price coefficient of {s.town.price_coefficient:g} and {choice}.",
    ]
    return render(
        "capacity.html.j2",
        title=title or "How many providers can this market sustain?",
        version=__version__,
        date=datetime.date.today().isoformat(),
        c=_section(result, "The answer"),
        assumed=assumed,
    )


def write_capacity_report(result, path: str | os.PathLike, title: Optional[str] = None) -> None:
    """Write the capacity report: one self-contained HTML file.

    Parameters
    ----------
    result : MarketCapacity
        From :func:`~meantime.market_capacity`.
    path : str or path-like
        The HTML file to write.
    title : str, optional

    Examples
    --------
    >>> import meantime, pathlib, tempfile
    >>> capacity = meantime.market_capacity(meantime.default_scenario(), max_providers=2, paths=200,
    ...                                     progress=False)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "capacity.html"
    >>> capacity.report(path, title="Paperwork help")
    >>> 'id="capacity"' in path.read_text()
    True
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # matplotlib's layout notes are not the reader's
        text = capacity_html(result, title=title)
    with open(os.fspath(path), "w", encoding="utf-8") as f:
        f.write(text)
