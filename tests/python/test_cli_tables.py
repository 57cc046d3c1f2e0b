"""What each `meantime` command prints, read back: the numbers parse and are the Python API's,
pounds carry £ and chances %, no line is wider than 100 columns when piped, and --format csv and
json carry the API's numbers unrounded; the command line and Python share one default seed."""

from __future__ import annotations

import csv
import inspect
import io
import json
import math
import os
import pathlib
import re

import pandas as pd
import pytest

import meantime
from meantime.cli import answers, output, tables
from meantime.cli.main import main

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "scenarios"
Z = 1.959963984540054  # the ± of a 95% interval, in standard errors
SMALL = ["--paths", "300", "--seed", "5", "--no-progress"]
# The default start-up with £900 of other income and no benefit rule: survival between 0 and 1,
# and the required capital read from one run's lowest cash (no bisection).
CLASSIC = 'based_on = "kitchen-table"\n[benefits]\nenabled = false\n[household]\nother_income_per_month = 900\n'


@pytest.fixture
def classic(tmp_path) -> str:
    path = tmp_path / "classic.toml"
    path.write_text(CLASSIC)
    return str(path)


def run(capsys, *argv: str) -> str:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


_UNIT_FIRST = re.compile(r"^(s|ms|min|months?|weeks?|years?|hours?|days?|paths?|futures?|points?|samples?|runs?)\b")


def broken_apart(out: str) -> list[tuple[str, str]]:
    """Pairs of lines where the wrapping broke a number from its unit ("5.0" / "s"), a ± from
    its number, "month" or "seed" from theirs, or a field from its value."""
    lines = [line.rstrip() for line in out.splitlines()]
    broken = []
    for a, b in zip(lines, lines[1:]):
        a_end, b_start = a.strip(), b.strip()
        if not a_end or not b_start:
            continue
        if (
            (a_end[-1].isdigit() and _UNIT_FIRST.match(b_start))
            or a_end.endswith(("±", "£", "="))
            or (a_end.endswith((" month", " seed")) and b_start[0] in "0123456789-£")
            or b_start.startswith(("±", "= "))
        ):
            broken.append((a, b))
    return broken


def piped(out: str) -> str:
    """The output, checked as a person reads it in a pipe: within 100 columns, no number broken
    from its unit over two lines, and pounds and percentages that parse."""
    widest = max(len(line) for line in out.splitlines())
    assert widest <= tables.PIPED_WIDTH, f"a line of {widest} columns"
    assert not broken_apart(out), broken_apart(out)
    for amount in re.findall(r"£[-\d,.]+", out):
        float(amount[1:].replace(",", "").rstrip("."))
    for share in re.findall(r"(-?[\d.]+)%", out):
        assert 0 <= float(share) <= 100, share
    return " ".join(out.split())  # words wrapped over lines read back as one line


def pm(p: float, se: float) -> str:
    """A chance with its ± as the command line writes it (1.96 standard errors, in points)."""
    return f"{100 * p:.1f}% ± {100 * Z * se:.1f}"


def machine(capsys, fmt: str, *argv: str) -> pd.DataFrame:
    """The table a command prints with --format csv or json, read back exactly."""
    out = run(capsys, *argv, "--format", fmt)
    if fmt == "json":
        return pd.DataFrame(json.loads(out))
    rows = list(csv.reader(io.StringIO(out)))
    return pd.DataFrame([[_number(cell) for cell in row] for row in rows[1:]], columns=rows[0])


def _number(text: str):
    if text == "":
        return math.nan
    try:
        return float(text)
    except ValueError:
        return text


# -- the default seed ----------------------------------------------------------------------------------


def test_one_default_seed_for_python_and_the_command_line(capsys, classic):
    assert meantime.DEFAULT_SEED == meantime.RunSettings().seed == 2026
    # No seed and no paths given either way: the same answer, to the last bit.
    table = machine(capsys, "json", "capital", classic, "--no-progress")
    expected = meantime.required_capital(meantime.Scenario.from_file(classic), progress=False)
    assert table.loc[0, "extra_capital"] == expected.loc[0.9, "extra_capital"]
    assert table.loc[0, "survival_achieved"] == expected.loc[0.9, "survival_achieved"]
    assert expected.attrs["seed"] == meantime.DEFAULT_SEED
    out = run(capsys, "run", classic, "--paths", "400", "--no-progress")
    assert "seed 2026" in out and "seed 2026" in str(meantime.simulate(meantime.Scenario.from_file(classic), paths=400))


# Every function meantime exports that takes a seed: simulate and each analysis, found, not listed.
SEEDED = [
    name
    for name in meantime.__all__
    if callable(getattr(meantime, name))
    and not isinstance(getattr(meantime, name), type)
    and "seed" in inspect.signature(getattr(meantime, name)).parameters
]


def test_the_seeded_functions_are_found():
    assert {
        "simulate",
        "required_capital",
        "sweep",
        "price_curve",
        "best_price",
        "sensitivity",
        "compare",
        "portfolio",
        "market_capacity",
        "collective_effect",
    } <= set(SEEDED)


@pytest.mark.parametrize("name", SEEDED)
def test_every_simulating_function_defaults_to_the_one_seed(name):
    assert inspect.signature(getattr(meantime, name)).parameters["seed"].default == meantime.DEFAULT_SEED


# -- each command, read back --------------------------------------------------------------------------


def test_run(capsys, classic):
    text = piped(run(capsys, "run", classic, *SMALL))
    result = meantime.simulate(meantime.Scenario.from_file(classic), paths=300, seed=5)
    survival = result.survival()
    assert f"still going after 36 months {pm(survival, result.standard_error(survival))}" in text
    assert f"£{result.extra_capital_needed(0.9):,.0f}" in text
    assert "± is a 95% interval" in text and "estimate (± 95%)" in text
    assert "_" not in text.split("From the built-in")[0]  # no snake_case labels


def test_run_as_csv_and_json_is_the_summary_unrounded(capsys, classic):
    result = meantime.simulate(meantime.Scenario.from_file(classic), paths=300, seed=5)
    expected = result.summary().reset_index()
    for fmt in ("csv", "json"):
        table = machine(capsys, fmt, "run", classic, *SMALL)
        assert list(table.columns) == list(expected.columns)
        assert list(table["answer"]) == list(expected["answer"])
        for column in ("estimate", "std_error", "plus_minus"):
            pd.testing.assert_series_equal(table[column].astype(float), expected[column], check_exact=True)


def test_a_town(capsys):
    text = piped(run(capsys, "run", str(EXAMPLES / "town_collective.toml"), *SMALL))
    result = meantime.simulate(meantime.Scenario.from_file(EXAMPLES / "town_collective.toml"), paths=300, seed=5)
    share = result.survivors()["share"]
    assert "The town" in text and f"{100 * share.iloc[0]:.1f}%" in text
    assert text.count("still going after 36 months") >= len(result.providers)
    assert text.count("± is a 95% interval") == 1  # said once, for the whole town


def test_break_even(capsys):
    example = str(EXAMPLES / "coding_courses.toml")
    text = piped(run(capsys, "break-even", example))
    frame = meantime.break_even(meantime.Scenario.from_file(example))
    living = frame.loc["living"]
    assert f"price a session £{living.price:,.2f}" in text
    assert (
        f"costs to cover a month £{frame.loc['operating', 'costs_to_cover']:,.0f} £{living.costs_to_cover:,.0f}" in text
    )
    assert f"{100 * living.affordable_share:.1f}%" in text
    table = machine(capsys, "json", "break-even", example)
    assert table.loc[1, "sessions_needed"] == living.sessions_needed and table.loc[1, "break_even"] == "living"


def test_capital(capsys, classic):
    # A 95% chance needs more than the planned savings: the words give the amount and its interval.
    text = piped(run(capsys, "capital", classic, "--survival", "0.95", *SMALL))
    frame = meantime.required_capital(meantime.Scenario.from_file(classic), survival=0.95, paths=300, seed=5)
    row = frame.loc[0.95]
    assert row.extra_capital > 0 and row.method == "lowest_cash"
    assert f"95% £{row.extra_capital:,.0f} £{row.extra_capital_low:,.0f} to £{row.extra_capital_high:,.0f}" in text
    assert pm(row.survival_achieved, row.survival_achieved_se) in text
    assert (
        f"About £{row.extra_capital:,.0f} more starting capital (95% interval £{row.extra_capital_low:,.0f} to "
        f"£{row.extra_capital_high:,.0f}), £{row.starting_savings:,.0f} in all"
    ) in text
    for fmt in ("csv", "json"):
        table = machine(capsys, fmt, "capital", classic, "--survival", "0.95", *SMALL)
        assert list(table.columns) == ["survival", *frame.columns]
        for column in ("extra_capital", "extra_capital_low", "starting_savings", "survival_achieved_se"):
            assert table.loc[0, column] == row[column], column  # unrounded


def test_capital_already_enough_says_so(capsys, classic):
    frame = meantime.required_capital(meantime.Scenario.from_file(classic), survival=0.5, paths=300, seed=5)
    assert frame.loc[0.5, "extra_capital"] == 0  # about 80% get through as planned
    text = piped(run(capsys, "capital", classic, "--survival", "0.5", *SMALL))
    assert "The planned savings already give at least a 50% chance of getting through 36 months" in text


def test_sweep_is_split_to_the_width(capsys, classic):
    argv = [
        "sweep",
        classic,
        "--vary",
        "business.price_per_session=10,12",
        "--vary",
        "household.savings=3000,6000",
        *SMALL,
    ]
    out = run(capsys, *argv)
    text = piped(out)
    frame = meantime.sweep(
        meantime.Scenario.from_file(classic),
        {"business.price_per_session": [10, 12], "household.savings": [3000, 6000]},
        paths=300,
        seed=5,
    )
    # Seven answers with their ± do not fit 100 columns: the table comes in parts, each
    # repeating the grid's values.
    parts = out.count("Part ")
    assert parts >= 2 and out.count("price per") == parts  # the grid's field, in words, heads every part
    for _, r in frame.iterrows():
        assert pm(r.survival, r.survival_se) in text
        assert f"£{r.founder_income:,.0f} ± £{Z * r.founder_income_se:,.0f}" in text
    table = machine(capsys, "csv", *argv)
    assert list(table.columns) == ["point", *frame.columns]
    assert table["founder_income_se"].tolist() == frame["founder_income_se"].tolist()


def test_compare(capsys, classic):
    other = str(EXAMPLES / "coding_courses.toml")
    text = piped(run(capsys, "compare", classic, other, *SMALL))
    frame = meantime.compare(
        {"classic": meantime.Scenario.from_file(classic), "coding_courses": meantime.Scenario.from_file(other)},
        paths=300,
        seed=5,
    )
    a, d = frame["classic"], frame["coding_courses - classic"]
    assert pm(a.loc["survival", "estimate"], a.loc["survival", "std_error"]) in text
    difference = f"{100 * d.loc['survival', 'estimate']:+.1f} ± {100 * Z * d.loc['survival', 'std_error']:.1f} points"
    assert difference in text
    table = machine(capsys, "json", "compare", classic, other, *SMALL)
    assert "coding_courses - classic_estimate" in table.columns
    assert table.set_index("answer").loc["founder_income", "classic_std_error"] == a.loc["founder_income", "std_error"]


def test_sensitivity_tornado_and_sobol(capsys, classic):
    argv = [
        "sensitivity",
        classic,
        "--range",
        "household.savings=2000:8000",
        "--range",
        "business.price_per_session=10:12",
        *SMALL,
    ]
    text = piped(run(capsys, *argv))
    frame = meantime.sensitivity(
        meantime.Scenario.from_file(classic),
        {"household.savings": (2000, 8000), "business.price_per_session": (10, 12)},
        paths=300,
        seed=5,
    )
    savings = frame.loc["household.savings"]
    assert f"household.savings 2,000 {pm(savings.at_low, savings.at_low_se)} 8,000" in text
    assert f"{100 * savings.swing:+.1f} ± {100 * Z * savings.swing_se:.1f} points" in text
    table = machine(capsys, "json", *argv)
    assert table.set_index("field").loc["household.savings", "swing_se"] == savings.swing_se

    # Four Sobol samples are far too few: said in words, with the samples the rule suggests.
    with pytest.warns(meantime.FewSamplesWarning):
        sobol = meantime.sensitivity(
            meantime.Scenario.from_file(classic),
            {"household.savings": (2000, 8000), "business.price_per_session": (10, 12)},
            method="sobol",
            samples=4,
            paths=300,
            seed=5,
        )
    text = piped(run(capsys, *argv, "--method", "sobol", "--samples", "4"))
    assert "Too few samples: 4 are not enough" in text
    assert f"--samples {sobol.attrs['samples_needed']}" in text


def test_sobol_of_an_answer_nothing_moves_says_so_in_words():
    # What sensitivity() returns when the answer is the same at every sample point.
    frame = pd.DataFrame(
        {
            "low": [0.0],
            "high": [50.0],
            "S1": [math.nan],
            "S1_conf": [math.nan],
            "ST": [math.nan],
            "ST_conf": [math.nan],
        },
        index=pd.Index(["health.peer_cover_cost_per_session"], name="field"),
    )
    frame.attrs.update(method="sobol", samples=4, few_samples=False, samples_needed=None, runs=12, paths=300)
    text = " ".join(tables.render(answers.sensitivity_blocks(frame, "idea.toml", "survival", 36), 100).split())
    assert "health.peer_cover_cost_per_session 0 to 50 - -" in text
    assert "'still going after 36 months' is the same at every sample point: no field moves it" in text
    assert "Too few samples" not in text
    assert "doubled" not in text  # a fixed number of samples
    # The default doubled its samples: said in words, with where it started and ended.
    frame.attrs.update(samples=256, samples_tried=[64, 128, 256])
    text = " ".join(tables.render(answers.sensitivity_blocks(frame, "idea.toml", "survival", 36), 100).split())
    assert "Samples doubled from 64 to 256 until every index was within ± 0.1" in text


def test_sobol_samples_default_to_doubling_on_the_command_line(monkeypatch):
    seen = {}

    def fake(scenario, ranges, **kwargs):
        seen.update(kwargs)
        raise SystemExit(0)

    monkeypatch.setattr("meantime.cli.main.sensitivity", fake)
    with pytest.raises(SystemExit):
        main(["sensitivity", "--range", "household.savings=1000:2000", "--method", "sobol", *SMALL])
    assert seen["samples"] is None  # sensitivity()'s own default: doubling until narrow enough


def test_capacity_and_portfolio_widths(capsys):
    piped(run(capsys, "capacity", "-k", "2", *SMALL))
    piped(run(capsys, "portfolio", str(EXAMPLES / "portfolio" / "funding.toml"), *SMALL))


def test_machine_formats_keep_remarks_off_stdout(capsys, classic, tmp_path):
    out_file = tmp_path / "monthly.json"
    status = main(["run", classic, *SMALL, "--format", "json", "--out", str(out_file)])
    out, err = capsys.readouterr()
    assert status == 0 and json.loads(out)[0]["answer"] == "survival"
    assert f"wrote the monthly table to {out_file}" in err
    monthly = meantime.simulate(meantime.Scenario.from_file(classic), paths=300, seed=5).monthly
    written = pd.DataFrame(json.loads(out_file.read_text()))
    assert written["revenue_mean"].tolist() == monthly["revenue_mean"].tolist()  # --out json is unrounded too


# -- the layout ----------------------------------------------------------------------------------------


def test_a_table_that_fits_is_whole_and_one_that_does_not_is_split_with_its_keys():
    grid = tables.Grid(
        ["name", *(f"answer {i}" for i in range(8))],
        [(f"row {r}", *(f"{r * i:,.1f}% ± 0.{i}" for i in range(8))) for r in range(3)],
    )
    wide = tables.render([grid], 200)
    assert len(wide.splitlines()) == 5 and "part" not in wide.lower()
    narrow = tables.render([grid], 60)
    assert all(len(line) <= 60 for line in narrow.splitlines())
    assert narrow.count("row 2") == narrow.count("Part ") >= 2  # each part names its rows
    for i in range(8):
        assert f"answer {i}" in narrow


def test_one_table_as_text_for_a_command_that_writes_its_own_words():
    text = output.table_text(["price", "founder's income"], [("£9.50", "£370 ± £12"), ("£10.00", "£380 ± £12")])
    lines = text.splitlines()
    assert lines[0].split() == ["price", "founder's", "income"] and set(lines[1]) == {"─"}
    assert lines[2].split() == ["£9.50", "£370", "±", "£12"] and lines[2].endswith("£370 ± £12")


def test_words_wrap_to_the_width():
    text = tables.render(["word " * 50], 40)
    assert max(len(line) for line in text.splitlines()) <= 40 and text.split() == ["word"] * 50


def test_a_terminal_sets_the_width(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(tables.shutil, "get_terminal_size", lambda fallback: os.terminal_size((132, 40)))
    assert tables.width(Terminal()) == 132
    assert tables.width(io.StringIO()) == tables.PIPED_WIDTH


def test_formatters():
    assert (
        tables.pounds(8032.4) == "£8,032"
        and tables.pounds(-1250) == "-£1,250"
        and tables.pounds(9.5, pence=True) == "£9.50"
    )
    assert tables.pounds(370, 6.0) == f"£370 ± £{Z * 6:,.0f}"
    assert tables.chance(0.623) == "62.3%" and tables.chance(0.623, 0.01) == f"62.3% ± {100 * Z * 0.01:.1f}"
    assert tables.chance(math.nan) == "-" and tables.month(math.nan) == "not within the horizon"
    assert tables.signed(-0.48, 0.029, scale=100, unit=" points") == f"-48.0 ± {100 * Z * 0.029:.1f} points"
    assert tables.signed(-58.4, 3.1, digits=0, unit="£") == f"-£58 ± £{Z * 3.1:.0f}"


def test_machine_text_is_exact():
    third = 1 / 3
    frame = pd.DataFrame({"x": [third, math.nan], "ok": [True, False]}, index=pd.Index([1, 2], name="k"))
    assert json.loads(tables.machine_text(frame, "json")) == [
        {"k": 1, "x": third, "ok": True},
        {"k": 2, "x": None, "ok": False},
    ]
    rows = list(csv.reader(io.StringIO(tables.machine_text(frame, "csv"))))
    assert rows == [["k", "x", "ok"], ["1", repr(third), "True"], ["2", "", "False"]] and float(rows[1][1]) == third
    # A distribution in a sweep's grid: a dict in JSON, as it prints in CSV.
    grid = pd.DataFrame({"churn": [0.05, meantime.uniform(0.04, 0.06)]})
    assert json.loads(tables.machine_text(grid, "json"))[1]["churn"] == {"dist": "uniform", "min": 0.04, "max": 0.06}
    assert tables.machine_text(grid, "csv").splitlines() == ["churn", "0.05", '"uniform(min=0.04, max=0.06)"']


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--range", "household.savings=12"], "expected FIELD=LOW:HIGH"),
        (["--range", "household.saving=1:2"], "did you mean 'household.savings'?"),
        (["--range", "household.savings=1:2", "--method", "sobol", "--samples", "3"], "must be a power of two"),
        (["--range", "household.savings=1:2", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_sensitivity_arguments_are_checked(capsys, argv, words):
    try:
        status = main(["sensitivity", *argv, "--paths", "10", "--no-progress"])
    except SystemExit as exit:  # argparse's usage errors
        status = exit.code
    err = capsys.readouterr().err
    assert status == 2 and words in err and "Traceback" not in err


def test_a_sweep_of_the_horizon_names_no_one_month(capsys, classic):
    text = piped(run(capsys, "sweep", classic, "--vary", "run.months=12,24", *SMALL))
    assert "still going at the horizon" in text and "after 36 months" not in text


def test_a_line_never_breaks_a_number_from_its_unit():
    # The header of `meantime run` once ended "..., seed 2026, 5.0" with "s" on the next line.
    header = "meantime: the built-in kitchen-table example - 100,000 simulated futures x 36 months, seed 2026, 5.0 s"
    for columns in range(40, 110):
        text = tables.render([header, "Half of them by month 14; 52.6% ± 0.3 of futures; savings = 4000."], columns)
        assert not broken_apart(text), (columns, text)
        assert " ".join(text.split()) == " ".join(
            (header + " Half of them by month 14; 52.6% ± 0.3 of futures; savings = 4000.").split()
        )
        assert max(len(line) for line in text.splitlines()) <= columns
    # The check itself finds such a break.
    assert broken_apart("seed 2026, 5.0\ns") and broken_apart("52.6%\n± 0.3") and broken_apart("by month\n14")


def test_no_command_breaks_a_number_from_its_unit(capsys, tmp_path):
    """The commands whose words are long (the default scenario, with benefits) read back whole."""
    out = run(capsys, "run", "--paths", "300", "--seed", "5", "--no-progress")
    assert "s" in out.splitlines()[0]  # the header with its seconds
    piped(out)
    piped(run(capsys, "capital", "--paths", "300", "--seed", "5", "--no-progress"))
    piped(run(capsys, "validate", str(EXAMPLES / "kitchen_table.toml"), str(EXAMPLES / "coding_courses.toml")))
    piped(
        run(
            capsys,
            "report",
            "--paths",
            "200",
            "--seed",
            "5",
            "--no-progress",
            "--no-analyses",
            "--out",
            str(tmp_path / "r.html"),
        )
    )
