"""A town of several providers from Python: results per provider and for the town, the
collective's effect under common random numbers, the command line and the report."""

import numpy as np
import pytest

import meantime
from meantime import _core
from meantime.running.simulation import founder_result

EXAMPLE = "examples/scenarios/town_collective.toml"


def two_providers(**town):
    return meantime.Scenario(providers=[{"stream": 1}, {"stream": 2, "business": {"price_per_session": 12}}], town=town)


def test_a_provider_in_a_town_without_sharing_is_the_provider_alone(tmp_path):
    town = two_providers()
    result = meantime.simulate(town, paths=1_000, seed=3, progress=False)
    assert isinstance(result, meantime.TownResult)
    alone = meantime.simulate(result.providers[1].scenario, paths=1_000, seed=3, progress=False)
    assert result.providers[1].scenario.run.stream == 2
    np.testing.assert_array_equal(result.providers[1].outcomes["lowest_cash"], alone.outcomes["lowest_cash"])
    assert result.providers[1].survival() == alone.survival()


def test_tables_have_a_provider_column_and_the_town():
    result = meantime.simulate(two_providers(shared_market=True), paths=2_000, seed=1, progress=False)
    summary = result.summary()
    assert list(summary["provider"].unique()) == ["providers[0]", "providers[1]", "town"]
    assert set(result.outcomes["provider"]) == {"providers[0]", "providers[1]"}
    assert len(result.outcomes) == 4_000
    survivors = result.survivors()
    assert survivors["paths"].sum() == 2_000
    assert list(survivors.index) == [0, 1, 2]
    # The town's mean survivors is the sum of the providers' survival.
    mean = summary.set_index(["provider", "answer"]).loc[("town", "mean_survivors"), "estimate"]
    assert mean == pytest.approx(result.providers[0].survival() + result.providers[1].survival(), abs=1e-9)
    # New clients in the town are the providers' clients served, path by path.
    served = result.providers[0].outcomes["clients_served"] + result.providers[1].outcomes["clients_served"]
    np.testing.assert_array_equal(result.town_outcomes["clients_served"], served)
    assert result.monthly.loc[1, "offers_alive_mean"] <= 2
    assert "The town:" in str(result)


def test_chunks_merge_to_the_whole_run():
    town = two_providers(shared_market=True)
    whole = meantime.simulate(town, paths=600, seed=5, progress=False)
    first = meantime.simulate(town, paths=256, seed=5, progress=False)
    second = meantime.simulate(town, paths=344, seed=5, first_path=256, progress=False)
    merged = first.merge(second)
    np.testing.assert_array_equal(merged.town_outcomes["survivors"], whole.town_outcomes["survivors"])
    assert merged.summary()["estimate"].equals(whole.summary()["estimate"])


def test_collective_effect_on_the_example():
    # The founders' households as before benefits were modelled (£900 a month typed in, no benefit
    # rule, whose taper would take back part of what sharing saves): survival between 0 and 1.
    town = meantime.Scenario.from_file(EXAMPLE)
    for i in range(3):
        town = town.replace(
            {f"providers[{i}].benefits.enabled": False, f"providers[{i}].household.other_income_per_month": 900}
        )
    table = meantime.collective_effect(town, paths=4_000, seed=2026, progress=False)
    assert list(table.index) == ["providers[0]", "providers[1]", "providers[2]"]
    # Sharing costs and cover helps the two members who pay for a room alone.
    for member in ("providers[0]", "providers[1]"):
        row = table.loc[member]
        assert row["difference"] > 4 * row["difference_se"]
        assert row["survival_with"] - row["survival_without"] == pytest.approx(row["difference"])


def test_collective_effect_needs_a_collective():
    with pytest.raises(meantime.ArgumentError, match="collective"):
        meantime.collective_effect(two_providers(), paths=100)
    with pytest.raises(meantime.ArgumentError, match="providers"):
        meantime.collective_effect(meantime.default_scenario(), paths=100)


def test_town_errors_name_the_provider():
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.Scenario(providers=[{"stream": 1}, {"stream": 1}])
    assert caught.value.field == "providers[1].stream"
    with pytest.raises(meantime.ScenarioError) as caught:
        meantime.Scenario(providers=[{"stream": 1, "staff": {"hours_per_week": 180}}])
    assert caught.value.field == "providers[0].staff.hours_per_week"
    with pytest.raises(ValueError, match="client"):
        meantime.simulate(two_providers(), paths=100, client=object())


def test_command_line_and_report(tmp_path, capsys):
    from meantime.cli.main import main

    assert main(["run", EXAMPLE, "--paths", "2000", "--no-progress"]) == 0
    out = capsys.readouterr().out
    for section in ("providers[0]", "providers[1]", "providers[2]", "The town"):
        assert section in out
    report = tmp_path / "town.html"
    assert main(["report", EXAMPLE, "--paths", "1000", "--out", str(report), "--no-progress"]) == 0
    html = report.read_text()
    assert 'id="town"' in html and 'id="provider-2"' in html


def test_engine_names():
    assert meantime.TOWN_TOTALS == tuple(_core.town_total_names)
    assert "survivors" in meantime.TOWN_TOTALS and "offers_alive" in meantime.TOWN_SERIES


def test_founder_result_passes_one_founders_result_and_refuses_a_towns_naming_the_argument():
    """The callers that run one founder's scenario (the report's fan chart, the explorer) read
    simulate's answer through founder_result: a town's answer is refused by name, not drawn."""
    single = meantime.simulate(meantime.default_scenario(), paths=200, seed=1, progress=False)
    assert founder_result(single) is single
    town = meantime.simulate(two_providers(), paths=200, seed=1, progress=False)
    with pytest.raises(meantime.ArgumentError, match="town of 2 providers") as caught:
        founder_result(town, "base")
    assert caught.value.field == "base"
