"""Write python/meantime/scenario/records.pyi: every scenario record class with its fields, typed,
for editors and type checkers (the classes themselves are made at import from the engine's
schema, which no checker can read).

    PYTHONPATH=python python scripts/record_stub.py

tests/python/test_record_stub.py fails when the file differs from what this writes, so a field,
record or list added to the engine is typed as soon as its class exists.
"""

from __future__ import annotations

import pathlib

from meantime.scenario import records
from meantime.scenario.record_base import RECORD_CLASSES, Record

STUB = pathlib.Path(__file__).resolve().parents[1] / "python" / "meantime" / "scenario" / "records.pyi"

# A field's value as a record holds it, and what a record accepts for it (the engine's canonical
# form: a plain number in a distribution field becomes a fixed distribution).
_HELD = {"number": "float", "integer": "int", "boolean": "bool", "choice": "str", "distribution": "Distribution"}
_GIVEN = {"distribution": "Distribution | float | Mapping[str, Any]"}
# A nested record, or a list's record, may be given as any record of the same fields or as a dict.
_GIVEN_RECORD = "Record | Mapping[str, Any]"

_HEADER = '''"""The scenario's record classes with their fields, for editors and type checkers.

Written by `python scripts/record_stub.py` from the engine's schema (tests/python/test_record_stub.py
checks it): do not edit by hand.
"""

from typing import Any, Iterable, Mapping

from .distributions import Distribution
from .record_base import Record as Record
'''


def _entries(cls: type[Record]) -> list[tuple[str, str, str]]:
    """(name, type held, type accepted) for each entry of the record, in the engine's order."""
    entries = []
    for child in cls._children.values():
        if child.kind == "field":
            held = _HELD[child.info.type]
            entries.append((child.name, held, _GIVEN.get(child.info.type, held)))
        elif child.kind == "record":
            entries.append((child.name, child.record.__name__, _GIVEN_RECORD))
        else:
            entries.append((child.name, f"tuple[{child.record.__name__}, ...]", f"Iterable[{_GIVEN_RECORD}]"))
    return entries


def _init(entries: list[tuple[str, str, str]]) -> list[str]:
    """The constructor, keyword-only, one parameter a line (as ruff formats a long signature)."""
    if not entries:
        return ["    def __init__(self) -> None: ..."]
    lines = ["    def __init__(", "        self,", "        *,"]
    lines += [f"        {field}: {given} = ...," for field, _, given in entries]
    lines.append("    ) -> None: ...")
    return lines


def _class(cls: type[Record]) -> list[str]:
    entries = _entries(cls)
    where = f"``{cls._path}``" if cls._path else "the scenario's"
    lines = [f"class {cls.__name__}(Record):", f'    """The {where} record."""', ""]
    lines += [f"    {field}: {held}" for field, held, _ in entries]
    lines += _init(entries)
    return lines


def stub_text() -> str:
    """The text of records.pyi for the engine this package was built with."""
    classes = sorted(RECORD_CLASSES.values(), key=lambda cls: cls.__name__)
    names = list(records.__all__)
    lines = [_HEADER, "__all__ = ["] + [f'    "{name}",' for name in names] + ["]", ""]
    for cls in classes:
        lines += _class(cls) + [""]
    return "\n".join(lines)


if __name__ == "__main__":
    STUB.write_text(stub_text())
    print(f"wrote {STUB} ({len(RECORD_CLASSES)} record classes)")
