"""What a run returns: :class:`Result`, with tables (pandas), arrays (numpy, no copies) and words."""

from __future__ import annotations

import math
import threading
from functools import cached_property
from typing import Any, Callable, Optional

import numpy as np
import pandas as pd

from .. import _core
from ..errors import ArgumentError, NotKeptError, RunCancelled
from ..scenario.scenario import Scenario
from .capital import Capital, SavingsSearch, capital_from_lowest_cash, extra_capital, probe, shifted_savings
from .progress import ProgressBar
from .uncertainty import LEVEL, half_width, share_with_interval
from .views import view
from .words import in_ten, limited_capability, percent

__all__ = ["Result", "SERIES", "FAILURE_CAUSES", "MONTHLY_QUANTILES", "without_benefits_words", "capital_words"]

#: The monthly series, as the engine names them (``Result.monthly``, ``Result.paths``).
SERIES: tuple[str, ...] = tuple(_core.series_names)
#: Failure causes by code: ``outcomes["failure_cause"]`` holds the index into this tuple.
FAILURE_CAUSES: tuple[str, ...] = tuple(_core.failure_cause_names)
#: The quantile levels reported per month in ``Result.monthly``.
MONTHLY_QUANTILES: tuple[float, ...] = (0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95)
_LOWEST_CASH_QUANTILES = (0.05, 0.10, 0.25, 0.50)


# Units and words for the totals this package knows; a total the engine adds later is shown too,
# under its own name.
_TOTALS = {
    "clients_served": ("clients", "clients served"),
    "sessions_delivered": ("sessions", "sessions delivered"),
    "lost_to_price": ("prospects", "aware prospects whose budget could not pay"),
    "lost_to_capacity": ("prospects", "prospects who could pay, but the diary was full"),
    "drawings": ("pounds", "paid from the business to the household"),
    "billed": ("pounds", "revenue billed"),
    "received": ("pounds", "clients' payments received"),
    "bad_debt": ("pounds", "billed and never paid"),
    "benefits": ("pounds", "benefits paid to the household (net of advance repayments)"),
    "months_ill": ("months", "months the founder was ill"),
    "sessions_covered": ("sessions", "sessions a peer delivered while the founder was ill"),
    "groups_formed": ("groups", "groups formed"),
    "groups_collapsed": ("groups", "groups that fell below their minimum size and ended"),
    "group_members_served": ("members", "members who joined a group"),
    "group_meetings_held": ("meetings", "group meetings held"),
    "group_meetings_cancelled": ("meetings", "group meetings cancelled for too few attendees"),
    "group_members_priced_out": ("members", "members who left a pooled group when their share rose past their budget"),
    "group_prospects_gave_up": ("prospects", "prospects who gave up waiting for a group"),
    "group_billed": ("pounds", "revenue billed for group meetings"),
    "self_funders_served": ("people", "clients who came paying from their own money (market.routes)"),
    "tax": ("pounds", "income tax and National Insurance set aside"),
    "household_income": ("pounds", "the household's income: drawings, wages, other income and benefits"),
}


def _label(q: float) -> str:
    return f"q{round(100 * q):02d}"


class Result:
    """The futures of one scenario: statistics, per-path outcomes and (when kept) full paths.

    Made by :func:`~meantime.simulate`. ``str(result)`` answers in words; :meth:`summary` gives
    the headline answers with their Monte Carlo standard errors; :attr:`monthly` the per-month
    statistics; :attr:`outcomes` and :attr:`paths` the per-path data as views of the engine's
    memory (no copies); :attr:`outcome_arrays` the outcomes as a dict of numpy arrays.

    Attributes
    ----------
    scenario : Scenario
        What was simulated.
    seed, first_path, path_count, months : int
        The run: paths ``first_path .. first_path + path_count - 1`` over ``months`` months.
    seconds : float
        Wall-clock time of the run.
    statistics : meantime._core.Statistics
        The engine's statistics across paths, for anything the tables do not show.

    Examples
    --------
    >>> import meantime
    >>> result = meantime.simulate(paths=1_000, seed=2026)
    >>> print(result.outcomes.loc[0, "lowest_cash"])
    1399.2000000000003
    >>> "futures survive 36 months" in str(result)
    True
    >>> bool(result.monthly.loc[12, "clients_q50"] == result.statistics.quantile("clients", 12, 0.5))
    True
    """

    def __init__(self, scenario: "Scenario", run: _core.RunResult, seconds: float = float("nan")) -> None:
        self.scenario = scenario
        self._run = run
        self.seed: int = run.seed
        self.first_path: int = run.first_path
        self.path_count: int = run.paths
        self.months: int = run.months
        # False when each path stopped at its failure (simulate's follow_failed=False): lowest
        # and final cash are then as they stood at the failure, not "had it carried on".
        self.followed_failed: bool = run.followed_failed
        self.seconds = seconds
        self.statistics: _core.Statistics = run.statistics
        # The run without benefits, made once on first use (a lock of its own: not one shared
        # by every result, so results in different threads do not wait for each other).
        self._without_benefits: "Result | None" = None
        self._without_benefits_made = False
        self._without_benefits_lock = threading.Lock()
        # The extra capital by (chance, confidence), found on first use (with a savings-dependent
        # rule, by a few more runs, whose search is kept for the next chance asked).
        self._capital: dict[tuple[float, float], Capital] = {}
        self._capital_search: Optional[SavingsSearch] = None
        self._capital_lock = threading.Lock()
        #: False for one provider of a town (:class:`TownResult`): its futures cannot be run alone.
        self.standalone = True
        #: Whether the runs made later (the extra capital's search) may show a progress bar when
        #: long: :func:`~meantime.simulate` sets it False when told ``progress=False`` or a function.
        self.show_progress = True
        #: The function :func:`~meantime.simulate` was given as ``progress``, if any: the runs
        #: made later report to it too (``(done, total)`` over all of them), and stop when it
        #: returns False (:class:`RunCancelled`), as a page's job is cancelled by a newer change.
        self.report_later: Optional[Callable[[int, int], Any]] = None

    def __reduce__(self):
        # The engine's result pickles exactly (its bytes); cached tables are made again.
        return (Result, (self.scenario, self._run, self.seconds))

    # -- single numbers ------------------------------------------------------------------------

    def _month(self, month: int | None) -> int:
        return self.months if month is None else int(month)

    def survival(self, month: int | None = None) -> float:
        """Share of futures still going at the end of ``month`` (default: the horizon)."""
        return self.statistics.survival(self._month(month))

    def benefits_share(self) -> float:
        """Benefits as a share of the household's income over the horizon: the mean benefits paid
        per future over the mean household income (drawings, wages after tax, partner's and
        other income, benefits); NaN when there is no income."""
        income = self.statistics.total("household_income").mean
        return self.statistics.total("benefits").mean / income if income > 0 else math.nan

    def floor_bites(self) -> tuple[float, float]:
        """When the minimum income floor starts to bite: (share of futures in which it raises the
        founder's earned income within the horizon, and the first month by which it has in half
        of those futures; NaN when it never does)."""
        counts = np.asarray(self.statistics.floor_bites().counts()[1:])
        bitten = int(counts.sum())
        if bitten == 0:
            return 0.0, math.nan
        month = int(np.nonzero(2 * np.cumsum(counts) >= bitten)[0][0]) + 1
        return bitten / self.path_count, float(month)

    @property
    def without_benefits(self) -> "Result | None":
        """The same futures with the benefit rule off (same seed and paths: common random numbers,
        so the difference is the benefits' own), or None when the rule is off already.

        Run once per result, on first use (``str(result)``, :meth:`summary` and the report all
        read it); threads asking at once wait for the one run."""
        with self._without_benefits_lock:
            if not self._without_benefits_made:
                self._without_benefits = self._run_without_benefits()
                self._without_benefits_made = True
            return self._without_benefits

    def _run_without_benefits(self) -> "Result | None":
        if not self.scenario.benefits.enabled:
            return None
        scenario = self.scenario.replace(benefits__enabled=False)
        run = _core.simulate(scenario._core, self.path_count, self.seed, self.first_path, 0, False, False)
        return Result(scenario, run)

    def operating_break_even_by(self, month: int | None = None) -> float:
        """Share of futures whose business covers its own costs, sustained, by ``month``."""
        return self.statistics.operating_break_even_by(self._month(month))

    def living_break_even_by(self, month: int | None = None) -> float:
        """Share of futures whose business also pays the founder's way by ``month``."""
        return self.statistics.living_break_even_by(self._month(month))

    def standard_error(self, probability: float) -> float:
        """Monte Carlo standard error of a probability estimated from this run's paths."""
        return math.sqrt(max(probability * (1 - probability), 0.0) / self.path_count)

    def extra_capital_needed(self, chance: float = 0.9) -> float:
        """Extra starting capital that would carry ``chance`` of the futures through: the
        estimate of :meth:`extra_capital` (which gives its interval too), 0 when the planned
        savings already do."""
        return self.extra_capital(chance).extra

    def extra_capital(self, chance: float = 0.9, confidence: float = 0.95) -> Capital:
        """The least extra starting savings with which ``chance`` of these very futures get
        through, with its ``confidence`` interval: the figure ``meantime capital``,
        :func:`~meantime.required_capital` and the report give for the same seed and paths
        (:mod:`meantime.running.capital` says how it is found).

        Without a savings-dependent rule it is an order statistic of this run's lowest cash
        (exact on these paths; a run that kept no outcomes is run once more to read them). With
        one (benefits, giving up), a few more runs with more savings and the same seed find it
        to the pound; they are made once, on first use, and kept (threads asking at once wait
        for them). One provider of a town reads its own lowest cash in the town's run.

        Returns
        -------
        meantime.running.capital.Capital
            ``extra`` (pounds; 0 when the savings suffice, NaN when no savings reach the
            chance), its interval ``low`` to ``high``, ``achieved``, ``method`` and ``note``.

        Raises
        ------
        ArgumentError
            For a chance or confidence outside (0, 1), or savings drawn from a distribution
            that cannot be moved by an amount when a savings-dependent rule applies.

        Examples
        --------
        >>> import meantime
        >>> result = meantime.simulate(meantime.default_scenario(), paths=1_000, seed=2026)
        >>> capital = result.extra_capital(0.9)
        >>> capital.method, bool(capital.low <= capital.extra <= capital.high)
        ('search', True)
        >>> table = meantime.required_capital(result.scenario, survival=0.9, paths=1_000, seed=2026)
        >>> bool(table.loc[0.9, "extra_capital"] == capital.extra)
        True
        """
        for name, value in (("chance", chance), ("confidence", confidence)):
            if not (isinstance(value, (int, float)) and 0 < value < 1):
                raise ArgumentError(name, f"must be between 0 and 1, got {value!r}")
        key = (float(chance), float(confidence))
        with self._capital_lock:
            if key not in self._capital:
                self._capital[key] = self._find_capital(*key)
            return self._capital[key]

    def _capital_outcomes(self) -> dict[str, np.ndarray]:
        """This run's per-path outcomes, or the same run again with them kept."""
        if self._run.has_outcomes:
            return self.outcome_arrays
        run = _core.simulate(
            self.scenario._core, self.path_count, self.seed, self.first_path, 0, True, False, monthly_statistics=False
        )
        columns = run.outcome_columns()
        assert columns is not None  # kept: keep_outcomes=True
        return columns

    def _provider_capital(self, chance: float, confidence: float) -> Capital:
        """One provider of a town: from its own lowest cash in the town's run (run alone, its
        futures would meet no competitors), whatever rules apply."""
        lowest = self.outcome_arrays["lowest_cash"] if self._run.has_outcomes else np.full(1, math.nan)
        shift, low, high = capital_from_lowest_cash(lowest, chance, confidence)
        floor = -self.scenario.household.savings.mean()
        return Capital(
            survival=chance,
            confidence=confidence,
            extra=max(0.0, shift),
            low=max(0.0, low),
            high=max(0.0, high),
            shift=max(shift, floor),
            shift_low=max(low, floor),
            shift_high=max(high, floor),
            achieved=float(np.mean(lowest + shift >= 0)),
            method="lowest_cash",
            note="one provider of a town: from its lowest cash in the town's run",
            runs=0,
        )

    def _find_capital(self, chance: float, confidence: float) -> Capital:
        if not self.standalone:
            return self._provider_capital(chance, confidence)
        outcomes = self._capital_outcomes()
        expected = 10 * self.path_count
        bar = ProgressBar(expected if self.show_progress else 0)
        done = [0]

        def report(paths_done: int, _total: int) -> Any:
            total = max(bar.total, done[0] + self.path_count)
            if total != bar.total:
                bar.total = total
                if bar.bar is not None:
                    bar.bar.total = total
            if self.report_later is not None:
                return self.report_later(done[0] + paths_done, total)
            return bar(done[0] + paths_done, total) if self.show_progress else True

        def run(shift: float):
            # Asked before each run too: a run shorter than the engine's reporting interval
            # reports only at its end, when it is too late to stop it. (None carries on, as the
            # engine reads it.)
            answer = report(0, 0)
            if answer is not None and not answer:
                raise RunCancelled("the progress function asked to stop")
            engine_run = _core.simulate(
                shifted_savings(self.scenario, shift)._core,
                paths=self.path_count,
                seed=self.seed,
                first_path=self.first_path,
                keep_outcomes=True,
                progress=report,
                monthly_statistics=False,  # the search reads each future's lowest cash only
            )
            done[0] += self.path_count
            columns = engine_run.outcome_columns()
            assert columns is not None  # kept: keep_outcomes=True
            return probe(columns)

        if self._capital_search is None:
            self._capital_search = SavingsSearch(self.scenario, run, 1.0, probe(outcomes))
        self._capital_search.run_at = run  # this call's progress bar
        try:
            return extra_capital(self.scenario, outcomes, run, chance, confidence, 1.0, self._capital_search)
        finally:
            bar.close()

    def _median_month(self, counts: _core.CountHistogram) -> float:
        """First month by which half of all futures got there; NaN if not within the horizon."""
        reached = np.cumsum(counts.counts()[1:])
        hits = np.nonzero(2 * reached >= self.path_count)[0]
        return float(hits[0] + 1) if hits.size else math.nan

    # -- tables --------------------------------------------------------------------------------

    def summary(self, without_benefits: bool = True, capital: bool = True) -> pd.DataFrame:
        """The headline answers, each estimate with its Monte Carlo uncertainty: the standard
        error, and ``plus_minus``, the half-width of its 95% interval (1.96 standard errors: the
        ± that ``str(result)`` and the command line show; :mod:`meantime.running.uncertainty`).

        Parameters
        ----------
        without_benefits : bool
            With the benefit rule on, also ``survival_without_benefits``: the same futures run
            again with the rule off (a second run as long as the first). False leaves it out.
        capital : bool
            The ``extra_capital_for_90_percent`` rows (:meth:`extra_capital`: where a
            savings-dependent rule applies, a search that runs more futures). False leaves them
            out.

        Returns
        -------
        pandas.DataFrame
            Indexed by answer (``survival``, ``operating_break_even``, ``living_break_even``,
            ``payback``, median months, lowest-cash quantiles, ``extra_capital_for_90_percent``
            (:meth:`extra_capital`, the figure ``meantime capital`` gives) and the ends of its
            95% interval, ``extra_capital_for_90_percent_low`` and ``_high``,
            and the mean of every per-path total: ``mean_clients_served``, ...; the group totals,
            ``mean_groups_formed``, ``mean_group_meetings_held``, ..., when the scenario sells
            groups), with columns ``estimate``, ``std_error`` (NaN where not estimated),
            ``plus_minus`` (1.96 x ``std_error``), ``unit`` and ``meaning``.

        Examples
        --------
        >>> import meantime
        >>> table = meantime.simulate(paths=1_000).summary()
        >>> list(table.columns)
        ['estimate', 'std_error', 'plus_minus', 'unit', 'meaning']
        >>> round(float(table.loc["survival", "plus_minus"] / table.loc["survival", "std_error"]), 6)
        1.959964
        """
        s, n, horizon = self.statistics, self.path_count, self.months
        rows: list[tuple[str, float, float, str, str]] = []

        def probability(key: str, p: float, meaning: str) -> None:
            rows.append((key, p, self.standard_error(p), "probability", meaning))

        def mean(key: str, total: _core.ExactSum, unit: str, meaning: str) -> None:
            rows.append((key, total.mean, math.sqrt(total.variance / n) if n > 1 else math.nan, unit, meaning))

        probability("survival", s.survival(horizon), f"still going after {horizon} months")
        causes = [c for c in FAILURE_CAUSES if c != "none"]
        if len(causes) > 1:
            for cause in causes:
                probability(
                    f"failure_{cause}",
                    s.failures(cause).reached_by(horizon) / n,
                    f"stopped by month {horizon}: {cause.replace('_', ' ')}",
                )
        probability(
            "operating_break_even",
            s.operating_break_even_by(horizon),
            f"the business covers its own costs, sustained, by month {horizon}",
        )
        probability(
            "living_break_even",
            s.living_break_even_by(horizon),
            f"the business also pays the founder's way by month {horizon}",
        )
        probability(
            "payback",
            s.payback().reached_by(horizon) / n,
            f"cumulative profit, start-up costs included, back to zero by month {horizon}",
        )
        for key, counts, what in (
            ("operating_break_even", s.operating_break_even(), "cover their costs"),
            ("living_break_even", s.living_break_even(), "pay the founder's way"),
            ("payback", s.payback(), "pay back"),
        ):
            rows.append(
                (
                    f"median_month_{key}",
                    self._median_month(counts),
                    math.nan,
                    "month",
                    f"half of all futures {what} by this month (NaN: not within {horizon} months)",
                )
            )
        lowest = s.lowest_cash().histogram
        for q in _LOWEST_CASH_QUANTILES:
            rows.append(
                (
                    f"lowest_cash_{_label(q)}",
                    lowest.quantile(q),
                    math.nan,
                    "pounds",
                    f"lowest combined cash: {round(100 * q)}% of futures fall to this or below",
                )
            )
        found = self._capital_or_none(0.9) if capital else None
        for key, value, meaning in (
            (
                "",
                found.extra if found else math.nan,
                "more starting capital that would carry 9 in 10 futures through",
            ),
            ("_low", found.low if found else math.nan, "the low end of its 95% interval"),
            ("_high", found.high if found else math.nan, "the high end of its 95% interval"),
        ):
            if capital:
                rows.append((f"extra_capital_for_90_percent{key}", value, math.nan, "pounds", meaning))
        if self.scenario.benefits.enabled:
            rows.append(
                (
                    "benefits_share_of_income",
                    self.benefits_share(),
                    math.nan,
                    "share",
                    "benefits as a share of the household's income over the horizon",
                )
            )
            bites, month = self.floor_bites()
            probability(
                "floor_bites", bites, f"the minimum income floor raises the founder's earnings by month {horizon}"
            )
            rows.append(
                (
                    "median_month_floor_bites",
                    month,
                    math.nan,
                    "month",
                    "half of the futures where the floor bites see it first by this month",
                )
            )
            if without_benefits:
                without = self.without_benefits
                assert without is not None  # the rule is on
                probability(
                    "survival_without_benefits",
                    without.survival(horizon),
                    f"still going after {horizon} months on the same futures without benefits",
                )
        groups = self.scenario.group.enabled
        for total in _core.total_names:  # every per-path total the engine sums (group ones with groups on)
            if total.startswith("group") and not groups:
                continue
            unit, meaning = _TOTALS.get(total, ("", total.replace("_", " ")))
            mean(f"mean_{total}", s.total(total), unit, f"{meaning}, per future, over the horizon")
        table = pd.DataFrame.from_records(rows, columns=["answer", "estimate", "std_error", "unit", "meaning"])
        table.insert(3, "plus_minus", half_width(table["std_error"]))
        return table.set_index("answer")

    @cached_property
    def monthly(self) -> pd.DataFrame:
        """Per-month statistics across paths, indexed by month (1 .. months).

        Columns: ``survival`` (share still going at the end of the month),
        ``operating_break_even`` and ``living_break_even`` (cumulative probabilities), then for
        every series (clients, sessions, revenue, profit, business_cash, household_cash,
        drawings, ...) its mean (``<series>_mean``) and quantiles ``<series>_q05``, ``_q10``,
        ``_q25``, ``_q50``, ``_q75``, ``_q90``, ``_q95``. A failed path counts with no activity
        and its cash as it stood when it failed.
        """
        s = self.statistics
        columns: dict[str, np.ndarray] = {
            "survival": s.survival_curve(),
            "operating_break_even": s.operating_break_even_curve(),
            "living_break_even": s.living_break_even_curve(),
        }
        for series in SERIES:
            columns[f"{series}_mean"] = s.means(series)
            quantiles = s.quantiles(series, list(MONTHLY_QUANTILES))
            for j, q in enumerate(MONTHLY_QUANTILES):
                columns[f"{series}_{_label(q)}"] = quantiles[:, j]
        return pd.DataFrame(columns, index=pd.RangeIndex(1, self.months + 1, name="month"))

    @cached_property
    def outcomes(self) -> pd.DataFrame:
        """Each path's outcome, one row per path (indexed by path number), without copying.

        The columns are the engine's own arrays (``failure_month``, ``failure_cause``,
        ``operating_break_even_month``, ``living_break_even_month``, ``payback_month``,
        ``lowest_cash``, ``lowest_cash_month``, ``clients_served``, ...). Months run 1 ..
        months; -1 means "not within the horizon". ``failure_cause`` is a code into
        :data:`meantime.FAILURE_CAUSES`.

        Raises
        ------
        NotKeptError
            When the run was made with ``keep_outcomes=False``.
        """
        index = pd.RangeIndex(self.first_path, self.first_path + self.path_count, name="path")
        return pd.DataFrame(self.outcome_arrays, index=index, copy=False)

    @cached_property
    def outcome_arrays(self) -> dict[str, np.ndarray]:
        """:attr:`outcomes` as a dict of numpy arrays, column name -> the engine's own array
        (no copy, no DataFrame: what an analysis that reduces many runs reads).

        Raises
        ------
        NotKeptError
            When the run was made with ``keep_outcomes=False``.
        """
        columns = self._run.outcome_columns()
        if columns is None:
            raise NotKeptError("this run kept no per-path outcomes; simulate(..., keep_outcomes=True) keeps them")
        return columns

    @property
    def has_paths(self) -> bool:
        """Whether the run kept its full paths (``simulate(..., keep_paths=True)``): :attr:`paths`."""
        return bool(self._run.has_path_arrays)

    @cached_property
    def paths(self) -> dict[str, np.ndarray]:
        """Full path arrays: ``{series: array of shape (paths, months)}``, without copying.

        Column ``t - 1`` is month ``t``. The arrays share the engine's memory (``owndata`` is
        False) and keep it alive.

        Raises
        ------
        NotKeptError
            When the run was made without ``keep_paths=True``.
        """
        arrays = self._run.path_arrays()
        if arrays is None:
            raise NotKeptError("this run kept no path arrays; simulate(..., keep_paths=True) keeps them")
        return dict(arrays)

    # -- combining -----------------------------------------------------------------------------

    def merge(self, next_chunk: "Result") -> "Result":
        """This chunk of paths followed by ``next_chunk``, as one result (bit-identical to one run).

        ``next_chunk`` must be the same scenario and seed, starting at path
        ``first_path + path_count`` (``simulate(..., first_path=...)``).

        Raises
        ------
        MergeError
        """
        merged = self._run.merged(next_chunk._run)
        return Result(self.scenario, merged, seconds=self.seconds + next_chunk.seconds)

    # -- plots and the report ------------------------------------------------------------------

    def plot_cash(self, which: str = "combined", ax=None, sample_paths: int = 5, among: str | None = None):
        """Fan chart of cash over time (of the futures still going, when the run kept its paths);
        see :func:`meantime.plot.cash_fan`."""
        return view("cash_fan")(self, which=which, ax=ax, sample_paths=sample_paths, among=among)

    def plot_survival(self, ax=None, level: float = 0.95):
        """Survival curve with its confidence band; see :func:`meantime.plot.survival_curve`."""
        return view("survival_curve")(self, ax=ax, level=level)

    def plot_break_even(self, ax=None):
        """When break-even comes; see :func:`meantime.plot.break_even_months`."""
        return view("break_even_months")(self, ax=ax)

    def plot_clients(self, ax=None):
        """Clients and the waiting list over time; see :func:`meantime.plot.clients_over_time`."""
        return view("clients_over_time")(self, ax=ax)

    def report(self, path, title: str | None = None, analyses: bool = True) -> None:
        """Write the viability report of this run as one self-contained HTML file.

        See :func:`meantime.report.viability.write_report`.
        """
        view("viability_report")(self, path, title=title, analyses=analyses)

    # -- words -----------------------------------------------------------------------------------

    def __str__(self) -> str:
        return "\n".join(self.words())

    def words(self, without_benefits: bool = True, capital: bool = True) -> list[str]:
        """The answer in words, a sentence a line, as ``str(result)`` prints it.

        With the benefit rule on, one line compares the same futures without benefits
        (:func:`without_benefits_words`, from a second run as long as the first);
        ``without_benefits=False`` leaves that line out and does not run them. ``capital=False``
        leaves out the extra capital's line (:func:`capital_words`), whose search on savings runs
        more futures where a savings-dependent rule applies; it goes just before the verdict.

        Examples
        --------
        >>> import meantime
        >>> result = meantime.simulate(paths=1_000, seed=2026)
        >>> quick = result.words(without_benefits=False)
        >>> [line for line in result.words() if line not in quick] == [without_benefits_words(result.without_benefits)]
        True
        """
        horizon = self.months
        survive = self.survival()
        operating, living = self.operating_break_even_by(), self.living_break_even_by()

        def share(p: float) -> str:
            return share_with_interval(p, self.standard_error(p))

        def half_by(counts: _core.CountHistogram) -> str:
            month = self._median_month(counts)
            return f"; half of all futures do by month {month:.0f}" if not math.isnan(month) else ""

        lines = [
            f"{in_ten(survive).capitalize()} futures survive {horizon} months ({share(survive)}).",
            f"The business covers its own costs by month {horizon} in {in_ten(operating)} futures "
            f"({share(operating)}){half_by(self.statistics.operating_break_even())}.",
            f"It also pays the founder's way in {in_ten(living)} futures ({share(living)})"
            f"{half_by(self.statistics.living_break_even())}.",
        ]
        lines += self._benefit_words(without_benefits)
        if capital:
            lines.append(self._capital_words())
        lines.append(
            "Answer: "
            + (
                "viable: it very likely breaks even before the money runs out."
                if survive >= 0.9
                else "possible, but the meantime is a real risk: plan for the bad years."
                if survive >= 0.6
                else "not viable as it stands: the money runs out first in too many futures."
            )
        )
        lines.append(
            f"({self.path_count:,} simulated futures, seed {self.seed}; ± is a {LEVEL:.0%} interval, in points for a chance.)"
        )
        return lines

    def _capital_or_none(self, chance: float) -> Optional[Capital]:
        """:meth:`extra_capital`, or None where the savings cannot be moved by an amount."""
        try:
            return self.extra_capital(chance)
        except ArgumentError:
            return None

    def _capital_words(self) -> str:
        """The extra capital for a 9 in 10 chance, in words, with its interval."""
        try:
            capital = self.extra_capital(0.9)
        except ArgumentError as error:
            return f"The extra starting capital for a 9 in 10 chance could not be computed: {error.rule}."
        if math.isnan(capital.extra):
            return f"No amount of starting capital gives a 9 in 10 chance of getting through ({capital.note})."
        if capital.extra == 0:
            return "The starting capital carries at least 9 in 10 futures through."
        return (
            f"About £{capital.extra:,.0f} more starting capital ({LEVEL:.0%} interval £{capital.low:,.0f} to "
            f"£{capital.high:,.0f}) would give a 9 in 10 chance of getting through."
        )

    def _benefit_words(self, without_benefits: bool) -> list[str]:
        """The household's benefits in words: who claims, their share of income, when the floor
        bites, and the answer without them."""
        if not self.scenario.benefits.enabled:
            return []
        h = self.scenario.household
        who = limited_capability(h.limited_capability)
        words = (
            f"Universal Credit ({'a couple' if h.couple else 'single'}, {who}) is "
            f"{percent(self.benefits_share())} of the household's income"
        )
        bites, month = self.floor_bites()
        words += (
            f"; the minimum income floor starts to bite in month {month:.0f} in {in_ten(bites)} futures"
            if bites > 0
            else "; the minimum income floor never bites"
        )
        if not without_benefits:
            return [words + "."]
        without = self.without_benefits
        assert without is not None  # the rule is on
        return [words + ".", without_benefits_words(without)]

    def __repr__(self) -> str:
        kept = [
            name for name, has in (("outcomes", self._run.has_outcomes), ("paths", self._run.has_path_arrays)) if has
        ]
        survive = self.survival()
        return (
            f"<meantime.Result: {self.path_count:,} paths x {self.months} months, seed {self.seed}, "
            f"survival {share_with_interval(survive, self.standard_error(survive))} (95%), "
            f"kept: {', '.join(kept) if kept else 'statistics only'}>"
        )


def capital_words(result: Result) -> str:
    """The words' line for the extra starting capital (:meth:`Result.extra_capital` at 9 in 10,
    with its interval): the line ``result.words(capital=False)`` leaves out, just before the
    verdict, so that it can follow an answer given first without it."""
    return result._capital_words()


def without_benefits_words(without: Result) -> str:
    """The words' line for futures run without benefits: ``without`` is that run (a result's
    :attr:`Result.without_benefits`, or ``simulate`` of its scenario with the rule off, the same
    seed and paths), so the line can follow an answer given first without it."""
    survive = without.survival()
    return (
        f"Without benefits, {in_ten(survive)} futures survive {without.months} months "
        f"({share_with_interval(survive, without.standard_error(survive))})."
    )
