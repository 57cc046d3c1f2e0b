"""break_even: known answers worked out by hand, the engine's loan schedule, and the verdicts."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest

import meantime
from conftest import before_renewal, classic_scenario

WEEKS = 52 / 12


def test_the_default_scenario_by_hand():
    table = meantime.break_even(meantime.default_scenario())
    operating, living = table.loc["operating"], table.loc["living"]
    # A tenth of the sessions booked are missed, not charged and not delivered.
    assert operating.margin_per_session == pytest.approx((11 - 1.5) * 0.9)
    # 15 h x 52/12 x 0.85 / (0.5 h + 15 min travel) = 73 sessions in a working month, x (52 - 5.6)
    # / 52 weeks worked = 65; the diary holds 73 / 4 = 18.25 clients, who book 4 x 46.4 / 52.
    assert operating.capacity_sessions == 65
    assert operating.capacity_clients == pytest.approx(18.25)
    # Living: £120 of fixed costs and £1,250 of living costs (benefits aside): 160 sessions, more
    # than the diary's 65, so the business alone never pays the founder's way.
    assert living.clients_needed == pytest.approx(1370 / 8.55 / (4 * 46.4 / 52))
    assert table["can_break_even"].tolist() == [True, False]
    # Routes: 0.28% of residents on budgets (median £21.667/h) and 1.2% self-funders (90% of it);
    # fit 10.1/42, half of the interested buy.
    share = (
        0.0028 * NormalDist().cdf(math.log(65 / 3 / 22) / 0.25)
        + 0.012 * NormalDist().cdf(math.log(0.9 * 65 / 3 / 22) / 0.25)
    ) / 0.0148
    assert operating.affordable_share == pytest.approx(share)
    assert operating.market_clients == pytest.approx(60000 * 0.0148 * 10.1 / 42 * 0.5 * share)
    assert living.lowest_price == pytest.approx((1.5 * 0.9 + 1370 / 65) / 0.9)


def test_the_default_scenario_before_renewal_by_hand():
    table = meantime.break_even(before_renewal(meantime.default_scenario()))
    operating, living = table.loc["operating"], table.loc["living"]
    assert operating.margin_per_session == pytest.approx(11 - 1.5)
    # Operating: £120 fixed costs, no staff, no loans.
    assert operating.costs_to_cover == pytest.approx(120)
    assert operating.sessions_needed == pytest.approx(120 / 9.5)  # 12.63
    assert operating.clients_needed == pytest.approx(120 / 9.5 / 4)  # 4 sessions a client
    # Living: + £1,250 living costs, no other income (benefits aside: they are what the business
    # is meant to replace).
    assert living.net_living_costs == pytest.approx(1250)
    assert living.sessions_needed == pytest.approx(1370 / 9.5)  # 144.2
    assert living.clients_needed == pytest.approx(1370 / 9.5 / 4)  # 36.05
    # 15 h x 52/12 x 0.7 client-facing / 0.5 h a session = 91 sessions, 22.75 clients.
    assert operating.capacity_sessions == 91
    assert operating.capacity_clients == pytest.approx(22.75)
    assert operating.lowest_price == pytest.approx(1.5 + 120 / 91)  # £2.82
    assert living.lowest_price == pytest.approx(1.5 + 1370 / 91)  # £16.55
    # Pool: 60,000 x mean triangular(0.003, 0.0054, 0.007) = 0.0051333 x research(40, 10) mean 11/42
    # = 80.67 budget holders; £11 for half an hour is £22/h against a mean median of £21.667/h,
    # log sd 0.25: Phi(ln(21.667/22) / 0.25) = Phi(-0.06107) = 0.47565 can pay: 38.37 clients.
    assert operating.affordable_share == pytest.approx(0.475652, abs=1e-6)
    assert operating.market_clients == pytest.approx(60000 * 0.0154 / 3 * 11 / 42 * 0.475652, rel=1e-5)
    # The diary holds 91 sessions: enough for the business's costs, not for the founder's living.
    assert table["can_break_even"].tolist() == [True, False]
    assert living.verdict.startswith("no")


def test_staff_a_job_a_loan_and_referrals_by_hand():
    s = before_renewal(meantime.default_scenario()).replace(
        {
            "business.price_per_session": 30,
            "business.variable_cost_per_session": 5,
            "business.session_hours": 1,
            "business.fixed_costs_per_month": 200,
            "business.founder_hours_per_week": 20,
            "business.client_facing_share": 0.8,
            "staff.hours_per_week": 10,
            "staff.wage_per_hour": 12,
            "household.job_hours_per_week": 5,
            "household.job_wage_per_hour": 11,
            "household.living_costs_per_month": 1500,
            "household.other_income_per_month": 300,
            "household.partner_income_per_month": 200,
            "funding.loans": [{"principal": 12000, "apr": 0.10, "term_months": 12, "month": 1}],
            "run.months": 24,
            "market.arrivals": "referrals",
            "market.referrals_per_month": 3,
            "market.reservation_price_per_hour": 40,
            "market.reservation_price_spread": 0,
            "clients.churn_per_month": 0.05,
            "clients.sessions_per_month": 2,
        }
    )
    table = meantime.break_even(s)
    operating, living = table.loc["operating"], table.loc["living"]
    rate = 1.10 ** (1 / 12) - 1  # the APR's monthly equivalent
    payment = 12000 * rate / (1 - (1 + rate) ** -12)  # annuity over 12 months
    interest = (12 * payment - 12000) / 24  # all of it paid within the 24-month horizon
    wages = 10 * 12 * WEEKS  # £520 a month
    assert operating.staff_wages == pytest.approx(520)
    assert operating.loan_interest == pytest.approx(interest)
    assert operating.costs_to_cover == pytest.approx(200 + 520 + interest)
    assert operating.sessions_needed == pytest.approx((200 + wages + interest) / 25)
    net_living = 1500 - 300 - 200 - 5 * 11 * WEEKS
    assert living.net_living_costs == pytest.approx(net_living)
    assert living.clients_needed == pytest.approx((200 + wages + interest + net_living) / 25 / 2)
    # (20 - 5 job + 10 staff) h x 52/12 x 0.8 / 1 h = 86.67: 86 whole sessions, 43 clients.
    assert operating.capacity_sessions == 86
    assert operating.capacity_clients == pytest.approx(43)
    # £30/h is within every budget (median £40/h, no spread): 3 referrals / 5% churn = 60 clients.
    assert operating.affordable_share == 1.0
    assert operating.market_clients == pytest.approx(60)
    assert living.lowest_price == pytest.approx(5 + (200 + wages + interest + net_living) / 86)


def test_the_loan_interest_matches_the_engine():
    # With no clients and nothing random, the business's only profit is minus the loans' interest.
    s = before_renewal(meantime.default_scenario()).replace(
        {
            "market.population": 0,
            "business.startup_costs": 0,
            "business.fixed_costs_per_month": 0,
            "household.savings": 1e6,
            "run.deterministic": True,
            "run.months": 30,
            "funding.loans": [
                {"principal": 9000, "apr": 0.08, "term_months": 24, "holiday_months": 3, "month": 2},
                {"principal": 2000, "apr": 0.2, "term_months": 6, "month": 1},
            ],
        }
    )
    result = meantime.simulate(s, paths=1, progress=False)
    engine_interest = -result.monthly["profit_mean"].sum() / 30
    # The engine sums its monthly means in fixed point: equal to about 1e-8.
    assert meantime.break_even(s).loc["operating", "loan_interest"] == pytest.approx(engine_interest, rel=1e-6)


def test_capacity_matches_the_engines_largest_diary():
    # A huge market and no churn: the diary fills to capacity / sessions per client, whole.
    s = meantime.default_scenario().replace(
        {
            "market.population": 1e6,
            "market.reservation_price_per_hour": 1000,
            "clients.churn_per_month": 0,
            "clients.session_count": "fixed",
            "run.deterministic": True,
            "run.months": 12,
        }
    )
    capacity = meantime.break_even(s).loc["operating", "capacity_clients"]
    clients = meantime.simulate(s, paths=1, progress=False).monthly["clients_mean"].max()
    assert clients == math.floor(capacity)


def test_a_session_that_loses_money_never_breaks_even():
    s = meantime.default_scenario().replace(business__price_per_session=1.2)  # costs £1.50
    table = meantime.break_even(s)
    assert math.isinf(table.loc["operating", "sessions_needed"])
    assert not table["can_break_even"].any()
    assert table.loc["operating", "verdict"].startswith("no: a session sells for £1.20")


def test_a_small_market_or_a_small_diary_is_named():
    small_town = classic_scenario().replace(market__population=5000)
    verdict = meantime.break_even(small_town).loc["living"]
    assert not verdict.within_market and verdict.within_capacity
    assert "the market offers" in verdict.verdict and "diary" not in verdict.verdict
    few_hours = classic_scenario().replace(business__founder_hours_per_week=5)
    verdict = meantime.break_even(few_hours).loc["living"]
    assert not verdict.within_capacity and "the diary holds" in verdict.verdict


def test_other_income_above_living_costs_needs_no_more_than_operating():
    s = meantime.default_scenario().replace(household__other_income_per_month=2000)
    table = meantime.break_even(s)
    assert table.loc["living", "sessions_needed"] == 0  # costs to cover: 120 + 1250 - 2000 < 0


def test_a_dict_is_read_as_a_scenario_and_other_types_are_refused():
    assert (
        meantime.break_even({"based_on": "kitchen-table", "business": {"price_per_session": 12}}).loc["living", "price"]
        == 12
    )
    with pytest.raises(meantime.EssentialsMissing):  # a dict is read as from_dict reads it
        meantime.break_even({"business": {"price_per_session": 12}})
    with pytest.raises(TypeError, match="scenario must be"):
        meantime.break_even(12)
