"""Probabilities and the household in words, as the results say them (``str(result)``), and as
the report and the command line repeat them."""

from __future__ import annotations

__all__ = ["percent", "in_ten", "LIMITED_CAPABILITY_WORDS", "LIMITED_CAPABILITY_SHORT", "limited_capability"]


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


#: A work capability assessment's finding (``household.limited_capability``) in words.
LIMITED_CAPABILITY_WORDS = {
    "none": "no limited capability for work assessed",
    "lcw": "limited capability for work (LCW)",
    "lcwra": "limited capability for work and work-related activity (LCWRA)",
}
#: The same, short, for a table's cell beside the words "limited capability for work".
LIMITED_CAPABILITY_SHORT = {"none": "none assessed", "lcw": "LCW", "lcwra": "LCWRA"}


def limited_capability(code: str, short: bool = False) -> str:
    """The finding ``code`` (``"none"``, ``"lcw"``, ``"lcwra"``) in words, or ``short`` for a table.

    >>> limited_capability("lcw"), limited_capability("lcwra", short=True)
    ('limited capability for work (LCW)', 'LCWRA')
    """
    return (LIMITED_CAPABILITY_SHORT if short else LIMITED_CAPABILITY_WORDS)[code]
