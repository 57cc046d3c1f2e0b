"""A scenario's assumptions in words, for the viability report: a few sentences per part of the
model, and every field with its value and unit for the appendix."""

from __future__ import annotations

import math
import re
from typing import Any

from ..running.words import limited_capability
from ..scenario.distributions import Distribution, format_number
from ..scenario.scenario import default_scenario
from ..scenario.schema import FIELD_BY_PATH

__all__ = ["value_in_words", "assumptions", "field_rows", "pounds", "pounds_range", "field_name"]


def _money(x: float) -> str:
    return f"£{x:,.0f}" if abs(x) >= 100 or x == round(x) else f"£{x:,.2f}"


def pounds(x: float, pence: bool = False) -> str:
    """An amount as a table says it: "£3,194", "-£300", "£4.50" with ``pence``; "-" for NaN."""
    if math.isnan(x):
        return "-"
    if math.isinf(x):
        return "no limit" if x > 0 else "-"
    text = f"£{abs(x):,.2f}" if pence else f"£{abs(x):,.0f}"
    return ("-" if x < 0 and text not in ("£0", "£0.00") else "") + text


def pounds_range(low: float, high: float) -> str:
    """An interval of amounts: "£2,830 to £3,580"; "more than £X" when it has no upper end."""
    if math.isinf(high) or math.isnan(high):
        return f"at least {pounds(low)}"
    return f"{pounds(low)} to {pounds(high)}"


def field_name(path: str) -> str:
    """A scenario field as a person reads it: "household.living_costs_per_month" is "Living costs
    per month (household)"."""
    part, _, name = path.rpartition(".")
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:] + (f" ({part.replace('_', ' ')})" if part else "")


def _number(x: float, unit: str) -> str:
    if unit in ("pounds", "pounds per hour"):
        text = _money(x)
        return text + (" an hour" if unit == "pounds per hour" else "")
    if unit in ("share", "probability"):
        return f"{100 * x:.3g}%"
    if unit == "per year":
        return f"{100 * x:.3g}% a year"
    if unit == "people":
        return f"{x:,.0f}"
    return format_number(float(x)) + (f" {unit}" if unit else "")


def _range(low: float, high: float, unit: str, joiner: str = "to") -> str:
    """Two values with the unit said once: "1 to 6 months", "£14 to £25 an hour", "2% to 4%"."""
    first, second = _number(low, unit), _number(high, unit)
    bare = format_number(float(low))
    if first.startswith(bare + " ") and second.endswith(first[len(bare) :]):  # a unit after the number
        return f"{bare} {joiner} {second}"
    for words in (" an hour", " a year"):
        if first.endswith(words) and second.endswith(words):
            return f"{first[: -len(words)]} {joiner} {second}"
    return f"{first} {joiner} {second}"


def value_in_words(value: Any, unit: str = "") -> str:
    """A field's value as a person would say it: "£11", "25%", "between 3% and 5%",
    "most likely £22 an hour (£18 to £25)", "26% on average (10 of 40 asked were interested)"."""
    if isinstance(value, Distribution):
        p = value.parameters
        kind = value.kind
        if kind == "fixed":
            return _number(p["value"], unit)
        if kind == "uniform":
            return f"between {_range(p['min'], p['max'], unit, 'and')}"
        if kind in ("triangular", "pert"):
            return f"most likely {_number(p['mode'], unit)} ({_range(p['min'], p['max'], unit)})"
        if kind == "research":
            return (
                f"{_number(value.mean(), unit)} on average (market research: {p['interested']:.0f} of "
                f"{p['asked']:.0f} asked were interested, which moved the {_number(p['prior'], unit)} "
                f"expected before asking to {_number(value.mean(), unit)})"
            )
        if kind == "normal":
            return f"{_number(p['mean'], unit)} on average (standard deviation {_number(p['sd'], unit)})"
        if kind == "lognormal":
            return f"{_number(p['median'], unit)} typically (log spread {p['sigma']:g})"
        return f"{_number(value.mean(), unit)} on average ({kind} distribution)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return _number(float(value), unit)
    return str(value)


def _get(scenario, path: str) -> Any:
    return scenario.get(path)


_ROUTES = (
    ("direct_payment", "by direct payment"),
    ("health_budget", "with a personal health budget"),
    ("service_fund", "through an individual service fund"),
    ("council_managed", "with a council-managed budget"),
    ("self_funded", "paying for themselves"),
)


def _positive(scenario, path: str) -> bool:
    value = scenario.get(path)
    return (value.mean() if isinstance(value, Distribution) else float(value)) > 0


def _market(s, words) -> str:
    """The market in words: who can buy (a budget-holder share, or each route), what they can pay,
    how word spreads, and how the pool renews."""
    m = s.market
    pay = f"can pay {words('market.reservation_price_per_hour', 'pounds per hour')}"
    if m.routes.enabled:
        r = m.routes
        ways = []
        for name, how in _ROUTES:
            route = getattr(r, name)
            if not _positive(s, f"market.routes.{name}.share"):
                continue
            ratio = (
                "" if route.price_ratio == 1 else f", able to pay {100 * route.price_ratio:.0f}% of what the others can"
            )
            if name == "council_managed":
                if not r.council_list:
                    ways.append(
                        f"{words(f'market.routes.{name}.share', 'share')} {how} (not reachable: the "
                        "provider is not on the council's list)"
                    )
                    continue
                ratio += f", once the provider is on the council's list after {r.council_list_months} months" + (
                    f" at a cost of {_money(r.council_list_cost)}" if r.council_list_cost else ""
                )
            ways.append(f"{words(f'market.routes.{name}.share', 'share')} {how}{ratio}")
        who = (
            f"A catchment of {words('market.population', 'people')} people, who can buy by route: "
            + "; ".join(ways)
            + f". The service fits {words('market.fit_share', 'share')} of them; they {pay}."
        )
    else:
        who = (
            f"A catchment of {words('market.population', 'people')} people, of whom "
            f"{words('market.budget_holder_share', 'share')} hold a relevant personal budget; the service fits "
            f"{words('market.fit_share', 'share')} of them. Budget holders {pay}."
        )
    spread = (
        f" Word spreads by outreach ({words('market.innovation', 'probability')} a month) and word of mouth "
        f"({words('market.imitation', 'probability')})."
        if m.arrivals == "bass"
        else f" Referrals arrive at {words('market.referrals_per_month')} a month."
    )
    renewal = (
        f" Each year {words('market.renewal.turnover_per_year', 'share')} of the pool leaves and is replaced, "
        f"and a former client comes back with a monthly chance of "
        f"{words('market.renewal.return_per_month', 'probability')}."
        if m.renewal.enabled
        else ""
    )
    return who + spread + renewal


def assumptions(scenario) -> list[tuple[str, str]]:
    """(heading, sentence) pairs describing the scenario, part by part, in plain words."""
    s = scenario
    words = lambda path, unit="": value_in_words(_get(s, path), unit)  # noqa: E731
    b, h, c = s.business, s.household, s.clients
    hourly = b.price_per_session / b.session_hours
    parts = [
        (
            "The service",
            f"Sessions of {format_number(b.session_hours * 60)} minutes at {_money(b.price_per_session)} each "
            f"({_money(hourly)} an hour). The founder works {format_number(b.founder_hours_per_week)} hours a week "
            f"in all, {words('business.client_facing_share', 'share')} of it with clients. Start-up costs "
            f"{_money(b.startup_costs)}; running costs {_money(b.fixed_costs_per_month)} a month and "
            f"{_money(b.variable_cost_per_session)} a session.",
        ),
        ("The market", _market(s, words)),
        (
            "Clients",
            f"Each client books about {format_number(c.sessions_per_month)} sessions a month and stops with a "
            f"monthly chance of {words('clients.churn_per_month', 'probability')}."
            + (" Prospects who meet a full diary join a waiting list." if c.waiting_list else "")
            + (
                f" {words('clients.missed_share', 'share')} of sessions are missed or cancelled late"
                + (", and charged for." if c.missed_charged else ", and not charged for.")
                if _positive(s, "clients.missed_share")
                else ""
            ),
        ),
        (
            "The household",
            f"Starting savings {words('household.savings', 'pounds')}; living costs "
            f"{_money(h.living_costs_per_month)} a month; other income {_money(h.other_income_per_month)} a month"
            + (f", a partner's {_money(h.partner_income_per_month)}" if h.partner_income_per_month else "")
            + (
                f", and a job of {format_number(h.job_hours_per_week)} hours a week at {_money(h.job_wage_per_hour)}"
                f" an hour"
                if h.job_hours_per_week
                else ""
            )
            + f". The founder draws up to {_money(h.max_drawings_per_month)} a month from the business once it "
            f"holds {_money(h.drawings_buffer)}.",
        ),
    ]
    if s.group.enabled:
        g = s.group
        who = (
            "all prospects"
            if not g.one_to_one
            else f"{words('group.interest_share', 'share')} of prospects (the rest want one-to-one sessions)"
        )
        pay = (
            f"each member who attends pays {_money(g.price_per_attendee)} a meeting"
            if g.pricing == "per_attendee"
            else f"members pool {words('group.pooled_share', 'share')} of what their budgets allow to pay "
            f"{_money(g.group_price)} a meeting between them, so a member's share rises when another leaves"
        )
        parts.append(
            (
                "Groups",
                f"Groups of {g.minimum_size} to {g.maximum_size} (at most {g.max_groups} at once) meet "
                f"{g.meetings_per_month} times a month for {format_number(g.meeting_hours)} hours of the "
                f"founder's time; {who} want a group; {pay}. Each member attends a meeting with a chance of "
                f"{words('group.attendance_probability', 'probability')}; a meeting with fewer than "
                f"{g.minimum_size} is cancelled.",
            )
        )
    funding = [f"a grant of {_money(g.amount)} in month {g.month}" for g in s.funding.grants]
    funding += [
        f"a loan of {_money(loan.principal)} at {100 * loan.apr:.3g}% over {loan.term_months} months"
        for loan in s.funding.loans
    ]
    if funding:
        parts.append(("Funding", "The business receives " + "; ".join(funding) + "."))
    if s.benefits.enabled:
        bn = s.benefits
        terms = s._core.claim_terms()
        who = (
            ("a couple" if h.couple else "a single founder")
            + (", under 25" if h.age_band == "under_25" else ", 25 or over")
            + ", with "
            + limited_capability(h.limited_capability)
            + (f", rent {_money(h.housing_costs_per_month)} a month" if h.housing_costs_per_month else "")
        )
        floor = (
            f", and after {bn.startup_period_months} months earnings taken as at least the minimum income "
            f"floor of {_money(terms['individual_threshold'])} after notional tax"
            if terms["floor_can_apply"]
            else ", and no minimum income floor"
        )
        parts.append(
            (
                "Benefits",
                f"Universal Credit for {who}: up to {_money(terms['maximum_award'])} a month, reduced by "
                f"{100 * bn.taper:.0f}p for each pound earned after tax above "
                f"{_money(terms['work_allowance'])}{floor}; each month's award is paid the month after.",
            )
        )
    if s.health.illness_per_month > 0:
        parts.append(
            (
                "Health",
                f"An illness episode starts in {words('health.illness_per_month', 'probability')} of months, "
                f"lasts {words('health.illness_months', 'months')}, and takes "
                f"{words('health.capacity_lost', 'share')} of the founder's capacity"
                + (
                    f"; a peer covers {words('health.peer_cover_share', 'share')} of the lost sessions"
                    if s.health.peer_cover_share > 0
                    else ""
                )
                + ".",
            )
        )
    parts.append(
        (
            "The horizon",
            f"{s.run.months} months; a break-even counts once it has held {s.run.sustained_months} months"
            + (
                f"; the founder gives up after {s.run.give_up_after_months} months without living break-even"
                if s.run.give_up_after_months
                else ""
            )
            + ".",
        )
    )
    return parts


def field_rows(scenario) -> list[tuple[str, str, str, bool]]:
    """(field, value in words, meaning, differs from the default) for every field."""
    default = dict(default_scenario())
    rows = []
    for path, value in scenario:
        info = FIELD_BY_PATH.get(_generic(path))
        unit = info.unit if info else ""
        meaning = info.description if info else ""
        rows.append((path, value_in_words(value, unit), meaning, default.get(path) != value))
    return rows


def _generic(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)
