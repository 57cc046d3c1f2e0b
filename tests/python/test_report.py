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

import pytest  # noqa: E402

import chromium  # noqa: E402  (tests/python/chromium.py)
import meantime  # noqa: E402
import meantime.analyses.viability  # noqa: E402
import meantime.report.viability  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "scenarios" / "peer_support_group.toml"
SCREENSHOT = REPO / "build" / "report-screenshot.png"  # kept for people to look at (build/ is not committed)


@pytest.fixture(scope="module")
def result() -> meantime.Result:
    scenario = meantime.Scenario.from_file(EXAMPLE)
    return meantime.simulate(scenario, paths=2_000, seed=2026, keep_paths=True, progress=False)


@pytest.fixture(autouse=True)
def without_analyses(request, monkeypatch):
    """Most tests check the report of a run alone (faster: no analysis runs); the tests marked
    `with_analyses` get the real ones."""
    if "with_analyses" in request.keywords:
        return
    monkeypatch.setattr(meantime.analyses.viability, "REPORT_ANALYSES", {})


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
    assert ("Universal Credit for a single founder, 25 or over, with limited capability for work (LCW): up to "
            "£425 a month, reduced by 55p for each pound earned after tax above £710, and no minimum income floor"
            in html)  # benefits in words
    assert "health.illness_per_month" in html  # the appendix lists every field
    for name in ("Break-even without the uncertainty", "Starting capital needed", "What price?"):
        assert name not in html  # no empty sections for analyses that were not run


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
    monkeypatch.setattr(meantime.report.viability, "COMBINED_FAN_PATHS", 1_000)
    result.report(path)
    html = path.read_text()
    assert "Drawn from the first 1,000 of the 3,000 futures." in html
    assert len(images(html)) == 4


@pytest.mark.with_analyses
def test_analysis_sections_from_the_real_analyses(tmp_path, result):
    import warnings

    path = tmp_path / "report.html"
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # a section that could not be computed warns
        result.report(path)
    html = path.read_text()
    for heading in ("Break-even without the uncertainty", "Starting capital needed", "What price?",
                    "Which assumptions matter most"):
        assert f"<h2>{heading}</h2>" in html
    assert images(html)[-2:] == ["Price curve", "Tornado chart"]
    assert "Could not be computed" not in html
    assert result.report(path, analyses=False) is None and "What price?" not in path.read_text()


def test_a_failing_analysis_says_so_in_its_section(tmp_path, result, monkeypatch):
    def broken(scenario, paths, seed):
        raise ValueError("no market at this price")

    monkeypatch.setattr(meantime.analyses.viability, "REPORT_ANALYSES", {"break_even": broken})
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
