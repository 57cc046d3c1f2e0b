#!/usr/bin/env bash
# Builds the engine in Release and runs the C++ benchmarks, then prints one short table:
# path-months per second per scenario and thread count, the ratio to the draw floor, the
# 2-thread speed-up, and the peak memory of summary-only runs by path count.
#
#   bench/run_all.sh [BUILD_DIR]        (default: build)
#   REPETITIONS=9 bench/run_all.sh      more repetitions on a noisy machine (default 5)
#
# The machine is shared, so each benchmark is repeated, the repetitions of all benchmarks are
# interleaved in random order (a disturbance hits a few repetitions of several benchmarks
# rather than every repetition of one), and the best repetition (the least disturbed one) is
# reported; ratios come from one run, side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
REPETITIONS=${REPETITIONS:-5}
JOBS=${JOBS:-2}

if [ ! -f "$BUILD/build.ninja" ] && [ ! -f "$BUILD/Makefile" ]; then
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  cmake -S . -B "$BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" -j "$JOBS" --target meantime_bench meantime_memory >/dev/null

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "running the engine benchmarks ($REPETITIONS repetitions each) ..." >&2
"$BUILD/bench/meantime_bench" --benchmark_repetitions="$REPETITIONS" --benchmark_enable_random_interleaving=true \
  --benchmark_out="$out/bench.json" --benchmark_out_format=json >/dev/null 2>"$out/bench.err" ||
  { cat "$out/bench.err" >&2; exit 1; }

echo "measuring peak memory of summary-only runs ..." >&2
for paths in 10000 100000 1000000; do
  # A fresh process per size: ru_maxrss is the peak of the whole process.
  "$BUILD/bench/meantime_memory" "$paths" default 0 >>"$out/memory.txt"
done

python3 - "$out/bench.json" "$out/memory.txt" "$REPETITIONS" <<'PY'
import json, re, sys

bench = json.load(open(sys.argv[1]))
best = {}  # benchmark name -> best rate (path-months/s) or least time (us) over repetitions
for b in bench["benchmarks"]:
    if b.get("run_type") != "iteration":
        continue
    name = b["run_name"]
    if "path_months_per_s" in b:
        best[name] = max(best.get(name, 0.0), b["path_months_per_s"])
    else:
        us = b["real_time"] * {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[b["time_unit"]]
        best[name] = min(best.get(name, float("inf")), us)

def rate(name):
    for key, value in best.items():
        if key.startswith(name):
            return value
    return float("nan")

print("meantime engine on %s cores, best of %s repetitions" % (bench["context"].get("num_cpus", "?"), sys.argv[3]))
print()
print("%-9s %14s %14s %12s %12s %12s" % ("scenario", "1 thread", "2 threads", "speed-up", "draw floor", "x floor"))
for number, label in ((0, "default"), (1, "full")):
    one = rate("BM_Engine/scenario:%d/threads:1" % number)
    two = rate("BM_Engine/scenario:%d/threads:2" % number)
    floor = rate("BM_DrawFloor/scenario:%d" % number)
    print("%-9s %12.2fM/s %12.2fM/s %11.2fx %10.2fM/s %11.2fx" % (label, one / 1e6, two / 1e6, two / one, floor / 1e6, floor / one))
print("  (path-months per second; x floor: the engine's time over the time of its random draws alone;")
print("   targets: 2 threads >= 1.8x one thread, engine within 3x of its draw floor)")
print()
for number, label in ((0, "default"), (1, "full")):
    print("statistics merge (%s, two 20,000-path runs): %.0f us" % (label, rate("BM_StatisticsMerge/scenario:%d" % number)))
print()
rows = [dict(re.findall(r"(\w+)=(\S+)", line)) for line in open(sys.argv[2]) if line.strip()]
print("%-12s %16s %10s" % ("paths", "peak RSS", "vs 10^4"))
base = float(rows[0]["peak_rss_kib"])
for row in rows:
    kib = float(row["peak_rss_kib"])
    print("%-12s %12.1f MiB %9.1f%%" % (row["paths"], kib / 1024, 100 * (kib / base - 1)))
print("  (summary-only runs, keep_outcomes off, all cores; target: 10^6 within 10% of 10^4)")
PY
echo
# A funder's portfolio of twenty start-ups (Python, the installed package).
"$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )" bench/portfolio_bench.py
