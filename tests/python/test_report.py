"""The viability report: one self-contained HTML file, built from templates that escape every
text, with the answer, the assumptions in words and the charts; the capital (one figure, with its
interval) and the analyses' sections in words; figures equal to those of `meantime run` and
`meantime capital` for the same seed and paths; and it renders in a real browser (headless
Chromium) with no console errors, and prints to PDF with its appendix."""

from __future__ import annotations

import base64
import html as html_text
import io
import json
import math
import pathlib
import re
import shutil
from importlib import resources

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import chromium  # noqa: E402  (tests/python/chromium.py)
import meantime  # noqa: E402
import meantime.analyses.viability  # noqa: E402
import meantime.report.viability  # noqa: E402
from meantime.cli.main import main  # noqa: E402
from meantime.running.uncertainty import CONVENTION, Z, points, share_with_interval  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "scenarios" / "peer_support_group.toml"
SCREENSHOT = REPO / "build" / "report-screenshot.png"  # kept for people to look at (build/ is not committed)
RUN_IMAGES = [
    "Fan chart of combined cash among the futures still going",
    "Survival curve",
    "Break-even month distribution",
    "Clients over time",
]


@pytest.fixture(scope="module")
def result() -> meantime.Result:
    scenario = meantime.Scenario.from_file(EXAMPLE)
    return meantime.simulate(scenario, paths=2_000, seed=2026, keep_paths=True, progress=False)


@pytest.fixture(scope="module")
def capital(result) -> dict:
    """What `meantime capital` computes for the run's scenario, paths and seed (its function)."""
    table = meantime.required_capital(
        result.scenario, survival=0.9, paths=result.path_count, seed=result.seed, progress=False
    )
    return table.loc[0.9].to_dict()


@pytest.fixture(autouse=True)
def without_analyses(request, monkeypatch):
    """Most tests check the report of a run alone (faster: no analysis runs); the tests marked
    `with_analyses` get the real ones."""
    if "with_analyses" in request.keywords:
        return
    monkeypatch.setattr(meantime.analyses.viability, "REPORT_ANALYSES", {})


def pounds(x: float) -> str:
    return f"£{x:,.0f}"


def headline_numbers(result: meantime.Result, capital: dict) -> list[str]:
    return [
        f"{100 * result.survival():.0f}%",
        f"{100 * result.operating_break_even_by():.0f}%",
        f"{100 * result.living_break_even_by():.0f}%",
        pounds(capital["extra_capital"]),
    ]


def images(html: str) -> list[str]:
    return re.findall(r'<img alt="([^"]+)" src="data:image/svg\+xml;base64,', html)


def card(html: str, key: str) -> tuple[str, str, str]:
    """The big number, its meaning and its uncertainty on the headline card ``key``, as shown."""
    found = re.search(
        rf'<div class="card" id="headline-{key}"><div class="big">(.*?)</div>'
        r'<div class="what">(.*?)</div><div class="unc">(.*?)</div></div>',
        html,
    )
    assert found, f"no card {key}"
    return tuple(html_text.unescape(part) for part in found.groups())


def visible_text(html: str) -> str:
    """The page's text without its tags (for the sentences a reader sees)."""
    return html_text.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|title)>.*?</\1>", "", html, flags=re.S)))


def test_the_templates_ship_in_the_package():
    """The report's templates are package data, found through importlib.resources as an installed
    wheel has them (scikit-build-core's wheel.packages takes the whole python/meantime folder)."""
    folder = resources.files("meantime.report").joinpath("templates")
    names = {entry.name for entry in folder.iterdir()}
    assert {
        "page.html.j2",
        "parts.html.j2",
        "style.css",
        "viability.html.j2",
        "town.html.j2",
        "portfolio.html.j2",
        "capacity.html.j2",
        "capacity_section.html.j2",
    } <= names
    assert "@media print" in folder.joinpath("style.css").read_text(encoding="utf-8")
    assert meantime.report.page.STYLE == folder.joinpath("style.css").read_text(encoding="utf-8")


def test_the_report_is_one_self_contained_file(tmp_path, result, capital):
    path = tmp_path / "report.html"
    result.report(path, title="Peer support group")
    html = path.read_text()
    assert "<title>Peer support group</title>" in html
    assert images(html) == RUN_IMAGES
    # Nothing to fetch: no scripts, no links to files or the network, every image inline.
    assert not re.search(r'(src|href)="(?!data:)', html) and "<script" not in html
    for number in headline_numbers(result, capital):
        assert number in html
    assert "What was assumed" in html and "Sessions of 15 minutes at £5 each" in html
    assert (
        "Universal Credit for a single founder, 25 or over, with limited capability for work (LCW): up to "
        "£425 a month, reduced by 55p for each pound earned after tax above £710, and no minimum income floor" in html
    )  # benefits in words
    assert "lasts most likely 2 months (1 to 6 months)" in html  # a range says its unit once
    assert 'id="appendix"' in html and "<code>health.<wbr>illness_per_month</code>" in html  # every field, breakable
    assert "<details" not in html  # nothing folded away from a printer
    assert "<h2>Starting capital needed</h2>" in html  # the headline's capital, explained, always
    for name in ("Break-even without the uncertainty", "What price?", "Which assumptions matter most"):
        assert name not in html  # no empty sections for analyses that were not run


def test_the_charts_are_valid_svg(tmp_path, result):
    path = tmp_path / "report.html"
    result.report(path)
    encoded = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', path.read_text())
    assert len(encoded) == 4
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
    assert images(html) == RUN_IMAGES


def test_every_text_is_escaped(tmp_path, result):
    """A scenario named <script>... is shown as text, never run: the templates escape what they
    are given (the title, here through the command line too)."""
    name = "<script>alert('x')</script> & <b>sons</b>"
    path = tmp_path / "report.html"
    result.report(path, title=name, analyses=False)
    html = path.read_text()
    assert "<script" not in html and "<b>sons" not in html
    assert "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;sons&lt;/b&gt;</h1>" in html
    assert "<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;sons&lt;/b&gt;</title>" in html
    page = chromium.render(path)
    assert page.errors == [] and page.title == name and page.text.startswith(name)
    cli_path = tmp_path / "cli.html"
    assert (
        main(
            [
                "report",
                str(EXAMPLE),
                "--paths",
                "300",
                "--seed",
                "1",
                "--no-analyses",
                "--no-progress",
                "--title",
                name,
                "-o",
                str(cli_path),
            ]
        )
        == 0
    )
    assert "<script" not in cli_path.read_text() and "&lt;script&gt;alert" in cli_path.read_text()


def test_the_report_agrees_with_the_command_line(tmp_path, capsys):
    """`meantime report` shows the same survival, ± and capital as `meantime run` and `meantime
    capital` give for the same scenario, seed and paths, each figure once."""
    paths, seed = 400, 11
    common = ["--paths", str(paths), "--seed", str(seed), "--no-progress"]
    report, capital_file = tmp_path / "report.html", tmp_path / "capital.json"
    assert main(["report", str(EXAMPLE), "--no-analyses", "-o", str(report), *common]) == 0
    assert main(["capital", str(EXAMPLE), "--out", str(capital_file), *common]) == 0
    capsys.readouterr()
    (cli_capital,) = json.loads(capital_file.read_text())  # its table, unrounded
    # `meantime run` answers from simulate(...).summary(): the same run.
    summary = meantime.simulate(meantime.Scenario.from_file(EXAMPLE), paths=paths, seed=seed, progress=False).summary()
    html = report.read_text()
    assert f"{paths:,} simulated futures over 36 months" in html

    for key, answer in (
        ("survival", "survival"),
        ("operating", "operating_break_even"),
        ("living", "living_break_even"),
    ):
        p, se = summary.loc[answer, "estimate"], summary.loc[answer, "std_error"]
        big, _, uncertainty = card(html, key)
        assert big == f"{100 * p:.0f}%"
        assert uncertainty == f"± {points(se)} points"
    # The capital: one figure, `meantime capital`'s, with its interval, wherever it is said.
    big, what, uncertainty = card(html, "capital")
    assert big == pounds(cli_capital["extra_capital"]) and "9 in 10 chance" in what
    interval = f"{pounds(cli_capital['extra_capital_low'])} to {pounds(cli_capital['extra_capital_high'])}"
    assert uncertainty == f"95% interval {interval}"
    text = visible_text(html)
    said = set(re.findall(r"£([\d,]+) more starting capital", text))
    assert said == {f"{cli_capital['extra_capital']:,.0f}"}, said
    assert f"{pounds(cli_capital['extra_capital'])} (95% interval {interval})" in text  # the capital section
    assert share_with_interval(cli_capital["survival_achieved"], cli_capital["survival_achieved_se"]) in text
    # One ± convention, said once: every "a% ± b" on the page is a 95% interval of a chance
    # estimated from these futures (b = 1.96 sqrt(a (1 - a) / n), to the rounding shown).
    assert text.count(CONVENTION) == 1
    pairs = re.findall(r"(\d+\.\d)% ± (\d+\.\d)(%?)", text)
    assert len(pairs) >= 5
    for share, plus_minus, percent_sign in pairs:
        p = float(share) / 100
        expected = 100 * Z * math.sqrt(max(p * (1 - p), 0) / paths)
        assert percent_sign == "" and abs(float(plus_minus) - expected) <= 0.06 + 100 * Z * 0.0005 / math.sqrt(paths), (
            share,
            plus_minus,
        )


@pytest.mark.with_analyses
def test_analysis_sections_from_the_real_analyses(tmp_path, result, capital):
    import warnings

    path = tmp_path / "report.html"
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # a section that could not be computed warns
        result.report(path)
    html = path.read_text()
    for heading in (
        "Starting capital needed",
        "Break-even without the uncertainty",
        "What price?",
        "Which assumptions matter most",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert images(html) == [*RUN_IMAGES, "Price curve", "Tornado chart"]
    assert "Could not be computed" not in html
    # Every analysis on the headline's own futures, and saying so.
    text = visible_text(html)
    assert "Each price on the same 2,000 simulated futures, seed 2026 (the headline's own futures)" in text
    assert "Each setting on the same 2,000 simulated futures, seed 2026 (the headline's own futures)" in text
    assert "On 2,000 simulated futures, seed 2026 (the headline's own futures)" in text
    # Tables in words: headers without snake_case, pounds and percentages with their units.
    headers = re.findall(r"<th[^>]*>(.*?)</th>", html)
    assert headers and not [h for h in headers if "_" in h and h != "field"]
    # The report agrees with itself: at the scenario's own price, and with every assumption as
    # it is, the analyses' survival is the headline's (the same futures, the same seed).
    headline = share_with_interval(result.survival(), result.standard_error(result.survival()))
    own = re.search(
        r'<tr class="chosen(?: tied)?"><td>£5.00 \(the scenario&#39;s(?:, best)?\)</td>'
        r'<td class="number">(.*?)</td>',
        html,
    )
    assert own and own.group(1) == headline
    # The price curve marks the best price for survival and the prices tied with it: best_price's
    # answer on the same prices, futures and seed.
    prices = [round(5.0 * f, 2) for f in (0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6)]
    best = meantime.best_price(
        result.scenario, "survival", None, None, prices=prices, paths=2_000, seed=2026, progress=False
    ).loc["best_price"]
    assert f"The best of these prices for getting through: {best.answer}." in text
    assert re.search(rf"<td>£{best.price:.2f} \((?:the scenario&#39;s, )?best\)</td>", html)
    marked = re.findall(r'<tr class="(?:chosen )?tied">', html)
    assert len(marked) == sum(1 for p in prices if best.tied_low <= p <= best.tied_high)
    assert f"with every assumption as it is, {headline} of these futures get through" in text
    # The tornado says each input's low and high values, in their units.
    for low, high in (
        ("£1,750", "£5,250"),
        ("£4", "£6"),
        ("£900", "£1,100"),
        ("12 hours per week", "20 hours per week"),
    ):
        assert re.search(
            rf"<td class=\"number\">{re.escape(low)}</td><td class=\"number\">{re.escape(high)}</td>", html
        ), (low, high)
    assert pounds(capital["extra_capital"]) in html
    # Printed on A4, every table fits the width of the page (none cut at its right edge).
    assert chromium.render(path, pdf=True).print_overflow <= 0
    assert result.report(path, analyses=False) is None and "What price?" not in path.read_text()


@pytest.mark.with_analyses
def test_analyses_on_fewer_futures_say_so(tmp_path):
    result = meantime.simulate(meantime.Scenario.from_file(EXAMPLE), paths=300, seed=4, progress=False)
    path = tmp_path / "report.html"
    meantime.report.viability.write_report(result, path, analysis_paths=200)
    text = visible_text(path.read_text())
    assert "Each price on the same 200 simulated futures, seed 4 (fewer than the headline's 300)." in text
    assert "Each setting on the same 200 simulated futures, seed 4 (fewer than the headline's 300)." in text
    assert "On 300 simulated futures, seed 4 (the headline's own futures)." in text  # the capital: the headline's


def test_a_failing_analysis_says_so_in_its_section(tmp_path, result, monkeypatch):
    def broken(scenario, paths, seed):
        raise ValueError("no market at this price")

    monkeypatch.setattr(meantime.analyses.viability, "REPORT_ANALYSES", {"break_even": broken})
    path = tmp_path / "report.html"
    with pytest.warns(RuntimeWarning, match="no market at this price"):
        result.report(path)
    assert "Could not be computed in this version: no market at this price" in path.read_text()


def test_a_capital_that_cannot_be_computed_says_why(tmp_path):
    """Savings as a lognormal cannot be moved for the bisection that benefits need: the report is
    still written, its capital card and section say why, and a RuntimeWarning is raised."""
    s = meantime.default_scenario().replace({"household.savings": {"dist": "lognormal", "median": 4000, "sigma": 0.3}})
    result = meantime.simulate(s, paths=200, seed=1, progress=False)
    path = tmp_path / "report.html"
    with pytest.warns(RuntimeWarning, match="starting capital needed could not be computed: .*lognormal"):
        result.report(path, analyses=False)
    html = path.read_text()
    big, what, why = card(html, "capital")
    assert big == "-" and what == "extra starting capital: could not be computed" and "lognormal" in why
    assert '<h2>Starting capital needed</h2>\n<p class="note">Could not be computed in this version: ' in html


def test_the_report_renders_in_headless_chromium_and_prints_with_its_appendix(tmp_path, result, capital):
    """A real browser: the page loads with no console errors and shows the headline numbers; printed
    to PDF (A4), the appendix is there, after the answer, with every field."""
    path = tmp_path / "report.html"
    result.report(path, title="Peer support group")
    try:
        page = chromium.render(path, pdf=True)
    except chromium.ChromiumUnavailable as error:
        pytest.fail(f"the report test needs headless Chromium: {error}")
    assert page.errors == [], page.errors
    assert page.title == "Peer support group"
    for number in headline_numbers(result, capital):
        assert number in page.text, number
    assert "of futures get through 36 months" in page.text and "What was assumed" in page.text
    # Printed: the print style sheet hides nothing, and the PDF's pages hold the appendix.
    assert "Appendix: every assumption" in page.print_text and "health.illness_per_month" in page.print_text
    assert page.print_overflow <= 0  # nothing wider than an A4 page's lines, so nothing cut off
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf)).pages]
    assert len(pages) >= 3
    answer = next(i for i, text in enumerate(pages) if "The answer" in text)
    appendix = next(i for i, text in enumerate(pages) if "Appendix: every assumption" in text)
    assert appendix > answer
    printed = re.sub(r"\s", "", "".join(pages[appendix:]))  # a long field's name may break across lines
    assert "health.illness_per_month" in printed and "household.savings" in printed
    # The screenshot is a real rendering: a tall page, with dark ink (text, lines) on white.
    from matplotlib import image

    pixels = image.imread(io.BytesIO(page.screenshot), format="png")
    assert pixels.shape[1] == 1200 and pixels.shape[0] > 2000
    ink = (pixels[..., :3].mean(axis=2) < 0.3).mean()
    assert 0.005 < ink < 0.5
    SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(tmp_path / "report.html", SCREENSHOT.with_suffix(".html"))
    SCREENSHOT.write_bytes(page.screenshot)
    SCREENSHOT.with_suffix(".pdf").write_bytes(page.pdf)


def test_the_browser_check_does_catch_console_errors(tmp_path):
    """The check above is not vacuous: a page with a console error, an exception and a missing
    image is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><body><p>hello</p><img src="missing.png">'
        '<script>console.error("boom"); notAFunction();</script></body></html>'
    )
    try:
        page = chromium.render(bad)
    except chromium.ChromiumUnavailable as error:
        pytest.fail(f"the report test needs headless Chromium: {error}")
    assert page.text == "hello"
    assert any("boom" in e for e in page.errors)
    assert any("notAFunction" in e for e in page.errors)
    assert any("ERR_FILE_NOT_FOUND" in e for e in page.errors)


def test_the_pdf_check_does_catch_a_hidden_appendix(tmp_path, result):
    """The print checks are not vacuous: an appendix hidden from print (as the report once folded
    it away) is missing from the printed text and the PDF, and a table wider than A4 is caught."""
    path = tmp_path / "report.html"
    result.report(path, analyses=False)
    hidden = path.read_text().replace("</style>", "@media print { #appendix { display: none; } }</style>")
    path.write_text(hidden)
    page = chromium.render(path, pdf=True)
    from pypdf import PdfReader

    printed = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf)).pages)
    assert "Appendix: every assumption" in page.text  # on screen
    assert "Appendix: every assumption" not in page.print_text and "Appendix: every assumption" not in printed
    # And a table too wide for the paper is caught.
    path.write_text(hidden.replace("</style>", "@media print { #answer { width: 1000px; } }</style>"))
    assert chromium.render(path, pdf=True).print_overflow > 0


def test_the_market_in_words_follows_its_routes_and_renewal():
    """Who can buy is said the way the model counts them: by route when routes are on (a
    budget-holder share is then not used), with the pool's renewal and missed sessions."""
    from meantime.report.words import assumptions

    s = meantime.default_scenario().replace(
        {
            "market.routes.enabled": True,
            "market.routes.direct_payment.share": 0.002,
            "market.routes.health_budget.share": 0,
            "market.routes.service_fund.share": 0,
            "market.routes.council_managed.share": 0.006,
            "market.routes.council_list": False,
            "market.routes.self_funded.share": 0.01,
            "market.routes.self_funded.price_ratio": 0.8,
            "market.renewal.enabled": True,
            "market.renewal.turnover_per_year": 0.25,
            "market.renewal.return_per_month": 0.01,
            "clients.missed_share": 0.1,
            "clients.missed_charged": True,
        }
    )
    words = dict(assumptions(s))
    assert (
        "who can buy by route: 0.2% by direct payment; 0.6% with a council-managed budget (not reachable: the "
        "provider is not on the council's list); 1% paying for themselves, able to pay 80% of what the others "
        "can."
    ) in words["The market"]
    assert "hold a relevant personal budget" not in words["The market"]
    assert (
        "Each year 25% of the pool leaves and is replaced, and a former client comes back with a monthly chance of 1%."
    ) in words["The market"]
    assert words["Clients"].endswith("10% of sessions are missed or cancelled late, and charged for.")
    on_the_list = dict(
        assumptions(s.replace({"market.routes.council_list": True, "market.routes.council_list_cost": 250}))
    )
    assert (
        "0.6% with a council-managed budget, once the provider is on the council's list after 6 months at a "
        "cost of £250"
    ) in on_the_list["The market"]
    by_share = dict(
        assumptions(
            s.replace(
                {
                    "market.routes.enabled": False,
                    "market.renewal.enabled": False,
                    "market.budget_holder_share": 0.005,
                    "clients.missed_share": 0,
                }
            )
        )
    )
    assert "of whom 0.5% hold a relevant personal budget" in by_share["The market"]
    assert "leaves and is replaced" not in by_share["The market"] and "missed" not in by_share["Clients"]


def test_the_price_curve_shows_the_prices_tied_with_the_best(result):
    """A flat curve: three prices tied with the best are marked in the table, said in words and
    shaded on the chart."""
    from meantime.report.analyses import _price_curve

    prices = [4.0, 5.0, 6.0, 7.0, 8.0]
    table = pd.DataFrame(
        {
            "survival": [0.5, 0.7, 0.72, 0.71, 0.4],
            "living_break_even": [0.1] * 5,
            "founder_income": [100.0, 150, 160, 170, 120],
            "clients_served": [10.0] * 5,
            "priced_out_share": [0.1, 0.2, 0.3, 0.4, 0.5],
            "tied": [False, True, True, True, False],
            **{
                f"{c}_se": [0.01] * 5
                for c in ("survival", "living_break_even", "founder_income", "clients_served", "priced_out_share")
            },
        },
        index=pd.Index(prices, name="price"),
    )
    table.attrs.update(
        best=6.0,
        tied_low=5.0,
        tied_high=7.0,
        answer="£6.00 a session: ...; £5.00 to £7.00 are statistically tied on survival",
    )
    section = _price_curve(table, result, 2_000)
    cells = [row.cells[0] for row in section.tables[0].rows]
    assert cells == [
        "£4.00",
        "£5.00 (the scenario's, tied with the best)",
        "£6.00 (best)",
        "£7.00 (tied with the best)",
        "£8.00",
    ]
    assert [row.css for row in section.tables[0].rows] == ["", "chosen tied", "tied", "tied", ""]
    assert any("£5.00 to £7.00 are statistically tied on survival" in p for p in section.paragraphs)
    ax = meantime.plot.price_curve(table.reset_index(), best=6.0, tied=(5.0, 7.0))
    legend = (
        [t.get_text() for t in ax.get_legend().get_texts()]
        if ax.get_legend()
        else [t.get_text() for legend in ax.figure.legends for t in legend.get_texts()]
    )
    assert "tied with the best: £5.00 to £7.00" in legend and "best price: £6.00" in legend
    band = [p for p in ax.patches if p.get_x() == 5.0]
    assert band and band[0].get_width() == pytest.approx(2.0)
