"""The mistakes an advisor makes writing down someone's idea, each with the message it must get,
the same whichever way the value was given: in a scenario file, with ``--set``, with
``Scenario.replace()`` or with ``Scenario.from_dict()``; and every mistake of a file at once, in
line order, each with its line, field, rule and suggestion."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

import meantime
from meantime.cli import main as cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass
class Mistake:
    """``field = written`` (as typed in a TOML file or after ``--set field=``) must be refused
    naming ``field``, with ``words`` in the rule. ``file_only``: a slip only a file can make."""

    field: str
    written: str
    words: str
    file_only: bool = False

    @property
    def python_value(self):
        """What the same person would pass from Python: the TOML value, else the text."""
        try:
            return tomllib.loads(f"v = {self.written}")["v"]
        except tomllib.TOMLDecodeError:
            return self.written


TRIANGULAR_TYPO = '{ dist = "triangular", min = 0.1, mdoe = 0.2, max = 0.3 }'

MISTAKES = {
    # -- a percentage for a share or a probability ----------------------------------------------
    "fit-share-as-percent": Mistake("market.fit_share", "20", "did you mean 0.2 (20%)?"),
    "fit-share-with-percent-sign": Mistake("market.fit_share", "20%", "did you mean 0.2 (20%)?"),
    "fit-share-percent-in-quotes": Mistake("market.fit_share", '"20%"', "did you mean 0.2 (20%)?"),
    "fit-share-in-words": Mistake("market.fit_share", '"20 percent"', "did you mean 0.2 (20%)?"),
    "budget-holders-half-a-percent": Mistake("market.budget_holder_share", "0.5%", "did you mean 0.005 (0.5%)?"),
    "churn-as-percent": Mistake("clients.churn_per_month", "4", "did you mean 0.04 (4%)?"),
    "churn-with-percent-sign": Mistake("clients.churn_per_month", "4%", "did you mean 0.04 (4%)?"),
    "client-facing-as-percent": Mistake("business.client_facing_share", "70", "did you mean 0.7 (70%)?"),
    "outreach-with-percent-sign": Mistake("market.innovation", "3%", "did you mean 0.03 (3%)?"),
    "bad-debt-as-percent": Mistake("payments.direct_payment.bad_debt_rate", "5", "did you mean 0.05 (5%)?"),
    "taper-as-percent": Mistake("benefits.taper", "55", "did you mean 0.55 (55%)?"),
    "give-up-with-percent-sign": Mistake("clients.waiting_give_up_per_month", "20%", "did you mean 0.2 (20%)?"),
    # -- minutes for hours ---------------------------------------------------------------------
    "session-in-minutes": Mistake("business.session_hours", "90", "did you mean 1.5 (90 minutes)?"),
    "half-hour-in-minutes": Mistake("business.session_hours", "30", "did you mean 0.5 (30 minutes)?"),
    "session-minutes-in-words": Mistake("business.session_hours", '"45 minutes"', "did you mean 0.75 (45 minutes)?"),
    "session-mins": Mistake("business.session_hours", "45 mins", "did you mean 0.75 (45 minutes)?"),
    "session-hours-in-words": Mistake("business.session_hours", '"1.5 hours"', "did you mean 1.5?"),
    "week-hours-in-words": Mistake("business.founder_hours_per_week", "15 hours", "did you mean 15?"),
    # -- pounds with a £, thousands commas, a k ---------------------------------------------------
    "savings-with-comma": Mistake("household.savings", "2,500", "did you mean 2500?"),
    "savings-with-pound-sign": Mistake("household.savings", "£2500", "did you mean 2500?"),
    "savings-pounds-and-comma-quoted": Mistake("household.savings", '"£2,500"', "did you mean 2500?"),
    "savings-in-thousands": Mistake("household.savings", "2.5k", "did you mean 2500?"),
    "savings-in-words": Mistake("household.savings", '"4000 pounds"', "did you mean 4000?"),
    "living-costs-pounds-and-comma": Mistake("household.living_costs_per_month", "£1,250", "did you mean 1250?"),
    "startup-costs-pound-sign": Mistake("business.startup_costs", "£800", "did you mean 800?"),
    "monthly-costs-quoted-pounds": Mistake("business.fixed_costs_per_month", '"£120"', "did you mean 120?"),
    "population-with-comma": Mistake("market.population", "60,000", "did you mean 60000?"),
    "population-with-space": Mistake("market.population", "60 000", "did you mean 60000?"),
    "price-pound-sign": Mistake("business.price_per_session", "£11", "did you mean 11?"),
    "price-in-quotes": Mistake("business.price_per_session", '"12"', "write the number without quotes"),
    "price-in-words": Mistake(
        "business.price_per_session", '"twelve"', 'expected a number (pounds), got the text "twelve"'
    ),
    # -- "6 out of 30": market research ----------------------------------------------------------
    "research-out-of": Mistake("market.fit_share", '"6 out of 30"', "did you mean research(30, 6)"),
    "research-of": Mistake("market.fit_share", '"10 of 40"', "did you mean research(40, 10)"),
    "research-slash": Mistake("market.fit_share", "6/30", "did you mean research(30, 6)"),
    # -- a price per hour where the session's price belongs ---------------------------------------
    "price-an-hour": Mistake(
        "business.price_per_session", '"£30 an hour"', "a 0.5-hour session is 15 (write price_per_session = 15"
    ),
    "price-per-hour": Mistake("business.price_per_session", "30 per hour", "a 0.5-hour session is 15"),
    "price-slash-hour": Mistake("business.price_per_session", "£22/hour", "a 0.5-hour session is 11"),
    # -- true and false ----------------------------------------------------------------------------
    "waiting-list-yes": Mistake("clients.waiting_list", "yes", "did you mean true?"),
    "waiting-list-no-quoted": Mistake("clients.waiting_list", '"no"', "did you mean false?"),
    # -- names ---------------------------------------------------------------------------------------
    "arrivals-misspelt": Mistake(
        "market.arrivals", '"referal"', 'must be one of "bass", "referrals", got "referal"; did you mean "referrals"?'
    ),
    "arrivals-unquoted": Mistake(
        "market.arrivals", "referrals", 'text goes in quotes: arrivals = "referrals"', file_only=True
    ),
    "field-misspelt": Mistake("business.price_per_sesion", "12", "did you mean 'business.price_per_session'?"),
    "field-in-wrong-group": Mistake("market.savings", "2500", "did you mean 'household.savings'?"),
    "field-singular": Mistake("household.saving", "2500", "did you mean 'household.savings'?"),
    "distribution-parameter-misspelt": Mistake("market.fit_share", TRIANGULAR_TYPO, "did you mean 'mode' for 'mdoe'?"),
    # -- out of range ---------------------------------------------------------------------------------
    "price-negative": Mistake("business.price_per_session", "-12", "must be > 0"),
    "savings-negative": Mistake("household.savings", "-100", "must be >= 0"),
    "horizon-zero": Mistake("run.months", "0", "must be >= 1"),
    "living-costs-nan": Mistake("household.living_costs_per_month", "nan", "expected a finite number (pounds)"),
    "distribution-min-above-max": Mistake(
        "market.fit_share", '{ dist = "uniform", min = 0.5, max = 0.2 }', "min must be <= max"
    ),
}


def test_the_catalogue_is_large_enough():
    assert len(MISTAKES) >= 40


def toml_of(field: str, written: str) -> str:
    group, _, name = field.rpartition(".")
    return f'based_on = "kitchen-table"\n[{group}]\n{name} = {written}\n'


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=list(MISTAKES))
def test_in_a_file(mistake, tmp_path):
    path = tmp_path / "idea.toml"
    path.write_text(toml_of(mistake.field, mistake.written))
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    error = caught.value
    assert (error.line, error.field) == (3, mistake.field), str(error)
    assert mistake.words in error.rule
    assert str(error).startswith(f"{path}, line 3: {mistake.field}: ")


PYTHON = {name: m for name, m in MISTAKES.items() if not m.file_only}


@pytest.mark.parametrize("mistake", PYTHON.values(), ids=list(PYTHON))
def test_with_replace(mistake):
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.default_scenario().replace({mistake.field: mistake.python_value})
    assert caught.value.field == mistake.field
    assert mistake.words in caught.value.rule


@pytest.mark.parametrize("mistake", PYTHON.values(), ids=list(PYTHON))
def test_with_replace_keywords(mistake):
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.default_scenario().replace(**{mistake.field.replace(".", "__"): mistake.python_value})
    assert caught.value.field == mistake.field
    assert mistake.words in caught.value.rule


@pytest.mark.parametrize("mistake", PYTHON.values(), ids=list(PYTHON))
def test_with_from_dict(mistake):
    group, _, name = mistake.field.rpartition(".")
    for data in ({mistake.field: mistake.python_value}, {group: {name: mistake.python_value}}):
        with pytest.raises(meantime.ScenarioError) as caught:
            meantime.Scenario.from_dict(data, allow_defaults=True)
        assert caught.value.field == mistake.field
        assert mistake.words in caught.value.rule


@pytest.mark.parametrize("mistake", PYTHON.values(), ids=list(PYTHON))
def test_with_set_on_the_command_line(mistake, capsys):
    written = (
        mistake.written.strip('"') if mistake.written.startswith('"') and " " in mistake.written else mistake.written
    )  # as typed in a shell: --set 'market.fit_share=6 out of 30'
    status = cli.main(["run", "--no-progress", "--paths", "1", "--set", f"{mistake.field}={written}"])
    message = capsys.readouterr().err
    assert status == 2
    assert f"{mistake.field}: " in message and " ".join(mistake.words.split()) in message


# -- every mistake at once ----------------------------------------------------------------------

MANY = """\
# Sam's gardening round: written from the notes of a first meeting.
[business]
price_per_session = £30 an hour
session_hours = 90
founder_hours_per_week = 15

[market]
population = 60,000
fit_share = 6 out of 30

[household]
savings = 2,500
living_costs_per_month = 1100
other_income_per_month = 0
partner_income_per_month = 0
couple = false
limited_capability = "none"
housing_costs_per_month = 400

[household]
savings = 3000
"""


def test_a_file_reports_every_mistake_in_line_order(tmp_path):
    path = tmp_path / "sam.toml"
    path.write_text(MANY)
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    error = caught.value
    found = [(p.line, p.field) for p in error.problems]
    assert found == [
        (3, "business.price_per_session"),
        (4, "business.session_hours"),
        (8, "market.population"),
        (9, "market.fit_share"),
        (12, "household.savings"),
        (20, ""),
    ]
    assert (error.line, error.field) == (3, "business.price_per_session")  # the first, as an error of its own
    text = str(error)
    assert text.startswith(f"{path}: 6 mistakes, in line order:\n")
    assert "  line 4: business.session_hours: " in text and "did you mean 1.5 (90 minutes)?" in text
    assert "  line 20: the section [household] is written twice (first on line 11)" in text
    assert "did you mean research(30, 6)" in text and "did you mean 60000?" in text


def test_a_file_with_a_syntax_error_still_reports_the_slips_before_it(tmp_path):
    path = tmp_path / "idea.toml"
    path.write_text("[household]\nsavings = 2,500\n[business\nprice_per_session = 12\n")
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    assert [p.line for p in caught.value.problems] == [2, 3]
    assert "is not valid TOML" in caught.value.problems[1].rule


def test_mistakes_of_one_record_of_a_list_and_of_a_combination(tmp_path):
    path = tmp_path / "idea.yaml"
    path.write_text(
        "based_on: kitchen-table\nmarket:\n  fit_share: 35\nbusiness:\n  price_per_session: -1\n"
        "staff:\n  hours_per_week: 187\n"
    )
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    fields = [p.field for p in caught.value.problems]
    # staff.hours_per_week is within its own range: too many hours only with the founder's 15.
    assert fields == ["market.fit_share", "business.price_per_session", "staff.hours_per_week"]


def test_replace_and_set_report_every_mistake_at_once(capsys):
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.default_scenario().replace(
            market__fit_share=25, household__savings="£2,500", business__price_per_sesion=12
        )
    assert [p.field for p in caught.value.problems] == [
        "market.fit_share",
        "household.savings",
        "business.price_per_sesion",
    ]  # in the order given
    assert str(caught.value).startswith("3 mistakes:\n  market.fit_share: ")
    status = cli.main(["run", "--no-progress", "--set", "market.fit_share=20", "--set", "household.savings=£2,500"])
    assert status == 2
    err = capsys.readouterr().err
    assert "did you mean 0.2 (20%)?" in err and "did you mean 2500?" in err


def test_a_good_value_is_not_given_a_hint():
    s = meantime.default_scenario().replace({"market.fit_share": 0.2, "business.session_hours": 1.5})
    assert s.market.fit_share.to_dict() == 0.2
    with pytest.raises(meantime.ScenarioError) as caught:  # a real mistake, no percent to suggest
        meantime.default_scenario().replace({"market.fit_share": 150})
    assert "did you mean" not in caught.value.rule


def test_a_price_per_hour_is_answered_with_the_session_length_given(tmp_path):
    path = tmp_path / "idea.toml"
    path.write_text('based_on = "kitchen-table"\n[business]\nprice_per_session = £30 an hour\nsession_hours = 1.5\n')
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    assert "a 1.5-hour session is 45 (write price_per_session = 45" in caught.value.rule
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.default_scenario().replace(business={"price_per_session": "£30 an hour", "session_hours": 1})
    assert "a 1-hour session is 30" in caught.value.rule


def test_a_key_written_twice_is_named_with_both_lines(tmp_path):
    path = tmp_path / "idea.toml"
    path.write_text(
        'based_on = "kitchen-table"\n[household]\nsavings = 2500\nsavings = 3000\nliving_costs_per_month = -1\n'
    )
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (4, "household.savings"),
        (5, "household.living_costs_per_month"),
    ]
    assert caught.value.problems[0].rule == "is given twice (first on line 3): keep one"


@pytest.mark.parametrize(
    "name, text",
    [
        ("idea.yaml", "based_on: kitchen-table\nmarket:\n  fit_share: 20%\nhousehold:\n  savings: 2,500\n"),
        (
            "idea.json",
            '{"based_on": "kitchen-table",\n "market": {"fit_share": "20%"},\n "household": {"savings": "2,500"}}',
        ),
    ],
)
def test_yaml_and_json_get_the_same_hints_with_their_lines(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    first, second = caught.value.problems
    assert (first.field, second.field) == ("market.fit_share", "household.savings")
    assert first.line < second.line and first.line in (2, 3)
    assert "did you mean 0.2 (20%)?" in first.rule and "did you mean 2500?" in second.rule


def test_every_mistake_in_the_records_of_a_list(tmp_path):
    path = tmp_path / "idea.toml"
    path.write_text(
        'based_on = "kitchen-table"\n[funding]\ngrants = [\n  { amount = -5 },\n  { amount = 100 },\n'
        '  { amount = "£2,000", month = 3 },\n  { amont = 4 },\n]\n'
    )
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (4, "funding.grants[0].amount"),
        (6, "funding.grants[2].amount"),
        (7, "funding.grants[3].amont"),
    ]
    assert "did you mean 2000?" in caught.value.problems[1].rule
    assert "did you mean 'funding.grants[3].amount'?" in caught.value.problems[2].rule
