"""Group offers and pooled budgets from Python, files and the command line."""

from __future__ import annotations

import pathlib
import pickle

import numpy as np
import pytest

import meantime
from conftest import new_parts_off
from meantime.cli.main import main
from meantime.report.words import assumptions

EXAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "peer_group_pooled.toml"
GROUP_TOTALS = (
    "groups_formed",
    "groups_collapsed",
    "group_members_served",
    "group_meetings_held",
    "group_meetings_cancelled",
    "group_members_priced_out",
    "group_prospects_gave_up",
    "group_billed",
)


def hand_scenario(**changes) -> meantime.Scenario:
    """Groups only, per attendee, all randomness off: the C++ test's hand-computed run
    (tests/cpp/test_groups.cpp, per_attendee_hand_scenario)."""
    return new_parts_off(
        meantime.Scenario.from_dict(
            {
                "based_on": "kitchen-table",  # the household: what the hand computation does not depend on
                "market": {
                    "arrivals": "referrals",
                    "referrals_per_month": 3,
                    "reservation_price_per_hour": 100,
                    "reservation_price_spread": 0,
                },
                "clients": {"churn_per_month": 0, "waiting_give_up_per_month": 0.2},
                "business": {
                    "price_per_session": 10,
                    "session_hours": 1,
                    "startup_costs": 300,
                    "fixed_costs_per_month": 50,
                    "variable_cost_per_session": 2,
                    "founder_hours_per_week": 10,
                    "client_facing_share": 0.6,
                },
                "group": {
                    "enabled": True,
                    "one_to_one": False,
                    "minimum_size": 4,
                    "maximum_size": 6,
                    "max_groups": 1,
                    "meetings_per_month": 4,
                    "meeting_hours": 2,
                    "attendance_probability": 0.75,
                    "price_per_attendee": 8,
                    "cost_per_meeting": 10,
                },
                "run": {"months": 4, "sustained_months": 2, "deterministic": True},
            }
        )
    ).replace(**changes)


def test_the_group_fields_are_in_the_scenario():
    s = meantime.default_scenario()
    assert s.group.enabled is False and s.group.one_to_one is True
    assert s.group.pricing == "per_attendee"
    pooled = s.replace(group__enabled=True, group__pricing="pooled", group__group_price=72)
    assert pooled.get("group.group_price") == 72
    assert {f.path for f in meantime.scenario_fields()} >= {
        "group.enabled",
        "group.one_to_one",
        "group.interest_share",
        "group.minimum_size",
        "group.maximum_size",
        "group.max_groups",
        "group.meetings_per_month",
        "group.meeting_hours",
        "group.attendance_probability",
        "group.cancelled_time_share",
        "group.cost_per_meeting",
        "group.pricing",
        "group.price_per_attendee",
        "group.group_price",
        "group.pooled_share",
    }


def test_a_per_attendee_deterministic_run_bills_the_hand_computed_revenue():
    # Month 1: 3 wait (fewer than 4), 1 gives up; month 2: a group of 5, 4 attend each of 4
    # meetings at £8 = £128; months 3-4: 6 members, 5 attend: £160.
    result = meantime.simulate(hand_scenario(), paths=2, keep_paths=True, progress=False)
    np.testing.assert_array_equal(result.paths["revenue"][0], [0, 128, 160, 160])
    np.testing.assert_array_equal(result.paths["group_members"][1], [0, 5, 6, 6])
    row = result.outcomes.loc[0]
    assert (row.groups_formed, row.group_members_served, row.group_meetings_held) == (1, 6, 12)
    assert (row.group_prospects_gave_up, row.lost_to_capacity, row.group_billed) == (1, 5, 448.0)


def test_a_pooled_group_price_is_split_equally():
    # Six referrals who can each pool £100 x 2 h x 0.1 = £20: one group of six at £60 a meeting.
    s = hand_scenario(
        market__referrals_per_month=6, group__pricing="pooled", group__group_price=60, group__pooled_share=0.1
    )
    result = meantime.simulate(s, paths=1, keep_paths=True, progress=False)
    members, revenue = result.paths["group_members"][0], result.paths["revenue"][0]
    np.testing.assert_array_equal(members, [6, 6, 6, 6])
    np.testing.assert_allclose(revenue / 4 / members, 60 / 6)  # each member's share a meeting: G/n


def test_summary_and_outcomes_show_the_group_outcomes_when_groups_are_sold():
    off = meantime.simulate(paths=200, seed=3, progress=False)
    on = meantime.simulate(meantime.default_scenario().replace(group__enabled=True), paths=200, seed=3, progress=False)
    assert not any(answer.startswith("mean_group") for answer in off.summary().index)
    summary = on.summary()
    for total in GROUP_TOTALS:
        assert total in on.outcomes.columns and total in off.outcomes.columns
        assert (off.outcomes[total] == 0).all()
        assert summary.loc[f"mean_{total}", "estimate"] == pytest.approx(on.outcomes[total].mean(), rel=1e-9)
    assert summary.loc["mean_groups_formed", "unit"] == "groups"
    assert summary.loc["mean_groups_formed", "estimate"] > 0
    assert "group_members_mean" in on.monthly.columns
    assert (off.monthly["group_members_mean"] == 0).all()


def test_groups_off_leave_the_golden_run_as_it_was(golden_result):
    # The same run with the group record spelled out, switched off, gives the same bits.
    again = meantime.simulate(
        meantime.default_scenario().replace(group__enabled=False, group__max_groups=3),
        paths=1000,
        seed=2026,
        progress=False,
    )
    for column in golden_result.outcomes.columns:
        np.testing.assert_array_equal(again.outcomes[column], golden_result.outcomes[column])


def test_bad_group_fields_are_named():
    s = meantime.default_scenario()
    with pytest.raises(meantime.ScenarioError, match=r"group\.maximum_size: must be >= group\.minimum_size"):
        meantime.simulate(s.replace(group__minimum_size=6, group__maximum_size=5), paths=10, progress=False)
    with pytest.raises(ValueError, match=r"group\.attendance_probability: must be >= 0 and <= 1, got 2"):
        meantime.simulate(s.replace(group__attendance_probability=2), paths=10, progress=False)
    with pytest.raises(ValueError, match=r"group\.pricing"):
        s.replace(group__pricing="by_the_hour")
    with pytest.raises(ValueError, match=r"group\.max_groups: .*must fit in the client-facing hours"):
        meantime.simulate(s.replace(group__enabled=True, group__max_groups=9), paths=10, progress=False)


def test_runs_with_groups_pickle_and_merge_exactly():
    s = meantime.Scenario.from_file(EXAMPLE)
    whole = meantime.simulate(s, paths=600, seed=4, progress=False)
    first = meantime.simulate(s, paths=250, seed=4, progress=False)
    rest = meantime.simulate(s, paths=350, seed=4, first_path=250, progress=False)
    merged = pickle.loads(pickle.dumps(first)).merge(rest)
    assert merged.summary().equals(whole.summary())
    assert merged.outcomes.equals(whole.outcomes)


def test_the_example_runs_from_the_command_line(capsys):
    assert main(["run", str(EXAMPLE), "--paths", "2000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "groups formed, per future (mean)" in out
    assert "members priced out as their share rose" in out
    header = next(line for line in out.splitlines() if line.startswith("month "))  # the month-by-month table
    assert "group members" in header
    assert "clients" not in header  # groups only: no one-to-one clients to show
    s = meantime.Scenario.from_file(EXAMPLE)
    assert s.group.enabled and s.group.pricing == "pooled" and not s.group.one_to_one
    heading, sentence = next(part for part in assumptions(s) if part[0] == "Groups")
    assert "pool 40%" in sentence and "£90 a meeting" in sentence
