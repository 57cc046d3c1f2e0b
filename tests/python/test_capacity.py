"""Market capacity: how many providers of one kind a town's pool of budget
holders sustains. Known answers in the deterministic case, the town of one provider against the
provider alone, agreement with the town runs it is made of, and errors that name the argument."""

from __future__ import annotations

import doctest
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import meantime  # noqa: E402
import meantime.analyses.capacity  # noqa: E402
import meantime.plot.capacity  # noqa: E402
from conftest import classic_scenario  # noqa: E402
from meantime.analyses.capacity import capacity_town  # noqa: E402

TOWN_EXAMPLE = "examples/scenarios/town_collective.toml"


def deterministic(population: float = 60_000) -> meantime.Scenario:
    """The kitchen-table start-up with every draw replaced by its expectation."""
    return classic_scenario().replace(run__deterministic=True, market__population=population)


def survived(result: meantime.Result) -> np.ndarray:
    return (result.outcomes["failure_month"].to_numpy() == -1).astype(float)


# -- known answers ---------------------------------------------------------------------------------


def test_a_pool_that_feeds_only_one_provider_sustains_one():
    # The kitchen table's town of 60,000 feeds one provider: alone with the whole pool it gets
    # through three years, but with half of it (what each of two would get) it fails.
    whole = meantime.simulate(deterministic(), paths=1, seed=1, progress=False)
    half = meantime.simulate(deterministic(30_000), paths=1, seed=1, progress=False)
    assert whole.survival() == 1.0 and half.survival() == 0.0

    capacity = meantime.market_capacity(deterministic(), max_providers=3, paths=2, seed=1, progress=False)
    assert capacity.best_k == 1
    table = capacity.table
    assert table.loc[1, "survivors"] == 1.0 and capacity.distribution.loc[1, 1] == 1.0
    for k in (2, 3):  # never more than one still trading, and fewer budget holders served
        assert table.loc[k, "survivors"] <= 1.0
        assert capacity.distribution.loc[k, 2:].sum() == 0.0
        assert table.loc[k, "client_months"] < table.loc[1, "client_months"]
    assert capacity.close_to_best == [1]
    assert "served most by 1 provider:" in str(capacity)


def test_the_town_of_one_is_the_provider_alone_when_deterministic():
    # Without randomness the shared market's one offer gets every prospect the provider alone gets.
    capacity = meantime.market_capacity(deterministic(), max_providers=1, paths=1, seed=1, progress=False)
    town = meantime.simulate(capacity.town(1), paths=1, seed=1, progress=False)
    alone = meantime.simulate(deterministic(), paths=1, seed=1, keep_paths=True, progress=False)
    for column in ("failure_month", "clients_served", "sessions_delivered", "lowest_cash", "final_cash"):
        np.testing.assert_array_equal(town.providers[0].outcomes[column], alone.outcomes[column], err_msg=column)
    assert capacity.table.loc[1, "client_months"] == alone.paths["clients"].sum()
    assert capacity.table.loc[1, "clients_served"] == alone.outcomes["clients_served"].sum()


def test_the_town_of_one_matches_the_provider_alone_within_its_error():
    # With randomness the pool's awareness draws come from the town's own stream, so the paths
    # differ; survival and budget holders served agree within the paired standard error.
    scenario = classic_scenario()
    n = 4_000
    capacity = meantime.market_capacity(scenario, max_providers=1, paths=n, seed=11, progress=False)
    town = meantime.simulate(capacity.town(1), paths=n, seed=11, progress=False)
    alone = meantime.simulate(scenario.replace(run__stream=1), paths=n, seed=11, progress=False)
    assert not np.array_equal(town.providers[0].outcomes["clients_served"], alone.outcomes["clients_served"])
    for d in (
        survived(town.providers[0]) - survived(alone),
        town.providers[0].outcomes["clients_served"].to_numpy(float) - alone.outcomes["clients_served"],
    ):
        se = d.std(ddof=1) / math.sqrt(n)
        assert abs(d.mean()) < 4 * se


def test_a_large_pool_sustains_more_than_one():
    scenario = classic_scenario().replace(market__population=250_000)
    capacity = meantime.market_capacity(scenario, max_providers=3, paths=400, seed=5, progress=False)
    assert capacity.best_k > 1
    gain, se = capacity.table.loc[2, ["gain", "gain_se"]]
    assert gain > 4 * se  # a second provider serves clearly more, on the same futures
    table = capacity.table
    assert table.loc[2, "survivors"] > table.loc[1, "survivors"] + 4 * table.loc[2, "survivors_se"]
    d, d_se = capacity.paired_difference(2, 1)
    assert d == pytest.approx(gain) and d_se == pytest.approx(se)


# -- what the table is made of -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small():
    return meantime.market_capacity(classic_scenario(), max_providers=3, paths=600, seed=3, month=24, progress=False)


def test_the_table_is_the_town_runs(small):
    for k in (1, 2, 3):
        town = meantime.simulate(small.town(k), paths=600, seed=3, progress=False)
        assert [p.stream for p in town.scenario.providers] == list(range(1, k + 1))
        # The survivors' distribution is the town's own count of providers still trading.
        np.testing.assert_array_equal(small.survivors(k)["paths"], town.survivors(24)["paths"])
        np.testing.assert_allclose(small.distribution.loc[k, :k], town.survivors(24)["share"])
        assert small.distribution.loc[k].sum() == pytest.approx(1.0)
        # Budget holders served: the mean of the town's per-path totals, SE from them.
        for column in ("clients_served", "client_months"):
            per_path = town.town_outcomes[column].to_numpy(float)
            assert small.table.loc[k, column] == pytest.approx(per_path.mean())
            assert small.table.loc[k, f"{column}_se"] == pytest.approx(per_path.std(ddof=1) / math.sqrt(600))
        share = small.distribution.loc[k, k]
        assert small.table.loc[k, "all_survive"] == share
        assert small.table.loc[k, "all_survive_se"] == pytest.approx(math.sqrt(share * (1 - share) / 600))
    assert small.table["survivors"].to_numpy() == pytest.approx(
        [sum(j * small.distribution.loc[k, j] for j in range(4)) for k in (1, 2, 3)]
    )
    assert small.best_k == int(small.table["client_months"].idxmax())
    assert small.table.loc[1, "gain"] == small.table.loc[1, "client_months"]


def test_month_and_objective(small):
    at_horizon = meantime.market_capacity(
        classic_scenario(), max_providers=3, paths=600, seed=3, objective="clients_served", progress=False
    )
    assert at_horizon.month == 36 and small.month == 24
    assert (at_horizon.table["survivors"] <= small.table["survivors"]).all()
    # Served is over the horizon, whatever the month of the count.
    assert at_horizon.table["client_months"].equals(small.table["client_months"])
    assert at_horizon.best_k == int(at_horizon.table["clients_served"].idxmax())
    assert at_horizon.table.loc[2, "gain"] == pytest.approx(
        at_horizon.table.loc[2, "clients_served"] - at_horizon.table.loc[1, "clients_served"]
    )


def test_reproducible_whatever_the_threads():
    kwargs = dict(max_providers=2, paths=300, seed=9, progress=False)
    one = meantime.market_capacity(classic_scenario(), threads=1, **kwargs)
    two = meantime.market_capacity(classic_scenario(), threads=2, **kwargs)
    assert one.table.equals(two.table) and one.distribution.equals(two.distribution)


def test_one_progress_bar_over_every_town():
    calls = []
    meantime.market_capacity(
        classic_scenario(), max_providers=3, paths=200, seed=1, progress=lambda done, total: calls.append((done, total))
    )
    assert calls[-1] == (600, 600)


def test_a_town_scenario_gives_its_first_provider_and_its_market():
    town = meantime.Scenario.from_file(TOWN_EXAMPLE)  # no shared market: providers[1] has its own
    first = town.providers[1]  # the peer-support worker, with its own market
    entrant = town.replace({"providers": [town.to_dict()["providers"][1]]})
    made = capacity_town(entrant, 2)
    assert made.town.shared_market and not made.collective.enabled
    assert made.to_dict()["market"] == town.to_dict()["providers"][1]["market"]  # its own market is the pool
    for i, provider in enumerate(made.providers):
        assert provider.stream == i + 1 and not provider.collective_member
        assert provider.business == first.business and provider.costs == first.costs
        assert provider.household == first.household and provider.fit == first.fit
    # A town with a shared market: its market is the pool, its choice model is kept.
    shared = entrant.replace(town__shared_market=True, town__outside_option=True, market__population=90_000)
    made = capacity_town(shared, 3)
    assert made.market.population == meantime.fixed(90_000) and made.town.outside_option
    # A single provider's town settings are kept too, with the market shared.
    single = classic_scenario().replace(town__price_coefficient=0.3)
    made = capacity_town(single, 2)
    assert made.town.price_coefficient == 0.3 and made.town.shared_market
    assert made.market == single.market and made.to_dict()["providers"][0]["business"] == single.to_dict()["business"]


def test_plot_and_words(small):
    axes = small.plot()
    assert len(axes) == 3 and "after 24 months" in axes[0].get_ylabel()
    assert "3 providers start:" in str(small) and "1 provider starts:" in str(small) and "seed 3" in str(small)
    assert repr(small).startswith("<meantime.MarketCapacity: best_k=")


def test_docstring_examples_run():
    for module in (meantime.analyses.capacity, meantime.plot.capacity):
        failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        assert failures == 0, module.__name__


# -- bad arguments -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, argument",
    [
        (dict(max_providers=0), "max_providers"),
        (dict(max_providers=51), "max_providers"),
        (dict(max_providers=2.5), "max_providers"),
        (dict(max_providers=True), "max_providers"),
        (dict(max_providers="3"), "max_providers"),
        (dict(objective="alive_36"), "objective"),
        (dict(month=0), "month"),
        (dict(month=37), "month"),
        (dict(month=12.0), "month"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, argument):
    with pytest.raises(meantime.ArgumentError) as caught:
        meantime.market_capacity(classic_scenario(), paths=10, progress=False, **kwargs)
    assert caught.value.argument == argument
    assert isinstance(caught.value, ValueError)


def test_bad_scenario_and_run_settings():
    with pytest.raises(meantime.ArgumentError, match="scenario"):
        meantime.market_capacity("kitchen_table.toml", paths=10)
    with pytest.raises(meantime.ScenarioError, match="market.population"):
        meantime.market_capacity({"market": {"population": -1}}, paths=10)
    with pytest.raises(meantime.RunSettingsError) as caught:
        meantime.market_capacity(classic_scenario(), paths=0)
    assert caught.value.field == "paths"
    with pytest.raises(meantime.ArgumentError) as caught:
        capacity_town(classic_scenario(), 0)
    assert caught.value.argument == "providers"


# -- the command line and the report -------------------------------------------------------------------


def test_the_command_prints_the_table_and_the_answer(capsys, tmp_path):
    from meantime.cli.main import main

    table = tmp_path / "capacity.csv"
    assert (
        main(
            ["capacity", "--max-providers", "3", "--paths", "300", "--seed", "4", "--no-progress", "--out", str(table)]
        )
        == 0
    )
    out = capsys.readouterr().out
    result = meantime.market_capacity(meantime.default_scenario(), max_providers=3, paths=300, seed=4, progress=False)
    assert "towns of 1 to 3 providers" in out and "300 futures per town x 36 months, seed 4" in out
    for _, row in result.table.iterrows():  # the same numbers as the Python function, ± 1.96 standard errors
        assert f"{row.survivors:.2f} ± {1.959964 * row.survivors_se:.2f}" in out
        assert f"{row.client_months:,.0f} ± {1.959964 * row.client_months_se:,.0f}" in out
    assert f"served most by {result.best_k} provider" in out
    assert f"{result.best_k} *" in out
    assert table.read_text().startswith("providers,survivors,survivors_se,")


def test_the_command_takes_a_town_and_writes_the_report(capsys, tmp_path):
    import chromium  # tests/python/chromium.py
    from meantime.cli.main import main

    report = tmp_path / "capacity.html"
    assert (
        main(
            [
                "capacity",
                TOWN_EXAMPLE,
                "-k",
                "2",
                "--paths",
                "200",
                "--month",
                "24",
                "--objective",
                "clients_served",
                "--no-progress",
                "--report",
                str(report),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "trading at 24" in out and f"wrote {report}" in out
    html = report.read_text()
    for part in (
        'id="capacity"',
        'id="capacity-answer"',
        'id="capacity-distribution"',
        "How many are still trading",
        "Budget holders served against providers",
        "Providers still trading against providers",
    ):
        assert part in html, part
    assert "<script" not in html and "http://" not in html and "https://" not in html
    page = chromium.render(report)
    assert page.errors == []
    assert page.title.startswith("How many providers can this market sustain?")
    assert "served most when" in page.text and "What was assumed" in page.text


@pytest.mark.parametrize(
    "argv, words",
    [
        (["capacity", "-k", "51", "--paths", "10"], "max_providers: must be a whole number from 1 to 50, got 51"),
        (["capacity", "--month", "40", "--paths", "10"], "month: must be a whole number from 1 to 36, got 40"),
        (["capacity", "--paths", "10", "--report", "out.pdf"], "give --report a name ending in .html"),
        (["capacity", "--paths", "10", "--set", "market.population=-5"], "market.population"),
    ],
)
def test_command_mistakes_are_one_line(capsys, argv, words):
    from meantime.cli.main import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


def test_the_readme_example_runs(tmp_path, monkeypatch):
    import pathlib

    readme = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "funders.md").read_text()
    block = readme.split("**How many providers can this market sustain?**", 1)[1].split("```python\n", 1)[1]
    code = block.split("```", 1)[0].replace("paths=10_000", "paths=300")
    monkeypatch.chdir(tmp_path)  # the report is written here
    namespace: dict = {"meantime": meantime}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["capacity"], meantime.MarketCapacity)
    assert (tmp_path / "capacity.html").is_file()
