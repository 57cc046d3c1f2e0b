"""Every plot renders (Agg), returns its Axes, draws on the ax= it is given, has the expected
artists and labels with units, and tells series apart without colour."""

from __future__ import annotations

import itertools
import pathlib

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import meantime  # noqa: E402


@pytest.fixture(scope="module")
def kept() -> meantime.Result:
    s = meantime.default_scenario().replace(clients__waiting_list=True)
    return meantime.simulate(s, paths=800, seed=3, keep_paths=True, progress=False)


@pytest.fixture(scope="module")
def statistics_only() -> meantime.Result:
    return meantime.simulate(paths=800, seed=3, keep_outcomes=False, progress=False)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def render(ax) -> None:
    ax.figure.canvas.draw()  # a real Agg render, not only artist creation


def grey(color) -> bool:
    r, g, b = to_rgb(color)
    return abs(r - g) < 1e-9 and abs(g - b) < 1e-9


def assert_black_and_white(ax) -> None:
    """Every line and filled area is a grey (series differ by grey level, hatch, style, marker)."""
    for line in ax.get_lines():
        assert grey(line.get_color()), line
    for collection in ax.collections:
        for face in collection.get_facecolors():
            assert grey(face[:3]), collection
    for patch in ax.patches:
        assert grey(patch.get_facecolor()[:3]), patch


def legend_texts(ax) -> list[str]:
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


@pytest.fixture(scope="module")
def some_survive() -> meantime.Result:
    """A run in which some futures fail and some get through (the peer support group example)."""
    s = meantime.Scenario.from_file(
        pathlib.Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "peer_support_group.toml"
    )
    return meantime.simulate(s, paths=800, seed=3, keep_paths=True, progress=False)


def assert_legend_off_the_data(ax) -> None:
    """The legend lies wholly outside the axes' data area (below it), so it hides nothing drawn."""
    ax.figure.canvas.draw()
    legend, area = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend.y1 <= area.y0, (legend, area)


@pytest.mark.parametrize("which", ["combined", "business", "household"])
def test_cash_fan_of_all_futures(kept, which):
    fig, ax = plt.subplots()
    assert kept.plot_cash(which, ax=ax, among="all") is ax
    render(ax)
    assert ax.get_xlabel() == "Month" and ax.get_ylabel() == "Cash (£)"
    assert "£" in ax.get_yticklabels()[1].get_text()
    assert "still going" not in ax.get_title()
    fills = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(fills) == 2  # the 90% and 50% bands
    texts = legend_texts(ax)
    assert {"90% of futures", "50% of futures", "median future", "single futures"} <= set(texts)
    sample = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert len(sample) == 5  # a few single futures, as the run kept its paths
    median = next(line for line in ax.get_lines() if line.get_label() == "median future")
    series = {"business": "business_cash_q50", "household": "household_cash_q50"}.get(which)
    if series:
        np.testing.assert_allclose(median.get_ydata(), kept.monthly[series])
    else:  # combined: from the paths
        combined = kept.paths["business_cash"] + kept.paths["household_cash"]
        np.testing.assert_allclose(median.get_ydata(), np.median(combined, axis=0))
    assert_black_and_white(ax)
    assert_legend_off_the_data(ax)


def test_cash_fan_among_survivors(some_survive):
    r = some_survive
    failure = r.outcome_arrays["failure_month"]
    assert 0.05 < (failure > 0).mean() < 0.95  # the fixture has both kinds of future
    ax = r.plot_cash()  # a run with paths: survivors by default
    render(ax)
    assert ax.get_title() == "Combined cash: business and household, among futures still going"
    combined = r.paths["business_cash"] + r.paths["household_cash"]
    median = next(line for line in ax.get_lines() if line.get_label() == "median future still going")
    for month in (6, 18, r.months):  # a future failing in month m is not going at the end of m
        going = (failure == -1) | (failure > month)
        assert median.get_ydata()[month - 1] == pytest.approx(np.median(combined[going, month - 1]))
    # The venture stops when combined cash falls below zero: every future still going has some.
    low = meantime.plot.cash_quantiles(r, "combined", among="survivors")[:, 0]
    assert np.all(low[np.isfinite(low)] >= 0)
    assert np.min(meantime.plot.cash_quantiles(r, "combined", among="all")[:, 0]) < 0  # failed ones drag it
    # Single futures stop where they fail, each failure marked with a cross.
    singles = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert [len(line.get_xdata()) for line in singles] == [f if f > 0 else r.months for f in failure[:5]]
    crosses = [line for line in ax.get_lines() if line.get_marker() == "x"]
    assert len(crosses) == int((failure[:5] > 0).sum())
    assert_black_and_white(ax)
    assert_legend_off_the_data(ax)


def test_cash_fan_among_survivors_needs_the_paths(statistics_only):
    with pytest.raises(meantime.NotKeptError, match="keep_paths=True"):
        meantime.plot.cash_fan(statistics_only, which="business", among="survivors")
    with pytest.raises(ValueError, match="among must be 'survivors' or 'all'"):
        meantime.plot.cash_fan(statistics_only, which="business", among="alive")


def test_failures_over_time(some_survive):
    r = some_survive
    ax = meantime.plot.failures_over_time(r)
    render(ax)
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    failure = r.outcome_arrays["failure_month"]
    # The share failed by the end of month m, counted from each future's failure month.
    by_month = [((failure > 0) & (failure <= m)).mean() for m in range(1, r.months + 1)]
    np.testing.assert_allclose([b.get_height() for b in bars], by_month)
    assert f"{100 * by_month[-1]:.0f}% by month {r.months}" in ax.get_title()
    assert ax.get_ylabel() == "Failed (%)"
    assert_black_and_white(ax)
    assert_legend_off_the_data(ax)


def test_cash_fan_without_paths(statistics_only):
    ax = meantime.plot.cash_fan(statistics_only, which="business")  # all futures: no paths to tell them apart
    assert "single futures" not in legend_texts(ax) and "still going" not in ax.get_title()
    with pytest.raises(meantime.NotKeptError, match="keep_paths=True"):
        meantime.plot.cash_fan(statistics_only)
    with pytest.raises(ValueError, match="which must be one of"):
        meantime.plot.cash_fan(statistics_only, which="savings")


def test_survival_curve(kept):
    ax = kept.plot_survival()
    render(ax)
    assert ax.get_ylabel() == "Futures still going (%)" and ax.get_xlabel() == "Month"
    line = next(line for line in ax.get_lines() if line.get_label() == "still going")
    np.testing.assert_allclose(line.get_ydata(), kept.monthly["survival"])
    band = next(c for c in ax.collections if c.get_label() == "95% confidence band")
    vertices = band.get_paths()[0].vertices
    # The band surrounds the curve and has some width where survival is strictly between 0 and 1.
    assert vertices[:, 1].min() <= kept.monthly["survival"].min() <= vertices[:, 1].max()
    assert f"{100 * kept.survival():.0f}%" in ax.get_title()
    assert_black_and_white(ax)
    assert_legend_off_the_data(ax)


def test_wilson_band_is_the_textbook_interval():
    from meantime.plot._style import wilson

    low, high = wilson(np.array([0.5, 0.0, 1.0]), 100)
    # 50/100: 0.5 ± 1.96 * 0.05 / (1 + 1.96²/100), about 0.404..0.596 (Wilson 1927).
    assert low[0] == pytest.approx(0.4038, abs=1e-3) and high[0] == pytest.approx(0.5962, abs=1e-3)
    assert low[1] == 0 and high[1] > 0.03 and low[2] < 0.97 and high[2] == 1


def test_break_even_months(kept):
    ax = kept.plot_break_even()
    render(ax)
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 2 * kept.months  # operating and living, each month
    never = [
        kept.statistics.operating_break_even().never / kept.path_count,
        kept.statistics.living_break_even().never / kept.path_count,
    ]
    heights = sum(bar.get_height() for bar in bars)
    assert heights == pytest.approx(2.0 - sum(never))  # with the never shares, each kind adds up to 1
    assert ax.get_ylabel() == "Share of futures (%)" and "Month reached" in ax.get_xlabel()
    texts = legend_texts(ax)
    assert f"operating break-even (never within 36 months: {100 * never[0]:.0f}%)" in texts
    assert f"living break-even (never within 36 months: {100 * never[1]:.0f}%)" in texts
    assert any(bar.get_hatch() for bar in bars)  # living is hatched: no colour needed
    assert_black_and_white(ax)
    assert_legend_off_the_data(ax)


def test_clients_over_time(kept):
    ax = kept.plot_clients()
    render(ax)
    assert ax.get_ylabel() == "People"
    assert {"clients (median future)", "waiting list (median)"} <= set(legend_texts(ax))
    assert_black_and_white(ax)
    assert_legend_off_the_data(ax)


def test_plots_draw_on_the_axes_they_are_given(kept):
    fig, axes = plt.subplots(2, 2)
    drawn = [
        kept.plot_cash(ax=axes[0, 0]),
        kept.plot_survival(ax=axes[0, 1]),
        kept.plot_break_even(ax=axes[1, 0]),
        kept.plot_clients(ax=axes[1, 1]),
    ]
    assert drawn == list(axes.flat) and len(plt.get_fignums()) == 1
    render(axes[0, 0])


# -- analysis tables ----------------------------------------------------------------------------------

PRICE_TABLE = pd.DataFrame(
    {
        "price": [8, 9, 10, 11, 12, 13],
        "survival": [0.3, 0.5, 0.7, 0.78, 0.7, 0.5],
        "survival_se": [0.01] * 6,
        "founder_income": [300, 450, 600, 700, 650, 500],
        "priced_out_share": [0.0, 0.02, 0.08, 0.2, 0.35, 0.5],
        "best": [False, False, False, True, False, False],
    }
)


def test_price_curve():
    ax = meantime.plot.price_curve(PRICE_TABLE)
    render(ax)
    assert ax.get_xlabel() == "Price per session (£)" and ax.get_ylabel() == "Share (%)"
    assert ax.income_axes.get_ylabel() == "Founder's income (£ a month)"
    texts = legend_texts(ax)
    assert "best price: £11.00" in texts  # from the table's "best" column
    assert {
        "futures still going (bars: 95% interval)",
        "budget holders priced out",
        "founder's income (right axis)",
    } <= set(texts)
    # Error bars from survival_se: the 95% interval, 1.96 x 0.01 either side of each point.
    bars = ax.containers[0].lines[2][0].get_segments()
    assert bars[0][:, 1] == pytest.approx([0.3 - 0.0196, 0.3 + 0.0196], abs=1e-4)
    assert_black_and_white(ax)
    assert_black_and_white(ax.income_axes)
    assert_legend_off_the_data(ax)


def test_price_curve_columns_by_name_and_clear_errors():
    table = PRICE_TABLE.rename(columns={"price": "price_per_session"}).drop(columns=["priced_out_share", "best"])
    ax = meantime.plot.price_curve(table, price="price_per_session", priced_out=None, best=12)
    assert "best price: £12.00" in legend_texts(ax)
    with pytest.raises(ValueError, match="no column 'price'.*its columns are: price_per_session"):
        meantime.plot.price_curve(table)


TORNADO_TABLE = pd.DataFrame(
    {
        "field": ["business.price_per_session", "household.savings", "market.fit_share"],
        "at_low": [0.5, 0.7, 0.6],
        "at_high": [0.85, 0.82, 0.9],
        "low": [9, 2000, 0.1],
        "high": [13, 6000, 0.4],
        "base": [0.78] * 3,
    }
)


def test_tornado():
    ax = meantime.plot.tornado(TORNADO_TABLE)
    render(ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # largest swing on top (the last tick): price 0.35 > fit share 0.30 > savings 0.12
    assert labels[-1].startswith("business price per session") and labels[0].startswith("household savings")
    # Each input's range, in its unit: pounds, a share.
    assert labels[-1] == "business price per session\n£9 to £13"
    assert labels[0] == "household savings\n£2,000 to £6,000" and labels[1] == "market fit share\n10% to 40%"
    assert ax.get_xlabel() == "Survival (%)"
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 6 and sum(bool(b.get_hatch()) for b in bars) == 3
    assert any(line.get_xdata()[0] == 0.78 for line in ax.get_lines())  # the base line
    assert_black_and_white(ax)
    assert_legend_off_the_data(ax)
    no_base = meantime.plot.tornado(TORNADO_TABLE.drop(columns=["base"]), metric="extra capital")
    assert "low setting" in legend_texts(no_base)


def test_sweep_heatmap():
    rows = [
        {"business.price_per_session": p, "household.savings": v, "survival": 0.2 + 0.04 * p + v / 50_000}
        for p, v in itertools.product([9, 10, 11, 12], [2000, 4000, 6000])
    ]
    ax = meantime.plot.sweep_heatmap(pd.DataFrame(rows), "business.price_per_session", "household.savings")
    render(ax)
    assert ax.get_xlabel() == "price per session (pounds)" and ax.get_ylabel() == "savings (pounds)"
    assert len(ax.images) == 1 and ax.images[0].get_array().shape == (3, 4)
    cells = [t.get_text() for t in ax.texts]
    assert len(cells) == 12 and "60%" in cells  # 0.2 + 0.36 + 0.04 at price 9, savings 2000
    assert ax.images[0].get_cmap().name == "Greys"
    with pytest.raises(ValueError, match="no column 'market.fit_share'"):
        meantime.plot.sweep_heatmap(pd.DataFrame(rows), "market.fit_share", "household.savings")
