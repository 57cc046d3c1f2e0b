"""Scenario files: TOML (the main format), YAML and JSON.

:meth:`Scenario.from_file <meantime.Scenario.from_file>` and :meth:`Scenario.to_file
<meantime.Scenario.to_file>` are the usual way in; this module does the work. A file holds the
scenario's groups (``[business]``, ``[market]``...) with some or all of their fields; the rest
keep the built-in defaults. Every problem is a :class:`ScenarioFileError` (a
:class:`~meantime.ScenarioError`, so a ``ValueError``) naming the file, the line where one is
known, the field and what was expected::

    kitchen.toml, line 14: business.price_per_sesion: unknown field; did you mean 'business.price_per_session'?

Files are checked before they are parsed: at most :data:`MAX_FILE_BYTES`, nested at most
:data:`MAX_DEPTH` levels, and (YAML) at most :data:`MAX_YAML_NODES` values once aliases are
expanded, so a hostile file is refused at once.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from typing import Any, Callable, Mapping, TypeVar

from .. import _core
from ..errors import ScenarioError
from . import lines as file_lines
from . import writers as file_writers
from .schema import FIELD_BY_PATH

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.9 and 3.10
    import tomli as tomllib

__all__ = ["ScenarioFileError", "read_scenario", "write_scenario", "scenario_text", "FORMATS",
           "MAX_FILE_BYTES", "MAX_DEPTH", "MAX_YAML_NODES"]

#: File formats by extension.
FORMATS = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}
#: The largest scenario file read (a full scenario with a hundred grants is about 20 kB, a town of
#: fifty providers written out in full about 250 kB).
MAX_FILE_BYTES = 1_000_000
#: The deepest nesting of tables and lists read (a scenario needs seven: a distribution in a grant
#: of a provider).
MAX_DEPTH = 16
#: The most values a YAML file may hold once its aliases are expanded.
MAX_YAML_NODES = 100_000


class ScenarioFileError(ScenarioError):
    """A scenario file that cannot be read: where, which field, and what was expected.

    Attributes
    ----------
    file : str
        The file as it was given.
    line : int or None
        The line (from 1) where the problem is, when the format or the key tells it.
    field : str
        The field's dotted path (``"business.price_per_session"``), or ``""`` for a problem
        with the file as a whole (not found, too large, not valid TOML...).
    rule : str
        What is wrong and what was expected, in words.

    Examples
    --------
    >>> import meantime, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "idea.toml"
    >>> _ = path.write_text("[business]\\nprice_per_sesion = 12\\n")
    >>> try:
    ...     meantime.Scenario.from_file(path)
    ... except meantime.ScenarioFileError as error:
    ...     print(error.line, error.field)
    ...     print(error.rule)
    2 business.price_per_sesion
    unknown field; did you mean 'business.price_per_session'?
    """

    def __init__(self, file: str, line: int | None, field: str, rule: str) -> None:
        super().__init__(field, rule)
        self.file = str(file)
        self.line = line
        where = self.file + (f", line {line}" if line else "")
        self.args = (f"{where}: {field}: {rule}" if field else f"{where}: {rule}",)

    def __reduce__(self):
        return (type(self), (self.file, self.line, self.field, self.rule))


# -- reading --------------------------------------------------------------------------------------

def file_format(path: str | os.PathLike, format: str | None = None) -> str:
    """The format of ``path`` ("toml", "yaml" or "json"), from ``format`` or the extension."""
    if format is not None:
        if format not in ("toml", "yaml", "json"):
            raise ScenarioFileError(os.fspath(path), None, "", f"unknown format {format!r}; use toml, yaml or json")
        return format
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in FORMATS:
        raise ScenarioFileError(os.fspath(path), None, "",
                                f"cannot tell the format from the extension {ext or '(none)'!r}; "
                                "name the file .toml, .yaml, .yml or .json")
    return FORMATS[ext]


#: What a file's data is built into (a :class:`~meantime.Scenario`, by its ``from_dict``).
Built = TypeVar("Built")


def read_scenario(path: str | os.PathLike, format: str | None, build: Callable[[Mapping[str, Any]], Built]) -> Built:
    """Read a scenario file; see :meth:`Scenario.from_file <meantime.Scenario.from_file>`, which
    passes its ``from_dict`` as ``build`` (this module sits below the Scenario class)."""
    name = os.fspath(path)
    fmt = file_format(name, format)
    try:
        with open(name, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # read no more than the limit, whatever stat says
    except FileNotFoundError:
        raise ScenarioFileError(name, None, "", "no such file") from None
    except IsADirectoryError:
        raise ScenarioFileError(name, None, "", "is a folder, not a scenario file") from None
    except OSError as error:
        raise ScenarioFileError(name, None, "", f"cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        size = os.path.getsize(name) if os.path.isfile(name) else len(raw)
        raise ScenarioFileError(name, None, "", f"is too large for a scenario file ({size:,} bytes or more; "
                                                 f"at most {MAX_FILE_BYTES:,})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ScenarioFileError(name, line, "", "is not UTF-8 text (save it as UTF-8)") from None
    return read_text(text, fmt, build, name)


def read_text(text: str, fmt: str, build: Callable[[Mapping[str, Any]], Built], name: str = "<text>") -> Built:
    """``build`` of the data in the text of a file in format ``fmt``; ``name`` is used in errors."""
    data, lines = _parse(text, fmt, name)
    try:
        return build(data)
    except ScenarioFileError:
        raise
    except ScenarioError as error:
        field = error.field if error.field != "scenario" else ""
        rule = _explain(error, data)
        line, found = file_lines.line_of(lines, field) if field else (None, field)
        if found != field and "[]" in field:  # the record of the list the file has it in
            index = re.search(r"\[\d+\]", found)
            rule = rule.replace("[]", index.group(0)) if index else rule
        field = found
        raise ScenarioFileError(name, line, field, rule) from None


def _parse(text: str, fmt: str, name: str) -> tuple[dict, dict]:
    """The file's data as a dict, and the line of each key path."""
    if fmt == "yaml":
        data, lines = _parse_yaml(text, name)
    else:
        if file_lines.bracket_depth(text, comments=fmt == "toml") > MAX_DEPTH:
            raise ScenarioFileError(name, None, "", f"is nested more than {MAX_DEPTH} levels deep")
        if fmt == "toml":
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                message = str(error)
                found = re.search(r"\(at line (\d+), column (\d+)\)", message)
                line = int(found.group(1)) if found else getattr(error, "lineno", None)
                message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
                if message.startswith("Cannot overwrite a value") and line:
                    # tomllib names no key: name the one on that line (given twice, most likely).
                    key = re.match(r"\s*([^=\s][^=]*?)\s*=", text.splitlines()[line - 1] if line <= len(
                        text.splitlines()) else "")
                    if key:
                        message += f": the key {key.group(1)!r} is given twice"
                raise ScenarioFileError(name, line, "", f"is not valid TOML: {message}") from None
            lines = file_lines.toml_lines(text)
        else:
            try:
                data = json.loads(text, object_pairs_hook=_no_duplicates)
            except json.JSONDecodeError as error:
                raise ScenarioFileError(name, error.lineno, "", f"is not valid JSON: {error.msg} "
                                                                 f"(column {error.colno})") from None
            except _DuplicateKey as error:
                raise ScenarioFileError(name, None, "", f"the key {error.args[0]!r} appears twice in one object") \
                    from None
            lines = file_lines.json_lines(text)
    if data is None:  # an empty YAML file: the default scenario
        data = {}
    if not isinstance(data, dict):
        raise ScenarioFileError(name, None, "", "must hold the scenario's groups ([market], [business], ...), "
                                                 f"got a {_kind(data)}")
    if _depth(data) > MAX_DEPTH:
        raise ScenarioFileError(name, None, "", f"is nested more than {MAX_DEPTH} levels deep")
    return data, lines


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    data: dict = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKey(key)
        data[key] = value
    return data


def _parse_yaml(text: str, name: str) -> tuple[Any, dict]:
    import yaml  # PyYAML loads slowly: only when a YAML file is read or written

    def fail(error: yaml.YAMLError) -> ScenarioFileError:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        return ScenarioFileError(name, mark.line + 1 if mark else None, "", f"is not valid YAML: {problem}")

    try:
        problem = file_lines.yaml_event_check(text, MAX_DEPTH, MAX_YAML_NODES)
        if problem:
            raise ScenarioFileError(name, None, "", f"is refused: {problem}")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            return None, {}
        lines = file_lines.yaml_lines(node)
        _yaml_duplicates(node, name)
        return yaml.SafeLoader("").construct_document(node), lines
    except yaml.YAMLError as error:
        raise fail(error) from None


def _yaml_duplicates(node: Any, name: str) -> None:
    """PyYAML keeps the last of two equal keys without a word; a scenario file must not."""
    import yaml  # PyYAML loads slowly: only when a YAML file is read or written

    pending = [node]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise ScenarioFileError(name, key.start_mark.line + 1, "",
                                                f"the key {key.value!r} appears twice in one mapping")
                    seen.add(key.value)
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _depth(data: Any) -> int:
    """How deeply dicts and lists nest (iteratively: the data may be hostile)."""
    deepest, pending = 0, [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        pending.extend((child, depth + 1) for child in children)
    return deepest


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


# -- explaining an error in the file's terms -------------------------------------------------------

_MISSING = object()


def _lookup(data: Any, parts: list[Any]) -> Any:
    """The value at key parts in the file's data (dotted keys and nested tables alike)."""
    if not parts:
        return data
    head, rest = parts[0], parts[1:]
    if isinstance(data, list):
        if head == "[]":
            for item in data:
                found = _lookup(item, rest)
                if found is not _MISSING:
                    return found
            return _MISSING
        return _lookup(data[head], rest) if isinstance(head, int) and head < len(data) else _MISSING
    if not isinstance(data, dict):
        return _MISSING
    if head in data:
        return _lookup(data[head], rest)
    for key, value in data.items():  # "business.price_per_session" written as one key
        if isinstance(key, str) and "." in key:
            key_parts = key.split(".")
            if key_parts == [str(p) for p in parts[: len(key_parts)]]:
                return _lookup(value, parts[len(key_parts):])
    return _MISSING


def _explain(error: ScenarioError, data: dict) -> str:
    """The engine's rule, with what a person writing a file most likely meant."""
    rule, field = error.rule, error.field
    value = _lookup(data, file_lines.field_parts(field)) if field else _MISSING
    info = FIELD_BY_PATH.get(re.sub(r"\[\d+\]", "[]", field))
    unit = f" ({info.unit})" if info and info.unit else ""
    if isinstance(value, str) and "got text" in rule:
        expected = "a whole number" if "whole number" in rule else "true or false" if "true or false" in rule \
            else "a number"
        rule = f"expected {expected}{unit}, got the text {value!r}"
        if _is_number_text(value):
            rule += "; write the number without quotes"
        return rule
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number{unit}, got {value} ({'NaN, not a number' if math.isnan(value) else 'infinity'})"
    if (info and info.unit in ("probability", "share") and isinstance(value, (int, float))
            and not isinstance(value, bool) and 1 < value <= 100):
        return (f"{rule}; did you mean {value / 100:g} ({value:g}%)? "
                "Shares and probabilities are written as fractions between 0 and 1")
    unknown = re.search(r"takes the parameters ([\w, ]+); unknown: ([\w, ]+)", rule)
    if unknown:
        names = [n.strip() for n in unknown.group(1).split(",")]
        hints = [f"'{_core.closest_name(bad, names)}' for '{bad}'" for bad in unknown.group(2).split(", ")
                 if _core.closest_name(bad, names)]
        if hints:
            rule += f"; did you mean {', '.join(hints)}?"
    if "unknown field" in rule and "did you mean" not in rule and field:
        # A field written in the wrong group: say where it belongs.
        name = field.rsplit(".", 1)[-1]
        homes = [f.path for f in FIELD_BY_PATH.values() if f.name == name]
        if homes:
            rule = f"unknown field; '{name}' belongs in {homes[0].rsplit('.', 1)[0]} ({homes[0]})"
    return rule


def _is_number_text(text: str) -> bool:
    try:
        float(text.replace(",", "").replace("£", "").strip())
        return True
    except ValueError:
        return False


# -- writing --------------------------------------------------------------------------------------

def write_scenario(scenario, path: str | os.PathLike, format: str | None = None, annotate: bool = False) -> None:
    """Write a scenario file; see :meth:`Scenario.to_file <meantime.Scenario.to_file>`."""
    name = os.fspath(path)
    text = scenario_text(scenario, file_format(name, format), annotate=annotate)
    with open(name, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def scenario_text(scenario, fmt: str = "toml", annotate: bool = False) -> str:
    """The text of a scenario file in format ``fmt``; ``annotate`` (TOML only) puts every
    field's meaning, unit, valid range and default beside it as comments."""
    if fmt == "toml":
        return file_writers.toml_text(scenario, annotate)
    if annotate:
        raise ValueError("annotated scenario files are written in TOML: use a .toml file")
    if fmt == "yaml":
        return file_writers.yaml_text(scenario)
    if fmt == "json":
        return file_writers.json_text(scenario)
    raise ValueError(f"unknown format {fmt!r}; use toml, yaml or json")
