"""The essentials: values no answer may silently borrow from the built-in example.

A scenario file or dict that leaves one of these to the kitchen-table example is refused, with
one message listing every one missing and how to write it, unless it says it starts from the
example (``based_on = "kitchen-table"``, ``--allow-defaults``, ``allow_defaults=True``). An
answer about someone's idea resting on the example's savings or other income is the mistake
this guards against. A field is made essential by adding its path to :data:`ESSENTIALS`; a path
the engine does not have (yet) is skipped.
"""

from __future__ import annotations

import re
from typing import Iterable

from .schema import FIELD_BY_PATH, FieldInfo
from .spelling import spelled

__all__ = [
    "ESSENTIALS",
    "BASED_ON",
    "EXAMPLE",
    "essential_fields",
    "essential_paths",
    "unstated",
    "missing_rule",
    "is_stated",
]

#: The key of a file or dict that starts from the built-in example, and the example's name.
BASED_ON = "based_on"
EXAMPLE = "kitchen-table"

#: Dotted paths, in the order a person would tell them: the service, the market, the household.
ESSENTIALS: tuple[str, ...] = (
    "business.price_per_session",
    "business.session_hours",
    "business.founder_hours_per_week",
    "market.population",
    "market.fit_share",
    "household.savings",
    "household.living_costs_per_month",
    "household.other_income_per_month",
    "household.partner_income_per_month",
    # Who claims Universal Credit: the award turns on them as much as on the money above.
    "household.couple",
    "household.limited_capability",
    "household.housing_costs_per_month",
)


def essential_fields() -> list[FieldInfo]:
    """The essential fields the engine has, in :data:`ESSENTIALS` order."""
    return [FIELD_BY_PATH[path] for path in ESSENTIALS if path in FIELD_BY_PATH]


def essential_paths(providers: int = 0) -> list[str]:
    """The paths that must be stated: the scenario's own essentials, or in a town of
    ``providers`` providers each provider's (``providers[1].household.savings``)."""
    if not providers:
        return [f.path for f in essential_fields()]
    return [
        f"providers[{i}].{path}"
        for i in range(providers)
        for path in ESSENTIALS
        if f"providers[].{path}" in FIELD_BY_PATH
    ]


def is_stated(path: str, stated: Iterable[str]) -> bool:
    """Whether ``path`` was given: itself, or a group or record holding it."""
    return any(path == s or path.startswith(s) and path[len(s)] in ".[" for s in stated)


def unstated(stated: Iterable[str], providers: int = 0) -> list[str]:
    """The essential paths not among the ``stated`` paths (nor inside a stated record)."""
    stated = [s.replace("__", ".") for s in stated]
    return [path for path in essential_paths(providers) if not is_stated(path, stated)]


def missing_rule(missing: list[str], how_to_allow: str) -> str:
    """One message for every essential not stated: what each is, how to write it, and how to
    start from the example instead (``how_to_allow``)."""
    lines = [
        f"{len(missing)} essential value{'s are' if len(missing) > 1 else ' is'} not stated and would "
        f"silently come from the built-in {EXAMPLE} example:"
    ]
    for path in missing:
        f = FIELD_BY_PATH[re.sub(r"\[\d+\]", "[]", path)]
        group = path.rpartition(".")[0]
        where = f"[{group}]" if "[" not in group else f"{group.split('.', 1)[1]} of {group.split('.')[0]}"
        unit = f", {f.unit}" if f.unit else ""
        lines.append(
            f"  {path}: {f.description}{unit}: write {f.name} = ... under {where} "
            f"(the example has {spelled(f.default)})"
        )
    lines.append(f"State them (`meantime new` asks for them in plain words), or {how_to_allow}.")
    return "\n".join(lines)
