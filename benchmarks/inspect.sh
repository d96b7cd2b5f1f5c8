#!/usr/bin/env bash
# benchmarks/inspect.sh BIN [RUNS]: times `BIN inspect --json` against readelf and scanelf over every
# ELF file under /usr/bin, /usr/lib/x86_64-linux-gnu, /usr/lib32 and /usr/aarch64-linux-gnu/lib.
#
# The file list: regular files only (a symlink is never followed, so no file is counted twice), whose
# first four bytes are the ELF magic. All three tools get the same list in the same way: one process,
# every file as an argument (the list fits well inside ARG_MAX), output to /dev/null. Each is run
# RUNS times (default 5), interleaved, after one warm-up run that fills the page cache; the median wall time is
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

# The three commands, by name. Runs are interleaved (one of each per round, the order rotating), so a
# burst of load from elsewhere on the machine falls on all three alike, not on one tool's block.
names=(toolgate readelf scanelf)
run_tool() {
    case "$1" in
        toolgate) "$bin" inspect --json "${files[@]}" ;;
        readelf) readelf -hldnW "${files[@]}" ;;
        scanelf) scanelf -a -B -C "${files[@]}" ;;
    esac >/dev/null 2>&1 || true
}

echo "inspect.sh: $count ELF files under ${dirs[*]}; $runs interleaved runs each after a warm-up; $(nproc) cores"
for name in "${names[@]}"; do run_tool "$name"; done   # warm-up: the page cache, the dynamic loader
declare -A samples=()
for round in $(seq "$runs"); do
    for k in 0 1 2; do
        name=${names[$(( (k + round) % 3 ))]}
        start=$(now_ns)
        run_tool "$name"
        end=$(now_ns)
        samples[$name]+="$(( (end - start) / 1000000 )) "
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
tm=$(echo "${samples[toolgate]}" | median)
rm_=$(echo "${samples[readelf]}" | median)
sm=$(echo "${samples[scanelf]}" | median)
t="toolgate $tm ${samples[toolgate]}"
r="readelf $rm_ ${samples[readelf]}"
s="scanelf $sm ${samples[scanelf]}"

printf '\n%-10s %12s   %s\n' "tool" "median (ms)" "runs (ms)"
for line in "$t" "$r" "$s"; do
    printf '%-10s %12s   %s\n' "$(echo "$line" | awk '{print $1}')" "$(echo "$line" | awk '{print $2}')" \
        "$(echo "$line" | cut -d' ' -f3-)"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
printf '\n%-22s %s\n' "toolgate / readelf" "$(ratio "$tm" "$rm_")"
printf '%-22s %s\n' "toolgate / scanelf" "$(ratio "$tm" "$sm")"
