"""Every mistake at once: the changes a person asked for, split into leaves, checked together.

The engine stops at the first broken rule. To report all of them, :func:`every_mistake` applies
the changes, and at each refusal sets aside the change the error is about and tries again with
the rest. A mistake is reported and set aside only if that change alone is refused with the same
words (a share of 35, an unknown field, a price below zero): a mistake of a combination (payment
shares that do not add up to 1, more than five full-time workers) is reported once, and the
search stops there, so nothing is reported that the person did not get wrong.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, Mapping, Sequence

from ..errors import ScenarioError
from .schema import FIELD_BY_PATH, FIELDS

__all__ = ["leaves", "stated_paths", "every_mistake", "owner"]

Change = tuple  # (dotted path, value)


def _general(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def leaves(data: Mapping, prefix: str = "") -> Iterator[Change]:
    """(dotted path, value) of every field given in ``data``: groups, nested records and dotted
    keys opened down to the fields; a distribution (a dict with ``dist``), a list, or anything
    that is not a dict, is one leaf."""
    for key, value in data.items():
        if not isinstance(key, str):
            yield (f"{prefix}{key!r}", value)
            continue
        path = prefix + key
        if isinstance(value, Mapping) and "dist" not in value and _general(path) not in FIELD_BY_PATH and value:
            yield from leaves(value, path + ".")
        else:
            yield (path, value)


def stated_paths(data: Mapping, prefix: str = "") -> set[str]:
    """Every path ``data`` gives a value for, into the records of lists
    (``providers[1].household.savings``): what the person said, as against the defaults."""
    paths: set[str] = set()
    for path, value in leaves(data, prefix):
        if isinstance(value, (list, tuple)) and value and all(isinstance(item, Mapping) for item in value):
            for i, item in enumerate(value):  # records written field by field: each says what it states
                paths |= stated_paths(item, f"{path}[{i}].")
        else:
            paths.add(path)
    return paths


def owner(field: str, paths: Sequence[str]) -> int | None:
    """The index of the change whose path is the field or holds it (``funding.grants`` holds
    ``funding.grants[1].amount``), or None."""
    field = field.replace("__", ".")
    for i, path in enumerate(paths):
        path = path.replace("__", ".")
        if field == path or field.startswith(path) and field[len(path)] in ".[":
            return i
    return None


def _refusal(apply: Callable[[list], Any], changes: list) -> ScenarioError | None:
    try:
        apply(changes)
    except ScenarioError as error:
        return error
    return None


def every_mistake(
    apply: Callable[[list], Any], changes: list[Change], first: ScenarioError
) -> list[tuple[int | None, ScenarioError]]:
    """Every mistake among ``changes``, given that ``apply(changes)`` raised ``first``.

    Returns
    -------
    list of (index of the change or None, ScenarioError)
        In the order found; None for a mistake no single change owns.
    """
    found: list[tuple[int | None, ScenarioError]] = []
    remaining = list(range(len(changes)))
    error: ScenarioError | None = first
    while error is not None:
        i = owner(error.field, [changes[j][0] for j in remaining])
        index = None if i is None else remaining[i]
        found.append((index, error))
        if index is None:
            break
        alone = _refusal(apply, [changes[index]])
        if alone is None or (alone.field, alone.rule) != (error.field, error.rule):
            break  # a mistake of the combination: the rest cannot be checked without it
        path, value = changes[index]
        record = re.match(re.escape(path.replace("__", ".")) + r"\[(\d+)\]", error.field)
        if (
            record
            and _plain_list(path)
            and isinstance(value, (list, tuple))
            and all(isinstance(item, Mapping) for item in value)
        ):
            # A grant or a loan: check the other records of the list with this one at its defaults.
            value = list(value)
            value[int(record.group(1))] = {}
            changes = changes[:index] + [(path, value)] + changes[index + 1 :]
        else:
            remaining.remove(index)
        if not remaining:
            break
        error = _refusal(apply, [changes[j] for j in remaining])
    return found


def _plain_list(path: str) -> bool:
    """Whether the list at ``path`` holds records of fields only (grants, loans), whose default
    record is harmless; a town's providers hold groups, and must differ from each other."""
    prefix = _general(path.replace("__", ".")) + "[]."
    members = [f for f in FIELDS if f.path.startswith(prefix)]
    return bool(members) and all("." not in f.path[len(prefix) :] and f.type != "list" for f in members)
