"""Comparison: the headline answers of several scenarios side by side, common random numbers."""

from __future__ import annotations

from typing import Any, Mapping, Optional

import pandas as pd

from ..errors import ArgumentError
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ._arguments import as_scenario
from ._headlines import HEADLINES, follow_for_capital, headlines, paired_difference, shown_headlines
from ._runs import Runs

__all__ = ["compare"]


@takes_run_settings
def compare(
    scenarios: Mapping[str, Any],
    paths: int = 10_000,
    seed: int = DEFAULT_SEED,
    *,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    client: Any = None,
    chunk_paths: Optional[int] = None,
    retries: Optional[int] = None,
    capital: bool = True,
    settings: Optional[RunSettings] = None,
) -> pd.DataFrame:
    """The headline answers of several scenarios side by side, and each one's difference from
    the first.

    Every scenario is run with the same seed (common random numbers): path ``i`` meets the
    same luck in each, so the differences are sharp, and their standard errors come from the
    paired per-path differences.

    Parameters
    ----------
    scenarios : dict
        Name -> Scenario (or a dict read with :meth:`Scenario.from_dict`), in the order to show;
        the first is the baseline of the differences.
    capital : bool, default True
        Show ``extra_capital_90``, which is read from each path's lowest cash had it carried on
        past a failure, so every failed path is followed to the horizon (unless every scenario
        has a savings-dependent rule, such as benefits, where the row is NaN). False leaves that
        row out and stops each path at its failure: the other answers are the same bit for bit.
    paths, seed, threads, progress, client, chunk_paths, retries, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: every run of the analysis uses them, with one progress bar
        over the whole analysis.

    Returns
    -------
    pandas.DataFrame
        Indexed by answer (``survival``, ``operating_break_even``, ``living_break_even``,
        ``founder_income``, ``clients_served``, ``priced_out_share``, ``extra_capital_90`` (not
        with ``capital=False``): see :func:`~meantime.sweep`), with two column levels: for each scenario ``estimate`` and
        ``std_error``; then for each scenario after the first, ``"<name> - <first>"`` with
        ``estimate`` (the difference) and ``std_error`` (paired; NaN for the capital). A
        ``unit`` column says what each answer is measured in.

    Raises
    ------
    ArgumentError
        For an empty dict or a name that is not text.

    Examples
    --------
    >>> import meantime
    >>> s = meantime.default_scenario()
    >>> table = meantime.compare({"part-time": s.replace(household__job_hours_per_week=7.5),
    ...                           "full-time": s}, paths=1_000, seed=1)
    >>> table["full-time"].columns.tolist()
    ['estimate', 'std_error']
    >>> survival = table.loc["survival"]
    >>> bool(survival[("full-time - part-time", "estimate")]
    ...      == survival[("full-time", "estimate")] - survival[("part-time", "estimate")])
    True
    """
    if not isinstance(scenarios, Mapping):
        raise ArgumentError("scenarios", f"must be a dict of name -> Scenario, got {type(scenarios).__name__}")
    if not scenarios:
        raise ArgumentError("scenarios", "is empty: give at least one named scenario")
    names = list(scenarios)
    for name in names:
        if not isinstance(name, str):
            raise ArgumentError("scenarios", f"names must be text, got {name!r}")
    checked = [as_scenario(scenarios[name], f"scenarios[{name!r}]") for name in names]
    with Runs(
        paths,
        seed,
        threads,
        progress,
        expected_runs=len(checked),
        client=client,
        chunk_paths=chunk_paths,
        retries=retries,
    ) as runs:
        # The headlines read per-path outcomes only: no monthly statistics.
        answers = runs.run(
            checked,
            lambda result: headlines(result, keep_per_path=True),
            follow_failed=follow_for_capital(checked, capital),
            monthly_statistics=False,
        )
    shown = shown_headlines(capital)
    columns: dict[tuple[str, str], list[Any]] = {("unit", ""): [HEADLINES[a][0] for a in shown]}
    for name, answer in zip(names, answers):
        columns[(name, "estimate")] = [answer.estimate[a] for a in shown]
        columns[(name, "std_error")] = [answer.std_error[a] for a in shown]
    base_name, base = names[0], answers[0]
    for name, answer in zip(names[1:], answers[1:]):
        differences = [paired_difference(answer, base, a) for a in shown]
        columns[(f"{name} - {base_name}", "estimate")] = [d for d, _ in differences]
        columns[(f"{name} - {base_name}", "std_error")] = [se for _, se in differences]
    table = pd.DataFrame(columns, index=pd.Index(shown, name="answer"))
    table.attrs.update(paths=runs.paths, seed=runs.seed)
    return table
