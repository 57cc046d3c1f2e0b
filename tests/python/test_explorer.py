"""The live explorer's logic (meantime.explorer): controls to scenario, a move re-runs with the same
seed and changes the headline to the independently computed answer, the figure has the expected
artists, and a value the scenario rejects shows its message instead of raising."""

from __future__ import annotations

import doctest
import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

import meantime  # noqa: E402
import meantime.explorer as explorer_module  # noqa: E402
from meantime.explorer import CONTROLS, scenario_from, start_values  # noqa: E402

pytest.importorskip("ipywidgets", reason="ipywidgets is not installed: pip install 'meantime[explorer]'")

from meantime.explorer import Explorer  # noqa: E402

PATHS, SEED = 2_000, 7


def first_line(scenario: meantime.Scenario) -> str:
    """The headline's first line, computed without the explorer."""
    result = meantime.simulate(scenario, paths=PATHS, seed=SEED, keep_outcomes=False, progress=False)
    return str(result).splitlines()[0]


@pytest.fixture
def explorer() -> Explorer:
    return Explorer(paths=PATHS, seed=SEED)


# -- controls and scenarios (no widgets) ----------------------------------------------------------


def test_start_values_of_the_default_scenario():
    assert start_values(meantime.default_scenario()) == {
        "price": 11.0,
        "founder_hours": 15.0,
        "churn": 0.04,
        "asked": 40,
        "interested": 10,
        "savings": 4000.0,
        "living_costs": 1250.0,
        "fixed_costs": 120.0,
        "benefits": True,
    }


def test_every_control_sets_a_real_scenario_field():
    fields = {f.path for f in meantime.scenario_fields()}
    for control in CONTROLS:
        assert control.path in fields, control.path
        assert control.kind in ("slider", "money", "count", "switch"), control.kind
        if control.kind == "slider":
            assert control.low < control.high and control.step > 0


def test_scenario_from_sets_each_field_and_nothing_else():
    base = meantime.default_scenario()
    assert scenario_from(base, {}) == base  # the start values give the scenario back
    s = scenario_from(
        base,
        dict(
            price=13.5,
            founder_hours=20,
            churn=0.06,
            asked=100,
            interested=30,
            savings=2500,
            living_costs=1400,
            fixed_costs=200,
            benefits=True,
        ),
    )
    assert s.business.price_per_session == 13.5
    assert s.business.founder_hours_per_week == 20
    assert s.clients.churn_per_month == meantime.uniform(0.05, 0.07)  # the default's spread, ±1 point
    assert s.market.fit_share == meantime.research_share(100, 30)
    assert s.household.savings == meantime.fixed(2500)
    assert s.household.living_costs_per_month == 1400
    assert s.business.fixed_costs_per_month == 200
    assert s.benefits.enabled is True
    changed = {k for k, v in s.to_dict(flat=True).items() if base.to_dict(flat=True)[k] != v}
    assert {c.path for c in CONTROLS} >= changed


def test_churn_keeps_its_spread_never_below_zero_and_a_fixed_churn_stays_fixed():
    base = meantime.default_scenario()
    assert scenario_from(base, {"churn": 0.005}).clients.churn_per_month == meantime.uniform(0, 0.015)
    fixed_base = base.replace(clients__churn_per_month=0.04)
    assert scenario_from(fixed_base, {"churn": 0.07}).clients.churn_per_month == meantime.fixed(0.07)


def test_unknown_controls_and_scenarios_the_explorer_cannot_show_are_refused():
    base = meantime.default_scenario()
    with pytest.raises(KeyError, match="unknown explorer control.*prise"):
        scenario_from(base, {"prise": 12})
    with pytest.raises(ValueError, match="market.fit_share: .*research_share"):
        start_values(base.replace(market__fit_share=meantime.uniform(0.1, 0.3)))
    with pytest.raises(ValueError, match="clients.churn_per_month"):
        start_values(base.replace(clients__churn_per_month=meantime.triangular(0.02, 0.04, 0.06)))
    with pytest.raises(ValueError, match="household.savings: .*range"):
        start_values(base.replace(household__savings=meantime.uniform(3000, 5000)))


def test_the_rejected_values_raise_the_scenarios_own_errors():
    base = meantime.default_scenario()
    with pytest.raises(ValueError, match="interested <= asked"):
        scenario_from(base, {"interested": 50})
    with pytest.raises(meantime.ScenarioError, match="household.savings: must be >= 0"):
        scenario_from(base, {"savings": -100})


def test_docstring_examples_run():
    failures, _ = doctest.testmod(explorer_module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


# -- the explorer ---------------------------------------------------------------------------------


def test_it_starts_with_the_answer_for_the_start_values(explorer):
    assert explorer.runs == 1 and explorer.error is None
    assert explorer.result.path_count == PATHS and explorer.result.seed == SEED
    assert explorer.headline_text.splitlines()[0] == first_line(meantime.default_scenario())
    assert "Answer:" in explorer.headline_text
    assert f"{PATHS:,} futures, seed {SEED}" in explorer.status.value
    assert set(explorer.controls) == {c.name for c in CONTROLS}
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()


def test_moving_a_slider_reruns_and_changes_the_headline(explorer):
    before = explorer.headline_text
    explorer.controls["price"].value = 13  # what a slider's release sends
    assert explorer.runs == 2
    assert explorer.result.scenario.business.price_per_session == 13
    assert explorer.headline_text != before
    assert explorer.headline_text.splitlines()[0] == first_line(
        meantime.default_scenario().replace(business__price_per_session=13)
    )
    # Same seed every run: going back gives the first answer exactly, not a fresh draw.
    explorer.controls["price"].value = 11
    assert explorer.headline_text == before


def test_set_moves_several_controls_with_one_run(explorer):
    explorer.set(savings=2000, benefits=True)
    assert explorer.runs == 2
    s = explorer.result.scenario
    assert s.household.savings == meantime.fixed(2000) and s.benefits.enabled
    with pytest.raises(KeyError, match="unknown explorer control"):
        explorer.set(savngs=1)


def test_back_to_the_start(explorer):
    start = explorer.headline_text
    explorer.set(price=9, founder_hours=30)
    assert explorer.headline_text != start
    explorer.reset_button.click()
    assert explorer.values() == start_values(meantime.default_scenario())
    assert explorer.headline_text == start


def test_the_figure_has_the_fan_chart_and_the_survival_curve(explorer):
    cash, survival = explorer.figure.axes
    assert cash.get_title() == "Combined cash: business and household"
    assert cash.get_ylabel() == "Cash (£)" and cash.get_xlabel() == "Month"
    assert len([c for c in cash.collections if isinstance(c, PolyCollection)]) == 2  # the 50% and 90% bands
    labels = [line.get_label() for line in cash.get_lines()]
    assert labels.count("median future") == 1 and labels.count("single futures") == 1
    assert labels.count("_nolegend_") == 4  # five single futures in all (and the £0 line)
    assert survival.get_ylabel() == "Futures still going (%)"
    assert survival.get_title() == "Futures still going, month by month"
    # The chart on the page is this figure as a PNG.
    from matplotlib import image

    png = explorer.chart.value
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.imread(io.BytesIO(png), format="png").shape[:2] == (360, 990)  # 11 x 4 inches at 90 dpi


def test_a_move_redraws_the_figure_from_the_new_run(explorer):
    median = next(line for line in explorer.figure.axes[0].get_lines() if line.get_label() == "median future")
    old = np.array(median.get_ydata())
    old_png = explorer.chart.value
    explorer.controls["fixed_costs"].value = 400
    cash = explorer.figure.axes[0]
    assert len(explorer.figure.axes) == 2  # redrawn, not added to
    median = next(line for line in cash.get_lines() if line.get_label() == "median future")
    expected = meantime.plot.cash_quantiles(explorer.result, "combined")[:, 2]
    np.testing.assert_array_equal(median.get_ydata(), expected)
    assert not np.array_equal(old, expected)
    assert explorer.chart.value != old_png


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("interested", 50, "research_share: needs 0 &lt;= interested &lt;= asked, got asked=40, interested=50"),
        ("savings", -500, "household.savings: must be &gt;= 0"),
        ("living_costs", -1, "household.living_costs_per_month: must be &gt;= 0"),
    ],
)
def test_a_rejected_value_shows_the_scenarios_message_not_a_traceback(explorer, name, value, message):
    result, png = explorer.result, explorer.chart.value
    explorer.controls[name].value = value  # no exception reaches the page
    assert explorer.error is not None and explorer.runs == 1
    assert message in explorer.headline.value  # escaped for HTML
    assert explorer.headline_text.startswith("These assumptions cannot be simulated")
    assert "Traceback" not in explorer.headline_text
    # The last answer stays on the chart, and fixing the value runs again.
    assert explorer.result is result and explorer.chart.value == png
    explorer.controls[name].value = start_values(meantime.default_scenario())[name]
    assert explorer.error is None and explorer.runs == 2
    assert explorer.headline_text.splitlines()[0] == first_line(meantime.default_scenario())


def test_a_town_is_refused_by_name_before_any_widget_is_made():
    town = meantime.Scenario(providers=[{"stream": 1}, {"stream": 2}])
    with pytest.raises(meantime.ArgumentError, match="one founder's scenario, not a town") as caught:
        Explorer(town, paths=PATHS, seed=SEED)
    assert caught.value.field == "scenario"
