#!/usr/bin/env bash
# The engine per path-month before and after a change, side by side in one run:
#
#   bench/compare_builds.sh BEFORE_BUILD [AFTER_BUILD]     (AFTER_BUILD: build)
#   REPETITIONS=9 bench/compare_builds.sh ...               more repetitions (default 5)
#
# Both builds' meantime_bench run the engine benchmarks (default scenario and full model, 1 and
# 2 threads, 100,000 paths, summary only) in alternation, so that the machine's load falls on
# both alike, and the best repetition of each is reported with the ratio after / before. Then,
# where valgrind is installed, each build's instructions per path-month (callgrind, one thread,
# CALLGRIND_PATHS paths less a one-path run; default 2,000): the same count on every run, where
# times on a shared machine move by a third. Build BEFORE_BUILD from the commit to compare with,
# e.g. `git worktree add /tmp/before main && cmake -S /tmp/before -B /tmp/before/build -G Ninja
# -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/before/build --target meantime_bench meantime_memory`.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${1:?usage: bench/compare_builds.sh BEFORE_BUILD [AFTER_BUILD]}
AFTER=${2:-build}
REPETITIONS=${REPETITIONS:-5}
PATHS=${CALLGRIND_PATHS:-2000}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "engine benchmarks, before and after in alternation ($REPETITIONS repetitions) ..." >&2
for rep in $(seq "$REPETITIONS"); do
  for side in before after; do
    dir=$BEFORE
    [ "$side" = after ] && dir=$AFTER
    "$dir/bench/meantime_bench" --benchmark_filter='BM_Engine' --benchmark_out="$out/$side-$rep.json" \
      --benchmark_out_format=json >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
  done
done

: >"$out/instructions.txt"
if command -v valgrind >/dev/null; then
  echo "instructions per path-month (callgrind) ..." >&2
  collected() {  # BUILD SCENARIO PATHS -> instructions of the whole process
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1/bench/meantime_memory" "$3" "$2" 1 2>&1 |
      sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  }
  months() { "$AFTER/bench/meantime_memory" 1 "$1" 1 | sed -n 's/.*months=\([0-9]*\).*/\1/p'; }
  for scenario in default full; do
    for side in before after; do
      dir=$BEFORE
      [ "$side" = after ] && dir=$AFTER
      echo "$side $scenario $(collected "$dir" $scenario 1) $(collected "$dir" $scenario "$PATHS") $PATHS $(months $scenario)" \
        >>"$out/instructions.txt"
    done
  done
fi

python3 - "$out" <<'PY'
import glob, json, os, sys

out = sys.argv[1]
best = {}  # (side, name) -> best path-months per second
for path in glob.glob(os.path.join(out, "*.json")):
    side = os.path.basename(path).split("-")[0]
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type") == "iteration" and "path_months_per_s" in b:
            key = (side, b["run_name"])
            best[key] = max(best.get(key, 0.0), b["path_months_per_s"])

print("%-9s %8s %16s %16s %8s" % ("scenario", "threads", "before", "after", "ratio"))
for number, label in ((0, "default"), (1, "full")):
    for threads in (1, 2):
        name = "BM_Engine/scenario:%d/threads:%d/real_time" % (number, threads)
        before, after = best.get(("before", name), float("nan")), best.get(("after", name), float("nan"))
        print("%-9s %8d %13.2fM/s %13.2fM/s %7.2fx" % (label, threads, before / 1e6, after / 1e6, after / before))
print("  (path-months per second, best repetition of each; ratio: after / before)")

rows = [line.split() for line in open(os.path.join(out, "instructions.txt")) if line.strip()]
if rows:
    per = {}
    for side, scenario, one, many, paths, months in rows:
        per[(side, scenario)] = (int(many) - int(one)) / ((int(paths) - 1) * int(months))
    print()
    print("%-9s %16s %16s %8s" % ("scenario", "before", "after", "ratio"))
    for scenario in ("default", "full"):
        before, after = per[("before", scenario)], per[("after", scenario)]
        print("%-9s %16.0f %16.0f %7.2fx" % (scenario, before, after, before / after))
    print("  (callgrind instructions per path-month, one thread; ratio: before / after)")
PY
