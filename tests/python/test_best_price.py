"""best_price's objectives, search and ties, and the ``meantime best-price`` command: a flat
optimum reported as a tie, an interior optimum found to the step against its closed form, the
paired differences checked path by path, clear errors, and reproducible answers."""

from __future__ import annotations

import inspect
import json
import math
from io import StringIO
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

import meantime
from conftest import classic_scenario
from meantime.analyses.price import FLAT_SHARE, default_price_range
from meantime.cli.main import main

STEP = 0.5


def curve_of(best: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(best.attrs["curve"]).set_index("price")


# -- a flat optimum ------------------------------------------------------------------------------


def flat_scenario() -> meantime.Scenario:
    """A venture whose fate is settled before any price is paid, in a market that can pay any
    price tried and that fills the diary at once.

    - Reservation prices: a median of £500 an hour (log sd 0.25); a £16 half-hour session is
      £32 an hour, 11 log-sds below: everyone aware can pay every price tried (the affordable
      share is 1 to double precision), so nobody is priced out.
    - Demand: all the budget holders (60,000 x a share of 0.3%-0.7% x fit 1: 180 to 420) are
      aware in month 1 (innovation 1), the diary holds 22.75 clients, no client leaves (churn
      0): the diary is full from month 1 on every path at every price, the same clients on the
      same path.
    - Money: the household's other income pays its living costs; payments arrive two months
      after billing, so in months 1 and 2 the venture has no money in, only the start-up costs
      (£1,000) and two months of costs that do not depend on the price; a path fails then when
      its savings (uniform £0-£3,000) do not cover them, about half of them. From month 3 every
      price tried (at least £6 against £1.50 a session and £120 a month) brings in more than the
      costs, so the paths still going never fail.

    So each path survives at every price or at none: survival is the same at every price, path
    by path, though it is uncertain (about 50%, with a standard error of 2.5 points at 400
    paths). Every paired difference is exactly 0: all prices are tied, a flat optimum.
    """
    return classic_scenario().replace(
        {
            "market.fit_share": 1.0,
            "market.innovation": 1.0,
            "market.imitation": 0.0,
            "market.reservation_price_per_hour": 500.0,
            "clients.churn_per_month": 0.0,
            "payments.direct_payment.delay_months": 2,
            "business.startup_costs": 1000,
            "household.savings": {"dist": "uniform", "min": 0, "max": 3000},
            "household.other_income_per_month": 1250,
            "household.max_drawings_per_month": 100_000,
            "tax.enabled": False,
        }
    )


def test_a_flat_optimum_is_reported_as_a_tie():
    prices = list(range(6, 17))
    best = meantime.best_price(
        flat_scenario(), objective="survival", min_survival=None, prices=prices, paths=400, seed=5, progress=False
    )
    row, curve = best.loc["best_price"], curve_of(best)
    assert pd.api.types.is_float_dtype(best["price"]) and pd.api.types.is_bool_dtype(best["flat"])  # typed columns
    assert 0.2 < row.survival < 0.8 and row.survival_se > 0.01  # uncertain, yet the same at every price:
    assert (curve["survival"] == row.survival).all()
    assert (curve["difference"] == 0).all() and (curve["difference_se"] == 0).all()
    assert curve["tied"].all()
    assert (row.tied_low, row.tied_high) == (6, 16)
    # Among exactly equal prices the one paying the founder most: the highest.
    assert row.price == 16
    assert row.flat and (16 - 6) / 16 >= FLAT_SHARE
    assert "£6.00 to £16.00 are statistically tied on survival" in row.answer
    assert "the curve is flat" in row.answer

    # On the founder's income the same scenario is not flat: the surviving paths draw more at
    # a higher price (a full diary at every price), so £16 beats every other price.
    income = meantime.best_price(
        flat_scenario(), objective="income", min_survival=None, prices=prices, paths=400, seed=5, progress=False
    ).loc["best_price"]
    assert income.price == 16 and (income.tied_low, income.tied_high) == (16, 16) and not income.flat
    assert "no other price tried is statistically tied" in income.answer
    assert "the best is the highest price tried" in income.answer


# -- an interior optimum with a closed form ------------------------------------------------------

POOL, COST, FIXED, MEDIAN, SPREAD, HOURS = 200, 2.0, 100.0, 20.0, 0.25, 0.5


def deterministic_scenario() -> meantime.Scenario:
    """A deterministic run (every draw its expectation) with a closed-form founder income.

    All 200 budget holders (20,000 x 0.01 x fit 1) are aware in month 1 (innovation 1); at a
    price p those whose reservation rate (lognormal, median £20/h, log sd 0.25) covers p per
    hour can pay: n(p) = round(200 x Phi((ln 20 - ln(p / 0.5)) / 0.25)). Each books one session
    a month and never leaves, the diary (50 h a week, all with clients: 433 sessions) holds them
    all, payment is immediate, and the founder draws all the business makes (no buffer, no
    cap, no tax). So founder income a month = n(p) x (p - £2) - £100, and clients served n(p).
    """
    return classic_scenario().replace(
        {
            "run.deterministic": True,
            "run.months": 12,
            "market.population": 20_000,
            "market.budget_holder_share": 0.01,
            "market.fit_share": 1.0,
            "market.innovation": 1.0,
            "market.imitation": 0.0,
            "market.reservation_price_per_hour": MEDIAN,
            "market.reservation_price_spread": SPREAD,
            "clients.sessions_per_month": 1,
            "clients.churn_per_month": 0.0,
            "business.startup_costs": 0,
            "business.fixed_costs_per_month": FIXED,
            "business.variable_cost_per_session": COST,
            "business.founder_hours_per_week": 50,
            "business.client_facing_share": 1.0,
            "household.savings": 100_000,
            "household.drawings_buffer": 0,
            "household.max_drawings_per_month": 100_000,
            "tax.enabled": False,
        }
    )


def clients(p: float) -> int:
    return round(POOL * NormalDist().cdf((math.log(MEDIAN) - math.log(p / HOURS)) / SPREAD))


def income(p: float) -> float:
    return clients(p) * (p - COST) - FIXED


def search_prices(scenario: meantime.Scenario, step: float) -> np.ndarray:
    """Every multiple of ``step`` the search may try: from the range's bottom rounded up."""
    low, high = default_price_range(scenario)
    return np.arange(math.ceil(low / step), math.ceil(high / step) + 1) * step


def test_the_closed_form_is_the_model():
    curve = meantime.price_curve(deterministic_scenario(), [6, 8, 9.5, 11], paths=1, seed=1, progress=False)
    for p, row in curve.iterrows():
        assert row.founder_income == pytest.approx(income(p), abs=1e-9), p
        assert row.clients_served == clients(p), p


@pytest.mark.parametrize("step", [0.5, 1.0])
def test_an_interior_optimum_is_found_to_the_step(step):
    s = deterministic_scenario()
    best = meantime.best_price(s, objective="income", step=step, paths=1, seed=1, progress=False)
    row, curve = best.loc["best_price"], curve_of(best)
    grid = search_prices(s, step)
    expected = grid[np.argmax([income(p) for p in grid])]
    assert row.price == expected  # £8.00 at either step
    # The continuous optimum (ignoring the rounding of n(p)) is within one step of it.
    fine = np.arange(4, 14, 0.001)
    smooth = [POOL * NormalDist().cdf((math.log(MEDIAN) - math.log(p / HOURS)) / SPREAD) * (p - COST) for p in fine]
    assert abs(row.price - fine[int(np.argmax(smooth))]) <= step
    # Deterministic: no noise, so no other price ties; each price a multiple of the step, and
    # the search ran fewer prices than the list holds (at 50p, under half).
    assert (row.tied_low, row.tied_high) == (expected, expected)
    assert np.allclose(np.asarray(curve.index) / step, np.round(np.asarray(curve.index) / step))
    assert len(curve) < (len(grid) / 2 if step == STEP else len(grid))
    assert row.answer.startswith(f"£{expected:.2f} a session: founder income £{income(expected):,.0f} a month")


def test_the_objective_changes_the_answer_where_it_should():
    s = deterministic_scenario()
    grid = search_prices(s, STEP)
    by_income = meantime.best_price(s, paths=1, seed=1, progress=False).loc["best_price"]

    # Clients served: n(p) falls with the price; every price up to £4.50 serves all 200
    # (n(£5) = 199), so those tie exactly and the one paying most, £4.50, is named.
    most_clients = meantime.best_price(s, objective="clients", paths=1, seed=1, progress=False).loc["best_price"]
    all_served = max(p for p in grid if clients(p) == POOL)
    assert most_clients.price == all_served == 4.5
    assert (most_clients.tied_low, most_clients.tied_high) == (grid[0], all_served)
    assert most_clients.price < by_income.price and most_clients.clients_served > by_income.clients_served

    # Survival: £100,000 of savings, every price survives, all tie; the range stops where the
    # limit of at most 50% priced out does: n(£10) = 100 of 200 (exactly half), n(£10.50) < 100.
    survival = meantime.best_price(s, objective="survival", paths=1, seed=1, progress=False).loc["best_price"]
    assert (survival.tied_low, survival.tied_high) == (grid[0], 10.0) and survival.flat
    assert survival.price == by_income.price  # among exact ties, the founder's income decides

    # Income + £3 for each client served: n(p) x (p - 2) - 100 + 3 n(p) = n(p) x (p + 1) - 100,
    # maximised lower than income alone (serving more is now worth something).
    weighted = meantime.best_price(s, objective={"income": 1, "clients": 3}, paths=1, seed=1, progress=False)
    expected = grid[np.argmax([clients(p) * (p + 1) for p in grid])]
    assert weighted.loc["best_price", "price"] == expected < by_income.price
    assert weighted.loc["best_price", "objective"] == "income=1, clients=3"
    assert weighted.loc["best_price", "objective_value"] == pytest.approx(clients(expected) * (expected + 1) - FIXED)


# -- the paired differences ----------------------------------------------------------------------


def per_path_income(scenario: meantime.Scenario, price: float, paths: int, seed: int) -> np.ndarray:
    result = meantime.simulate(
        scenario.replace(business__price_per_session=price), paths=paths, seed=seed, keep_outcomes=True, progress=False
    )
    return result.outcome_arrays["drawings"].astype(float) / result.months


def test_the_ties_are_paired_per_path_differences_within_1_96_standard_errors():
    s, prices, paths, seed = classic_scenario(), [9.0, 9.5, 10.0, 10.5, 11.0], 400, 7
    best = meantime.best_price(
        s, min_survival=None, max_priced_out=None, prices=prices, paths=paths, seed=seed, progress=False
    )
    curve, top = curve_of(best), best.loc["best_price", "price"]
    # By hand: each price's income on each path (simulated alone, the same seed), less the best's.
    alone = {p: per_path_income(s, p, paths, seed) for p in prices}
    assert top == max(prices, key=lambda p: alone[p].mean())
    for p in prices:
        d = alone[p] - alone[top]
        assert curve.loc[p, "difference"] == pytest.approx(d.mean(), abs=1e-9)
        assert curve.loc[p, "difference_se"] == pytest.approx(d.std(ddof=1) / math.sqrt(paths), rel=1e-9)
        assert curve.loc[p, "tied"] == (abs(d.mean()) <= 1.959963984540054 * d.std(ddof=1) / math.sqrt(paths))
    # Paired differences are sharper than the prices' own standard errors would suggest.
    others = [p for p in prices if p != top]
    assert all(curve.loc[p, "difference_se"] < curve.loc[p, "objective_se"] for p in others)
    # The range: an unbroken run of tied prices around the best, ended by untied prices (or the list's end).
    row = best.loc["best_price"]
    low, high = prices.index(row.tied_low), prices.index(row.tied_high)
    assert curve["tied"].iloc[low : high + 1].all()
    assert low == 0 or not curve["tied"].iloc[low - 1]
    assert high == len(prices) - 1 or not curve["tied"].iloc[high + 1]


def test_a_function_of_the_table_uses_the_grouped_jackknife():
    s, prices, paths, seed = classic_scenario(), [9.0, 10.0, 11.0], 400, 3
    kwargs = dict(min_survival=None, max_priced_out=None, prices=prices, paths=paths, seed=seed, progress=False)
    named = meantime.best_price(s, objective="income", **kwargs)

    def monthly_income(table):
        return table["founder_income"]

    function = meantime.best_price(s, objective=monthly_income, **kwargs)
    assert function.loc["best_price", "price"] == named.loc["best_price", "price"]
    assert function.loc["best_price", "objective"] == "monthly_income"
    assert function.loc["best_price", "objective_value"] == pytest.approx(named.loc["best_price", "objective_value"])
    # For a mean, the jackknife over 20 equal groups of paths is the batch-means standard error:
    # sqrt(sum((group mean - mean)^2) / (20 x 19)), here of the per-path differences.
    top = function.loc["best_price", "price"]
    alone = {p: per_path_income(s, p, paths, seed) for p in prices}
    curve = curve_of(function)
    for p in prices:
        groups = (alone[p] - alone[top]).reshape(20, -1).mean(axis=1)
        expected = math.sqrt(((groups - groups.mean()) ** 2).sum() / (20 * 19))
        assert curve.loc[p, "difference_se"] == pytest.approx(expected, rel=1e-9, abs=1e-12)


# -- arguments, reproducibility ------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(objective="profit"), "objective: must be one of 'survival', 'income', 'clients'"),
        (dict(objective=3), "objective: must be one of"),
        (dict(objective={"profit": 1}), r"objective\['profit'\]: unknown answer"),
        (dict(objective={"income": float("nan")}), r"objective\['income'\]: must be a finite number"),
        (dict(objective={"income": 0}), "objective: the weights are all 0"),
        (dict(objective=lambda t: [1.0]), r"objective: the function must return one number per row .*got 1"),
        (dict(step=0), "step: must be above 0"),
        (dict(step=-0.5), "step: must be above 0"),
        (dict(step="50p"), "step: must be a finite number"),
        (dict(min_survival=1.5), "min_survival: must be between 0 and 1"),
        (dict(max_priced_out=-0.1), "max_priced_out: must be between 0 and 1"),
        (dict(prices=[10, -3]), "prices: must be above 0"),
    ],
)
def test_bad_arguments_are_argument_errors_naming_the_argument(kwargs, message):
    with pytest.raises(meantime.ArgumentError, match=message):
        meantime.best_price(None, paths=50, **{"prices": [10, 12], **kwargs}, progress=False)


def test_the_same_seed_gives_the_same_answer():
    def run(seed):
        return meantime.best_price(classic_scenario(), paths=200, seed=seed, progress=False)

    first, again, other = run(4), run(4), run(5)
    pd.testing.assert_frame_equal(first, again, check_exact=True)
    pd.testing.assert_frame_equal(curve_of(first), curve_of(again), check_exact=True)
    assert not curve_of(first)["founder_income"].equals(curve_of(other)["founder_income"])


# -- the command ---------------------------------------------------------------------------------


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_command_answers_in_words_and_a_table(capsys, tmp_path):
    path = tmp_path / "det.toml"
    deterministic_scenario().to_file(path)
    status, out, _ = run_cli(capsys, "best-price", str(path), "--paths", "1", "--no-progress", "--allow-defaults")
    assert status == 0
    best = meantime.best_price(deterministic_scenario(), paths=1, seed=2026, progress=False).loc["best_price"]
    assert f"Charge £{best.price:.2f} a session; no other price tried is statistically tied" in out
    assert f"founder income £{best.founder_income:,.0f} a month" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("price "))
    rows = [line for line in lines[header + 2 :] if line.startswith("£")]
    assert len(rows) == len(curve_of(meantime.best_price(deterministic_scenario(), paths=1, seed=2026, progress=False)))
    best_row = next(line for line in rows if line.endswith("best"))
    assert best_row.startswith(f"£{best.price:.2f}") and f"£{best.founder_income:,.0f}" in best_row
    assert "± is a 95% interval" in out


def test_the_command_writes_csv_and_json(capsys, tmp_path):
    path = tmp_path / "det.toml"
    deterministic_scenario().to_file(path)
    common = [str(path), "--paths", "1", "--no-progress", "--allow-defaults", "--prices", "6:10:1"]
    status, out, _ = run_cli(capsys, "best-price", *common, "--format", "csv", "--objective", "clients")
    assert status == 0
    table = pd.read_csv(StringIO(out))
    assert table["price"].tolist() == [6.0, 7.0, 8.0, 9.0, 10.0]
    assert table["clients_served"].tolist() == [clients(p) for p in range(6, 11)]
    assert table["in_tie_range"].tolist() == [True, False, False, False, False]
    status, out, _ = run_cli(capsys, "best-price", *common, "--format", "json", "--objective", "income=1,clients=3")
    records = json.loads(out)  # every price tried, one record each, unrounded
    assert [r["price"] for r in records] == [6.0, 7.0, 8.0, 9.0, 10.0]
    assert [r["price"] for r in records if r["best"]] == [max(range(6, 11), key=lambda p: clients(p) * (p + 1))]  # £7
    assert [r["founder_income"] for r in records] == pytest.approx([income(p) for p in range(6, 11)])
    assert [r["objective"] for r in records] == pytest.approx([clients(p) * (p + 1) - FIXED for p in range(6, 11)])


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--objective", "profit"], ["--objective", "expected survival, income, clients"]),
        (["--objective", "income=x"], ["--objective", "expected weights such as income=1,clients=20"]),
        (["--min-survival", "90"], ["--min-survival", "did you mean 0.9?"]),
        (["--step", "0"], ["--step", "must be above 0"]),
        (["--prices", "8:6:1"], ["--prices", "start <= stop"]),
        (["--format", "xml"], ["--format", "invalid choice"]),
    ],
)
def test_bad_options_are_usage_errors(capsys, argv, words):
    with pytest.raises(SystemExit) as stopped:
        main(["best-price", *argv])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    for word in words:
        assert word in err


def test_a_bad_weight_is_one_line_naming_it(capsys):
    status, _, err = run_cli(
        capsys, "best-price", "--paths", "20", "--prices", "9,10", "--objective", "income=1,profit=2"
    )
    assert status == 2
    assert err.strip().splitlines() == [
        "meantime: error: objective['profit']: unknown answer; weigh 'survival', 'income', 'clients'"
    ]


def test_the_command_says_when_no_price_meets_the_limits(capsys):
    argv = ["best-price", "--paths", "200", "--no-progress", "--prices", "9,10", "--min-survival", "0.999"]
    status, out, _ = run_cli(capsys, *argv)
    assert status == 0
    assert "No price works: no price from £9.00 to £10.00 gives survival of at least 99.9%" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    status, out, _ = run_cli(capsys, *argv, "--format", "json")
    records = json.loads(out)
    assert [(r["price"], r["best"], r["in_tie_range"], r["meets_limits"]) for r in records] == [
        (9.0, False, False, False),
        (10.0, False, False, False),
    ]


def test_python_and_the_command_line_share_the_default_seed(capsys, tmp_path):
    for function in (meantime.best_price, meantime.price_curve):
        assert inspect.signature(function).parameters["seed"].default == meantime.DEFAULT_SEED
    path = tmp_path / "classic.toml"
    classic_scenario().to_file(path)
    # No seed given either way: the same futures, the same numbers to the last bit.
    argv = ["best-price", str(path), "--allow-defaults", "--paths", "300", "--prices", "9,10", "--no-progress"]
    status, out, _ = run_cli(capsys, *argv, "--min-survival", "none", "--format", "json")
    records = json.loads(out)
    best = meantime.best_price(classic_scenario(), min_survival=None, prices=[9, 10], paths=300, progress=False)
    assert status == 0 and best.attrs["seed"] == meantime.DEFAULT_SEED
    curve = curve_of(best)
    assert [r["founder_income"] for r in records] == curve["founder_income"].tolist()
    assert [r["difference_se"] for r in records] == curve["difference_se"].tolist()


def test_when_no_price_meets_the_limits_the_search_narrows_around_the_most_survival():
    best = meantime.best_price(classic_scenario(), min_survival=0.999, paths=300, seed=2, progress=False)
    row, curve = best.loc["best_price"], curve_of(best)
    assert math.isnan(row.price) and not curve["meets_limits"].any()
    most = curve["survival"].idxmax()
    # Narrowed to the step: the prices 50p either side of it were tried too.
    assert {most - STEP, most + STEP} <= set(curve.index)
    assert f"the most is {curve.loc[most, 'survival']:.1%} at £{most:,.2f}" in row.answer
