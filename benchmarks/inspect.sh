#!/usr/bin/env bash
# benchmarks/inspect.sh BIN [RUNS]: times `BIN inspect --json` against readelf and scanelf over every
# ELF file under /usr/bin, /usr/lib/x86_64-linux-gnu, /usr/lib32 and /usr/aarch64-linux-gnu/lib.
#
# The file list: regular files only (a symlink is never followed, so no file is counted twice), whose
# first four bytes are the ELF magic. All three tools get the same list in the same way: one process,
# every file as an argument (the list fits well inside ARG_MAX), output to /dev/null. Each is run
# RUNS times (default 5) after one warm-up run that fills the page cache; the median wall time is
# printed with the ratios toolgate/readelf and toolgate/scanelf. The issue's bar: the first ratio at
# most 1.00; the aim: the second near 1.00.
#
# The compared views:
#   toolgate inspect --json FILES   every field of docs/inspect.md, DWARF producers included
#   readelf -hldnW FILES            ELF header, program headers, dynamic section, notes
#   scanelf -a -B -C FILES          (pax-utils) -a = type, PaX, GNU_STACK/PT_LOAD markings, TEXTREL,
#                                   RPATH/RUNPATH, NEEDED, INTERP, BIND, SONAME (-B no banner, -C no colour)
set -euo pipefail
export LC_ALL=C

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    [ $# -ge 1 ] && exit 0 || exit 64
fi
bin="$1"
runs="${2:-5}"
case "$runs" in ''|*[!0-9]*|0) echo "inspect.sh: error: RUNS must be a positive whole number, got '$runs'" >&2; exit 64 ;; esac
[ -x "$bin" ] || { echo "inspect.sh: error: '$bin' is not an executable (run 'make build' first)" >&2; exit 2; }
for tool in readelf scanelf; do
    command -v "$tool" >/dev/null || { echo "inspect.sh: error: '$tool' not found (binutils, pax-utils)" >&2; exit 2; }
done

dirs=(/usr/bin /usr/lib/x86_64-linux-gnu /usr/lib32 /usr/aarch64-linux-gnu/lib)
files=()
while IFS= read -r -d '' f; do
    # The ELF magic, read without spawning a process per file.
    IFS= read -r -n 4 magic <"$f" 2>/dev/null || true
    [ "$magic" = $'\x7fELF' ] && files+=("$f")
done < <(find "${dirs[@]}" -type f -print0 2>/dev/null | sort -z)
count=${#files[@]}
[ "$count" -gt 0 ] || { echo "inspect.sh: error: no ELF files found under ${dirs[*]}" >&2; exit 2; }

now_ns() { date +%s%N; }

# time_cmd NAME CMD...: runs once to warm up, then RUNS times; prints the median in milliseconds.
time_cmd() {
    local name="$1"; shift
    "$@" >/dev/null 2>&1 || true
    local samples=() start end
    for _ in $(seq "$runs"); do
        start=$(now_ns)
        "$@" >/dev/null 2>&1 || true
        end=$(now_ns)
        samples+=($(( (end - start) / 1000000 )))
    done
    local sorted
    sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
    local median
    median=$(printf '%s\n' "$sorted" | awk -v n="$runs" 'NR == int((n + 1) / 2) { a = $1 } NR == int(n / 2) + 1 { b = $1 } END { if (n % 2) print a; else print int((a + b) / 2) }')
    echo "$name ${median} $(printf '%s ' "${samples[@]}")"
}

echo "inspect.sh: $count ELF files under ${dirs[*]}; $runs runs each after a warm-up; $(nproc) cores"
t=$(time_cmd toolgate "$bin" inspect --json "${files[@]}")
r=$(time_cmd readelf readelf -hldnW "${files[@]}")
s=$(time_cmd scanelf scanelf -a -B -C "${files[@]}")

tm=$(echo "$t" | awk '{print $2}')
rm_=$(echo "$r" | awk '{print $2}')
sm=$(echo "$s" | awk '{print $2}')

printf '\n%-10s %12s   %s\n' "tool" "median (ms)" "runs (ms)"
for line in "$t" "$r" "$s"; do
    printf '%-10s %12s   %s\n' "$(echo "$line" | awk '{print $1}')" "$(echo "$line" | awk '{print $2}')" \
        "$(echo "$line" | cut -d' ' -f3-)"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
printf '\n%-22s %s\n' "toolgate / readelf" "$(ratio "$tm" "$rm_")"
printf '%-22s %s\n' "toolgate / scanelf" "$(ratio "$tm" "$sm")"
