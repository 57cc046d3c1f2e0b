"""A price sweep locally (threads=2) and on a 2-worker LocalCluster: wall time, same answer.

    .venv/bin/python bench/cluster_price_sweep.py [points=200] [paths=100000]

The full benchmark is 200 points of 100,000 paths each; on a shared 2-core machine give fewer points
and scale (the time is linear in points x paths).
"""

from __future__ import annotations

import logging
import sys
import time

import numpy as np
import pandas as pd

import meantime


def main() -> None:
    points = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    paths = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    prices = list(np.round(np.linspace(8, 20, points), 4))
    print(f"{points} prices x {paths:,} paths", flush=True)

    start = time.perf_counter()
    local = meantime.price_curve(None, prices, paths=paths, seed=1, threads=2, progress=False)
    local_seconds = time.perf_counter() - start
    print(f"local, threads=2:        {local_seconds:8.1f} s", flush=True)

    import distributed

    start = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        started = time.perf_counter() - start
        start = time.perf_counter()
        remote = meantime.price_curve(None, prices, paths=paths, seed=1, client=client, progress=False)
        cluster_seconds = time.perf_counter() - start
    print(f"2-worker LocalCluster:   {cluster_seconds:8.1f} s (+{started:.1f} s to start the cluster)", flush=True)
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    print("answers identical bit for bit")


if __name__ == "__main__":
    main()
