"""The headline answers of one run, each with its standard error: what sweeps, price curves,
sensitivity and comparisons report for every scenario they run."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from ..running.result import Result
from .capital import capital_from_lowest_cash, savings_dependent_rule

__all__ = ["HEADLINES", "CAPITAL", "Headlines", "headlines", "shown_headlines"]

#: name -> (unit, meaning). Probabilities and shares have a binomial or ratio standard error,
#: means the standard error of a mean; the capital has a half-width of its 95% interval / 1.96.
HEADLINES: dict[str, tuple[str, str]] = {
    "survival": ("probability", "still going at the horizon"),
    "operating_break_even": ("probability", "the business covers its own costs, sustained, by the horizon"),
    "living_break_even": ("probability", "the business also pays the founder's way, sustained, by the horizon"),
    "founder_income": (
        "pounds per month",
        "drawings from the business a month, averaged over the horizon (none after a failure)",
    ),
    "clients_served": ("clients", "clients served over the horizon"),
    "priced_out_share": (
        "share",
        "aware prospects whose budget could not pay the price, of all aware prospects "
        "(lost to price, served, or lost to a full diary)",
    ),
    "extra_capital_90": (
        "pounds",
        "more starting capital for a 9 in 10 chance of getting through, from the "
        "lowest cash (NaN where a savings-dependent rule applies: see required_capital)",
    ),
}
PROBABILITIES = ("survival", "operating_break_even", "living_break_even")
#: The answer that needs each failed path followed to the horizon: a table without it runs
#: with ``follow_failed=False``.
CAPITAL = "extra_capital_90"


@dataclass
class Headlines:
    """Estimates and standard errors by headline name; with ``per_path`` (when kept) the values
    whose mean is each estimate, for paired differences between runs with one seed."""

    estimate: dict[str, float]
    std_error: dict[str, float]
    per_path: Optional[dict[str, np.ndarray]] = field(default=None, repr=False)

    def row(self, names: Optional[Sequence[str]] = None) -> dict[str, float]:
        """``{name: estimate, name_se: standard error, ...}`` in the order of ``names`` (default
        HEADLINES)."""
        out = {}
        for name in HEADLINES if names is None else names:
            out[name] = self.estimate[name]
            out[f"{name}_se"] = self.std_error[name]
        return out


def _per_path_values(result: Result) -> dict[str, np.ndarray]:
    o = result.outcome_arrays  # numpy arrays: a DataFrame per run costs more than these sums
    lost_to_price = o["lost_to_price"].astype(float)
    aware = lost_to_price + o["clients_served"].astype(float) + o["lost_to_capacity"].astype(float)
    total_aware = aware.sum()
    share = lost_to_price.sum() / total_aware if total_aware > 0 else math.nan
    # A ratio of totals, linearised (delta method): the mean of these is the share, and their
    # variance / n its squared standard error; paired differences work as for any mean.
    priced_out = (
        share + (lost_to_price - share * aware) / aware.mean()
        if total_aware > 0
        else np.full(lost_to_price.size, math.nan)
    )
    return {
        "survival": (o["failure_month"] == -1).astype(float),
        "operating_break_even": (o["operating_break_even_month"] != -1).astype(float),
        "living_break_even": (o["living_break_even_month"] != -1).astype(float),
        "founder_income": o["drawings"].astype(float) / result.months,
        "clients_served": o["clients_served"].astype(float),
        "priced_out_share": priced_out,
    }


def headlines(result: Result, keep_per_path: bool = False) -> Headlines:
    """The headline answers of one run (which must have kept its outcomes), read from its
    per-path outcomes alone (no monthly statistics); ``extra_capital_90`` is NaN for a run
    whose paths stopped at their failure."""
    n = result.path_count
    values = _per_path_values(result)
    estimate, std_error = {}, {}
    for name, per_path in values.items():
        mean = float(per_path.mean())
        estimate[name] = mean
        if name in PROBABILITIES:
            std_error[name] = result.standard_error(mean)
        else:
            std_error[name] = float(per_path.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
    if savings_dependent_rule(result.scenario) or not result.followed_failed:
        # A run whose paths stopped at their failure cannot say what carrying on would need.
        estimate["extra_capital_90"] = std_error["extra_capital_90"] = math.nan
    else:
        shift, low, high = capital_from_lowest_cash(result.outcome_arrays["lowest_cash"], 0.9)
        estimate["extra_capital_90"] = max(0.0, shift)
        # The half-width of the 95% order-statistic interval, as a standard error.
        width = max(0.0, high) - max(0.0, low)
        std_error["extra_capital_90"] = width / (2 * 1.959964) if math.isfinite(width) else math.nan
    return Headlines(estimate, std_error, values if keep_per_path else None)


def paired_difference(a: Headlines, b: Headlines, name: str) -> tuple[float, float]:
    """``a - b`` for one headline, with the standard error of the paired per-path differences
    (the runs must share their seed and path count); NaN standard error where no per-path
    values exist (the capital)."""
    difference = a.estimate[name] - b.estimate[name]
    if a.per_path is None or b.per_path is None or name not in a.per_path:
        return difference, math.nan
    d = a.per_path[name] - b.per_path[name]
    return difference, float(d.std(ddof=1) / math.sqrt(d.size)) if d.size > 1 else math.nan


def follow_for_capital(scenarios: list, capital: bool) -> bool:
    """Whether runs of ``scenarios`` must follow failed paths to the horizon: only to show the
    capital, and only where some scenario reads it from the lowest cash (with a savings-dependent
    rule it is NaN anyway, :func:`headlines`)."""
    return capital and any(not savings_dependent_rule(s) for s in scenarios)


def shown_headlines(capital: bool) -> list[str]:
    """The headline names a table shows: all, or all but the extra capital."""
    return [name for name in HEADLINES if capital or name != CAPITAL]
