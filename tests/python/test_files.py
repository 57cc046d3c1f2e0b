"""Scenario files: round trips in TOML, YAML and JSON; every error names file, line, field and
what was expected; hostile files are refused quickly; the example scenarios load and run."""

from __future__ import annotations

import pathlib
import pickle
import re
import sys
import time

import pytest

import meantime
from meantime.scenario.files import MAX_DEPTH, MAX_FILE_BYTES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples" / "scenarios"


def everything_changed() -> meantime.Scenario:
    """A scenario touching every kind of value: distributions, choices, flags, nested records
    and lists of records."""
    return meantime.default_scenario().replace(
        {
            "business.price_per_session": 12.5,
            "market.fit_share": meantime.research_share(30, 4),
            "market.population": meantime.lognormal(60000, 0.1),
            "market.arrivals": "referrals",
            "clients.waiting_list": True,
            "run.months": 24,
            "payments.direct_payment.share": 0.7,
            "payments.self_funded.share": 0.3,
            "funding.grants": [{"amount": 2000, "month": 3}, {"amount": 500, "month": 12}],
            "funding.loans": [{"principal": 5000, "apr": 0.06, "term_months": 36, "holiday_months": 6}],
        }
    )


@pytest.mark.parametrize("ext", ["toml", "yaml", "yml", "json"])
def test_round_trip(tmp_path, ext):
    s = everything_changed()
    path = tmp_path / f"idea.{ext}"
    s.to_file(path)
    assert meantime.Scenario.from_file(path) == s
    assert meantime.Scenario.from_file(str(path)) == s  # a str path too
    # the default scenario, too
    meantime.default_scenario().to_file(path)
    assert meantime.Scenario.from_file(path) == meantime.default_scenario()


def test_format_argument_overrides_the_extension(tmp_path):
    path = tmp_path / "idea.txt"
    everything_changed().to_file(path, format="yaml")
    assert meantime.Scenario.from_file(path, format="yaml") == everything_changed()
    with pytest.raises(meantime.ScenarioFileError, match="cannot tell the format"):
        meantime.Scenario.from_file(path)


def test_toml_is_written_for_people(tmp_path):
    path = tmp_path / "idea.toml"
    everything_changed().to_file(path)
    text = path.read_text()
    assert "[business]\n" in text and "price_per_session = 12.5\n" in text
    assert 'population = { dist = "lognormal", median = 60000, sigma = 0.1 }' in text  # inline, no ".0"
    assert "{ amount = 2000, month = 3 }," in text
    tomllib.loads(text)  # valid TOML


def test_annotated_toml_has_every_field_with_unit_and_range(tmp_path):
    path = tmp_path / "defaults.toml"
    meantime.default_scenario().to_file(path, annotate=True)
    text = path.read_text()
    assert meantime.Scenario.from_file(path) == meantime.default_scenario()
    same_groups = re.split(r"[,\s#]+", re.search(r"groups of the same names: ([\w,\s#]+)\.", text).group(1))
    for f in meantime.scenario_fields():
        assert f.description[1:] in text, f.path
        if "[]" in f.path:  # the records of a list are described, by their path in the record
            within = f.path.rsplit("[].", 1)[1]
            assert f"#   {within}: " in text or within.split(".")[0] in same_groups, f.path
            continue
        if f.type == "list" and f"[[{f.path}]]" in text:  # records holding groups: an example
            assert f"#   [[{f.path}]]" in text, f.path
            continue
        assert f"\n{f.name} = " in text, f.path
        if f.unit and f.type != "list":
            assert f"({f.unit};" in text, f.path
    assert "(pounds; number > 0 and <= 100000)." in text  # price_per_session's unit and range


def test_the_annotated_example_of_a_list_of_tables_is_a_valid_scenario(tmp_path):
    text = meantime.scenario.files.scenario_text(meantime.default_scenario(), "toml", annotate=True)
    lines = text.splitlines()
    start = lines.index("#   [[providers]]")
    example = []
    for line in lines[start:]:
        if not line.startswith("#   "):
            break
        example.append(line[len("#   ") :])
    (tmp_path / "town.toml").write_text("\n".join(example) + "\n")
    s = meantime.Scenario.from_file(tmp_path / "town.toml", allow_defaults=True)  # an example, not a town
    assert len(s.providers) == 1 and "[providers.business]" in example
    assert s.providers[0].business.price_per_session == s.business.price_per_session


def test_partial_files_based_on_the_example_fill_in_its_values(tmp_path):
    path = tmp_path / "partial.toml"
    path.write_text('based_on = "kitchen-table"\n[business]\nprice_per_session = 14\n')
    s = meantime.Scenario.from_file(path)
    assert s == meantime.default_scenario().replace(business__price_per_session=14)
    (tmp_path / "example.yaml").write_text("based_on: kitchen-table\n")
    assert meantime.Scenario.from_file(tmp_path / "example.yaml") == meantime.default_scenario()
    (tmp_path / "dotted.json").write_text('{"business.price_per_session": 14}')
    assert meantime.Scenario.from_file(tmp_path / "dotted.json", allow_defaults=True) == s


# -- errors ----------------------------------------------------------------------------------------


def file_error(tmp_path, name: str, text: str) -> meantime.ScenarioFileError:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    error = caught.value
    assert isinstance(error, meantime.ScenarioError) and isinstance(error, ValueError)
    assert str(error).startswith(str(path))
    return error


def test_unknown_key_suggests_the_closest_name_with_its_line(tmp_path):
    error = file_error(tmp_path, "a.toml", "# my idea\n[business]\nprice_per_sesion = 12\n")
    assert (error.line, error.field) == (3, "business.price_per_sesion")
    assert "did you mean 'business.price_per_session'?" in error.rule
    assert str(error) == (
        f"{tmp_path / 'a.toml'}, line 3: business.price_per_sesion: unknown field; "
        "did you mean 'business.price_per_session'?"
    )
    again = pickle.loads(pickle.dumps(error))
    assert (again.file, again.line, again.field, again.rule) == (error.file, error.line, error.field, error.rule)


def test_a_field_in_the_wrong_group_is_pointed_home(tmp_path):
    error = file_error(tmp_path, "a.yaml", "market:\n  price_per_session: 12\n")
    assert error.line == 2 and "did you mean 'business.price_per_session'?" in error.rule


@pytest.mark.parametrize(
    "name, text, line",
    [
        ("a.toml", "[market]\nfit_share = 35\n", 2),
        ("a.yaml", "market:\n  population: 60000\n  fit_share: 35\n", 3),
        ("a.json", '{\n  "market": {\n    "fit_share": 35\n  }\n}\n', 3),
    ],
)
def test_a_probability_above_one_asks_about_percentages(tmp_path, name, text, line):
    error = file_error(tmp_path, name, text)
    assert (error.line, error.field) == (line, "market.fit_share")
    assert "did you mean 0.35 (35%)?" in error.rule and "fractions between 0 and 1" in error.rule


def test_text_where_a_number_belongs(tmp_path):
    error = file_error(tmp_path, "a.toml", '[business]\nprice_per_session = "twelve"\n')
    assert error.line == 2 and error.rule == 'expected a number (pounds), got the text "twelve"'
    error = file_error(tmp_path, "b.json", '{"business": {"price_per_session": "12"}}')
    assert error.rule.endswith('got the text "12"; write the number without quotes')


@pytest.mark.parametrize(
    "name, text",
    [
        ("a.toml", "[household]\nsavings = nan\n"),
        ("b.toml", "[household]\nsavings = inf\n"),
        ("c.json", '{"household": {"savings": NaN}}'),
        ("d.yaml", "household:\n  savings: .inf\n"),
    ],
)
def test_nan_and_infinity(tmp_path, name, text):
    error = file_error(tmp_path, name, text)
    assert error.field == "household.savings"
    assert "expected a finite number (pounds)" in error.rule
    assert "NaN" in error.rule or "infinity" in error.rule


def test_min_above_max_in_a_distribution(tmp_path):
    error = file_error(tmp_path, "a.toml", '[market]\nfit_share = { dist = "uniform", min = 0.5, max = 0.2 }\n')
    assert (error.line, error.field) == (2, "market.fit_share")
    assert "min must be <= max" in error.rule


def test_unknown_distribution_lists_the_valid_ones(tmp_path):
    error = file_error(tmp_path, "a.yaml", "market:\n  fit_share: {dist: triangle, min: 0.1, mode: 0.2, max: 0.3}\n")
    assert error.line == 2 and 'unknown distribution "triangle"' in error.rule
    for family in meantime.Distribution.families():
        assert family in error.rule
    error = file_error(
        tmp_path, "b.toml", '[market]\nfit_share = { dist = "triangular", min = 0.1, mdoe = 0.2, max = 0.3 }\n'
    )
    assert "did you mean 'mode' for 'mdoe'?" in error.rule


def test_errors_in_lists_of_records_name_the_record_and_its_line(tmp_path):
    error = file_error(
        tmp_path, "a.toml", "[funding]\ngrants = [\n  { amount = 100 },\n  { amount = 100, mnth = 2 },\n]\n"
    )
    assert (error.line, error.field) == (4, "funding.grants[1].mnth")
    assert "did you mean 'funding.grants[1].month'?" in error.rule
    error = file_error(tmp_path, "b.toml", "[[funding.grants]]\namount = 100\n\n[[funding.grants]]\namount = -5\n")
    assert (error.line, error.field) == (5, "funding.grants[1].amount")


@pytest.mark.parametrize(
    "name, text, line, words",
    [
        ("a.toml", "[business\nprice = 1\n", 1, "is not valid TOML"),
        ("b.json", '{\n  "business": {\n    "price_per_session": 12,\n  }\n}\n', 4, "is not valid JSON"),
        ("c.yaml", "business: [1, 2\n", 2, "is not valid YAML"),
        ("d.yaml", "business:\n  price_per_session: 12\n  price_per_session: 13\n", 3, "appears twice"),
        (
            "e.yaml",
            "business:\n  price_per_session: !!python/object/apply:os.system [echo hi]\n",
            2,
            "is not valid YAML",
        ),
    ],
)
def test_syntax_errors_give_the_line(tmp_path, name, text, line, words):
    error = file_error(tmp_path, name, text)
    assert error.line == line and words in error.rule and error.field == ""


def test_file_level_problems(tmp_path):
    with pytest.raises(meantime.ScenarioFileError, match="no such file"):
        meantime.Scenario.from_file(tmp_path / "missing.toml")
    with pytest.raises(meantime.ScenarioFileError, match="is a folder"):
        meantime.Scenario.from_file(tmp_path, format="toml")
    assert "must hold the scenario's groups" in file_error(tmp_path, "a.json", "[1, 2]").rule
    (tmp_path / "b.toml").write_bytes(b"[business]\nprice_per_session = \xff\n")
    with pytest.raises(meantime.ScenarioFileError, match="not UTF-8"):
        meantime.Scenario.from_file(tmp_path / "b.toml")
    with pytest.raises(meantime.ScenarioFileError, match="cannot tell the format"):
        meantime.Scenario.from_file(tmp_path / "c.ini")


def refused_quickly(tmp_path, name: str, text: str, words: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    start = time.perf_counter()
    with pytest.raises(meantime.ScenarioFileError, match=words):
        meantime.Scenario.from_file(path)
    assert time.perf_counter() - start < 2.0  # seconds; typically well under 0.5


def test_oversized_files_are_refused_before_parsing(tmp_path):
    refused_quickly(tmp_path, "big.toml", "# padding\n" * (MAX_FILE_BYTES // 10 + 1), "too large")


@pytest.mark.parametrize(
    "name, text",
    [
        ("deep.json", "[" * 50_000 + "]" * 50_000),
        ("deep.toml", "a = " + "[" * 50_000 + "]" * 50_000),
        ("deep.yaml", "a: " + "[" * 50_000 + "]" * 50_000),
        ("indented.yaml", "".join(" " * i + "k:\n" for i in range(1_000))),
        ("dotted.toml", ".".join(["a"] * 1_000) + " = 1\n"),
    ],
)
def test_deep_nesting_is_refused(tmp_path, name, text):
    refused_quickly(tmp_path, name, text, f"nested more than {MAX_DEPTH} levels")


def test_yaml_alias_bombs_and_cycles_are_refused(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    refused_quickly(tmp_path, "bomb.yaml", "\n".join(lines) + "\n", "once its aliases")
    refused_quickly(tmp_path, "cycle.yaml", "a: &a [*a]\n", "refers to a node that contains it")


def test_a_few_yaml_aliases_are_fine(tmp_path):
    path = tmp_path / "alias.yaml"
    path.write_text(
        "based_on: kitchen-table\nbusiness:\n  price_per_session: &price 12\nhousehold:\n  drawings_buffer: *price\n"
    )
    s = meantime.Scenario.from_file(path)
    assert s.household.drawings_buffer == 12.0


# -- the examples ------------------------------------------------------------------------------------

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.toml"))


def test_there_are_the_default_and_three_more_examples():
    names = {p.stem for p in EXAMPLE_FILES}
    assert {"kitchen_table", "peer_support_group", "allotment_project", "coding_courses"} <= names


def test_the_kitchen_table_example_is_the_built_in_default():
    assert meantime.Scenario.from_file(EXAMPLES / "kitchen_table.toml") == meantime.default_scenario()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_each_example_loads_runs_and_says_where_its_figures_come_from(path):
    text = path.read_text()
    assert "illustrative" in text  # every example marks what is not from a source
    s = meantime.Scenario.from_file(path)
    result = meantime.simulate(s, paths=500, seed=1, progress=False)
    for one in getattr(result, "providers", [result]):  # a town: each provider's
        assert 0.0 <= one.survival() <= 1.0
    if path.stem != "kitchen_table":
        assert s != meantime.default_scenario()


# -- a town: a list of records holding records and lists of their own ---------------------------


def a_town() -> meantime.Scenario:
    return meantime.Scenario(
        providers=[
            {
                "business": {"price_per_session": 12},
                "collective_member": True,
                "market": {"fit_share": meantime.beta(5, 20)},
            },
            {
                "stream": 2,
                "fit": 0.5,
                "collective_member": True,
                "costs": {"insurance": 25},
                "funding": {"grants": [{"amount": 500, "month": 2}, {"amount": 250, "month": 6}]},
            },
            {"stream": 3, "payments": {"direct_payment": {"delay_months": 1}}},
        ],
        town={"shared_market": True, "price_coefficient": 0.2},
        collective={"enabled": True, "insurance": {"shared": True, "cost_per_month": 30}},
    )


@pytest.mark.parametrize("ext", [".toml", ".yaml", ".json"])
def test_a_town_round_trips_through_every_format(tmp_path, ext):
    path = tmp_path / f"town{ext}"
    a_town().to_file(path)
    assert meantime.Scenario.from_file(path) == a_town()
    assert meantime.Scenario.from_file(path).fingerprint == a_town().fingerprint


def test_a_town_in_toml_is_arrays_of_tables_with_group_tables(tmp_path):
    text = meantime.scenario.files.scenario_text(a_town(), "toml")
    data = tomllib.loads(text)
    assert [p["stream"] for p in data["providers"]] == [1, 2, 3]
    assert text.count("\n[[providers]]\n") == 3 and "\n[providers.business]\n" in text
    assert "\n[providers.payments.direct_payment]\n" in text
    assert "{ amount = 250, month = 6 }," in text  # a provider's grants: inline tables, as the scenario's
    # Written by hand from the example: a provider needs only what differs from it.
    hand = (
        "[[providers]]\n[providers.business]\nprice_per_session = 12\n\n"
        "[[providers]]\nstream = 2\n[providers.funding]\ngrants = [{ amount = 500, month = 2 }]\n\n"
        "[collective.insurance]\nshared = true\n"
    )
    (tmp_path / "hand.toml").write_text('based_on = "kitchen-table"\n' + hand)
    s = meantime.Scenario.from_file(tmp_path / "hand.toml")
    assert s.get("providers[1].funding.grants[0].amount") == 500.0
    assert s.providers[0].business.price_per_session == 12.0 and s.collective.insurance.shared is True
    yaml_text = meantime.scenario.files.scenario_text(a_town(), "yaml")
    assert "providers:\n- stream: 1\n" in yaml_text and "- {amount: 500, month: 2}" in yaml_text


@pytest.mark.parametrize(
    "name, text, line, field",
    [
        (
            "a.toml",
            "[[providers]]\n\n[[providers]]\nstream = 2\n[providers.business]\nprice_per_session = -3\n",
            6,
            "providers[1].business.price_per_session",
        ),
        (
            "a.yaml",
            "providers:\n  - {}\n  - stream: 2\n    business:\n      price_per_session: -3\n",
            5,
            "providers[1].business.price_per_session",
        ),
        (
            "a.json",
            '{"providers": [\n  {},\n  {"stream": 2,\n   "business": {"price_per_session": -3}}]}\n',
            4,
            "providers[1].business.price_per_session",
        ),
        (
            "b.toml",
            "[[providers]]\n[[providers]]\nstream = 2\n[providers.funding]\n"
            "grants = [\n  { amount = 1 },\n  { amount = -1 },\n]\n",
            7,
            "providers[1].funding.grants[1].amount",
        ),
        (
            "b.yaml",
            "providers:\n- stream: 1\n- stream: 2\n  funding:\n    grants:\n    - amount: 1\n    - amount: -1\n",
            7,
            "providers[1].funding.grants[1].amount",
        ),
    ],
)
def test_errors_in_a_town_name_the_provider_and_the_line(tmp_path, name, text, line, field):
    error = file_error(tmp_path, name, text)
    assert (error.line, error.field) == (line, field)
    assert "must be" in error.rule
    assert f"line {line}: {field}: must be" in str(error)


def test_unknown_names_in_a_town_suggest_the_providers_own(tmp_path):
    error = file_error(
        tmp_path, "a.toml", "[[providers]]\n[[providers]]\nstream = 2\n[providers.busines]\nprice_per_session = 3\n"
    )
    assert (error.line, error.field) == (4, "providers[1].busines")
    assert "did you mean 'providers[1].business'?" in error.rule
    error = file_error(tmp_path, "a.yaml", "providers:\n- funding:\n    grants: [{amount: 4}, {amont: 3}]\n")
    assert (error.line, error.field) == (3, "providers[0].funding.grants[1].amont")
    assert "did you mean 'providers[0].funding.grants[1].amount'?" in error.rule
    error = file_error(tmp_path, "b.yaml", "providers:\n  business:\n    price_per_session: 3\n")
    assert error.field == "providers" and "must be a list of Provider records" in error.rule


def test_the_largest_town_fits_the_file_limits(tmp_path):
    # As many providers as the engine allows, each with a grant, written out in full.
    most = int({f.path: f for f in meantime.scenario_fields()}["providers"].max)
    town = meantime.Scenario(
        providers=[{"stream": i + 1, "funding": {"grants": [{"amount": 100}]}} for i in range(most)]
    )
    for ext in (".toml", ".yaml", ".json"):
        path = tmp_path / f"big{ext}"
        town.to_file(path)
        assert path.stat().st_size < MAX_FILE_BYTES / 2, ext
        assert meantime.Scenario.from_file(path) == town
    with pytest.raises(meantime.ScenarioError, match="providers: .*at most"):
        meantime.Scenario(providers=[{"stream": i + 1} for i in range(most + 1)])
