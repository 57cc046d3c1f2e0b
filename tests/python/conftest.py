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


def pinned_statistics_digests() -> dict[int, int]:
    """seed -> the pinned statistics digest of Golden.DigestsOfWholeRuns."""
    source = golden_source()
    table = re.search(r"pinned\[\d+\]\[2\] = \{(.*?)\};", source, re.S)
    seeds = re.search(r"const std::uint64_t seeds\[\] = \{(.*?)\};", source, re.S)
    assert table and seeds, f"the pinned digests were not found in {GOLDEN_CPP}"
    pairs = re.findall(r"\{\s*0x([0-9a-fA-F]+)ULL,\s*0x([0-9a-fA-F]+)ULL\s*\}", table.group(1))
    seed_values = [int(s) for s in re.findall(r"\d+", seeds.group(1))]
    assert len(pairs) == len(seed_values)
    return {seed: int(statistics, 16) for seed, (_, statistics) in zip(seed_values, pairs)}


@pytest.fixture(scope="session")
def golden_result() -> meantime.Result:
    """The default scenario, 1000 paths, seed 2026: the C++ golden run."""
    return meantime.simulate(meantime.default_scenario(), paths=1000, seed=2026, progress=False)
