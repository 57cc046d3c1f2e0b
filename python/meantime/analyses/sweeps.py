"""Sweeps: a grid over any fields, every point run with the same seed (common random numbers)."""

from __future__ import annotations

import itertools
from typing import Any, Mapping, Optional

import pandas as pd

from ..errors import ArgumentError
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ..scenario.distributions import Distribution
from ..scenario.scenario import Scenario
from ._arguments import as_scenario, field, values, with_value
from ._headlines import follow_for_capital, headlines, shown_headlines
from ._runs import Runs

__all__ = ["sweep", "grid_scenarios", "shown_value"]


def grid_scenarios(
    scenario: Scenario, grid: Any, argument: str = "grid"
) -> tuple[list[str], list[tuple], list[Scenario]]:
    """The fields, the points (one tuple of values each, the first field varying slowest) and
    the scenarios of a grid, every one checked before anything runs."""
    if not isinstance(grid, Mapping):
        raise ArgumentError(argument, f"must be a dict of field -> list of values, got {type(grid).__name__}")
    if not grid:
        raise ArgumentError(
            argument,
            "is empty: give at least one field and its values, e.g. {'business.price_per_session': [10, 12, 14]}",
        )
    paths = list(grid)
    for path in paths:
        field(argument, path, scenario)
    listed = [values(f"{argument}['{path}']", grid[path]) for path in paths]
    points = list(itertools.product(*listed))
    scenarios = []
    for point in points:
        s = scenario
        for path, value in zip(paths, point):
            s = with_value(f"{argument}['{path}']", s, path, value)
        scenarios.append(s)
    return paths, points, scenarios


@takes_run_settings
def sweep(
    scenario: Optional[Scenario],
    grid: Mapping[str, Any],
    paths: int = 10_000,
    seed: int = DEFAULT_SEED,
    *,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    client: Any = None,
    chunk_paths: Optional[int] = None,
    retries: Optional[int] = None,
    common_random_numbers: bool = True,
    capital: bool = True,
    settings: Optional[RunSettings] = None,
) -> pd.DataFrame:
    """Run every combination of some fields' values, each with the same seed.

    With one seed for every grid point, path ``i`` of every point draws the same random
    numbers (common random numbers): differences between points are not blurred by different
    luck, so two close prices can be told apart with far fewer paths.

    Parameters
    ----------
    scenario : Scenario or dict, optional
        The fields not in the grid keep its values. Default: :func:`~meantime.default_scenario`.
    grid : dict
        Dotted field paths to lists of values: ``{"business.price_per_session": [10, 12],
        "household.savings": [4000, 8000]}``; every combination is run (the first field varies
        slowest). A value may be anything the field takes (a number, a distribution...).
    common_random_numbers : bool, default True
        False gives point ``k`` the seed ``seed + k`` (independent luck): only to show what
        common random numbers buy.
    capital : bool, default True
        Show ``extra_capital_90``, which is read from each path's lowest cash had it carried on
        past a failure, so every failed path is followed to the horizon (unless every point has
        a savings-dependent rule, such as benefits, where the column is NaN). False leaves that
        column out and stops each path at its failure: the other answers are the same bit for
        bit, and a grid where many paths fail runs faster.
    paths, seed, threads, progress, client, chunk_paths, retries, settings
        The run settings (:class:`~meantime.RunSettings`, where each is documented), one by one
        or together as ``settings``: every run of the analysis uses them, with one progress bar
        over the whole analysis.

    Returns
    -------
    pandas.DataFrame
        One row per grid point: a column per field of the grid with its value, then the
        headline answers, each followed by its standard error (``<answer>_se``):
        ``survival``, ``operating_break_even``, ``living_break_even`` (probabilities by the
        horizon), ``founder_income`` (mean drawings a month over the horizon, none after a
        failure), ``clients_served`` (mean over the horizon), ``priced_out_share`` (aware
        prospects whose budget could not pay, of all aware prospects), ``extra_capital_90``
        (more starting capital for 90% survival; NaN with benefits or giving up: see
        :func:`~meantime.required_capital`; left out with ``capital=False``).

    Raises
    ------
    ArgumentError
        For an empty grid, a field with no values, an unknown field (naming the closest) or a
        value the field does not take.

    Examples
    --------
    >>> import meantime
    >>> lcw = meantime.default_scenario().replace(household__limited_capability="lcw")
    >>> table = meantime.sweep(lcw, {"business.price_per_session": [10, 12], "household.savings": [4000, 8000]},
    ...                        paths=1_000, seed=1)
    >>> table[["business.price_per_session", "household.savings"]].values.tolist()
    [[10.0, 4000.0], [10.0, 8000.0], [12.0, 4000.0], [12.0, 8000.0]]
    >>> bool((table["survival_se"] > 0).all())
    True
    """
    scenario = as_scenario(scenario)
    fields, points, scenarios = grid_scenarios(scenario, grid)
    with Runs(
        paths,
        seed,
        threads,
        progress,
        expected_runs=len(scenarios),
        client=client,
        chunk_paths=chunk_paths,
        retries=retries,
    ) as runs:
        seeds = None if common_random_numbers else [(runs.seed + k) % 2**64 for k in range(len(scenarios))]
        # The headlines read per-path outcomes only: no monthly statistics.
        follow = follow_for_capital(scenarios, capital)
        answers = runs.run(scenarios, headlines, seeds=seeds, follow_failed=follow, monthly_statistics=False)
    shown = shown_headlines(capital)
    rows = []
    for point_scenario, answer in zip(scenarios, answers):
        row = {path: shown_value(point_scenario, path) for path in fields}
        row.update(answer.row(shown))
        rows.append(row)
    table = pd.DataFrame(rows)
    table.index.name = "point"
    table.attrs.update(paths=runs.paths, seed=runs.seed, common_random_numbers=common_random_numbers)
    return table


def shown_value(scenario: Scenario, path: str) -> Any:
    """A field's value for a table: as the scenario holds it, a fixed distribution as its number."""
    value = scenario.get(path)
    if isinstance(value, Distribution) and value.is_fixed:
        return value.to_dict()
    return value
