"""What a person most likely meant by a value the engine refuses: one place for every hint.

Files, ``--set``, :meth:`Scenario.replace <meantime.Scenario.replace>` and
:meth:`Scenario.from_dict <meantime.Scenario.from_dict>` all reach the engine through
:func:`explain`, so a share written as a percentage gets "did you mean 0.2" wherever it was
typed. The hints are for the slips an advisor makes when writing what they were told:

- a percentage for a share (``20``, ``"20%"``) -> 0.2
- minutes for hours (``session_hours = 90``, ``"90 minutes"``) -> 1.5
- pounds with a ``£``, thousands commas or a ``k`` (``"£2,500"``, ``"2.5k"``) -> 2500
- "6 out of 30" for a share -> ``research(30, 6)``
- a price per hour for the price of a session (``"£30 an hour"``) -> the session's price and length
- ``yes`` / ``no`` for true / false
- a misspelt choice (``"lcwr"``) -> the closest valid name (``"lcwra"``)

Values in the messages are spelled as a scenario file writes them (:mod:`~meantime.scenario.spelling`).
"""

from __future__ import annotations

import math
import re
from typing import Any

from .. import _core
from .spelling import spelled

__all__ = ["explain", "suggest", "corrected_number", "hours_of", "per_hour_of", "research_of"]

_NUMBER = r"[-+]?(?:\d[\d,_ ]*\d|\d)?(?:\.\d+)?"


def _number(text: str) -> float | None:
    text = text.replace(",", "").replace("_", "").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _is_share(info: Any) -> bool:
    """A field written as a fraction between 0 and 1 (a share, a probability, an APR)."""
    return info.unit in ("share", "probability") or "as a fraction" in info.description


def _plain(value: Any) -> Any:
    """A fixed distribution as its number (the engine holds a number given for a distribution
    field as one)."""
    if getattr(value, "is_fixed", False) is True:
        return value.to_dict()
    return value


def _shown(value: float) -> str:
    return f"{value:.6g}"


def corrected_number(text: str) -> float | None:
    """The number in text written as pounds or with separators ("£2,500", "2.5k", "4000 pounds"),
    or None when it is not one."""
    t = text.strip().lower()
    t = re.sub(r"^£\s*|\s*(?:£|pounds?|gbp)$", "", t)
    scale = 1.0
    if re.fullmatch(_NUMBER + r"\s*k", t):
        t, scale = t[:-1], 1000.0
    if not re.fullmatch(_NUMBER, t.strip()) or not re.search(r"\d", t):
        return None
    value = _number(t)
    return None if value is None else value * scale


def hours_of(text: str) -> float | None:
    """Hours from "45 minutes", "45 mins", "1.5 hours", "1.5h" or a plain number of hours."""
    found = re.fullmatch(r"(" + _NUMBER + r")\s*(minutes?|mins?|m|hours?|hrs?|h)?", text.strip().lower())
    amount = _number(found.group(1)) if found and re.search(r"\d", found.group(1)) else None
    if found is None or amount is None:
        return None
    return amount / 60 if (found.group(2) or "").startswith("m") else amount


def per_hour_of(text: str) -> float | None:
    """Pounds per hour from "£30 an hour", "30 per hour", "£22/hour", "30/h", or None."""
    found = re.fullmatch(
        r"£?\s*(" + _NUMBER + r")\s*(?:£|pounds?|gbp)?\s*(?:an|a|per|/|p)\s*(?:hour|hr|h)", text.strip().lower()
    )
    return _number(found.group(1)) if found else None


def research_of(text: str) -> tuple[int, int] | None:
    """(asked, interested) from "6 out of 30", "6 of 30", "6/30", or None."""
    found = re.fullmatch(r"(\d+)\s*(?:out of|of|in|/)\s*(\d+)(?:\s*(?:asked|people))?", text.strip().lower())
    if not found or int(found.group(1)) > int(found.group(2)):
        return None
    return int(found.group(2)), int(found.group(1))


def suggest(info: Any, value: Any, session_hours: float | None = None) -> str:
    """A "did you mean ..." for ``value`` written in field ``info``, or ``""``.

    Parameters
    ----------
    info : FieldInfo
        The field (its name, unit and description tell what it takes).
    value
        As the person wrote it: a number, or text (from a quoted value in a file, ``--set``, a
        TOML line the parser refused, or a Python string).
    session_hours : float, optional
        The length of a session, to turn a price per hour into the price of a session.
    """
    if isinstance(value, bool):
        return ""
    value = _plain(value)
    if isinstance(value, (int, float)):
        return _number_hint(info, float(value))
    if isinstance(value, str):
        return _text_hint(info, value.strip(), session_hours)
    return ""


def _number_hint(info: Any, value: float) -> str:
    if _is_share(info) and 1 < value <= 100:
        return (
            f"did you mean {_shown(value / 100)} ({_shown(value)}%)? Shares and probabilities are written "
            "as fractions between 0 and 1"
        )
    if info.unit == "hours" and 24 < value <= 24 * 60:
        return (
            f"did you mean {_shown(value / 60)} ({_shown(value)} minutes)? {info.name} is in hours: "
            "a half-hour session is 0.5"
        )
    return ""


def _text_hint(info: Any, text: str, session_hours: float | None) -> str:
    t = text.lower()
    kind = info.type
    if kind == "choice":
        if text in info.choices:
            return ""
        same = [c for c in info.choices if c.lower() == t]  # the name in other capitals
        closest = same[0] if same else _closest(text, list(info.choices))
        return f"did you mean {spelled(closest)}?" if closest else ""
    if kind == "boolean":
        if t in ("yes", "y", "on", "true", "1"):
            return "did you mean true? Write true or false, without quotes"
        if t in ("no", "n", "off", "false", "0"):
            return "did you mean false? Write true or false, without quotes"
        return ""
    if kind not in ("number", "integer", "distribution"):
        return ""
    found = research_of(t)
    if found and _is_share(info):
        asked, interested = found
        return (
            f"did you mean research({asked}, {interested}): {interested} interested out of {asked} asked? "
            f'Write {{ dist = "research", asked = {asked}, interested = {interested} }} '
            f"(in Python meantime.research_share({asked}, {interested}))"
        )
    per_hour = per_hour_of(t)
    if per_hour is not None:
        if info.name == "price_per_session":
            # The session length given, if it is one (a minute to a day); else a half-hour example.
            hours = session_hours if session_hours is not None and 1 / 60 <= session_hours <= 24 else 0.5
            return (
                f"that is a price per hour; price_per_session is the price of one session: at "
                f"£{_shown(per_hour)} an hour a {_shown(hours)}-hour session is "
                f"{_shown(per_hour * hours)} (write price_per_session = {_shown(per_hour * hours)} "
                f"and session_hours = {_shown(hours)})"
            )
        return f"did you mean {_shown(per_hour)}? Write the number alone ({info.unit or 'no unit'})"
    unit = re.fullmatch(r"(" + _NUMBER + r")\s*(minutes?|mins?|m|hours?|hrs?|h)", t)
    amount = _number(unit.group(1)) if unit else None
    if unit and amount is not None and info.unit.startswith("hours"):
        if unit.group(2).startswith("m"):
            return (
                f"did you mean {_shown(amount / 60)} ({_shown(amount)} minutes)? {info.name} is in "
                f"{info.unit}: write the number alone"
            )
        return f"did you mean {_shown(amount)}? Write the number alone, in {info.unit}"
    percent = re.fullmatch(r"(" + _NUMBER + r")\s*(?:%|percent|per cent)", t)
    amount = _number(percent.group(1)) if percent else None
    if amount is not None:
        if _is_share(info):
            return (
                f"did you mean {_shown(amount / 100)} ({_shown(amount)}%)? Shares and probabilities are "
                "written as fractions between 0 and 1"
            )
        return f"did you mean {_shown(amount)}? Write the number without the % sign"
    amount = corrected_number(text)
    if amount is not None:
        if re.fullmatch(_NUMBER, text) and "," not in text and " " not in text.strip():
            return "write the number without quotes"
        what = "pounds " if "pound" in info.unit else ""
        return (
            f"did you mean {_shown(amount)}? Write {what}as a plain number, without £, thousands commas "
            "or quotes (2_500 is allowed)"
        )
    return ""


def explain(info: Any, value: Any, rule: str, session_hours: float | None = None) -> str:
    """The engine's ``rule`` about ``value`` in field ``info``, worded for a person, with the
    suggestion of :func:`suggest` where there is one."""
    unit = f" ({info.unit})" if info.unit else ""
    value = _plain(value)
    if isinstance(value, str) and "got text" in rule:
        expected = (
            "a whole number" if "whole number" in rule else "true or false" if "true or false" in rule else "a number"
        )
        rule = f"expected {expected}{unit}, got the text {spelled(value)}"
    elif info.type == "choice" and rule.startswith("must be one of") and isinstance(value, (str, bool, int, float)):
        rule = f"must be one of {', '.join(spelled(c) for c in info.choices)}, got {spelled(value)}"
    elif isinstance(value, float) and not math.isfinite(value):
        return (
            f"expected a finite number{unit}, got {value} ({'NaN, not a number' if math.isnan(value) else 'infinity'})"
        )
    unknown = re.search(r"takes the parameters ([\w, ]+); unknown: ([\w, ]+)", rule)
    if unknown:  # a distribution's parameter misspelt: "mdoe" for "mode"
        names = [n.strip() for n in unknown.group(1).split(",")]
        hints = [
            f"'{_closest(bad, names)}' for '{bad}'" for bad in unknown.group(2).split(", ") if _closest(bad, names)
        ]
        if hints:
            rule += f"; did you mean {', '.join(hints)}?"
    hint = suggest(info, value, session_hours)
    return f"{rule}; {hint}" if hint else rule


def _closest(name: str, names: list[str]) -> str:
    return _core.closest_name(name, names)
