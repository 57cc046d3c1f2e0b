"""How the ``meantime`` command shows an answer: words and tables for people (laid out by rich,
never wider than the terminal, nor than 100 columns when piped), or one table as CSV or JSON
for machines (every number unrounded, the Python API's column names).

A command builds its answer as a list of blocks (paragraphs of words and :class:`Grid` tables)
with the formatters here (pounds as pounds, chances as percentages with their ± in points,
counts with their ±), and hands it to :func:`show` with the table a machine would read.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence, TextIO, Union

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..running.uncertainty import CONVENTION, half_width, share_with_interval

__all__ = [
    "FORMATS",
    "PIPED_WIDTH",
    "Grid",
    "Block",
    "pounds",
    "chance",
    "count",
    "month",
    "signed",
    "width",
    "render",
    "show",
    "machine_text",
    "flat_frame",
    "CONVENTION_LINE",
    "line",
]

#: ``--format``: words and tables for people, or one table for machines.
FORMATS = ("table", "csv", "json")
#: The width of what is printed when the output is not a terminal (piped, redirected).
PIPED_WIDTH = 100
#: Said once under every answer that shows a ±.
CONVENTION_LINE = CONVENTION[:1].upper() + CONVENTION[1:] + "."


@dataclass
class Grid:
    """A table: ``headers``, ``rows`` of text, the first ``keys`` columns naming the row (left
    aligned, repeated in each part when the table is split to fit the width)."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    title: str = ""
    keys: int = 1
    right: Optional[Sequence[bool]] = field(default=None)

    def aligned_right(self) -> list[bool]:
        return list(self.right) if self.right is not None else [i >= self.keys for i in range(len(self.headers))]


Block = Union[str, Grid]


# -- numbers as people read them ------------------------------------------------------------------


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def pounds(x: Optional[float], std_error: Optional[float] = None, pence: bool = False) -> str:
    """Pounds: ``£8,032``, ``-£1,250``, ``£9.50`` with ``pence``; with a standard error, its ±
    (``£370 ± £12``); ``-`` for NaN."""
    if _missing(x):
        return "-"
    assert x is not None
    digits = 2 if pence else 0
    text = f"-£{-x:,.{digits}f}" if x < 0 and round(x, digits) != 0 else f"£{abs(x):,.{digits}f}"
    if std_error is not None and not _missing(std_error):
        text += f" ± £{half_width(std_error):,.{digits}f}"
    return text


def chance(p: Optional[float], std_error: Optional[float] = None, decimals: int = 1) -> str:
    """A chance as a percentage, ``62.3%``, with its ± in points when a standard error is given
    (``62.3% ± 2.1``); ``-`` for NaN."""
    if _missing(p):
        return "-"
    assert p is not None
    if std_error is None or _missing(std_error):
        return f"{100 * p:.{decimals}f}%"
    return share_with_interval(p, float(std_error), decimals)


def count(x: Optional[float], std_error: Optional[float] = None, digits: int = 1) -> str:
    """A count or mean, ``22.5``, with its ± when a standard error is given (``22.5 ± 1.2``)."""
    if _missing(x):
        return "-"
    text = f"{x:,.{digits}f}"
    return text if std_error is None or _missing(std_error) else f"{text} ± {half_width(std_error):,.{digits}f}"


def signed(
    x: Optional[float], std_error: Optional[float] = None, digits: int = 1, scale: float = 1.0, unit: str = ""
) -> str:
    """A difference with its sign and ± (``+2.1 ± 0.8 points`` with ``scale=100, unit=" points"``;
    ``-£59 ± £6`` with ``unit="£", digits=0``)."""
    if _missing(x):
        return "-"
    assert x is not None
    if unit == "£":  # pounds: -£59 ± £6
        text = f"{'-' if x < 0 else '+'}£{abs(scale * x):,.{digits}f}"
        if std_error is not None and not _missing(std_error):
            text += f" ± £{scale * half_width(std_error):,.{digits}f}"
        return text
    text = f"{scale * x:+,.{digits}f}"
    if std_error is not None and not _missing(std_error):
        text += f" ± {scale * half_width(std_error):,.{digits}f}"
    return text + unit


def month(x: Optional[float]) -> str:
    """A month, ``month 14``, or ``not within the horizon`` for NaN."""
    return "not within the horizon" if _missing(x) else f"month {x:.0f}"


# -- laying out for people --------------------------------------------------------------------------


def width(stream: Optional[TextIO] = None) -> int:
    """Columns to fill: the terminal's when ``stream`` (default stdout) is one, else
    :data:`PIPED_WIDTH`."""
    stream = sys.stdout if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return max(40, shutil.get_terminal_size((PIPED_WIDTH, 24)).columns)
    return PIPED_WIDTH


def _console(columns: int) -> Console:
    return Console(
        file=io.StringIO(),
        width=columns,
        color_system=None,
        force_terminal=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


#: A header wraps onto more lines rather than make its column wider than this (or its widest cell).
_HEADER_WIDTH = 14
#: Between two columns: a space of padding and the rule's (blank) column line.
_GAP = 2


def _cell_width(grid: Grid, i: int) -> int:
    return max([len(str(row[i])) for row in grid.rows] or [0])


def _natural_width(grid: Grid, i: int, wrap: bool = True) -> int:
    """A column's width with no cell wrapped and its header on one line, or (``wrap``) wrapped
    at spaces to at most :data:`_HEADER_WIDTH` (or its widest cell, or its longest word)."""
    header = grid.headers[i]
    if not wrap:
        return max(_cell_width(grid, i), len(header))
    longest_word = max((len(word) for word in header.split()), default=0)
    return max(_cell_width(grid, i), longest_word, min(len(header), _HEADER_WIDTH))


def _table(grid: Grid, columns: Sequence[int], wrap: bool) -> Table:
    right = grid.aligned_right()
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="", expand=False, padding=(0, 1, 0, 0)
    )
    for i in columns:
        # No cell wraps (a number broken over two lines misreads); headers wrap instead.
        table.add_column(
            grid.headers[i],
            justify="right" if right[i] else "left",
            overflow="fold",
            width=_natural_width(grid, i, wrap),
        )
    for row in grid.rows:
        table.add_row(*(str(row[i]) for i in columns))
    return table


def _parts(grid: Grid, console: Console) -> tuple[list[list[int]], bool]:
    """The grid's columns split into parts that each fit the console, the key columns in every
    part (one part when it fits whole), and whether the headers must wrap to fit."""
    keys = list(range(min(grid.keys, len(grid.headers))))
    rest = list(range(len(keys), len(grid.headers)))

    def fits(columns: list[int], wrap: bool = True) -> bool:
        return sum(_natural_width(grid, i, wrap) for i in columns) + _GAP * (len(columns) - 1) <= console.width

    if fits(keys + rest, wrap=False):
        return [keys + rest], False
    if fits(keys + rest) or not rest:
        return [keys + rest], True
    parts: list[list[int]] = []
    current: list[int] = []
    for i in rest:
        if current and not fits(keys + current + [i]):
            parts.append(keys + current)
            current = []
        current.append(i)
    parts.append(keys + current)
    return parts, True


# What a line must never break apart: a number and its unit ("5.0 s", "36 months"), a ± and
# what it qualifies ("52.6% ± 0.3"), a word that names a number ("month 14", "seed 2026"), and
# a field and its value ("household.savings = 4000").
# textwrap breaks only at ASCII whitespace, so a no-break space holds each pair together.
_UNIT = r"(?:s|ms|min|months?|weeks?|years?|hours?|days?|paths?|futures?|points?|samples?|runs?|clients?|sessions?)"
_GLUE = (
    re.compile(rf"(\d) (?={_UNIT}\b)"),
    re.compile(r"(\S) (?=±)"),
    re.compile(r"(±) (?=\S)"),
    re.compile(r"\b(month|seed|part) (?=[-£\d])"),
    re.compile(r"(\S) (?==)"),  # a field and its value: "household.savings = 4000"
    re.compile(r"(=) (?=\S)"),
)
_NO_BREAK = "\u00a0"


def _wrap(text: str, columns: int, indent: str = "", subsequent: str = "") -> str:
    """``text`` wrapped to ``columns`` a line at a time, never between a number and its unit or
    a ± and its number (:data:`_GLUE`)."""
    lines = []
    for paragraph in text.split("\n"):
        for glue in _GLUE:
            paragraph = glue.sub(r"\1" + _NO_BREAK, paragraph)
        wrapped = textwrap.fill(
            paragraph,
            columns,
            initial_indent=indent,
            subsequent_indent=subsequent,
            break_long_words=True,
            break_on_hyphens=False,
        )
        lines.append(wrapped or paragraph)
    return "\n".join(lines).replace(_NO_BREAK, " ")


def render(blocks: Sequence[Block], columns: Optional[int] = None) -> str:
    """The blocks as text at most ``columns`` wide (default :func:`width`): paragraphs wrapped,
    tables split into parts (each repeating the key columns) when they do not fit whole."""
    console = _console(columns or width())
    for n, block in enumerate(blocks):
        if n:
            console.print()
        if isinstance(block, Grid):
            parts, wrap = _parts(block, console)
            for k, part in enumerate(parts):
                title = block.title
                if len(parts) > 1:
                    title = f"{title} (part {k + 1} of {len(parts)})" if title else f"Part {k + 1} of {len(parts)}"
                if k:
                    console.print()
                if title:  # above the table, at the full width
                    console.print(Text(_wrap(title, console.width)), overflow="fold")
                console.print(_table(block, part, wrap))
        else:
            console.print(Text(_wrap(block, console.width)), overflow="fold")
    file = console.file
    assert isinstance(file, io.StringIO)
    return "\n".join(line.rstrip() for line in file.getvalue().splitlines())


def line(text: str, indent: str = "") -> str:
    """One remark (``ok: idea.toml: ...``, ``wrote report.html: ...``) wrapped to :func:`width`,
    its first line indented by ``indent`` and the others by four spaces."""
    return _wrap(text, width(), indent=indent, subsequent="    ")


# -- for machines -------------------------------------------------------------------------------------


def flat_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table with its index as columns and one level of column names (two levels joined by
    ``_``, as ``coding_courses_estimate``): what CSV and JSON hold."""
    flat = frame.reset_index() if frame.index.name or any(frame.index.names) else frame.copy()
    if isinstance(flat.columns, pd.MultiIndex):
        flat.columns = ["_".join(str(part) for part in column if str(part)) for column in flat.columns]
    return flat


def _plain(value: Any) -> Any:
    """A cell as JSON holds it: numbers unrounded (Python's shortest exact repr), NaN as null."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "to_dict"):  # a distribution in a sweep's grid
        return value.to_dict()
    return value


def _csv_cell(value: Any) -> str:
    """A cell as CSV holds it: a float unrounded (its shortest exact repr), NaN empty, anything
    else as it prints (a distribution as ``uniform(min=0.04, max=0.06)``)."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return "" if value is None else str(value)


def machine_text(frame: pd.DataFrame, fmt: str) -> str:
    """``frame`` as CSV (a header and a row per record) or JSON (a list of records), every
    number as it is held: no rounding."""
    flat = flat_frame(frame)
    if fmt == "json":
        records = [{str(k): _plain(v) for k, v in zip(flat.columns, row)} for row in flat.itertuples(index=False)]
        return json.dumps(records, indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([str(c) for c in flat.columns])
        for row in flat.itertuples(index=False):
            writer.writerow([_csv_cell(v) for v in row])
        return out.getvalue().rstrip("\n")
    raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")


def show(blocks: Sequence[Block], frame: Optional[pd.DataFrame], fmt: str = "table") -> None:
    """Print an answer: the blocks for people (``fmt="table"``), or ``frame`` as CSV or JSON."""
    if fmt == "table" or frame is None:
        print(render(blocks))
    else:
        print(machine_text(frame, fmt))
