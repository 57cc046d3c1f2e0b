"""``meantime new``: from nothing to a correct scenario file for one's own idea, unattended by
flags, by plain input from a pipe, and interactively in a terminal (a pseudo-terminal)."""

from __future__ import annotations

import os
import subprocess
import sys

import pexpect
import pytest

import meantime
from meantime.cli import main as cli
from meantime.scenario.questionnaire import questions

FLAGS = [
    "--service",
    "Gardening and company for older people",
    "--price",
    "£30 an hour",
    "--session-hours",
    "90 minutes",
    "--hours-per-week",
    "20",
    "--population",
    "45,000",
    "--asked",
    "30",
    "--interested",
    "6",
    "--household",
    "couple",
    "--rent",
    "£600",
    "--partner-earnings",
    "£1,200",
    "--other-income",
    "0",
    "--savings",
    "£2,500",
    "--living-costs",
    "1400",
    "--startup-costs",
    "600",
    "--monthly-costs",
    "80",
]


def answered(path) -> meantime.Scenario:
    """The file loads as it is: it states every essential, so it borrows nothing decisive."""
    s = meantime.Scenario.from_file(path)
    assert s.defaults_used() == {}
    return s


def test_flags_alone_write_a_complete_commented_scenario(tmp_path, capsys):
    path = tmp_path / "garden.toml"
    assert cli.main(["new", "--no-input", "-o", str(path), *FLAGS]) == 0
    assert f"wrote {path}" in capsys.readouterr().out
    s = answered(path)
    assert s.business.price_per_session == 45.0  # £30 an hour for 1.5-hour sessions
    assert s.business.session_hours == 1.5 and s.business.founder_hours_per_week == 20
    assert s.market.population.to_dict() == 45000 and s.market.fit_share == meantime.research_share(30, 6)
    assert s.household.savings.to_dict() == 2500 and s.household.partner_income_per_month == 1200
    assert s.household.couple and s.household.housing_costs_per_month == 600
    assert s.business.startup_costs == 600 and s.business.fixed_costs_per_month == 80
    text = path.read_text()
    assert text.startswith("# Gardening and company for older people\n")
    assert "price_per_session = 45  # your answer" in text and "savings = 2500  # your answer" in text
    assert "Monthly chance a client stops buying" in text  # every other field, explained


def test_missing_and_wrong_flags_are_all_reported_at_once(tmp_path, capsys):
    path = tmp_path / "idea.toml"
    flags = [f for f in FLAGS]
    flags[flags.index("--savings") + 1] = "lots"
    drop = flags.index("--population")
    del flags[drop : drop + 2]
    assert cli.main(["new", "--no-input", "-o", str(path), *flags]) == 2
    err = capsys.readouterr().err
    assert "2 answers to give or correct" in err
    assert "--population is needed: How many people live in the area you will serve?" in err
    assert "--savings 'lots': an amount in pounds" in err
    assert not path.exists()


def test_an_answer_the_engine_refuses_says_why(tmp_path, capsys):
    flags = [f for f in FLAGS]
    flags[flags.index("--hours-per-week") + 1] = "100"
    assert cli.main(["new", "--no-input", "-o", str(tmp_path / "a.toml"), *flags]) == 2
    assert "--hours-per-week '100': must be >= 0 and <= 80" in capsys.readouterr().err


def test_offered_defaults_are_explained_in_the_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["new", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for q in questions():
        assert q.flag in out
        if q.default is not None:
            assert f"(default {q.default}: {' '.join(q.because.split())})" in out


def test_an_existing_file_is_kept(tmp_path, capsys):
    path = tmp_path / "idea.toml"
    path.write_text("# mine\n")
    assert cli.main(["new", "--no-input", "-o", str(path), *FLAGS]) == 2
    assert "exists" in capsys.readouterr().err and path.read_text() == "# mine\n"


def test_plain_input_from_a_pipe(tmp_path):
    """Without a terminal the questions are read with input(): one answer a line, a wrong one
    asked again, Enter taking the offered default."""
    answers = [
        "Paperwork help",
        "12",
        "45 mins",
        "15",
        "60000",
        "40",
        "10",
        "2",
        "single",
        "",
        "",
        "450",
        "0",
        "2,500",
        "lots",
        "1250",
        "800",
        "120",
    ]
    path = tmp_path / "idea.toml"
    done = subprocess.run(
        [sys.executable, "-m", "meantime", "new", "-o", str(path)],
        input="\n".join(answers) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "an amount in pounds, e.g. 2500 or £2,500; got 'lots'" in done.stdout
    s = answered(path)
    assert s.business.session_hours == 0.75 and s.household.living_costs_per_month == 1250
    assert s.household.savings.to_dict() == 2500 and s.market.committed_clients == 2


def test_interactively_in_a_terminal(tmp_path):
    path = tmp_path / "idea.toml"
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "meantime", "new", "-o", str(path)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )
    replies = [
        ("What is the service", "Befriending walks"),
        ("charge for one session", "£20 an hour"),
        ("How long is one session", ""),  # Enter: the offered 1 hour
        ("hours a week", "90"),  # refused as typed: more than 80
        ("must be >= 0 and <= 80", "\x15" + "18"),  # Ctrl-U clears the line, then the right answer
        ("How many people live", "52,000"),
        ("did you ask", "20"),
        ("interested", "5"),
        ("said they would buy", ""),  # Enter: the offered none
        ("on your own or as a couple", "single"),
        ("under 25, or 25 or over", ""),  # Enter: the offered 25 or over
        ("limited capability for work?", "LCW"),
        ("rent (or mortgage interest)", "£500"),
        ("other regular income", "0"),
        ("in savings", "3000"),
        ("need to live on", "£1,300"),
        ("cost to start", "0"),
        ("cost to run a month", "40"),
    ]
    for expected, reply in replies:
        child.expect_exact(expected)
        child.sendline(reply)
    child.expect_exact(f"wrote {path}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    s = answered(path)
    assert s.business.price_per_session == 20 and s.business.session_hours == 1
    assert s.business.founder_hours_per_week == 18 and s.household.living_costs_per_month == 1300
    assert s.market.committed_clients == 0
    assert s.household.limited_capability == "lcw" and s.household.housing_costs_per_month == 500
