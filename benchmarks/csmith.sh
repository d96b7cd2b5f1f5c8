#!/bin/bash
# benchmarks/csmith.sh [BIN] [SEEDS] [REDUCE_LIMIT]: random programs through the default matrix, and the
# time `toolgate reduce` takes on a planted broken assembler.
#
#   cold    toolgate run matrices/default.toml --generate csmith --seeds SEEDS (default 1-10) into an
#           empty output directory with an empty build cache: csmith runs, every compile and link runs
#   warm    the same again with the cache the cold run filled (sources and objects restored; runs run)
#   reduce  a matrix of gcc and a gcc whose assembler turns the first register-to-register `subl` into
#           `addl` (the wrapper of Tests/CommandsTests/CsmithCommandTests.swift), seed 1 at csmith's
#           default flags: its broken cell reduced with `toolgate reduce --time-limit REDUCE_LIMIT`
#           (default 10m); the seconds it took and the lines before and after
# Prints seeds per minute cold and warm, the warm/cold ratio, and the reduction. The last line is
# machine-readable: `RESULT seeds=N cells=N cold=S warm=S seeds_per_min_cold=X seeds_per_min_warm=X
# reduce=S lines_before=N lines_after=N`.
set -euo pipefail
BIN=${1:-.build/release/toolgate}
SEEDS=${2:-1-10}
LIMIT=${3:-10m}
[ -x "$BIN" ] || { echo "csmith.sh: error: '$BIN' is not an executable (run 'make build' first)" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
MATRIX=$(pwd)/matrices/default.toml
WORK=$(mktemp -d /tmp/toolgate-bench-csmith.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }
per_minute() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 60 / float(sys.argv[2]):.2f}')" "$1" "$2"; }
count() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['cells']), len({c['fixture'] for c in r['cells']}))" "$1"; }

run() {  # run OUT: one run of the default matrix over SEEDS with the bench's cache; prints the seconds
    local t0; t0=$(now)
    "$BIN" run "$MATRIX" --generate csmith --seeds "$SEEDS" --out "$1" --cache-dir "$WORK/cache" > "$1.log" 2>&1 || true
    elapsed "$t0" "$(now)"
}

cold=$(run "$WORK/cold")
warm=$(run "$WORK/warm")
read -r cells seeds < <(count "$WORK/warm/report.json")
echo "default matrix, seeds $SEEDS: $seeds seeds, $cells cells"
echo "  cold  ${cold} s   $(per_minute "$seeds" "$cold") seeds/min"
echo "  warm  ${warm} s   $(per_minute "$seeds" "$warm") seeds/min   (warm/cold $(python3 -c "print(f'{$warm/$cold:.2f}')"))"
grep -E "^[0-9]+ cells:|wrong code in|generator trouble" "$WORK/warm.log" | sed 's/^/  /' || true

# The planted bug, reduced.
cat > "$WORK/broken-gcc" <<'SH'
#!/bin/bash
set -u
args=("$@") compile=0 out="" rest=() bits=()
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        -c) compile=1 ;;
        -o) out="${args[i+1]}"; i=$((i+1)); continue ;;
        -m32|-m64) bits+=("${args[i]}") ;;
    esac
    [ "${args[i]}" = -c ] || rest+=("${args[i]}")
done
if [ "$compile" = 0 ] || [ -z "$out" ]; then exec gcc "$@"; fi
gcc -S "${rest[@]}" -o "$out.s" || exit $?
sed -i -E '0,/^\tsubl\t(%[a-z0-9]+), (%[a-z0-9]+)$/s//\taddl\t\1, \2/' "$out.s"
gcc -c ${bits[@]+"${bits[@]}"} "$out.s" -o "$out"; status=$?
rm -f "$out.s"
exit $status
SH
chmod +x "$WORK/broken-gcc"
cat > "$WORK/planted.toml" <<TOML
name = "planted"
link = ["static-libgcc"]
[compilers.gcc]
cc = "gcc"
cxx = "g++"
[compilers.broken]
cc = "$WORK/broken-gcc"
cxx = "g++"
[targets.x86_64]
TOML
"$BIN" run "$WORK/planted.toml" --generate csmith --seeds 1 --out "$WORK/planted" --no-cache > "$WORK/planted.log" 2>&1 || true
t0=$(now)
"$BIN" reduce csmith-1/broken/x86_64/static-libgcc/O2 --report "$WORK/planted/report.json" --time-limit "$LIMIT" > "$WORK/reduce.log" 2>&1 || true
reduce=$(elapsed "$t0" "$(now)")
line=$(grep '^reduced:' "$WORK/reduce.log" || echo "reduced: ? lines -> ? lines")
before=$(sed -E 's/^reduced: ([0-9?]+) lines.*/\1/' <<<"$line")
after=$(sed -E 's/.*-> ([0-9?]+) lines.*/\1/' <<<"$line")
echo "reduce on the planted broken assembler (seed 1, limit $LIMIT): ${reduce} s"
sed 's/^/  /' "$WORK/reduce.log" | grep -v '^  toolgate: reducing'
echo "RESULT seeds=$seeds cells=$cells cold=$cold warm=$warm seeds_per_min_cold=$(per_minute "$seeds" "$cold") seeds_per_min_warm=$(per_minute "$seeds" "$warm") reduce=$reduce lines_before=$before lines_after=$after"
