"""Pump-priming: which start-ups a funder should back from a pot of grant money, and with how much.

:func:`portfolio` evaluates the rules of :mod:`meantime.analyses._allocation` (no grants, equal
split, by need, optimised) on a town's candidate start-ups, under one of the objectives of
:mod:`meantime.analyses._objectives`, with common random numbers throughout, and returns a
:class:`Portfolio`: the allocation, each rule's outcome with its Monte Carlo standard error, and
the curve of the objective against the size of the pot.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Optional, Sequence

import pandas as pd

from ..errors import ArgumentError
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ..running.uncertainty import LEVEL, half_width
from ..running.views import view
from ._allocation import RULES, SIMPLE_RULES, by_need, equal_split, optimise
from ._arguments import number, probability
from ._objectives import OBJECTIVES, Objective, Totals, objective_named
from ._runs import Runs
from ._town import Town, candidates

__all__ = ["portfolio", "Portfolio", "RULES", "OBJECTIVES"]

# Expected runs per start-up, for the progress bar's length (the bar grows if more come).
_RUNS_PER_START_UP = 2


def _rules(rule: Any) -> list[str]:
    given = [rule] if isinstance(rule, str) else rule
    if isinstance(given, (str, bytes, Mapping)) or not hasattr(given, "__iter__"):
        raise ArgumentError("rule", f"must be one of {', '.join(map(repr, RULES))} or a list of them, got {rule!r}")
    listed = list(given)
    if not listed:
        raise ArgumentError("rule", "is empty: name at least one rule")
    for r in listed:
        if r not in RULES:
            raise ArgumentError("rule", f"must be one of {', '.join(map(repr, RULES))}, got {r!r}")
    return list(dict.fromkeys(listed))


def _money(argument: str, value: Any, *, positive: bool) -> float:
    amount = number(argument, value)
    if amount < 0 or (positive and amount == 0):
        raise ArgumentError(argument, f"must be {'above' if positive else 'at least'} 0 pounds, got {value!r}")
    if amount > 1e9:
        raise ArgumentError(argument, f"must be at most 1,000,000,000 pounds (a grant's limit), got {value!r}")
    return round(amount, 2)


class Portfolio:
    """What a pot of grants buys among a town's start-ups: made by :func:`portfolio`.

    Attributes
    ----------
    pot, step, target_survival : float
    objective : str
        The objective the optimiser served (a key of :data:`meantime.PORTFOLIO_OBJECTIVES`).
    rule : str
        The rule of the recommended allocation (the first rule asked for).
    rules : tuple of str
        Every rule evaluated (``none`` always, as the baseline).
    allocations : pandas.DataFrame
        Grants (pounds) by start-up (rows, in the candidates' order) and rule (columns).
    outcomes : pandas.DataFrame
        One row per rule: ``spent``; ``alive_<m>`` (expected services still going at month
        ``m``: 12, 24, 36 within the horizon, and the horizon) with ``alive_<m>_se``;
        ``client_months`` with ``client_months_se``; ``cost_per_survivor`` (pounds per service
        alive at the horizon; NaN with nothing spent) with ``cost_per_survivor_se``;
        ``extra_alive`` (services alive at the horizon beyond no grants) with
        ``extra_alive_se`` (paired: same draws); ``objective`` (the objective's value).
    moves : int
        Moves the optimiser made (0 if it was not asked for).
    paths, seed, horizon : int
    """

    def __init__(
        self,
        town: Town,
        objective: Objective,
        pot: float,
        step: float,
        target: float,
        allocations: dict[str, dict[str, float]],
        rule: str,
        moves: int,
        settings: dict,
    ) -> None:
        self._town, self._objective = town, objective
        self.pot, self.step, self.target_survival = pot, step, target
        self.objective, self.rule, self.rules = objective.name, rule, tuple(allocations)
        self.moves = moves
        self.paths, self.seed, self.horizon = town.runs.paths, town.runs.seed, town.horizon
        self._settings = settings
        self._allocations = allocations
        self.allocations = pd.DataFrame(allocations, index=pd.Index(town.names, name="start_up"))
        self.outcomes = self._outcome_table(allocations)

    # -- tables ----------------------------------------------------------------------------------

    def _outcome_row(self, allocation: Mapping[str, float], none: Mapping[str, float]) -> dict[str, float]:
        t: Totals = self._town.totals(allocation)
        row: dict[str, float] = {"spent": t.spent}
        for month, (mean, se) in t.alive.items():
            row[f"alive_{month}"], row[f"alive_{month}_se"] = mean, se
        row["client_months"], row["client_months_se"] = t.client_months
        row["cost_per_survivor"], row["cost_per_survivor_se"] = t.cost_per_survivor
        row["extra_alive"] = t.alive[self.horizon][0] - self._town.totals(none).alive[self.horizon][0]
        row["extra_alive_se"] = self._town.paired_se(allocation, none)
        row["objective"] = t.value(self._objective)
        return row

    def _outcome_table(self, allocations: Mapping[str, Mapping[str, float]]) -> pd.DataFrame:
        none = allocations["none"]
        rows = {rule: self._outcome_row(a, none) for rule, a in allocations.items()}
        return pd.DataFrame.from_dict(rows, orient="index").rename_axis("rule")

    def allocation_table(self, rule: Optional[str] = None) -> pd.DataFrame:
        """The allocation of ``rule`` (default: the recommended one), one row per start-up.

        Columns: ``grant`` (pounds, month 1); ``need`` (the grant that would reach the target
        survival at the horizon: 0 already there, NaN out of reach); ``survival_<m>`` with
        ``survival_<m>_se`` at months 12, 24, 36 within the horizon and the horizon;
        ``survival_without`` (at the horizon, no grant); ``gain`` (the difference) with
        ``gain_se`` (paired: the same futures); ``client_months`` with ``client_months_se``;
        ``evaluation`` (``shifted``: read exactly from the cash paths; ``rerun``: simulated).
        """
        rule = self.rule if rule is None else rule
        if rule not in self._allocations:
            raise ArgumentError("rule", f"was not evaluated; choose one of {', '.join(map(repr, self.rules))}")
        town, horizon = self._town, self.horizon
        rows = []
        for name, grant in self._allocations[rule].items():
            start_up = town.start_ups[name]
            with_grant, without = start_up.outcome(grant), start_up.outcome(0.0)
            n = with_grant.failure_month.size
            row: dict[str, Any] = {"start_up": name, "grant": grant, "need": town.need(name, self.target_survival)}
            for month in town.months:
                p = float(with_grant.alive(month).mean())
                row[f"survival_{month}"], row[f"survival_{month}_se"] = p, math.sqrt(p * (1 - p) / n)
            row["survival_without"] = float(without.alive(horizon).mean())
            d = with_grant.alive(horizon).astype(float) - without.alive(horizon)
            row["gain"] = float(d.mean())
            row["gain_se"] = float(d.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
            row["client_months"] = float(with_grant.client_months.mean())
            row["client_months_se"] = float(with_grant.client_months.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
            row["evaluation"] = start_up.method
            rows.append(row)
        return pd.DataFrame(rows).set_index("start_up")

    @property
    def allocation(self) -> pd.DataFrame:
        """The recommended allocation: :meth:`allocation_table` of :attr:`rule`."""
        return self.allocation_table()

    def path_outcomes(self, rule: Optional[str] = None) -> dict[str, Any]:
        """Per start-up, the per-path outcome under ``rule``'s grant: ``failure_month`` (-1
        never), ``client_months`` and ``lowest_cash`` arrays (same path order for every one)."""
        rule = self.rule if rule is None else rule
        if rule not in self._allocations:
            raise ArgumentError("rule", f"was not evaluated; choose one of {', '.join(map(repr, self.rules))}")
        return self._town.outcome_arrays(self._allocations[rule])

    # -- the curve against the pot ---------------------------------------------------------------

    def curve(self, pots: Optional[Sequence[float]] = None, *, progress: ProgressArgument = None) -> pd.DataFrame:
        """The optimised objective (and what it buys) against the size of the pot.

        Every pot is allocated by the optimising rule on the same futures (the same seed and
        paths, and each start-up's evaluations shared), in increasing order of pot; each pot's
        search also starts from the previous pot's allocation with the extra money left in the
        pot, so services alive and client-months never fall as the pot grows (the search may
        then find a better split than a search at that pot alone).

        Parameters
        ----------
        pots : list of float, optional
            Pots in pounds, at least 0; default 0, 1/4, 1/2, 3/4, 1, 1 1/2 and 2 times the pot.
        progress : bool or callable, optional
            A bar over the new runs the curve needs (most grants are read without running
            again).

        Returns
        -------
        pandas.DataFrame
            Indexed by ``pot``: the optimised allocation's ``spent``, ``objective``,
            ``alive_<m>`` with ``_se``, ``client_months`` with ``_se``, ``cost_per_survivor``
            with ``_se``, ``extra_alive`` with ``_se``; ``equal`` and ``need``, the objective of
            those rules at that pot; ``backed``, how many start-ups get a grant.
        """
        if pots is None:
            pots = [self.pot * f for f in (0, 0.25, 0.5, 0.75, 1, 1.5, 2)]
        if isinstance(pots, (str, bytes)) or not hasattr(pots, "__iter__"):
            raise ArgumentError("pots", f"must be a list of amounts in pounds, got {pots!r}")
        amounts = sorted({_money("pots", p, positive=False) for p in pots})
        if not amounts:
            raise ArgumentError("pots", "is empty: give at least one pot")
        town, objective = self._town, self._objective
        names = town.names
        none = {n: 0.0 for n in names}
        rows, previous = [], None
        with self._runs(progress, expected_runs=0):
            for pot in amounts:
                simple = _simple_allocations(town, pot, self.target_survival, SIMPLE_RULES)
                starts = list(simple.values()) + ([previous] if previous is not None else [])
                start = _best(town, objective, starts)
                best, _ = optimise(start, pot, self.step, objective, lambda a: town.value(a, objective))
                previous = best
                row = {"pot": pot, **self._outcome_row(best, none)}
                row["equal"] = town.value(simple["equal"], objective)
                row["need"] = town.value(simple["need"], objective)
                row["backed"] = sum(1 for g in best.values() if g > 0)
                rows.append(row)
        return pd.DataFrame(rows).set_index("pot")

    def _runs(self, progress: ProgressArgument, expected_runs: int) -> Runs:
        """New runs (a new bar) with this portfolio's settings, for the start-ups to use."""
        runs = Runs(
            self.paths,
            self.seed,
            self._settings["threads"],
            progress,
            expected_runs=expected_runs,
            client=self._settings["client"],
            chunk_paths=self._settings["chunk_paths"],
            retries=self._settings["retries"],
        )
        self._town.use(runs)
        return runs

    # -- words -----------------------------------------------------------------------------------

    def __str__(self) -> str:
        o = self.outcomes
        h = self.horizon
        chosen = o.loc[self.rule]
        grants = self.allocations[self.rule]
        backed = int((grants > 0).sum())
        lines = [
            f"Rule '{self.rule}' (objective: {OBJECTIVES[self.objective].words}): £{chosen.spent:,.0f} of a "
            f"£{self.pot:,.0f} pot to {backed} of {len(grants)} start-ups.",
            f"Expected services alive at {h} months: {chosen[f'alive_{h}']:.2f} ± "
            f"{half_width(chosen[f'alive_{h}_se']):.2f} ({chosen.extra_alive:+.2f} ± "
            f"{half_width(chosen.extra_alive_se):.2f} on no grants); client-months served "
            f"{chosen.client_months:,.0f} ± {half_width(chosen.client_months_se):,.0f}"
            + (f"; £{chosen.cost_per_survivor:,.0f} granted per service alive." if chosen.spent > 0 else "."),
        ]
        for rule in self.rules:
            if rule != self.rule:
                r = o.loc[rule]
                lines.append(
                    f"  {rule}: {r[f'alive_{h}']:.2f} ± {half_width(r[f'alive_{h}_se']):.2f} alive at {h} months, "
                    f"£{r.spent:,.0f} spent"
                )
        lines.append(
            f"({self.paths:,} simulated futures per start-up, seed {self.seed}; the same futures "
            f"under every rule; ± is a {LEVEL:.0%} interval.)"
        )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<meantime.Portfolio: {len(self.allocations)} start-ups, pot £{self.pot:,.0f}, rule "
            f"{self.rule!r}, objective {self.objective!r}, {self.paths:,} paths, seed {self.seed}>"
        )

    def report(self, path, title: Optional[str] = None, pots: Optional[Sequence[float]] = None) -> None:
        """Write the portfolio report, one self-contained HTML file; see
        :func:`meantime.report.portfolio.write_portfolio_report`."""
        view("portfolio_report")(self, path, title=title, pots=pots)


def _simple_allocations(town: Town, pot: float, target: float, rules: Sequence[str]) -> dict[str, dict[str, float]]:
    names = town.names
    made = {}
    for rule in rules:
        if rule == "none":
            made[rule] = {n: 0.0 for n in names}
        elif rule == "equal":
            made[rule] = equal_split(names, pot)
        elif rule == "need":
            made[rule] = by_need({n: town.need(n, target) for n in names}, pot)
    return made


def _best(town: Town, objective: Objective, allocations: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """The best allocation under the objective (the first of equals); NaN values lose."""
    best, best_value = allocations[0], town.value(allocations[0], objective)
    for allocation in allocations[1:]:
        value = town.value(allocation, objective)
        if objective.better(value, best_value):
            best, best_value = allocation, value
    return dict(best)


@takes_run_settings
def portfolio(
    scenarios: Any,
    pot: float,
    rule: str | Sequence[str] = "optimise",
    objective: str = "alive_36",
    paths: int = 10_000,
    seed: int = DEFAULT_SEED,
    *,
    step: Optional[float] = None,
    target_survival: float = 0.9,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    client: Any = None,
    chunk_paths: Optional[int] = None,
    retries: Optional[int] = None,
    evaluation: str = "auto",
    start: str = "best",
    settings: Optional[RunSettings] = None,
) -> Portfolio:
    """Split a pot of start-up grants among a town's candidate start-ups, by a rule.

    Each grant is paid to the business in month 1 (a record ``{amount, month: 1}`` added to
    ``funding.grants`` of a copy of the start-up's scenario). Every start-up and every grant is
    simulated with the same seed and paths, so path ``i`` meets the same luck under every
    allocation (common random numbers) and each comparison is sharp; each start-up's outcome
    with a grant is computed once and reused. Where neither benefits nor giving up are on, a
    month-1 grant raises every month's combined cash by exactly its amount and changes nothing
    else, so the futures with any grant are read from two runs (see
    :mod:`meantime.analyses._grants`); otherwise each grant is run.

    Parameters
    ----------
    scenarios : dict or list
        Name -> :class:`~meantime.Scenario` (or a dict read with ``Scenario.from_dict``); a
        list is named ``"start-up 1"``, ... All must have the same horizon (``run.months``).
    pot : float
        Pounds of grant money, at least 0.
    rule : str or list of str, default "optimise"
        ``"none"``, ``"equal"``, ``"need"`` or ``"optimise"`` (see
        :mod:`meantime.analyses._allocation`); a list evaluates several, the first being the
        recommendation. ``"none"`` is always evaluated (the baseline), and ``"optimise"`` also
        evaluates the simple rules it starts from.
    objective : str, default "alive_36"
        ``"alive_12"``, ``"alive_24"``, ``"alive_36"`` (expected services still going then),
        ``"client_months"`` (budget-holder client-months served) or ``"cost_per_survivor"``
        (pounds granted per service alive at the horizon; minimised): see
        :mod:`meantime.analyses._objectives`.
    step : float, optional
        Pounds moved at a time by the optimiser; default a twentieth of the pot.
    target_survival : float, default 0.9
        The survival at the horizon the ``need`` rule funds each start-up to reach.
    evaluation : {"auto", "rerun"}
        ``"rerun"`` simulates every grant even where reading it from the cash paths is exact.
    start : {"best", "none", "equal", "need"}
        Where the optimiser starts: the best of the simple rules under the objective (default),
        or one of them (``"none"`` keeps every grant a whole number of steps).
    paths, seed, threads, progress, client, chunk_paths, retries, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: every run of the analysis uses them, with one progress bar
        over the whole analysis.

    Returns
    -------
    Portfolio
        ``allocation`` (the recommended allocation, one row per start-up), ``allocations``
        (every rule's grants), ``outcomes`` (every rule's totals with standard errors),
        ``curve(pots)`` (the objective against the pot), ``str()`` in words and ``report()``.

    Raises
    ------
    ArgumentError
        For an empty or unnamed set of scenarios, scenarios with different horizons, a pot or
        step that is negative (or a step of 0), an unknown rule or objective, an objective
        month beyond the horizon, a target survival outside (0, 1), an unknown evaluation or
        start.
    RunSettingsError
        For unusable ``paths``, ``seed`` or ``threads``.

    Examples
    --------
    >>> import meantime
    >>> s = meantime.default_scenario()
    >>> town = {"kitchen table": s, "dearer": s.replace(business__price_per_session=13),
    ...         "fewer savings": s.replace(household__savings=1500)}
    >>> result = meantime.portfolio(town, pot=3000, paths=1_000, seed=1, progress=False)
    >>> float(result.allocations["optimise"].sum()) <= 3000
    True
    >>> bool(result.outcomes.loc["optimise", "objective"] >= result.outcomes.loc["equal", "objective"])
    True
    """
    named = candidates(scenarios)
    pot = _money("pot", pot, positive=False)
    rules = _rules(rule)
    chosen_objective = objective_named(objective)
    horizon = next(iter(named.values())).run.months
    if chosen_objective.month is not None and chosen_objective.month > horizon:
        raise ArgumentError(
            "objective",
            f"{objective!r} needs a horizon of at least {chosen_objective.month} months; "
            f"the start-ups' run.months is {horizon}",
        )
    if step is None:
        step = round(pot / 20, 2) if pot >= 0.2 else 1.0
    step = _money("step", step, positive=True)
    target = probability("target_survival", target_survival)
    if evaluation not in ("auto", "rerun"):
        raise ArgumentError("evaluation", f"must be 'auto' or 'rerun', got {evaluation!r}")
    if start not in ("best",) + SIMPLE_RULES:
        raise ArgumentError("start", f"must be 'best', 'none', 'equal' or 'need', got {start!r}")

    evaluated = ["none"] + [r for r in rules if r != "none"]
    if "optimise" in rules:
        evaluated = list(dict.fromkeys(evaluated[:1] + [r for r in SIMPLE_RULES if r != "none"] + evaluated[1:]))
    run_options = dict(threads=threads, client=client, chunk_paths=chunk_paths, retries=retries)
    with Runs(
        paths,
        seed,
        threads,
        progress,
        expected_runs=_RUNS_PER_START_UP * len(named),
        client=client,
        chunk_paths=chunk_paths,
        retries=retries,
    ) as runs:
        town = Town(named, runs, evaluation)
        town.prepare()
        for name in town.names:  # every allocation table shows each start-up's need
            town.need(name, target)
        simple = _simple_allocations(town, pot, target, [r for r in evaluated if r != "optimise"])
        allocations = {r: simple[r] for r in evaluated if r != "optimise"}
        moves = 0
        if "optimise" in rules:
            first = [simple[r] for r in SIMPLE_RULES] if start == "best" else [simple[start]]
            allocations["optimise"], moves = optimise(
                _best(town, chosen_objective, first),
                pot,
                step,
                chosen_objective,
                lambda a: town.value(a, chosen_objective),
            )
        allocations = {r: allocations[r] for r in evaluated}
        return Portfolio(town, chosen_objective, pot, step, target, allocations, rules[0], moves, run_options)
