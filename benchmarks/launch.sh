#!/bin/bash
# benchmarks/launch.sh [N] [ROUNDS]: what one process start costs, through the launcher (Sources/CLaunch,
# Launcher.swift) against Foundation's Process, and for run steps against the old prlimit + Perl prefix.
# Prints the median milliseconds per start of ROUNDS interleaved rounds of N starts of /bin/true, and the
# ratios. Builds its harness (benchmarks/launch/main.swift) at -O with the real launcher sources.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}
ROUNDS=${2:-5}
work=$(mktemp -d /tmp/toolgate-launch-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "launch.sh: building the harness ..." >&2
clang -O2 -c Sources/CLaunch/launch.c -I Sources/CLaunch/include -o "$work/launch.o"
swiftc -O -package-name toolgate -module-name LaunchBench -I benchmarks/launch \
    Sources/Execution/Process/Launcher.swift benchmarks/launch/main.swift "$work/launch.o" -o "$work/bench" 2>&1 \
    | grep -v "^$" >&2 || true
[ -x "$work/bench" ] || { echo "launch.sh: error: the harness did not build" >&2; exit 2; }

modes="launcher process launcher-limits process-old-run"
for r in $(seq "$ROUNDS"); do
    for m in $modes; do "$work/bench" "$m" "$N"; done
done | tee "$work/log" >&2

python3 - "$work/log" "$N" "$ROUNDS" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {m: statistics.median(float(r[2]) for r in rows if r[0] == m) for m in {r[0] for r in rows}}
n, rounds = sys.argv[2], sys.argv[3]
print(f"\nms per start of /bin/true, median of {rounds} interleaved rounds of {n}:\n")
print("| start | launcher | before | ratio |")
print("| --- | --- | --- | --- |")
print(f"| compile/link step (no limits) | {med['launcher']:.3f} ms | Foundation Process {med['process']:.3f} ms | {med['launcher'] / med['process']:.2f} |")
print(f"| run step (limits, clean signals) | {med['launcher-limits']:.3f} ms | Process + prlimit + Perl {med['process-old-run']:.3f} ms | {med['launcher-limits'] / med['process-old-run']:.2f} |")
PY
