"""The `meantime` command: each command's exit status and output, files out, one-line errors,
and the analysis commands' arguments."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pandas as pd
import pytest

import meantime
import meantime.cli.main
from meantime.cli.main import main

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "scenarios"
QUICK = ["--paths", "500", "--seed", "7", "--no-progress"]
ANALYSES = ("break_even", "required_capital", "sweep", "compare")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit:  # argparse: usage errors and --help
        status = exit.code
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, err: str, *words: str) -> None:
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("meantime: error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], (word, lines[0])


# -- run ----------------------------------------------------------------------------------------------


def test_run_with_no_scenario_uses_the_default(capsys):
    status, out, err = run(capsys, "run", *QUICK)
    assert status == 0 and err == ""
    result = meantime.simulate(paths=500, seed=7, progress=False)
    assert "the built-in kitchen-table example - 500 simulated futures x 36 months, seed 7" in out
    assert "still going after 36 months" in out and f"{100 * result.survival():.1f}%" in out
    assert str(result).splitlines()[0] in out  # the plain-English answer
    assert "Answer: " in out
    for header in ("month", "still going", "clients", "business cash", "the median future"):
        assert header in out


def test_run_a_file_with_months_and_set(capsys, tmp_path):
    out_file = tmp_path / "monthly.json"
    status, out, _ = run(
        capsys,
        "run",
        str(EXAMPLES / "coding_courses.toml"),
        *QUICK,
        "--months",
        "12",
        "--set",
        "business.price_per_session=19",
        "--set",
        "market.arrivals=referrals",
        "--threads",
        "1",
        "--out",
        str(out_file),
    )
    assert status == 0
    assert "coding_courses.toml - 500 simulated futures x 12 months" in out
    rows = json.loads(out_file.read_text())
    assert [row["month"] for row in rows] == list(range(1, 13))
    expected = meantime.simulate(
        meantime.Scenario.from_file(EXAMPLES / "coding_courses.toml").replace(
            {"business.price_per_session": 19, "market.arrivals": "referrals", "run.months": 12}
        ),
        paths=500,
        seed=7,
        progress=False,
    )
    assert rows[-1]["survival"] == pytest.approx(expected.survival())


@pytest.mark.parametrize("ext", ["csv", "parquet", "json"])
def test_run_writes_the_monthly_table(capsys, tmp_path, ext):
    path = tmp_path / f"monthly.{ext}"
    status, out, _ = run(capsys, "run", *QUICK, "--out", str(path))
    assert status == 0 and f"wrote the monthly table to {path}" in out
    table = {"csv": pd.read_csv, "parquet": pd.read_parquet, "json": pd.read_json}[ext](path)
    assert len(table) == 36 and {"month", "survival", "business_cash_q50", "clients_mean"} <= set(table.columns)


def test_parquet_without_pyarrow_is_a_clear_error(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    status, _, err = run(capsys, "run", *QUICK, "--out", str(tmp_path / "t.parquet"))
    assert_one_line_error(status, err, "writing Parquet needs pyarrow", "meantime[parquet]")


def test_an_unknown_table_format_is_a_clear_error(capsys, tmp_path):
    status, _, err = run(capsys, "run", *QUICK, "--out", str(tmp_path / "t.xlsx"))
    assert_one_line_error(status, err, "name it .csv, .parquet or .json")


# -- errors ---------------------------------------------------------------------------------------------


def test_a_bad_scenario_file_is_one_line_and_status_2(capsys, tmp_path):
    path = tmp_path / "idea.toml"
    path.write_text("[market]\nfit_share = 35\n")
    status, out, err = run(capsys, "run", str(path), *QUICK)
    assert out == ""
    assert_one_line_error(status, err, f"{path}, line 2: market.fit_share", "did you mean 0.35 (35%)?")


@pytest.mark.parametrize(
    "argv, words",
    [
        (["run", "missing.toml"], ["missing.toml: no such file"]),
        (["run", "--set", "business.price_per_sesion=12"], ["did you mean 'business.price_per_session'?"]),
        (["run", "--set", "nonsense"], ["--set expects FIELD=VALUE"]),
        (["run", "--set", "business.price_per_session=-3"], ["business.price_per_session: must be > 0"]),
        (["report", "--out", "report.pdf"], ["give --out a name ending in .html"]),
        (["show-defaults", "--out", "defaults.ini"], ["cannot tell the format"]),
    ],
)
def test_errors_are_one_line_with_status_2(capsys, argv, words):
    status, _, err = run(capsys, *argv, *(QUICK if argv[0] in ("run", "report") else []))
    assert_one_line_error(status, err, *words)


@pytest.mark.parametrize(
    "argv",
    [["run", "--paths", "0"], ["run", "--seed", "x"], ["frobnicate"], [], ["capital", "--survival", "90"], ["sweep"]],
)
def test_usage_errors_exit_2(capsys, argv):
    status, _, err = run(capsys, *argv)
    assert status == 2 and "usage: meantime" in err and "Traceback" not in err


def test_capital_survival_as_a_percentage_gets_a_hint(capsys):
    _, _, err = run(capsys, "capital", "--survival", "90")
    assert "did you mean 0.9?" in err


def test_debug_shows_the_traceback(capsys):
    with pytest.raises(meantime.ScenarioFileError):
        main(["run", "--debug", "missing.toml"])
    with pytest.raises(meantime.ScenarioFileError):
        main(["--debug", "run", "missing.toml"])


def console_script() -> list[str]:
    script = pathlib.Path(sys.executable).with_name("meantime")
    assert script.exists(), f"the console script {script} is missing: is the package installed (pip install .)?"
    return [str(script)]


def test_the_installed_command_and_python_m(tmp_path):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [*console_script(), "run", "nope.toml"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 2 and done.stderr == "meantime: error: nope.toml: no such file\n"
    done = subprocess.run(
        [*console_script(), "--debug", "run", "nope.toml"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode != 0 and "Traceback" in done.stderr
    done = subprocess.run([sys.executable, "-m", "meantime", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    for command in ("run", "break-even", "capital", "sweep", "compare", "report", "validate", "show-defaults"):
        assert command in done.stdout


# -- validate and show-defaults ------------------------------------------------------------------------


def test_validate(capsys, tmp_path):
    files = sorted(str(p) for p in EXAMPLES.glob("*.toml"))
    status, out, err = run(capsys, "validate", *files)
    assert status == 0 and err == ""
    assert out.count("ok: ") == len(files)
    assert max(len(line) for line in out.splitlines()) <= 100  # long remarks wrap
    words = " ".join(out.split())
    assert "kitchen_table.toml: the built-in default scenario" in words
    assert "peer_support_group.toml: 22 fields differ from the built-in default" in words
    bad = tmp_path / "bad.yaml"
    bad.write_text("market:\n  fit_share: {dist: uniform, min: 0.5, max: 0.2}\n")
    status, out, err = run(capsys, "validate", files[0], str(bad))
    assert status == 2 and out.count("ok: ") == 1
    assert_one_line_error(status, err, f"{bad}, line 2: market.fit_share", "min must be <= max")


def test_show_defaults_prints_an_annotated_complete_scenario(capsys, tmp_path):
    status, out, _ = run(capsys, "show-defaults")
    assert status == 0
    path = tmp_path / "defaults.toml"
    path.write_text(out)
    assert meantime.Scenario.from_file(path) == meantime.default_scenario()
    for f in meantime.scenario_fields():
        assert f.description[1:] in out, f.path  # every field's meaning...
    assert "(pounds; number > 0 and <= 100000)" in out  # ...with its unit and range


@pytest.mark.parametrize("ext", ["toml", "yaml", "json"])
def test_show_defaults_to_a_file(capsys, tmp_path, ext):
    path = tmp_path / f"start.{ext}"
    status, out, _ = run(capsys, "show-defaults", "-o", str(path))
    assert status == 0 and f"wrote {path}" in out
    assert meantime.Scenario.from_file(path) == meantime.default_scenario()
    assert ("# Share of residents holding a relevant personal budget" in path.read_text()) == (ext == "toml")


# -- report ---------------------------------------------------------------------------------------------


def test_report_command(capsys, tmp_path):
    path = tmp_path / "peer.html"
    status, out, err = run(capsys, "report", str(EXAMPLES / "peer_support_group.toml"), "-o", str(path), *QUICK)
    assert status == 0 and err == ""
    assert out.startswith(f"wrote {path}: ") and "futures survive 36 months" in " ".join(out.split())
    html = path.read_text()
    assert (
        "<title>Peer support group</title>" in html and html.count("data:image/svg+xml;base64,") == 6
    )  # four of the run, price curve, tornado
    status, _, _ = run(capsys, "report", "-o", str(tmp_path / "default.html"), "--title", "My idea", *QUICK)
    assert status == 0 and "<h1>My idea</h1>" in (tmp_path / "default.html").read_text()


# -- the analyses: each command calls its analysis with the options given --------------------------------


def test_analysis_commands_call_the_analyses(capsys, tmp_path, monkeypatch):
    calls = []
    table = pd.DataFrame({"survival": [0.7, 0.8]}, index=pd.Index([8.0, 10.0], name="price"))

    def record(name):
        def function(*args, **kwargs):
            calls.append((name, args, kwargs))
            return table

        return function

    for name in ANALYSES:
        monkeypatch.setattr(meantime.cli.main, name, record(name))
    example = str(EXAMPLES / "allotment_project.toml")
    out_file = tmp_path / "sweep.csv"

    # The stand-in table is no analysis's: the commands print it as CSV, not in words.
    machine = ["--format", "csv"]
    assert run(capsys, "break-even", example, *machine)[0] == 0
    assert run(capsys, "capital", example, "--survival", "0.8", "--paths", "300", "--seed", "3", *machine)[0] == 0
    status, out, _ = run(
        capsys,
        "sweep",
        example,
        "--vary",
        "business.price_per_session=8:12:2",
        "--vary",
        "household.savings=1000,2000",
        "--out",
        str(out_file),
        *machine,
    )
    assert status == 0 and out.splitlines() == ["price,survival", "8.0,0.7", "10.0,0.8"]
    assert list(pd.read_csv(out_file).columns) == ["price", "survival"]
    assert run(capsys, "compare", example, str(EXAMPLES / "coding_courses.toml"), "--threads", "1", *machine)[0] == 0

    scenario = meantime.Scenario.from_file(example)
    ((name, args, kwargs),) = [c for c in calls if c[0] == "break_even"]
    assert args == (scenario,)
    ((_, args, kwargs),) = [c for c in calls if c[0] == "required_capital"]
    assert args == (scenario,) and kwargs == dict(survival=0.8, paths=300, seed=3, threads=None, progress=None)
    ((_, args, kwargs),) = [c for c in calls if c[0] == "sweep"]
    assert args == (scenario, {"business.price_per_session": [8.0, 10.0, 12.0], "household.savings": [1000, 2000]})
    assert kwargs == dict(paths=10_000, seed=2026, threads=None, progress=None)
    ((_, args, kwargs),) = [c for c in calls if c[0] == "compare"]
    assert list(args[0]) == ["allotment_project", "coding_courses"] and kwargs["threads"] == 1


@pytest.mark.parametrize(
    "vary, words",
    [
        ("business.price_per_session", "expected FIELD=VALUES"),
        ("business.price_per_session=12:8:1", "start <= stop"),
        ("business.price_per_session=1:x:1", "start:stop:step"),
        ("business.price_per_session=0:100000:1", "at most 1,000"),
    ],
)
def test_sweep_grid_arguments(capsys, vary, words):
    status, _, err = run(capsys, "sweep", "--vary", vary)
    assert status == 2 and words in err


def test_run_on_a_local_cluster_gives_the_same_answer(capsys):
    import dask.distributed  # noqa: F401  (in requirements-dev.txt: a missing Dask fails here)

    args = ("run", "--paths", "3000", "--seed", "4", "--no-progress")
    status, local, _ = run(capsys, *args)
    assert status == 0
    status, clustered, err = run(capsys, *args, "--scheduler", "local:2", "--chunk-paths", "1000")
    assert status == 0, err
    # Everything but the first line (which says how long the run took) is the same, to the digit.
    assert clustered.splitlines()[1:] == local.splitlines()[1:]


def test_scheduler_options_are_checked(capsys):
    status, _, err = run(capsys, "run", "--paths", "100", "--chunk-paths", "50")
    assert status == 2 and "--chunk-paths goes with --scheduler" in err
    status, _, err = run(capsys, "run", "--paths", "100", "--scheduler", "local:many")
    assert status == 2 and "local:N needs a whole number" in err


def test_no_progress_means_no_bar_for_the_analyses_too(capsys):
    status, _, err = run(
        capsys, "sweep", "--vary", "business.price_per_session=9,10", "--paths", "20000", "--no-progress"
    )
    assert status == 0 and "path/s" not in err and err == ""


def test_ctrl_c_stops_the_command_quickly_with_status_130():
    import signal
    import subprocess
    import time

    # A run far too long to finish (10^9 path-months): Ctrl-C must end it within a fraction of a
    # second, with one line and the conventional status, no traceback.
    # A test runner started in the background hands its children SIGINT ignored; a terminal's
    # process has the default, which Python turns into KeyboardInterrupt.
    # The signal is sent once the progress bar shows that the engine is running (not during the
    # imports, which a loaded machine can stretch past any fixed wait).
    process = subprocess.Popen(
        [sys.executable, "-m", "meantime", "run", "--paths", "2000000", "--months", "600"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    first = os.read(process.stderr.fileno(), 1)  # blocks until the bar's first character
    assert first and process.poll() is None, "the run ended before it was interrupted"
    sent = time.perf_counter()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert time.perf_counter() - sent < 2.0
    err = (first + err).decode()
    assert process.returncode == 130, (out, err)
    # The bar's last state, then one line; no traceback.
    assert err.rstrip().splitlines()[-1].split("\r")[-1] == "meantime: interrupted" and "Traceback" not in err
