"""Fuzzing the scenario loaders with hypothesis (the Python part; libFuzzer fuzzes the engine's).

Invariants: whatever the text or data, ``Scenario.from_file`` and ``Scenario.from_dict`` either
succeed or raise a :class:`meantime.ScenarioError` (never a KeyError, TypeError, RecursionError
from deep in a parser...); and a loaded scenario round-trips through each of the three formats.

Derandomized (the examples are a fixed function of the test), about 200 examples a test with a
deadline per example, so a CI run is stable and takes a few seconds.
"""

from __future__ import annotations

import json
import math

import pytest

hypothesis = pytest.importorskip("hypothesis")
import tomli_w  # noqa: E402
import yaml  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import meantime  # noqa: E402

FUZZ = settings(
    max_examples=200,
    deadline=2000,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FORMATS = ["toml", "yaml", "json"]
FIELDS = [f for f in meantime.scenario_fields() if "[]" not in f.path]
GROUPS = sorted({f.group for f in FIELDS})

# Keys a hostile or careless file would hold: real groups and fields, near misses, anything.
names = st.one_of(
    st.sampled_from(GROUPS),
    st.sampled_from([f.name for f in FIELDS]),
    st.sampled_from(["dist", "min", "max", "mode", "mean", "sd", "loans", "grants"]),
    st.text(max_size=12),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(names, inner, max_size=4)),
    max_leaves=12,
)
# A scenario-shaped dict: groups of fields (most with values of any kind), plus stray keys.
shaped = st.dictionaries(
    st.sampled_from(GROUPS), st.dictionaries(st.sampled_from([f.name for f in FIELDS]), values, max_size=4), max_size=4
)
# A town: a list of providers, each with some of its own fields and groups (lists in lists).
PROVIDER_KEYS = sorted(
    {f.path.split(".")[1].split("[")[0] for f in meantime.scenario_fields() if f.path.startswith("providers[].")}
)
towns = st.fixed_dictionaries(
    {
        "providers": st.lists(
            st.dictionaries(
                st.sampled_from(PROVIDER_KEYS),
                st.one_of(values, st.dictionaries(st.sampled_from([f.name for f in FIELDS]), values, max_size=3)),
                max_size=3,
            ),
            max_size=3,
        )
    }
)
data_dicts = st.one_of(shaped, towns, st.dictionaries(names, values, max_size=5))


def load_only_our_errors(path) -> meantime.Scenario | None:
    try:
        return meantime.Scenario.from_file(path)
    except meantime.ScenarioError:
        return None


def without_none(value):
    """TOML has no null: drop None values (and keep every other value as it is)."""
    if isinstance(value, dict):
        return {str(k): without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value if v is not None]
    return value


def text_of(data: dict, fmt: str) -> str:
    if fmt == "toml":
        return tomli_w.dumps(without_none(data))
    if fmt == "yaml":
        return yaml.safe_dump(data)
    return json.dumps(data)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def check_round_trip(scenario: meantime.Scenario, folder) -> None:
    for fmt in FORMATS:
        path = folder / f"again.{fmt}"
        scenario.to_file(path)
        assert meantime.Scenario.from_file(path) == scenario, fmt


@FUZZ
@given(text=st.text(max_size=300), fmt=st.sampled_from(FORMATS))
def test_arbitrary_text_loads_or_raises_our_error(folder, text, fmt):
    path = folder / f"text.{fmt}"
    path.write_text(text, encoding="utf-8")
    scenario = load_only_our_errors(path)
    if scenario is not None:
        check_round_trip(scenario, folder)


@FUZZ
@given(raw=st.binary(max_size=300), fmt=st.sampled_from(FORMATS))
def test_arbitrary_bytes_load_or_raise_our_error(folder, raw, fmt):
    path = folder / f"bytes.{fmt}"
    path.write_bytes(raw)
    load_only_our_errors(path)


@FUZZ
@given(data=data_dicts, fmt=st.sampled_from(FORMATS))
def test_structured_files_load_or_raise_our_error(folder, data, fmt):
    try:
        text = text_of(data, fmt)
    except (TypeError, ValueError, OverflowError):  # not writable in this format: nothing to load
        return
    path = folder / f"data.{fmt}"
    path.write_text(text, encoding="utf-8")
    scenario = load_only_our_errors(path)
    if scenario is not None:
        check_round_trip(scenario, folder)


@FUZZ
@given(data=data_dicts)
def test_from_dict_succeeds_or_raises_our_error(data):
    try:
        meantime.Scenario.from_dict(data)
    except meantime.ScenarioError:
        pass


def in_range(f) -> st.SearchStrategy:
    """A value of field ``f`` within its bounds (cross-field rules may still refuse it)."""
    if f.type == "flag":
        return st.booleans()
    if f.type == "choice":
        return st.sampled_from(f.choices)
    low = f.min if math.isfinite(f.min) else -1e6
    high = f.max if math.isfinite(f.max) else 1e6
    if f.type == "integer":
        return st.integers(
            math.ceil(low) + (1 if f.min_open and float(low).is_integer() else 0), math.floor(min(high, low + 1000))
        )
    return st.floats(low, min(high, low + 1e6), exclude_min=f.min_open, allow_nan=False)


SETTABLE = [f for f in FIELDS if f.type in ("number", "integer", "distribution", "flag", "choice")]


# Three writes and reads an example: fewer examples keep it to a few seconds.
@settings(FUZZ, max_examples=100)
@given(st.data())
def test_valid_scenarios_round_trip_in_every_format(folder, data):
    fields = data.draw(st.lists(st.sampled_from(SETTABLE), max_size=6, unique_by=lambda f: f.path))
    changes = {f.path: data.draw(in_range(f), label=f.path) for f in fields}
    try:
        scenario = meantime.default_scenario().replace(changes)
    except meantime.ScenarioError:  # a cross-field rule (innovation + imitation <= 1...)
        return
    check_round_trip(scenario, folder)
