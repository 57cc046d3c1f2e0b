"""The viability report: one self-contained HTML file for a founder, an advisor or a funder.

It says, in plain words and with its uncertainty, whether the start-up is likely to get through
the meantime; states the assumptions in words; shows the cash of the futures still going beside
the share that failed, the survival curve, when break-even comes and the clients; the starting
capital needed (one figure, with its interval, as ``meantime capital`` gives it for the same
futures); and, unless told not to, the sections of the analyses (deterministic break-even, price
curve, sensitivity), each on the headline's futures. Every ± is a 95% interval, said once
(:mod:`meantime.running.uncertainty`). The appendix lists every field, on screen and on paper.

The report draws and writes only: the runs it needs besides the result are made by
:func:`meantime.analyses.viability.viability_analyses`; the page comes from the Jinja2 template
``templates/viability.html.j2``, which escapes every text it is given. The charts are embedded as
SVG images: the file needs no network, no scripts and no other file.
"""

from __future__ import annotations

import datetime
import os
import warnings

from ..analyses.viability import ViabilityAnalyses, viability_analyses
from ..plot import break_even_months, cash_fan, clients_over_time, failures_over_time, survival_curve
from ..running.result import Result
from ..running.uncertainty import CONVENTION
from ..scenario.schema import show
from ..version import __version__
from . import analyses as report_analyses
from .page import Card, chart, headlines
from .templating import Markup, Row, Table, render
from .words import assumptions, field_rows

__all__ = ["write_report", "report_html", "COMBINED_FAN_PATHS"]

#: The combined-cash fan needs each future's cash; for a larger run it is drawn from this many
#: of its futures (the first ones: the very same futures, as path i always draws the same numbers).
COMBINED_FAN_PATHS = 20_000

# Lines of str(result) the report says its own way: the capital (one figure, from
# required_capital, with its interval), the verdict (the answer box) and the run's size (the
# header).
_SAID_ELSEWHERE = ("About £", "The starting capital carries", "Answer: ", "(")


def _breakable(path: str) -> Markup:
    """A field's path as code that may break after each dot, to fit a printed line."""
    return Markup("<code>{}</code>").format(Markup(".<wbr>").join(path.split(".")))


def _cash_and_failures(axes, fan: Result) -> None:
    cash_fan(fan, "combined", ax=axes[0], among="survivors")
    failures_over_time(fan, ax=axes[1])
    axes[0].set_xlabel("")
    axes[0].tick_params(labelbottom=True)  # the months under the fan too, above its legend


def _charts(result: Result, extras: ViabilityAnalyses) -> list:
    fan = extras.fan
    return [
        chart(
            lambda axes: _cash_and_failures(axes, fan),
            "Fan chart of combined cash among the futures still going",
            "The founder's savings and the business's cash together, month by month, among the futures still "
            "going at the end of that month: the dark band holds the middle half of them, the light band nine in "
            "ten; the black line is their median and the dotted lines are single futures, each stopping with a "
            "cross where it fails (its combined cash below zero, or the founder giving up). Below, the share of "
            f"all futures that have failed by each month.{extras.fan_note}",
            size=(7.5, 6.2),
            rows=(3.0, 1.4),
        ),
        chart(
            lambda ax: survival_curve(result, ax=ax),
            "Survival curve",
            "The share of futures in which the venture is still going at the end of each month. The grey band is "
            "the 95% confidence band of the estimate (it narrows with more simulated futures).",
        ),
        chart(
            lambda ax: break_even_months(result, ax=ax),
            "Break-even month distribution",
            "In which month the business first covers its own costs (operating break-even, grey) and when it also "
            "pays the founder's way (living break-even, hatched), as shares of all futures; the legend gives the "
            "share of futures that do not get there within the horizon.",
        ),
        chart(
            lambda ax: clients_over_time(result, ax=ax),
            "Clients over time",
            "Clients each month: the median future with the middle half and nine in ten of futures.",
        ),
    ]


def _cards(result: Result, extras: ViabilityAnalyses) -> list[Card]:
    cards = headlines(result)
    floor = []
    if result.scenario.benefits.enabled:
        bites, month = result.floor_bites()
        if bites > 0:
            floor = [
                Card(
                    "floor",
                    f"month {month:.0f}",
                    "the minimum income floor starts to bite (the award is worked "
                    "out as if the business paid a full-time minimum wage)",
                    f"in {100 * bites:.0f}% of futures; half of those by this month",
                )
            ]
    return [*cards[:3], report_analyses.capital_card(extras.capital, result), *cards[3:], *floor]


def report_html(result: Result, extras: ViabilityAnalyses, title: str | None = None) -> str:
    """The report of ``result`` as HTML text, with the fan's futures, the capital and the
    analyses' tables in ``extras``; see :func:`write_report`."""
    scenario = result.scenario
    verdict = str(result).splitlines()
    answer = next((line[len("Answer: ") :] for line in verdict if line.startswith("Answer: ")), "")
    sentences = [line for line in verdict if not line.startswith(_SAID_ELSEWHERE)]
    capital = report_analyses.capital_sentence(extras.capital)
    borrowed = ", ".join(f"{path} = {show(value)}" for path, value in scenario.defaults_used().items())
    fields = Table(
        ["field", "value", "meaning"],
        [
            Row([_breakable(path), value, meaning], css="changed" if changed else "")
            for path, value, meaning, changed in field_rows(scenario)
        ],
        id="fields",
        numbers=False,
    )
    return render(
        "viability.html.j2",
        title=title or "Viability report",
        version=__version__,
        date=datetime.date.today().isoformat(),
        paths=result.path_count,
        seed=result.seed,
        months=result.months,
        answer=answer[:1].upper() + answer[1:],
        headline=_cards(result, extras),
        convention=CONVENTION[:1].upper() + CONVENTION[1:],
        verdict=[*sentences, *([capital] if capital else [])],
        assumptions=assumptions(scenario),
        borrowed=borrowed,
        charts=_charts(result, extras),
        sections=report_analyses.sections(extras, result),
        fields=fields,
    )


def write_report(
    result: Result,
    path: str | os.PathLike,
    title: str | None = None,
    analyses: bool = True,
    analysis_paths: int | None = None,
) -> None:
    """Write the viability report of a run as one self-contained HTML file.

    Parameters
    ----------
    result : Result
        The run to report (:func:`~meantime.simulate`). If it kept no paths (or no outcomes),
        the combined-cash fan is drawn from a run of its first :data:`COMBINED_FAN_PATHS` futures.
    path : str or path-like
        The HTML file to write.
    title : str, optional
        The report's title, e.g. the name of the idea.
    analyses : bool, default True
        Add the sections of the analyses (deterministic break-even, price curve, sensitivity).
        The starting capital needed is always there: it is one of the headline's answers.
    analysis_paths : int, optional
        Paths per run of the analyses (default: the result's own path count and seed, so that
        every section answers on the headline's futures; each section says how many it used).

    Examples
    --------
    >>> import meantime, pathlib, tempfile
    >>> result = meantime.simulate(paths=500, seed=1, progress=False)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> result.report(path, title="Kitchen table <draft>", analyses=False)
    >>> "<h1>Kitchen table &lt;draft&gt;</h1>" in path.read_text()   # every text escaped
    True
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # matplotlib's layout notes are not the reader's
        extras = viability_analyses(result, COMBINED_FAN_PATHS, analyses=analyses, paths=analysis_paths)
        text = report_html(result, extras, title=title)
    with open(os.fspath(path), "w", encoding="utf-8") as f:
        f.write(text)
