"""Sensitivity: which fields move an answer most, one at a time (tornado) or all together (Sobol)."""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any, Callable, Mapping, Optional, Union

import numpy as np
import pandas as pd

from .. import _core
from ..errors import ArgumentError, FewSamplesWarning
from ..running.result import Result
from ..running.settings import DEFAULT_SEED, ProgressArgument, RunSettings, takes_run_settings
from ..scenario.scenario import Scenario
from ..scenario.schema import FieldInfo
from ._arguments import as_scenario, field, number, probability, with_value
from ._headlines import HEADLINES, headlines
from ._runs import Runs

__all__ = ["sensitivity"]

Metric = Union[str, Callable[[Result], float]]
_NUMERIC = ("number", "integer", "distribution")

#: The widest half-width of a Sobol index's confidence interval that still ranks the fields: an
#: index lies between 0 and 1, so an interval of ± 0.1 or more cannot tell 0.3 from 0.5.
SOBOL_WIDEST_INTERVAL = 0.1
#: The base samples Sobol starts from when not told how many (``samples=None``).
SOBOL_FIRST_SAMPLES = 64
#: The most base samples the automatic choice doubles to (``max_samples``'s default).
SOBOL_MOST_SAMPLES = 1024


def _ranges(scenario: Scenario, ranges: Any, method: str) -> list[tuple[str, FieldInfo, float, float]]:
    if not isinstance(ranges, Mapping):
        raise ArgumentError("ranges", f"must be a dict of field -> (low, high), got {type(ranges).__name__}")
    if not ranges:
        raise ArgumentError(
            "ranges",
            "is empty: give at least one field and its (low, high), e.g. {'business.price_per_session': (9, 13)}",
        )
    checked = []
    for path, bounds in ranges.items():
        info = field("ranges", path, scenario)
        where = f"ranges['{path}']"
        if info.type not in _NUMERIC:
            raise ArgumentError(where, f"'{path}' is a {info.type} field; a range needs a number field")
        if isinstance(bounds, (str, bytes, Mapping)) or not hasattr(bounds, "__len__") or len(bounds) != 2:
            raise ArgumentError(where, f"must be a pair (low, high), got {bounds!r}")
        low, high = number(where, bounds[0]), number(where, bounds[1])
        if low > high:
            raise ArgumentError(where, f"low {low:g} is above high {high:g}")
        if method == "sobol" and low == high:
            raise ArgumentError(where, f"Sobol indices need low < high, got {low:g} twice")
        for value in (low, high):
            with_value(where, scenario, path, _value(info, value))
        checked.append((path, info, low, high))
    return checked


def _value(info: FieldInfo, value: float) -> Union[int, float]:
    return int(round(value)) if info.type == "integer" else float(value)


def _reads_lowest_cash(metric: Metric) -> bool:
    """Whether the metric needs failed paths followed to the horizon (a function might). A named
    metric is a headline, read from per-path outcomes: its runs keep no monthly statistics (a
    function may read them, and gets them)."""
    return callable(metric) or metric == "extra_capital_90"


def _reducer(metric: Metric, keep_per_path: bool) -> Callable[[Result], tuple[float, float, Optional[np.ndarray]]]:
    if callable(metric):
        return lambda result: (float(metric(result)), math.nan, None)

    def reduce(result: Result) -> tuple[float, float, Optional[np.ndarray]]:
        answers = headlines(result, keep_per_path=keep_per_path)
        per_path = answers.per_path.get(metric) if answers.per_path else None
        return answers.estimate[metric], answers.std_error[metric], per_path

    return reduce


def _tornado(scenario: Scenario, fields: list, runs: Runs, metric: Metric) -> pd.DataFrame:
    scenarios = [scenario]
    for path, info, low, high in fields:
        scenarios += [scenario.replace({path: _value(info, low)}), scenario.replace({path: _value(info, high)})]
    (base, base_se, _), *swings = runs.run(
        scenarios,
        _reducer(metric, keep_per_path=True),
        follow_failed=_reads_lowest_cash(metric),
        monthly_statistics=callable(metric),
    )
    rows = []
    for k, (path, info, low, high) in enumerate(fields):
        (at_low, low_se, low_paths), (at_high, high_se, high_paths) = swings[2 * k], swings[2 * k + 1]
        if low_paths is not None and high_paths is not None and low_paths.size > 1:
            swing_se = float(np.std(high_paths - low_paths, ddof=1) / math.sqrt(low_paths.size))
        else:
            swing_se = math.nan
        rows.append(
            {
                "field": path,
                "low": _value(info, low),
                "high": _value(info, high),
                "at_low": at_low,
                "at_low_se": low_se,
                "at_high": at_high,
                "at_high_se": high_se,
                "swing": at_high - at_low,
                "swing_se": swing_se,
                "base": base,
                "base_se": base_se,
            }
        )
    table = pd.DataFrame(rows).set_index("field")
    order = table["swing"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order]


def _sobol(
    scenario: Scenario,
    fields: list,
    runs: Runs,
    metric: Metric,
    samples: int,
    confidence: float,
    seed: int,
    most: Optional[int] = None,
) -> pd.DataFrame:
    """Sobol indices from ``samples`` base samples; with ``most``, the samples double until the
    indices' intervals are narrow enough (:func:`sobol_samples_needed`) or ``most`` is reached. A Sobol' sequence of 2N points begins with the N points of
    the smaller one (the same scramble), so every run already made is kept, not run again."""
    from SALib.sample import sobol as sobol_sampling  # SALib (and SciPy) only when asked for

    problem = {
        "num_vars": len(fields),
        "names": [path for path, *_ in fields],
        "bounds": [[low, high] for _, _, low, high in fields],
    }
    outputs = np.empty(0)
    tried = []
    while True:
        points = sobol_sampling.sample(problem, samples, calc_second_order=False, seed=seed % 2**32)
        scenarios = [
            scenario.replace({path: _value(info, x) for (path, info, _, _), x in zip(fields, point)})
            for point in points[outputs.size :]
        ]
        more = runs.run(
            scenarios,
            _reducer(metric, keep_per_path=False),
            follow_failed=_reads_lowest_cash(metric),
            monthly_statistics=callable(metric),
        )
        outputs = np.concatenate([outputs, np.array([value for value, _, _ in more], dtype=float)])
        tried.append(samples)
        table = _indices(problem, fields, outputs, confidence, seed)
        needed = sobol_samples_needed(table, samples)
        if most is None or needed is None or samples >= most:
            break
        # Doubling (not a jump to the suggestion): every run is kept, so the runs cost the same
        # either way, and the first size that is enough stops it.
        samples = min(most, 2 * samples)
        runs.expect(len(points) // tried[-1] * (samples - tried[-1]))
    table.attrs.update(samples_tried=tried)
    return table


def _indices(problem: dict, fields: list, outputs: np.ndarray, confidence: float, seed: int) -> pd.DataFrame:
    """The indices' table from the metric at every sample point so far."""
    from SALib.analyze import sobol as sobol_analysis

    if not np.all(np.isfinite(outputs)):
        raise ArgumentError(
            "metric",
            "is not a finite number at every sample point (e.g. NaN capital with a "
            "savings-dependent rule); choose another metric",
        )
    if np.var(outputs) == 0:
        warnings.warn(
            "the metric is the same at every sample point: Sobol indices are undefined (NaN)",
            RuntimeWarning,
            stacklevel=5,  # the caller of sensitivity()
        )
        indices = {key: np.full(len(fields), math.nan) for key in ("S1", "S1_conf", "ST", "ST_conf")}
    else:
        indices = sobol_analysis.analyze(
            problem, outputs, calc_second_order=False, conf_level=confidence, seed=seed % 2**32
        )
    table = pd.DataFrame(
        {
            "field": problem["names"],
            "low": [_value(info, low) for _, info, low, _ in fields],
            "high": [_value(info, high) for _, info, _, high in fields],
            "S1": indices["S1"],
            "S1_conf": indices["S1_conf"],
            "ST": indices["ST"],
            "ST_conf": indices["ST_conf"],
        }
    ).set_index("field")
    return table.sort_values("ST", ascending=False, kind="stable")


def _power_of_two(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 2 or value & (value - 1):
        raise ArgumentError(name, f"must be a power of two (Sobol' sequences), at least 2, got {value!r}")
    return int(value)


def sobol_samples_needed(table: pd.DataFrame, samples: int) -> Optional[int]:
    """The base sample size Sobol indices need for their own confidence intervals, or None when
    ``samples`` already do (see :func:`sensitivity`, Notes)."""
    half_widths = table[["S1_conf", "ST_conf"]].to_numpy(dtype=float)
    if not np.isfinite(half_widths).any():  # the metric never moved: nothing to estimate
        return None
    widest = float(np.nanmax(half_widths))
    # A first-order index cannot exceed its total one: a gap beyond both intervals says the
    # intervals themselves are not yet to be trusted.
    gap = table["S1"] - table["ST"]
    contradicts = bool((gap > np.hypot(table["S1_conf"], table["ST_conf"])).any())
    if widest <= SOBOL_WIDEST_INTERVAL and not contradicts:
        return None
    # The half-widths shrink as 1 / sqrt(N): N (widest / limit)^2 brings the widest to the
    # limit, and half as many again allow for the noise of the widths themselves; 4 N (half the
    # width) when only the contradiction flags it.
    factor = 1.5 * (widest / SOBOL_WIDEST_INTERVAL) ** 2 if widest > SOBOL_WIDEST_INTERVAL else 4.0
    return int(2 ** math.ceil(math.log2(samples * factor)))


def _warn_if_few_samples(table: pd.DataFrame, samples: int, most: Optional[int] = None) -> None:
    needed = sobol_samples_needed(table, samples)
    table.attrs.update(samples=samples, few_samples=needed is not None, samples_needed=needed)
    if needed is None:
        return
    cap = f" (the most the automatic choice runs, max_samples={most})" if most is not None else ""
    widest = float(np.nanmax(table[["S1_conf", "ST_conf"]].to_numpy(dtype=float)))
    above = [str(name) for name, row in table.iterrows() if row.S1 - row.ST > math.hypot(row.S1_conf, row.ST_conf)]
    why = f"the widest interval is ± {widest:.2f}" + (
        f", and the first-order index of {', '.join(above)} is above its total index" if above else ""
    )
    warnings.warn(
        f"{samples} Sobol samples{cap} are too few for the indices' own confidence intervals ({why}): "
        f"samples={needed} would bring them within ± {SOBOL_WIDEST_INTERVAL:g}",
        FewSamplesWarning,
        stacklevel=4,
    )


@takes_run_settings
def sensitivity(
    scenario: Optional[Scenario],
    ranges: Mapping[str, tuple[float, float]],
    metric: Metric = "survival",
    method: str = "tornado",
    paths: Optional[int] = None,
    seed: int = DEFAULT_SEED,
    *,
    threads: Optional[int] = None,
    progress: ProgressArgument = None,
    client: Any = None,
    chunk_paths: Optional[int] = None,
    retries: Optional[int] = None,
    samples: Optional[int] = None,
    max_samples: int = SOBOL_MOST_SAMPLES,
    confidence: float = 0.95,
    settings: Optional[RunSettings] = None,
) -> pd.DataFrame:
    """How much each field moves an answer over its range: a tornado or Sobol indices.

    Every run uses the same seed (common random numbers), so a field that does not matter
    moves the answer by exactly nothing, and small effects stand out from the noise.

    - ``method="tornado"``: one field at a time at its low and its high end, the others as in
      the scenario (``2 x fields + 1`` runs); ranked by the size of the swing.
    - ``method="sobol"``: all fields together, each uniform over its range, sampled and
      analysed with SALib's Sobol' sequence and estimators (first-order and total indices,
      ``samples x (fields + 2)`` runs, the engine as the model); ranked by the total index.
      The Monte Carlo noise of each run is part of the answer's variance that no field
      explains: use enough paths that it is small beside the effects.

    Parameters
    ----------
    scenario : Scenario or dict, optional
        Default: :func:`~meantime.default_scenario`.
    ranges : dict
        Dotted paths of number fields to ``(low, high)``, low <= high (low < high for Sobol).
        A distribution field is set to a fixed number; an integer field is rounded.
    metric : str or callable, default "survival"
        A headline answer: ``"survival"``, ``"operating_break_even"``, ``"living_break_even"``,
        ``"founder_income"``, ``"clients_served"``, ``"priced_out_share"`` or
        ``"extra_capital_90"`` (see :func:`~meantime.sweep`); or a function of a
        :class:`~meantime.Result` returning a number.
    method : {"tornado", "sobol"}
    paths : int, optional
        Paths per run; default 10,000 for a tornado and 2,000 for Sobol (which runs many more).
    samples : int, optional
        Sobol's base sample size N, a power of two. Default: as many as the indices need, found
        as it goes: 64 (:data:`SOBOL_FIRST_SAMPLES`), then doubled until every index's
        confidence interval is within ± 0.1 (:data:`SOBOL_WIDEST_INTERVAL`) and no first-order
        index contradicts its total, or ``max_samples`` is reached (up to ``max_samples x
        (fields + 2)`` runs); the runs already made are kept (a Sobol' sequence of 2N
        points begins with the N points of the smaller one), so the answer is the one
        ``samples=`` the final size gives, bit for bit.
    max_samples : int, default 1024
        The most base samples the default doubles to (:data:`SOBOL_MOST_SAMPLES`), a power of
        two; a :class:`~meantime.errors.FewSamplesWarning` says when even that is too few.
    confidence : float, default 0.95
        Level of Sobol's bootstrap confidence intervals.
    seed, threads, progress, client, chunk_paths, retries, settings
        The other run settings (:class:`~meantime.RunSettings`, where each is documented), one by
        one or together as ``settings``: one progress bar over the whole analysis; the seed also
        scrambles Sobol's sample.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``field``, largest effect first. Tornado: ``low``, ``high`` (the inputs),
        ``at_low``, ``at_high`` (the metric there) with standard errors ``at_low_se``,
        ``at_high_se``, ``swing`` (``at_high - at_low``) with ``swing_se`` (from paired
        per-path differences; NaN for the capital or a function), ``base`` and ``base_se``
        (the scenario as it is). Sobol: ``low``, ``high``, ``S1``, ``S1_conf``, ``ST``,
        ``ST_conf`` (the half-widths of the confidence intervals); its ``attrs`` say how many
        samples were run (``samples``; ``samples_tried``, each size the default reached on its
        way) and whether they were too few (``few_samples``, ``samples_needed``: see Notes).

    Raises
    ------
    ArgumentError
        For empty ranges, an unknown or non-numeric field, low > high, a value the field does not
        take, an unknown metric or method, or ``samples`` not a power of two.

    Notes
    -----
    **Too few samples.** Sobol indices from a small sample can contradict themselves (a first-order
    index above its total index) or come with intervals too wide to rank anything. After a Sobol run
    the indices' own intervals are checked: when the widest half-width is above
    ``SOBOL_WIDEST_INTERVAL`` (0.1), or a first-order index exceeds its total index by more than
    their intervals together (the root of the sum of their squared half-widths), a
    :class:`~meantime.errors.FewSamplesWarning` is raised and ``attrs["few_samples"]`` is True.
    ``attrs["samples_needed"]`` then suggests a base sample size: a half-width shrinks as ``1 /
    sqrt(samples)``, so ``samples x (widest / 0.1) ** 2`` brings the widest interval to ± 0.1; half
    as many again allow for the noise in the intervals' own estimate: ``1.5 x samples x (widest /
    0.1) ** 2`` (or ``4 x samples``, which halves every interval, when only a contradiction flags
    it), rounded up to a power of two. The runs' own Monte Carlo noise is a separate matter: see
    ``paths``. By default (no ``samples``) the same check decides when to stop doubling, so the
    warning comes only when ``max_samples`` was not enough.

    Examples
    --------
    >>> import meantime
    >>> table = meantime.sensitivity(
    ...     meantime.default_scenario().replace(household__limited_capability="lcw"),
    ...     {"household.savings": (2_000, 8_000), "business.price_per_session": (10, 12)},
    ...     metric="survival", paths=1_000, seed=1)
    >>> list(table.columns[:4])
    ['low', 'high', 'at_low', 'at_low_se']
    >>> bool(table.loc["household.savings", "swing"] > 0)
    True
    """
    scenario = as_scenario(scenario)
    if method not in ("tornado", "sobol"):
        raise ArgumentError("method", f"must be 'tornado' or 'sobol', got {method!r}")
    if isinstance(metric, str):
        if metric not in HEADLINES:
            hint = _core.closest_name(metric, list(HEADLINES))
            raise ArgumentError(
                "metric",
                f"unknown answer {metric!r}"
                + (f"; did you mean {hint!r}?" if hint else "")
                + f" (one of {', '.join(HEADLINES)}, or a function of a Result)",
            )
    elif not callable(metric):
        raise ArgumentError("metric", f"must be an answer's name or a function of a Result, got {metric!r}")
    fields = _ranges(scenario, ranges, method)
    if paths is None:
        paths = 10_000 if method == "tornado" else 2_000
    if method == "tornado":
        with Runs(
            paths,
            seed,
            threads,
            progress,
            expected_runs=2 * len(fields) + 1,
            client=client,
            chunk_paths=chunk_paths,
            retries=retries,
        ) as runs:
            table = _tornado(scenario, fields, runs, metric)
    else:
        most = None if samples is not None else _power_of_two("max_samples", max_samples)
        first = SOBOL_FIRST_SAMPLES if samples is None else _power_of_two("samples", samples)
        if most is not None:
            first = min(first, most)
        confidence = probability("confidence", confidence)
        with Runs(
            paths,
            seed,
            threads,
            progress,
            expected_runs=first * (len(fields) + 2),
            client=client,
            chunk_paths=chunk_paths,
            retries=retries,
        ) as runs:
            table = _sobol(scenario, fields, runs, metric, first, confidence, runs.seed, most)
        _warn_if_few_samples(table, table.attrs["samples_tried"][-1], most)
    name = metric if isinstance(metric, str) else getattr(metric, "__name__", "metric")
    table.attrs.update(method=method, metric=name, paths=runs.paths, seed=runs.seed, runs=runs.runs)
    return table
