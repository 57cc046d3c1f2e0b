"""The slips TOML's parser stops at, found line by line first, in words.

``savings = 2,500``, ``fit_share = 20%``, ``savings = £2500``, ``arrivals = referrals``, a
section or a key written twice: tomllib stops at the first of these with its own words ("Invalid
value", "Cannot declare ... twice") and checks nothing after it. :func:`scan` reads each line,
says what was meant (with the same hints as every other way of giving a value, from
:mod:`meantime.scenario.hints`), and blanks the line, so the parser can read the rest and every other
mistake of the file is reported with it.
"""

from __future__ import annotations

import re
import sys

from . import hints
from .schema import FIELD_BY_PATH, unknown_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.9 and 3.10
    import tomli as tomllib

__all__ = ["Slip", "scan"]

Slip = tuple  # (line from 1, field or "", rule)

_ARRAY_TABLE = re.compile(r"\s*\[\[\s*([^\[\]]+?)\s*\]\]\s*(#.*)?")
_TABLE = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?")
_KEY = re.compile(
    r"\s*((?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*'))*)\s*=(.*)"
)


def _parts(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", key)]


def _without_comment(value: str) -> str:
    quote = ""
    for i, c in enumerate(value):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "#":
            return value[:i].strip()
    return value.strip()


def _depth_change(text: str) -> int:
    depth, quote = 0, ""
    for c in _without_comment(text):
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
    return depth


def _valid_value(value: str) -> bool:
    try:
        tomllib.loads(f"v = {value}")
    except tomllib.TOMLDecodeError:
        return False
    return True


def _rule(path: str, value: str, session_hours: float | None = None) -> str:
    info = FIELD_BY_PATH.get(re.sub(r"\[\d+\]", "[]", path))
    if info is None or info.type == "list":
        return unknown_name(path).rule if info is None else f"is not a value TOML reads: {value}"
    hint = hints.suggest(info, value, session_hours)
    if hint:
        expected = "true or false" if info.type == "boolean" else "a number"
        return f"expected {expected}{f' ({info.unit})' if info.unit else ''}, got {value}; {hint}"
    if info.type == "choice":
        return f'text goes in quotes: {info.name} = "{value}" (one of {", ".join(info.choices)})'
    return f"is not a value TOML reads: {value} (write a plain number, true or false, or text in quotes)"


def scan(text: str) -> tuple[list[Slip], str]:
    """The slips of a TOML text, and the text with those lines blanked (same line numbers)."""
    lines = text.split("\n")
    slips: list[Slip] = []
    table = ""
    tables: dict[str, int] = {}  # table path -> line it was opened on
    keys: dict[str, int] = {}  # key path -> line
    numbers: dict[str, float] = {}  # key path -> the number written there
    refused: list[tuple[int, str, str]] = []  # values TOML cannot read: (line, path, value)
    arrays: dict[str, int] = {}  # array of tables -> records so far
    skipping = False  # inside a duplicated section
    depth = 0  # inside a value spread over lines
    quote = ""  # inside a multi-line string
    dropping = False  # the rest of a value whose first line was blanked
    for n, line in enumerate(lines, start=1):
        if quote or depth > 0:
            if quote:
                quote = "" if quote in line else quote
            else:
                depth += _depth_change(line)
            if skipping or dropping:
                lines[n - 1] = ""
            continue
        dropping = False
        header = _ARRAY_TABLE.fullmatch(line) or _TABLE.fullmatch(line)
        if header:
            parts = _parts(header.group(1))
            path = ""
            for k, part in enumerate(parts):
                path = f"{path}.{part}" if path else part
                if path in arrays and (k < len(parts) - 1 or header.re is _TABLE):
                    path += f"[{arrays[path] - 1}]"
            if header.re is _ARRAY_TABLE:
                arrays[path] = arrays.get(path, 0) + 1
                path += f"[{arrays[path] - 1}]"
            skipping = path in tables
            if skipping:
                slips.append(
                    (
                        n,
                        "",
                        f"the section [{header.group(1)}] is written twice (first on line "
                        f"{tables[path]}): put its fields under the first one; the second is not read",
                    )
                )
                lines[n - 1] = ""
            else:
                tables[path] = n
            table = path
            continue
        if skipping:
            lines[n - 1] = ""
            continue
        found = _KEY.fullmatch(line)
        if not found:
            continue
        path = ".".join(([table] if table else []) + _parts(found.group(1)))
        value = _without_comment(found.group(2))
        if value.startswith(("[", "{")):
            depth = _depth_change(value)
        elif value.startswith(('"""', "'''")) and value.count(value[:3]) == 1:
            quote = value[:3]
        if path in keys:
            slips.append((n, path, f"is given twice (first on line {keys[path]}): keep one"))
            lines[n - 1] = ""
            dropping = True
            continue
        keys[path] = n
        if value and not value.startswith(("[", "{", '"', "'")) and not _valid_value(value):
            refused.append((n, path, value))
            lines[n - 1] = ""
        else:
            number = _number(value)
            if number is not None:
                numbers[path] = number
    # The rules last: a price per hour is answered with the session length the file gives.
    slips += [
        (n, path, _rule(path, value, numbers.get(path.rpartition(".")[0] + ".session_hours")))
        for n, path, value in refused
    ]
    return sorted(slips), "\n".join(lines)


def _number(value: str) -> float | None:
    try:
        number = tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return None
    return float(number) if isinstance(number, (int, float)) and not isinstance(number, bool) else None
