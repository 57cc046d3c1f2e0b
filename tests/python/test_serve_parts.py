"""The parts of `meantime serve` without a server: the form made from the field table, values
checked as typed, the blank case's questions (those of `meantime new`), the answer without and
then with its line without benefits, a case's file out and back in, hostile uploads, and the
SQLite store."""

from __future__ import annotations

import sqlite3
import threading

import pytest

pytest.importorskip("starlette", reason="meantime serve needs pip install 'meantime[serve]'")

import meantime  # noqa: E402
from meantime.cli import main as cli  # noqa: E402
from meantime.errors import ScenarioError  # noqa: E402
from meantime.scenario import essentials  # noqa: E402
from meantime.scenario.questionnaire import questions  # noqa: E402
from meantime.serve import answers  # noqa: E402
from meantime.serve.casefile import UploadError, file_text, read_upload  # noqa: E402
from meantime.serve.forms import FormError, form_fields, parse_values, values_of  # noqa: E402
from meantime.serve.guided import guided  # noqa: E402
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
    assert shown["market.arrivals"]["choices"] == list(
        meantime.scenario_fields()[[f.path for f in meantime.scenario_fields()].index("market.arrivals")].choices
    )


def test_the_default_values_make_the_default_scenario():
    assert parse_values(values_of(meantime.default_scenario())) == meantime.default_scenario()


def test_values_are_read_as_people_type_them():
    s = parse_values(
        {
            "market.population": "45,000",
            "business.price_per_session": "£12.50",
            "market.fit_share": '{dist = "beta", alpha = 11, beta = 31}',
            "funding.grants": "[{amount = 2000, month = 3}]",
            "benefits.enabled": True,
        }
    )
    assert s.market.population == meantime.fixed(45000) and s.business.price_per_session == 12.5
    assert s.market.fit_share == meantime.beta(11, 31)
    assert s.funding.grants[0].amount == 2000 and s.funding.grants[0].month == 3
    assert s.benefits.enabled is True


def test_every_mistake_is_named_at_once_with_its_rule():
    with pytest.raises(FormError) as caught:
        parse_values(
            {
                "market.population": "many",
                "clients.churn_per_month": "5%",
                "business.session_hours": "",
                "run.months": "12.5",
                "benefits.enabled": "yes",
                "no.such": "1",
            }
        )
    problems = caught.value.problems
    assert set(problems) == {
        "market.population",
        "clients.churn_per_month",
        "business.session_hours",
        "run.months",
        "benefits.enabled",
        "no.such",
    }
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


@pytest.mark.parametrize(
    "name, raw, words",
    [
        ("big.toml", b"#" * 2_000, "too large"),
        ("x.toml", b"\x00\x01\x02binary", "binary"),
        ("x.exe", b"MZ", "not a scenario file"),
        ("x.json", b"[" * 100 + b"]" * 100, "nested"),
    ],
)
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
    _, second = store.save(
        "alice", case, "Idea", "v2", {"business.price_per_session": "14"}, ["business.price_per_session"]
    )
    store.keep_answer("alice", second, {"headline": "words"})
    assert [v["name"] for v in store.cases("alice")[0]["versions"]] == ["v1", "v2"]
    assert store.version("alice", second)["answer"] == {"headline": "words"}
    assert store.cases("bob") == []
    for attempt in (
        lambda: store.version("bob", first),
        lambda: store.keep_answer("bob", first, {}),
        lambda: store.save("bob", case, "x", "y", {}, []),
        lambda: store.delete_case("bob", case),
    ):
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


# -- the blank guided case: the questions of `meantime new` -------------------------------------------

GARDEN = {
    "service": "Gardening and company for older people",
    "price": "£30 an hour",
    "session_hours": "90 minutes",
    "hours_per_week": "20",
    "population": "45,000",
    "asked": "30",
    "interested": "6",
    "household": "couple",
    "rent": "£600",
    "partner_earnings": "£1,200",
    "other_income": "0",
    "savings": "£2,500",
    "living_costs": "1400",
    "startup_costs": "600",
    "monthly_costs": "80",
}


def guided_scenario(answers: dict) -> tuple[meantime.Scenario, dict]:
    """The scenario the page runs once the questions are answered: the blank case's form values
    (the defaults) with the values the answers set."""
    reply = guided(answers)
    return parse_values({**values_of(meantime.default_scenario()), **reply["values"]}), reply


def test_the_blank_case_asks_the_questions_of_meantime_new():
    reply = guided({})
    assert [q["key"] for q in reply["questions"]] == [q.key for q in questions()]
    asked = {q["key"] for q in reply["questions"] if q["asked"]}
    # Before any answer: no research asked about, no partner (the household is not yet a couple).
    assert {"interested", "committed", "partner_earnings"}.isdisjoint(asked)
    assert reply["missing"] == [q.key for q in questions() if q.key in asked and q.default is None]
    assert not reply["complete"] and reply["problems"] == {}
    # The questions left empty that offer an answer set their fields, marked as offered.
    offered = [q for q in questions() if q.key in asked and q.default is not None]
    assert reply["offered"] == sorted(q.field for q in offered) == reply["stated"]


def test_answered_questions_make_the_scenario_meantime_new_writes(tmp_path, capsys):
    path = tmp_path / "garden.toml"
    flags = [part for key, text in GARDEN.items() for part in (f"--{key.replace('_', '-')}", text)]
    assert cli.main(["new", "--no-input", "-o", str(path), *flags]) == 0
    capsys.readouterr()
    scenario, reply = guided_scenario(GARDEN)
    assert reply["complete"] and reply["missing"] == [] and reply["problems"] == {}
    assert scenario == meantime.Scenario.from_file(path)
    assert scenario.business.price_per_session == 45  # £30 an hour for 90-minute sessions
    assert essentials.unstated(reply["stated"]) == []  # the answers state every essential
    assert reply["title"] == GARDEN["service"]
    # The committed clients' question was left empty: its offered 0 is taken, and marked.
    assert reply["offered"] == ["household.age_band", "household.limited_capability", "market.committed_clients"]


def test_each_answer_is_checked_with_those_before_it_and_every_problem_named():
    reply = guided({**GARDEN, "interested": "40", "savings": "lots", "household": "single"})
    assert set(reply["problems"]) == {"interested", "savings"}
    assert "at most the 30 asked" in reply["problems"]["interested"]
    assert "an amount in pounds" in reply["problems"]["savings"]
    assert not reply["complete"]
    asked = {q["key"] for q in reply["questions"] if q["asked"]}
    assert "partner_earnings" not in asked and reply["values"]["household.partner_income_per_month"] == "0"
    hourly = guided({"price": "£30 an hour"})  # sessions offered as 1 hour: £30 a session
    assert hourly["values"]["business.price_per_session"] == "30"
    for wrong, words in (
        ([1, 2], "must map"),
        ({"price": 12}, "must be text"),
        ({"salary": "1"}, "not a question"),
        ({"service": "x" * 201}, "too long"),
    ):
        with pytest.raises(FormError, match=words):
            guided(wrong)


# -- the answer after a change: one run; the line without benefits after it ----------------------------


def test_the_quick_answer_and_its_line_without_benefits_are_the_words_of_meantime_run():
    scenario = meantime.default_scenario().replace(household__savings=9000)
    assert scenario.benefits.enabled
    quick = answers.answer(scenario, 2_000, 7)
    without = answers.without_benefits(scenario, 2_000, 7)
    found = answers.capital(scenario, 2_000, 7)  # benefits' capital limits: found by a search
    words = list(quick["words"])
    words.insert(quick["capital"]["at"], found["line"])  # the later place first
    words.insert(quick["without_benefits"]["at"], without["line"])
    expected = meantime.simulate(scenario, paths=2_000, seed=7, progress=False)
    assert words == str(expected).splitlines()
    assert without["survival"]["p"] == expected.without_benefits.survival()
    assert "Without benefits" not in " ".join(quick["words"])
    # Kept with an answer of the same seed and paths only.
    other = answers.answer(scenario, 1_000, 7)
    assert not answers.add_without_benefits(other, without) and other["without_benefits"]["line"] is None
    assert answers.add_without_benefits(quick, without) and quick["without_benefits"]["line"] == without["line"]
    assert answers.add_capital(quick, found)
    assert quick["extra_capital_90"] == expected.extra_capital(0.9).extra == 0  # £9,000 suffice
    off = scenario.replace(benefits__enabled=False)
    assert answers.answer(off, 1_000, 7)["without_benefits"] is None
    with pytest.raises(ValueError, match="benefits.enabled"):
        answers.without_benefits(off, 1_000, 7)


def test_the_capital_card_is_the_figure_of_meantime_run_and_meantime_capital(monkeypatch):
    scenario = meantime.default_scenario()  # benefits on: found by the search on savings
    engine_runs = []
    simulate = meantime._core.simulate
    monkeypatch.setattr(meantime._core, "simulate", lambda *a, **k: engine_runs.append(1) or simulate(*a, **k))
    quick = answers.answer(scenario, 1_000, 7)
    # The search (about ten runs) follows the answer, so that a change is answered in one run.
    assert len(engine_runs) == 1
    monkeypatch.undo()
    assert quick["extra_capital_90"] is None and quick["capital"]["line"] is None
    assert quick["words"][quick["capital"]["at"]].startswith("Answer: ")  # it goes just before the verdict
    found = answers.capital(scenario, 1_000, 7)
    expected = meantime.simulate(scenario, paths=1_000, seed=7, progress=False)
    capital = expected.extra_capital(0.9)
    table = meantime.required_capital(scenario, survival=0.9, paths=1_000, seed=7, progress=False)
    assert found["extra"] == capital.extra == table.loc[0.9, "extra_capital"] > 0
    assert found["interval"] == [capital.low, capital.high]
    assert capital.low < capital.extra < capital.high
    assert found["line"].startswith(f"About £{capital.extra:,.0f} more starting capital")
    # Kept with an answer of the same seed and paths only; then the words are meantime run's.
    other = answers.answer(scenario, 500, 7)
    assert not answers.add_capital(other, found) and other["extra_capital_90"] is None
    assert answers.add_capital(quick, found) and quick["extra_capital_90"] == capital.extra
    words = list(quick["words"])
    words.insert(quick["capital"]["at"], found["line"])
    assert words == expected.words(without_benefits=False)


def test_without_a_savings_dependent_rule_the_capital_comes_with_the_answer():
    scenario = meantime.default_scenario().replace(benefits__enabled=False)
    quick = answers.answer(scenario, 1_000, 7)
    capital = meantime.simulate(scenario, paths=1_000, seed=7, progress=False).extra_capital(0.9)
    assert quick["capital"] is None and capital.method == "lowest_cash"
    assert quick["extra_capital_90"] == capital.extra > 0
    assert f"About £{capital.extra:,.0f} more starting capital" in " ".join(quick["words"])


def test_a_kept_answer_is_changed_in_one_transaction(tmp_path):
    store = CaseStore(tmp_path / "cases.sqlite3")
    case, version = store.save("alice", None, "Idea", "v1", {}, [])
    assert not store.update_answer("alice", version, lambda kept: True)  # no answer kept yet
    store.keep_answer("alice", version, {"n": 1})
    assert store.update_answer("alice", version, lambda kept: kept.update(n=2) is None)
    assert not store.update_answer("alice", version, lambda kept: kept.update(n=3) is not None)  # declined
    assert store.version("alice", version)["answer"] == {"n": 2}
    with pytest.raises(NotFound):
        store.update_answer("bob", version, lambda kept: True)


def test_versions_are_compared_on_the_same_futures_with_paired_differences():
    cheap = meantime.default_scenario().replace(household__savings=9000)
    dear = cheap.replace(business__price_per_session=15)
    table = answers.comparison(("£11", cheap), ("£15", dear), 2_000, 7)
    rows = {row["answer"]: row for row in table["rows"]}
    alone = [meantime.simulate(s, paths=2_000, seed=7, progress=False) for s in (cheap, dear)]
    survival = rows["survival"]
    # The same futures as each version run alone (shares of 2,000 paths: equal to rounding).
    assert (survival["first"], survival["second"]) == pytest.approx(
        (alone[0].survival(), alone[1].survival()), abs=1e-12
    )
    assert survival["difference"] == pytest.approx(alone[1].survival() - alone[0].survival(), abs=1e-12)
    # A version against itself meets the very same futures: no difference, and no error in it
    # (unpaired, two independent runs would differ by about sqrt(2 p (1 - p) / n)).
    same = {row["answer"]: row for row in answers.comparison(("a", cheap), ("a", cheap), 2_000, 7)["rows"]}
    assert (
        same["survival"]["difference"] == 0
        and same["survival"]["difference_se"] == same["survival"]["difference_pm"] == 0
    )
    # The ± shown is the 95% interval's half-width: 1.96 paired standard errors.
    assert survival["difference_se"] > 0
    assert survival["difference_pm"] == pytest.approx(1.959963984540054 * survival["difference_se"], rel=1e-12)
    assert "95%" in table["convention"]
    assert answers.comparison(("a", cheap), ("a", cheap), 100, 7)["second"] == "a (2)"


def test_a_version_keeps_which_values_a_question_offered_and_older_files_gain_the_column(tmp_path):
    path = tmp_path / "cases.sqlite3"
    with sqlite3.connect(path) as db:  # a file from before versions kept what was offered
        db.executescript(
            "CREATE TABLE cases (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL, created REAL NOT NULL,"
            " updated REAL NOT NULL);"
            "CREATE TABLE versions (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id),"
            " name TEXT NOT NULL, scenario TEXT NOT NULL, stated TEXT NOT NULL, answer TEXT, created REAL NOT NULL);"
            "INSERT INTO cases VALUES (1, 'alice', 'Old idea', 0, 0);"
            "INSERT INTO versions VALUES (1, 1, 'v1', '{}', '[\"household.savings\"]', NULL, 0);"
        )
    store = CaseStore(path)
    assert store.version("alice", 1)["offered"] == [] and store.version("alice", 1)["stated"] == ["household.savings"]
    stated = ["business.session_hours", "household.savings"]
    _, version = store.save("alice", 1, "Old idea", "v2", {}, stated, ["business.session_hours"])
    assert store.version("alice", version)["offered"] == ["business.session_hours"]
    assert CaseStore(path).integrity() == "ok"
