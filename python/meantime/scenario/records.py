"""The scenario's records as Python classes, by name: ``Market``, ``Business``, ``DirectPayment``
in ``payments.direct_payment``, ``Grant`` for the records of the list ``funding.grants``...

The classes are made at import from the engine's schema (:mod:`meantime.scenario.record_base`);
``records.pyi`` gives editors and type checkers each class with its fields, written by
``scripts/record_stub.py`` and checked against the schema by tests/python/test_record_stub.py.
The classes are exported by name from :mod:`meantime`.
"""

from __future__ import annotations

from .record_base import RECORD_CLASSES, Record

# Each record class by its name, so that readers see it (tests/python/test_public_surface.py checks
# this list against the schema). A new group or list in the engine adds its class here, and
# `python scripts/record_stub.py` writes it into records.pyi.
Admin = RECORD_CLASSES["collective.admin"]
Benefits = RECORD_CLASSES["benefits"]
BookingSystem = RECORD_CLASSES["collective.booking_system"]
Business = RECORD_CLASSES["business"]
Clients = RECORD_CLASSES["clients"]
Collective = RECORD_CLASSES["collective"]
Costs = RECORD_CLASSES["providers[].costs"]
CouncilManaged = RECORD_CLASSES["market.routes.council_managed"]
DirectPayment = RECORD_CLASSES["payments.direct_payment"]
Funding = RECORD_CLASSES["funding"]
Grant = RECORD_CLASSES["funding.grants[]"]
Group = RECORD_CLASSES["group"]
Health = RECORD_CLASSES["health"]
HealthBudget = RECORD_CLASSES["market.routes.health_budget"]
Household = RECORD_CLASSES["household"]
IndividualServiceFund = RECORD_CLASSES["payments.individual_service_fund"]
Insurance = RECORD_CLASSES["collective.insurance"]
Loan = RECORD_CLASSES["funding.loans[]"]
Market = RECORD_CLASSES["market"]
MarketRoutesDirectPayment = RECORD_CLASSES["market.routes.direct_payment"]
MarketRoutesSelfFunded = RECORD_CLASSES["market.routes.self_funded"]
Payments = RECORD_CLASSES["payments"]
PersonalHealthBudget = RECORD_CLASSES["payments.personal_health_budget"]
Premises = RECORD_CLASSES["collective.premises"]
Provider = RECORD_CLASSES["providers[]"]
ProviderBenefits = RECORD_CLASSES["providers[].benefits"]
ProviderBusiness = RECORD_CLASSES["providers[].business"]
ProviderClients = RECORD_CLASSES["providers[].clients"]
ProviderCouncilManaged = RECORD_CLASSES["providers[].market.routes.council_managed"]
ProviderDirectPayment = RECORD_CLASSES["providers[].payments.direct_payment"]
ProviderFunding = RECORD_CLASSES["providers[].funding"]
ProviderGrant = RECORD_CLASSES["providers[].funding.grants[]"]
ProviderGroup = RECORD_CLASSES["providers[].group"]
ProviderHealth = RECORD_CLASSES["providers[].health"]
ProviderHealthBudget = RECORD_CLASSES["providers[].market.routes.health_budget"]
ProviderHousehold = RECORD_CLASSES["providers[].household"]
ProviderIndividualServiceFund = RECORD_CLASSES["providers[].payments.individual_service_fund"]
ProviderLoan = RECORD_CLASSES["providers[].funding.loans[]"]
ProviderMarket = RECORD_CLASSES["providers[].market"]
ProviderMarketRoutesDirectPayment = RECORD_CLASSES["providers[].market.routes.direct_payment"]
ProviderMarketRoutesSelfFunded = RECORD_CLASSES["providers[].market.routes.self_funded"]
ProviderPayments = RECORD_CLASSES["providers[].payments"]
ProviderPersonalHealthBudget = RECORD_CLASSES["providers[].payments.personal_health_budget"]
ProviderRenewal = RECORD_CLASSES["providers[].market.renewal"]
ProviderRoutes = RECORD_CLASSES["providers[].market.routes"]
ProviderSelfFunded = RECORD_CLASSES["providers[].payments.self_funded"]
ProviderServiceFund = RECORD_CLASSES["providers[].market.routes.service_fund"]
ProviderStaff = RECORD_CLASSES["providers[].staff"]
ProviderTax = RECORD_CLASSES["providers[].tax"]
Renewal = RECORD_CLASSES["market.renewal"]
Routes = RECORD_CLASSES["market.routes"]
Run = RECORD_CLASSES["run"]
SelfFunded = RECORD_CLASSES["payments.self_funded"]
ServiceFund = RECORD_CLASSES["market.routes.service_fund"]
Staff = RECORD_CLASSES["staff"]
Tax = RECORD_CLASSES["tax"]
Town = RECORD_CLASSES["town"]

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
