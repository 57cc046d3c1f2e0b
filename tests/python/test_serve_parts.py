"""The parts of `meantime serve` without a server: the form made from the field table, values
checked as typed, a case's file out and back in, hostile uploads, and the SQLite store."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("starlette", reason="meantime serve needs pip install 'meantime[serve]'")

import meantime  # noqa: E402
from meantime.errors import ScenarioError  # noqa: E402
from meantime.serve.casefile import UploadError, file_text, read_upload  # noqa: E402
from meantime.serve.forms import FormError, form_fields, parse_values, values_of  # noqa: E402
from meantime.serve.settings import Settings, SettingsError  # noqa: E402
from meantime.serve.storage import CaseStore, NotFound  # noqa: E402


def test_the_form_has_every_field_of_the_table_with_unit_range_and_help():
    shown = {f["path"]: f for g in form_fields() for f in g["fields"]}
    town = ("providers", "town", "collective")  # the page models one start-up
    table = [f for f in meantime.scenario_fields() if "[]" not in f.path and f.group not in town]
    assert list(shown) == [f.path for f in table]
    price = shown["business.price_per_session"]
    assert price["unit"] and price["help"] and price["range"].startswith(">")
    assert shown["funding.grants"]["type"] == "list" and shown["funding.grants"]["default"] == "[]"
    assert "{amount = 0, month = 1}" in shown["funding.grants"]["help"]  # how to write a grant
    assert shown["market.arrivals"]["choices"] == list(meantime.scenario_fields()[
        [f.path for f in meantime.scenario_fields()].index("market.arrivals")].choices)


def test_the_default_values_make_the_default_scenario():
    assert parse_values(values_of(meantime.default_scenario())) == meantime.default_scenario()


def test_values_are_read_as_people_type_them():
    s = parse_values({"market.population": "45,000", "business.price_per_session": "£12.50",
                      "market.fit_share": '{dist = "beta", alpha = 11, beta = 31}',
                      "funding.grants": "[{amount = 2000, month = 3}]", "benefits.enabled": True})
    assert s.market.population == meantime.fixed(45000) and s.business.price_per_session == 12.5
    assert s.market.fit_share == meantime.beta(11, 31)
    assert s.funding.grants[0].amount == 2000 and s.funding.grants[0].month == 3
    assert s.benefits.enabled is True


def test_every_mistake_is_named_at_once_with_its_rule():
    with pytest.raises(FormError) as caught:
        parse_values({"market.population": "many", "clients.churn_per_month": "5%", "business.session_hours": "",
                      "run.months": "12.5", "benefits.enabled": "yes", "no.such": "1"})
    problems = caught.value.problems
    assert set(problems) == {"market.population", "clients.churn_per_month", "business.session_hours", "run.months",
                             "benefits.enabled", "no.such"}
    assert "expected a number" in problems["market.population"]
    assert "0.05" in problems["clients.churn_per_month"]
    assert "empty" in problems["business.session_hours"]
    assert "whole number" in problems["run.months"]
    with pytest.raises(FormError) as caught:
        parse_values({"business.price_per_session": "-3"})
    assert list(caught.value.problems) == ["business.price_per_session"]


def test_a_case_file_holds_the_stated_fields_and_loads_back_the_same():
    scenario = meantime.default_scenario().replace(business__price_per_session=15, household__savings=6000)
    text = file_text(scenario, ["business.price_per_session", "household.savings"], "Budgeting help")
    assert text.startswith("# Budgeting help")
    assert "session_hours" not in text
    loaded, stated = read_upload("case.toml", text.encode(), 1_000_000)
    assert loaded == scenario and sorted(stated) == ["business.price_per_session", "household.savings"]


@pytest.mark.parametrize("name, raw, words", [
    ("big.toml", b"#" * 2_000, "too large"),
    ("x.toml", b"\x00\x01\x02binary", "binary"),
    ("x.exe", b"MZ", "not a scenario file"),
    ("x.json", b"[" * 100 + b"]" * 100, "nested"),
])
def test_hostile_uploads_are_refused_in_words(name, raw, words):
    with pytest.raises((UploadError, ScenarioError)) as caught:
        read_upload(name, raw, 1_000)
    assert words in str(caught.value)


def test_a_town_is_not_a_case_of_one_start_up():
    with pytest.raises(UploadError, match="town"):
        read_upload("town.toml", b"[[providers]]\nstream = 1\n[[providers]]\nstream = 2\n", 1_000_000)


def test_beyond_this_machine_needs_a_token():
    with pytest.raises(SettingsError, match="token"):
        Settings(host="0.0.0.0").check()
    with pytest.raises(SettingsError, match="8 characters"):
        Settings(host="0.0.0.0", token="short").check()
    Settings(host="0.0.0.0", token="long enough secret").check()
    Settings(host="::1").check()


def test_the_store_keeps_each_owners_cases_apart(tmp_path):
    store = CaseStore(tmp_path / "cases.sqlite3")
    case, first = store.save("alice", None, "Idea", "v1", {"business.price_per_session": "12"}, [])
    _, second = store.save("alice", case, "Idea", "v2", {"business.price_per_session": "14"},
                           ["business.price_per_session"])
    store.keep_answer("alice", second, {"headline": "words"})
    assert [v["name"] for v in store.cases("alice")[0]["versions"]] == ["v1", "v2"]
    assert store.version("alice", second)["answer"] == {"headline": "words"}
    assert store.cases("bob") == []
    for attempt in (lambda: store.version("bob", first), lambda: store.keep_answer("bob", first, {}),
                    lambda: store.save("bob", case, "x", "y", {}, []), lambda: store.delete_case("bob", case)):
        with pytest.raises(NotFound):
            attempt()
    reopened = CaseStore(tmp_path / "cases.sqlite3")
    assert reopened.version("alice", first)["scenario"] == {"business.price_per_session": "12"}
    assert reopened.integrity() == "ok"


def test_the_store_takes_saves_from_many_threads(tmp_path):
    store = CaseStore(tmp_path / "cases.sqlite3")
    errors = []

    def save(owner: str) -> None:
        try:
            for i in range(10):
                store.save(owner, None, f"case {i}", "v", {}, [])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(f"owner{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert all(len(store.cases(f"owner{i}")) == 10 for i in range(8))
