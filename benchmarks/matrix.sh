#!/bin/bash
# Runs a matrix with toolgate from an empty output directory (after a small warm-up run), then the same compile, link and run commands (taken from the report)
# as a plain Makefile with `make -j2`, and prints both times and the ratio (toolgate / make).
# Usage: bash benchmarks/matrix.sh [BIN] [MATRIX]
set -euo pipefail
BIN=${1:-.build/release/toolgate}
MATRIX=${2:-matrices/default.toml}
WORK=$(mktemp -d /tmp/toolgate-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
# Warm the page cache with the compilers and qemu first, so neither timed run pays for it alone.
"$BIN" run "$MATRIX" --out "$WORK/warm" --filter 'hello*' >/dev/null 2>&1 || true
t0=$(now)
"$BIN" run "$MATRIX" --out "$WORK/toolgate" -j 2 >/dev/null 2>&1 || true
t1=$(now)

# One make target per cell: its unit's compile commands (once per unit) and its link and run commands.
python3 - "$WORK/toolgate/report.json" "$WORK/make" > "$WORK/Makefile" <<'PY'
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
        dirs = {fix(x['cwd']) for x in compiles}
        for d in sorted(dirs): print(f"\tmkdir -p {shlex.quote(d)}")
        for x in compiles: print(f"\t{line(x)}")
    print(f"cell{i}: {units[unit]}")
    rest = [x for x in c["commands"] if x["step"] != "compile"]
    for d in sorted({fix(x['cwd']) for x in rest}): print(f"\tmkdir -p {shlex.quote(d)}")
    for x in rest: print(f"\t-{line(x)} >/dev/null 2>&1")
    targets.append(f"cell{i}")
print("all: " + " ".join(targets))
PY
t2=$(now)
make -s -k -j2 -f "$WORK/Makefile" all >/dev/null 2>&1 || true
t3=$(now)
python3 - "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:])
tg, mk = t1 - t0, t3 - t2
print(f"toolgate run: {tg:.1f} s")
print(f"make -j2:     {mk:.1f} s")
print(f"ratio toolgate/make: {tg / mk:.2f} (no slower when <= 1.00)")
PY
