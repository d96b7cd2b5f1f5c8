#!/bin/bash
# benchmarks/sandbox.sh [BIN] [MATRIX] [ROUNDS]: what sealing run steps in bubblewrap costs.
#
# 1. One run step, with hyperfine: a native hello and an aarch64 hello under qemu-aarch64, each bare and
#    in the sandbox toolgate builds for it (the argv of a sealed run's report: PID and network
#    namespaces, read-only root, /proc, /dev, private /tmp; for aarch64 the sysroot as the root and qemu
#    bound under /.toolgate/host). Prints milliseconds per step and the sandbox's extra.
# 2. The matrix warm (build cache filled), with `sandbox = "bwrap"` and with `sandbox = "none"`: medians of
#    ROUNDS (default 3) and the ratio. benchmarks/matrix.sh gives the warm ratio to `make -j2`.
# The last line is machine-readable: `RESULT native_bare=MS native_sealed=MS qemu_bare=MS qemu_sealed=MS warm_on=S warm_off=S`.
set -euo pipefail
BIN=${1:-.build/release/toolgate}
MATRIX=${2:-matrices/default.toml}
ROUNDS=${3:-3}
case "$ROUNDS" in ''|*[!0-9]*|0) echo "sandbox.sh: error: ROUNDS must be a positive whole number, got '$ROUNDS'" >&2; exit 64 ;; esac
[ -x "$BIN" ] || { echo "sandbox.sh: error: '$BIN' is not an executable (run 'make build' first)" >&2; exit 2; }
for t in hyperfine bwrap python3; do command -v "$t" >/dev/null || { echo "sandbox.sh: error: needs '$t'" >&2; exit 2; }; done
WORK=$(mktemp -d /tmp/toolgate-bench-sandbox.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
FIXTURES=$(cd "$(dirname "$MATRIX")" && python3 -c "import sys,tomllib; print(tomllib.load(open(sys.argv[1],'rb')).get('fixtures','../fixtures'))" "$(basename "$MATRIX")")
FIXTURES=$(cd "$(dirname "$MATRIX")" && realpath "$FIXTURES")

# Matrices that differ only in the sandbox key (a top-level key must come before the first table).
with_mode() { { echo "sandbox = \"$1\""; grep -v '^sandbox *=' "$MATRIX"; } >"$WORK/$1.toml"; }
with_mode bwrap; with_mode none

# 1. The sealed argv of a hello cell, taken from a real run's report.
"$BIN" run "$WORK/bwrap.toml" --fixtures "$FIXTURES" --out "$WORK/hello" --filter 'hello/gcc/*/shared-libgcc/*' --no-cache >/dev/null 2>&1 || true
python3 - "$WORK/hello/report.json" "$WORK" <<'PY'
import json, shlex, sys
report, work = sys.argv[1], sys.argv[2]
for c in json.load(open(report))["cells"]:
    run = [x for x in c["commands"] if x["step"] == "run"]
    if not run or c["target"] not in ("x86_64", "aarch64"): continue
    argv, cwd = run[-1]["argv"], run[-1]["cwd"]
    # As toolgate runs it: the sandbox and the loader's report (LD_DEBUG) it sets for the program.
    sealed = list(argv)
    if c["target"] == "x86_64":
        bare = ["./prog"]
    else:
        bare = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu", "./prog"]
    name = "native" if c["target"] == "x86_64" else "qemu"
    open(f"{work}/{name}.sealed", "w").write(f"cd {shlex.quote(cwd)} && " + " ".join(map(shlex.quote, sealed)) + " >/dev/null")
    open(f"{work}/{name}.bare", "w").write(f"cd {shlex.quote(cwd)} && " + " ".join(map(shlex.quote, bare)) + " >/dev/null")
PY
for name in native qemu; do
    [ -f "$WORK/$name.sealed" ] || { echo "sandbox.sh: error: no sealed $name hello cell in the run (is bubblewrap working? see $WORK/hello)" >&2; KEEP=1; exit 2; }
    hyperfine -N --warmup 5 --runs 40 --export-json "$WORK/$name.json" \
        -n "$name bare" "sh -c '$(cat "$WORK/$name.bare")'" -n "$name sealed" "sh -c '$(cat "$WORK/$name.sealed")'" >/dev/null
done

# 2. The matrix warm, sealed and not: one cold run fills the cache both share.
"$BIN" run "$WORK/none.toml" --fixtures "$FIXTURES" --out "$WORK/fill" -j 2 --cache-dir "$WORK/cache" >/dev/null 2>&1 || true
on=() off=()
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
for round in $(seq "$ROUNDS"); do
    t0=$(now); "$BIN" run "$WORK/bwrap.toml" --fixtures "$FIXTURES" --out "$WORK/on" -j 2 --cache-dir "$WORK/cache" >/dev/null 2>&1 || true; t1=$(now)
    "$BIN" run "$WORK/none.toml" --fixtures "$FIXTURES" --out "$WORK/off" -j 2 --cache-dir "$WORK/cache" >/dev/null 2>&1 || true; t2=$(now)
    on+=("$(elapsed "$t0" "$t1")") off+=("$(elapsed "$t1" "$t2")")
    echo "round $round: warm sealed ${on[-1]} s, warm unsealed ${off[-1]} s"
done
cells=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(1 for c in r['cells'] if c.get('sandbox')=='bwrap'))" "$WORK/on/report.json")

echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (compare only numbers taken on a quiet machine)"
python3 - "$WORK" "$cells" "${on[*]}" "${off[*]}" <<'PY'
import json, statistics, sys
work, cells = sys.argv[1], int(sys.argv[2])
on, off = (statistics.median(map(float, a.split())) for a in sys.argv[3:5])
ms = {}
for name in ("native", "qemu"):
    for r in json.load(open(f"{work}/{name}.json"))["results"]:
        ms[r["command"]] = 1000 * r["median"]
print(f"\none run step, median of 40 (hyperfine -N, through sh -c)")
print(f"{'':16}{'bare ms':>9}{'sealed ms':>11}{'extra ms':>10}{'ratio':>7}")
for name in ("native", "qemu"):
    b, s = ms[f"{name} bare"], ms[f"{name} sealed"]
    print(f"{name + ' hello':16}{b:9.1f}{s:11.1f}{s - b:10.1f}{s / b:7.2f}")
print(f"\nmatrix warm, medians of {len(sys.argv[3].split())} rounds ({cells} sealed run steps)")
print(f"sealed {on:.1f} s, unsealed {off:.1f} s: sealed / unsealed = {on / off:.2f}, {1000 * (on - off) / max(cells, 1):.1f} ms a run step")
print(f"RESULT native_bare={ms['native bare']:.1f} native_sealed={ms['native sealed']:.1f} qemu_bare={ms['qemu bare']:.1f} qemu_sealed={ms['qemu sealed']:.1f} warm_on={on:.2f} warm_off={off:.2f}")
PY
