"""Scenarios as Python objects: the schema, round trips through dicts, replace, repr, pickle."""

from __future__ import annotations

import copy
import json
import pathlib
import pickle

import numpy as np
import pytest

import meantime
from meantime import _core

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples" / "scenarios"


def a_changed_scenario() -> meantime.Scenario:
    """Touches every kind of field: numbers, integers, booleans, choices, every distribution family."""
    return meantime.default_scenario().replace(
        market__population=meantime.pert(40_000, 60_000, 90_000),
        market__budget_holder_share=meantime.uniform(0.004, 0.006),
        market__fit_share=meantime.research_share(30, 12),  # the engine's own family, if it has one
        market__arrivals="referrals",
        market__referrals_per_month=meantime.gamma(4, 0.5),
        market__reservation_price_per_hour=meantime.lognormal(21, 0.05),
        clients__churn_per_month=meantime.beta(2, 48),
        business__price_per_session=12.5,
        household__savings=meantime.normal(6000, 500),
        household__living_costs_per_month=meantime.triangular(1100, 1250, 1400).mean(),
        run__months=48,
        run__deterministic=True,
    )


def with_a_record_in_every_list() -> meantime.Scenario:
    """The default scenario with one default record in every list, lists inside lists too
    (a provider, its grant...), each added by its concrete path."""
    s = meantime.default_scenario()
    for f in meantime.scenario_fields():
        if f.type == "list":
            s = s.replace({f.path.replace("[]", "[0]"): [{}]})
    return s


def test_groups_and_fields_come_from_the_engine_schema():
    paths = [f.path for f in _core.scenario_fields()]
    assert [f.path for f in meantime.scenario_fields()] == paths
    s = with_a_record_in_every_list()
    for path in paths:
        s.get(path.replace("[]", "[0]"))  # every field, record and list is reachable by its path
    groups = list(dict.fromkeys(f.group for f in meantime.scenario_fields()))
    assert list(s.groups()) == groups
    assert all(getattr(s, name) is record for name, record in s.groups().items())
    # A group is a record or, like a town's providers, a list of records.
    kinds = {name: isinstance(value, tuple) for name, value in s.groups().items()}
    lists = {f.path for f in meantime.scenario_fields() if f.type == "list" and "." not in f.path}
    assert {name for name, is_list in kinds.items() if is_list} == lists
    assert all(
        isinstance(v, meantime.Record)
        for value in s.groups().values()
        for v in (value if isinstance(value, tuple) else (value,))
    )


def test_defaults_equal_the_engines_default_scenario():
    s, core = meantime.default_scenario(), _core.default_scenario()
    for f in meantime.scenario_fields():
        if f.type == "list" or "[]" in f.path:
            continue  # lists and their records: see test_defaults_of_records_in_lists
        value = s.get(f.path)
        expected = core.get(f.path)
        if isinstance(value, meantime.Distribution):
            assert value._core == expected
        else:
            assert value == expected and type(value) is type(expected)
        assert value == f.default
    assert s.fingerprint == core.fingerprint()


def test_defaults_of_records_in_lists_equal_the_engines():
    # A record added to a list (a provider, a provider's grant) holds what the engine's does.
    s, core = with_a_record_in_every_list(), _core.default_scenario()
    for f in meantime.scenario_fields():
        if f.type == "list":
            core.resize_list(f.path.replace("[]", "[0]"), 1)
    for f in meantime.scenario_fields():
        path = f.path.replace("[]", "[0]")
        if f.type == "list":
            assert len(s.get(path)) == core.list_size(path) == 1
            continue
        value, expected = s.get(path), core.get(path)
        assert (value._core if isinstance(value, meantime.Distribution) else value) == expected, path
        assert value == f.default, path
    assert s.fingerprint == core.fingerprint()


@pytest.mark.parametrize("scenario", [meantime.default_scenario(), a_changed_scenario()], ids=["default", "changed"])
def test_to_dict_from_dict_round_trip(scenario):
    assert meantime.Scenario.from_dict(scenario.to_dict()) == scenario
    assert meantime.Scenario.from_dict(scenario.to_dict(flat=True)) == scenario
    # Plain data: survives JSON, as a scenario file would.
    assert meantime.Scenario.from_dict(json.loads(json.dumps(scenario.to_dict()))) == scenario
    assert meantime.Scenario.from_dict(scenario.to_dict()).fingerprint == scenario.fingerprint


def test_to_dict_writes_distributions_as_dicts_and_fixed_values_as_numbers():
    data = meantime.default_scenario().to_dict()
    assert data["market"]["population"] == 60000.0
    assert data["market"]["budget_holder_share"] == {"dist": "triangular", "min": 0.003, "mode": 0.0054, "max": 0.007}
    assert (data["run"]["months"], data["run"]["sustained_months"], data["run"]["deterministic"]) == (36, 3, False)
    assert meantime.default_scenario().to_dict(flat=True)["business.price_per_session"] == 11.0


def test_from_dict_fills_in_defaults_and_reads_distribution_dicts():
    s = meantime.Scenario.from_dict(
        {"business": {"price_per_session": 14}, "market.fit_share": {"dist": "beta", "alpha": 5, "beta": 20}},
        allow_defaults=True,
    )
    assert s.business.price_per_session == 14.0
    assert s.market.fit_share == meantime.beta(5, 20)
    assert s.household == meantime.default_scenario().household


def test_replace_in_every_spelling_gives_the_same_scenario():
    s = meantime.default_scenario()
    by_keyword = s.replace(business__price_per_session=25)
    assert by_keyword.business.price_per_session == 25.0
    assert s.replace({"business.price_per_session": 25}) == by_keyword
    assert s.replace({"business": {"price_per_session": 25}}) == by_keyword
    assert s.replace(business={"price_per_session": 25}) == by_keyword
    assert s.replace(business=s.business.replace(price_per_session=25)) == by_keyword
    assert meantime.Scenario(business=meantime.Business(price_per_session=25)) == by_keyword
    # The original is unchanged; unchanged groups are equal.
    assert s.business.price_per_session == 11.0
    assert by_keyword.market == s.market and by_keyword != s


@pytest.mark.parametrize(
    "changes",
    [
        {"business.price_per_session": 12.5, "household.savings": 2500.0},
        {"benefits.enabled": False, "run.months": 24, "run.sustained_months": 2},
        {"funding.grants": [{"amount": 500.0, "month": 1}, {"amount": 250.0, "month": 3}]},
        {"household.savings": meantime.uniform(1000, 3000), "market.renewal.enabled": False},
        {"business.price_per_session": 11.0},  # the value it had: nothing to set
        {"household.partner_income_per_month": -0.0},  # a sign the engine keeps
    ],
)
def test_a_changed_copy_s_engine_scenario_is_a_fresh_one_s(changes):
    # replace() copies its parent's engine scenario and sets only what changed: the engine must
    # hold exactly what writing the new scenario afresh from the defaults gives, from one change
    # and from a chain of them (a list that grows and shrinks included).
    s = meantime.Scenario.from_file(EXAMPLES / "allotment_project.toml")
    for scenario in (s.replace(changes), s.replace(changes).replace({"funding": {"grants": []}})):
        fresh = meantime.Scenario._of(scenario._root, scenario._stated)
        assert scenario._core.fingerprint() == fresh._core.fingerprint()
        assert scenario._core.fingerprint() != 0
        for info in meantime.Scenario.fields():
            if "[" not in info.path and info.type != "list":
                assert scenario._core.get(info.path) == fresh._core.get(info.path), info.path
        grants = [(g.amount, g.month) for g in scenario.funding.grants]
        assert scenario._core.list_size("funding.grants") == len(grants)
        for i, (amount, month) in enumerate(grants):
            assert (
                scenario._core.get(f"funding.grants[{i}].amount"),
                scenario._core.get(f"funding.grants[{i}].month"),
            ) == (
                amount,
                month,
            )


def test_replace_applies_all_changes_at_once():
    # sustained_months <= months holds only after both changes.
    s = meantime.default_scenario().replace(run__months=2, run__sustained_months=1)
    assert (s.run.months, s.run.sustained_months) == (2, 1)


def test_values_are_stored_as_the_engine_stores_them():
    s = meantime.default_scenario().replace(
        business__price_per_session=np.int64(12),  # numpy scalars are fine
        market__population=50_000,  # a number in a distribution field is a fixed distribution
        run__months=24.0,  # a whole float in an integer field is an integer
        run__sustained_months=np.int32(2),
        run__deterministic=np.bool_(True),
    )
    assert s.business.price_per_session == 12.0 and type(s.business.price_per_session) is float
    assert s.market.population == meantime.fixed(50_000) and s.market.population.is_fixed
    assert s.run.months == 24 and type(s.run.months) is int
    assert s.run.deterministic is True


def test_scenarios_are_immutable_hashable_and_picklable():
    s = a_changed_scenario()
    with pytest.raises(AttributeError):
        s.business = None
    with pytest.raises(AttributeError):
        s.business.price_per_session = 3
    assert hash(s) == hash(meantime.Scenario.from_dict(s.to_dict()))
    assert pickle.loads(pickle.dumps(s)) == s
    assert pickle.loads(pickle.dumps(s.market)) == s.market
    assert copy.deepcopy(s) == s


def test_repr_shows_the_changes_as_code():
    s = a_changed_scenario()
    text = repr(s)
    assert "price_per_session=12.5," in text and "fixed_costs_per_month" not in text
    assert len(text.splitlines()) < 40  # one screen
    assert eval(text, vars(meantime)) == s
    assert repr(meantime.default_scenario()) == "Scenario()"
    assert eval(repr(s.replace(business__price_per_session=11)), vars(meantime)) != s


def test_str_shows_every_field_with_its_unit():
    text = str(a_changed_scenario())
    for f in meantime.scenario_fields():
        if "[]" not in f.path:  # the records of an empty list have nothing to show
            assert f"{f.name}=" in text, f.path
    assert "# pounds" in text
    assert eval(text, vars(meantime)) == a_changed_scenario()


def test_field_info_describes_units_and_ranges():
    info = {f.path: f for f in meantime.scenario_fields()}
    price = info["business.price_per_session"]
    assert (price.unit, price.type, price.range, price.keyword) == (
        "pounds",
        "number",
        "> 0 and <= 100000",
        "business__price_per_session",
    )
    assert info["market.arrivals"].choices == ("bass", "referrals")
    assert "price of one session" in meantime.Business.__doc__


@pytest.mark.parametrize(
    "distribution",
    [
        meantime.fixed(3),
        meantime.uniform(1, 2),
        meantime.triangular(1, 2, 4),
        meantime.pert(1, 2, 4),
        meantime.normal(10, 2),
        meantime.lognormal(10, 0.3),
        meantime.beta(2, 5),
        meantime.gamma(2, 3),
    ],
    ids=lambda d: d.kind,
)
def test_every_distribution_family_round_trips_through_a_dict(distribution):
    data = distribution.to_dict()
    assert meantime.Distribution.from_dict(json.loads(json.dumps(data))) == distribution
    assert eval(repr(distribution), vars(meantime)) == distribution
    assert pickle.loads(pickle.dumps(distribution)) == distribution
    assert distribution.kind in meantime.Distribution.families()


def test_distribution_helpers_match_the_engine():
    # Asked 40, 10 interested, from the default prior (mean 5%, worth two people): Beta(10.1, 31.9).
    assert meantime.research_share(40, 10).mean() == pytest.approx(10.1 / 42)
    assert meantime.research_share(40, 10, 0.5).mean() == pytest.approx(11 / 42)  # the uniform prior
    assert meantime.research_share(0, 0).mean() == pytest.approx(0.05)  # asking nobody: the prior
    with pytest.raises(ValueError, match="prior must be > 0 and < 1"):
        meantime.research_share(10, 1, 1.0)
    assert meantime.research_share(40, 10).support == (0.0, 1.0)
    assert meantime.triangular(18, 22, 25).to_dict() == {"dist": "triangular", "min": 18.0, "mode": 22.0, "max": 25.0}
    assert meantime.uniform(0.02, 0.05).support == (0.02, 0.05)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: meantime.triangular(5, 1, 2), "min <= mode <= max"),
        (lambda: meantime.normal(1, -1), "sd must be >= 0"),
        (lambda: meantime.Distribution("trinagular", min=1, mode=2, max=3), 'did you mean "triangular"'),
        (lambda: meantime.Distribution("uniform", low=1, max=2), "unknown: low"),
        (lambda: meantime.Distribution.from_dict({"min": 1}), '"dist"'),
        (lambda: meantime.research_share(10, 11), "interested <= asked"),
        (lambda: meantime.uniform("a", 2), "must be a number"),
    ],
)
def test_bad_distributions_are_rejected_at_once(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_records_are_dataclasses_of_the_engine_fields():
    business = meantime.default_scenario().business
    assert isinstance(business, meantime.Record)
    assert [f.name for f in business.fields()] == [
        f.name for f in meantime.scenario_fields() if f.path.startswith("business.") and f.path.count(".") == 1
    ]
    assert business.replace(price_per_session=12).to_dict()["price_per_session"] == 12.0


def list_fields():
    return [f for f in meantime.scenario_fields() if f.type == "list"]


@pytest.mark.parametrize("info", list_fields(), ids=lambda f: f.path)
def test_lists_of_records(info):
    assert {f.path for f in list_fields()} >= {
        "funding.grants",
        "funding.loans",
        "providers",
        "providers[].funding.grants",
    }
    # Whatever lists the engine has (grants, loans, a town's providers, a provider's grants...): a
    # record added by dict in a first record of every list on the way, read back by index,
    # written to the engine, and round-tripped through plain data and code.
    concrete, parts = info.path.replace("[]", "[0]"), info.path.split("[]")
    s = meantime.default_scenario()
    for i in range(1, len(parts) + 1):
        s = s.replace({"[0]".join(parts[:i]): [{}]})
    records = s.get(concrete)
    assert isinstance(records, tuple) and len(records) == 1
    element = records[0]
    assert isinstance(element, meantime.Record) and element == type(element)()
    assert s.get(f"{concrete}[0]") == element
    assert meantime.Scenario.from_dict(s.to_dict()) == s
    assert meantime.Scenario.from_dict(s.to_dict(flat=True)) == s
    assert meantime.Scenario.from_dict(json.loads(json.dumps(s.to_dict()))) == s
    assert eval(repr(s), vars(meantime)) == s
    assert pickle.loads(pickle.dumps(s)) == s
    core = _core.default_scenario()
    for i in range(1, len(parts) + 1):
        core.resize_list("[0]".join(parts[:i]), 1)
    assert s.fingerprint == core.fingerprint()


def a_town() -> meantime.Scenario:
    """Two providers, the second with a grant of its own, in a collective sharing insurance."""
    return meantime.Scenario(
        providers=[
            {"business": {"price_per_session": 12}, "collective_member": True},
            meantime.Provider(
                stream=2, fit=0.5, collective_member=True, funding={"grants": [{"amount": 500, "month": 2}]}
            ),
        ],
        town={"shared_market": True},
        collective={"enabled": True, "insurance": {"shared": True, "cost_per_month": 30}},
    )


def test_a_town_in_python():
    s = a_town()
    assert len(s.providers) == 2 and isinstance(s.providers[0], meantime.Provider)
    assert s.providers[0].business.price_per_session == 12.0
    assert s.get("providers[1].funding.grants[0].amount") == 500.0
    assert s.get("providers[1].funding.grants[0]") == s.providers[1].funding.grants[0]
    assert s.get("collective.insurance.cost_per_month") == 30.0
    changed = s.replace({"providers[1].business.price_per_session": 14})
    assert changed.providers[1].business.price_per_session == 14.0 and s.providers[1].business.price_per_session == 11
    assert changed.providers[0] == s.providers[0]
    # A record of the list replaced whole, or changed by a dict (only the keys given).
    assert s.replace({"providers[1]": {"fit": 1.0}}).providers[1].funding == s.providers[1].funding
    assert s.replace({"providers[1]": meantime.Provider(stream=2)}).providers[1] == meantime.Provider(stream=2)
    # A provider may take the scenario's own records (the same fields): the town of one idea.
    one = meantime.default_scenario().replace(business__price_per_session=13)
    p = meantime.Provider(business=one.business, funding=one.funding)
    assert isinstance(p.business, meantime.ProviderBusiness) and p.business.to_dict() == one.business.to_dict()
    # Code, plain data (nested and flat), pickle, and the engine's fingerprint.
    assert eval(repr(s), vars(meantime)) == s and eval(str(s), vars(meantime)) == s
    assert "ProviderGrant(" in repr(s) and len(repr(s).splitlines()) < 40
    assert meantime.Scenario.from_dict(s.to_dict()) == s
    assert meantime.Scenario.from_dict(s.to_dict(flat=True)) == s
    assert s.to_dict(flat=True)["providers"][1]["funding"]["grants"][0]["amount"] == 500.0
    assert pickle.loads(pickle.dumps(s)) == s
    core = _core.default_scenario()
    core.resize_list("providers", 2)
    core.set("providers[0].business.price_per_session", 12.0)
    core.set("providers[0].collective_member", True)
    core.set("providers[1].stream", 2)
    core.set("providers[1].fit", 0.5)
    core.set("providers[1].collective_member", True)
    core.resize_list("providers[1].funding.grants", 1)
    core.set("providers[1].funding.grants[0].amount", 500.0)
    core.set("providers[1].funding.grants[0].month", 2)
    core.set("town.shared_market", True)
    core.set("collective.enabled", True)
    core.set("collective.insurance.shared", True)
    core.set("collective.insurance.cost_per_month", 30.0)
    assert s.fingerprint == core.fingerprint()
    assert list(s) == list(dict(s).items()) and dict(s)["providers[1].funding.grants[0].month"] == 2
