"""What a town run returns: :class:`TownResult`, one :class:`~meantime.Result` per provider and the
town's own statistics, in tables with a ``provider`` column and in words."""

from __future__ import annotations

import math
from functools import cached_property

import numpy as np
import pandas as pd

from .. import _core
from ..errors import NotKeptError
from ..scenario.record_base import Root
from ..scenario.scenario import Scenario
from .result import Result
from .uncertainty import LEVEL, half_width
from .views import view
from .words import in_ten, percent

__all__ = ["TownResult", "TOWN_SERIES", "TOWN_TOTALS", "provider_label"]

#: The town's monthly series (``TownResult.monthly``).
TOWN_SERIES: tuple[str, ...] = tuple(_core.town_series_names)
#: The town's per-path totals (``TownResult.town_outcomes``).
TOWN_TOTALS: tuple[str, ...] = tuple(_core.town_total_names)

_TOWN_MEANINGS = {
    "clients_served": ("clients", "budget holders who became a provider's client"),
    "client_months": ("client-months", "months of service bought by budget holders"),
    "lost_to_price": ("prospects", "aware budget holders who could afford no offer"),
    "chose_none": ("prospects", "could afford an offer but bought none"),
    "lost_to_capacity": ("prospects", "chose an offer whose diary was full"),
    "survivors": ("providers", "providers still trading at the horizon"),
}


def provider_label(i: int) -> str:
    """The name of provider ``i`` in tables and messages: ``"providers[0]"``, as in the scenario."""
    return f"providers[{i}]"


def _scenario_of(core: _core.Scenario) -> Scenario:
    return Scenario._of(Root._from_core(core, ""))


class TownResult:
    """The futures of a town of several providers.

    Made by :func:`~meantime.simulate` when the scenario has a ``providers`` list.
    :attr:`providers` holds one :class:`~meantime.Result` per provider (everything a single
    provider's result has: ``summary()``, ``monthly``, ``outcomes``, plots); :meth:`summary` and
    :attr:`outcomes` put them in one table with a ``provider`` column, beside the town's own rows;
    :attr:`monthly` and :meth:`survivors` describe the town; ``str(result)`` answers in words, one
    paragraph per provider and one for the town.

    Examples
    --------
    >>> import meantime
    >>> town = meantime.Scenario(providers=[{"stream": 1}, {"stream": 2}], town={"shared_market": True})
    >>> result = meantime.simulate(town, paths=1_000, seed=1)
    >>> len(result.providers)
    2
    >>> sorted(set(result.summary()["provider"]))
    ['providers[0]', 'providers[1]', 'town']
    """

    def __init__(self, scenario: "Scenario", run: _core.TownResult, seconds: float = float("nan")) -> None:
        self.scenario = scenario
        self._run = run
        self.seed: int = run.seed
        self.first_path: int = run.first_path
        self.path_count: int = run.paths
        self.months: int = run.months
        self.seconds = seconds
        self.statistics: _core.TownStatistics = run.town
        self.providers: list[Result] = [
            Result(_scenario_of(_core.provider_scenario(scenario._core, i)), run.provider(i), seconds)
            for i in range(run.provider_count)
        ]
        for provider in self.providers:  # run alone, a provider would meet no competitors
            provider.standalone = False

    # -- the town --------------------------------------------------------------------------------

    def survivors(self, month: int | None = None) -> pd.DataFrame:
        """How many providers are still trading at the end of ``month`` (default: the horizon).

        Returns
        -------
        pandas.DataFrame
            Indexed by ``survivors`` (0 .. number of providers): ``paths``, ``share`` and its
            ``std_error``.
        """
        month = self.months if month is None else int(month)
        if not 1 <= month <= self.months:
            raise ValueError(f"month must be between 1 and {self.months}, got {month}")
        counts = self.statistics.alive_counts()[month - 1].astype(float)
        share = counts / self.path_count
        table = pd.DataFrame(
            {
                "paths": counts.astype(np.int64),
                "share": share,
                "std_error": np.sqrt(share * (1 - share) / self.path_count),
            }
        )
        table.index.name = "survivors"
        return table

    @cached_property
    def monthly(self) -> pd.DataFrame:
        """The town month by month: the mean across paths of each town series (``offers_alive``,
        ``active_clients``, ``new_clients``, ``lost_to_price``, ``chose_none``,
        ``lost_to_capacity``), with ``<series>_se``, its standard error."""
        s, n = self.statistics, self.path_count
        columns: dict[str, np.ndarray] = {}
        for series in TOWN_SERIES:
            columns[f"{series}_mean"] = s.means(series)
            columns[f"{series}_se"] = (
                np.sqrt(np.maximum(s.variances(series), 0) / n) if n > 1 else np.full(self.months, np.nan)
            )
        return pd.DataFrame(columns, index=pd.RangeIndex(1, self.months + 1, name="month"))

    @cached_property
    def town_outcomes(self) -> pd.DataFrame:
        """The town's totals per path (``clients_served``, ``client_months``, ``survivors``...),
        one row per path, without copying."""
        columns = self._run.town_outcome_columns()
        if columns is None:
            raise NotKeptError("this run kept no per-path outcomes; simulate(..., keep_outcomes=True) keeps them")
        index = pd.RangeIndex(self.first_path, self.first_path + self.path_count, name="path")
        return pd.DataFrame(columns, index=index, copy=False)

    # -- tables with a provider column -----------------------------------------------------------

    def summary(self) -> pd.DataFrame:
        """Every provider's headline answers and the town's, in one table.

        Returns
        -------
        pandas.DataFrame
            Columns ``provider`` (``"providers[0]"``, ... and ``"town"``), ``answer``,
            ``estimate``, ``std_error``, ``plus_minus`` (the 95% interval's half-width), ``unit``,
            ``meaning``. A provider's rows are its
            :meth:`Result.summary`; the town's are the chance that all and that none of the
            providers survive, and the mean of each town total per future.
        """
        tables = []
        for i, result in enumerate(self.providers):
            table = result.summary().reset_index()
            table.insert(0, "provider", provider_label(i))
            tables.append(table)
        tables.append(self._town_summary())
        table = pd.concat(tables, ignore_index=True)
        table["plus_minus"] = half_width(table["std_error"])  # the town's rows too
        return table

    def _town_summary(self) -> pd.DataFrame:
        n, k = self.path_count, len(self.providers)
        survivors = self.survivors()["share"]
        rows = []
        for key, p, meaning in (
            ("all_survive", survivors.iloc[k], f"all {k} providers still trading"),
            ("none_survive", survivors.iloc[0], "no provider still trading"),
        ):
            rows.append((key, p, math.sqrt(p * (1 - p) / n), "probability", f"{meaning} after {self.months} months"))
        for total in TOWN_TOTALS:
            unit, meaning = _TOWN_MEANINGS.get(total, ("", total.replace("_", " ")))
            t = self.statistics.total(total)
            rows.append(
                (
                    f"mean_{total}",
                    t.mean,
                    math.sqrt(t.variance / n) if n > 1 else math.nan,
                    unit,
                    f"{meaning}, per future, over the horizon",
                )
            )
        table = pd.DataFrame.from_records(rows, columns=["answer", "estimate", "std_error", "unit", "meaning"])
        table.insert(0, "provider", "town")
        return table

    @cached_property
    def outcomes(self) -> pd.DataFrame:
        """Every provider's per-path outcomes in one long table (a copy), with a ``provider`` column."""
        tables = []
        for i, result in enumerate(self.providers):
            table = result.outcomes.reset_index()
            table.insert(0, "provider", provider_label(i))
            tables.append(table)
        return pd.concat(tables, ignore_index=True)

    # -- combining -------------------------------------------------------------------------------

    def merge(self, next_chunk: "TownResult") -> "TownResult":
        """This chunk of paths followed by ``next_chunk``, as one result (bit-identical to one run)."""
        merged = self._run.merged(next_chunk._run)
        return TownResult(self.scenario, merged, seconds=self.seconds + next_chunk.seconds)

    def report(self, path, title: str | None = None) -> None:
        """Write the town's report (one section per provider and one for the town) as one HTML file."""
        view("town_report")(self, path, title=title)

    # -- words -----------------------------------------------------------------------------------

    def __str__(self) -> str:
        lines = []
        for i, result in enumerate(self.providers):
            lines.append(f"{provider_label(i)}:")
            lines.extend("  " + line for line in str(result).splitlines()[:-1])
        k = len(self.providers)
        table = self.survivors()
        mean = self.statistics.total("survivors").mean
        all_survive, none_survive = table["share"].iloc[k], table["share"].iloc[0]
        served = self.statistics.total("clients_served").mean
        lines.append("The town:")
        lines.append(
            f"  On average {mean:.1f} of the {k} providers are still trading after {self.months} months; "
            f"all of them in {in_ten(all_survive)} futures ({percent(all_survive)}), "
            f"none in {in_ten(none_survive)} ({percent(none_survive)})."
        )
        lines.append(
            f"  Budget holders served: {served:,.1f} per future "
            f"({self.statistics.total('client_months').mean:,.0f} client-months); "
            f"{self.statistics.total('lost_to_price').mean:,.1f} could afford no offer, "
            f"{self.statistics.total('lost_to_capacity').mean:,.1f} met a full diary."
        )
        lines.append(
            f"({self.path_count:,} simulated futures, seed {self.seed}; ± is a {LEVEL:.0%} interval, in points "
            "for a chance.)"
        )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<meantime.TownResult: {len(self.providers)} providers, {self.path_count:,} paths x "
            f"{self.months} months, seed {self.seed}>"
        )
