"""Universal Credit presets: the rule's rates for a benefit year and the household they apply to.

The engine holds the rule as data (``benefits.*``: the year's rates) and the household as stated
(``household.*``: who claims); :func:`universal_credit` gives both as field values for
:meth:`meantime.Scenario.replace`. Rates and rules are cited in ``docs/sources.md`` (Universal
Credit rates and rules).
"""

from __future__ import annotations

from .. import _core
from ..errors import ScenarioError

__all__ = ["AGE_BANDS", "LIMITED_CAPABILITY", "FLOOR_DEDUCTIONS", "universal_credit"]

AGE_BANDS = ("under_25", "aged_25_or_over")
LIMITED_CAPABILITY = ("none", "lcw", "lcwra")
FLOOR_DEDUCTIONS = ("self_employed", "employed", "none")


def _choice(field: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ScenarioError(field, f"must be one of {', '.join(choices)}, got {value!r}")
    return value


def universal_credit(
    year: int = 2026,
    *,
    couple: bool = False,
    age_band: str = "aged_25_or_over",
    limited_capability: str = "none",
    lcwra_claim_before_april_2026: bool = False,
    housing_costs: float = 0.0,
    children: int = 0,
    partner_earnings: float = 0.0,
    partner_expected_hours: float = 35.0,
    expected_hours: float = 35.0,
    gainfully_self_employed: bool = True,
    floor_deductions: str = "self_employed",
    advance: float = 0.0,
) -> dict[str, object]:
    """Universal Credit for a stated household, as scenario field values.

    Parameters
    ----------
    year : int
        First year of the benefit year: 2025 (2025/26) or 2026 (2026/27).
    couple : bool
        A couple claiming jointly: the couple's standard allowance, the partner's earnings and
        joint savings count.
    age_band : str
        ``"under_25"`` or ``"aged_25_or_over"`` (for a couple, the older member's).
    limited_capability : str
        ``"none"``, ``"lcw"`` (a work allowance, no minimum income floor) or ``"lcwra"`` (also the
        LCWRA element).
    lcwra_claim_before_april_2026 : bool
        The LCWRA element at the rate kept by claims made before 6 April 2026.
    housing_costs : float
        Rent a month met by the housing element (0: none); it also selects the lower work allowance.
    children : int
        Must be 0: the child element and childcare are not modelled.
    partner_earnings : float
        A couple's: the partner's earnings a month after tax and NI.
    partner_expected_hours, expected_hours : float
        Hours a week of work expected, for the minimum income floor (reg. 88, 90): 35 normally.
    gainfully_self_employed : bool
        Whether the business is judged gainful self-employment (no floor if not).
    floor_deductions : str
        Notional tax and NI taken off the floor: ``"self_employed"``, ``"employed"`` or ``"none"``.
    advance : float
        An advance paid with the claim, repaid over 24 months.

    Returns
    -------
    dict
        ``{"benefits.…": …, "household.…": …}`` for :meth:`meantime.Scenario.replace`.

    Raises
    ------
    meantime.ScenarioError
        For a year without a preset, a choice outside its names, or children.

    Examples
    --------
    >>> import meantime
    >>> lcw = meantime.benefits.universal_credit(2026, limited_capability="lcw", housing_costs=600)
    >>> s = meantime.default_scenario().replace(lcw)
    >>> s.household.limited_capability, s.benefits.work_allowance_with_housing
    ('lcw', 427.0)
    """
    if children:
        raise ScenarioError(
            "household.children",
            "children are not modelled (no child element, childcare or "
            f"work allowance for a parent): must be 0, got {children}",
        )
    try:
        fields: dict[str, object] = dict(_core.universal_credit(int(year)))
    except ValueError as error:
        raise ScenarioError("benefits", str(error)) from None
    fields.update(
        {
            "benefits.enabled": True,
            "benefits.floor_deductions": _choice("benefits.floor_deductions", floor_deductions, FLOOR_DEDUCTIONS),
            "benefits.advance": float(advance),
            "household.couple": bool(couple),
            "household.age_band": _choice("household.age_band", age_band, AGE_BANDS),
            "household.limited_capability": _choice(
                "household.limited_capability", limited_capability, LIMITED_CAPABILITY
            ),
            "household.lcwra_claim_before_april_2026": bool(lcwra_claim_before_april_2026),
            "household.housing_costs_per_month": float(housing_costs),
            "household.children": 0,
            "household.partner_income_per_month": float(partner_earnings),
            "household.partner_expected_hours_per_week": float(partner_expected_hours),
            "household.expected_hours_per_week": float(expected_hours),
            "household.gainfully_self_employed": bool(gainfully_self_employed),
        }
    )
    return fields
