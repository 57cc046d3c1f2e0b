"""The NumPy comparison benchmark compares like with like: its simplified model and meantime's
scenario for it must agree statistically (survival and mean lowest cash within five standard
errors), or its speed ratio means nothing. A default that switches on a new part of the model
must be switched off there too; this runs the benchmark small, so such a drift fails here."""

from __future__ import annotations

import pathlib
import subprocess
import sys

BENCH = pathlib.Path(__file__).resolve().parents[2] / "bench" / "compare_numpy.py"


def test_the_numpy_benchmark_compares_the_same_model():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--paths", "20000", "--months", "36", "--threads", "2", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("agree within 5 standard errors: yes") == 2, done.stdout
