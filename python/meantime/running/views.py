"""The ways results are drawn and written, provided by the layers above the running layer.

A result's methods ``plot_cash()``, ``report()``... are what a user reaches for, but charts and
reports belong to :mod:`meantime.plot` and :mod:`meantime.report`, which sit above the running
and analyses layers and import them. So those layers keep this table of named views, which
:mod:`meantime.plot` and :mod:`meantime.report` fill when they are imported (``import meantime``
imports both), and the methods look their view up here: no import runs upward.
"""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["provide", "view"]

_VIEWS: dict[str, Callable[..., Any]] = {}


def provide(name: str, function: Callable[..., Any]) -> None:
    """Make ``function`` the view called ``name`` (``"cash_fan"``, ``"viability_report"``...)."""
    _VIEWS[name] = function


def view(name: str) -> Callable[..., Any]:
    """The view called ``name``; a ``LookupError`` if no layer above has provided it."""
    try:
        return _VIEWS[name]
    except KeyError:
        raise LookupError(
            f"no view {name!r}: it is provided by meantime.plot or meantime.report, which `import meantime` loads"
        ) from None
