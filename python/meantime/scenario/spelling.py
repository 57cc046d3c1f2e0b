"""Values as a scenario file spells them: the one spelling of the scenario layer's messages.

A message about a scenario value shows it as the person would write it in a scenario file, in
TOML, the main format: ``false`` (not Python's ``False``), ``"lcw"`` in double quotes, a
distribution as an inline table ``{ dist = "triangular", min = 18, mode = 22, max = 25 }``,
60000 rather than 60000.0. The messages already say how to write a value in those words
("write couple = ... under [household]", "write true or false, without quotes"), whichever way
the value came in (a file, ``--set``, :meth:`Scenario.replace <meantime.Scenario.replace>`):
one spelling, not one per way in. Python code (a record's ``repr``) keeps Python's spelling.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import tomli_w

__all__ = ["spelled", "toml_value", "toml_key", "tidy"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def tidy(value: Any) -> Any:
    """Whole numbers without ".0" (60000, not 60000.0): they read back as the same value."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: tidy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [tidy(v) for v in value]
    return value


def toml_key(key: str) -> str:
    """A key as TOML writes it: bare when it can be, else quoted."""
    return key if _BARE_KEY.match(key) else json.dumps(key)


def toml_value(value: Any, indent: str = "") -> str:
    """Plain data (numbers, text, booleans, dicts, lists) as a TOML value; a list of tables one a
    line, indented by ``indent``."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        if not value:
            return "[]"
        if any(isinstance(v, dict) for v in value):
            items = "".join(f"{indent}  {toml_value(v)},\n" for v in value)
            return f"[\n{items}{indent}]"
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value})[len("v = ") :].rstrip("\n")


def spelled(value: Any) -> str:
    """A scenario value as a TOML scenario file writes it: ``spelled(False)`` is ``false``,
    ``spelled("lcw")`` is ``"lcw"``, ``spelled(60000.0)`` is ``60000``; a distribution as its
    inline table (a fixed one as its number). Anything TOML cannot hold keeps Python's ``repr``.

    Examples
    --------
    >>> import meantime
    >>> from meantime.scenario.spelling import spelled
    >>> spelled(False), spelled("lcw"), spelled(0.05), spelled(meantime.triangular(18, 22, 25))
    ('false', '"lcw"', '0.05', '{ dist = "triangular", min = 18, mode = 22, max = 25 }')
    """
    if hasattr(value, "to_dict") and hasattr(value, "is_fixed"):  # a distribution
        value = value.to_dict()
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # TOML's inf and nan would read as a typo here
    try:
        return toml_value(tidy(value))
    except TypeError:  # None, an object: not something a file can hold
        return repr(value)
