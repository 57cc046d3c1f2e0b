"""A funding file: a pot, the rules and objective to judge it by, and a town's candidate
start-ups (scenario files), for :func:`~meantime.portfolio` and ``meantime portfolio``.

::

    # funding.toml
    title = "Pump-priming a town"     # optional: the report's title
    pot = 20000                       # pounds
    rule = ["optimise", "need", "equal"]   # or one rule; the first is the recommendation
    objective = "alive_36"
    paths = 5000
    seed = 2026
    step = 1000                       # optional: pounds moved at a time (default pot / 20)
    target_survival = 0.9             # optional: the need rule's target
    pots = [0, 5000, 10000, 20000, 40000]  # optional: the pots of the curve

    [candidates]                      # name = scenario file, relative to this file
    paperwork_help = "../kitchen_table.toml"
    befriending_walks = "candidates/befriending_walks.toml"

A mistake is a :class:`~meantime.ScenarioFileError` naming the file, the line, the key and the
rule (``funding.toml, line 2: pot: must be at least 0 pounds, got -5``); a mistake inside a
candidate's scenario file names that file.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from ..errors import ArgumentError, RunSettingsError
from ..scenario import lines as file_lines
from ..scenario.files import MAX_FILE_BYTES, ScenarioFileError, tomllib
from ..scenario.scenario import Scenario

__all__ = ["FundingPlan", "read_funding", "FUNDING_KEYS"]

#: The keys of a funding file and what each holds.
FUNDING_KEYS = {
    "title": "the report's title (text)",
    "pot": "pounds of grant money",
    "rule": "a rule or a list of rules: none, equal, need, optimise",
    "objective": "alive_12, alive_24, alive_36, client_months or cost_per_survivor",
    "paths": "simulated futures per start-up",
    "seed": "seed of the random streams",
    "step": "pounds the optimiser moves at a time",
    "target_survival": "the survival the need rule funds each start-up to reach",
    "pots": "pots (pounds) for the curve against the pot",
    "candidates": "a table: name = scenario file, relative to the funding file",
}


@dataclass
class FundingPlan:
    """What a funding file says; :meth:`portfolio_arguments` gives the keywords of
    :func:`~meantime.portfolio`."""

    file: str
    scenarios: dict[str, Scenario]
    files: dict[str, str]
    pot: float
    rule: Any = "optimise"
    objective: str = "alive_36"
    paths: Optional[int] = None
    seed: Optional[int] = None
    step: Optional[float] = None
    target_survival: float = 0.9
    pots: Optional[list] = None
    title: Optional[str] = None
    lines: dict = field(default_factory=dict, repr=False)

    def portfolio_arguments(self) -> dict[str, Any]:
        arguments = dict(
            scenarios=self.scenarios,
            pot=self.pot,
            rule=self.rule,
            objective=self.objective,
            step=self.step,
            target_survival=self.target_survival,
        )
        if self.paths is not None:
            arguments["paths"] = self.paths
        if self.seed is not None:
            arguments["seed"] = self.seed
        return arguments

    def error(self, key: str, rule: str) -> ScenarioFileError:
        """A mistake about ``key`` of this file, at its line."""
        return ScenarioFileError(self.file, self.lines.get((key,)), key, rule)

    def check(self, call: Callable[[], Any]) -> Any:
        """``call()``, with an ArgumentError about one of the file's keys told as a mistake in the
        file (its line and key)."""
        try:
            return call()
        except (ArgumentError, RunSettingsError) as error:
            key = error.field.split("[")[0]
            if key == "scenarios":
                name = error.field[len("scenarios['") : -2] if "[" in error.field else ""
                key = f"candidates.{name}" if name else "candidates"
                line = self.lines.get(("candidates", name)) or self.lines.get(("candidates",))
                raise ScenarioFileError(self.file, line, key, error.rule) from None
            if key in FUNDING_KEYS:
                raise self.error(key, error.rule) from None
            raise


def _read_text(path: str) -> str:
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioFileError(path, None, "", "no such file") from None
    except IsADirectoryError:
        raise ScenarioFileError(path, None, "", "is a folder, not a funding file") from None
    except OSError as error:
        raise ScenarioFileError(path, None, "", f"cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioFileError(path, None, "", f"is too large for a funding file (at most {MAX_FILE_BYTES:,} bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ScenarioFileError(
            path, raw[: error.start].count(b"\n") + 1, "", "is not UTF-8 text (save it as UTF-8)"
        ) from None


def read_funding(path: str | os.PathLike) -> FundingPlan:
    """Read a funding file (TOML; see the module's notes) and the candidates' scenario files."""
    name = os.fspath(path)
    if not name.lower().endswith(".toml"):
        raise ScenarioFileError(name, None, "", "a funding file is TOML: name it .toml")
    text = _read_text(name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(found.group(1)) if found else None
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise ScenarioFileError(name, line, "", f"is not valid TOML: {message}") from None
    lines = file_lines.toml_lines(text)

    def fail(key: str, rule: str) -> ScenarioFileError:
        return ScenarioFileError(name, lines.get(tuple(key.split("."))), key, rule)

    for key in data:
        if key not in FUNDING_KEYS:
            close = difflib.get_close_matches(key, FUNDING_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the keys are {', '.join(FUNDING_KEYS)}"
            raise fail(key, f"unknown key; {hint}")
    if "pot" not in data:
        raise ScenarioFileError(name, None, "pot", "is missing: say how many pounds the pot holds, e.g. pot = 20000")
    candidates = data.get("candidates")
    if not isinstance(candidates, dict) or not candidates:
        raise fail("candidates", 'is missing or empty: a table of name = "scenario file" under [candidates]')
    folder = os.path.dirname(os.path.abspath(name))
    scenarios, files = {}, {}
    for key, value in candidates.items():
        if not isinstance(value, str) or not value:
            raise fail(f"candidates.{key}", f"must be the path of a scenario file (text), got {value!r}")
        candidate = value if os.path.isabs(value) else os.path.join(folder, value)
        if not os.path.isfile(candidate):
            raise fail(
                f"candidates.{key}",
                f"no such scenario file {value!r} (paths are relative to the funding file's folder)",
            )
        scenarios[key] = Scenario.from_file(candidate)  # a mistake inside names that file
        files[key] = value
    for key in ("paths", "seed"):
        if key in data and (isinstance(data[key], bool) or not isinstance(data[key], int)):
            raise fail(key, f"must be a whole number, got {data[key]!r}")
    if "title" in data and not isinstance(data["title"], str):
        raise fail("title", f"must be text, got {data['title']!r}")
    known = {
        k: data[k]
        for k in ("rule", "objective", "paths", "seed", "step", "target_survival", "pots", "title")
        if k in data
    }
    return FundingPlan(file=name, scenarios=scenarios, files=files, pot=data["pot"], lines=lines, **known)
