"""records.pyi, the typed view of the record classes that editors and mypy read, is what
scripts/record_stub.py writes from the engine's schema, and says what the classes do."""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import pathlib

import pytest

import meantime
from meantime.scenario import records

ROOT = pathlib.Path(__file__).resolve().parents[2]
STUB = ROOT / "python" / "meantime" / "scenario" / "records.pyi"


def _writer():
    spec = importlib.util.spec_from_file_location("record_stub", ROOT / "scripts" / "record_stub.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _classes() -> dict[str, ast.ClassDef]:
    return {node.name: node for node in ast.parse(STUB.read_text()).body if isinstance(node, ast.ClassDef)}


def test_the_stub_is_what_the_schema_writes():
    assert STUB.read_text() == _writer().stub_text(), "run: PYTHONPATH=python python scripts/record_stub.py"


def test_the_stub_names_every_record_class_and_exports_the_same_names():
    assert sorted(_classes()) == sorted(cls.__name__ for cls in records.RECORD_CLASSES.values())
    tree = ast.parse(STUB.read_text())
    stub_all = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    )
    assert isinstance(stub_all, ast.List)
    assert [e.value for e in stub_all.elts if isinstance(e, ast.Constant)] == records.__all__


@pytest.mark.parametrize("path", ["market", "funding.grants[]", "providers[]", "collective.admin"])
def test_each_stub_class_has_the_records_fields_in_order_with_their_types(path):
    cls = records.RECORD_CLASSES[path]
    node = _classes()[cls.__name__]
    annotated = {
        n.target.id: ast.unparse(n.annotation)
        for n in node.body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    }
    assert list(annotated) == [f.name for f in dataclasses.fields(cls)]
    kinds = {f.path.rsplit(".", 1)[-1]: f.type for f in meantime.scenario_fields() if f.path.rsplit(".", 1)[0] == path}
    expected = {"number": "float", "integer": "int", "boolean": "bool", "choice": "str", "distribution": "Distribution"}
    for name, annotation in annotated.items():
        value = getattr(cls(), name)
        if kinds.get(name) == "list":
            assert annotation.startswith("tuple[") and isinstance(value, tuple)
        elif name in kinds:
            assert annotation == expected[kinds[name]]
            assert type(value).__name__ == annotation, name  # the default as the record holds it
        else:  # a nested record
            assert annotation == type(value).__name__
    init = next(n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    assert [a.arg for a in init.args.kwonlyargs] == list(annotated)
