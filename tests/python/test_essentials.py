"""No answer silently rests on the built-in example: a scenario file or dict must state the
essentials (the price, the hours, the market's size, the household's money) or say it starts from
the example; what came from the example is listed by ``validate``, ``run`` and ``defaults_used``."""

from __future__ import annotations

import pickle

import pytest

import meantime
from meantime.cli import main as cli
from meantime.report.viability import write_report
from meantime.scenario.essentials import ESSENTIALS, essential_fields

STATED = """\
[business]
price_per_session = 15
session_hours = 1
founder_hours_per_week = 20

[market]
population = 45000
fit_share = { dist = "research", asked = 30, interested = 6 }

[household]
couple = false
limited_capability = "none"
housing_costs_per_month = 500
savings = 2500
living_costs_per_month = 1400
other_income_per_month = 0
partner_income_per_month = 0
"""

WITHOUT_HOUSEHOLD = STATED.split("[household]")[0]
HOUSEHOLD = [f.path for f in essential_fields() if f.path.startswith("household.")]


def refused(path) -> meantime.ScenarioFileError:
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    return caught.value


def test_every_essential_is_a_field_of_the_engine():
    assert [f.path for f in essential_fields()] == [
        p for p in ESSENTIALS if p in {f.path for f in meantime.scenario_fields()}
    ]
    assert len(essential_fields()) >= 8 and len(HOUSEHOLD) >= 3


def test_an_empty_file_is_refused(tmp_path):
    for name in ("empty.toml", "empty.yaml", "empty.json"):
        (tmp_path / name).write_text("{}" if name.endswith(".json") else "")
        error = refused(tmp_path / name)
        assert "is empty" in error.rule and "meantime new" in error.rule and 'based_on = "kitchen-table"' in error.rule


def test_a_file_missing_the_household_is_refused_with_the_list_of_what_is_missing(tmp_path):
    path = tmp_path / "no_household.toml"
    path.write_text(WITHOUT_HOUSEHOLD)
    error = refused(path)
    assert set(error.missing) == set(HOUSEHOLD)
    text = str(error)
    assert f"{len(HOUSEHOLD)} essential values are not stated" in text
    for field in HOUSEHOLD:
        name = field.split(".")[1]
        assert f"  {field}: " in text and f"write {name} = ... under [household]" in text
    # Each missing field is described as the engine's field table describes it, with its unit.
    savings = next(f for f in meantime.scenario_fields() if f.path == "household.savings")
    assert f"household.savings: {savings.description}, pounds" in text
    assert 'based_on = "kitchen-table"' in text and "--allow-defaults" in text
    assert "business." not in text and "market." not in text  # only what is missing


def test_a_file_stating_the_essentials_loads_and_borrows_nothing_decisive(tmp_path):
    path = tmp_path / "idea.toml"
    path.write_text(STATED)
    s = meantime.Scenario.from_file(path)
    assert s.household.savings.to_dict() == 2500 and s.defaults_used() == {}
    assert "clients.churn_per_month" in s.defaults_used(essential=False)  # the rest are the example's


def test_based_on_and_allow_defaults_keep_the_example_and_list_what_came_from_it(tmp_path):
    path = tmp_path / "quick.toml"
    path.write_text('based_on = "kitchen-table"\n' + WITHOUT_HOUSEHOLD)
    s = meantime.Scenario.from_file(path)
    assert list(s.defaults_used()) == HOUSEHOLD
    assert (
        s.defaults_used()["household.other_income_per_month"]
        == meantime.default_scenario().household.other_income_per_month
    )
    (tmp_path / "plain.toml").write_text(WITHOUT_HOUSEHOLD)
    assert meantime.Scenario.from_file(tmp_path / "plain.toml", allow_defaults=True) == s
    (tmp_path / "typo.toml").write_text('based_on = "kitchen table"\n' + STATED)
    assert 'the built-in example is "kitchen-table"' in refused(tmp_path / "typo.toml").rule


def test_from_dict_is_refused_too_unless_allowed():
    with pytest.raises(meantime.EssentialsMissing) as caught:
        meantime.Scenario.from_dict({"business": {"price_per_session": 12}})
    assert "household.savings" in caught.value.missing and "business.price_per_session" not in caught.value.missing
    assert "allow_defaults=True" in str(caught.value)
    assert isinstance(caught.value, meantime.ScenarioError) and isinstance(caught.value, ValueError)
    s = meantime.Scenario.from_dict({"business": {"price_per_session": 12}}, allow_defaults=True)
    assert s == meantime.Scenario.from_dict({"based_on": "kitchen-table", "business.price_per_session": 12})
    assert meantime.Scenario.from_dict(s.to_dict()) == s  # a complete dict states everything
    again = pickle.loads(pickle.dumps(s))
    assert again == s and again.defaults_used() == s.defaults_used()


def test_python_scenarios_say_what_they_took_from_the_example():
    assert list(meantime.default_scenario().defaults_used()) == [f.path for f in essential_fields()]
    s = meantime.default_scenario().replace(household={"savings": 100, "living_costs_per_month": 900})
    assert "household.savings" not in s.defaults_used() and "market.population" in s.defaults_used()


def test_validate_and_run_list_the_values_from_the_example(tmp_path, capsys):
    path = tmp_path / "quick.toml"
    path.write_text('based_on = "kitchen-table"\n' + WITHOUT_HOUSEHOLD)
    assert cli.main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "From the built-in kitchen-table example, not stated: household.savings = 4000" in out
    # Spelled as the file would write them (TOML), not as Python prints them.
    flowed = " ".join(out.split())
    assert "household.couple = false" in flowed and 'household.limited_capability = "lcw"' in flowed
    assert cli.main(["run", str(path), "--paths", "200", "--no-progress"]) == 0
    assert "not stated: household.savings = 4000" in capsys.readouterr().out
    (tmp_path / "idea.toml").write_text(STATED)
    assert cli.main(["validate", str(tmp_path / "idea.toml")]) == 0
    out = capsys.readouterr().out
    assert "not stated" not in out
    others = len(meantime.Scenario.from_file(tmp_path / "idea.toml").defaults_used(essential=False))
    assert f"  {others} other fields keep the built-in example's values" in out


def test_the_command_line_refuses_a_file_missing_essentials_unless_told(tmp_path, capsys):
    path = tmp_path / "no_household.toml"
    path.write_text(WITHOUT_HOUSEHOLD)
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "household.savings: founder's starting savings" in err and "\n" in err.strip()  # a line each
    assert cli.main(["validate", "--allow-defaults", str(path)]) == 0
    assert "not stated: household.savings" in capsys.readouterr().out
    # --set may state what the file leaves out
    stated = {"household.couple": "false", "household.limited_capability": "none"}
    sets = [f"--set={field}={stated.get(field, '0')}" for field in HOUSEHOLD]
    assert cli.main(["run", str(path), "--paths", "100", "--no-progress", *sets]) == 0
    assert "not stated" not in capsys.readouterr().out


def test_in_a_town_each_provider_states_its_own_essentials(tmp_path):
    provider = (
        STATED.replace("[business]", "[providers.business]")
        .replace("[market]", "[providers.market]")
        .replace("[household]", "[providers.household]")
    )
    path = tmp_path / "town.toml"
    path.write_text(
        "[[providers]]\n" + provider + "\n[[providers]]\nstream = 2\n[providers.household]\nsavings = 900\n"
    )
    error = refused(path)
    assert all(p.startswith("providers[1].") for p in error.missing)
    assert "providers[1].household.savings" not in error.missing and "providers[1].market.population" in error.missing
    assert "write population = ... under market of providers[1]" in str(error)
    path.write_text("[[providers]]\n" + provider + "\n[[providers]]\nstream = 2\n" + provider)
    town = meantime.Scenario.from_file(path)
    assert len(town.providers) == 2 and town.defaults_used() == {}


def test_the_report_lists_the_values_from_the_example(tmp_path):
    def report(path) -> str:
        result = meantime.simulate(meantime.Scenario.from_file(path), paths=200, seed=1, progress=False)
        write_report(result, tmp_path / "report.html", analyses=False)
        return (tmp_path / "report.html").read_text()

    quick = tmp_path / "quick.toml"
    quick.write_text('based_on = "kitchen-table"\n' + WITHOUT_HOUSEHOLD)
    html = report(quick)
    assert 'id="from-the-example"' in html and "household.savings = 4000" in html
    assert "business.price_per_session" not in html.split('id="from-the-example"')[1].split("</p>")[0]
    (tmp_path / "idea.toml").write_text(STATED)
    assert 'id="from-the-example"' not in report(tmp_path / "idea.toml")


def test_a_scenario_made_in_python_knows_which_fields_were_given():
    s = meantime.Scenario(household={"savings": 100}, market={"population": 5000})
    assert "household.savings" not in s.defaults_used() and "market.population" not in s.defaults_used()
    assert "household.living_costs_per_month" in s.defaults_used()  # the rest of the group is the example's
    whole = meantime.Scenario(household=meantime.default_scenario().household)
    assert not any(path.startswith("household.") for path in whole.defaults_used())  # a record, given whole
