"""help() works: every public name has a docstring, the examples run, and the stubs match _core."""

from __future__ import annotations

import ast
import doctest
import inspect
import pathlib

import pytest

import meantime
import meantime.analyses
import meantime.analyses.capital
import meantime.analyses.comparison
import meantime.analyses.deterministic
import meantime.analyses.price
import meantime.analyses.sensitivities
import meantime.analyses.sweeps
import meantime.errors
import meantime.plot
import meantime.plot.analyses
import meantime.plot.runs
import meantime.running.cluster
import meantime.running.progress
import meantime.running.result
import meantime.running.settings
import meantime.running.simulation
import meantime.running.words
import meantime.scenario.distributions
import meantime.scenario.files
import meantime.scenario.questionnaire
import meantime.scenario.records
import meantime.scenario.scenario
import meantime.scenario.schema
import meantime.scenario.spelling
from meantime import _core

MODULES = [
    meantime,
    meantime.scenario.distributions,
    meantime.errors,
    meantime.scenario.files,
    meantime.plot,
    meantime.plot.runs,
    meantime.plot.analyses,
    meantime.running.progress,
    meantime.running.result,
    meantime.running.simulation,
    meantime.scenario.scenario,
    meantime.scenario.schema,
    meantime.scenario.records,
    meantime.analyses,
    meantime.analyses.deterministic,
    meantime.analyses.capital,
    meantime.analyses.sweeps,
    meantime.analyses.price,
    meantime.analyses.sensitivities,
    meantime.analyses.comparison,
    meantime.running.cluster,
    meantime.running.settings,
    meantime.running.words,
    meantime.scenario.spelling,
    meantime.scenario.questionnaire,
]


@pytest.mark.parametrize("name", meantime.__all__)
def test_every_public_name_has_a_docstring(name):
    obj = getattr(meantime, name)
    if not (inspect.isclass(obj) or inspect.isfunction(obj)):
        return  # constants (SERIES, ...) are documented where they are defined
    assert inspect.getdoc(obj), name
    if inspect.isclass(obj):
        for member_name, member in vars(obj).items():
            if member_name.startswith("_") or not (inspect.isfunction(member) or isinstance(member, property)):
                continue
            assert inspect.getdoc(member), f"{name}.{member_name}"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def stub_names() -> dict[str, set[str]]:
    """Top-level names of _core.pyi, and for each class the names in its body."""
    tree = ast.parse(pathlib.Path(meantime.__file__).with_name("_core.pyi").read_text())
    names: dict[str, set[str]] = {"": set()}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[""].add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names[""].add(node.target.id)
        elif isinstance(node, ast.Assign):
            names[""].update(t.id for t in node.targets)
        if isinstance(node, ast.ClassDef):
            names[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
    return names


def test_the_stubs_list_everything_core_has():
    stubs = stub_names()
    public = {n for n in dir(_core) if not n.startswith("_")}
    assert public <= stubs[""], f"missing from _core.pyi: {sorted(public - stubs[''])}"
    for name in public:
        obj = getattr(_core, name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            members = {m for m in vars(obj) if not m.startswith("_")}
            assert members <= stubs[name], f"_core.{name} members missing from the stubs: {members - stubs[name]}"


def test_core_functions_have_docstrings():
    for name in dir(_core):
        obj = getattr(_core, name)
        if callable(obj) and not name.startswith("_") and not inspect.isclass(obj):
            assert obj.__doc__ and obj.__doc__.strip(), name
