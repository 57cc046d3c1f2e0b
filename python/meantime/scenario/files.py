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
import os
import re
import sys
from typing import Any, Callable, Iterable, TypeVar

import yaml

from ..errors import EssentialsMissing, ScenarioError
from . import essentials
from . import lines as file_lines
from . import slips as toml_slips
from . import writers as file_writers

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.9 and 3.10
    import tomli as tomllib

__all__ = [
    "ScenarioFileError",
    "read_scenario",
    "write_scenario",
    "scenario_text",
    "FORMATS",
    "MAX_FILE_BYTES",
    "MAX_DEPTH",
    "MAX_YAML_NODES",
]

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

    Every mistake of a file is reported at once: ``problems`` holds one error per mistake, in
    line order (the first is this error's own ``line``, ``field`` and ``rule``); a file leaving
    essentials to the built-in example names them in ``missing`` (dotted paths).
    """

    missing: "tuple[str, ...]" = ()

    def __init__(
        self, file: str, line: int | None, field: str, rule: str, problems: "tuple[ScenarioFileError, ...]" = ()
    ) -> None:
        super().__init__(field, rule, problems)
        self.file = str(file)
        self.line = line
        where = self.file + (f", line {line}" if line else "")
        self.args = (f"{where}: {field}: {rule}" if field else f"{where}: {rule}",)
        if len(problems) > 1:  # every mistake, in line order: one line each
            self.args = (
                f"{self.file}: {len(problems)} mistakes, in line order:\n"
                + "\n".join("  " + str(p)[len(self.file) + 2 :] for p in problems),
            )

    def __reduce__(self):
        return (type(self), (self.file, self.line, self.field, self.rule, self._problems))


def _all_at_once(problems: "list[ScenarioFileError]") -> ScenarioFileError:
    """One error for the mistakes of a file, in line order (those without a line last)."""
    problems = sorted(problems, key=lambda p: (p.line is None, p.line or 0))
    first = problems[0]
    if len(problems) == 1:
        return first
    return ScenarioFileError(first.file, first.line, first.field, first.rule, tuple(problems))


# -- reading --------------------------------------------------------------------------------------


def file_format(path: str | os.PathLike, format: str | None = None) -> str:
    """The format of ``path`` ("toml", "yaml" or "json"), from ``format`` or the extension."""
    if format is not None:
        if format not in ("toml", "yaml", "json"):
            raise ScenarioFileError(os.fspath(path), None, "", f"unknown format {format!r}; use toml, yaml or json")
        return format
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in FORMATS:
        raise ScenarioFileError(
            os.fspath(path),
            None,
            "",
            f"cannot tell the format from the extension {ext or '(none)'!r}; name the file .toml, .yaml, .yml or .json",
        )
    return FORMATS[ext]


#: What a file's data is built into (a :class:`~meantime.Scenario`, by its ``from_dict``).
Built = TypeVar("Built")


def read_scenario(
    path: str | os.PathLike, format: str | None, build: Callable[..., Built], allow_defaults: bool = False
) -> Built:
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
        raise ScenarioFileError(
            name, None, "", f"is too large for a scenario file ({size:,} bytes or more; at most {MAX_FILE_BYTES:,})"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ScenarioFileError(name, line, "", "is not UTF-8 text (save it as UTF-8)") from None
    return read_text(text, fmt, build, name, allow_defaults)


def read_text(
    text: str, fmt: str, build: Callable[..., Built], name: str = "<text>", allow_defaults: bool = False
) -> Built:
    """``build(data, allow_defaults=...)`` of the data in the text of a file in format ``fmt``;
    ``name`` is used in errors.

    Every mistake of the file is reported at once, in line order (``error.problems``); a file
    that leaves an essential to the built-in example is refused unless it starts with
    ``based_on = "kitchen-table"`` or ``allow_defaults`` is true."""
    slips: list = []
    data, lines = _parse(text, fmt, name, slips)
    problems = [ScenarioFileError(name, line, field, rule) for line, field, rule in slips]
    if not data and not problems:
        raise ScenarioFileError(
            name,
            None,
            "",
            "is empty: a scenario file states at least the essentials "
            "(`meantime new` asks for them), or says "
            f'{essentials.BASED_ON} = "{essentials.EXAMPLE}" to use the '
            "built-in example",
        )
    try:
        scenario = build(data, allow_defaults=allow_defaults or bool(problems))
    except EssentialsMissing as error:
        refusal = ScenarioFileError(
            name,
            None,
            "",
            essentials.missing_rule(
                list(error.missing),
                f'write {essentials.BASED_ON} = "{essentials.EXAMPLE}" at the top of the file (or give '
                "--allow-defaults) to start from the example",
            ),
        )
        refusal.missing = error.missing
        raise refusal from None
    except ScenarioError as error:
        problems += [_located(name, lines, mistake) for mistake in error.problems]
    if problems:
        raise _all_at_once(problems) from None
    return scenario


def _located(name: str, lines: dict, error: ScenarioError) -> ScenarioFileError:
    """A mistake found in a file's data, with the line it is written on."""
    field = error.field if error.field != "scenario" else ""
    rule = error.rule
    line, found = file_lines.line_of(lines, field) if field else (None, field)
    if found != field and "[]" in field:  # the record of the list the file has it in
        index = re.search(r"\[\d+\]", found)
        rule = rule.replace("[]", index.group(0)) if index else rule
    return ScenarioFileError(name, line, found, rule)


def _parse(text: str, fmt: str, name: str, slips: list | None = None) -> tuple[dict, dict]:
    """The file's data as a dict, and the line of each key path. Slips found in TOML text before
    parsing (line, field, rule) are added to ``slips``, their lines left out of the data, so the
    caller reports them with the other mistakes; without a list, they are raised at once."""
    refused: list = []  # (line, field, rule) of the TOML slips
    if fmt == "yaml":
        data, lines = _parse_yaml(text, name)
    else:
        if file_lines.bracket_depth(text, comments=fmt == "toml") > MAX_DEPTH:
            raise ScenarioFileError(name, None, "", f"is nested more than {MAX_DEPTH} levels deep")
        if fmt == "toml":
            refused, text = toml_slips.scan(text)
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                message = str(error)
                found = re.search(r"\(at line (\d+), column (\d+)\)", message)
                line = int(found.group(1)) if found else getattr(error, "lineno", None)
                message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
                if message.startswith("Cannot overwrite a value") and line:
                    # tomllib names no key: name the one on that line (given twice, most likely).
                    key = re.match(
                        r"\s*([^=\s][^=]*?)\s*=", text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
                    )
                    if key:
                        message += f": the key {key.group(1)!r} is given twice"
                problems = [ScenarioFileError(name, n, field, rule) for n, field, rule in refused]
                raise _all_at_once(
                    problems + [ScenarioFileError(name, line, "", f"is not valid TOML: {message}")]
                ) from None
            lines = file_lines.toml_lines(text)
        else:
            try:
                data = json.loads(text, object_pairs_hook=_no_duplicates)
            except json.JSONDecodeError as error:
                raise ScenarioFileError(
                    name, error.lineno, "", f"is not valid JSON: {error.msg} (column {error.colno})"
                ) from None
            except _DuplicateKey as error:
                raise ScenarioFileError(
                    name, None, "", f"the key {error.args[0]!r} appears twice in one object"
                ) from None
            lines = file_lines.json_lines(text)
    if data is None:  # an empty YAML file: the default scenario
        data = {}
    if not isinstance(data, dict):
        raise ScenarioFileError(
            name, None, "", f"must hold the scenario's groups ([market], [business], ...), got a {_kind(data)}"
        )
    if _depth(data) > MAX_DEPTH:
        raise ScenarioFileError(name, None, "", f"is nested more than {MAX_DEPTH} levels deep")
    if refused and slips is None:
        raise _all_at_once([ScenarioFileError(name, n, field, rule) for n, field, rule in refused])
    if slips is not None:
        slips.extend(refused)
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
                        raise ScenarioFileError(
                            name, key.start_mark.line + 1, "", f"the key {key.value!r} appears twice in one mapping"
                        )
                    seen.add(key.value)
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _depth(data: Any) -> int:
    """How deeply dicts and lists nest (iteratively: the data may be hostile)."""
    deepest, pending = 0, [(data, 1)]
    while pending:
        value, depth = pending.pop()
        children: Iterable[Any]
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
