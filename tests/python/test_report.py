"""The viability report: one self-contained HTML file with the answer, the assumptions in words
and the charts; analysis sections when the analyses exist; and it renders in a real browser
(headless Chromium) with no console errors, showing the headline numbers."""

from __future__ import annotations

import base64
import io
import pathlib
import re
import shutil

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import meantime  # noqa: E402
import meantime.report  # noqa: E402

import chromium  # noqa: E402  (tests/python/chromium.py)

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "scenarios" / "peer_support_group.toml"
SCREENSHOT = REPO / "build" / "report-screenshot.png"  # kept for people to look at (build/ is not committed)
ANALYSES = ("break_even", "required_capital", "price_curve", "sensitivity")


@pytest.fixture(scope="module")
def result() -> meantime.Result:
    scenario = meantime.Scenario.from_file(EXAMPLE)
    return meantime.simulate(scenario, paths=2_000, seed=2026, keep_paths=True, progress=False)


@pytest.fixture(autouse=True)
def without_analyses(monkeypatch):
    """The analyses (issue 5) are not on this branch; make sure of it whatever is installed."""
    for name in ANALYSES:
        monkeypatch.delattr(meantime, name, raising=False)


def headline_numbers(result: meantime.Result) -> list[str]:
    return [f"{100 * result.survival():.0f}%", f"{100 * result.operating_break_even_by():.0f}%",
            f"{100 * result.living_break_even_by():.0f}%", f"£{result.extra_capital_needed(0.9):,.0f}"]


def images(html: str) -> list[str]:
    return re.findall(r'<img alt="([^"]+)" src="data:image/svg\+xml;base64,', html)


def test_the_report_is_one_self_contained_file(tmp_path, result):
    path = tmp_path / "report.html"
    result.report(path, title="Peer support group")
    html = path.read_text()
    assert "<title>Peer support group</title>" in html
    assert images(html) == ["Fan chart of combined cash", "Survival curve", "Break-even month distribution",
                            "Clients over time"]
    # Nothing to fetch: no scripts, no links to files or the network, every image inline.
    assert not re.search(r'(src|href)="(?!data:)', html) and "<script" not in html
    for number in headline_numbers(result):
        assert number in html
    assert "What was assumed" in html and "Sessions of 15 minutes at £5 each" in html
    assert "£425 a month, reduced by 55p for each pound earned above £710" in html  # benefits in words
    assert "health.illness_per_month" in html  # the appendix lists every field
    for name in ("Break-even without the uncertainty", "Starting capital needed", "What price?"):
        assert name not in html  # no empty sections for analyses this version lacks


def test_the_charts_are_valid_svg(tmp_path, result):
    path = tmp_path / "report.html"
    result.report(path)
    encoded = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', path.read_text())
    for data in encoded:
        svg = base64.b64decode(data).decode()
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_a_run_without_paths_still_gets_the_combined_fan(tmp_path, monkeypatch):
    result = meantime.simulate(paths=3_000, seed=5, keep_outcomes=False, progress=False)
    path = tmp_path / "report.html"
    monkeypatch.setattr(meantime.report, "COMBINED_FAN_PATHS", 1_000)
    result.report(path)
    html = path.read_text()
    assert "Drawn from the first 1,000 of the 3,000 futures." in html
    assert len(images(html)) == 4


def fake_analyses(monkeypatch, calls: list) -> None:
    """Stand-ins with issue 5's names and call shapes, returning DataFrames."""

    def break_even(scenario):
        calls.append("break_even")
        return pd.DataFrame({"operating": [52.0], "living": [160.0]}, index=["sessions per month"])

    def required_capital(scenario, survival, paths, seed):
        calls.append(("required_capital", survival, paths, seed))
        return pd.DataFrame({"estimate": [3100.0], "low": [2900.0], "high": [3300.0]}, index=["savings"])

    def price_curve(scenario, prices, paths, seed):
        calls.append(("price_curve", len(prices)))
        prices = np.asarray(prices)
        return pd.DataFrame({"price": prices, "survival": np.linspace(0.3, 0.7, len(prices)),
                             "founder_income": prices * 40, "priced_out": np.linspace(0, 0.6, len(prices))})

    def sensitivity(scenario, ranges, metric, method, paths, seed):
        calls.append(("sensitivity", metric, method, tuple(ranges)))
        return pd.DataFrame({"field": list(ranges), "low": np.linspace(0.3, 0.5, len(ranges)),
                             "high": np.linspace(0.6, 0.9, len(ranges))})

    for function in (break_even, required_capital, price_curve, sensitivity):
        monkeypatch.setattr(meantime, function.__name__, function, raising=False)


def test_analysis_sections_appear_when_the_analyses_exist(tmp_path, result, monkeypatch):
    calls: list = []
    fake_analyses(monkeypatch, calls)
    path = tmp_path / "report.html"
    result.report(path)
    html = path.read_text()
    for heading in ("Break-even without the uncertainty", "Starting capital needed", "What price?",
                    "Which assumptions matter most"):
        assert f"<h2>{heading}</h2>" in html
    assert images(html)[-2:] == ["Price curve", "Tornado chart"]
    assert "3,100" in html and "sessions per month" in html  # the tables
    assert ("required_capital", 0.9, 2_000, 2026) in calls  # same seed as the run; its path count (at most 5,000)
    assert ("price_curve", 11) in calls
    assert [c for c in calls if c[0] == "sensitivity"][0][1:3] == ("survival", "tornado")
    assert result.report(path, analyses=False) is None and "What price?" not in path.read_text()


def test_a_failing_analysis_says_so_in_its_section(tmp_path, result, monkeypatch):
    def broken(scenario):
        raise ValueError("no market at this price")

    monkeypatch.setattr(meantime, "break_even", broken, raising=False)
    path = tmp_path / "report.html"
    with pytest.warns(RuntimeWarning, match="no market at this price"):
        result.report(path)
    assert "Could not be computed in this version: no market at this price" in path.read_text()


def test_the_report_renders_in_headless_chromium(tmp_path, result):
    """A real browser: the page loads with no console errors and shows the headline numbers."""
    path = tmp_path / "report.html"
    result.report(path, title="Peer support group")
    try:
        page = chromium.render(path)
    except chromium.ChromiumUnavailable as error:
        pytest.fail(f"the report test needs headless Chromium: {error}")
    assert page.errors == [], page.errors
    assert page.title == "Peer support group"
    for number in headline_numbers(result):
        assert number in page.text, number
    assert "of futures get through 36 months" in page.text and "What was assumed" in page.text
    # The screenshot is a real rendering: a tall page, with dark ink (text, lines) on white.
    from matplotlib import image

    pixels = image.imread(io.BytesIO(page.screenshot), format="png")
    assert pixels.shape[1] == 1200 and pixels.shape[0] > 2000
    ink = (pixels[..., :3].mean(axis=2) < 0.3).mean()
    assert 0.005 < ink < 0.5
    SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(tmp_path / "report.html", SCREENSHOT.with_suffix(".html"))
    SCREENSHOT.write_bytes(page.screenshot)


def test_the_browser_check_does_catch_console_errors(tmp_path):
    """The check above is not vacuous: a page with a console error, an exception and a missing
    image is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><body><p>hello</p><img src="missing.png">'
                   '<script>console.error("boom"); notAFunction();</script></body></html>')
    try:
        page = chromium.render(bad)
    except chromium.ChromiumUnavailable as error:
        pytest.fail(f"the report test needs headless Chromium: {error}")
    assert page.text == "hello"
    assert any("boom" in e for e in page.errors)
    assert any("notAFunction" in e for e in page.errors)
    assert any("ERR_FILE_NOT_FOUND" in e for e in page.errors)
