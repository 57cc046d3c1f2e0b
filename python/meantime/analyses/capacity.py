"""Market capacity: how many providers of one kind of service a town's budget holders can sustain.

:func:`market_capacity` takes one kind of service -- its pool of budget holders (a market) and a
template entrant (business, household, health...) -- and simulates towns of ``k = 1 .. K``
identical copies of the entrant sharing that pool through the town's choice model
(``town.shared_market``). For each ``k`` it gives the distribution of how many are still trading
at a month, the expected number, and the budget holders served, and it names the ``k`` that
serves most (:attr:`MarketCapacity.best_k`).

Common random numbers: copy ``i`` draws from stream ``i`` (1..k) in every town, and the pool's
awareness draws come from the town's own stream, so the town of ``k`` and the town of ``k + 1``
share the first ``k`` providers' luck and the pool's path by path; differences between ``k``
are measured on the same futures (paired standard errors).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ..running.uncertainty import LEVEL, half_width, share_with_interval
from ..running.views import view
from ..scenario.scenario import Scenario
from ._arguments import as_scenario
from ._runs import Runs

__all__ = ["market_capacity", "MarketCapacity", "capacity_town", "CAPACITY_OBJECTIVES", "MAX_PROVIDERS"]

#: What "budget holders served" means for :attr:`MarketCapacity.best_k` (both are town totals over
#: the horizon, per future: :data:`meantime.TOWN_TOTALS`).
CAPACITY_OBJECTIVES: dict[str, str] = {
    "client_months": "budget-holder client-months served (active clients summed over the months)",
    "clients_served": "budget holders who became a provider's client",
}

#: The most providers a town may have (the engine's limit on ``providers``).
MAX_PROVIDERS = 50

# The records a provider carries from a single-provider scenario (a venture); `market` becomes
# the town's pool.
_VENTURE = ("clients", "payments", "business", "staff", "funding", "household", "benefits", "health", "group")


def _whole(argument: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= int(value) <= high:
        raise ArgumentError(argument, f"must be a whole number from {low} to {high}, got {value!r}")
    return int(value)


def _template(scenario: Scenario) -> tuple[dict, dict]:
    """The entrant (a provider record as a dict, without its stream) and the pool (a market dict)."""
    data = scenario.to_dict()
    if scenario.providers:
        provider = dict(data["providers"][0])
        pool = data["market"] if scenario.town.shared_market else provider["market"]
        provider.pop("stream")
        provider["collective_member"] = False
        return provider, pool
    return {name: data[name] for name in _VENTURE}, data["market"]


def capacity_town(scenario: Any, providers: int) -> Scenario:
    """The town :func:`market_capacity` simulates for ``providers`` copies of the entrant.

    Parameters
    ----------
    scenario : Scenario or dict
        As for :func:`market_capacity`.
    providers : int
        How many copies, 1 to 50.

    Returns
    -------
    Scenario
        A town with ``providers`` identical providers (streams 1..k, no collective) drawing from
        one pool (``town.shared_market`` on; the rest of ``town`` as the scenario gives it).

    Examples
    --------
    >>> import meantime
    >>> from meantime.analyses.capacity import capacity_town
    >>> town = capacity_town(meantime.default_scenario(), 3)
    >>> [p.stream for p in town.providers], town.town.shared_market
    ([1, 2, 3], True)
    """
    scenario = _scenario(scenario)
    k = _whole("providers", providers, 1, MAX_PROVIDERS)
    return _town(scenario, k)


def _town(scenario: Scenario, k: int) -> Scenario:
    provider, pool = _template(scenario)
    data = scenario.to_dict()
    run = dict(data["run"], stream=0)  # each provider's identity is its own stream
    town = dict(data["town"], shared_market=True)
    return Scenario(
        market=pool, run=run, town=town, providers=[dict(provider, market=pool, stream=i + 1) for i in range(k)]
    )


def _scenario(scenario: Any) -> Scenario:
    try:
        return as_scenario(scenario)
    except TypeError as error:
        raise ArgumentError("scenario", str(error)) from None


def _mean_se(x: np.ndarray) -> tuple[float, float]:
    n = x.size
    return float(x.mean()), float(x.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan


@dataclass(frozen=True)
class _TownPaths:
    """What one town's run leaves per path: survivors at the month and the budget holders served."""

    survivors: np.ndarray  # providers still trading at the end of the month
    clients_served: np.ndarray  # over the horizon
    client_months: np.ndarray  # over the horizon


@dataclass(repr=False)
class MarketCapacity:
    """How many providers of one kind a town's pool of budget holders sustains: made by
    :func:`market_capacity`.

    Attributes
    ----------
    best_k : int
        The number of providers that serves budget holders most (:attr:`objective`, expected
        over the futures); the smallest such ``k`` if several tie.
    objective : str
        ``"client_months"`` or ``"clients_served"`` (:data:`CAPACITY_OBJECTIVES`).
    table : pandas.DataFrame
        One row per number of providers ``k`` (index ``providers``): ``survivors`` (expected
        number still trading at :attr:`month`) with ``survivors_se``; ``all_survive`` and
        ``none_survive`` (the chances that all ``k`` and that none are still trading) with
        ``_se``; ``clients_served`` and ``client_months`` (the town's totals over the horizon,
        per future) with ``_se``; ``client_months_per_provider`` (``client_months / k``);
        ``gain`` (the objective's change from ``k - 1`` providers; for ``k = 1``, from none) with
        ``gain_se`` (paired: the same futures).
    distribution, distribution_se : pandas.DataFrame
        The share of futures with ``j`` providers still trading at :attr:`month` (columns ``j =
        0 .. K``) when ``k`` start (rows), and its standard error (0 where ``j > k``).
    month, horizon, max_providers, paths, seed : int
    scenario : Scenario
        The town of one provider (``town(k)`` gives the town of ``k``).
    """

    scenario: Scenario
    max_providers: int
    objective: str
    month: int
    horizon: int
    paths: int
    seed: int
    table: pd.DataFrame
    distribution: pd.DataFrame
    distribution_se: pd.DataFrame
    best_k: int
    _paths: dict = field(default_factory=dict)

    def town(self, providers: int) -> Scenario:
        """The town of ``providers`` copies of the entrant, as simulated here."""
        return capacity_town(self.scenario, providers)

    def survivors(self, providers: int) -> pd.DataFrame:
        """The survivors' distribution when ``providers`` start, as :meth:`TownResult.survivors
        <meantime.TownResult.survivors>` gives it: indexed by ``survivors`` (0..k), ``paths``,
        ``share`` and ``std_error``."""
        k = _whole("providers", providers, 1, self.max_providers)
        counts = np.bincount(self._paths[k].survivors, minlength=k + 1)
        share = counts / self.paths
        table = pd.DataFrame(
            {"paths": counts.astype(np.int64), "share": share, "std_error": np.sqrt(share * (1 - share) / self.paths)}
        )
        table.index.name = "survivors"
        return table

    def paired_difference(self, a: int, b: int, column: Optional[str] = None) -> tuple[float, float]:
        """The expected difference in ``column`` (default: the objective; or ``"survivors"``)
        between ``a`` and ``b`` providers, with its paired standard error (the same futures)."""
        column = self.objective if column is None else column
        if column not in ("client_months", "clients_served", "survivors"):
            raise ArgumentError("column", f"must be 'client_months', 'clients_served' or 'survivors', got {column!r}")
        x = [_whole(name, k, 1, self.max_providers) for name, k in (("a", a), ("b", b))]
        d = getattr(self._paths[x[0]], column).astype(float) - getattr(self._paths[x[1]], column)
        return _mean_se(d)

    @property
    def close_to_best(self) -> list[int]:
        """Every ``k`` whose objective is within two paired standard errors of :attr:`best_k`'s
        (``best_k`` included): the numbers of providers the simulation cannot tell apart from it."""
        close = []
        for k in range(1, self.max_providers + 1):
            d, se = self.paired_difference(self.best_k, k)
            if k == self.best_k or not d > 2 * se:
                close.append(k)
        return close

    def plot(self, axes: Any = None):
        """Expected survivors and budget holders served against the number of providers, and the
        survivors' distribution: three panels (a new figure unless ``axes``, three Axes, is
        given). Returns the axes."""
        return view("capacity_panels")(self, axes)

    def report(self, path, title: Optional[str] = None) -> None:
        """Write the capacity report: one self-contained HTML file
        (:func:`meantime.report.capacity.write_capacity_report`)."""
        view("capacity_report")(self, path, title=title)

    def __str__(self) -> str:
        t = self.table
        best = t.loc[self.best_k]
        served = "client-months" if self.objective == "client_months" else "budget holders served"
        digits = 0 if self.objective == "client_months" else 1  # client-months run to hundreds
        close = [k for k in self.close_to_best if k != self.best_k]
        trading = (
            f"{best.survivors:.2f} ± {half_width(best.survivors_se):.2f} of them still trading"
            if self.best_k > 1
            else f"a {share_with_interval(best.survivors, best.survivors_se)} points chance that it is still trading"
        )
        lines = [
            f"This pool of budget holders is served most by {self.best_k} provider{'s' if self.best_k > 1 else ''}: "
            f"{best[self.objective]:,.{digits}f} ± {half_width(best[f'{self.objective}_se']):,.{digits}f} {served} "
            "per future over "
            f"{self.horizon} months, with {trading} after {self.month} months.",
        ]
        if close:
            lines.append(f"  Within two standard errors of it (the same futures): k = {', '.join(map(str, close))}.")
        for k, row in t.iterrows():
            start = f"{k} provider{'s start' if k > 1 else ' starts'}"
            lines.append(
                f"  {start}: {row.survivors:.2f} still trading after {self.month} months (all"
                f" {100 * row.all_survive:.0f}%, none {100 * row.none_survive:.0f}%); "
                f"{row.clients_served:,.1f} budget holders served, {row.client_months:,.0f} client-months."
            )
        lines.append(
            f"({self.paths:,} simulated futures per town, seed {self.seed}; the same futures for every k; "
            f"± is a {LEVEL:.0%} interval.)"
        )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<meantime.MarketCapacity: best_k={self.best_k} of 1..{self.max_providers} by {self.objective}, "
            f"{self.paths:,} paths, seed {self.seed}>"
        )


def _reduce(month: int):
    def reduce(result) -> _TownPaths:
        alive = np.zeros(result.path_count, dtype=np.int16)
        for provider in result.providers:
            failure = provider.outcome_arrays["failure_month"]
            alive += (failure == -1) | (failure > month)
        totals = result.town_outcomes
        return _TownPaths(
            alive,
            totals["clients_served"].to_numpy(np.float64).copy(),
            totals["client_months"].to_numpy(np.float64).copy(),
        )

    return reduce


@takes_run_settings
def market_capacity(
    scenario: Any,
    max_providers: int = 5,
    paths: int = 10_000,
    seed: int = DEFAULT_SEED,
    *,
    objective: str = "client_months",
    month: Optional[int] = None,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    settings: Optional[RunSettings] = None,
) -> MarketCapacity:
    """How many providers of one kind of service a town's budget holders can sustain.

    For ``k = 1 .. max_providers``, a town of ``k`` identical copies of the entrant is simulated,
    every copy drawing prospects from one pool of budget holders (the shared market: one Bass
    awareness process; each newly aware prospect chooses among the offers still trading that
    they can afford, by the town's multinomial logit). Identical offers share the pool equally
    in expectation; a copy fails, as any provider does, when its household runs out of money.

    Parameters
    ----------
    scenario : Scenario or dict
        The kind of service, as one of two things.

        * A single-provider scenario: its ``market`` is the town's pool, and its ``business``,
          ``household``, ``funding``, ``health``... make the entrant.
        * A town (a ``providers`` list): ``providers[0]`` is the entrant (its ``fit`` and the
          cost items it pays alone included; the other providers are not used, nor is the
          collective). The pool is the town's ``market`` if ``town.shared_market`` is on, else
          ``providers[0].market``.

        The choice model is the scenario's ``town`` record (``price_coefficient``,
        ``outside_option``, ``none_utility``) with ``shared_market`` turned on: for a
        single-provider scenario that is the engine's defaults unless the file sets them (no
        outside option, so a prospect who can afford an offer buys one and the copies split
        the pool; with ``outside_option``, more offers also draw more of the pool in).
        ``run`` (horizon, deterministic...) is the scenario's.
    max_providers : int, default 5
        ``K``, the most providers tried: 1 to 50.
    objective : {"client_months", "clients_served"}
        What "budget holders served" means for :attr:`~MarketCapacity.best_k`: the town's
        client-months (active clients summed over the months of the horizon; a failed
        provider serves none after it fails), or the budget holders who became a client.
    month : int, optional
        The month at whose end survivors are counted (default: the horizon).
    paths, seed, threads, progress, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: every run of the analysis uses them, with one progress bar
        over the whole analysis.

    Returns
    -------
    MarketCapacity
        ``table`` (a row per ``k``: expected survivors, all/none survive, clients served and
        client-months, each with its standard error, and the gain over ``k - 1``),
        ``distribution`` (the share of futures with ``j`` survivors), ``best_k``,
        ``survivors(k)``, ``paired_difference(a, b)``, ``plot()``, ``report()``, ``str()``.

    Raises
    ------
    ArgumentError
        For a scenario that is not one, ``max_providers`` outside 1..50, an unknown
        ``objective``, or ``month`` outside the horizon.
    RunSettingsError
        For unusable ``paths``, ``seed`` or ``threads``.

    Notes
    -----
    Copy ``i`` draws from stream ``i`` in every town and the pool from the town's stream, so
    the towns share their futures path by path and :attr:`~MarketCapacity.table`'s ``gain_se``
    and :meth:`~MarketCapacity.paired_difference` are paired. The town of one provider is not the
    provider run alone path by path: the pool's awareness draws come from the town's stream.
    With ``run.deterministic`` (every draw replaced by its expectation) it is the same.

    Examples
    --------
    >>> import meantime
    >>> capacity = meantime.market_capacity(meantime.default_scenario(), max_providers=3, paths=500,
    ...                                     seed=1, progress=False)
    >>> list(capacity.table.index)
    [1, 2, 3]
    >>> 1 <= capacity.best_k <= 3
    True
    """
    scenario = _scenario(scenario)
    K = _whole("max_providers", max_providers, 1, MAX_PROVIDERS)
    if not isinstance(objective, str) or objective not in CAPACITY_OBJECTIVES:
        raise ArgumentError(
            "objective", f"must be one of {', '.join(map(repr, CAPACITY_OBJECTIVES))}, got {objective!r}"
        )
    horizon = scenario.run.months
    month = horizon if month is None else _whole("month", month, 1, horizon)
    with Runs(paths, seed, threads, progress, expected_runs=K) as runs:
        towns = [_town(scenario, k) for k in range(1, K + 1)]
        kept = runs.run(towns, _reduce(month))
    per_k = dict(zip(range(1, K + 1), kept))
    n = runs.paths

    rows, shares, ses = [], [], []
    previous = None
    for k, p in per_k.items():
        counts = np.bincount(p.survivors, minlength=K + 1)[: K + 1]
        share = counts / n
        shares.append(share)
        ses.append(np.sqrt(share * (1 - share) / n))
        row: dict[str, float] = {"providers": k}
        row["survivors"], row["survivors_se"] = _mean_se(p.survivors.astype(float))
        row["all_survive"], row["none_survive"] = share[k], share[0]
        row["all_survive_se"], row["none_survive_se"] = ses[-1][k], ses[-1][0]
        row["clients_served"], row["clients_served_se"] = _mean_se(p.clients_served)
        row["client_months"], row["client_months_se"] = _mean_se(p.client_months)
        row["client_months_per_provider"] = row["client_months"] / k
        objective_now = getattr(p, objective)
        gain = objective_now - (getattr(previous, objective) if previous is not None else 0.0)
        row["gain"], row["gain_se"] = _mean_se(gain)
        rows.append(row)
        previous = p
    table = pd.DataFrame(rows).set_index("providers")
    columns = pd.Index(range(K + 1), name="survivors")
    index = pd.Index(range(1, K + 1), name="providers")
    distribution = pd.DataFrame(np.array(shares), index=index, columns=columns)
    distribution_se = pd.DataFrame(np.array(ses), index=index, columns=columns)
    best_k = int(table[objective].idxmax())  # the first (smallest k) of equals
    return MarketCapacity(
        _town(scenario, 1),
        K,
        objective,
        month,
        horizon,
        n,
        runs.seed,
        table,
        distribution,
        distribution_se,
        best_k,
        per_k,
    )
