"""The scenario's fields as the engine describes them, and their values in Python.

Nothing here lists a field. ``_core.scenario_fields()`` gives every field by dotted path
(``"business.price_per_session"``, ``"payments.direct_payment.share"`` in a nested record,
``"funding.grants[].amount"`` in the records of a list, and the list itself as a field of type
``"list"``); :mod:`meantime.scenario.record_base` makes the Python classes from those paths.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
import re
from typing import Any, Mapping

import numpy as np

from .. import _core
from ..errors import ScenarioError
from . import hints
from .distributions import Distribution, format_number

__all__ = ["FieldInfo", "scenario_fields"]


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """One scenario field as the engine describes it.

    Attributes
    ----------
    path : str
        The dotted path: ``"business.price_per_session"``; in a nested record
        ``"payments.direct_payment.share"``; in the records of a list
        ``"funding.grants[].amount"``.
    group, name : str
        The first and the last part of the path (``"providers"`` for ``"providers[].fit"``).
    type : str
        ``"number"``, ``"integer"``, ``"boolean"``, ``"distribution"``, ``"choice"``, or
        ``"list"`` for a list of records.
    unit, description : str
        The unit (may be empty) and the meaning in words.
    min, max : float
        The valid range (infinite when open-ended); ``min_open`` means ``> min``. For a list,
        ``max`` is the most records it may hold.
    choices : tuple of str
        The valid names of a choice field.
    default
        The value in :func:`~meantime.default_scenario` (for a list: its length there).
    """

    path: str
    group: str
    name: str
    type: str
    unit: str
    description: str
    min: float
    max: float
    min_open: bool
    choices: tuple[str, ...]
    default: Any

    @property
    def range(self) -> str:
        """The valid range in words, e.g. ``"> 0 and <= 100000"`` (empty when unbounded)."""
        parts = []
        if math.isfinite(self.min):
            parts.append(f"{'>' if self.min_open else '>='} {format_number(float(self.min))}")
        if math.isfinite(self.max):
            parts.append(f"<= {format_number(float(self.max))}")
        return " and ".join(parts)

    @property
    def keyword(self) -> str:
        """The field as a keyword of :meth:`Scenario.replace`: ``business__price_per_session``."""
        return self.path.replace(".", "__")


def from_core(value: Any) -> Any:
    return Distribution._wrap(value) if isinstance(value, _core.Distribution) else value


FIELDS: tuple[FieldInfo, ...] = tuple(
    FieldInfo(
        path=f.path,
        group=f.path.split(".")[0].split("[")[0],
        name=f.path.rsplit(".", 1)[-1],
        type=f.type,
        unit=f.unit,
        description=f.description,
        min=f.min,
        max=f.max,
        min_open=f.min_open,
        choices=tuple(f.choices),
        default=from_core(f.default),
    )
    for f in _core.scenario_fields()
)
FIELD_BY_PATH = {f.path: f for f in FIELDS}


def scenario_fields() -> list[FieldInfo]:
    """Every scenario field (path, type, unit, meaning, range, default), in the engine's order.

    Returns
    -------
    list of FieldInfo

    Examples
    --------
    >>> import meantime
    >>> f = meantime.scenario_fields()[0]
    >>> f.path, f.unit
    ('market.population', 'people')
    """
    return list(FIELDS)


# -- values ---------------------------------------------------------------------------------------

_PYTHON_TYPE = {"number": float, "integer": int, "boolean": bool, "choice": str}


def to_core(path: str, value: Any) -> Any:
    """A Python value in the types ``_core.Scenario.set`` takes; the engine checks the rest."""
    if isinstance(value, Distribution):
        return value._core
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, Mapping):
        try:
            return Distribution.from_dict(value)._core
        except ValueError as error:
            raise ScenarioError(path, str(error)) from None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value  # the engine names the field and what it takes


def canonical(info: FieldInfo, value: Any, session_hours: float | None = None) -> Any:
    """The value as the engine stores it (a number in a distribution field becomes fixed...);
    a value it refuses raises the engine's rule with what the person most likely meant
    (``session_hours``: the length of a session, for a price given per hour)."""
    try:
        return _canonical(info, value)
    except ScenarioError as error:
        if re.sub(r"\[\d+\]", "[]", error.field) != info.path:
            raise
        raise type(error)(error.field, hints.explain(info, value, error.rule, session_hours)) from None


def _canonical(info: FieldInfo, value: Any) -> Any:
    if info.type == "distribution" and isinstance(value, Distribution):
        return value
    if type(value) is _PYTHON_TYPE.get(info.type) and (info.type != "choice" or value in info.choices):
        return value
    if "[]" not in info.path:
        return from_core(_core.canonical_value(info.path, to_core(info.path, value)))
    # A field of the records of a list: ask the engine with one record in each list on the way,
    # and name the field as some record of the list ("[]"): the record's list says which.
    scratch = _core.Scenario()
    parts = info.path.split("[]")
    for i in range(len(parts) - 1):
        scratch.resize_list("[0]".join(parts[: i + 1]), 1)
    concrete = info.path.replace("[]", "[0]")
    try:
        scratch.set(concrete, to_core(info.path, value))
    except ScenarioError as error:
        if error.field != concrete:
            raise
        raise type(error)(info.path, error.rule.replace(concrete, info.path)) from None
    return from_core(scratch.get(concrete))


def plain(value: Any) -> Any:
    """A value as plain data (numbers, text, booleans, dicts, lists) for files and tables."""
    if hasattr(value, "to_dict"):  # a distribution or a record
        return value.to_dict()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return value


def show(value: Any) -> str:
    if isinstance(value, Distribution) and value.is_fixed:
        value = value.to_dict()  # a plain number reads better, and means the same in a scenario
    if isinstance(value, float):
        return format_number(value)
    return repr(value)


# -- unknown names --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _all_paths() -> list[str]:
    paths: list[str] = []
    for f in FIELDS:
        parts = f.path.split(".")
        paths.extend(".".join(parts[: i + 1]) for i in range(len(parts)))
    return list(dict.fromkeys(paths))


def unknown_name(path: str, keyword: bool = False) -> ScenarioError:
    """The error for a name that is no field, record or list, suggesting the closest one.

    Inside the records of a list (``providers[].business.price``) the suggestion is looked for
    among the names of that record first, then within the list's records, so a provider's
    field is not answered with the scenario's own ``business.price_per_session``."""
    shown = path.replace(".", "__") if keyword else path
    names = _all_paths()
    parent = path.rpartition(".")[0]
    scope = path[: path.rindex("[].") + 3] if "[]." in path else ""
    suggestion = ""
    for prefix in dict.fromkeys(p for p in (f"{parent}.", scope) if p != "."):
        if not suggestion:
            suggestion = _core.closest_name(path, [n for n in names if n.startswith(prefix)])
    if not suggestion and not scope:
        suggestion = _core.closest_name(path, names)
    if not suggestion and "." not in path:  # a field's own name, without its group
        name = _core.closest_name(path, [f.name for f in FIELDS])
        suggestion = next((f.path for f in FIELDS if f.name == name), "") if name else ""
    if not suggestion and not scope:  # a field written in the wrong group: say where it belongs
        name = path.rsplit(".", 1)[-1]
        suggestion = next((f.path for f in FIELDS if f.name == name and "[]" not in f.path), "")
    if suggestion:
        suggestion = suggestion.replace(".", "__") if keyword else suggestion
        return ScenarioError(shown, f"unknown field; did you mean '{suggestion}'?")
    example = "business__price_per_session" if keyword else "business.price_per_session"
    return ScenarioError(shown, f"unknown field; fields are written with their group, e.g. {example}")
