"""The scenario layer's messages spell values as a scenario file (TOML) writes them: false, not
Python's False; "lcw" in double quotes, not 'lcw'; a distribution as an inline table. The rule is
one for every way in (the messages already say how to write a value in a file)."""

from __future__ import annotations

import sys

import pytest

import meantime
from meantime.scenario.spelling import spelled

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Every value a file states, except the ones a test leaves out.
ESSENTIALS_BUT_THE_HOUSEHOLD = """
[business]
price_per_session = 12
session_hours = 0.5
founder_hours_per_week = 15
[market]
population = 60000
fit_share = 0.2
[household]
savings = 4000
living_costs_per_month = 1250
other_income_per_month = 0
partner_income_per_month = 0
housing_costs_per_month = 450
"""


def file_error(tmp_path, text: str) -> meantime.ScenarioFileError:
    path = tmp_path / "idea.toml"
    path.write_text(text)
    with pytest.raises(meantime.ScenarioFileError) as caught:
        meantime.Scenario.from_file(path)
    return caught.value


@pytest.mark.parametrize(
    "value, toml",
    [
        (False, "false"),
        (True, "true"),
        ("lcw", '"lcw"'),
        ('say "hi"', '"say \\"hi\\""'),
        (60000.0, "60000"),
        (0.05, "0.05"),
        (3, "3"),
        (meantime.fixed(4000), "4000"),
        (meantime.triangular(18, 22, 25), '{ dist = "triangular", min = 18, mode = 22, max = 25 }'),
        (meantime.research_share(40, 10), '{ dist = "research", asked = 40, interested = 10, prior = 0.05 }'),
    ],
)
def test_a_value_is_spelled_as_toml_and_reads_back_as_itself(value, toml):
    assert spelled(value) == toml
    read = tomllib.loads(f"v = {toml}")["v"]
    expected = value.to_dict() if isinstance(value, meantime.Distribution) else value
    assert read == expected


def test_what_toml_cannot_hold_keeps_pythons_repr():
    assert spelled(None) == "None"
    assert spelled(float("nan")) == "nan" and spelled(float("inf")) == "inf"


def test_a_bad_boolean_and_a_bad_choice_in_a_toml_file_are_shown_as_toml(tmp_path):
    error = file_error(
        tmp_path,
        'based_on = "kitchen-table"\n[household]\ncouple = "nope"\nlimited_capability = "LCW"\n',
    )
    couple, capability = error.problems
    assert couple.field == "household.couple"
    assert couple.rule == 'expected true or false, got the text "nope"'
    assert capability.field == "household.limited_capability"
    assert capability.rule == 'must be one of "none", "lcw", "lcwra", got "LCW"; did you mean "lcw"?'
    assert "'" not in str(error)  # no Python quotes anywhere in the message


def test_the_examples_values_of_missing_essentials_are_shown_as_toml(tmp_path):
    """A boolean, a choice and a distribution of the example, as the file would state them."""
    error = file_error(tmp_path, ESSENTIALS_BUT_THE_HOUSEHOLD)
    assert error.missing == ("household.couple", "household.limited_capability")
    example = meantime.default_scenario().household
    message = str(error)
    assert f"write couple = ... under [household] (the example has {spelled(example.couple)})" in message
    assert f"(the example has {spelled(example.limited_capability)})" in message
    assert "False" not in message and "True" not in message and "'" not in message
    # ...and a distribution, left out of a dict, as its inline table
    data = tomllib.loads(ESSENTIALS_BUT_THE_HOUSEHOLD)
    del data["market"]["fit_share"]
    data["household"].update(couple=False, limited_capability="none")
    with pytest.raises(meantime.EssentialsMissing) as caught:
        meantime.Scenario.from_dict(data)
    fit = meantime.default_scenario().market.fit_share
    assert f'(the example has {{ dist = "{fit.kind}", ' in str(caught.value)


def test_a_value_given_in_python_is_spelled_the_same_way():
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.default_scenario().replace(market__arrivals="referal")
    assert caught.value.rule == 'must be one of "bass", "referrals", got "referal"; did you mean "referrals"?'
