"""Shared fixtures: the golden run the C++ tests pin, read from tests/cpp/test_golden.cpp."""

from __future__ import annotations

import pathlib
import re

import pytest

import meantime

REPO = pathlib.Path(__file__).resolve().parents[2]
GOLDEN_CPP = REPO / "tests" / "cpp" / "test_golden.cpp"


def golden_source() -> str:
    return GOLDEN_CPP.read_text()


def pinned_first_paths() -> list[tuple[int, int, float, int]]:
    """The `Pinned pinned[4]` table of Golden.FirstPathsOfTheDefaultScenario (one source of truth)."""
    table = re.search(r"const Pinned pinned\[\d+\] = \{(.*?)\};", golden_source(), re.S)
    assert table, f"the pinned first-paths table was not found in {GOLDEN_CPP}"
    rows = re.findall(r"\{\s*(-?\d+),\s*(-?\d+),\s*(-?[\d.e+-]+),\s*(-?\d+)\s*\}", table.group(1))
    assert rows, "the pinned first-paths table has no rows"
    return [(int(a), int(b), float(c), int(d)) for a, b, c, d in rows]


def classic_scenario() -> meantime.Scenario:
    """The default start-up with £900 a month of income typed in and no benefit rule: survival
    strictly between 0 and 1 and no rule that depends on savings, for tests of the mechanics
    (the default founder, without limited capability for work, fails once the minimum income
    floor ends Universal Credit)."""
    return meantime.default_scenario().replace({"benefits.enabled": False, "household.other_income_per_month": 900})


@pytest.fixture(scope="session")
def golden_result() -> meantime.Result:
    """The default scenario, 1000 paths, seed 2026: the C++ golden run."""
    return meantime.simulate(meantime.default_scenario(), paths=1000, seed=2026, progress=False)


def pytest_configure(config):
    config.addinivalue_line("markers", "with_analyses: the report test runs the real analyses (the others leave them out, for speed)")
