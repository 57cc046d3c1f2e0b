"""The example cases offered on the page: the repository's single-provider scenario files, shipped
in the package beside this module (a town or a funder's file is not a case of one start-up)."""

from __future__ import annotations

import importlib.resources
import pathlib

from ..scenario.scenario import Scenario, default_scenario
from .casefile import read_case
from .storage import NotFound

__all__ = ["names", "load"]

_FOLDER = pathlib.Path(str(importlib.resources.files(__package__) / "examples"))


def names() -> list[str]:
    """The examples' names (file names without .toml); the built-in kitchen table first."""
    found = sorted(p.stem for p in _FOLDER.glob("*.toml")) if _FOLDER.is_dir() else []
    return ["kitchen_table"] + [n for n in found if n != "kitchen_table"]


def load(name: str) -> tuple[Scenario, list[str]]:
    """An example's scenario and the fields its file states; a LookupError for another name."""
    if name not in names():
        raise NotFound(f"no example called {name!r}; there are {', '.join(names())}")
    path = _FOLDER / f"{name}.toml"
    if not path.is_file():  # the kitchen table is the built-in default
        return default_scenario(), []
    scenario, stated = read_case(path.read_text(encoding="utf-8"), "toml", path.name)
    if scenario.providers:
        raise NotFound(f"{name} is a town of several providers, not a case of one start-up")
    return scenario, stated
