"""The base class of the scenario's records, and the making of every record class from the
engine's field paths (the classes by name are in :mod:`meantime.scenario.records`).

One frozen dataclass per record (``Market``, ``Business``, ``DirectPayment`` in
``payments.direct_payment``, ``Grant`` for the records of the list ``funding.grants``...), so
that a field, record or list added to the C++ scenario appears in Python with its unit, meaning,
range and default.

Lists may hold records that hold records and lists of their own, at any depth: a town's
``providers`` is a list of ``Provider`` records, each with its own ``ProviderBusiness``,
``ProviderFunding`` and its list of ``ProviderGrant``. A record met again inside a list's record
takes the list's record name as a prefix (the scenario's own records keep the plain names); it
accepts the scenario's record of the same fields (``Provider(business=s.business)``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import math
import re
from typing import Any, ClassVar, Iterator, Literal, Mapping, TypeVar, Union

from .. import _core
from ..errors import ScenarioError
from .distributions import format_number
from .schema import FIELDS, FieldInfo, canonical, from_core, plain, show, to_core, unknown_name

__all__ = ["Record", "RECORD_CLASSES", "Root", "GROUP_NAMES", "Child"]


@dataclasses.dataclass(frozen=True)
class FieldEntry:
    """A field of a record."""

    name: str
    info: FieldInfo
    kind: Literal["field"] = "field"


@dataclasses.dataclass(frozen=True)
class RecordEntry:
    """A nested record: `record` is its class."""

    name: str
    record: type[Record]
    kind: Literal["record"] = "record"


@dataclasses.dataclass(frozen=True)
class ListEntry:
    """A list of records: `info` is the list's own entry in the schema, `record` its records' class."""

    name: str
    info: FieldInfo
    record: type[Record]
    kind: Literal["list"] = "list"


# One entry of a record: a field, a nested record, or a list of records (``kind`` says which).
Child = Union[FieldEntry, RecordEntry, ListEntry]


_R = TypeVar("_R", bound="Record")
_INDEX = re.compile(r"^(\w+)\[(\d+)\]$")


@contextlib.contextmanager
def _record_of(list_path: str, i: int) -> Iterator[None]:
    """Errors about some record of the list (``"providers[].business.price"``) name record `i`
    (``"providers[2].business.price"``): a record's class knows its list, not its place in it.
    Lists inside lists are named from the inside out, one list at a time."""
    try:
        yield
    except ScenarioError as error:
        anyone, this = f"{list_path}[]", f"{list_path}[{i}]"
        if not error.field.startswith(anyone):
            raise
        field = this + error.field[len(anyone) :]
        raise type(error)(field, error.rule.replace(anyone, this)) from None


@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class Record:
    """Base class of the scenario's records (``Market``, ``Business``, ...): frozen dataclasses.

    Each field holds its value as the engine stores it: a float for a number, an int for a
    whole number, a :class:`~meantime.Distribution` for an uncertain parameter (a plain number
    becomes ``fixed``), text for a choice; a nested record holds a record, a list a tuple of
    records. Values are type-checked when the record is made; ranges are checked when it
    becomes part of a :class:`~meantime.Scenario`.
    """

    _path: ClassVar[str]  # "market", "payments.direct_payment", "funding.grants[]"
    _children: ClassVar[dict[str, Child]]

    def __post_init__(self) -> None:
        for child in self._children.values():
            value = getattr(self, child.name)
            where = f"{self._path}.{child.name}" if self._path else child.name
            if child.kind == "field":
                # A price per hour for a session's price is answered with this record's session length.
                value = canonical(child.info, value, _hours(getattr(self, "session_hours", None)))
            elif child.kind == "record":
                value = child.record._make(value, where)
            else:
                if isinstance(value, (str, bytes, Mapping, Record)) or not hasattr(value, "__iter__"):
                    raise ScenarioError(
                        where, f"must be a list of {child.record.__name__} records or dicts, got {type(value).__name__}"
                    )
                items = []
                for i, item in enumerate(value):
                    with _record_of(child.info.path, i):
                        items.append(child.record._make(item, f"{where}[]"))
                value = tuple(items)
            object.__setattr__(self, child.name, value)

    @classmethod
    def _make(cls, value: Any, where: str) -> "Record":
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            return cls()._apply(value)
        if isinstance(value, Record) and list(value._children) == list(cls._children):
            # The same record elsewhere (a scenario's Business as a provider's): same fields.
            return cls(**{name: getattr(value, name) for name in cls._children})
        raise ScenarioError(where, f"must be a {cls.__name__} or a dict of its fields, got {type(value).__name__}")

    @classmethod
    def fields(cls) -> list[FieldInfo]:
        """The record's own fields (and lists), with unit, meaning, range and default."""
        return [c.info for c in cls._children.values() if c.kind != "record"]

    def _prefix(self) -> str:
        return f"{self._path}." if self._path else ""

    def _apply(self: _R, changes: Mapping[str, Any]) -> _R:
        """A copy with `changes` by name; a dict given for a nested record changes only its keys."""
        values = {}
        for name, value in changes.items():
            child = self._children.get(name) if isinstance(name, str) else None
            if child is None:
                raise unknown_name(f"{self._prefix()}{name}")
            if child.kind == "record" and isinstance(value, Mapping):
                value = getattr(self, name)._apply(value)
            values[name] = value
        return dataclasses.replace(self, **values)

    def _apply_path(self, parts: list[str], value: Any) -> "Record":
        """A copy with the field at the path `parts` (e.g. ["grants[0]", "amount"]) set to `value`;
        a list's record (["grants[0]"]) is replaced by a record, or changed by a dict."""
        head, rest = parts[0], parts[1:]
        indexed = _INDEX.match(head)
        if not rest and not indexed:
            return self._apply({head: value})
        name = indexed.group(1) if indexed else head
        child = self._children.get(name)
        if child is None or child.kind == "field" or (child.kind == "list") != bool(indexed):
            raise unknown_name(f"{self._prefix()}{'.'.join(parts)}")
        if indexed and child.kind == "list":  # (an index, and only an index, names a list: checked above)
            items = list(getattr(self, name))
            i = int(indexed.group(2))
            if i >= len(items):
                raise ScenarioError(
                    f"{self._prefix()}{head}", f"the list has {len(items)} record{'' if len(items) == 1 else 's'}"
                )
            with _record_of(child.info.path, i):
                if rest:
                    items[i] = items[i]._apply_path(rest, value)
                elif isinstance(value, Mapping):
                    items[i] = items[i]._apply(value)
                else:
                    items[i] = child.record._make(value, f"{child.info.path}[]")
            return dataclasses.replace(self, **{name: tuple(items)})
        return dataclasses.replace(self, **{name: getattr(self, name)._apply_path(rest, value)})

    def _get_path(self, parts: list[str]) -> Any:
        head, rest = parts[0], parts[1:]
        indexed = _INDEX.match(head)
        name = indexed.group(1) if indexed else head
        child = self._children.get(name)
        if child is None or (bool(indexed) and child.kind != "list") or (rest and child.kind == "field"):
            raise unknown_name(f"{self._prefix()}{'.'.join(parts)}")
        value = getattr(self, name)
        if not indexed or child.kind != "list":  # (an index names a list: checked above)
            return value._get_path(rest) if rest else value
        i = int(indexed.group(2))
        if i >= len(value):
            raise ScenarioError(
                f"{self._prefix()}{head}", f"the list has {len(value)} record{'' if len(value) == 1 else 's'}"
            )
        with _record_of(child.info.path, i):
            return value[i]._get_path(rest) if rest else value[i]

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with some fields changed, e.g. ``business.replace(price_per_session=12)``."""
        return self._apply(changes)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data (distributions as dicts, fixed ones as numbers, lists as lists)."""
        return {name: plain(getattr(self, name)) for name in self._children}

    @classmethod
    def _from_core(cls, core: _core.Scenario, prefix: str) -> "Record":
        """A record read from the engine's scenario, under `prefix`."""
        values = {}
        for child in cls._children.values():
            path = prefix + child.name
            if child.kind == "field":
                values[child.name] = from_core(core.get(path))
            elif child.kind == "record":
                values[child.name] = child.record._from_core(core, path + ".")
            else:
                values[child.name] = tuple(
                    child.record._from_core(core, f"{path}[{i}].") for i in range(core.list_size(path))
                )
        return cls(**values)

    def _write(self, core: _core.Scenario, prefix: str, held: "Record | None" = None) -> None:
        """Set in the engine's scenario, under `prefix`, every field that differs from `held`:
        the record the engine holds there (a new engine scenario holds the defaults, a record
        added to a list its record's defaults). Setting a field by path costs the engine a walk
        over every field, so a town of fifty providers is written in milliseconds, not seconds."""
        held = _defaults(type(self)) if held is None else held
        for child in self._children.values():
            value, was = getattr(self, child.name), getattr(held, child.name)
            if value is was:  # the very record (or value) the engine holds: nothing to set
                continue
            path = prefix + child.name
            if child.kind == "field":
                if not _same(value, was):
                    core.set(path, to_core(path, value))
            elif child.kind == "record":
                value._write(core, path + ".", was)
            else:
                if len(value) != len(was):
                    core.resize_list(path, len(value))  # keeps the first records, adds default ones
                for i, item in enumerate(value):
                    item._write(core, f"{path}[{i}].", was[i] if i < len(was) else None)

    def _flat(self, prefix: str):
        """(dotted path, plain value) for every field; a list as a whole, under its path."""
        for child in self._children.values():
            value = getattr(self, child.name)
            if child.kind == "record":
                yield from value._flat(f"{prefix}{child.name}.")
            else:
                yield prefix + child.name, plain(value)

    def _leaves(self, prefix: str):
        for child in self._children.values():
            value = getattr(self, child.name)
            if child.kind == "field":
                yield prefix + child.name, value
            elif child.kind == "record":
                yield from value._leaves(f"{prefix}{child.name}.")
            else:
                for i, item in enumerate(value):
                    yield from item._leaves(f"{prefix}{child.name}[{i}].")

    def _lines(self, indent: str, head: str, against: "Record | None" = None) -> list[str]:
        """The record as code, one field a line with its unit; only what differs from `against`."""
        lines = [f"{indent}{head}{type(self).__name__}("]
        inner = indent + "  "
        items = []
        for child in self._children.values():
            value = getattr(self, child.name)
            if against is not None and value == getattr(against, child.name):
                continue
            if child.kind == "record":
                block = value._lines(inner, f"{child.name}=", None if against is None else getattr(against, child.name))
                block[-1] += ","
                items.append(block)
            elif child.kind == "list":
                if not value:
                    items.append((f"{child.name}=(),", ""))
                    continue
                block = [f"{inner}{child.name}=("]
                for item in value:
                    sub = item._lines(inner + "  ", "", None if against is None else child.record())
                    sub[-1] += ","
                    block.extend(sub)
                block.append(f"{inner}),")
                items.append(block)
            else:
                items.append((f"{child.name}={show(value)},", child.info.unit))
        width = min(60, max((len(item[0]) for item in items if isinstance(item, tuple)), default=0))
        for item in items:
            if isinstance(item, list):
                lines.extend(item)
            else:
                text, unit = item
                lines.append(f"{inner}{text:<{width}}  # {unit}" if unit else f"{inner}{text}")
        if not items:
            return [lines[0] + ")"]
        lines.append(f"{indent})")
        return lines

    def __repr__(self) -> str:
        return "\n".join(self._lines("", ""))


def _hours(value: Any) -> float | None:
    """A session length given as a plain number (or a fixed distribution), else None."""
    value = value.to_dict() if getattr(value, "is_fixed", False) is True else value
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


_DEFAULTS: dict[type[Record], Record] = {}


def _defaults(cls: type[Record]) -> Record:
    """The record with every field at its default (made once a class)."""
    if cls not in _DEFAULTS:
        _DEFAULTS[cls] = cls()
    return _DEFAULTS[cls]


def _same(a: Any, b: Any) -> bool:
    """Equal as the engine stores them: 0.0 and -0.0 differ (the engine keeps the sign)."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return type(a) is type(b) and a == b


# -- making the record classes ----------------------------------------------------------------------


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name + "_item"


def _doc(path: str, children: dict[str, Child]) -> str:
    where = f"``{path}``" if path else "the scenario's"
    lines = [f"The {where} record (fields from the engine's schema).", "", "Attributes", "----------"]
    kinds = {
        "distribution": "float or Distribution",
        "number": "float",
        "integer": "int",
        "boolean": "bool",
        "choice": "str",
    }
    for child in children.values():
        if child.kind == "record":
            lines += [f"{child.name} : {child.record.__name__}", "    A nested record."]
            continue
        f = child.info
        kind = f"tuple of {child.record.__name__}" if child.kind == "list" else kinds.get(f.type, f.type)
        detail = f.description + (f" [{f.unit}]" if f.unit else "")
        if child.kind == "list":
            detail += f"; at most {format_number(float(f.max))} records"
        elif f.range:
            detail += f"; {f.range}"
        if f.choices:
            detail += f"; one of {', '.join(f.choices)}"
        lines += [
            f"{child.name} : {kind}",
            f"    {detail}. Default {show(f.default) if child.kind == 'field' else '()'}.",
        ]
    return "\n".join(lines)


RECORD_CLASSES: dict[str, type[Record]] = {}  # by path: "market", "payments.direct_payment", "funding.grants[]"


def _default_list(path: str, record: type[Record]) -> tuple[Record, ...]:
    """The records of a list in the engine's default scenario; for a list inside the records of
    another list (``providers[].funding.grants``), in the engine's default record of that list."""
    core = _core.default_scenario()
    parts = path.split("[]")
    for i in range(len(parts) - 1):  # one default record in each list on the way
        core.resize_list("[0]".join(parts[: i + 1]), 1)
    concrete = path.replace("[]", "[0]")
    return tuple(record._from_core(core, f"{concrete}[{i}].") for i in range(core.list_size(concrete)))


def _class_names(paths: list[str]) -> dict[str, str]:
    """A class name for each record path, shallowest first, so the scenario's own records keep
    the plain names: ``market`` is ``Market``, ``providers[]`` is ``Provider``, and the market
    of a provider ``providers[].market`` is ``ProviderMarket``."""

    def word(part: str) -> str:
        return _class_name(_singular(part[:-2]) if part.endswith("[]") else part)

    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in sorted(paths, key=_depth):
        parts = path.split(".") if path else []
        candidates = [word(parts[-1]) if parts else "Groups"]
        lists = [i for i, part in enumerate(parts[:-1]) if part.endswith("[]")]
        if lists:  # the record of the innermost list it is in, then its own name
            candidates.append(word(parts[lists[-1]]) + word(parts[-1]))
        candidates.append("".join(word(part) for part in parts))
        name = next((c for c in candidates if c not in taken), None)
        if name is None:  # pragma: no cover - the full path is unique unless the schema repeats it
            raise RuntimeError(f"two scenario records would be named {candidates[-1]}")
        names[path] = name
        taken.add(name)
    return names


def _depth(path: str) -> int:
    return path.count(".") + path.count("[]") + (1 if path else 0)


def _make_record(path: str, entries: list[tuple[str, str, Any]], class_name: str) -> type[Record]:
    """The dataclass of the record at `path`; `entries` are (name, kind, FieldInfo or sub-path)."""
    children: dict[str, Child] = {}
    fields = []
    for name, kind, detail in entries:
        if kind == "field":
            children[name] = FieldEntry(name, detail)
            annotation = {"number": "float", "integer": "int", "boolean": "bool", "choice": "str"}.get(
                detail.type, "Distribution"
            )
            fields.append((name, annotation, dataclasses.field(default=detail.default)))
        elif kind == "record":
            record = RECORD_CLASSES[detail]
            children[name] = RecordEntry(name, record)
            fields.append((name, record.__name__, dataclasses.field(default_factory=record)))
        else:
            info, element_path = detail
            record = RECORD_CLASSES[element_path]
            children[name] = ListEntry(name, info, record)
            fields.append(
                (
                    name,
                    f"tuple[{record.__name__}, ...]",
                    dataclasses.field(default_factory=functools.partial(_default_list, info.path, record)),
                )
            )
    cls = dataclasses.make_dataclass(
        class_name,
        fields,
        bases=(Record,),
        namespace={"_path": path, "_children": children, "__doc__": _doc(path, children)},
        frozen=True,
        repr=False,
    )
    # Where the class is named (records.py, which imports this module), so that pickle finds it.
    cls.__module__ = f"{__package__}.records"
    return cls


def _build() -> type[Record]:
    """Every record class, innermost first; returns the root (whose fields are the groups)."""
    entries: dict[str, list[tuple[str, str, Any]]] = {"": []}

    def record_at(path: str) -> list:
        if path not in entries:
            parent, _, name = path.rpartition(".")
            siblings = record_at(parent)
            entries[path] = []
            if not name.endswith("[]"):
                siblings.append((name, "record", path))
        return entries[path]

    for f in FIELDS:
        parent, _, name = f.path.rpartition(".")
        if f.type == "list":
            record_at(parent).append((name, "list", (f, f.path + "[]")))
            record_at(f.path + "[]")
        else:
            record_at(parent).append((name, "field", f))

    names = _class_names(list(entries))
    for path in sorted(entries, key=_depth, reverse=True):  # innermost first, the root last
        RECORD_CLASSES[path] = _make_record(path, entries[path], names[path])
    return RECORD_CLASSES[""]


Root = _build()
del RECORD_CLASSES[""]
GROUP_NAMES: tuple[str, ...] = tuple(Root._children)
