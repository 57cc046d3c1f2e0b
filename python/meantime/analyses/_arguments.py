"""Checking the arguments of the analyses, with errors that name the argument (ArgumentError)."""

from __future__ import annotations

import math
import numbers
import re
from typing import Any, Mapping

from ..errors import ArgumentError, ScenarioError
from ..scenario.scenario import Scenario, default_scenario
from ..scenario.schema import FIELD_BY_PATH, FieldInfo

__all__ = ["as_scenario", "probability", "field", "values", "number", "with_value"]


def as_scenario(scenario: Any, argument: str = "scenario") -> Scenario:
    """A Scenario from a Scenario, a dict (read with ``Scenario.from_dict``) or None (the default)."""
    if scenario is None:
        return default_scenario()
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, Mapping):
        return Scenario.from_dict(scenario)
    raise TypeError(f"{argument} must be a meantime.Scenario or a dict, got {type(scenario).__name__}")


def number(argument: str, value: Any) -> float:
    """A finite real number (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise ArgumentError(argument, f"must be a finite number, got {value!r}")
    return float(value)


def probability(argument: str, value: Any, *, open_ends: bool = True) -> float:
    """A number strictly between 0 and 1 (``open_ends``), or within [0, 1]."""
    p = number(argument, value)
    if open_ends and not 0 < p < 1:
        raise ArgumentError(argument, f"must be between 0 and 1 (exclusive), got {value!r}")
    if not open_ends and not 0 <= p <= 1:
        raise ArgumentError(argument, f"must be between 0 and 1, got {value!r}")
    return p


_INDEXED = re.compile(r"\[\d+\]")


def field(argument: str, path: Any, scenario: Scenario) -> FieldInfo:
    """The field at a dotted path of ``scenario`` (``"funding.grants[0].amount"`` for a list's
    record); an unknown name is an ArgumentError suggesting the closest field."""
    if not isinstance(path, str):
        raise ArgumentError(
            argument, f"field names are dotted paths such as 'business.price_per_session', got {path!r}"
        )
    try:
        scenario.get(path)
    except ScenarioError as error:
        raise ArgumentError(f"{argument}['{path}']", _rule(error, path)) from None
    info = FIELD_BY_PATH.get(_INDEXED.sub("[]", path))
    if info is None or info.type == "list":
        raise ArgumentError(
            f"{argument}['{path}']",
            "a group or a list of records, not a field; name one of its fields, e.g. 'business.price_per_session'",
        )
    return info


def _rule(error: ScenarioError, path: str) -> str:
    """The rule of a scenario error about ``path``, naming the field only when it is another
    (a list's record: "funding.grants[0]: the list has 0 records")."""
    return error.rule if error.field == path else str(error)


def values(argument: str, given: Any) -> list:
    """A non-empty list of values (any sequence but text)."""
    if isinstance(given, (str, bytes, Mapping)) or not hasattr(given, "__iter__"):
        raise ArgumentError(argument, f"must be a list of values, got {type(given).__name__}")
    listed = list(given)
    if not listed:
        raise ArgumentError(argument, "is empty: give at least one value")
    return listed


def with_value(argument: str, scenario: Scenario, path: str, value: Any) -> Scenario:
    """``scenario`` with one field changed; a value the field does not take is an ArgumentError
    naming the argument and the field's rule."""
    try:
        return scenario.replace({path: value})
    except ScenarioError as error:
        raise ArgumentError(argument, _rule(error, path)) from None
