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
    """The default start-up before the renewing market (before_renewal), with £900 a month of income typed in and no benefit rule: survival
    strictly between 0 and 1 and no rule that depends on savings, for tests of the mechanics
    (the default founder, without limited capability for work, fails once the minimum income
    floor ends Universal Credit)."""
    return before_renewal(meantime.default_scenario()).replace(
        {"benefits.enabled": False, "household.other_income_per_month": 900}
    )


@pytest.fixture(scope="session")
def golden_result() -> meantime.Result:
    """The default scenario, 1000 paths, seed 2026: the C++ golden run."""
    return meantime.simulate(meantime.default_scenario(), paths=1000, seed=2026, progress=False)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "with_analyses: the report test runs the real analyses (the others leave them out, for speed)"
    )


def new_parts_off(scenario: meantime.Scenario) -> meantime.Scenario:
    """The scenario with the renewing market (routes, renewal, committed people, the research
    prior, interest discounted to purchase) and delivery as it is (missed sessions, weeks off,
    travel) switched off."""
    fit = scenario.market.fit_share
    changes = {
        "market.routes.enabled": False,
        "market.renewal.enabled": False,
        "market.interest_to_purchase": 1.0,
        "market.committed_clients": 0,
        "clients.missed_share": 0.0,
        "business.weeks_off_per_year": 0.0,
        "business.travel_minutes_per_visit": 0.0,
    }
    if fit.kind == "research":
        p = fit.parameters
        changes["market.fit_share"] = meantime.research_share(int(p["asked"]), int(p["interested"]), 0.5)
    return scenario.replace(changes)


def before_renewal(scenario: meantime.Scenario) -> meantime.Scenario:
    """new_parts_off, and the defaults they changed as they were (no budget reviews, 70% of hours
    client-facing, no limited capability for work assessed): for the default scenario, the engine's behaviour before them, on which the
    known-answer tests were worked out (tests/cpp/scenarios.hpp, scenario_before_renewal)."""
    return new_parts_off(scenario).replace(
        {
            "clients.review_month": 0,
            "clients.review_cut_probability": 0.0,
            "business.client_facing_share": 0.7,
            "household.limited_capability": "none",
        }
    )
