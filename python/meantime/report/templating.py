"""The reports' HTML comes from Jinja2 templates, shipped in the package's ``templates`` folder,
with autoescaping on: every text put into a page is escaped (a scenario named ``<script>`` is
shown, not run) unless it is marked safe (:class:`Markup`: an embedded chart, a section another
template already rendered)."""

from __future__ import annotations

import dataclasses
from typing import Any, Sequence

import jinja2
from markupsafe import Markup

__all__ = ["render", "Markup", "Table", "Row", "Chart", "TEMPLATES"]

#: The folder of the templates inside the package (``meantime/report/templates``).
TEMPLATES = "templates"

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("meantime.report", TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a misspelt name fails loudly rather than printing nothing
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    """The template ``template`` (a file name in ``templates/``) filled with ``context``."""
    return _ENVIRONMENT.get_template(template).render(**context)


@dataclasses.dataclass(frozen=True)
class Row:
    """A table's row: its cells (text, escaped; or Markup) and an optional CSS class."""

    cells: Sequence[Any]
    css: str = ""


@dataclasses.dataclass(frozen=True)
class Table:
    """A table in words: headers, rows, an optional id; ``numbers`` right-aligns every column
    after the first."""

    headers: Sequence[str]
    rows: Sequence[Row]
    id: str = ""
    numbers: bool = True


@dataclasses.dataclass(frozen=True)
class Chart:
    """A chart as an embedded SVG image (base64) with its alternative text and caption."""

    alt: str
    svg: str
    caption: str
