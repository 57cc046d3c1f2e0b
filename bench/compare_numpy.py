"""meantime against what a researcher would write instead: a vectorised NumPy Monte Carlo.

Both implement the same simplified model -- Bass awareness over a pool, price conversion,
Poisson sessions up to capacity, binomial churn, fixed and variable costs, savings, drawings
above a buffer, failure when business and household cash together fall below zero -- and run
in this one process on the same number of paths. The script checks that the two agree
statistically (survival and mean lowest cash within a few standard errors), then prints the
time ratio, and the time NumPy spends in its random draws alone.

Two cases, each reported: every path alive to the horizon (savings no failure can exhaust), and
most paths failing early (little savings, high living costs). With early failures NumPy drops the
failed paths from its arrays, and meantime stops each path at its failure (the engine's
``follow_failed=False``, what an answer that does not need the extra capital runs with).

meantime is timed twice: as ``simulate`` runs by default (with its statistics of every series in
every month, which NumPy does not compute), and with ``monthly_statistics=False`` (the same
survival and lowest cash, bit for bit: what an analysis that reads per-path outcomes asks for).

    python bench/compare_numpy.py [--paths 1000000] [--months 60] [--threads 2] [--case alive,early] [--repeat 3]

Each of the three (meantime, meantime without monthly statistics, NumPy) runs ``--repeat`` times
in turn, and its best time is reported.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

import meantime

# The simplified model's parameters: the kitchen-table default with every uncertain parameter
# fixed at a central value and every optional part off.
PARAMETERS = dict(
    population=60000,
    budget_holder_share=0.0054,
    fit_share=11 / 42,  # research(40, 10)'s mean
    innovation=0.035,
    imitation=0.2,
    reservation_price_per_hour=22.0,
    reservation_price_spread=0.25,
    sessions_per_month=4.0,
    churn_per_month=0.04,
    price_per_session=11.0,
    session_hours=0.5,
    startup_costs=800.0,
    fixed_costs_per_month=120.0,
    variable_cost_per_session=1.5,
    founder_hours_per_week=15.0,
    client_facing_share=0.7,
    savings=4000.0,
    living_costs_per_month=1250.0,
    other_income_per_month=900.0,
    drawings_buffer=300.0,
    max_drawings_per_month=1000.0,
)
# The two cases: changes to PARAMETERS.
CASES = {
    "alive": dict(savings=100_000.0),  # no path runs out of money within 60 months
    "early": dict(savings=300.0, living_costs_per_month=1600.0),  # most paths fail in the first months
}


def meantime_scenario(months: int, p: dict) -> "meantime.Scenario":
    groups = {
        "market": [
            "population",
            "budget_holder_share",
            "fit_share",
            "innovation",
            "imitation",
            "reservation_price_per_hour",
            "reservation_price_spread",
        ],
        "clients": ["sessions_per_month", "churn_per_month"],
        "business": [
            "price_per_session",
            "session_hours",
            "startup_costs",
            "fixed_costs_per_month",
            "variable_cost_per_session",
            "founder_hours_per_week",
            "client_facing_share",
        ],
        "household": [
            "savings",
            "living_costs_per_month",
            "other_income_per_month",
            "drawings_buffer",
            "max_drawings_per_month",
        ],
    }
    changes = {f"{group}.{name}": p[name] for group, names in groups.items() for name in names}
    changes["run.months"] = months
    # The parts the simplified model leaves out, off: benefits and tax; buying by route, the
    # renewing pool, committed people and interest discounted to purchase; missed sessions, weeks
    # off, travel and budget reviews.
    changes.update(
        {
            "benefits.enabled": False,
            "tax.enabled": False,
            "market.routes.enabled": False,
            "market.renewal.enabled": False,
            "market.committed_clients": 0,
            "market.interest_to_purchase": 1.0,
            "clients.missed_share": 0.0,
            "clients.review_month": 0,
            "clients.review_cut_probability": 0.0,
            "business.weeks_off_per_year": 0.0,
            "business.travel_minutes_per_visit": 0.0,
        }
    )
    return meantime.default_scenario().replace(changes)


def simulate_numpy(paths: int, months: int, seed: int, p: dict, drop_failed: bool) -> dict[str, float]:
    """The simplified model as a competent researcher would vectorise it; with ``drop_failed``
    the failed paths leave the arrays at the month's end. Also returns ``draw_seconds``: the time
    spent in NumPy's random draws alone (its C samplers), the part of its run that no
    vectorisation removes."""
    rng = np.random.default_rng(seed)
    pool = round(p["population"] * p["budget_holder_share"] * p["fit_share"])
    price_per_hour = p["price_per_session"] / p["session_hours"]
    z = (math.log(p["reservation_price_per_hour"]) - math.log(price_per_hour)) / p["reservation_price_spread"]
    affordable = 0.5 * math.erfc(-z / math.sqrt(2))
    capacity = int(p["founder_hours_per_week"] * 52 / 12 * p["client_facing_share"] / p["session_hours"] + 1e-9)
    max_clients = int(capacity / p["sessions_per_month"] + 1e-9)

    aware = np.zeros(paths, dtype=np.int64)
    clients = np.zeros(paths, dtype=np.int64)
    business = np.zeros(paths)
    household = np.full(paths, p["savings"])
    lowest = np.full(paths, np.inf)
    alive = np.ones(paths, dtype=bool)
    index = np.arange(paths)  # with drop_failed: the paths still in the arrays
    draw_seconds = 0.0

    def draw(sampler, *arguments):
        """One of NumPy's samplers over the paths, its time counted in draw_seconds."""
        nonlocal draw_seconds
        started = time.perf_counter()
        values = sampler(*arguments)
        draw_seconds += time.perf_counter() - started
        return values

    for month in range(1, months + 1):
        hazard = np.minimum(1.0, p["innovation"] + p["imitation"] * aware / pool)
        new = draw(rng.binomial, pool - aware, hazard)
        aware += new
        can_pay = draw(rng.binomial, new, affordable)
        clients += np.minimum(can_pay, np.maximum(0, max_clients - clients))
        sessions = np.minimum(draw(rng.poisson, clients * p["sessions_per_month"]), capacity)
        costs = p["fixed_costs_per_month"] + p["variable_cost_per_session"] * sessions
        if month == 1:
            costs = costs + p["startup_costs"]
        business += sessions * p["price_per_session"] - costs
        drawings = np.where(
            business > p["drawings_buffer"],
            np.minimum(business - p["drawings_buffer"], p["max_drawings_per_month"]),
            0.0,
        )
        business -= drawings
        household += drawings + p["other_income_per_month"] - p["living_costs_per_month"]
        top_up = np.where((business < 0) & (household > 0), np.minimum(-business, household), 0.0)
        business += top_up
        household -= top_up
        emergency = np.where((household < 0) & (business > 0), np.minimum(business, -household), 0.0)
        business -= emergency
        household += emergency
        combined = business + household
        if drop_failed:
            lowest[index] = np.minimum(lowest[index], combined)
            going = combined >= 0
            alive[index[~going]] = False
            index, aware, clients, business, household = (
                index[going],
                aware[going],
                clients[going],
                business[going],
                household[going],
            )
        else:
            np.minimum(lowest, combined, out=lowest)
            alive &= combined >= 0
        clients -= draw(rng.binomial, clients, p["churn_per_month"])
    return {
        "survival": float(alive.mean()),
        "lowest_mean": float(lowest.mean()),
        "lowest_sd": float(lowest.std(ddof=1)),
        "draw_seconds": draw_seconds,
    }


def compare(case: str, args: argparse.Namespace) -> bool:
    parameters = {**PARAMETERS, **CASES[case]}
    drop_failed = case == "early"
    scenario = meantime_scenario(args.months, parameters)

    def run_meantime(monthly: bool):
        start = time.perf_counter()
        run = meantime._core.simulate(
            scenario._core,
            paths=args.paths,
            seed=args.seed,
            threads=0 if args.threads is None else args.threads,
            keep_outcomes=True,
            follow_failed=not drop_failed,
            monthly_statistics=monthly,
        )
        return run, time.perf_counter() - start

    def run_numpy():
        start = time.perf_counter()
        out = simulate_numpy(args.paths, args.months, args.seed, parameters, drop_failed)
        return out, time.perf_counter() - start

    # The three in turn, --repeat rounds, the best time of each: the machine's load falls on all
    # three alike, and a first run's page faults on fresh memory count for none of them.
    meantime_seconds = lean_seconds = numpy_seconds = math.inf
    for _ in range(args.repeat):
        run, seconds = run_meantime(True)
        meantime_seconds = min(meantime_seconds, seconds)
        lean_run, seconds = run_meantime(False)
        lean_seconds = min(lean_seconds, seconds)
        theirs, seconds = run_numpy()
        numpy_seconds = min(numpy_seconds, seconds)
    result = meantime.Result(scenario, run)
    lean = meantime.Result(scenario, lean_run)
    if not (
        np.array_equal(lean.outcome_arrays["lowest_cash"], result.outcome_arrays["lowest_cash"])
        and lean.survival(args.months) == result.survival(args.months)
    ):
        raise SystemExit("meantime without monthly statistics gave other answers")
    lowest = np.asarray(result.outcomes["lowest_cash"])
    ours = {
        "survival": float(result.survival(args.months)),
        "lowest_mean": float(lowest.mean()),
        "lowest_sd": float(lowest.std(ddof=1)),
    }

    n = args.paths
    se_survival = math.sqrt(2 * ours["survival"] * (1 - ours["survival"]) / n)
    se_lowest = math.sqrt((ours["lowest_sd"] ** 2 + theirs["lowest_sd"] ** 2) / n)
    agree = (
        abs(ours["survival"] - theirs["survival"]) <= 5 * se_survival + 1e-12
        and abs(ours["lowest_mean"] - theirs["lowest_mean"]) <= 5 * se_lowest + 1e-9
    )
    path_months = n * args.months
    words = {
        "alive": "every path alive to the horizon",
        "early": "most paths failing early (numpy drops them; meantime stops them)",
    }[case]
    print(f"simplified model, {n:,} paths x {args.months} months: {words}")
    print(f"  {'':10} {'seconds':>8} {'M path-months/s':>16} {'survival':>9} {'mean lowest cash':>17}")
    rows = (("meantime", meantime_seconds, ours), ("  outcomes", lean_seconds, ours), ("numpy", numpy_seconds, theirs))
    for name, seconds, stats in rows:
        print(
            f"  {name:10} {seconds:8.2f} {path_months / seconds / 1e6:16.1f} {stats['survival']:9.4f}"
            f" {stats['lowest_mean']:17.1f}"
        )
    print(
        f"  agree within 5 standard errors: {'yes' if agree else 'NO'}"
        f" (survival se {se_survival:.4f}, lowest-cash se {se_lowest:.1f})"
    )
    target = {"alive": 4.0, "early": 1.0}[case]
    for words, seconds in (("", meantime_seconds), (" (outcomes only: no monthly statistics)", lean_seconds)):
        ratio = numpy_seconds / seconds
        print(
            f"  meantime / numpy speed{words}: {ratio:.1f}x (target at least {target:g}x: "
            f"{'met' if ratio >= target else 'MISSED'})"
        )
    draws = theirs["draw_seconds"]
    print(
        f"  numpy's random draws alone: {draws:.2f} s ({100 * draws / numpy_seconds:.0f}% of its run);"
        f" meantime's whole run / numpy's draws alone: {draws / meantime_seconds:.1f}x"
    )
    return agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paths", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", default="alive,early")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the three runs; the best time of each")
    args = parser.parse_args()
    agreed = [compare(case, args) for case in args.case.split(",") if case]
    if not all(agreed):
        raise SystemExit("the two implementations disagree: the comparison is not fair")


if __name__ == "__main__":
    main()
