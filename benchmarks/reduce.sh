#!/bin/bash
# benchmarks/reduce.sh [BIN] [LIMITS] [CASES]: `toolgate reduce` on a planted broken assembler, the lines
# and bytes before and after, the reduction ratio and the seconds it took, per time limit.
#
# The matrix is gcc and a gcc whose assembler turns the first register-to-register `subl` into `addl`
# (the wrapper of Tests/CommandsTests/CsmithCommandTests.swift); each case is a Csmith seed and its flags,
# its broken cell reduced once per limit in LIMITS (default "200s 10m": the test's limit and a long run).
#   small  seed 2 with --max-funcs 3 --max-block-depth 3 (206 lines; the one the test reduces)
#   large  seed 1 at Csmith's default flags (about 1600 lines)
# CASES defaults to "small large". The last lines are machine-readable, one a reduction:
# `RESULT case=C limit=L lines_before=N lines_after=N line_ratio=X bytes_before=N bytes_after=N byte_ratio=X seconds=S shows=yes|no`.
set -euo pipefail
BIN=${1:-.build/release/toolgate}
LIMITS=${2:-200s 10m}
CASES=${3:-small large}
[ -x "$BIN" ] || { echo "reduce.sh: error: '$BIN' is not an executable (run 'make build' first)" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
WORK=$(mktemp -d /tmp/toolgate-bench-reduce.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$1" "$2"; }

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

results=()
for c in $CASES; do
    case $c in
        small) seed=2 flags="--max-funcs 3 --max-block-depth 3" ;;
        large) seed=1 flags="" ;;
        *) echo "reduce.sh: error: unknown case '$c' (small, large)" >&2; exit 2 ;;
    esac
    "$BIN" run "$WORK/planted.toml" --generate csmith --seeds "$seed" ${flags:+--csmith-flags "$flags"} --out "$WORK/$c" --no-cache > "$WORK/$c.log" 2>&1 || true
    cell=csmith-$seed/broken/x86_64/static-libgcc/O2
    for limit in $LIMITS; do
        dir=$WORK/$c-$limit
        t0=$(now)
        "$BIN" reduce "$cell" --report "$WORK/$c/report.json" --out "$dir" --time-limit "$limit" > "$dir.log" 2>&1 && shows=yes || shows=no
        seconds=$(elapsed "$t0" "$(now)")
        lb=$(grep -c '' "$dir/original.c"); la=$(grep -c '' "$dir/reduced.c" || true)
        bb=$(wc -c < "$dir/original.c"); ba=$(wc -c < "$dir/reduced.c")
        echo "$c (seed $seed${flags:+, $flags}), limit $limit: $lb -> $la lines ($(ratio "$la" "$lb")), $bb -> $ba bytes ($(ratio "$ba" "$bb")), ${seconds} s, difference shows: $shows"
        grep '^reduced:' "$dir.log" | sed 's/^/  /' || true
        results+=("RESULT case=$c limit=$limit lines_before=$lb lines_after=$la line_ratio=$(ratio "$la" "$lb") bytes_before=$bb bytes_after=$ba byte_ratio=$(ratio "$ba" "$bb") seconds=$seconds shows=$shows")
    done
done
printf '%s\n' "${results[@]}"
