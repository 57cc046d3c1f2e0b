"""The scenario's record classes with their fields, for editors and type checkers.

Written by `python scripts/record_stub.py` from the engine's schema (tests/python/test_record_stub.py
checks it): do not edit by hand.
"""

from typing import Any, Iterable, Mapping

from .distributions import Distribution
from .record_base import Record as Record

__all__ = [
    "Record",
    "Admin",
    "Benefits",
    "BookingSystem",
    "Business",
    "Clients",
    "Collective",
    "Costs",
    "CouncilManaged",
    "DirectPayment",
    "Funding",
    "Grant",
    "Group",
    "Health",
    "HealthBudget",
    "Household",
    "IndividualServiceFund",
    "Insurance",
    "Loan",
    "Market",
    "MarketRoutesDirectPayment",
    "MarketRoutesSelfFunded",
    "Payments",
    "PersonalHealthBudget",
    "Premises",
    "Provider",
    "ProviderBenefits",
    "ProviderBusiness",
    "ProviderClients",
    "ProviderCouncilManaged",
    "ProviderDirectPayment",
    "ProviderFunding",
    "ProviderGrant",
    "ProviderGroup",
    "ProviderHealth",
    "ProviderHealthBudget",
    "ProviderHousehold",
    "ProviderIndividualServiceFund",
    "ProviderLoan",
    "ProviderMarket",
    "ProviderMarketRoutesDirectPayment",
    "ProviderMarketRoutesSelfFunded",
    "ProviderPayments",
    "ProviderPersonalHealthBudget",
    "ProviderRenewal",
    "ProviderRoutes",
    "ProviderSelfFunded",
    "ProviderServiceFund",
    "ProviderStaff",
    "ProviderTax",
    "Renewal",
    "Routes",
    "Run",
    "SelfFunded",
    "ServiceFund",
    "Staff",
    "Tax",
    "Town",
]

class Admin(Record):
    """The ``collective.admin`` record."""

    shared: bool
    cost_per_month: float
    def __init__(
        self,
        *,
        shared: bool = ...,
        cost_per_month: float = ...,
    ) -> None: ...

class Benefits(Record):
    """The ``benefits`` record."""

    enabled: bool
    standard_allowance_single_under_25: float
    standard_allowance_single: float
    standard_allowance_couple_under_25: float
    standard_allowance_couple: float
    lcwra_element: float
    lcwra_element_before_april_2026: float
    work_allowance_with_housing: float
    work_allowance_without_housing: float
    taper: float
    capital_lower_limit: float
    capital_upper_limit: float
    tariff_per_step: float
    tariff_step: float
    minimum_income_floor: bool
    floor_wage_per_hour: float
    floor_deductions: str
    startup_period_months: int
    surplus_earnings_threshold: float
    paid_next_month: bool
    advance: float
    advance_repayment_months: int
    def __init__(
        self,
        *,
        enabled: bool = ...,
        standard_allowance_single_under_25: float = ...,
        standard_allowance_single: float = ...,
        standard_allowance_couple_under_25: float = ...,
        standard_allowance_couple: float = ...,
        lcwra_element: float = ...,
        lcwra_element_before_april_2026: float = ...,
        work_allowance_with_housing: float = ...,
        work_allowance_without_housing: float = ...,
        taper: float = ...,
        capital_lower_limit: float = ...,
        capital_upper_limit: float = ...,
        tariff_per_step: float = ...,
        tariff_step: float = ...,
        minimum_income_floor: bool = ...,
        floor_wage_per_hour: float = ...,
        floor_deductions: str = ...,
        startup_period_months: int = ...,
        surplus_earnings_threshold: float = ...,
        paid_next_month: bool = ...,
        advance: float = ...,
        advance_repayment_months: int = ...,
    ) -> None: ...

class BookingSystem(Record):
    """The ``collective.booking_system`` record."""

    shared: bool
    cost_per_month: float
    def __init__(
        self,
        *,
        shared: bool = ...,
        cost_per_month: float = ...,
    ) -> None: ...

class Business(Record):
    """The ``business`` record."""

    price_per_session: float
    session_hours: float
    startup_costs: float
    fixed_costs_per_month: float
    variable_cost_per_session: float
    founder_hours_per_week: float
    client_facing_share: float
    weeks_off_per_year: float
    travel_minutes_per_visit: float
    def __init__(
        self,
        *,
        price_per_session: float = ...,
        session_hours: float = ...,
        startup_costs: float = ...,
        fixed_costs_per_month: float = ...,
        variable_cost_per_session: float = ...,
        founder_hours_per_week: float = ...,
        client_facing_share: float = ...,
        weeks_off_per_year: float = ...,
        travel_minutes_per_visit: float = ...,
    ) -> None: ...

class Clients(Record):
    """The ``clients`` record."""

    sessions_per_month: float
    session_count: str
    churn_per_month: Distribution
    waiting_list: bool
    waiting_give_up_per_month: float
    review_month: int
    review_cut_probability: float
    council_cut_per_month: float
    council_cut_share: float
    missed_share: float
    missed_charged: bool
    def __init__(
        self,
        *,
        sessions_per_month: float = ...,
        session_count: str = ...,
        churn_per_month: Distribution | float | Mapping[str, Any] = ...,
        waiting_list: bool = ...,
        waiting_give_up_per_month: float = ...,
        review_month: int = ...,
        review_cut_probability: float = ...,
        council_cut_per_month: float = ...,
        council_cut_share: float = ...,
        missed_share: float = ...,
        missed_charged: bool = ...,
    ) -> None: ...

class Collective(Record):
    """The ``collective`` record."""

    enabled: bool
    insurance: Insurance
    premises: Premises
    admin: Admin
    booking_system: BookingSystem
    split: str
    membership_fee_per_month: float
    cover: bool
    cover_share: float
    cover_payment_per_session: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        insurance: Record | Mapping[str, Any] = ...,
        premises: Record | Mapping[str, Any] = ...,
        admin: Record | Mapping[str, Any] = ...,
        booking_system: Record | Mapping[str, Any] = ...,
        split: str = ...,
        membership_fee_per_month: float = ...,
        cover: bool = ...,
        cover_share: float = ...,
        cover_payment_per_session: float = ...,
    ) -> None: ...

class Costs(Record):
    """The ``providers[].costs`` record."""

    insurance: float
    premises: float
    admin: float
    booking_system: float
    def __init__(
        self,
        *,
        insurance: float = ...,
        premises: float = ...,
        admin: float = ...,
        booking_system: float = ...,
    ) -> None: ...

class CouncilManaged(Record):
    """The ``market.routes.council_managed`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class DirectPayment(Record):
    """The ``payments.direct_payment`` record."""

    share: float
    delay_months: Distribution
    bad_debt_rate: float
    def __init__(
        self,
        *,
        share: float = ...,
        delay_months: Distribution | float | Mapping[str, Any] = ...,
        bad_debt_rate: float = ...,
    ) -> None: ...

class Funding(Record):
    """The ``funding`` record."""

    grants: tuple[Grant, ...]
    loans: tuple[Loan, ...]
    def __init__(
        self,
        *,
        grants: Iterable[Record | Mapping[str, Any]] = ...,
        loans: Iterable[Record | Mapping[str, Any]] = ...,
    ) -> None: ...

class Grant(Record):
    """The ``funding.grants[]`` record."""

    amount: float
    month: int
    def __init__(
        self,
        *,
        amount: float = ...,
        month: int = ...,
    ) -> None: ...

class Group(Record):
    """The ``group`` record."""

    enabled: bool
    one_to_one: bool
    interest_share: float
    minimum_size: int
    maximum_size: int
    max_groups: int
    meetings_per_month: int
    meeting_hours: float
    attendance_probability: float
    cancelled_time_share: float
    cost_per_meeting: float
    pricing: str
    price_per_attendee: float
    group_price: float
    pooled_share: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        one_to_one: bool = ...,
        interest_share: float = ...,
        minimum_size: int = ...,
        maximum_size: int = ...,
        max_groups: int = ...,
        meetings_per_month: int = ...,
        meeting_hours: float = ...,
        attendance_probability: float = ...,
        cancelled_time_share: float = ...,
        cost_per_meeting: float = ...,
        pricing: str = ...,
        price_per_attendee: float = ...,
        group_price: float = ...,
        pooled_share: float = ...,
    ) -> None: ...

class Health(Record):
    """The ``health`` record."""

    illness_per_month: float
    illness_months: Distribution
    capacity_lost: float
    peer_cover_share: float
    peer_cover_cost_per_session: float
    def __init__(
        self,
        *,
        illness_per_month: float = ...,
        illness_months: Distribution | float | Mapping[str, Any] = ...,
        capacity_lost: float = ...,
        peer_cover_share: float = ...,
        peer_cover_cost_per_session: float = ...,
    ) -> None: ...

class HealthBudget(Record):
    """The ``market.routes.health_budget`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class Household(Record):
    """The ``household`` record."""

    savings: Distribution
    living_costs_per_month: float
    living_costs_sd: float
    couple: bool
    age_band: str
    limited_capability: str
    lcwra_claim_before_april_2026: bool
    housing_costs_per_month: float
    children: int
    other_income_per_month: float
    partner_income_per_month: float
    partner_expected_hours_per_week: float
    expected_hours_per_week: float
    gainfully_self_employed: bool
    job_hours_per_week: float
    job_wage_per_hour: float
    drawings_buffer: float
    max_drawings_per_month: float
    def __init__(
        self,
        *,
        savings: Distribution | float | Mapping[str, Any] = ...,
        living_costs_per_month: float = ...,
        living_costs_sd: float = ...,
        couple: bool = ...,
        age_band: str = ...,
        limited_capability: str = ...,
        lcwra_claim_before_april_2026: bool = ...,
        housing_costs_per_month: float = ...,
        children: int = ...,
        other_income_per_month: float = ...,
        partner_income_per_month: float = ...,
        partner_expected_hours_per_week: float = ...,
        expected_hours_per_week: float = ...,
        gainfully_self_employed: bool = ...,
        job_hours_per_week: float = ...,
        job_wage_per_hour: float = ...,
        drawings_buffer: float = ...,
        max_drawings_per_month: float = ...,
    ) -> None: ...

class IndividualServiceFund(Record):
    """The ``payments.individual_service_fund`` record."""

    share: float
    delay_months: Distribution
    bad_debt_rate: float
    def __init__(
        self,
        *,
        share: float = ...,
        delay_months: Distribution | float | Mapping[str, Any] = ...,
        bad_debt_rate: float = ...,
    ) -> None: ...

class Insurance(Record):
    """The ``collective.insurance`` record."""

    shared: bool
    cost_per_month: float
    def __init__(
        self,
        *,
        shared: bool = ...,
        cost_per_month: float = ...,
    ) -> None: ...

class Loan(Record):
    """The ``funding.loans[]`` record."""

    principal: float
    apr: float
    term_months: int
    holiday_months: int
    month: int
    def __init__(
        self,
        *,
        principal: float = ...,
        apr: float = ...,
        term_months: int = ...,
        holiday_months: int = ...,
        month: int = ...,
    ) -> None: ...

class Market(Record):
    """The ``market`` record."""

    population: Distribution
    budget_holder_share: Distribution
    fit_share: Distribution
    arrivals: str
    innovation: Distribution
    imitation: Distribution
    referrals_per_month: Distribution
    reservation_price_per_hour: Distribution
    reservation_price_spread: float
    interest_to_purchase: float
    committed_clients: int
    committed_start_probability: float
    routes: Routes
    renewal: Renewal
    def __init__(
        self,
        *,
        population: Distribution | float | Mapping[str, Any] = ...,
        budget_holder_share: Distribution | float | Mapping[str, Any] = ...,
        fit_share: Distribution | float | Mapping[str, Any] = ...,
        arrivals: str = ...,
        innovation: Distribution | float | Mapping[str, Any] = ...,
        imitation: Distribution | float | Mapping[str, Any] = ...,
        referrals_per_month: Distribution | float | Mapping[str, Any] = ...,
        reservation_price_per_hour: Distribution | float | Mapping[str, Any] = ...,
        reservation_price_spread: float = ...,
        interest_to_purchase: float = ...,
        committed_clients: int = ...,
        committed_start_probability: float = ...,
        routes: Record | Mapping[str, Any] = ...,
        renewal: Record | Mapping[str, Any] = ...,
    ) -> None: ...

class MarketRoutesDirectPayment(Record):
    """The ``market.routes.direct_payment`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class MarketRoutesSelfFunded(Record):
    """The ``market.routes.self_funded`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class Payments(Record):
    """The ``payments`` record."""

    direct_payment: DirectPayment
    individual_service_fund: IndividualServiceFund
    personal_health_budget: PersonalHealthBudget
    self_funded: SelfFunded
    def __init__(
        self,
        *,
        direct_payment: Record | Mapping[str, Any] = ...,
        individual_service_fund: Record | Mapping[str, Any] = ...,
        personal_health_budget: Record | Mapping[str, Any] = ...,
        self_funded: Record | Mapping[str, Any] = ...,
    ) -> None: ...

class PersonalHealthBudget(Record):
    """The ``payments.personal_health_budget`` record."""

    share: float
    delay_months: Distribution
    bad_debt_rate: float
    def __init__(
        self,
        *,
        share: float = ...,
        delay_months: Distribution | float | Mapping[str, Any] = ...,
        bad_debt_rate: float = ...,
    ) -> None: ...

class Premises(Record):
    """The ``collective.premises`` record."""

    shared: bool
    cost_per_month: float
    def __init__(
        self,
        *,
        shared: bool = ...,
        cost_per_month: float = ...,
    ) -> None: ...

class Provider(Record):
    """The ``providers[]`` record."""

    stream: int
    fit: float
    collective_member: bool
    costs: Costs
    market: ProviderMarket
    clients: ProviderClients
    payments: ProviderPayments
    business: ProviderBusiness
    staff: ProviderStaff
    funding: ProviderFunding
    household: ProviderHousehold
    benefits: ProviderBenefits
    tax: ProviderTax
    health: ProviderHealth
    group: ProviderGroup
    def __init__(
        self,
        *,
        stream: int = ...,
        fit: float = ...,
        collective_member: bool = ...,
        costs: Record | Mapping[str, Any] = ...,
        market: Record | Mapping[str, Any] = ...,
        clients: Record | Mapping[str, Any] = ...,
        payments: Record | Mapping[str, Any] = ...,
        business: Record | Mapping[str, Any] = ...,
        staff: Record | Mapping[str, Any] = ...,
        funding: Record | Mapping[str, Any] = ...,
        household: Record | Mapping[str, Any] = ...,
        benefits: Record | Mapping[str, Any] = ...,
        tax: Record | Mapping[str, Any] = ...,
        health: Record | Mapping[str, Any] = ...,
        group: Record | Mapping[str, Any] = ...,
    ) -> None: ...

class ProviderBenefits(Record):
    """The ``providers[].benefits`` record."""

    enabled: bool
    standard_allowance_single_under_25: float
    standard_allowance_single: float
    standard_allowance_couple_under_25: float
    standard_allowance_couple: float
    lcwra_element: float
    lcwra_element_before_april_2026: float
    work_allowance_with_housing: float
    work_allowance_without_housing: float
    taper: float
    capital_lower_limit: float
    capital_upper_limit: float
    tariff_per_step: float
    tariff_step: float
    minimum_income_floor: bool
    floor_wage_per_hour: float
    floor_deductions: str
    startup_period_months: int
    surplus_earnings_threshold: float
    paid_next_month: bool
    advance: float
    advance_repayment_months: int
    def __init__(
        self,
        *,
        enabled: bool = ...,
        standard_allowance_single_under_25: float = ...,
        standard_allowance_single: float = ...,
        standard_allowance_couple_under_25: float = ...,
        standard_allowance_couple: float = ...,
        lcwra_element: float = ...,
        lcwra_element_before_april_2026: float = ...,
        work_allowance_with_housing: float = ...,
        work_allowance_without_housing: float = ...,
        taper: float = ...,
        capital_lower_limit: float = ...,
        capital_upper_limit: float = ...,
        tariff_per_step: float = ...,
        tariff_step: float = ...,
        minimum_income_floor: bool = ...,
        floor_wage_per_hour: float = ...,
        floor_deductions: str = ...,
        startup_period_months: int = ...,
        surplus_earnings_threshold: float = ...,
        paid_next_month: bool = ...,
        advance: float = ...,
        advance_repayment_months: int = ...,
    ) -> None: ...

class ProviderBusiness(Record):
    """The ``providers[].business`` record."""

    price_per_session: float
    session_hours: float
    startup_costs: float
    fixed_costs_per_month: float
    variable_cost_per_session: float
    founder_hours_per_week: float
    client_facing_share: float
    weeks_off_per_year: float
    travel_minutes_per_visit: float
    def __init__(
        self,
        *,
        price_per_session: float = ...,
        session_hours: float = ...,
        startup_costs: float = ...,
        fixed_costs_per_month: float = ...,
        variable_cost_per_session: float = ...,
        founder_hours_per_week: float = ...,
        client_facing_share: float = ...,
        weeks_off_per_year: float = ...,
        travel_minutes_per_visit: float = ...,
    ) -> None: ...

class ProviderClients(Record):
    """The ``providers[].clients`` record."""

    sessions_per_month: float
    session_count: str
    churn_per_month: Distribution
    waiting_list: bool
    waiting_give_up_per_month: float
    review_month: int
    review_cut_probability: float
    council_cut_per_month: float
    council_cut_share: float
    missed_share: float
    missed_charged: bool
    def __init__(
        self,
        *,
        sessions_per_month: float = ...,
        session_count: str = ...,
        churn_per_month: Distribution | float | Mapping[str, Any] = ...,
        waiting_list: bool = ...,
        waiting_give_up_per_month: float = ...,
        review_month: int = ...,
        review_cut_probability: float = ...,
        council_cut_per_month: float = ...,
        council_cut_share: float = ...,
        missed_share: float = ...,
        missed_charged: bool = ...,
    ) -> None: ...

class ProviderCouncilManaged(Record):
    """The ``providers[].market.routes.council_managed`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class ProviderDirectPayment(Record):
    """The ``providers[].payments.direct_payment`` record."""

    share: float
    delay_months: Distribution
    bad_debt_rate: float
    def __init__(
        self,
        *,
        share: float = ...,
        delay_months: Distribution | float | Mapping[str, Any] = ...,
        bad_debt_rate: float = ...,
    ) -> None: ...

class ProviderFunding(Record):
    """The ``providers[].funding`` record."""

    grants: tuple[ProviderGrant, ...]
    loans: tuple[ProviderLoan, ...]
    def __init__(
        self,
        *,
        grants: Iterable[Record | Mapping[str, Any]] = ...,
        loans: Iterable[Record | Mapping[str, Any]] = ...,
    ) -> None: ...

class ProviderGrant(Record):
    """The ``providers[].funding.grants[]`` record."""

    amount: float
    month: int
    def __init__(
        self,
        *,
        amount: float = ...,
        month: int = ...,
    ) -> None: ...

class ProviderGroup(Record):
    """The ``providers[].group`` record."""

    enabled: bool
    one_to_one: bool
    interest_share: float
    minimum_size: int
    maximum_size: int
    max_groups: int
    meetings_per_month: int
    meeting_hours: float
    attendance_probability: float
    cancelled_time_share: float
    cost_per_meeting: float
    pricing: str
    price_per_attendee: float
    group_price: float
    pooled_share: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        one_to_one: bool = ...,
        interest_share: float = ...,
        minimum_size: int = ...,
        maximum_size: int = ...,
        max_groups: int = ...,
        meetings_per_month: int = ...,
        meeting_hours: float = ...,
        attendance_probability: float = ...,
        cancelled_time_share: float = ...,
        cost_per_meeting: float = ...,
        pricing: str = ...,
        price_per_attendee: float = ...,
        group_price: float = ...,
        pooled_share: float = ...,
    ) -> None: ...

class ProviderHealth(Record):
    """The ``providers[].health`` record."""

    illness_per_month: float
    illness_months: Distribution
    capacity_lost: float
    peer_cover_share: float
    peer_cover_cost_per_session: float
    def __init__(
        self,
        *,
        illness_per_month: float = ...,
        illness_months: Distribution | float | Mapping[str, Any] = ...,
        capacity_lost: float = ...,
        peer_cover_share: float = ...,
        peer_cover_cost_per_session: float = ...,
    ) -> None: ...

class ProviderHealthBudget(Record):
    """The ``providers[].market.routes.health_budget`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class ProviderHousehold(Record):
    """The ``providers[].household`` record."""

    savings: Distribution
    living_costs_per_month: float
    living_costs_sd: float
    couple: bool
    age_band: str
    limited_capability: str
    lcwra_claim_before_april_2026: bool
    housing_costs_per_month: float
    children: int
    other_income_per_month: float
    partner_income_per_month: float
    partner_expected_hours_per_week: float
    expected_hours_per_week: float
    gainfully_self_employed: bool
    job_hours_per_week: float
    job_wage_per_hour: float
    drawings_buffer: float
    max_drawings_per_month: float
    def __init__(
        self,
        *,
        savings: Distribution | float | Mapping[str, Any] = ...,
        living_costs_per_month: float = ...,
        living_costs_sd: float = ...,
        couple: bool = ...,
        age_band: str = ...,
        limited_capability: str = ...,
        lcwra_claim_before_april_2026: bool = ...,
        housing_costs_per_month: float = ...,
        children: int = ...,
        other_income_per_month: float = ...,
        partner_income_per_month: float = ...,
        partner_expected_hours_per_week: float = ...,
        expected_hours_per_week: float = ...,
        gainfully_self_employed: bool = ...,
        job_hours_per_week: float = ...,
        job_wage_per_hour: float = ...,
        drawings_buffer: float = ...,
        max_drawings_per_month: float = ...,
    ) -> None: ...

class ProviderIndividualServiceFund(Record):
    """The ``providers[].payments.individual_service_fund`` record."""

    share: float
    delay_months: Distribution
    bad_debt_rate: float
    def __init__(
        self,
        *,
        share: float = ...,
        delay_months: Distribution | float | Mapping[str, Any] = ...,
        bad_debt_rate: float = ...,
    ) -> None: ...

class ProviderLoan(Record):
    """The ``providers[].funding.loans[]`` record."""

    principal: float
    apr: float
    term_months: int
    holiday_months: int
    month: int
    def __init__(
        self,
        *,
        principal: float = ...,
        apr: float = ...,
        term_months: int = ...,
        holiday_months: int = ...,
        month: int = ...,
    ) -> None: ...

class ProviderMarket(Record):
    """The ``providers[].market`` record."""

    population: Distribution
    budget_holder_share: Distribution
    fit_share: Distribution
    arrivals: str
    innovation: Distribution
    imitation: Distribution
    referrals_per_month: Distribution
    reservation_price_per_hour: Distribution
    reservation_price_spread: float
    interest_to_purchase: float
    committed_clients: int
    committed_start_probability: float
    routes: ProviderRoutes
    renewal: ProviderRenewal
    def __init__(
        self,
        *,
        population: Distribution | float | Mapping[str, Any] = ...,
        budget_holder_share: Distribution | float | Mapping[str, Any] = ...,
        fit_share: Distribution | float | Mapping[str, Any] = ...,
        arrivals: str = ...,
        innovation: Distribution | float | Mapping[str, Any] = ...,
        imitation: Distribution | float | Mapping[str, Any] = ...,
        referrals_per_month: Distribution | float | Mapping[str, Any] = ...,
        reservation_price_per_hour: Distribution | float | Mapping[str, Any] = ...,
        reservation_price_spread: float = ...,
        interest_to_purchase: float = ...,
        committed_clients: int = ...,
        committed_start_probability: float = ...,
        routes: Record | Mapping[str, Any] = ...,
        renewal: Record | Mapping[str, Any] = ...,
    ) -> None: ...

class ProviderMarketRoutesDirectPayment(Record):
    """The ``providers[].market.routes.direct_payment`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class ProviderMarketRoutesSelfFunded(Record):
    """The ``providers[].market.routes.self_funded`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class ProviderPayments(Record):
    """The ``providers[].payments`` record."""

    direct_payment: ProviderDirectPayment
    individual_service_fund: ProviderIndividualServiceFund
    personal_health_budget: ProviderPersonalHealthBudget
    self_funded: ProviderSelfFunded
    def __init__(
        self,
        *,
        direct_payment: Record | Mapping[str, Any] = ...,
        individual_service_fund: Record | Mapping[str, Any] = ...,
        personal_health_budget: Record | Mapping[str, Any] = ...,
        self_funded: Record | Mapping[str, Any] = ...,
    ) -> None: ...

class ProviderPersonalHealthBudget(Record):
    """The ``providers[].payments.personal_health_budget`` record."""

    share: float
    delay_months: Distribution
    bad_debt_rate: float
    def __init__(
        self,
        *,
        share: float = ...,
        delay_months: Distribution | float | Mapping[str, Any] = ...,
        bad_debt_rate: float = ...,
    ) -> None: ...

class ProviderRenewal(Record):
    """The ``providers[].market.renewal`` record."""

    enabled: bool
    turnover_per_year: float
    return_per_month: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        turnover_per_year: float = ...,
        return_per_month: float = ...,
    ) -> None: ...

class ProviderRoutes(Record):
    """The ``providers[].market.routes`` record."""

    enabled: bool
    direct_payment: ProviderMarketRoutesDirectPayment
    health_budget: ProviderHealthBudget
    service_fund: ProviderServiceFund
    council_managed: ProviderCouncilManaged
    self_funded: ProviderMarketRoutesSelfFunded
    council_list: bool
    council_list_months: int
    council_list_cost: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        direct_payment: Record | Mapping[str, Any] = ...,
        health_budget: Record | Mapping[str, Any] = ...,
        service_fund: Record | Mapping[str, Any] = ...,
        council_managed: Record | Mapping[str, Any] = ...,
        self_funded: Record | Mapping[str, Any] = ...,
        council_list: bool = ...,
        council_list_months: int = ...,
        council_list_cost: float = ...,
    ) -> None: ...

class ProviderSelfFunded(Record):
    """The ``providers[].payments.self_funded`` record."""

    share: float
    delay_months: Distribution
    bad_debt_rate: float
    def __init__(
        self,
        *,
        share: float = ...,
        delay_months: Distribution | float | Mapping[str, Any] = ...,
        bad_debt_rate: float = ...,
    ) -> None: ...

class ProviderServiceFund(Record):
    """The ``providers[].market.routes.service_fund`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class ProviderStaff(Record):
    """The ``providers[].staff`` record."""

    hours_per_week: float
    wage_per_hour: float
    hire_when_waiting: int
    hire_hours_per_week: float
    def __init__(
        self,
        *,
        hours_per_week: float = ...,
        wage_per_hour: float = ...,
        hire_when_waiting: int = ...,
        hire_hours_per_week: float = ...,
    ) -> None: ...

class ProviderTax(Record):
    """The ``providers[].tax`` record."""

    enabled: bool
    personal_allowance: float
    basic_rate: float
    basic_rate_band: float
    higher_rate: float
    additional_rate_threshold: float
    additional_rate: float
    class4_lower_profits_limit: float
    class4_upper_profits_limit: float
    class4_main_rate: float
    class4_additional_rate: float
    class1_primary_threshold: float
    class1_upper_earnings_limit: float
    class1_main_rate: float
    class1_additional_rate: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        personal_allowance: float = ...,
        basic_rate: float = ...,
        basic_rate_band: float = ...,
        higher_rate: float = ...,
        additional_rate_threshold: float = ...,
        additional_rate: float = ...,
        class4_lower_profits_limit: float = ...,
        class4_upper_profits_limit: float = ...,
        class4_main_rate: float = ...,
        class4_additional_rate: float = ...,
        class1_primary_threshold: float = ...,
        class1_upper_earnings_limit: float = ...,
        class1_main_rate: float = ...,
        class1_additional_rate: float = ...,
    ) -> None: ...

class Renewal(Record):
    """The ``market.renewal`` record."""

    enabled: bool
    turnover_per_year: float
    return_per_month: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        turnover_per_year: float = ...,
        return_per_month: float = ...,
    ) -> None: ...

class Routes(Record):
    """The ``market.routes`` record."""

    enabled: bool
    direct_payment: MarketRoutesDirectPayment
    health_budget: HealthBudget
    service_fund: ServiceFund
    council_managed: CouncilManaged
    self_funded: MarketRoutesSelfFunded
    council_list: bool
    council_list_months: int
    council_list_cost: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        direct_payment: Record | Mapping[str, Any] = ...,
        health_budget: Record | Mapping[str, Any] = ...,
        service_fund: Record | Mapping[str, Any] = ...,
        council_managed: Record | Mapping[str, Any] = ...,
        self_funded: Record | Mapping[str, Any] = ...,
        council_list: bool = ...,
        council_list_months: int = ...,
        council_list_cost: float = ...,
    ) -> None: ...

class Run(Record):
    """The ``run`` record."""

    months: int
    sustained_months: int
    deterministic: bool
    give_up_after_months: int
    stream: int
    def __init__(
        self,
        *,
        months: int = ...,
        sustained_months: int = ...,
        deterministic: bool = ...,
        give_up_after_months: int = ...,
        stream: int = ...,
    ) -> None: ...

class SelfFunded(Record):
    """The ``payments.self_funded`` record."""

    share: float
    delay_months: Distribution
    bad_debt_rate: float
    def __init__(
        self,
        *,
        share: float = ...,
        delay_months: Distribution | float | Mapping[str, Any] = ...,
        bad_debt_rate: float = ...,
    ) -> None: ...

class ServiceFund(Record):
    """The ``market.routes.service_fund`` record."""

    share: float
    price_ratio: float
    channel: str
    def __init__(
        self,
        *,
        share: float = ...,
        price_ratio: float = ...,
        channel: str = ...,
    ) -> None: ...

class Staff(Record):
    """The ``staff`` record."""

    hours_per_week: float
    wage_per_hour: float
    hire_when_waiting: int
    hire_hours_per_week: float
    def __init__(
        self,
        *,
        hours_per_week: float = ...,
        wage_per_hour: float = ...,
        hire_when_waiting: int = ...,
        hire_hours_per_week: float = ...,
    ) -> None: ...

class Tax(Record):
    """The ``tax`` record."""

    enabled: bool
    personal_allowance: float
    basic_rate: float
    basic_rate_band: float
    higher_rate: float
    additional_rate_threshold: float
    additional_rate: float
    class4_lower_profits_limit: float
    class4_upper_profits_limit: float
    class4_main_rate: float
    class4_additional_rate: float
    class1_primary_threshold: float
    class1_upper_earnings_limit: float
    class1_main_rate: float
    class1_additional_rate: float
    def __init__(
        self,
        *,
        enabled: bool = ...,
        personal_allowance: float = ...,
        basic_rate: float = ...,
        basic_rate_band: float = ...,
        higher_rate: float = ...,
        additional_rate_threshold: float = ...,
        additional_rate: float = ...,
        class4_lower_profits_limit: float = ...,
        class4_upper_profits_limit: float = ...,
        class4_main_rate: float = ...,
        class4_additional_rate: float = ...,
        class1_primary_threshold: float = ...,
        class1_upper_earnings_limit: float = ...,
        class1_main_rate: float = ...,
        class1_additional_rate: float = ...,
    ) -> None: ...

class Town(Record):
    """The ``town`` record."""

    shared_market: bool
    price_coefficient: float
    outside_option: bool
    none_utility: float
    def __init__(
        self,
        *,
        shared_market: bool = ...,
        price_coefficient: float = ...,
        outside_option: bool = ...,
        none_utility: float = ...,
    ) -> None: ...
