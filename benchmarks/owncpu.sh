#!/bin/bash
# benchmarks/owncpu.sh [MATRIX] [FILTER] [ROUNDS] BIN [BIN2]: toolgate's own CPU time on a cold run.
#
# A cold `run -j 2` (empty output directory, empty build cache) of MATRIX (default matrices/default.toml),
# FILTER (default '*': every cell), ROUNDS times (default 3), BIN and BIN2 interleaved. While it runs, the
# script reads the toolgate process's /proc/PID/stat every 50 ms: utime + stime there are the CPU of
# toolgate's own threads (hashing, ELF inspection, resolution, the cache's copies, reports), without the
# compilers, linkers and programs it starts (those are cutime + cstime). Wall time on a shared machine says
# little; this CPU split does not depend on the load much. Prints each round, then medians, per cell, and
# BIN2 ÷ BIN. The last line is machine-readable: `RESULT cells=N own=S children=S [own2=S children2=S]`.
set -euo pipefail
MATRIX=${1:-matrices/default.toml}
FILTER=${2:-*}
ROUNDS=${3:-3}
BIN=${4:-.build/release/toolgate}
BIN2=${5:-}
case "$ROUNDS" in ''|*[!0-9]*|0) echo "owncpu.sh: error: ROUNDS must be a positive whole number, got '$ROUNDS'" >&2; exit 64 ;; esac
for b in "$BIN" ${BIN2:+"$BIN2"}; do
    [ -x "$b" ] || { echo "owncpu.sh: error: '$b' is not an executable (run 'make build' first)" >&2; exit 2; }
done
WORK=$(mktemp -d /tmp/toolgate-owncpu.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# One cold run; prints "own children cells" (seconds, seconds, count).
measure() {
    python3 - "$1" "$MATRIX" "$FILTER" "$WORK/out" "$WORK/cache" <<'PY'
import json, os, shutil, subprocess, sys, time
binary, matrix, flt, out, cache = sys.argv[1:6]
for d in (out, cache): shutil.rmtree(d, ignore_errors=True)
tick = os.sysconf("SC_CLK_TCK")
p = subprocess.Popen([binary, "run", matrix, "--out", out, "-j", "2", "--cache-dir", cache, "--filter", flt],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
own = children = 0
while p.poll() is None:
    try:
        with open(f"/proc/{p.pid}/stat") as f: rest = f.read().rsplit(")", 1)[1].split()
    except OSError: break
    if rest[0] == "Z": break
    own, children = int(rest[11]) + int(rest[12]), int(rest[13]) + int(rest[14])
    time.sleep(0.05)
p.wait()
cells = len(json.load(open(out + "/report.json"))["cells"])
print(f"{own / tick:.2f} {children / tick:.2f} {cells}")
PY
}

own=() kids=() own2=() kids2=()
cells=0
"$BIN" run "$MATRIX" --out "$WORK/warmup" --filter 'hello*' --no-cache >/dev/null 2>&1 || true
for round in $(seq "$ROUNDS"); do
    read -r o c cells < <(measure "$BIN"); own+=("$o") kids+=("$c")
    line="round $round (load $(cut -d' ' -f1 /proc/loadavg)): $BIN own ${o} s, children ${c} s"
    if [ -n "$BIN2" ]; then
        read -r o c cells < <(measure "$BIN2"); own2+=("$o") kids2+=("$c")
        line+="; $BIN2 own ${o} s, children ${c} s"
    fi
    echo "$line"
done

python3 - "$cells" "${own[*]}" "${kids[*]}" "${own2[*]:-}" "${kids2[*]:-}" <<'PY'
import statistics, sys
cells = int(sys.argv[1])
med = lambda a: statistics.median(map(float, a.split())) if a.strip() else None
own, kids, own2, kids2 = (med(a) for a in sys.argv[2:6])
print(f"\n{cells} cells, medians")
print(f"BIN   own CPU {own:.2f} s ({1000 * own / cells:.1f} ms a cell), children {kids:.2f} s, own share {own / (own + kids):.3f}")
result = f"RESULT cells={cells} own={own:.2f} children={kids:.2f}"
if own2 is not None:
    print(f"BIN2  own CPU {own2:.2f} s ({1000 * own2 / cells:.1f} ms a cell), children {kids2:.2f} s, own share {own2 / (own2 + kids2):.3f}")
    print(f"BIN2 own ÷ BIN own = {own2 / own:.2f}")
    result += f" own2={own2:.2f} children2={kids2:.2f}"
print(result)
PY
