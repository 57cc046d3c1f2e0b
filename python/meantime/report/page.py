"""The page every report shares: its style, charts as embedded SVG images, headline cards.

A page needs no network, no scripts and no other file.
"""

from __future__ import annotations

import base64
import io
from typing import Any, Callable

from .words import escape

__all__ = ["STYLE", "page_html", "figure_html", "headlines", "headline_cards", "whole_percent"]


def _svg(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(draw: Callable[[Any], Any], alt: str, caption: str, size=(7.5, 4.0)) -> str:
    """A chart drawn by ``draw(ax)`` as an embedded SVG image with its caption."""
    from matplotlib.figure import Figure  # matplotlib loads slowly: only when a chart is drawn

    figure = Figure(figsize=size, layout="constrained")
    draw(figure.add_subplot())
    return (f'<figure><img alt="{escape(alt)}" src="data:image/svg+xml;base64,{_svg(figure)}">'
            f"<figcaption>{caption}</figcaption></figure>")


def whole_percent(p: float) -> str:
    """A probability as a whole percentage: ``whole_percent(0.623)`` is ``"62%"``."""
    return f"{100 * p:.0f}%"


def headlines(result) -> list[tuple[str, str, str, str]]:
    """(id, big number, what it means, its uncertainty) for the headline cards."""
    horizon = result.months
    se = result.standard_error
    rows = []
    for key, p, words in (
        ("survival", result.survival(), f"of futures get through {horizon} months"),
        ("operating", result.operating_break_even_by(), f"cover the business's own costs by month {horizon}"),
        ("living", result.living_break_even_by(), f"also pay the founder's way by month {horizon}"),
    ):
        rows.append((key, whole_percent(p), words, f"± {100 * 1.96 * se(p):.1f} points (95% Monte Carlo interval)"))
    extra = result.extra_capital_needed(0.9)
    rows.append(("capital", f"£{extra:,.0f}",
                 "more starting capital would give a 9 in 10 chance of getting through" if extra > 0
                 else "extra starting capital needed: the savings already carry 9 in 10 futures through",
                 "read from the lowest-cash point of every future (within about 1%)"))
    if result.scenario.benefits.enabled:
        without = result.without_benefits.survival()
        lc = {"none": "no limited capability for work assessed", "lcw": "limited capability for work (LCW)",
              "lcwra": "limited capability for work and work-related activity (LCWRA)"}[
                  result.scenario.household.limited_capability]
        rows.append(("without-benefits", whole_percent(without), f"of the same futures get through {horizon} months "
                     "without benefits", f"± {100 * 1.96 * se(without):.1f} points (95% Monte Carlo interval)"))
        rows.append(("benefits", whole_percent(result.benefits_share()),
                     "of the household's income is Universal Credit", f"for a founder with {lc}"))
    return rows


def headline_cards(result, id_prefix: str = "") -> str:
    """The headline cards of ``result`` (HTML), with ids ``<id_prefix>headline-<key>``."""
    return "".join(
        f'<div class="card" id="{id_prefix}headline-{key}"><div class="big">{escape(big)}</div>'
        f'<div class="what">{escape(what)}</div><div class="unc">{escape(unc)}</div></div>'
        for key, big, what, unc in headlines(result))


#: The reports' style sheet.
STYLE = """
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
    portfolio, :mod:`meantime.report.portfolio`; a town, :mod:`meantime.report.town`...)."""
    return _SHELL.format(title=escape(title), style=STYLE, body=body)


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
