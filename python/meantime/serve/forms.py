"""The case's form, made from the engine's field table, and the values typed into it.

The page shows every field the engine lists (``meantime.scenario_fields()``) in its group, with
its unit, valid range, meaning and default; a list of records (grants, loans, a town's providers)
is one field written as an inline TOML array. Values come back as typed; each is checked on its
own (so every mistake is named at once), then the whole scenario (rules between fields).
"""

from __future__ import annotations

import functools
import json
import math
import re
from typing import Any, Mapping

from ..errors import ScenarioError
from ..scenario.distributions import format_number
from ..scenario.files import MAX_DEPTH, tomllib
from ..scenario.lines import bracket_depth
from ..scenario.scenario import Scenario, default_scenario
from ..scenario.schema import FIELD_BY_PATH, FIELDS, canonical

__all__ = ["form_fields", "parse_values", "stated_paths", "FormError", "inline"]

# Fields of the records of a list are edited inside their list's value. The page models one
# start-up: a town's providers and what they share are for `meantime run` on a town's file.
_TOWN_GROUPS = ("providers", "town", "collective")
FORM_FIELDS = tuple(f for f in FIELDS if "[]" not in f.path and f.group not in _TOWN_GROUPS)
_FORM_PATHS = {f.path for f in FORM_FIELDS}


class FormError(ValueError):
    """Values that cannot make a scenario: ``problems`` maps each field path ("" for the
    scenario as a whole) to what is wrong, in words."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{path or 'scenario'}: {rule}" for path, rule in problems.items()))
        self.problems = problems


def inline(value: Any) -> str:
    """A value as inline TOML: ``12``, ``{dist = "triangular", min = 18, mode = 22, max = 25}``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _bound(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def form_fields() -> list[dict[str, Any]]:
    """The form's groups, in the engine's order: ``[{"group", "fields": [...]}]``, each field with
    its path, label, type, unit, meaning, range in words and numbers, choices and default."""
    defaults = default_scenario().to_dict(flat=True)
    groups: dict[str, list[dict[str, Any]]] = {}
    for f in FORM_FIELDS:
        groups.setdefault(f.group, []).append(
            {
                "path": f.path,
                "label": f.path.split(".", 1)[-1].replace("_", " ").replace(".", ": "),
                "type": f.type,
                "unit": f.unit,
                "help": f.description + _list_example(f),
                "range": f.range,
                "min": _bound(f.min),
                "max": _bound(f.max),
                "min_open": f.min_open,
                "choices": list(f.choices),
                "default": display(f.path, defaults.get(f.path)),
            }
        )
    return [{"group": name, "fields": fields} for name, fields in groups.items()]


def _list_example(info) -> str:
    """For a list of records, how to write one: its fields with their defaults."""
    if info.type != "list":
        return ""
    prefix = info.path + "[]."
    fields = [f for f in FIELDS if f.path.startswith(prefix) and "[]" not in f.path[len(prefix) :] and f.type != "list"]
    if not fields:
        return ""
    record = "{" + ", ".join(f"{f.name} = {inline(_plain_default(f.default))}" for f in fields) + "}"
    return (
        f" (at most {int(info.max)}; write each as {record}, in [ ], separated by commas)"
        if math.isfinite(info.max)
        else f" (write each as {record}, in [ ], separated by commas)"
    )


def _plain_default(value: Any) -> Any:
    return value.to_dict() if hasattr(value, "to_dict") else value


def display(path: str, value: Any) -> Any:
    """A plain value as the form shows it: booleans and choices as they are, the rest as text."""
    info = FIELD_BY_PATH[path]
    if info.type in ("boolean", "choice"):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(float(value)) if isinstance(value, float) else str(value)
    return inline(value if value is not None else [])


_MAX_TEXT = 100_000  # one field's text: a list of a town's providers fits many times over
_NUMBER = re.compile(r"^[+-]?£?\s*[0-9][0-9,_]*(\.[0-9]*)?([eE][+-]?[0-9]+)?$|^[+-]?\.[0-9]+$")


def _typed(path: str, raw: Any) -> Any:
    """The value typed for ``path`` as data (a ScenarioError naming the field if unreadable)."""
    info = FIELD_BY_PATH[path]
    if info.type == "boolean":
        if isinstance(raw, bool):
            return raw
        raise ScenarioError(path, f"must be true or false, got {raw!r}")
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if not text:
        raise ScenarioError(path, "is empty: give a value" + (f" ({info.range})" if info.range else ""))
    if info.type == "choice":
        return text
    if _NUMBER.match(text):
        number = float(text.replace("£", "").replace(",", "").replace("_", "").replace(" ", ""))
        if info.type == "integer":
            if not number.is_integer():
                raise ScenarioError(path, f"must be a whole number, got {text}")
            return int(number)
        return number
    if text.endswith("%") and _NUMBER.match(text[:-1].strip()):
        raise ScenarioError(
            path, f"write a share as a number between 0 and 1: {text} is {float(text[:-1].replace(',', '')) / 100:g}"
        )
    if info.type in ("number", "integer"):
        raise ScenarioError(path, "expected a number" + (f" ({info.range})" if info.range else "") + f", got {text!r}")
    if len(text) > _MAX_TEXT:
        raise ScenarioError(path, f"is {len(text):,} characters long; at most {_MAX_TEXT:,}")
    if bracket_depth(text, comments=False) > MAX_DEPTH:
        raise ScenarioError(path, f"is nested more than {MAX_DEPTH} levels deep")
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        example = (
            'a number, or e.g. {dist = "triangular", min = 18, mode = 22, max = 25}'
            if info.type == "distribution"
            else "a list such as [{amount = 2000, month = 1}]"
        )
        raise ScenarioError(path, f"cannot read {text!r}: expected {example}") from None


def parse_values(values: Any) -> Scenario:
    """The scenario from the form's values (path -> value as typed); a FormError naming every field
    that is wrong, or the rule between fields that is broken."""
    if not isinstance(values, Mapping):
        raise FormError({"": "the form's values must be an object of field -> value"})
    problems: dict[str, str] = {}
    data: dict[str, Any] = {}
    for path, raw in values.items():
        if path not in _FORM_PATHS:
            problems[str(path)[:200]] = "is not a field of a scenario"
            continue
        try:
            value = _typed(path, raw)
            if raw != _default_values().get(path):
                # Alone in the default scenario, a value shows the breaks of its own rules (type,
                # range); a rule it breaks with another field is named by the whole check below.
                if FIELD_BY_PATH[path].type != "list":
                    canonical(FIELD_BY_PATH[path], value)
                default_scenario().replace({path: value})
            data[path] = value
        except ScenarioError as error:
            if error.field not in ("", path, "scenario") and not error.field.startswith(path + "["):
                data[path] = value  # another field's rule: the whole check names it
                continue
            problems[path] = error.rule
        except (ValueError, TypeError) as error:
            problems[path] = str(error)
    if problems:
        raise FormError(problems)
    try:
        # The form shows every value it uses beside its field: none rests unseen on the example.
        return Scenario.from_dict(data, allow_defaults=True)
    except ScenarioError as error:
        field = error.field if error.field != "scenario" else ""
        field = re.sub(r"\[\d*\].*$", "", field) if field not in _FORM_PATHS else field
        raise FormError(
            {
                field if field in _FORM_PATHS else "": error.rule
                if field in _FORM_PATHS
                else f"{error.field}: {error.rule}"
            }
        ) from None


@functools.lru_cache(maxsize=1)
def _default_values() -> dict[str, Any]:
    return values_of(default_scenario())


def values_of(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the form's values (path -> value shown)."""
    flat = scenario.to_dict(flat=True)
    return {f.path: display(f.path, flat.get(f.path)) for f in FORM_FIELDS}


def stated_paths(data: Any, prefix: str = "") -> list[str]:
    """The form's fields a scenario file's data gives (the rest come from the defaults)."""
    found: list[str] = []
    if not isinstance(data, Mapping):
        return found
    for key, value in data.items():
        path = f"{prefix}{key}"
        if path in _FORM_PATHS:
            found.append(path)
        elif isinstance(value, Mapping):
            found.extend(stated_paths(value, path + "."))
    return found
