"""The example cases offered on the page: the repository's single-provider scenario files, shipped
in the package beside this module (a town or a funder's file is not a case of one start-up)."""

from __future__ import annotations

import importlib.resources
import pathlib

from ..scenario.files import _parse, read_text
from ..scenario.scenario import Scenario
from .forms import stated_paths

__all__ = ["names", "load"]

_FOLDER = pathlib.Path(str(importlib.resources.files(__package__) / "examples"))


def names() -> list[str]:
    """The examples' names (file names without .toml); the built-in kitchen table first."""
    found = sorted(p.stem for p in _FOLDER.glob("*.toml")) if _FOLDER.is_dir() else []
    return ["kitchen_table"] + [n for n in found if n != "kitchen_table"]


def load(name: str) -> tuple[Scenario, list[str]]:
    """An example's scenario and the fields its file states; a LookupError for another name."""
    from .storage import NotFound

    if name not in names():
        raise NotFound(f"no example called {name!r}; there are {', '.join(names())}")
    path = _FOLDER / f"{name}.toml"
    if not path.is_file():  # the kitchen table is the built-in default
        from ..scenario.scenario import default_scenario

        return default_scenario(), []
    text = path.read_text(encoding="utf-8")
    data, _ = _parse(text, "toml", path.name)
    scenario = read_text(text, "toml", Scenario.from_dict, path.name, allow_defaults=True)  # the page shows every value
    if scenario.providers:
        raise NotFound(f"{name} is a town of several providers, not a case of one start-up")
    return scenario, stated_paths(data)
