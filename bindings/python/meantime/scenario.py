"""Scenarios as Python objects: the engine's groups and fields, derived from its schema.

Nothing here lists a field. The group classes (``Market``, ``Clients``, ``Business``,
``Household``, ``Run`` today) are made at import from ``_core.scenario_fields()``, so a field
or group added to the C++ scenario appears here, with its unit, meaning, range and default.

A :class:`Scenario` is immutable and always valid: constructing one, :meth:`Scenario.replace`
and :meth:`Scenario.from_dict` check every value with the engine's own rules and raise
:class:`~meantime.ScenarioError` naming the field.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Any, ClassVar, Iterator, Mapping

import numpy as np

from . import _core
from .distributions import Distribution, format_number
from .errors import ScenarioError

__all__ = ["Scenario", "Group", "FieldInfo", "default_scenario", "scenario_fields"]


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """One scenario field as the engine describes it.

    Attributes
    ----------
    path : str
        ``"group.field"``, e.g. ``"business.price_per_session"``.
    group, name : str
        The two parts of the path.
    type : str
        ``"number"``, ``"integer"``, ``"boolean"``, ``"distribution"`` or ``"choice"``.
    unit, description : str
        The unit (may be empty) and the meaning in words.
    min, max : float
        The valid range (infinite when open-ended); ``min_open`` means ``> min``.
    choices : tuple of str
        The valid names of a choice field.
    default
        The value in :func:`default_scenario`.
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
        return f"{self.group}__{self.name}"


def _from_core(value: Any) -> Any:
    return Distribution._wrap(value) if isinstance(value, _core.Distribution) else value


def _to_core(path: str, value: Any) -> Any:
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


def _canonical(path: str, value: Any) -> Any:
    """The value as the engine stores it: a number for a distribution field becomes fixed."""
    return _from_core(_core.canonical_value(path, _to_core(path, value)))


def _plain(value: Any) -> Any:
    """A field value as plain data (numbers, text, booleans, dicts) for files and tables."""
    return value.to_dict() if isinstance(value, Distribution) else value


def _show(value: Any) -> str:
    if isinstance(value, Distribution) and value.is_fixed:
        value = value.to_dict()  # a plain number reads better, and means the same in a scenario
    if isinstance(value, float):
        return format_number(value)
    return repr(value)


FIELDS: tuple[FieldInfo, ...] = tuple(
    FieldInfo(
        path=f.path,
        group=f.path.split(".", 1)[0],
        name=f.path.split(".", 1)[1],
        type=f.type,
        unit=f.unit,
        description=f.description,
        min=f.min,
        max=f.max,
        min_open=f.min_open,
        choices=tuple(f.choices),
        default=_from_core(f.default),
    )
    for f in _core.scenario_fields()
)
_FIELD_BY_PATH = {f.path: f for f in FIELDS}
GROUP_NAMES: tuple[str, ...] = tuple(dict.fromkeys(f.group for f in FIELDS))


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


def _check_path(path: str) -> FieldInfo:
    """The field at ``path``; an unknown path raises the engine's error, with a suggestion."""
    info = _FIELD_BY_PATH.get(path)
    if info is None:
        _core.Scenario().get(path)  # raises ScenarioError: unknown field; did you mean ...?
        raise ScenarioError(path, "unknown field")  # pragma: no cover - the engine raised
    return info


def _unknown_group(name: str) -> ScenarioError:
    rule = "unknown group"
    suggestion = _core.closest_name(name, list(GROUP_NAMES))
    if suggestion:
        rule += f"; did you mean '{suggestion}'?"
    return ScenarioError(name, rule + f" (groups: {', '.join(GROUP_NAMES)})")


def _unknown_name(key: str, keyword: bool) -> ScenarioError:
    """A name given to replace() or from_dict() that is neither a field's path nor a group."""
    group = _core.closest_name(key, list(GROUP_NAMES))
    if group:
        return ScenarioError(key, f"unknown group; did you mean '{group}'?")
    name = _core.closest_name(key, [f.name for f in FIELDS])
    if name:
        field = next(f for f in FIELDS if f.name == name)
        return ScenarioError(key, f"unknown field; did you mean '{field.keyword if keyword else field.path}'?")
    example = "business__price_per_session" if keyword else "business.price_per_session"
    return ScenarioError(key, f"unknown name; fields are written with their group, e.g. {example}")


class Group:
    """Base class of a scenario group (``Market``, ``Business``, ...): a frozen dataclass.

    Each field holds its value as the engine stores it: a float for a number, an int for a
    whole number, a :class:`~meantime.Distribution` for an uncertain parameter (a plain number
    becomes ``fixed``), text for a choice. Values are type-checked when the group is made;
    ranges are checked when it becomes part of a :class:`Scenario`.
    """

    _group: ClassVar[str]
    _fields: ClassVar[tuple[FieldInfo, ...]]

    def __post_init__(self) -> None:
        for info in self._fields:
            object.__setattr__(self, info.name, _canonical(info.path, getattr(self, info.name)))

    @classmethod
    def fields(cls) -> list[FieldInfo]:
        """The group's fields, with unit, meaning, range and default."""
        return list(cls._fields)

    @classmethod
    def _from_mapping(cls, data: Mapping[str, Any], base: "Group | None" = None) -> "Group":
        values = {} if base is None else {f.name: getattr(base, f.name) for f in cls._fields}
        for name, value in data.items():
            _check_path(f"{cls._group}.{name}")
            values[name] = value
        return cls(**values)

    def replace(self, **changes: Any) -> "Group":
        """A copy with some fields changed, e.g. ``business.replace(price_per_session=12)``."""
        return self._from_mapping(changes, base=self)

    def to_dict(self) -> dict[str, Any]:
        """The group's fields as plain data (distributions as dicts, fixed ones as numbers)."""
        return {f.name: _plain(getattr(self, f.name)) for f in self._fields}

    def _lines(self, indent: str) -> list[str]:
        items = [(f"{f.name}={_show(getattr(self, f.name))},", f.unit) for f in self._fields]
        width = min(60, max(len(text) for text, _ in items))
        lines = [f"{indent}{type(self).__name__}("]
        for text, unit in items:
            lines.append(f"{indent}  {text:<{width}}  # {unit}" if unit else f"{indent}  {text}")
        lines.append(f"{indent})")
        return lines

    def __repr__(self) -> str:
        return "\n".join(self._lines(""))


def _group_doc(name: str, fields: tuple[FieldInfo, ...]) -> str:
    lines = [f"The scenario's ``{name}`` group (fields from the engine's schema).", "", "Attributes", "----------"]
    for f in fields:
        kind = {"distribution": "float or Distribution", "number": "float", "integer": "int", "boolean": "bool"}.get(
            f.type, "str"
        )
        lines.append(f"{f.name} : {kind}")
        detail = f.description
        if f.unit:
            detail += f" [{f.unit}]"
        if f.range:
            detail += f"; {f.range}"
        if f.choices:
            detail += f"; one of {', '.join(f.choices)}"
        lines.append(f"    {detail}. Default {_show(f.default)}.")
    return "\n".join(lines)


def _make_group(name: str) -> type:
    fields = tuple(f for f in FIELDS if f.group == name)
    class_name = "".join(part.capitalize() for part in name.split("_"))
    annotation = {"number": "float", "integer": "int", "boolean": "bool", "choice": "str"}
    cls = dataclasses.make_dataclass(
        class_name,
        [(f.name, annotation.get(f.type, "Distribution"), dataclasses.field(default=f.default)) for f in fields],
        bases=(Group,),
        namespace={"_group": name, "_fields": fields, "__doc__": _group_doc(name, fields)},
        frozen=True,
        repr=False,
    )
    cls.__module__ = __name__  # so that pickle finds meantime.scenario.<Class>
    return cls


GROUP_CLASSES: dict[str, type] = {name: _make_group(name) for name in GROUP_NAMES}
globals().update({cls.__name__: cls for cls in GROUP_CLASSES.values()})
__all__ += [cls.__name__ for cls in GROUP_CLASSES.values()]


class Scenario:
    """One start-up idea: every parameter of the model, grouped as in the engine.

    Groups are attributes (``s.market``, ``s.clients``, ``s.business``, ``s.household``,
    ``s.run``), each a frozen dataclass whose fields have the engine's names. A scenario is
    immutable and always valid.

    Parameters
    ----------
    **groups : Group or dict
        Any group by name, as a group object or a dict of some of its fields (the rest keep
        their defaults). Groups not given are the defaults.

    Raises
    ------
    ScenarioError
        Naming the field (or group) and the rule it breaks: an unknown name (with the closest
        valid one), a value of the wrong type, or a value out of range.

    See Also
    --------
    default_scenario, Scenario.replace, Scenario.from_dict

    Examples
    --------
    >>> import meantime
    >>> s = meantime.Scenario(business={"price_per_session": 12})
    >>> s.business.price_per_session
    12.0
    >>> s.replace(business__price_per_session=14).business.price_per_session
    14.0
    >>> meantime.Scenario.from_dict(s.to_dict()) == s
    True
    """

    __slots__ = ("_groups", "_core")

    def __init__(self, **groups: Any) -> None:
        for name in groups:
            if name not in GROUP_CLASSES:
                raise _unknown_group(name)
        built: dict[str, Group] = {}
        for name, cls in GROUP_CLASSES.items():
            given = groups.get(name)
            if given is None:
                built[name] = cls()
            elif isinstance(given, cls):
                built[name] = given
            elif isinstance(given, Mapping):
                built[name] = cls._from_mapping(given)
            else:
                raise ScenarioError(
                    name, f"must be a {cls.__name__} or a dict of its fields, got {type(given).__name__}"
                )
        core = _core.Scenario()
        for group in built.values():
            for f in group._fields:
                core.set(f.path, _to_core(f.path, getattr(group, f.name)))
        core.validate()
        object.__setattr__(self, "_groups", built)
        object.__setattr__(self, "_core", core)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Scenario cannot be changed; use replace({name}=...) for a changed copy")

    # -- reading ---------------------------------------------------------------------------

    def get(self, path: str) -> Any:
        """The value of one field by dotted path, e.g. ``s.get("business.price_per_session")``."""
        info = _check_path(path)
        return getattr(self._groups[info.group], info.name)

    def groups(self) -> dict[str, Group]:
        """The groups by name, in the engine's order."""
        return dict(self._groups)

    @staticmethod
    def fields() -> list[FieldInfo]:
        """Every field of a scenario (see :func:`scenario_fields`)."""
        return list(FIELDS)

    @property
    def fingerprint(self) -> int:
        """The engine's 64-bit fingerprint of every value (equal scenarios, equal fingerprints)."""
        return self._core.fingerprint()

    # -- changing ----------------------------------------------------------------------------

    def replace(self, changes: Mapping[str, Any] | None = None, /, **keywords: Any) -> "Scenario":
        """A copy with some fields changed.

        Parameters
        ----------
        changes : dict, optional
            By dotted path (``{"business.price_per_session": 25}``) and/or by group
            (``{"business": {"price_per_session": 25}}``).
        **keywords
            ``group__field=value`` (``business__price_per_session=25``), or
            ``group=<Group or dict>``.

        Returns
        -------
        Scenario
            A new, validated scenario; this one is unchanged.

        Raises
        ------
        ScenarioError
            For an unknown field (suggesting the closest), a wrong type or a value out of range.

        Examples
        --------
        >>> import meantime
        >>> s = meantime.default_scenario()
        >>> s.replace(business__price_per_session=25).business.price_per_session
        25.0
        >>> s.replace({"run.months": 24, "run.sustained_months": 2}).run.months
        24
        >>> s.replace(market__fit_share=meantime.research_share(30, 12)).market.fit_share
        beta(alpha=13, beta=19)
        """
        values = {name: {f.name: getattr(group, f.name) for f in group._fields} for name, group in self._groups.items()}

        def apply(key: str, value: Any, keyword: bool) -> None:
            if key in GROUP_CLASSES:
                if isinstance(value, GROUP_CLASSES[key]):
                    values[key] = {f.name: getattr(value, f.name) for f in value._fields}
                elif isinstance(value, Mapping):
                    for name, field_value in value.items():
                        values[key][_check_path(f"{key}.{name}").name] = field_value
                else:
                    cls = GROUP_CLASSES[key]
                    raise ScenarioError(
                        key, f"must be a {cls.__name__} or a dict of its fields, got {type(value).__name__}"
                    )
                return
            path = key.replace("__", ".", 1) if keyword else key
            if "." not in path:
                raise _unknown_name(key, keyword)
            info = _check_path(path)
            values[info.group][info.name] = value

        for key, value in (changes or {}).items():
            if not isinstance(key, str):
                raise ScenarioError(repr(key), "field names must be text")
            apply(key, value, keyword=False)
        for key, value in keywords.items():
            apply(key, value, keyword=True)
        return Scenario(**{name: GROUP_CLASSES[name](**fields) for name, fields in values.items()})

    # -- plain data --------------------------------------------------------------------------

    def to_dict(self, flat: bool = False) -> dict[str, Any]:
        """The scenario as plain data, ready for JSON, TOML or YAML.

        Parameters
        ----------
        flat : bool, default False
            False: ``{"market": {"population": 60000.0, ...}, ...}``. True: one level keyed by
            dotted path, ``{"market.population": 60000.0, ...}``.

        Returns
        -------
        dict
            Distributions as ``{"dist": family, <parameter>: value, ...}``, fixed ones as numbers.
        """
        if flat:
            return {f.path: _plain(self.get(f.path)) for f in FIELDS}
        return {name: group.to_dict() for name, group in self._groups.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Scenario":
        """Read a scenario from plain data (as :meth:`to_dict` writes it).

        Parameters
        ----------
        data : dict
            Groups of fields (``{"business": {"price_per_session": 12}}``), dotted paths
            (``{"business.price_per_session": 12}``), or both. Fields not given keep the
            default scenario's values.

        Returns
        -------
        Scenario

        Raises
        ------
        ScenarioError
            Naming the unknown group or field (with a suggestion), or the broken rule.

        Examples
        --------
        >>> import meantime
        >>> data = {"market": {"fit_share": {"dist": "beta", "alpha": 11, "beta": 31}}}
        >>> meantime.Scenario.from_dict(data).market.fit_share
        beta(alpha=11, beta=31)
        """
        if not isinstance(data, Mapping):
            raise ScenarioError("scenario", f"must be a dict of groups or dotted paths, got {type(data).__name__}")
        return default_scenario().replace(data)

    # -- Python protocol ---------------------------------------------------------------------

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """(path, value) for every field, in the engine's order."""
        for f in FIELDS:
            yield f.path, self.get(f.path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scenario):
            return NotImplemented
        return self._groups == other._groups

    def __hash__(self) -> int:
        return hash(tuple(self._groups.values()))

    def __reduce__(self):
        return (Scenario.from_dict, (self.to_dict(),))

    def __copy__(self) -> "Scenario":
        return self

    def __deepcopy__(self, memo: dict) -> "Scenario":
        return self

    def __repr__(self) -> str:
        lines = ["Scenario("]
        for name, group in self._groups.items():
            block = group._lines("  ")
            block[0] = f"  {name}={block[0].lstrip()}"
            block[-1] += ","
            lines.extend(block)
        lines.append(")")
        return "\n".join(lines)


def _group_property(name: str) -> property:
    cls = GROUP_CLASSES[name]
    return property(lambda self: self._groups[name], doc=f"The ``{name}`` group ({cls.__name__}).")


for _name in GROUP_NAMES:
    if hasattr(Scenario, _name):  # pragma: no cover - a group named like a method
        raise RuntimeError(f"scenario group '{_name}' clashes with a Scenario attribute")
    setattr(Scenario, _name, _group_property(_name))


def default_scenario() -> Scenario:
    """The built-in "kitchen table" start-up: the engine's default scenario.

    A founder in a town of 60,000 offering half-hour sessions at £11, 15 hours a week, with
    £4,000 of savings; every figure is cited or marked illustrative in the engine's
    ``scenario.hpp``.

    Returns
    -------
    Scenario

    Examples
    --------
    >>> import meantime
    >>> meantime.default_scenario().business.price_per_session
    11.0
    """
    return Scenario()
