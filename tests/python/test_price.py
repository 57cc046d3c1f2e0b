"""price_curve and best_price: the priced-out share against its closed form, monotone in price
under common random numbers, the best price read from the curve, and clear answers and errors."""

from __future__ import annotations

import math
from statistics import NormalDist

import pandas as pd
import pytest

import meantime
from conftest import classic_scenario
from meantime.analyses.price import default_price_range


def test_the_priced_out_share_is_the_lognormal_tail():
    # Reservation prices lognormal around a fixed £22/h median with log sd 0.25: at £p a half-hour
    # session the share who cannot pay is Phi(ln(2p / 22) / 0.25): a half at £11.
    s = classic_scenario().replace(market__reservation_price_per_hour=22)
    curve = meantime.price_curve(s, [9, 11, 13], paths=2000, seed=3, progress=False)
    for price, row in curve.iterrows():
        expected = NormalDist().cdf(math.log(2 * price / 22) / 0.25)
        assert abs(row.priced_out_share - expected) < 4 * row.priced_out_share_se, price  # within 4 se


def test_the_curve_moves_with_price_as_it_should():
    curve = meantime.price_curve(classic_scenario(), [8, 10, 12, 14], paths=2000, seed=1, progress=False)
    assert list(curve.columns) == [
        "survival",
        "survival_se",
        "living_break_even",
        "living_break_even_se",
        "founder_income",
        "founder_income_se",
        "clients_served",
        "clients_served_se",
        "priced_out_share",
        "priced_out_share_se",
    ]
    # Common random numbers: a budget holder who can pay £12 can pay £10 on the same path.
    assert curve["priced_out_share"].is_monotonic_increasing
    assert curve["clients_served"].is_monotonic_decreasing
    assert (curve["survival_se"] > 0).all()


def test_the_best_price_maximises_income_within_the_limits():
    prices = [8, 9, 10, 11, 12]
    best = meantime.best_price(
        classic_scenario(), min_survival=0.85, max_priced_out=0.45, prices=prices, paths=2000, seed=2, progress=False
    )
    curve = pd.DataFrame(best.attrs["curve"]).set_index("price")
    allowed = curve[(curve.survival >= 0.85) & (curve.priced_out_share <= 0.45)]
    assert len(allowed) >= 2 and len(allowed) < len(curve)  # the limits bite and leave a choice
    assert best.loc["best_price", "price"] == allowed["founder_income"].idxmax()
    assert best.loc["best_price", "meets_limits"]
    assert best.loc["best_price", "founder_income"] == allowed["founder_income"].max()
    assert curve["meets_limits"].tolist() == [p in allowed.index for p in prices]
    assert best.loc["best_price", "answer"].startswith(f"£{best.loc['best_price', 'price']:.2f} a session")
    # Answers for two scenarios stack into one table.
    other = meantime.best_price(classic_scenario(), min_survival=0.5, prices=[9, 10], paths=200, progress=False)
    assert len(pd.concat([best, other])) == 2


def test_no_price_meeting_the_limits_is_an_answer_not_an_error():
    best = meantime.best_price(
        classic_scenario(), min_survival=0.99, max_priced_out=0.1, prices=[10, 12], paths=500, progress=False
    )
    row = best.loc["best_price"]
    assert math.isnan(row.price) and not row.meets_limits
    assert row.answer.startswith("no price from £10.00 to £12.00 gives survival of at least 99%")
    assert "at most 10% of interested budget holders priced out" in row.answer


def test_the_default_price_range_spans_the_break_even_price_to_three_times_the_median():
    low, high = default_price_range(classic_scenario())
    # £120 fixed a month over 91 sessions (15 h x 0.7 x 52/12 / 0.5 h, rounded down) + £1.50 a
    # session = £2.82 (the operating break-even price with a full diary).
    assert low == pytest.approx(120 / 91 + 1.5)
    # 3 x 0.5 h x the mean median rate £21.67/h (triangular 18, 22, 25) = £32.50.
    assert high == pytest.approx(3 * 0.5 * (18 + 22 + 25) / 3)


@pytest.mark.parametrize(
    "prices, message",
    [
        ([], "prices: is empty"),
        ([10, -5], "prices: must be above 0, got -5"),
        ([10, 0], "prices: must be above 0, got 0"),
        ([10, float("nan")], "prices: must be a finite number"),
        (["ten"], "prices: must be a finite number"),
        (11, "prices: must be a list"),
    ],
)
def test_bad_prices_are_argument_errors(prices, message):
    with pytest.raises(meantime.ArgumentError, match=message):
        meantime.price_curve(None, prices, paths=100)


def test_bad_limits_are_argument_errors():
    with pytest.raises(meantime.ArgumentError, match="min_survival: must be between 0 and 1"):
        meantime.best_price(None, min_survival=1.5, paths=100)
    with pytest.raises(meantime.ArgumentError, match="max_priced_out"):
        meantime.best_price(None, max_priced_out=-0.1, paths=100)
    with pytest.raises(meantime.ArgumentError, match="prices: must be above 0"):
        meantime.best_price(None, prices=[-3], paths=100)
