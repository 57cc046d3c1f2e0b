"""The viability report: one self-contained HTML file for a founder, an advisor or a funder.

It says, in plain words and with its uncertainty, whether the start-up is likely to get through
the meantime; states the assumptions in words; and shows the cash fan chart, the survival curve
and when break-even comes; and, unless told not to, the sections of the analyses (deterministic
break-even, required capital, price curve, sensitivity). The report draws and writes only: the
runs it needs besides the result are made by :func:`meantime.analyses.viability.viability_analyses`.

The charts are embedded as SVG images: the file needs no network, no scripts and no other file.
"""

from __future__ import annotations

import datetime
import os
import warnings

from ..analyses.viability import ViabilityAnalyses, viability_analyses
from ..plot import break_even_months, cash_fan, clients_over_time, survival_curve
from ..running.result import Result
from ..scenario.schema import show
from ..version import __version__
from . import analyses as report_analyses
from .page import figure_html, headline_cards, page_html
from .words import assumptions, escape, field_rows

__all__ = ["write_report", "report_html", "COMBINED_FAN_PATHS"]

#: The combined-cash fan needs each future's cash; for a larger run it is drawn from this many
#: of its futures (the first ones: the very same futures, as path i always draws the same numbers).
COMBINED_FAN_PATHS = 20_000


def report_html(result: Result, extras: ViabilityAnalyses, title: str | None = None) -> str:
    """The report of ``result`` as HTML text, with the fan's futures and the analyses' tables in
    ``extras``; see :func:`write_report`."""
    scenario = result.scenario
    title = title or "Viability report"
    fan_result, fan_note = extras.fan, extras.fan_note
    verdict = str(result).splitlines()
    answer = next((line[len("Answer: "):] for line in verdict if line.startswith("Answer: ")), "")
    answer = answer[:1].upper() + answer[1:]
    cards = headline_cards(result)
    words = "".join(f"<li><b>{escape(head)}.</b> {escape(text)}</li>" for head, text in assumptions(scenario))
    from_example = scenario.defaults_used()
    borrowed = ('<p class="note" id="from-the-example"><b>Not stated, taken from meantime\'s built-in '
                "kitchen-table example:</b> "
                + escape(", ".join(f"{path} = {show(value)}" for path, value in from_example.items()))
                + ". The answer rests on these as much as on anything above: replace them with the founder's "
                  "own.</p>") if from_example else ""
    rows = "".join(
        f'<tr class="{"changed" if changed else ""}"><td><code>{escape(path)}</code></td><td>{escape(value)}</td>'
        f"<td>{escape(meaning)}</td></tr>" for path, value, meaning, changed in field_rows(scenario))
    charts = [
        figure_html(lambda ax: cash_fan(fan_result, "combined", ax=ax), "Fan chart of combined cash",
                    "The founder's savings and the business's cash together, month by month. The dark band holds "
                    "the middle half of the simulated futures, the light band nine in ten; the black line is the "
                    "median future and the dotted lines are single futures. The venture stops when this falls "
                    f"below zero.{escape(fan_note)}"),
        figure_html(lambda ax: survival_curve(result, ax=ax), "Survival curve",
                    "The share of futures in which the venture is still going at the end of each month. The "
                    "grey band is the 95% confidence band of the estimate (it narrows with more simulated "
                    "futures)."),
        figure_html(lambda ax: break_even_months(result, ax=ax), "Break-even month distribution",
                    "In which month the business first covers its own costs (operating break-even, grey) and "
                    "when it also pays the founder's way (living break-even, hatched), as shares of all "
                    "futures; the legend gives the share of futures that do not get there within the horizon."),
        figure_html(lambda ax: clients_over_time(result, ax=ax), "Clients over time",
                    "Clients each month: the median future with the middle half and nine in ten of futures."),
    ]
    extra = report_analyses.sections(extras.tables, result)
    today = datetime.date.today().isoformat()
    body = _BODY.format(
        title=escape(title), version=escape(__version__), date=today,
        paths=f"{result.path_count:,}", seed=result.seed, months=result.months,
        answer=escape(answer), cards=cards, words=words, borrowed=borrowed, rows=rows,
        verdict="".join(f"<p>{escape(line)}</p>" for line in verdict if not line.startswith("Answer: ")),
        charts="".join(charts), analyses="".join(extra))
    return page_html(title, body)


def write_report(result: Result, path: str | os.PathLike, title: str | None = None, analyses: bool = True,
                 analysis_paths: int | None = None) -> None:
    """Write the viability report of a run as one self-contained HTML file.

    Parameters
    ----------
    result : Result
        The run to report (:func:`~meantime.simulate`). If it kept no paths, the combined-cash
        fan is drawn from a run of its first :data:`COMBINED_FAN_PATHS` futures.
    path : str or path-like
        The HTML file to write.
    title : str, optional
        The report's title, e.g. the name of the idea.
    analyses : bool, default True
        Add the sections of the analyses (deterministic
        break-even, required capital, price curve, sensitivity).
    analysis_paths : int, optional
        Paths per run of the analyses (default: the result's path count, at most 5,000).

    Examples
    --------
    >>> import meantime, pathlib, tempfile
    >>> result = meantime.simulate(paths=500, seed=1, progress=False)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> result.report(path, title="Kitchen table", analyses=False)
    >>> "Kitchen table" in path.read_text()
    True
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # matplotlib's layout notes are not the reader's
        extras = viability_analyses(result, COMBINED_FAN_PATHS, analyses=analyses, paths=analysis_paths)
        text = report_html(result, extras, title=title)
    with open(os.fspath(path), "w", encoding="utf-8") as f:
        f.write(text)


# The viability report's body; page_html puts it in the page.
_BODY = """<h1>{title}</h1>
<p class="meta">meantime {version} &middot; {date} &middot; {paths} simulated futures over {months} months,
seed {seed} (the same seed gives the same report)</p>

<h2>The answer</h2>
<p class="answer" id="answer">{answer}</p>
<div class="cards">{cards}</div>
{verdict}

<h2>What was assumed</h2>
<ul>{words}</ul>
{borrowed}
<p class="note">Uncertain assumptions are drawn afresh for each simulated future; month-to-month
chance (who hears of the service, who books, who stops, illness) is drawn each month.</p>

<h2>Cash, survival and break-even</h2>
{charts}
{analyses}
<h2>Every assumption</h2>
<details><summary>All fields of the scenario (those that differ from meantime's built-in example in bold)</summary>
<table><thead><tr><th>field</th><th>value</th><th>meaning</th></tr></thead><tbody>{rows}</tbody></table>
</details>
<p class="note">A model is a way of thinking through the uncertainty, not a forecast. Figures marked
illustrative in the scenario should be replaced by the founder's own.</p>"""
