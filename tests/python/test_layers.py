"""The package's house: each layer imports only the layers below it (the import-linter contract in
pyproject.toml), the import graph has no loops, and no import hides inside a function."""

from __future__ import annotations

import ast
import os
import pathlib
import shutil
import subprocess
import sys

import grimp
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = REPO / "python" / "meantime"
SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    """The import graph of the package's sources in the repository (not the installed copy)."""
    sys.path.insert(0, str(PACKAGE.parent))
    try:
        return grimp.build_graph("meantime", cache_dir=None)
    finally:
        sys.path.remove(str(PACKAGE.parent))


def test_every_source_file_is_in_the_graph(graph):
    assert len(SOURCES) > 50 and len(graph.modules) == len(SOURCES)


def lint_imports(source_root: pathlib.Path) -> subprocess.CompletedProcess:
    """import-linter with the repository's contract, on the package found in ``source_root``."""
    environment = {**os.environ, "PYTHONPATH": str(source_root)}
    lint = pathlib.Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--no-cache", str(REPO / "pyproject.toml")],
        cwd=source_root,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_the_layers_contract_is_kept():
    done = lint_imports(PACKAGE.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_the_contract_catches_an_upward_import(tmp_path):
    """The running layer importing the report (the loop this layout removed) breaks the contract."""
    shutil.copytree(PACKAGE, tmp_path / "meantime", ignore=shutil.ignore_patterns("__pycache__"))
    result = tmp_path / "meantime" / "running" / "result.py"
    result.write_text(result.read_text() + "\nfrom ..report import viability  # an upward import\n")
    done = lint_imports(tmp_path)
    assert done.returncode != 0 and "meantime.running is not allowed to import meantime.report" in done.stdout


def test_the_import_graph_has_no_loops(graph):
    """Every module reaches modules that never lead back to it. (``from .. import _core`` reads as
    an import of the root package, which imports everything; the next test keeps that honest.)"""
    edges = {m: {i for i in graph.find_modules_directly_imported_by(m) if i != "meantime"} for m in graph.modules}
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    loops = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in sorted(edges[module]):
            if state.get(imported) == 1:
                loops.append(path[path.index(imported) :] + [imported])
            elif imported not in state:
                visit(imported, path + [imported])
        state[module] = 2

    for module in sorted(graph.modules):
        if module not in state:
            visit(module, [module])
    assert loops == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_engine_is_imported_from_the_package_root(path):
    """``from .. import _core`` is the one import of the root package below it: any other name
    (``from .. import simulate``) would be an upward import that the contract cannot see."""
    package_depth = len(path.relative_to(PACKAGE).parts) - (0 if path.name == "__init__.py" else 1)
    if path.parent == PACKAGE and path.name == "__init__.py":
        return
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module is None and node.level == package_depth + 1:
            assert [alias.name for alias in node.names] == ["_core"], (path, node.lineno)
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "meantime":
            pytest.fail(f"{path}:{node.lineno} imports from the package root")
        if isinstance(node, ast.Import) and any(alias.name == "meantime" for alias in node.names):
            pytest.fail(f"{path}:{node.lineno} imports the package root")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_of_the_package_hides_inside_a_function(path):
    tree = ast.parse(path.read_text())
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            own = (
                isinstance(node, ast.ImportFrom)
                and (node.level > 0 or (node.module or "").startswith("meantime"))
                or isinstance(node, ast.Import)
                and any(a.name.startswith("meantime") for a in node.names)
            )
            assert not own, f"{path}:{node.lineno} imports the package inside {function.name}()"


def test_the_readme_states_the_layers_in_the_contracts_order():
    readme = (REPO / "README.md").read_text()
    paragraph = next(p for p in readme.split("\n\n") if p.startswith("The package's layers, bottom to top"))
    contract = (REPO / "pyproject.toml").read_text()
    layers = ["errors", "scenario", "running", "analyses", "plot", "report", "cli"]
    assert [paragraph.index(f"`{name}`") for name in layers] == sorted(paragraph.index(f"`{n}`") for n in layers)
    assert [contract.index(f'"meantime.{name}') for name in reversed(layers)] == sorted(
        contract.index(f'"meantime.{name}') for name in layers
    )
