"""The analyses where users wait, timed from Python side by side in one run: each as it runs now
(its scenarios in batches, one engine call per batch: ``_core.simulate_batch``, asking the engine
only for what the answer reads) and as it ran before batches (one ``simulate`` call per scenario,
every failed path followed and every statistic kept), interleaved, best of repetitions. With
``--before DIR`` (a directory holding another build of the ``meantime`` package, e.g. a checkout
of main's ``python/`` with its ``_core`` module copied in), each analysis is also timed with that
build, in a process of its own, interleaved with this one in a process of its own.

- Sobol indices: 256 samples of 8 inputs at 2,000 futures (2,560 runs; target under 30 s);
- a 100-point price sweep at 10,000 futures (target under 2 s), as it comes (with the extra
  capital, which follows every failed path) and with ``capital=False`` (failed paths stopped);
- the funder's portfolio of 20 start-ups at 10,000 futures (target under 15 s).

    python bench/analysis_targets.py [--repeat 2] [--only sobol,sweep,sweep_lean,portfolio]
        [--threads N] [--before DIR] [--no-one-by-one]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import subprocess
import sys
import time

import numpy as np

import meantime
from meantime.analyses import _runs
from meantime.analyses._funding_file import read_funding

FUNDING = pathlib.Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "portfolio" / "funding.toml"

# Eight plain-number inputs of the default scenario, each over a range an advisor would try.
SOBOL_RANGES = {
    "business.price_per_session": (9.0, 14.0),
    "business.startup_costs": (400.0, 1500.0),
    "business.fixed_costs_per_month": (60.0, 200.0),
    "business.variable_cost_per_session": (0.0, 2.0),
    "business.founder_hours_per_week": (10.0, 20.0),
    "clients.sessions_per_month": (3.0, 5.0),
    "household.savings": (2000.0, 8000.0),
    "household.living_costs_per_month": (900.0, 1300.0),
}


@contextlib.contextmanager
def one_by_one():
    """Runs as before batches: each scenario through simulate, alone."""
    batched = _runs.Runs._run_batch

    def alone(runs, scenarios, seeds, reduce, kept, follow_failed=True, monthly_statistics=True):
        # As before batches: what the analysis asks to skip is done all the same.
        for scenario, seed in zip(scenarios, seeds):
            result = meantime.simulate(
                scenario, paths=runs.paths, seed=seed, threads=runs.threads, keep_outcomes=True, progress=runs._report
            )
            runs.done += runs.paths
            runs.runs += 1
            kept.append(reduce(result))

    _runs.Runs._run_batch = alone
    try:
        yield
    finally:
        _runs.Runs._run_batch = batched


def sobol(threads):
    meantime.sensitivity(
        None, SOBOL_RANGES, method="sobol", samples=256, paths=2_000, seed=1, threads=threads, progress=False
    )


def sweep(threads, capital: bool = True):
    meantime.sweep(
        None,
        {"business.price_per_session": np.linspace(8.0, 20.0, 100)},
        paths=10_000,
        seed=1,
        threads=threads,
        progress=False,
        capital=capital,
    )


def sweep_lean(threads):
    sweep(threads, capital=False)


def portfolio(threads):
    plan = read_funding(FUNDING)
    meantime.portfolio(
        plan.scenarios,
        pot=20_000,
        step=1_000,
        objective="alive_36",
        paths=10_000,
        seed=2026,
        rule=["optimise", "need", "equal"],
        threads=threads,
        progress=False,
    )


ANALYSES = {  # name -> (what it is, the function, target in seconds)
    "sobol": ("Sobol, 256 samples x 8 inputs x 2,000 futures", sobol, 30.0),
    "sweep": ("100-point price sweep x 10,000 futures", sweep, 2.0),
    "sweep_lean": ("  the same, capital=False (failed paths stopped)", sweep_lean, 2.0),
    "portfolio": ("portfolio of 20 start-ups x 10,000 futures", portfolio, 15.0),
}


def timed(name: str, threads) -> tuple[float, float]:
    """Wall and CPU seconds (every thread's) of one analysis: on a shared machine the CPU time
    says more about the work than the wall time."""
    started, cpu = time.perf_counter(), time.process_time()
    ANALYSES[name][1](threads)
    return time.perf_counter() - started, time.process_time() - cpu


def in_process(name: str, threads, package: str) -> tuple[float, float]:
    """:func:`timed` in a fresh process whose ``meantime`` is the one in ``package``."""
    command = [sys.executable, __file__, "--child", name]
    if threads is not None:
        command += ["--threads", str(threads)]
    environment = dict(os.environ, PYTHONPATH=package)
    answer = subprocess.run(command, env=environment, capture_output=True, text=True)
    if answer.returncode != 0:  # an analysis (or option) that build does not have
        return float("nan"), float("nan")
    wall, cpu = answer.stdout.split()[-2:]
    return float(wall), float(cpu)


def warm_up() -> None:
    import scipy.stats  # noqa: F401  (what the first analysis of a session imports)

    meantime.simulate(None, paths=10_000, seed=1, progress=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default=",".join(ANALYSES))
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--before", default=None, help="a directory holding another build of the meantime package")
    parser.add_argument("--no-one-by-one", action="store_true", help="leave out the runs one scenario at a time")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    warm_up()
    if args.child is not None:  # one analysis, timed, for a parent process
        print(*timed(args.child, args.threads))
        return
    chosen = [name for name in args.only.split(",") if name]
    ways = (["before"] if args.before else []) + ["now"] + ([] if args.no_one_by_one else ["one by one"])
    here = str(pathlib.Path(meantime.__file__).resolve().parents[1])

    best = {(name, way): float("inf") for name in chosen for way in ways}
    best_cpu = dict(best)
    for _ in range(args.repeat):
        for name in chosen:  # interleaved: a disturbance hits every way alike
            for way in ways:
                if way == "before":
                    seconds = in_process(name, args.threads, args.before)
                elif way == "now" and args.before:  # a process of its own too, for a fair match
                    seconds = in_process(name, args.threads, here)
                else:
                    with one_by_one() if way == "one by one" else contextlib.nullcontext():
                        seconds = timed(name, args.threads)
                best[(name, way)] = min(best[(name, way)], seconds[0])
                best_cpu[(name, way)] = min(best_cpu[(name, way)], seconds[1])

    print(f"the analyses from Python, best of {args.repeat}" + (f" (before: {args.before})" if args.before else ""))
    print("  wall seconds (CPU seconds of every thread in brackets)")
    print(f"  {'':48} " + " ".join(f"{way:>17}" for way in ways) + f" {'target':>8}")
    for name in chosen:
        words, _, target = ANALYSES[name]
        now = best[(name, "now")]
        verdict = "met" if now < target else f"MISSED by {now / target:.1f}x"
        cells = " ".join(
            f"{best[(name, way)]:8.2f}s ({best_cpu[(name, way)]:5.1f})"
            if best[(name, way)] < float("inf")
            else "n/a".rjust(17)
            for way in ways
        )
        print(f"  {words:48} {cells} {'< %g s' % target:>8}  {verdict}")


if __name__ == "__main__":
    main()
