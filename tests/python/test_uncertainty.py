"""The one uncertainty convention (meantime.running.uncertainty): ± is 1.96 standard errors."""

from __future__ import annotations

import doctest
import math

import meantime.running.uncertainty as uncertainty


def test_the_interval_is_95_percent_of_a_normal():
    # Phi(1.959964) = 0.975: 2.5% in each tail.
    assert math.isclose(uncertainty.Z, 1.959963984540054, rel_tol=1e-12)
    assert uncertainty.interval(0.5, 0.01) == (0.5 - uncertainty.Z * 0.01, 0.5 + uncertainty.Z * 0.01)


def test_a_chance_is_written_in_percent_with_points():
    # p = 0.4467 of 2,000 paths: se = sqrt(0.4467 * 0.5533 / 2000) = 0.011117; 1.96 se = 2.18 points.
    se = math.sqrt(0.4467 * 0.5533 / 2000)
    assert uncertainty.share_with_interval(0.4467, se) == "44.7% ± 2.2"
    assert uncertainty.share_with_interval(0.4467, se, decimals=2) == "44.67% ± 2.18"
    assert uncertainty.share_with_interval(math.nan, se) == "-"
    assert uncertainty.points(math.nan) == "-"


def test_the_examples_run():
    failures, tried = doctest.testmod(uncertainty)
    assert failures == 0 and tried > 0
