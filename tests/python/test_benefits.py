"""Universal Credit from Python: the presets, the household they state, and the answers in words."""

from __future__ import annotations

import concurrent.futures
import pickle

import pytest

import meantime
from meantime.running import result as result_module
from meantime.running.words import LIMITED_CAPABILITY_SHORT, LIMITED_CAPABILITY_WORDS, limited_capability


def test_the_preset_states_the_household_and_the_year():
    fields = meantime.benefits.universal_credit(
        2025,
        couple=True,
        limited_capability="lcwra",
        housing_costs=600,
        partner_earnings=800,
        partner_expected_hours=16,
    )
    s = meantime.default_scenario().replace(fields)
    assert s.benefits.enabled and s.benefits.standard_allowance_couple == 628.10  # 2025/26
    assert s.benefits.lcwra_element == 423.27 and s.benefits.surplus_earnings_threshold == 2500
    h = s.household
    assert (h.couple, h.limited_capability, h.housing_costs_per_month) == (True, "lcwra", 600.0)
    assert (h.partner_income_per_month, h.partner_expected_hours_per_week) == (800.0, 16.0)
    # The engine's reading of it: couple 25+ 628.10 + LCWRA 423.27 + rent 600; work allowance with
    # housing 411 (2025/26); no floor with LCWRA.
    terms = s._core.claim_terms()
    assert terms["maximum_award"] == pytest.approx(1651.37)
    assert terms["work_allowance"] == 411 and not terms["floor_can_apply"]


def test_the_default_is_the_2026_preset_for_the_default_household():
    s = meantime.default_scenario()
    assert s.replace(meantime.benefits.universal_credit(2026, limited_capability="lcw", housing_costs=450)) == s


def test_bad_presets_name_the_field():
    with pytest.raises(meantime.ScenarioError, match="household.children: children are not modelled"):
        meantime.benefits.universal_credit(children=1)
    with pytest.raises(meantime.ScenarioError, match="household.limited_capability: must be one of none, lcw"):
        meantime.benefits.universal_credit(limited_capability="yes")
    with pytest.raises(meantime.ScenarioError, match="2019"):
        meantime.benefits.universal_credit(2019)
    with pytest.raises(meantime.ScenarioError, match="household.children"):
        meantime.default_scenario().replace(household__children=2)


def test_the_answer_with_and_without_benefits_on_the_same_futures():
    lcw = meantime.default_scenario().replace(household__limited_capability="lcw")
    result = meantime.simulate(lcw, paths=2000, seed=5, progress=False)
    table = result.summary()
    without = meantime.simulate(lcw.replace(benefits__enabled=False), paths=2000, seed=5, progress=False)
    assert table.loc["survival_without_benefits", "estimate"] == without.survival()
    assert table.loc["survival", "estimate"] > without.survival()
    # Benefits' share of income: mean benefits over mean household income, in (0, 1).
    outcomes = result.outcomes
    assert table.loc["benefits_share_of_income", "estimate"] == pytest.approx(
        outcomes["benefits"].mean() / outcomes["household_income"].mean()
    )
    # LCW: no minimum income floor, ever.
    assert table.loc["floor_bites", "estimate"] == 0
    text = str(result)
    assert "Universal Credit (single, limited capability for work (LCW))" in text
    assert "the minimum income floor never bites" in text and "Without benefits," in text


def test_the_floor_bites_after_the_start_up_year():
    no_lcw = meantime.default_scenario().replace(household__limited_capability="none")
    result = meantime.simulate(no_lcw, paths=2000, seed=5, progress=False)
    share, month = result.floor_bites()
    # Every future still trading in month 13 has the floor applied then (a 15-hour business earns
    # far below £1,698.84 a month): the month is 13, the share those alive at month 12.
    assert month == 13
    assert share == pytest.approx(result.survival(12), abs=1 / 2000)
    assert "the minimum income floor starts to bite in month 13" in str(result)


def _counting_engine_runs(monkeypatch) -> list[tuple]:
    """Every engine run a Result makes for itself (the run without benefits, the extra capital's
    search), recorded as (paths, seed, first path)."""
    calls: list[tuple] = []
    engine = result_module._core.simulate

    def counted(*args, **kwargs):
        given = dict(zip(("scenario", "paths", "seed", "first_path"), args), **kwargs)
        calls.append((given["paths"], given["seed"], given.get("first_path", 0)))
        return engine(*args, **kwargs)

    monkeypatch.setattr(result_module._core, "simulate", counted)
    return calls


def test_the_run_without_benefits_is_made_once_per_result(monkeypatch):
    result = meantime.simulate(meantime.default_scenario(), paths=500, seed=9, progress=False)
    calls = _counting_engine_runs(monkeypatch)
    first = str(result)
    # The run without benefits, then the extra capital's search (benefits make it depend on
    # savings): all on the same futures, paths, seed and first path of the result.
    made = len(calls)
    assert made == 1 + result.extra_capital(0.9).runs and made > 2 and set(calls) == {(500, 9, 0)}
    assert str(result) == first and len(calls) == made  # the second str() runs nothing
    result.summary()
    assert result.without_benefits is result.without_benefits and len(calls) == made
    # A result of its own (here one read back from a pickle) makes its own, once.
    again = pickle.loads(pickle.dumps(result))
    assert str(again) == first and len(calls) == 2 * made


def test_threads_asking_at_once_wait_for_the_one_run(monkeypatch):
    result = meantime.simulate(meantime.default_scenario(), paths=500, seed=9, progress=False)
    calls = _counting_engine_runs(monkeypatch)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: result.without_benefits, range(8)))
    assert len(calls) == 1 and all(answer is answers[0] for answer in answers)


def test_threads_asking_for_the_capital_at_once_wait_for_the_one_search(monkeypatch):
    result = meantime.simulate(meantime.default_scenario(), paths=500, seed=9, progress=False)
    calls = _counting_engine_runs(monkeypatch)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: result.extra_capital(0.9), range(8)))
    assert all(answer is answers[0] for answer in answers)
    assert len(calls) == answers[0].runs > 0  # one search, its runs made once


def test_no_run_without_benefits_when_the_rule_is_off(monkeypatch):
    off = meantime.default_scenario().replace(benefits__enabled=False)
    result = meantime.simulate(off, paths=200, seed=1, progress=False)
    calls = _counting_engine_runs(monkeypatch)
    assert result.without_benefits is None and "Without benefits" not in str(result) and calls == []


def test_every_finding_of_the_assessment_has_words():
    """The engine's choices for household.limited_capability, each in words (long and short)."""
    info = next(f for f in meantime.scenario_fields() if f.path == "household.limited_capability")
    assert set(LIMITED_CAPABILITY_WORDS) == set(LIMITED_CAPABILITY_SHORT) == set(info.choices)
    assert limited_capability("none") == "no limited capability for work assessed"
    assert limited_capability("lcwra", short=True) == "LCWRA"
    lcwra = meantime.default_scenario().replace(household__limited_capability="lcwra")
    text = str(meantime.simulate(lcwra, paths=200, seed=1, progress=False))
    assert f"(single, {limited_capability('lcwra')})" in text
