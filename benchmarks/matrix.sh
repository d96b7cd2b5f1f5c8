#!/bin/bash
# benchmarks/matrix.sh [BIN] [MATRIX] [ROUNDS]: the matrix with toolgate, cold and warm, against `make -j2`.
#
# Each round, after one warm-up run that fills the page cache with the compilers and qemu:
#   cold      toolgate run -j 2 into an empty output directory, with an empty build cache
#   warm      the same again, with the cache the cold run filled (compile and link steps restored)
#   no-cache  toolgate run -j 2 --no-cache
#   make      the no-cache run's own compile, link and run commands (argv, directory, environment and
#             limits from its report.json) as a Makefile, one target per cell, `make -j2`
# and prints each time, the median over ROUNDS (default 3), the ratios to make, and the cost per cell.
# The last line is machine-readable: `RESULT cells=N cold=S warm=S nocache=S make=S` (medians, seconds).
set -euo pipefail
BIN=${1:-.build/release/toolgate}
MATRIX=${2:-matrices/default.toml}
ROUNDS=${3:-3}
case "$ROUNDS" in ''|*[!0-9]*|0) echo "matrix.sh: error: ROUNDS must be a positive whole number, got '$ROUNDS'" >&2; exit 64 ;; esac
[ -x "$BIN" ] || { echo "matrix.sh: error: '$BIN' is not an executable (run 'make build' first)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/toolgate-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

# One make target per cell: its unit's compile commands (once per unit) and its link and run commands.
makefile() {
    python3 - "$1/report.json" "$2" <<'PY'
import json, shlex, sys, os
report, root = sys.argv[1], sys.argv[2]
old = os.path.dirname(report) + "/work"
cells = [c for c in json.load(open(report))["cells"] if c["commands"]]
def fix(s): return s.replace(old, root)
def line(c):
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(c["env"].items()))
    lim = ("prlimit " + " ".join(c["limits"]) + " -- ") if c["limits"] else ""
    return f"cd {shlex.quote(fix(c['cwd']))} && {env} {lim}{' '.join(shlex.quote(fix(a)) for a in c['argv'])}"
units, targets = {}, []
print(".PHONY: all setup")
# toolgate's i686 asm/ include directory (docs/matrix.md), recreated under the Makefile's tree.
print("setup:")
print(f"\tmkdir -p {root}/i686-include && ln -sfn /usr/include/x86_64-linux-gnu/asm {root}/i686-include/asm")
for i, c in enumerate(cells):
    unit = c["id"].rsplit("/", 2)[0] + "/" + c["opt"]
    compiles = [x for x in c["commands"] if x["step"] == "compile"]
    if unit not in units:
        units[unit] = f"unit{len(units)}"
        print(f"{units[unit]}: setup")
        for d in sorted({fix(x['cwd']) for x in compiles}): print(f"\tmkdir -p {shlex.quote(d)}")
        for x in compiles: print(f"\t{line(x)}")
    print(f"cell{i}: {units[unit]}")
    rest = [x for x in c["commands"] if x["step"] != "compile"]
    for d in sorted({fix(x['cwd']) for x in rest}): print(f"\tmkdir -p {shlex.quote(d)}")
    for x in rest: print(f"\t-{line(x)} >/dev/null 2>&1")
    targets.append(f"cell{i}")
print("all: " + " ".join(targets))
PY
}

"$BIN" run "$MATRIX" --out "$WORK/warmup" --filter 'hello*' --no-cache >/dev/null 2>&1 || true
cold=() warm=() nocache=() mk=()
for round in $(seq "$ROUNDS"); do
    rm -rf "$WORK/cache" "$WORK/tg" "$WORK/nc" "$WORK/make"
    t0=$(now); "$BIN" run "$MATRIX" --out "$WORK/tg" -j 2 --cache-dir "$WORK/cache" >/dev/null 2>&1 || true; t1=$(now)
    "$BIN" run "$MATRIX" --out "$WORK/tg" -j 2 --cache-dir "$WORK/cache" >/dev/null 2>"$WORK/warm.err" || true; t2=$(now)
    "$BIN" run "$MATRIX" --out "$WORK/nc" -j 2 --no-cache >/dev/null 2>&1 || true; t3=$(now)
    makefile "$WORK/nc" "$WORK/make" >"$WORK/Makefile"
    t4=$(now); make -s -k -j2 -f "$WORK/Makefile" all >/dev/null 2>&1 || true; t5=$(now)
    cold+=("$(elapsed "$t0" "$t1")") warm+=("$(elapsed "$t1" "$t2")") nocache+=("$(elapsed "$t2" "$t3")") mk+=("$(elapsed "$t4" "$t5")")
    echo "round $round: cold ${cold[-1]} s, warm ${warm[-1]} s ($(grep -o 'cache: [0-9]* hits, [0-9]* misses' "$WORK/warm.err" || echo 'no cache line')), no-cache ${nocache[-1]} s, make -j2 ${mk[-1]} s"
done
cells=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['cells']))" "$WORK/tg/report.json")

python3 - "$cells" "${cold[*]}" "${warm[*]}" "${nocache[*]}" "${mk[*]}" <<'PY'
import statistics, sys
cells = int(sys.argv[1])
cold, warm, nocache, make = (statistics.median(map(float, a.split())) for a in sys.argv[2:6])
print(f"\n{cells} cells, medians of {len(sys.argv[2].split())} rounds")
print(f"{'':22}{'seconds':>9}{'ms/cell':>9}{'÷ make':>8}")
for name, t in [("toolgate cold", cold), ("toolgate warm", warm), ("toolgate --no-cache", nocache), ("make -j2", make)]:
    print(f"{name:22}{t:9.1f}{1000 * t / cells:9.0f}{t / make:8.2f}")
print(f"warm / make = {warm / make:.2f} (the issue's bar: under 0.25)")
print(f"RESULT cells={cells} cold={cold:.2f} warm={warm:.2f} nocache={nocache:.2f} make={make:.2f}")
PY
