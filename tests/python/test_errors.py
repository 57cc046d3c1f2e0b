"""Every way a scenario or a run can be wrong gives our own error naming the field and the rule."""

from __future__ import annotations

import math
import pickle

import pytest

import meantime


def scenario_error(**changes) -> meantime.ScenarioError:
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.default_scenario().replace(**changes)
    return caught.value


def test_scenario_error_is_a_value_error_with_field_and_rule():
    error = scenario_error(business__price_per_session=-12)
    assert isinstance(error, ValueError) and isinstance(error, meantime.Error)
    assert error.field == "business.price_per_session"
    assert error.rule == "must be > 0 and <= 100000, got -12"
    assert str(error) == "business.price_per_session: must be > 0 and <= 100000, got -12"
    again = pickle.loads(pickle.dumps(error))
    assert (again.field, again.rule) == (error.field, error.rule)


def out_of_range_cases():
    """For every bounded number-like field of the schema: a value just outside each bound."""
    for f in meantime.scenario_fields():
        if f.type not in ("number", "integer", "distribution"):
            continue
        if math.isfinite(f.max):
            yield pytest.param(f.path, f.max + max(1.0, abs(f.max)), id=f"{f.path}>max")
        if math.isfinite(f.min):
            yield pytest.param(f.path, f.min if f.min_open else f.min - 1.0, id=f"{f.path}<min")


def nested(dotted: str, value):
    """{"a": {"b": value}} for "a.b"."""
    for name in reversed(dotted.split(".")):
        value = {name: value}
    return value


def change_at(path: str, value):
    """A change setting the field at `path` to `value`; a field of the records of a list
    ("providers[].funding.grants[].amount") in a first record of every list on the way, made by
    dict. Returns the change and the field the error must name ("providers[0]...grants[0].amount")."""
    parts = path.split("[].")
    inner = nested(parts[-1], value)
    for dotted in reversed(parts[1:-1]):
        inner = nested(dotted, [inner])
    change = {parts[0]: [inner]} if len(parts) > 1 else {path: value}
    return change, path.replace("[]", "[0]")


@pytest.mark.parametrize("path, value", list(out_of_range_cases()))
def test_every_bounded_field_rejects_values_out_of_range(path, value):
    f = {f.path: f for f in meantime.scenario_fields()}[path]
    if f.type == "integer":
        value = int(value)
    change, expected = change_at(path, value)
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.default_scenario().replace(change)
    assert caught.value.field == expected
    assert "must be" in caught.value.rule


def test_fields_in_lists_inside_lists_are_reached_and_named():
    # The examples the general rule above covers: a provider's cost, a grant of a provider.
    assert change_at("providers[].costs.insurance", -1) == (
        {"providers": [{"costs": {"insurance": -1}}]},
        "providers[0].costs.insurance",
    )
    assert change_at("providers[].funding.grants[].amount", -1) == (
        {"providers": [{"funding": {"grants": [{"amount": -1}]}}]},
        "providers[0].funding.grants[0].amount",
    )
    town = meantime.default_scenario().replace(providers=[{}, {"stream": 2, "funding": {"grants": [{}, {}]}}])
    for change, field in [
        ({"providers[1].business.price_per_session": -12}, "providers[1].business.price_per_session"),
        ({"providers[1].funding.grants[1].amount": "lots"}, "providers[1].funding.grants[1].amount"),
        ({"providers[1].funding.grants[2].amount": 1}, "providers[1].funding.grants[2]"),
        ({"providers[2].fit": 1}, "providers[2]"),
        ({"providers[1].funding.grants": [{}, {"amount": -1}]}, "providers[1].funding.grants[1].amount"),
        ({"providers": [{}, {"stream": 2, "funding": {"grants": [{}, 5]}}]}, "providers[1].funding.grants[1]"),
    ]:
        with pytest.raises(meantime.ScenarioError) as caught:
            town.replace(change)
        assert caught.value.field == field, change
    with pytest.raises(meantime.ScenarioError) as caught:
        town.replace({"providers[1].funding.grants[0].amout": 3})
    assert caught.value.field == "providers[1].funding.grants[0].amout"
    assert "did you mean 'providers[1].funding.grants[0].amount'?" in caught.value.rule
    with pytest.raises(meantime.ScenarioError, match=r"providers\[1\].stream: must differ"):
        town.replace({"providers[1].stream": 1})


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_rejected(value):
    error = scenario_error(household__living_costs_per_month=value)
    assert error.field == "household.living_costs_per_month"
    assert "finite" in error.rule


def test_probabilities_outside_zero_and_one_are_rejected():
    assert scenario_error(market__fit_share=1.5).field == "market.fit_share"
    error = scenario_error(market__innovation=0.5, market__imitation=0.6)
    assert error.field == "market.imitation" and "innovation + imitation" in error.rule


def test_a_distribution_reaching_outside_the_range_is_rejected():
    error = scenario_error(market__fit_share=meantime.normal(0.2, 0.1))
    assert error.field == "market.fit_share"
    assert "bounded distribution" in error.rule


def test_bad_distribution_dicts_name_the_field():
    error = scenario_error(market__fit_share={"dist": "trinagular", "min": 0.1, "mode": 0.2, "max": 0.3})
    assert error.field == "market.fit_share" and 'did you mean "triangular"' in error.rule
    error = scenario_error(market__fit_share={"dist": "triangular", "min": 0.5, "mode": 0.2, "max": 0.3})
    assert error.field == "market.fit_share" and "min <= mode <= max" in error.rule


def test_cross_field_rule():
    error = scenario_error(run__months=2)
    assert error.field == "run.sustained_months" and "<= run.months" in error.rule


@pytest.mark.parametrize(
    "change, field, suggestion",
    [
        ({"business__price": 3}, "business.price", "business.price_per_session"),
        ({"business__price_per_sesion": 3}, "business.price_per_sesion", "business.price_per_session"),
        ({"price_per_session": 3}, "price_per_session", "business__price_per_session"),
        ({"busines": {}}, "busines", "business"),
    ],
)
def test_unknown_names_suggest_the_closest(change, field, suggestion):
    error = scenario_error(**change)
    assert error.field == field
    assert f"did you mean '{suggestion}'?" in error.rule


def test_unknown_names_in_dicts_suggest_the_closest():
    with pytest.raises(meantime.ScenarioError, match="did you mean 'household.savings'"):
        meantime.Scenario.from_dict({"household.saving": 1000})
    with pytest.raises(meantime.ScenarioError, match="did you mean 'household.savings'"):
        meantime.Scenario.from_dict({"household": {"saving": 1000}})
    with pytest.raises(meantime.ScenarioError, match="did you mean 'market.population'"):
        meantime.Scenario.from_dict({"markte": {"population": 1000}})
    with pytest.raises(meantime.ScenarioError, match="did you mean 'business.price_per_session'"):
        meantime.Scenario.from_dict({"price_per_session": 12})


@pytest.mark.parametrize(
    "change, field, rule",
    [
        (
            {"business__price_per_session": "cheap"},
            "business.price_per_session",
            'expected a number (pounds), got the text "cheap"',
        ),
        ({"business__price_per_session": True}, "business.price_per_session", "must be a number, got true/false"),
        ({"business__price_per_session": [1, 2]}, "business.price_per_session", "must be a number, got list"),
        ({"business__price_per_session": meantime.uniform(1, 2)}, "business.price_per_session", "must be a number"),
        ({"run__months": 2.5}, "run.months", "must be a whole number"),
        (
            {"run__months": "36"},
            "run.months",
            'expected a whole number (months), got the text "36"; write the number without quotes',
        ),
        ({"run__deterministic": "yes"}, "run.deterministic", 'got the text "yes"; did you mean true?'),
        ({"run__deterministic": 1}, "run.deterministic", "must be true or false"),
        (
            {"market__arrivals": "bas"},
            "market.arrivals",
            'must be one of "bass", "referrals", got "bas"; did you mean "bass"?',
        ),
        ({"market__arrivals": 1}, "market.arrivals", "must be one of"),
        ({"market__population": None}, "market.population", "must be a number or a distribution, got NoneType"),
        ({"market__population": 10**30}, "market.population", "expected a finite number (people), got inf"),
        ({"business": 12}, "business", "must be a Business or a dict"),
    ],
)
def test_wrong_types_name_the_field(change, field, rule):
    error = scenario_error(**change)
    assert error.field == field
    assert rule in error.rule


@pytest.mark.parametrize(
    "options, field",
    [
        ({"paths": 0}, "paths"),
        ({"paths": 10**13}, "paths"),
        ({"paths": "many"}, "paths"),
        ({"paths": 1.5}, "paths"),
        ({"seed": -1}, "seed"),
        ({"seed": 2**64}, "seed"),
        ({"threads": 0}, "threads"),
        ({"threads": 5000}, "threads"),
        ({"first_path": -1}, "first_path"),
    ],
)
def test_bad_run_settings_are_run_settings_errors(options, field):
    with pytest.raises(meantime.RunSettingsError) as caught:
        meantime.simulate(paths=options.pop("paths", 10), **options)
    assert caught.value.field == field
    assert isinstance(caught.value, meantime.ScenarioError) and isinstance(caught.value, ValueError)


def test_engine_run_settings_errors_are_translated():
    # first_path far beyond any run: checked by the engine, not by the Python layer.
    with pytest.raises(meantime.RunSettingsError) as caught:
        meantime.simulate(paths=10, first_path=2**63 - 1)
    assert caught.value.field == "first_path"


def test_merge_errors_are_translated():
    first = meantime.simulate(paths=10, seed=1, progress=False)
    not_next = meantime.simulate(paths=10, seed=1, first_path=20, progress=False)
    other_seed = meantime.simulate(paths=10, seed=2, first_path=10, progress=False)
    with pytest.raises(meantime.MergeError, match="adjacent"):
        first.merge(not_next)
    with pytest.raises(meantime.MergeError, match="same scenario and seed"):
        first.merge(other_seed)


def test_lookups_by_bad_names_are_value_or_index_errors():
    statistics = meantime.simulate(paths=10, progress=False).statistics
    with pytest.raises(ValueError, match="did you mean 'clients'"):
        statistics.mean("client", 1)
    with pytest.raises(IndexError, match="month must be in 1..36"):
        statistics.mean("clients", 37)
    with pytest.raises(ValueError, match="quantile levels"):
        statistics.quantile("clients", 1, 1.5)


def test_no_engine_error_escapes_as_runtime_error_unknown():
    # Every translated class derives from meantime.Error; none is a bare RuntimeError.
    for cls in (
        meantime.ScenarioError,
        meantime.RunSettingsError,
        meantime.MemoryLimitError,
        meantime.RunCancelled,
        meantime.MergeError,
    ):
        assert issubclass(cls, meantime.Error)
    with pytest.raises(meantime.Error) as caught:
        meantime.simulate({"run": {"months": 0}})
    assert type(caught.value) is meantime.ScenarioError
