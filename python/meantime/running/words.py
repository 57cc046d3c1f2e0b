"""Probabilities in words, as the results say them (``str(result)``)."""

from __future__ import annotations

__all__ = ["percent", "in_ten"]


def percent(p: float) -> str:
    """A probability as a percentage with one decimal: ``percent(0.623)`` is ``"62.3%"``."""
    return f"{100 * p:.1f}%"


def in_ten(p: float) -> str:
    """A probability as a person says it: "7 in 10", "all", "fewer than 1 in 10"."""
    if p >= 1:
        return "all"
    if p <= 0:
        return "no"
    k = round(10 * p)
    if k >= 10:
        return "more than 9 in 10"
    if k <= 0:
        return "fewer than 1 in 10"
    return f"{k} in 10"
