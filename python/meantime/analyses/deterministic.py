"""The deterministic break-even: can the idea work even in the best case? No simulation."""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Optional

import pandas as pd

from ..scenario.scenario import Scenario
from ._arguments import as_scenario

__all__ = ["break_even", "capacity_sessions", "affordable_share", "average_loan_interest"]

# As the engine (lib/src/business.hpp): months are 52/12 weeks.
WEEKS_PER_MONTH = 52.0 / 12.0


def capacity_sessions(scenario: Scenario) -> int:
    """Sessions a month the founder's business hours (less a job's) and the staff's allow in a
    working month, whole, as the engine counts them: client-facing hours / (session + travel)."""
    b = scenario.business
    hours = max(0.0, b.founder_hours_per_week - scenario.household.job_hours_per_week) + scenario.staff.hours_per_week
    visit_hours = b.session_hours + b.travel_minutes_per_visit / 60.0
    # The engine's allowance keeps 15 h x 52/12 x 0.5 / 0.5 = 65 from rounding down to 64.
    return int(math.floor(hours * WEEKS_PER_MONTH * b.client_facing_share / visit_hours + 1e-9))


def _market_share(scenario: Scenario, price_per_hour: float) -> tuple[float, float]:
    """Residents who can buy (by route, or budget holders) and the share of them who can pay the
    price, at the means, as the engine's market (lib/src/market.cpp) counts them."""
    m = scenario.market
    median, spread = m.reservation_price_per_hour.mean(), m.reservation_price_spread
    if not m.routes.enabled:
        return m.budget_holder_share.mean(), affordable_share(price_per_hour, median, spread)
    residents = paying = 0.0
    for name in ("direct_payment", "health_budget", "service_fund", "council_managed", "self_funded"):
        route = getattr(m.routes, name)
        if name == "council_managed" and not m.routes.council_list:
            continue
        residents += route.share
        paying += route.share * affordable_share(price_per_hour, median * route.price_ratio, spread)
    return residents, (paying / residents if residents > 0 else 0.0)


def affordable_share(price_per_hour: float, median_per_hour: float, spread: float) -> float:
    """Share of budget holders whose reservation price per hour (lognormal with this median and
    log sd) covers ``price_per_hour``, as the engine computes it (lib/src/market.cpp)."""
    if spread <= 0:
        return 1.0 if price_per_hour <= median_per_hour else 0.0
    return NormalDist().cdf((math.log(median_per_hour) - math.log(price_per_hour)) / spread)


def average_loan_interest(scenario: Scenario) -> float:
    """The interest part of the loans' repayments, averaged over the months of the horizon.

    The engine's schedule (lib/src/funding.cpp): the APR's monthly equivalent, interest added
    to the balance during a holiday, level annuity repayments from the month after it.
    """
    months = scenario.run.months
    total = 0.0
    for loan in scenario.funding.loans:
        if loan.month > months:
            continue
        rate = (1.0 + loan.apr) ** (1.0 / 12.0) - 1.0
        balance = loan.principal * (1.0 + rate) ** loan.holiday_months
        if abs(rate) < 1e-15:
            payment = balance / loan.term_months
        else:
            payment = balance * rate / (1.0 - (1.0 + rate) ** -loan.term_months)
        for k in range(1, loan.term_months + 1):
            month = loan.month + loan.holiday_months + k
            interest = balance * rate
            due = balance + interest if k == loan.term_months else payment
            balance += interest - due
            if month > months:
                break
            total += interest
    return total / months


def _verdict(
    margin: float, costs: float, needed: float, capacity: float, market: float, price: float, variable_cost: float
) -> str:
    if costs > 0 and margin <= 0:
        return f"no: a session sells for £{price:,.2f} and costs £{variable_cost:,.2f} to deliver"
    short = []
    if needed > capacity:
        short.append(f"the diary holds {capacity:,.1f}")
    if needed > market:
        short.append(f"the market offers {market:,.1f}")
    if short:
        return f"no: needs {needed:,.1f} clients, but " + " and ".join(short)
    return (
        f"yes, in the best case: needs {needed:,.1f} clients; the diary holds {capacity:,.1f}, "
        f"the market offers {market:,.1f}"
    )


def break_even(scenario: Optional[Scenario] = None) -> pd.DataFrame:
    """Sessions, clients and price needed to break even, and whether the market and the diary
    can supply them: the best case, with no simulation.

    Every uncertain parameter is taken at its mean. Two break-evens, as the engine defines them:

    - **operating**: billed revenue covers the costs of carrying on: fixed costs, staff wages
      at the scenario's staff hours from the start (hires triggered by a waiting list are left
      out), and loan interest averaged over the horizon. Start-up costs (one-off), illness and
      peer cover, bad debt and payment delays are left out.
    - **living**: it also pays the founder's way: the costs above plus living costs less the
      household's other income (other income, partner income and a job's wages; benefits
      aside), which may be negative.

    The contribution margin of a session booked is its price (when held, or missed and charged)
    less its variable cost (when held). Capacity: the founder's hours less a job's, plus staff
    hours, x 52/12 weeks x the client-facing share / (session hours + travel), in whole sessions
    as the engine counts them, x the weeks worked a year / 52; clients = sessions / sessions a
    client books a month (their plan, x the weeks worked / 52); the diary holds the working
    month's capacity / the plan. The market in the best case: with Bass arrivals every person of
    the expected pool (population x the routes' shares of residents, or the budget-holder share,
    x fit share x interest_to_purchase, their means) whose reservation price covers the price
    (lognormal around the mean median rate, x each route's price ratio) becomes a client at
    once, ignoring renewal; with referrals, the steady state of referrals x that share / churn.

    Parameters
    ----------
    scenario : Scenario or dict, optional
        Default: :func:`~meantime.default_scenario`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``operating`` and ``living`` (``.T`` reads like a report), with columns:
        ``price`` and ``margin_per_session`` (pounds); ``fixed_costs``, ``staff_wages``,
        ``loan_interest``, ``net_living_costs`` and their sum ``costs_to_cover`` (pounds a
        month); ``sessions_needed`` and ``clients_needed`` (a month); ``capacity_sessions``,
        ``capacity_clients``; ``affordable_share`` (of budget holders at the price),
        ``market_clients``; ``lowest_price`` (the lowest price that covers the costs with a
        full diary); ``within_capacity``, ``within_market``, ``can_break_even`` (bool); and
        ``verdict`` in words.

    Examples
    --------
    >>> import meantime
    >>> table = meantime.break_even(meantime.default_scenario())
    >>> round(float(table.loc["operating", "margin_per_session"]), 2)   # (£11 - £1.50) x 0.9 held
    8.55
    >>> round(float(table.loc["living", "sessions_needed"]), 2)   # (120 + 1250) / 8.55, benefits aside
    160.23
    >>> int(table.loc["living", "capacity_sessions"])   # 15 h x 52/12 x 0.85 / 0.75 h = 73, x 46.4 / 52 weeks
    65
    >>> bool(table.loc["living", "can_break_even"])   # 160 sessions, and the diary holds 65
    False
    """
    s = as_scenario(scenario)
    b, h, m = s.business, s.household, s.market
    price, variable_cost = b.price_per_session, b.variable_cost_per_session
    # Per session booked: a missed one brings revenue only when charged, and costs nothing to
    # deliver; weeks off shrink the bookings and the diary alike.
    held = 1.0 - s.clients.missed_share
    billed = held + (s.clients.missed_share if s.clients.missed_charged else 0.0)
    working = 1.0 - b.weeks_off_per_year / 52.0
    margin = price * billed - variable_cost * held
    fixed_costs = b.fixed_costs_per_month
    staff_wages = s.staff.hours_per_week * s.staff.wage_per_hour * WEEKS_PER_MONTH
    interest = average_loan_interest(s)
    household_income = (
        h.other_income_per_month
        + h.partner_income_per_month
        + h.job_hours_per_week * h.job_wage_per_hour * WEEKS_PER_MONTH
    )
    full_capacity = capacity_sessions(s)
    capacity = int(math.floor(full_capacity * working + 1e-9))
    per_client = s.clients.sessions_per_month * working
    capacity_clients = full_capacity / s.clients.sessions_per_month
    residents, share = _market_share(s, price / b.session_hours)
    if m.arrivals == "bass":
        market_clients = m.population.mean() * residents * m.fit_share.mean() * m.interest_to_purchase * share
    else:
        churn = s.clients.churn_per_month.mean()
        market_clients = m.referrals_per_month.mean() * share / churn if churn > 0 else math.inf

    rows = {}
    for kind, net_living in (("operating", 0.0), ("living", h.living_costs_per_month - household_income)):
        costs = fixed_costs + staff_wages + interest + net_living
        if costs <= 0:
            sessions = 0.0
        elif margin > 0:
            sessions = costs / margin
        else:
            sessions = math.inf
        clients = sessions / per_client
        lowest_price = (variable_cost * held + max(costs, 0.0) / capacity) / billed if capacity > 0 else math.inf
        within_capacity = sessions <= capacity
        within_market = clients <= market_clients
        rows[kind] = {
            "price": price,
            "margin_per_session": margin,
            "fixed_costs": fixed_costs,
            "staff_wages": staff_wages,
            "loan_interest": interest,
            "net_living_costs": net_living,
            "costs_to_cover": costs,
            "sessions_needed": sessions,
            "clients_needed": clients,
            "capacity_sessions": capacity,
            "capacity_clients": capacity_clients,
            "affordable_share": share,
            "market_clients": market_clients,
            "lowest_price": lowest_price,
            "within_capacity": within_capacity,
            "within_market": within_market,
            "can_break_even": within_capacity and within_market and math.isfinite(sessions),
            "verdict": _verdict(margin, costs, clients, capacity_clients, market_clients, price, variable_cost),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "break_even"
    return table
