"""How a pot is split among start-ups: the simple rules and the optimiser.

An allocation is a dict start-up name -> grant (pounds, in month 1), in the candidates' order;
what is not given out stays in the pot. Grants are kept to whole pence.

Rules (:data:`RULES`):

- ``none``: no grants (the baseline).
- ``equal``: the pot split equally (each share rounded down to the penny).
- ``need``: each start-up's *need* is the grant that would let it reach the target survival at
  the horizon (0 when it already does; none when no grant can, e.g. a founder who gives up).
  Start-ups are funded in order of smallest need first (ties in the candidates' order), each
  with its whole need while the pot lasts; the first one the pot cannot cover gets what is left
  (a part of its need), and the rest get nothing. Those already at the target, and those no
  grant brings there, get nothing.
- ``optimise``: start from the best of the simple rules under the objective, then move money in
  steps of ``step`` pounds -- from one start-up to another, or from the unspent pot to a
  start-up (money never goes back to the pot) -- each time making the move with the largest
  gain in the objective per pound moved, and only a move that improves it, until no move does.
  A donor holding less than a step gives what it holds; the pot gives what is left when that is
  less than a step. This is a local search: it finds an allocation no single move improves,
  which is the best one when each start-up's gain from money has diminishing returns.
"""

from __future__ import annotations

import math
from typing import Callable, Mapping, Optional

from ._objectives import Objective

__all__ = ["RULES", "SIMPLE_RULES", "equal_split", "by_need", "optimise"]

SIMPLE_RULES = ("none", "equal", "need")
RULES = SIMPLE_RULES + ("optimise",)

# Moves are accepted only when they improve the objective by more than rounding could.
_RELATIVE_TOLERANCE = 1e-12
# A guard against a search that would never end (each accepted move strictly improves, so it
# cannot cycle; this only bounds the time).
_MOST_MOVES = 100_000


def _pence(amount: float) -> float:
    return round(amount + 1e-9, 2)


def _floor_pence(amount: float) -> float:
    return math.floor(round(amount * 100, 6)) / 100


def equal_split(names: list[str], pot: float) -> dict[str, float]:
    share = _floor_pence(pot / len(names)) if names else 0.0
    return {name: share for name in names}


def by_need(needs: Mapping[str, float], pot: float) -> dict[str, float]:
    """The ``need`` rule: smallest need first while the pot lasts; see the module's notes."""
    allocation = {name: 0.0 for name in needs}
    order = sorted((need, i, name) for i, (name, need) in enumerate(needs.items()) if not math.isnan(need) and need > 0)
    left = pot
    for need, _, name in order:
        if left <= 0:
            break
        given = _pence(min(need, left))
        allocation[name] = given
        left = _pence(left - given)
    return allocation


def optimise(
    start: Mapping[str, float],
    pot: float,
    step: float,
    objective: Objective,
    value: Callable[[Mapping[str, float]], float],
    on_move: Optional[Callable[[dict[str, float]], None]] = None,
) -> tuple[dict[str, float], int]:
    """Improve ``start`` by moves of ``step`` pounds (see the module's notes); returns the
    allocation and the number of moves made. ``value(allocation)`` is the objective."""
    allocation = dict(start)
    current = value(allocation)
    moves = 0
    while moves < _MOST_MOVES:
        unspent = _pence(pot - sum(allocation.values()))
        sources: list[tuple[Optional[str], float]] = []
        if unspent > 0:
            sources.append((None, _pence(min(step, unspent))))
        sources += [(name, _pence(min(step, held))) for name, held in allocation.items() if held > 0]
        best: Optional[tuple[float, dict[str, float]]] = None
        for source, amount in sources:
            for target in allocation:
                if target == source:
                    continue
                moved = dict(allocation)
                if source is not None:
                    moved[source] = _pence(moved[source] - amount)
                moved[target] = _pence(moved[target] + amount)
                new = value(moved)
                if math.isnan(new):
                    continue
                per_pound = objective.gain(new, current) / amount if not math.isnan(current) else math.inf
                if best is None or per_pound > best[0]:
                    best = (per_pound, moved)
        if best is None:
            break
        per_pound, moved = best
        new = value(moved)
        if not math.isnan(current) and objective.gain(new, current) <= _RELATIVE_TOLERANCE * max(1.0, abs(current)):
            break
        allocation, current = moved, new
        moves += 1
        if on_move is not None:
            on_move(allocation)
    return allocation, moves
