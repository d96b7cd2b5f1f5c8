#!/usr/bin/env bash
# benchmarks/resolve.sh BIN [RUNS]: what resolution costs. Times `BIN resolve --json` over every dynamic
# x86_64 file under /usr/bin and /usr/lib/x86_64-linux-gnu (one process, every file an argument, the
# parsed libraries shared as in a run) against the real loader listing the same files
# (`/lib64/ld-linux-x86-64.so.2 --list FILE`, one process per file, as it must be run), and against
# `BIN inspect --json` over the same files (what every cell already pays for its binary).
#
# Each is run RUNS times (default 3), interleaved, after one warm-up run; the medians are printed, per
# file and as the ratios resolve/ld.so and resolve/inspect.
set -euo pipefail
export LC_ALL=C

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    [ $# -ge 1 ] && exit 0 || exit 64
fi
bin="$1"
runs="${2:-3}"
case "$runs" in ''|*[!0-9]*|0) echo "resolve.sh: error: RUNS must be a positive whole number, got '$runs'" >&2; exit 64 ;; esac
[ -x "$bin" ] || { echo "resolve.sh: error: '$bin' is not an executable (run 'make build' first)" >&2; exit 2; }
loader=/lib64/ld-linux-x86-64.so.2
[ -x "$loader" ] || { echo "resolve.sh: error: no $loader" >&2; exit 2; }

files=()
while IFS= read -r -d '' f; do
    # ELF magic, class 64, EM_X86_64, and a PT_INTERP or DT_NEEDED the loader can list.
    IFS= read -r -n 4 magic <"$f" 2>/dev/null || true
    [ "$magic" = $'\x7fELF' ] || continue
    "$loader" --list "$f" >/dev/null 2>&1 && files+=("$f")
done < <(find /usr/bin /usr/lib/x86_64-linux-gnu -maxdepth 1 -type f -print0 2>/dev/null | sort -z)
count=${#files[@]}
[ "$count" -gt 0 ] || { echo "resolve.sh: error: no dynamic files found" >&2; exit 2; }

now_ns() { date +%s%N; }
run_tool() {
    case "$1" in
        resolve) "$bin" resolve --json "${files[@]}" ;;
        ldso) for f in "${files[@]}"; do "$loader" --list "$f"; done ;;
        inspect) "$bin" inspect --json "${files[@]}" ;;
    esac
}
names=(resolve ldso inspect)
for n in "${names[@]}"; do run_tool "$n" >/dev/null 2>&1 || true; done
declare -A times
for ((r = 0; r < runs; r++)); do
    for n in "${names[@]}"; do
        start=$(now_ns)
        run_tool "$n" >/dev/null 2>&1 || true
        times[$n]+="$(( $(now_ns) - start )) "
    done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A med
for n in "${names[@]}"; do med[$n]=$(echo "${times[$n]}" | median); done
echo "files: $count dynamic x86_64 files, $runs runs, medians"
for n in "${names[@]}"; do
    awk -v n="$n" -v t="${med[$n]}" -v c="$count" 'BEGIN { printf "  %-8s %8.0f ms  %6.3f ms/file\n", n, t / 1e6, t / 1e6 / c }'
done
awk -v a="${med[resolve]}" -v b="${med[ldso]}" -v c="${med[inspect]}" \
    'BEGIN { printf "ratio resolve/ld.so --list: %.2f\nratio resolve/inspect:      %.2f\n", a / b, a / c }'
