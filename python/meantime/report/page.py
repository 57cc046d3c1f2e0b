"""What every report shares: its style, charts as embedded SVG images, headline cards; the page
itself is the template ``templates/page.html.j2``, which each report's template extends
(:mod:`meantime.report.templating`).

A page needs no network, no scripts and no other file.
"""

from __future__ import annotations

import base64
import dataclasses
import io
from importlib import resources
from typing import Any, Callable, Sequence

from ..running.uncertainty import points
from .templating import TEMPLATES, Chart

__all__ = ["STYLE", "chart", "Card", "headlines", "whole_percent"]

#: The reports' style sheet (``templates/style.css``).
STYLE = resources.files(__package__).joinpath(TEMPLATES, "style.css").read_text(encoding="utf-8")


def _svg(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def chart(
    draw: Callable[[Any], Any], alt: str, caption: str, size=(7.5, 4.0), rows: Sequence[float] | None = None
) -> Chart:
    """A chart drawn by ``draw(ax)``, as an embedded SVG image with its caption. With ``rows``
    (their relative heights), the figure has that many panels, one above the other and sharing
    the month axis, and ``draw`` gets the list of their axes."""
    from matplotlib.figure import Figure  # matplotlib loads slowly: only when a chart is drawn

    figure = Figure(figsize=size, layout="constrained")
    if rows:
        draw(list(figure.subplots(len(rows), 1, sharex=True, gridspec_kw={"height_ratios": list(rows)})))
    else:
        draw(figure.add_subplot())
    return Chart(alt=alt, svg=_svg(figure), caption=caption)


def whole_percent(p: float) -> str:
    """A probability as a whole percentage: ``whole_percent(0.623)`` is ``"62%"``."""
    return f"{100 * p:.0f}%"


@dataclasses.dataclass(frozen=True)
class Card:
    """A headline card: its key (the id is ``headline-<key>``), the big number, what it means and
    its uncertainty."""

    key: str
    big: str
    what: str
    uncertainty: str


def headlines(result) -> list[Card]:
    """The headline cards of a run (the viability report's, each provider's in a town report): its
    chances with their ± (a 95% interval, :mod:`meantime.running.uncertainty`, said once under
    the cards), and its benefits."""
    horizon = result.months
    se = result.standard_error
    cards = []
    for key, p, words in (
        ("survival", result.survival(), f"of futures get through {horizon} months"),
        ("operating", result.operating_break_even_by(), f"cover the business's own costs by month {horizon}"),
        ("living", result.living_break_even_by(), f"also pay the founder's way by month {horizon}"),
    ):
        cards.append(Card(key, whole_percent(p), words, f"± {points(se(p))} points"))
    if result.scenario.benefits.enabled:
        without = result.without_benefits.survival()
        cards.append(
            Card(
                "without-benefits",
                whole_percent(without),
                f"of the same futures get through {horizon} months without benefits",
                f"± {points(se(without))} points",
            )
        )
        cards.append(
            Card(
                "benefits", whole_percent(result.benefits_share()), "of the household's income is Universal Credit", ""
            )
        )
    return cards
