"""Scenarios as Python objects: the engine's groups and fields (see :mod:`meantime.scenario.schema`).

A :class:`Scenario` is immutable and always valid: constructing one, :meth:`Scenario.replace`
and :meth:`Scenario.from_dict` check every value with the engine's own rules and raise
:class:`~meantime.ScenarioError` naming the field.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, AbstractSet, Any, Iterator, Mapping

from .. import _core
from ..errors import EssentialsMissing, ScenarioError
from . import checking, essentials, files, hints
from .record_base import GROUP_NAMES, Record, Root
from .schema import FIELD_BY_PATH, FIELDS, FieldInfo, unknown_name
from .spelling import spelled

__all__ = ["Scenario", "default_scenario"]


class Scenario:
    """One start-up idea: every parameter of the model, grouped as in the engine.

    Groups are attributes (``s.market``, ``s.clients``, ``s.business``, ``s.household``,
    ``s.run``, ...), each a frozen dataclass whose fields have the engine's names; a group may
    hold nested records and lists of records. A group may itself be a list of records: a town's
    ``s.providers`` is a tuple of :class:`Provider` records, each with its own ``business``,
    ``funding`` (and its list of grants)... A scenario is immutable and always valid.
    ``repr`` shows what differs from the default scenario, as code; ``print`` shows every field
    with its unit.

    Parameters
    ----------
    **groups : Record or dict
        Any group by name, as a record or a dict of some of its fields (the rest keep their
        defaults). Groups not given are the defaults.

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

    __slots__ = ("_root", "_core", "_stated")
    _root: Record
    _core: _core.Scenario
    _stated: frozenset

    if TYPE_CHECKING:  # the groups are properties made from the engine's schema below

        def __getattr__(self, name: str) -> Any: ...

    def __init__(self, **groups: Any) -> None:
        self._set(Root()._apply(groups), frozenset(checking.stated_paths(groups)))

    @classmethod
    def _of(cls, root: Record, stated: frozenset = frozenset(), parent: "Scenario | None" = None) -> "Scenario":
        scenario = object.__new__(cls)
        scenario._set(root, stated, parent)
        return scenario

    def _set(self, root: Record, stated: frozenset, parent: "Scenario | None" = None) -> None:
        # A changed copy starts from its parent's engine scenario and sets only what changed (the
        # records it did not touch are its parent's, and are passed over); a new one from the
        # engine's defaults.
        core = parent._core.copy() if parent is not None else _core.Scenario()
        root._write(core, "", parent._root if parent is not None else None)
        try:
            core.validate()
        except ScenarioError as error:
            raise _explained(root, error) from None
        object.__setattr__(self, "_root", root)
        object.__setattr__(self, "_core", core)
        object.__setattr__(self, "_stated", stated)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Scenario cannot be changed; use replace({name}=...) for a changed copy")

    # -- reading ---------------------------------------------------------------------------

    def get(self, path: str) -> Any:
        """The value at a dotted path: ``s.get("business.price_per_session")``; a record or a
        list for a path that names one; ``"funding.grants[0].amount"`` for a list's record,
        ``"providers[1].funding.grants[0].amount"`` in a list inside a list."""
        return self._root._get_path(path.split("."))

    def groups(self) -> dict[str, Any]:
        """The groups by name, in the engine's order: a record, or for a list of records
        (``providers``) a tuple of them."""
        return {name: getattr(self._root, name) for name in GROUP_NAMES}

    @staticmethod
    def fields() -> list[FieldInfo]:
        """Every field of a scenario (see :func:`~meantime.scenario_fields`)."""
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
            By dotted path (``{"business.price_per_session": 25}``, a list's record as
            ``{"funding.grants[0].amount": 500}`` or ``{"providers[1].business.price_per_session":
            14}``, a whole record of a list as ``{"providers[1]": {"fit": 0.5}}``) and/or by group
            (``{"business": {"price_per_session": 25}}``, changing only the keys given).
        **keywords
            ``group__field=value`` (``business__price_per_session=25``; deeper records with
            more ``__``), or ``group=<record or dict>``.

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
        >>> s.replace(market__fit_share=meantime.uniform(0.1, 0.3)).market.fit_share
        uniform(min=0.1, max=0.3)
        """
        items = [(key, value) for key, value in (changes or {}).items()]
        items += [(key, value) for key, value in keywords.items()]
        return self._changed([(key, value) for key, value in items], keywords=set(keywords))

    def _changed(
        self,
        items: list,
        keywords: "AbstractSet[str]" = frozenset(),
        stated: "frozenset | None" = None,
        leaves: "list | None" = None,
    ) -> "Scenario":
        """A copy with the (key, value) changes applied, or every mistake among them at once;
        ``leaves``: the same changes field by field (``items`` may give whole groups, applied at
        once for speed), to look for the mistakes in."""

        def apply(some: list) -> "Scenario":
            root = self._root
            for key, value in some:
                if not isinstance(key, str):
                    raise ScenarioError(repr(key), "field names must be text")
                keyword = key in keywords
                path = key.replace("__", ".") if keyword else key
                parts = path.split(".")
                if len(parts) == 1 and path.split("[")[0] not in GROUP_NAMES:
                    raise unknown_name(path, keyword)
                root = root._apply_path(parts, value)
            paths = checking.stated_paths(
                {key.replace("__", ".") if key in keywords else key: value for key, value in some}
            )
            return Scenario._of(root, self._stated | paths if stated is None else stated, parent=self)

        try:
            return apply(items)
        except ScenarioError as error:
            first = error
        if leaves is not None:
            items = leaves
            try:
                return apply(items)
            except ScenarioError as error:
                first = error
        found = checking.every_mistake(apply, items, first)
        mistakes = [error for _, error in sorted(found, key=lambda f: len(items) if f[0] is None else f[0])]
        if len(mistakes) == 1:
            raise first from None
        raise type(mistakes[0])(mistakes[0].field, mistakes[0].rule, tuple(mistakes)) from None

    # -- plain data --------------------------------------------------------------------------

    def to_dict(self, flat: bool = False) -> dict[str, Any]:
        """The scenario as plain data, ready for JSON, TOML or YAML.

        Parameters
        ----------
        flat : bool, default False
            False: ``{"market": {"population": 60000.0, ...}, ...}``. True: one level keyed by
            dotted path, ``{"market.population": 60000.0, ...}`` (a list of records as a list of
            dicts under its own path).

        Returns
        -------
        dict
            Distributions as ``{"dist": family, <parameter>: value, ...}``, fixed ones as numbers.
        """
        if flat:
            return dict(self._root._flat(""))
        return self._root.to_dict()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, allow_defaults: bool = False) -> "Scenario":
        """Read a scenario from plain data (as :meth:`to_dict` writes it).

        Parameters
        ----------
        data : dict
            Groups of fields (``{"business": {"price_per_session": 12}}``), dotted paths
            (``{"business.price_per_session": 12}``), or both. It must state the essentials
            (the price, the hours, the market's size, the household's money: see
            :data:`meantime.scenario.essentials.ESSENTIALS`); other fields not given keep the built-in
            example's values. ``"based_on": "kitchen-table"`` starts from the example instead.
        allow_defaults : bool, default False
            True: essentials not given keep the example's values too (as ``based_on``).

        Returns
        -------
        Scenario
            :meth:`defaults_used` lists the essentials it took from the example.

        Raises
        ------
        ScenarioError
            Every mistake at once (``error.problems``; the first is the error's own field and
            rule): unknown groups or fields (with a suggestion), broken rules with what was
            most likely meant (a share written as a percentage...).
        EssentialsMissing
            A :class:`ScenarioError` listing every essential not given and how to write it.

        Examples
        --------
        >>> import meantime
        >>> data = {"market": {"fit_share": {"dist": "beta", "alpha": 11, "beta": 31}}}
        >>> meantime.Scenario.from_dict(data, allow_defaults=True).market.fit_share
        beta(alpha=11, beta=31)
        >>> complete = meantime.default_scenario().to_dict()
        >>> meantime.Scenario.from_dict(complete) == meantime.default_scenario()
        True
        """
        if not isinstance(data, Mapping):
            raise ScenarioError("scenario", f"must be a dict of groups or dotted paths, got {type(data).__name__}")
        data = dict(data)
        based_on = data.pop(essentials.BASED_ON, None)
        if based_on is not None and based_on != essentials.EXAMPLE:
            raise ScenarioError(
                essentials.BASED_ON, f'the built-in example is "{essentials.EXAMPLE}", got {spelled(based_on)}'
            )
        scenario = default_scenario()._changed(
            list(data.items()), stated=frozenset(checking.stated_paths(data)), leaves=list(checking.leaves(data))
        )
        if based_on is None and not allow_defaults:
            missing = essentials.unstated(scenario._stated, len(scenario.providers))
            if missing:
                rule = essentials.missing_rule(
                    missing,
                    f'put "{essentials.BASED_ON}": "{essentials.EXAMPLE}" in '
                    "the dict (or pass allow_defaults=True) to start from the example",
                )
                raise EssentialsMissing("scenario", rule, tuple(missing))
        return scenario

    def defaults_used(self, essential: bool = True) -> dict[str, Any]:
        """The values this scenario took from the built-in example rather than from its user.

        Parameters
        ----------
        essential : bool, default True
            True: only the essentials (price, hours, market size, the household's money);
            False: every field not stated.

        Returns
        -------
        dict
            Dotted path to value, in the engine's order. Fields given to :meth:`from_dict`,
            :meth:`from_file` or :meth:`replace` count as stated.

        Examples
        --------
        >>> import meantime
        >>> s = meantime.default_scenario().replace(household__savings=2500)
        >>> "household.savings" in s.defaults_used(), "market.population" in s.defaults_used()
        (False, True)
        """
        paths = (
            essentials.essential_paths(len(self.providers))
            if essential
            else [path for path, _ in self._root._leaves("")]
        )
        return {path: self.get(path) for path in paths if not essentials.is_stated(path, self._stated)}

    # -- files -------------------------------------------------------------------------------

    @classmethod
    def from_file(
        cls, path: "str | os.PathLike[str]", format: str | None = None, *, allow_defaults: bool = False
    ) -> "Scenario":
        """Read a scenario file: TOML (the main format), YAML or JSON.

        The file holds groups of fields as :meth:`to_dict` writes them (``[business]`` with
        ``price_per_session = 12``, a distribution as ``{ dist = "triangular", min = 18, mode =
        22, max = 25 }``). It must state the essentials (as :meth:`from_dict`), or start with
        ``based_on = "kitchen-table"``; other fields left out keep the built-in example's values.

        Parameters
        ----------
        path : str or path-like
            The file; its extension (``.toml``, ``.yaml``/``.yml``, ``.json``) gives the format.
        format : {"toml", "yaml", "json"}, optional
            The format, whatever the extension.
        allow_defaults : bool, default False
            True: essentials the file leaves out keep the example's values (as ``based_on``).

        Returns
        -------
        Scenario
            :meth:`defaults_used` lists the essentials it took from the example.

        Raises
        ------
        ScenarioFileError
            A :class:`ScenarioError` (so a ``ValueError``) naming the file, and for every mistake
            at once (``error.problems``, in line order) the line, the field and what was
            expected, with what was most likely meant: an unknown field (with the closest valid
            name), a share written as a percentage, pounds with a ``£`` or a thousands comma,
            minutes for hours, text where a number belongs, NaN, a bad distribution, a syntax
            error; also an empty, missing, oversized or too deeply nested file, and essentials
            left out (``error.missing``).

        Examples
        --------
        >>> import meantime, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "idea.toml"
        >>> _ = path.write_text('based_on = "kitchen-table"\\n[business]\\nprice_per_session = 12\\n')
        >>> meantime.Scenario.from_file(path).business.price_per_session
        12.0
        """
        return files.read_scenario(path, format, cls.from_dict, allow_defaults)

    def to_file(self, path: "str | os.PathLike[str]", format: str | None = None, *, annotate: bool = False) -> None:
        """Write the scenario to a file that :meth:`from_file` reads back to an equal scenario.

        Parameters
        ----------
        path : str or path-like
            The file; its extension (``.toml``, ``.yaml``/``.yml``, ``.json``) gives the format.
        format : {"toml", "yaml", "json"}, optional
            The format, whatever the extension.
        annotate : bool, default False
            TOML only: put every field's meaning, unit, valid range and default beside it as a
            comment (what ``meantime show-defaults`` writes).

        Examples
        --------
        >>> import meantime, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "idea.yaml"
        >>> s = meantime.default_scenario().replace(business__price_per_session=12)
        >>> s.to_file(path)
        >>> meantime.Scenario.from_file(path) == s
        True
        """
        files.write_scenario(self, path, format, annotate=annotate)

    # -- Python protocol ---------------------------------------------------------------------

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """(path, value) for every field, in the engine's order (list records by index)."""
        return self._root._leaves("")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scenario):
            return NotImplemented
        return self._root == other._root

    def __hash__(self) -> int:
        return hash(self._root)

    def __reduce__(self):
        return (_unpickle, (self.to_dict(), tuple(self._stated)))

    def __copy__(self) -> "Scenario":
        return self

    def __deepcopy__(self, memo: dict) -> "Scenario":
        return self

    def __repr__(self) -> str:
        """The scenario as code: only what differs from the default scenario."""
        lines = self._root._lines("", "", against=Root())
        lines[0] = "Scenario(" + lines[0][len(type(self._root).__name__) + 1 :]
        return "\n".join(lines)

    def __str__(self) -> str:
        """Every field, group by group, with its unit."""
        lines = self._root._lines("", "")
        lines[0] = "Scenario("
        return "\n".join(lines)


def _group_property(name: str) -> property:
    child = Root._children[name]
    if child.kind == "field":  # pragma: no cover - the scenario's root holds records and lists only
        raise RuntimeError(f"scenario group '{name}' is a field")
    kind = f"a tuple of {child.record.__name__}" if child.kind == "list" else child.record.__name__
    return property(lambda self: getattr(self._root, name), doc=f"The ``{name}`` group ({kind}).")


for _name in GROUP_NAMES:
    if hasattr(Scenario, _name):  # pragma: no cover - a group named like a method
        raise RuntimeError(f"scenario group '{_name}' clashes with a Scenario attribute")
    setattr(Scenario, _name, _group_property(_name))


def _unpickle(data: dict, stated: tuple) -> Scenario:
    return default_scenario()._changed(list(data.items()), stated=frozenset(stated))


def _explained(root: Record, error: ScenarioError) -> ScenarioError:
    """The engine's refusal of a whole scenario, with what the value most likely meant."""
    info = FIELD_BY_PATH.get(re.sub(r"\[\d+\]", "[]", error.field))
    if info is None or info.type == "list":
        return error
    try:
        value = root._get_path(error.field.split("."))
        session_hours = (
            root._get_path(error.field.rsplit(".", 1)[0].split(".") + ["session_hours"])
            if info.name == "price_per_session"
            else None
        )
    except ScenarioError:
        return error
    rule = hints.explain(info, value, error.rule, session_hours)
    return error if rule == error.rule else type(error)(error.field, rule)


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
