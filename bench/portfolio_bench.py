"""Times meantime.portfolio on the example town: twenty candidate start-ups at 10,000 paths each,
a £20,000 pot moved in 20 steps of £1,000 (the target: within a minute on two cores).

    .venv/bin/python bench/portfolio_bench.py [--paths N] [--evaluation auto|rerun]

Prints the wall time of the whole analysis (simple rules, needs and the optimiser), how it
splits between runs of the engine and the rest, the runs made and the optimiser's moves, then
the time of the curve against the pot (seven pots, the same futures).
"""

from __future__ import annotations

import argparse
import pathlib
import time

import meantime
from meantime.analyses import _runs
from meantime.analyses._funding_file import read_funding

FUNDING = pathlib.Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "portfolio" / "funding.toml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paths", type=int, default=10_000)
    parser.add_argument("--evaluation", default="auto", choices=["auto", "rerun"])
    args = parser.parse_args()
    plan = read_funding(FUNDING)

    # Count and time the engine's runs (every run of the analysis goes through Runs.run_kept_many:
    # run_kept is one scenario of it).
    engine = {"runs": 0, "seconds": 0.0}
    run_kept_many = _runs.Runs.run_kept_many

    def timed_many(self, scenarios, reduce, **options):
        start = time.perf_counter()
        try:
            return run_kept_many(self, scenarios, reduce, **options)
        finally:
            engine["runs"] += len(scenarios)
            engine["seconds"] += time.perf_counter() - start

    _runs.Runs.run_kept_many = timed_many
    start = time.perf_counter()
    result = meantime.portfolio(
        plan.scenarios,
        pot=20_000,
        step=1_000,
        objective="alive_36",
        paths=args.paths,
        seed=2026,
        rule=["optimise", "need", "equal"],
        progress=False,
        evaluation=args.evaluation,
    )
    seconds = time.perf_counter() - start
    methods = result.allocation["evaluation"].value_counts().to_dict()
    print(
        f"portfolio: {len(plan.scenarios)} start-ups x {args.paths:,} paths, pot £20,000 in steps of £1,000 "
        f"({args.evaluation}; {methods})"
    )
    print(
        f"  wall time {seconds:.1f} s: engine runs {engine['seconds']:.1f} s ({engine['runs']} runs), "
        f"the rest {seconds - engine['seconds']:.1f} s; optimiser moves {result.moves}"
    )
    o = result.outcomes
    for rule in result.rules:
        print(
            f"  {rule:9s} alive at 36 months {o.loc[rule, 'alive_36']:6.2f} ± {o.loc[rule, 'alive_36_se']:.2f}"
            f"   spent £{o.loc[rule, 'spent']:,.0f}"
        )
    engine.update(runs=0, seconds=0.0)
    start = time.perf_counter()
    result.curve([0, 5_000, 10_000, 15_000, 20_000, 30_000, 40_000], progress=False)
    seconds = time.perf_counter() - start
    print(f"  curve over 7 pots: {seconds:.1f} s (engine {engine['seconds']:.1f} s, {engine['runs']} runs)")


if __name__ == "__main__":
    main()
