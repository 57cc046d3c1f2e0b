"""`meantime portfolio funding.toml`: the funding file, the terminal answer, the report, and
errors that name the file, the line, the key and the rule."""

from __future__ import annotations

import pathlib
import re

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import chromium  # noqa: E402  (tests/python/chromium.py)
import meantime  # noqa: E402
from meantime.analyses._funding_file import read_funding  # noqa: E402
from meantime.cli.main import main  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "scenarios"
FUNDING = EXAMPLES / "portfolio" / "funding.toml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def small_funding(folder: pathlib.Path, extra: str = "", candidates: str | None = None) -> pathlib.Path:
    """A funding file of three example start-ups, few paths."""
    if candidates is None:
        candidates = (
            f'paperwork = "{EXAMPLES / "kitchen_table.toml"}"\n'
            f'allotment = "{EXAMPLES / "allotment_project.toml"}"\n'
            f'walks = "{EXAMPLES / "portfolio" / "candidates" / "befriending_walks.toml"}"\n'
        )
    path = folder / "funding.toml"
    path.write_text(
        f'pot = 3000\nrule = ["optimise", "equal"]\npaths = 300\nseed = 7\n{extra}\n[candidates]\n{candidates}',
        encoding="utf-8",
    )
    return path


def test_the_example_funding_file_reads():
    plan = read_funding(FUNDING)
    assert len(plan.scenarios) == 20
    assert plan.pot == 20000 and plan.rule[0] == "optimise" and plan.objective == "alive_36"
    assert plan.pots[0] == 0
    for name, file in plan.files.items():  # relative to the funding file's folder
        assert (FUNDING.parent / file).is_file(), name
    # Some founders claim Universal Credit: their grants are run, the others' read from the cash.
    assert sum(s.benefits.enabled for s in plan.scenarios.values()) >= 3


def test_the_command_prints_the_allocation_and_each_rule(capsys, tmp_path):
    status, out, err = run(capsys, "portfolio", str(small_funding(tmp_path)), "--no-progress")
    assert status == 0, err
    assert "3 start-ups, a pot of £3,000" in out and "300 futures each, seed 7" in out
    assert re.search(r"^paperwork\s+£[\d,]+\s+£[\d,]+", out, re.M)
    for rule in ("none", "equal", "need", "optimise"):
        assert re.search(rf"^{rule}\s+£", out, re.M), rule
    assert "Rule 'optimise'" in out
    # The same numbers as the Python function with the file's settings.
    plan = read_funding(small_funding(tmp_path))
    result = meantime.portfolio(**plan.portfolio_arguments(), progress=False)
    assert f"£{result.outcomes.loc['optimise', 'spent']:,.0f}" in out
    assert f"{result.outcomes.loc['optimise', 'alive_36']:.2f} ± " in out


def test_the_command_line_overrides_paths_and_seed(capsys, tmp_path):
    status, out, _ = run(
        capsys, "portfolio", str(small_funding(tmp_path)), "--paths", "200", "--seed", "3", "--no-progress"
    )
    assert status == 0 and "200 futures each, seed 3" in out


def test_the_report_renders_with_its_tables_and_charts(capsys, tmp_path):
    report = tmp_path / "portfolio.html"
    table = tmp_path / "allocation.csv"
    status, out, err = run(
        capsys,
        "portfolio",
        str(small_funding(tmp_path, 'pots = [0, 1500, 3000]\ntitle = "Three ideas"')),
        "--report",
        str(report),
        "--out",
        str(table),
        "--no-progress",
    )
    assert status == 0, err
    assert f"wrote {report}" in out and table.read_text().startswith("start_up,grant,need,")
    html = report.read_text()
    for part in (
        'id="allocation"',
        'id="rules"',
        'id="curve"',
        'id="candidates"',
        "Allocation chart",
        "Services alive against the pot",
        "Cost per surviving service against the pot",
    ):
        assert part in html, part
    assert "<script" not in html and "http://" not in html and "https://" not in html
    page = chromium.render(report)
    assert page.errors == []
    assert page.title == "Three ideas"
    assert "Back " in page.text and "The rules compared" in page.text and "£3,000" in page.text


@pytest.mark.parametrize(
    "content, words",
    [
        ("pot = -5", r"funding.toml, line 1: pot: must be at least 0 pounds, got -5"),
        ("pot = 3000\nrule = 'greedy'", r"funding.toml, line 2: rule: must be one of"),
        ("pot = 3000\nobjective = 'alive_48'", r"funding.toml, line 2: objective: must be one of"),
        ("pot = 3000\nstep = 0", r"funding.toml, line 2: step: must be above 0 pounds"),
        ("pot = 3000\ntarget_survival = 90", r"funding.toml, line 2: target_survival: must be between 0 and 1"),
        ("pot = 3000\npaths = 'many'", r"funding.toml, line 2: paths: must be a whole number"),
        ("pot = 3000\npaths = 0", r"funding.toml, line 2: paths: must be between 1"),
        ("pot = 3000\nrules = ['equal']", r"funding.toml, line 2: rules: unknown key; did you mean 'rule'\?"),
        ("pot = 3000", r"funding.toml: candidates: is missing or empty"),
        ("rule = 'equal'\n[candidates]\na = 'x.toml'", r"funding.toml: pot: is missing"),
        (
            "pot = 3000\n[candidates]\na = 'nowhere.toml'",
            r"funding.toml, line 3: candidates.a: no such scenario file 'nowhere.toml' \(paths are relative",
        ),
        (
            "pot = 3000\n[candidates]\na = 12",
            r"funding.toml, line 3: candidates.a: must be the path of a scenario file",
        ),
        ("pot = 30 00", r"funding.toml, line 1: is not valid TOML: Expected newline"),
    ],
)
def test_mistakes_name_the_file_line_key_and_rule(capsys, tmp_path, content, words):
    path = tmp_path / "funding.toml"
    if "[candidates]" not in content and "candidates: is missing" not in words and "TOML" not in words:
        content += f'\n[candidates]\na = "{EXAMPLES / "kitchen_table.toml"}"'
    path.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "portfolio", str(path), "--no-progress")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("meantime: error: ")
    assert re.search(words, err), err


def test_a_mistake_in_a_candidate_names_its_file(capsys, tmp_path):
    bad = tmp_path / "bad_idea.toml"
    bad.write_text("[business]\nprice_per_sesion = 12\n", encoding="utf-8")
    status, _, err = run(capsys, "portfolio", str(small_funding(tmp_path, candidates=f'bad = "{bad}"\n')))
    assert status == 2
    assert "bad_idea.toml, line 2: business.price_per_sesion: unknown field" in err


def test_candidates_with_different_horizons_are_refused(capsys, tmp_path):
    short = tmp_path / "short.toml"
    short.write_text('based_on = "kitchen-table"\n[run]\nmonths = 24\n', encoding="utf-8")
    status, _, err = run(
        capsys,
        "portfolio",
        str(small_funding(tmp_path, candidates=f'long = "{EXAMPLES / "kitchen_table.toml"}"\nshort = "{short}"\n')),
    )
    assert status == 2
    assert re.search(r"funding.toml, line \d+: candidates: every start-up must have the same horizon", err), err


def test_a_report_must_be_html(capsys, tmp_path):
    status, _, err = run(capsys, "portfolio", str(small_funding(tmp_path)), "--report", "out.pdf")
    assert status == 2 and "ending in .html" in err
