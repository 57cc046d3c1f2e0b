"""The public surface a reader and an editor can see: every export written out by name, the
record classes matching the engine's schema, no private names across modules, no look-ups of
the package's own functions by name."""

from __future__ import annotations

import ast
import pathlib

import pytest

import meantime
import meantime.scenario.records as records

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "python" / "meantime"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_record_classes_written_out_are_the_engines_schema():
    """records.py names each class the schema makes; a new group or list in the engine fails here
    until its class is added by name in records.py (meantime/__init__.py takes records.__all__)."""
    made = {cls.__name__: cls for cls in records.RECORD_CLASSES.values()}
    written = [name for name in records.__all__ if name != "Record"]
    assert sorted(written) == sorted(made), "write these in records.py: " + ", ".join(
        f'{cls.__name__} = RECORD_CLASSES["{path}"]'
        for path, cls in records.RECORD_CLASSES.items()
        if cls.__name__ not in written
    )
    for name, cls in made.items():
        assert getattr(records, name) is cls and getattr(meantime, name) is cls and name in meantime.__all__
    # ...and the schema they come from is the engine's: a class for every record its fields sit in.
    records_of_fields = {f.path.rsplit(".", 1)[0] for f in meantime.scenario_fields() if "." in f.path}
    assert records_of_fields and records_of_fields <= set(records.RECORD_CLASSES)
    assert len(made) == len(records.RECORD_CLASSES)  # one name each


def _all_of(path: pathlib.Path) -> tuple[list[str], list[str]]:
    """The names __all__ is written with in a module, and the modules whose __all__ it adds."""
    written: list[str] = []
    added: list[str] = []
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            assert isinstance(node.value, ast.List) and all(isinstance(e, ast.Constant) for e in node.value.elts)
            written += [e.value for e in node.value.elts]
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == "__all__":
            # `__all__ += module.__all__`, the one derived form editors and type checkers follow
            value = node.value
            assert isinstance(value, ast.Attribute) and value.attr == "__all__" and isinstance(value.value, ast.Name)
            added.append(value.value.id)
    return written, added


def test_every_export_is_written_out():
    """Each name is written out once: in meantime/__init__.py, or for the record classes in
    records.py (whose __all__ the package adds to its own, with `from .scenario.records import *`)."""
    written, added = _all_of(PACKAGE / "__init__.py")
    assert added == ["records"]
    records_written, records_added = _all_of(PACKAGE / "scenario" / "records.py")
    assert records_added == [] and records_written == records.__all__
    assert written + records_written == meantime.__all__
    assert len(set(meantime.__all__)) == len(meantime.__all__)
    for name in meantime.__all__:
        assert hasattr(meantime, name), name


def _calls(path: pathlib.Path, function: str, first_argument: str | None = None) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function:
            if first_argument is None or (
                node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == first_argument
            ):
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_globals_edits_and_no_lookups_by_name_on_the_package(path):
    assert _calls(path, "globals") == []
    assert _calls(path, "getattr", "meantime") == []


def _package_of(path: pathlib.Path) -> tuple[str, ...]:
    return ("meantime",) + path.relative_to(PACKAGE).parent.parts


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_is_imported_across_modules(path):
    """A name with a leading underscore stays in its module; a private module (``_runs``) stays
    in its subpackage. The engine, ``_core``, is the package's own."""
    package = _package_of(path)
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        target = package[: len(package) - node.level + 1] + tuple((node.module or "").split(".") if node.module else ())
        for alias in node.names:
            full = target + (alias.name,)
            private = [
                part for part in full[1:] if part.startswith("_") and part != "_core" and not part.endswith("__")
            ]
            if not private:
                continue
            # A private module of the importer's own subpackage is its business.
            is_module = (
                PACKAGE.joinpath(*full[1:]).with_suffix(".py").exists()
                or PACKAGE.joinpath(*target[1:]).with_suffix(".py").exists()
                and not alias.name.startswith("_")
            )
            assert is_module and full[: len(package)] == package, f"{path}:{node.lineno} imports {'.'.join(full)}"
