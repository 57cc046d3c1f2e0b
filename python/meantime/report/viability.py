"""The viability report: one self-contained HTML file for a founder, an advisor or a funder.

It says, in plain words and with its uncertainty, whether the start-up is likely to get through
the meantime; states the assumptions in words; and shows the cash fan chart, the survival curve
and when break-even comes. Where this version of meantime has the analyses (deterministic
break-even, required capital, price curve, sensitivity), their sections appear too; each is
looked up when the report is written, so a section appears as soon as its function exists.

The charts are embedded as SVG images: the file needs no network, no scripts and no other file.
"""

from __future__ import annotations

import base64
import datetime
import io
import os
import warnings
from typing import Any, Callable

from . import analyses as report_analyses
from ..scenario.schema import show
from .words import assumptions, escape, field_rows

__all__ = ["write_report", "report_html", "page_html", "figure_html", "COMBINED_FAN_PATHS"]

#: The combined-cash fan needs each future's cash; for a larger run it is drawn from this many
#: of its futures (the first ones: the very same futures, as path i always draws the same numbers).
COMBINED_FAN_PATHS = 20_000


def _svg(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(draw: Callable[[Any], Any], alt: str, caption: str, size=(7.5, 4.0)) -> str:
    """A chart drawn by ``draw(ax)`` as an embedded SVG image with its caption."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    draw(figure.add_subplot())
    return (f'<figure><img alt="{escape(alt)}" src="data:image/svg+xml;base64,{_svg(figure)}">'
            f"<figcaption>{caption}</figcaption></figure>")


def _percent(p: float) -> str:
    return f"{100 * p:.0f}%"


def _headlines(result) -> list[tuple[str, str, str, str]]:
    """(id, big number, what it means, its uncertainty) for the headline cards."""
    horizon = result.months
    se = result.standard_error
    rows = []
    for key, p, words in (
        ("survival", result.survival(), f"of futures get through {horizon} months"),
        ("operating", result.operating_break_even_by(), f"cover the business's own costs by month {horizon}"),
        ("living", result.living_break_even_by(), f"also pay the founder's way by month {horizon}"),
    ):
        rows.append((key, _percent(p), words, f"± {100 * 1.96 * se(p):.1f} points (95% Monte Carlo interval)"))
    extra = result.extra_capital_needed(0.9)
    rows.append(("capital", f"£{extra:,.0f}",
                 "more starting capital would give a 9 in 10 chance of getting through" if extra > 0
                 else "extra starting capital needed: the savings already carry 9 in 10 futures through",
                 "read from the lowest-cash point of every future (within about 1%)"))
    return rows


def _fan_source(result):
    """A result with paths for the combined-cash fan, and words saying which futures it shows."""
    from ..errors import NotKeptError
    from ..running.simulation import simulate

    try:
        result.paths
        return result, ""
    except NotKeptError:
        pass
    paths = min(result.path_count, COMBINED_FAN_PATHS)
    subset = simulate(result.scenario, paths=paths, seed=result.seed, first_path=result.first_path,
                      keep_outcomes=False, keep_paths=True, progress=False)
    if paths == result.path_count:
        return subset, ""
    return subset, f" Drawn from the first {paths:,} of the {result.path_count:,} futures."


def report_html(result, title: str | None = None, analyses: bool = True,
                analysis_paths: int | None = None) -> str:
    """The report of ``result`` as HTML text; see :func:`write_report`."""
    from .. import __version__
    from ..plot import break_even_months, cash_fan, clients_over_time, survival_curve

    scenario = result.scenario
    title = title or "Viability report"
    fan_result, fan_note = _fan_source(result)
    verdict = str(result).splitlines()
    answer = next((line[len("Answer: "):] for line in verdict if line.startswith("Answer: ")), "")
    answer = answer[:1].upper() + answer[1:]
    cards = "".join(
        f'<div class="card" id="headline-{key}"><div class="big">{escape(big)}</div>'
        f'<div class="what">{escape(what)}</div><div class="unc">{escape(unc)}</div></div>'
        for key, big, what, unc in _headlines(result))
    words = "".join(f"<li><b>{escape(head)}.</b> {escape(text)}</li>" for head, text in assumptions(scenario))
    borrowed = scenario.defaults_used()
    borrowed = (f'<p class="note" id="from-the-example"><b>Not stated, taken from meantime\'s built-in '
                f"kitchen-table example:</b> "
                + escape(", ".join(f"{path} = {show(value)}" for path, value in borrowed.items()))
                + ". The answer rests on these as much as on anything above: replace them with the founder's "
                  "own.</p>") if borrowed else ""
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
    extra = report_analyses.sections(scenario, result, paths=analysis_paths) if analyses else []
    today = datetime.date.today().isoformat()
    body = _BODY.format(
        title=escape(title), version=escape(__version__), date=today,
        paths=f"{result.path_count:,}", seed=result.seed, months=result.months,
        answer=escape(answer), cards=cards, words=words, borrowed=borrowed, rows=rows,
        verdict="".join(f"<p>{escape(line)}</p>" for line in verdict if not line.startswith("Answer: ")),
        charts="".join(charts), analyses="".join(extra))
    return page_html(title, body)


def write_report(result, path: str | os.PathLike, title: str | None = None, analyses: bool = True,
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
        Add the sections of the analyses this version of meantime has (deterministic
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
        text = report_html(result, title=title, analyses=analyses, analysis_paths=analysis_paths)
    with open(os.fspath(path), "w", encoding="utf-8") as f:
        f.write(text)


_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } .meta { color: #555; margin-top: 0; }
.answer { font-size: 1.3rem; border-left: 6px solid #111; padding: 0.4rem 1rem; background: #f2f2f2; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.8rem; }
.card { border: 1px solid #999; border-radius: 6px; padding: 0.7rem; }
.big { font-size: 2.2rem; font-weight: bold; } .what { font-weight: 600; } .unc { color: #555; font-size: 0.9rem; }
figure { margin: 1.5rem 0; } figure img { width: 100%; height: auto; }
figcaption { color: #333; font-size: 0.95rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
tr.changed td { font-weight: 600; } .note { color: #555; font-style: italic; }
@media print { body { margin: 0; } figure, .card { break-inside: avoid; } }
"""


def page_html(title: str, body: str) -> str:
    """A page in this report's style around ``body`` (HTML): for the other reports (a funder's
    portfolio, :mod:`meantime.report.portfolio`)."""
    return _SHELL.format(title=escape(title), style=_STYLE, body=body)


_SHELL = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
{body}
</body>
</html>
"""

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
