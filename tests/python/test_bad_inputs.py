"""The bad-input catalogue: every way an advisor or a researcher is likely to
get a scenario or a run wrong, in files and in Python objects. Each is refused with our own
exception class, a message naming the key path (or argument), and at once: within a second,
however hostile the input (oversized files, deep nesting, YAML alias bombs, 10**12 kept paths).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

import pytest

import meantime
from meantime.scenario.files import MAX_DEPTH, MAX_FILE_BYTES

#: Every case must be refused within this many seconds (the issue's bound on rejection time).
SECONDS = 1.0


@dataclass
class Bad:
    """One bad input: ``attempt(tmp_path)`` must raise ``error`` with ``names`` in the message."""

    attempt: Callable
    error: type
    names: str


def file_case(name: str, content: str | bytes) -> Callable:
    """Writes ``content`` to ``tmp_path / name`` and reads it as a scenario."""

    def attempt(tmp_path):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return meantime.Scenario.from_file(path)

    return attempt


def change_case(changes: dict) -> Callable:
    return lambda tmp_path: meantime.default_scenario().replace(changes)


def run_case(**arguments) -> Callable:
    # progress=False: no bar; a case that wrongly ran would still be caught by the time bound.
    return lambda tmp_path: meantime.simulate(meantime.default_scenario(), progress=False, **arguments)


def folder_case(tmp_path):
    (tmp_path / "idea.toml").mkdir()
    return meantime.Scenario.from_file(tmp_path / "idea.toml")


FileError = meantime.ScenarioFileError
ScenarioError = meantime.ScenarioError
RunSettingsError = meantime.RunSettingsError
MemoryLimitError = meantime.MemoryLimitError  # a MemoryError
LOAN = {"principal": 5000, "apr": 0.06, "term_months": 36}
# A billion laughs: nine levels of ten aliases each would expand to 10**9 values.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)
DEEP = 5 * MAX_DEPTH

CASES = {
    # -- files: the file as a whole ------------------------------------------------------------
    "file-missing": Bad(
        lambda tmp_path: meantime.Scenario.from_file(tmp_path / "nowhere.toml"), FileError, "no such file"
    ),
    "file-is-a-folder": Bad(folder_case, FileError, "is a folder"),
    "file-not-utf8-toml": Bad(
        file_case("idea.toml", b"[business]\nprice_per_session = 12 # \xff\xfe\n"), FileError, "UTF-8"
    ),
    "file-not-utf8-yaml": Bad(
        file_case("idea.yaml", "business:\n  name: caf\xe9\n".encode("latin-1")), FileError, "UTF-8"
    ),
    "file-extension-txt": Bad(file_case("idea.txt", "[business]\n"), FileError, "extension"),
    "file-extension-none": Bad(file_case("idea", "[business]\n"), FileError, "extension"),
    "file-format-unknown": Bad(
        lambda tmp_path: meantime.Scenario.from_file(tmp_path / "a.toml", format="ini"), FileError, "unknown format"
    ),
    "toml-syntax": Bad(file_case("idea.toml", "[business\nprice_per_session = 12\n"), FileError, "not valid TOML"),
    "toml-syntax-value": Bad(file_case("idea.toml", "[business]\nprice_per_session = = 12\n"), FileError, "line 2"),
    "yaml-syntax": Bad(file_case("idea.yaml", "business: [1, 2\n"), FileError, "not valid YAML"),
    "yaml-tab-indent": Bad(file_case("idea.yaml", "business:\n\tprice_per_session: 12\n"), FileError, "not valid YAML"),
    "json-syntax": Bad(file_case("idea.json", '{"business": {"price_per_session": 12,}}'), FileError, "not valid JSON"),
    "json-top-level-list": Bad(file_case("idea.json", "[1, 2]"), FileError, "scenario's groups"),
    "yaml-top-level-text": Bad(file_case("idea.yaml", "just some words\n"), FileError, "scenario's groups"),
    "file-oversized": Bad(file_case("idea.toml", "# padding\n" * (MAX_FILE_BYTES // 10 + 1)), FileError, "too large"),
    "json-deeply-nested": Bad(
        file_case("idea.json", '{"business": ' + "[" * DEEP + "]" * DEEP + "}"), FileError, "nested"
    ),
    "toml-deeply-nested": Bad(
        file_case("idea.toml", "[business]\nx = " + "[" * DEEP + "]" * DEEP + "\n"), FileError, "nested"
    ),
    "yaml-deeply-nested": Bad(
        file_case("idea.yaml", "business: " + "[" * DEEP + "]" * DEEP + "\n"), FileError, "nested"
    ),
    "yaml-alias-bomb": Bad(file_case("idea.yaml", ALIAS_BOMB), FileError, "refused"),
    # -- files: keys ---------------------------------------------------------------------------
    "toml-unknown-field": Bad(
        file_case("idea.toml", "[business]\nprice_per_sesion = 12\n"), FileError, "business.price_per_sesion"
    ),
    "toml-unknown-group": Bad(file_case("idea.toml", "[busines]\nprice_per_session = 12\n"), FileError, "busines"),
    "yaml-unknown-field": Bad(file_case("idea.yaml", "household:\n  saving: 1000\n"), FileError, "household.saving"),
    "toml-duplicate-key": Bad(
        file_case("idea.toml", "[business]\nprice_per_session = 12\nprice_per_session = 14\n"),
        FileError,
        "price_per_session",
    ),
    "json-duplicate-key": Bad(
        file_case("idea.json", '{"business": {"price_per_session": 12, "price_per_session": 14}}'),
        FileError,
        "price_per_session",
    ),
    "yaml-duplicate-key": Bad(
        file_case("idea.yaml", "business:\n  price_per_session: 12\n  price_per_session: 14\n"),
        FileError,
        "price_per_session",
    ),
    # -- files: values -------------------------------------------------------------------------
    "toml-text-for-number": Bad(
        file_case("idea.toml", '[business]\nprice_per_session = "cheap"\n'), FileError, "business.price_per_session"
    ),
    "toml-quoted-number": Bad(
        file_case("idea.toml", '[business]\nprice_per_session = "12"\n'), FileError, "business.price_per_session"
    ),
    "toml-percent-for-probability": Bad(
        file_case("idea.toml", "[market]\nfit_share = 12\n"), FileError, "market.fit_share"
    ),
    "yaml-quoted-probability": Bad(
        file_case("idea.yaml", 'market:\n  fit_share: "12"\n'), FileError, "market.fit_share"
    ),
    "toml-nan": Bad(
        file_case("idea.toml", "[business]\nprice_per_session = nan\n"), FileError, "business.price_per_session"
    ),
    "toml-inf": Bad(file_case("idea.toml", "[household]\nsavings = inf\n"), FileError, "household.savings"),
    "json-nan": Bad(
        file_case("idea.json", '{"business": {"price_per_session": NaN}}'), FileError, "business.price_per_session"
    ),
    "yaml-minus-inf": Bad(
        file_case("idea.yaml", "household:\n  living_costs_per_month: -.inf\n"),
        FileError,
        "household.living_costs_per_month",
    ),
    "toml-negative-money": Bad(file_case("idea.toml", "[household]\nsavings = -100\n"), FileError, "household.savings"),
    "toml-min-above-max": Bad(
        file_case("idea.toml", '[market]\nfit_share = {dist = "uniform", min = 0.5, max = 0.2}\n'),
        FileError,
        "market.fit_share",
    ),
    "toml-unknown-distribution": Bad(
        file_case("idea.toml", '[market]\nfit_share = {dist = "trinagular", min = 0.1, mode = 0.2, max = 0.3}\n'),
        FileError,
        "market.fit_share",
    ),
    "toml-horizon-zero": Bad(file_case("idea.toml", "[run]\nmonths = 0\n"), FileError, "run.months"),
    "json-loan-term-zero": Bad(
        file_case("idea.json", '{"funding": {"loans": [{"principal": 5000, "term_months": 0}]}}'),
        FileError,
        "funding.loans[0].term_months",
    ),
    # -- Python objects: scenario values -------------------------------------------------------
    "negative-price": Bad(
        change_case({"business.price_per_session": -12}), ScenarioError, "business.price_per_session"
    ),
    "text-for-number": Bad(
        change_case({"business.price_per_session": "twelve"}), ScenarioError, "business.price_per_session"
    ),
    "percent-for-probability": Bad(change_case({"market.fit_share": 12}), ScenarioError, "market.fit_share"),
    "text-12-for-probability": Bad(change_case({"market.fit_share": "12"}), ScenarioError, "market.fit_share"),
    "nan-living-costs": Bad(
        change_case({"household.living_costs_per_month": math.nan}), ScenarioError, "household.living_costs_per_month"
    ),
    "inf-savings": Bad(change_case({"household.savings": math.inf}), ScenarioError, "household.savings"),
    "negative-savings": Bad(change_case({"household.savings": -1}), ScenarioError, "household.savings"),
    "min-above-max": Bad(
        change_case({"market.fit_share": {"dist": "uniform", "min": 0.5, "max": 0.2}}),
        ScenarioError,
        "market.fit_share",
    ),
    "unknown-distribution": Bad(
        change_case({"market.fit_share": {"dist": "gaussian", "mean": 0.2, "sd": 0.01}}),
        ScenarioError,
        "market.fit_share",
    ),
    "unknown-field": Bad(change_case({"business.price": 3}), ScenarioError, "business.price"),
    "horizon-zero": Bad(change_case({"run.months": 0}), ScenarioError, "run.months"),
    "horizon-absurd": Bad(change_case({"run.months": 10**6}), ScenarioError, "run.months"),
    "horizon-not-whole": Bad(change_case({"run.months": 24.5}), ScenarioError, "run.months"),
    "more-than-5-fte": Bad(
        change_case({"business.founder_hours_per_week": 60, "staff.hours_per_week": 150}),
        ScenarioError,
        "staff.hours_per_week",
    ),
    "loan-term-zero": Bad(
        change_case({"funding.loans": [dict(LOAN, term_months=0)]}), ScenarioError, "funding.loans[0].term_months"
    ),
    "interest-minus-100-percent": Bad(
        change_case({"funding.loans": [dict(LOAN, apr=-1)]}), ScenarioError, "funding.loans[0].apr"
    ),
    "interest-below-minus-100-percent": Bad(
        change_case({"funding.loans": [dict(LOAN, apr=-2)]}), ScenarioError, "funding.loans[0].apr"
    ),
    "payment-delay-beyond-cap": Bad(
        change_case({"payments.individual_service_fund.delay_months": 13}),
        ScenarioError,
        "payments.individual_service_fund.delay_months",
    ),
    "from-dict-not-a-dict": Bad(lambda tmp_path: meantime.Scenario.from_dict([1, 2]), ScenarioError, "scenario"),
    "simulate-bad-dict": Bad(
        lambda tmp_path: meantime.simulate({"business": {"price_per_session": -1}}),
        ScenarioError,
        "business.price_per_session",
    ),
    # -- Python objects: run settings ----------------------------------------------------------
    "paths-negative": Bad(run_case(paths=-1), RunSettingsError, "paths"),
    "paths-zero": Bad(run_case(paths=0), RunSettingsError, "paths"),
    "paths-not-whole": Bad(run_case(paths=1.5), RunSettingsError, "paths"),
    "paths-text": Bad(run_case(paths="1000"), RunSettingsError, "paths"),
    "paths-above-maximum": Bad(run_case(paths=10**13), RunSettingsError, "paths"),
    "seed-negative": Bad(run_case(seed=-1), RunSettingsError, "seed"),
    "seed-2-to-64": Bad(run_case(seed=2**64), RunSettingsError, "seed"),
    "seed-not-whole": Bad(run_case(seed=0.5), RunSettingsError, "seed"),
    "threads-negative": Bad(run_case(threads=-1), RunSettingsError, "threads"),
    "threads-not-whole": Bad(run_case(threads=2.5), RunSettingsError, "threads"),
    "first-path-negative": Bad(run_case(first_path=-1), RunSettingsError, "first_path"),
    "max-seconds-negative": Bad(run_case(max_seconds=-1), RunSettingsError, "max_seconds"),
    "max-seconds-nan": Bad(run_case(max_seconds=float("nan")), RunSettingsError, "max_seconds"),
    # 10**12 paths of full arrays: refused from the estimate, before anything is allocated.
    "paths-arrays-beyond-memory": Bad(run_case(paths=10**12, keep_paths=True), MemoryLimitError, "keep_paths"),
    "outcomes-beyond-memory": Bad(run_case(paths=10**12, keep_outcomes=True), MemoryLimitError, "keep_outcomes"),
}


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_refused_with_our_error_naming_the_key_quickly(case, tmp_path):
    start = time.perf_counter()
    with pytest.raises(case.error) as caught:
        case.attempt(tmp_path)
    elapsed = time.perf_counter() - start
    assert type(caught.value) is case.error  # exactly this class, not merely a subclass of it
    assert case.names in str(caught.value)
    assert elapsed < SECONDS, f"took {elapsed:.2f} s to refuse"
