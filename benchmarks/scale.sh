#!/bin/bash
# benchmarks/scale.sh [--bin BIN] [--dir DIR] [--limit N] [--rounds R] [--shards K]
# benchmarks/scale.sh --synthetic [CELLS] [--bin BIN]
#
# The scale run of issue 11: GCC's c-torture execute/ tests over six configurations, toolgate against a
# naive `make -j2` of the same commands, interleaved (toolgate, make, toolgate, make... for R rounds,
# default 1; medians).
#
# Tests: DIR, else extracted once from Debian's gcc-12-source (/usr/src/gcc-12/gcc-*.tar.xz) into
# ${XDG_CACHE_HOME:-~/.cache}/toolgate-bench/. Only the plain ones: a .c file directly in execute/ (not
# in builtins/ or ieee/, which need their own harness and .x files), with no `dg-` directive at all
# (dg-options, dg-require-effective-target, dg-skip-if, dg-additional-options... need DejaGnu's handling).
# gcc 12.2.0 has 1,592 such .c files, 236 with a directive: 1,356 plain tests. --limit N takes the first N.
#
# Configurations (6): gcc and clang-19, x86_64, -O0 / -O2 / -Os, libgcc shared; `-w -lm`, and for clang the
# -Wno-error= flags old C needs (docs/outside-suites.md). 1,356 x 6 = 8,136 cells.
#
#   toolgate  `toolgate run -j 2 --fixtures DIR` into an empty OUT with an empty build cache (cold)
#   make      the same run's compile, link and run commands (argv, directory, environment, limits from
#             its report.json, less the cache's -MD -MF and --dependency-file), one target per cell, -j2
#
# Printed: wall time and its ratio, user and system CPU, peak memory (/usr/bin/time -v, maximum resident
# set size: toolgate's own or its largest child's), report.json, index.html and work/ sizes, and the
# harness's own time per cell:
#   own wall  = (toolgate's wall time - the time its child processes ran / jobs) / cells, where the time
#               the children ran is the sum of every step's duration_ms in report.json: the wall time
#               toolgate adds to its steps' own, with both job slots busy;
#   own CPU   = (toolgate's user+sys - make's user+sys) / cells: the same processes' CPU, so the rest is
#               toolgate's (make's own is a few ms).
# --shards K also runs the tests as K shards (warm cache) and merges them, and checks the merged report
# has the whole run's cells with the same statuses.
#
# --synthetic [CELLS] (default 10,000): a generated plan of tiny fixtures (one `main` each) with the smoke
# compilers (gcc, x86_64, -O2, shared-libgcc and static), CELLS/2 fixtures; prints its peak memory and
# PASS or FAIL against 300 MB (issue 11's bound), and exits 1 on FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/toolgate DIR="" LIMIT=0 ROUNDS=1 SHARDS=0 SYNTHETIC=0
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) BIN=$2; shift 2 ;;
        --dir) DIR=$2; shift 2 ;;
        --limit) LIMIT=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --shards) SHARDS=$2; shift 2 ;;
        --synthetic)
            SYNTHETIC=10000
            if [ $# -gt 1 ] && [[ $2 =~ ^[0-9]+$ ]]; then SYNTHETIC=$2; shift; fi
            shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "scale.sh: error: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
done
for n in "$LIMIT" "$ROUNDS" "$SHARDS" "$SYNTHETIC"; do
    [[ $n =~ ^[0-9]+$ ]] || { echo "scale.sh: error: '$n' is not a whole number" >&2; exit 64; }
done
[ "$ROUNDS" -ge 1 ] || { echo "scale.sh: error: --rounds must be at least 1" >&2; exit 64; }
[ -x "$BIN" ] || { echo "scale.sh: error: '$BIN' is not an executable (run 'make build' first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scale.sh: error: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/toolgate-scale.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# "wall user sys maxrss_kb" from a /usr/bin/time -v file.
times() {
    python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def f(label): return re.search(re.escape(label) + r": (.*)", t).group(1).strip()
parts = [float(p) for p in f("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
print(f"{wall:.2f} {float(f('User time (seconds)')):.2f} {float(f('System time (seconds)')):.2f} {f('Maximum resident set size (kbytes)')}")
PY
}

if [ "$SYNTHETIC" -gt 0 ]; then
    fixtures=$((SYNTHETIC / 2))
    mkdir -p "$WORK/synthetic"
    for i in $(seq 1 "$fixtures"); do
        printf 'int main(void) { volatile int x = %d; return x != %d; }\n' "$i" "$i" > "$WORK/synthetic/t$i.c"
    done
    cat > "$WORK/synthetic.toml" <<EOT
name = "synthetic"
fixtures = "synthetic"
opt = ["-O2"]
link = ["shared-libgcc", "static"]
timeout = 30
[compilers.gcc]
cc = "gcc"
cxx = "g++"
[targets.x86_64]
EOT
    echo "scale.sh: synthetic plan: $fixtures fixtures x gcc x86_64 -O2 x {shared-libgcc, static} = $((fixtures * 2)) cells" >&2
    /usr/bin/time -v -o "$WORK/syn.time" "$BIN" run "$WORK/synthetic.toml" --out "$WORK/syn" -j 2 --cache-dir "$WORK/syn-cache" \
        >/dev/null 2>"$WORK/syn.err" || true
    read -r wall user sys rss <<<"$(times "$WORK/syn.time")"
    cells=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['cells']))" "$WORK/syn/report.json")
    mb=$((rss / 1024))
    verdict=PASS
    [ "$mb" -le 300 ] || verdict=FAIL
    echo "synthetic: $cells cells in $wall s (user $user s, sys $sys s); peak memory $mb MB ($((rss / (cells > 0 ? cells : 1))) KB a cell)"
    echo "$verdict: peak memory $mb MB against 300 MB"
    [ "$verdict" = PASS ]
    exit $?
fi

# The tests.
if [ -z "$DIR" ]; then
    tarball=$(ls /usr/src/gcc-12/gcc-12*.tar.xz 2>/dev/null | grep -v gm2 | head -1 || true)
    [ -n "$tarball" ] || { echo "scale.sh: error: no /usr/src/gcc-12/gcc-12*.tar.xz: apt-get install gcc-12-source, or give --dir DIR" >&2; exit 2; }
    DIR=${XDG_CACHE_HOME:-$HOME/.cache}/toolgate-bench/$(basename "$tarball" .tar.xz)-c-torture-execute
    if [ ! -f "$DIR/.complete" ]; then
        top=$( (tar -tJf "$tarball" || true) | head -1 | cut -d/ -f1)
        echo "scale.sh: extracting c-torture execute/*.c from $tarball into $DIR ..." >&2
        rm -rf "$DIR.tmp" && mkdir -p "$DIR.tmp"
        tar -C "$DIR.tmp" -xJf "$tarball" --no-wildcards-match-slash --wildcards "$top/gcc/testsuite/gcc.c-torture/execute/*.c"
        rm -rf "$DIR" && mv "$DIR.tmp/$top/gcc/testsuite/gcc.c-torture/execute" "$DIR" && rm -rf "$DIR.tmp"
        touch "$DIR/.complete"
    fi
fi
[ -d "$DIR" ] || { echo "scale.sh: error: '$DIR' is not a directory" >&2; exit 2; }
mkdir -p "$WORK/tests"
all=0 plain=0
for f in "$DIR"/*.c; do
    [ -f "$f" ] || continue
    all=$((all + 1))
    grep -q 'dg-' "$f" && continue
    plain=$((plain + 1))
    if [ "$LIMIT" -eq 0 ] || [ "$plain" -le "$LIMIT" ]; then cp "$f" "$WORK/tests/"; fi
done
tests=$(ls "$WORK/tests" | wc -l)
[ "$tests" -gt 0 ] || { echo "scale.sh: error: no plain tests in '$DIR'" >&2; exit 2; }
echo "scale.sh: $DIR: $all .c files, $plain plain (no dg- directive); running $tests x 6 configurations" >&2

cat > "$WORK/scale.toml" <<'EOT'
name = "c-torture-scale"
fixtures = "tests"
opt = ["-O0", "-O2", "-Os"]
link = ["shared-libgcc"]
cflags = ["-w"]
ldflags = ["-lm"]
timeout = 30
[compilers.gcc]
cc = "gcc"
cxx = "g++"
[compilers.clang]
cc = "clang-19"
cxx = "clang++-19"
cflags = ["-Wno-error=implicit-int", "-Wno-error=implicit-function-declaration",
          "-Wno-error=int-conversion", "-Wno-error=incompatible-pointer-types", "-Wno-error=return-type"]
[targets.x86_64]
EOT

# One make target per cell: its unit's compiles (once per unit), then its link and run.
makefile() {
    python3 - "$1/report.json" "$2" <<'PY'
import json, shlex, sys, os
report, root = sys.argv[1], sys.argv[2]
old = os.path.dirname(report) + "/work"
cells = [c for c in json.load(open(report))["cells"] if c["commands"]]
def fix(s): return s.replace(old, root)
def argv(c):
    out, skip = [], 0
    for a in c["argv"]:
        if skip: skip -= 1; continue
        if a == "-MD": continue
        if a == "-MF": skip = 1; continue
        if a.startswith("-Wl,--dependency-file="): continue
        out.append(a)
    return out
def line(c):
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(c["env"].items()))
    lim = ("prlimit " + " ".join(c["limits"]) + " -- ") if c.get("limits") else ""
    return f"cd {shlex.quote(fix(c['cwd']))} && {env} {lim}{' '.join(shlex.quote(fix(a)) for a in argv(c))}"
units, targets = {}, []
print(".PHONY: all")
for i, c in enumerate(cells):
    unit = c["id"].rsplit("/", 2)[0] + "/" + c["opt"]
    compiles = [x for x in c["commands"] if x["step"] == "compile"]
    if unit not in units:
        units[unit] = f"unit{len(units)}"
        print(f"{units[unit]}:")
        for d in sorted({fix(x['cwd']) for x in compiles}): print(f"\tmkdir -p {shlex.quote(d)}")
        for x in compiles: print(f"\t-{line(x)} >/dev/null 2>&1")
    print(f"cell{i}: {units[unit]}")
    rest = [x for x in c["commands"] if x["step"] != "compile"]
    for d in sorted({fix(x['cwd']) for x in rest}): print(f"\tmkdir -p {shlex.quote(d)}")
    for x in rest: print(f"\t-{line(x)} >/dev/null 2>&1")
    targets.append(f"cell{i}")
print("all: " + " ".join(targets))
PY
}

"$BIN" run "$WORK/scale.toml" --out "$WORK/warmup" --filter '*/gcc/*/O0' --no-cache >/dev/null 2>&1 || true
for round in $(seq "$ROUNDS"); do
    rm -rf "$WORK/tg" "$WORK/cache" "$WORK/make"
    /usr/bin/time -v -o "$WORK/tg.time" "$BIN" run "$WORK/scale.toml" --out "$WORK/tg" -j 2 --cache-dir "$WORK/cache" \
        >/dev/null 2>"$WORK/tg.err" || true
    makefile "$WORK/tg" "$WORK/make" > "$WORK/Makefile"
    /usr/bin/time -v -o "$WORK/make.time" make -s -k -j2 -f "$WORK/Makefile" all >/dev/null 2>&1 || true
    echo "$(times "$WORK/tg.time")" >> "$WORK/tg.rounds"
    echo "$(times "$WORK/make.time")" >> "$WORK/make.rounds"
    echo "round $round: toolgate $(cut -d' ' -f1 <<<"$(tail -1 "$WORK/tg.rounds")") s, make -j2 $(cut -d' ' -f1 <<<"$(tail -1 "$WORK/make.rounds")") s" >&2
done
sizes="$(stat -c %s "$WORK/tg/report.json") $(stat -c %s "$WORK/tg/index.html" 2>/dev/null || echo 0) $(du -sb "$WORK/tg/work" | cut -f1)"

python3 - "$WORK/tg/report.json" "$WORK/tg.rounds" "$WORK/make.rounds" "$sizes" <<'PY'
import json, statistics, sys, collections
report = json.load(open(sys.argv[1]))
cells = report["cells"]
n = len(cells)
def medians(path):
    rows = [list(map(float, l.split())) for l in open(path) if l.strip()]
    return [statistics.median(col) for col in zip(*rows)], len(rows)
(tw, tu, ts, tm), rounds = medians(sys.argv[2])
(mw, mu, ms, mm), _ = medians(sys.argv[3])
rj, ih, wk = map(int, sys.argv[4].split())
steps = sum(c.get("duration_ms", 0) for cell in cells for c in cell["commands"]) / 1000
statuses = collections.Counter(c["status"] for c in cells)
jobs = 2
own_wall = (tw - steps / jobs) / n * 1000
own_cpu = ((tu + ts) - (mu + ms)) / n * 1000
mb = lambda b: b / 1e6
print(f"\n{n} cells ({', '.join(f'{v} {k}' for k, v in statuses.most_common())}), median of {rounds} round(s)")
print("| measure | toolgate | make -j2 | ratio |")
print("| --- | --- | --- | --- |")
print(f"| wall time | {tw:.1f} s ({1000 * tw / n:.0f} ms a cell) | {mw:.1f} s ({1000 * mw / n:.0f} ms a cell) | {tw / mw:.2f} |")
print(f"| user / system CPU | {tu:.0f} s / {ts:.0f} s | {mu:.0f} s / {ms:.0f} s | |")
print(f"| peak memory | {tm / 1024:.0f} MB | {mm / 1024:.0f} MB | {tm / mm:.1f} |")
print(f"| output | report.json {mb(rj):.1f} MB, index.html {mb(ih):.1f} MB, work/ {mb(wk):.0f} MB | | |")
print(f"| harness's own time a cell | wall {own_wall:.1f} ms (steps ran {steps:.0f} s over {jobs} jobs); CPU {own_cpu:.1f} ms | | |")
print(f"RESULT cells={n} toolgate={tw:.2f} make={mw:.2f} ratio={tw / mw:.3f} peak_mb={tm / 1024:.0f} own_wall_ms={own_wall:.2f} own_cpu_ms={own_cpu:.2f} report_mb={mb(rj):.1f} html_mb={mb(ih):.1f} work_mb={mb(wk):.0f}")
PY

if [ "$SHARDS" -gt 0 ]; then
    parts=()
    for k in $(seq "$SHARDS"); do
        "$BIN" run "$WORK/scale.toml" --out "$WORK/shard$k" -j 2 --cache-dir "$WORK/cache" --shard "$k/$SHARDS" >/dev/null 2>&1 || true
        parts+=("$WORK/shard$k/report.json")
    done
    "$BIN" merge --out "$WORK/merged" "${parts[@]}" >/dev/null 2>&1 || true
    python3 - "$WORK/tg/report.json" "$WORK/merged/report.json" "$SHARDS" <<'PY'
import json, sys
whole = {c["id"]: c["status"] for c in json.load(open(sys.argv[1]))["cells"]}
merged = {c["id"]: c["status"] for c in json.load(open(sys.argv[2]))["cells"]}
same = whole == merged
diff = sorted(k for k in whole.keys() | merged.keys() if whole.get(k) != merged.get(k))
print(f"shards: {sys.argv[3]} shards merged: {len(merged)} cells against the whole run's {len(whole)}: "
      + ("PASS, the same cells with the same statuses" if same else f"FAIL, {len(diff)} differ: {diff[:5]}"))
sys.exit(0 if same else 1)
PY
fi
