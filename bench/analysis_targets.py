"""The analyses where users wait, timed from Python side by side in one process: each as it runs
now (its scenarios in batches, one engine call per batch: ``_core.simulate_batch``) and as it ran
before (one ``simulate`` call per scenario), interleaved, best of repetitions.

- Sobol indices: 256 samples of 8 inputs at 2,000 futures (2,560 runs; target under 30 s);
- a 100-point price sweep at 10,000 futures (target under 2 s);
- the funder's portfolio of 20 start-ups at 10,000 futures (target under 15 s).

    python bench/analysis_targets.py [--repeat 2] [--only sobol,sweep,portfolio] [--threads N]
"""

from __future__ import annotations

import argparse
import contextlib
import pathlib
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


def sweep(threads):
    meantime.sweep(
        None,
        {"business.price_per_session": np.linspace(8.0, 20.0, 100)},
        paths=10_000,
        seed=1,
        threads=threads,
        progress=False,
    )


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
    "portfolio": ("portfolio of 20 start-ups x 10,000 futures", portfolio, 15.0),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default=",".join(ANALYSES))
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    chosen = [name for name in args.only.split(",") if name]
    import scipy.stats  # noqa: F401  (what the first analysis of a session imports)

    meantime.simulate(None, paths=10_000, seed=1, progress=False)  # warm-up

    best = {(name, way): float("inf") for name in chosen for way in ("batches", "one by one")}
    for _ in range(args.repeat):
        for name in chosen:  # interleaved: a disturbance hits both ways alike
            for way in ("batches", "one by one"):
                context = one_by_one() if way == "one by one" else contextlib.nullcontext()
                with context:
                    started = time.perf_counter()
                    ANALYSES[name][1](args.threads)
                    best[(name, way)] = min(best[(name, way)], time.perf_counter() - started)

    print(f"the analyses from Python, best of {args.repeat} (batches: now; one by one: as before)")
    print(f"  {'':48} {'batches':>9} {'one by one':>11} {'ratio':>7} {'target':>8}")
    for name in chosen:
        words, _, target = ANALYSES[name]
        now, before = best[(name, "batches")], best[(name, "one by one")]
        verdict = "met" if now < target else f"MISSED by {now / target:.1f}x"
        print(f"  {words:48} {now:8.2f}s {before:10.2f}s {before / now:6.2f}x {'< %g s' % target:>8}  {verdict}")


if __name__ == "__main__":
    main()
