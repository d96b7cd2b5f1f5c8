#!/usr/bin/env bash
# Fuzzes the readers of hostile input with libFuzzer, each for a bounded time:
#   scripts/fuzz.sh [--seconds N] [--target elf|matrix|report]
#
# Builds the fuzz products once with -sanitize=fuzzer (-DFUZZING: libFuzzer's driver instead of the replay
# mode) in their own scratch path: toolgate-fuzz for elf, toolgate-fuzz-text (no libelf, libdw or libzstd
# linked) for matrix and report. Then for each target (all three, or the one --target names) copies
# its committed seed corpus Tests/Corpus/TARGET/ to a temporary working corpus and runs it for N seconds,
# with Tests/Corpus/TARGET.dict as its dictionary when there is one. A crash, a timeout (-timeout=10) or an
# out-of-memory (-rss_limit_mb=2048) leaves its input and the log under fuzz-artifacts/TARGET/; every target
# still runs, and the script exits non-zero when any of them failed. Replay an artifact with the normal
# build: .build/debug/toolgate-fuzz TARGET fuzz-artifacts/TARGET/crash-*   (docs/fuzzing.md)
# (toolgate-fuzz replays all three targets; the fuzzing runs matrix and report in toolgate-fuzz-text.)
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(elf matrix report)
seconds=60
targets=("${all_targets[@]}")
usage="usage: scripts/fuzz.sh [--seconds N] [--target elf|matrix|report]"
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
        --seconds=*) seconds="${1#--seconds=}"; shift ;;
        --target) targets=("${2:?--target needs a value}"); shift 2 ;;
        --target=*) targets=("${1#--target=}"); shift ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "fuzz.sh: error: unknown argument '$1'; $usage" >&2; exit 64 ;;
    esac
done
case "$seconds" in
    ''|*[!0-9]*) echo "fuzz.sh: error: '--seconds' needs a whole number, got '$seconds'" >&2; exit 64 ;;
esac
case " ${all_targets[*]} " in
    *" ${targets[0]} "*) ;;
    *) echo "fuzz.sh: error: unknown target '${targets[0]}'; expected one of ${all_targets[*]}" >&2; exit 64 ;;
esac

# The longest input each target is given: the ELF seeds are up to 20 KB, matrices and reports a few KB.
max_len() {
    case "$1" in
        elf) echo 65536 ;;
        matrix) echo 8192 ;;
        report) echo 32768 ;;
    esac
}

# Swift's backtracer takes SIGILL and SIGSEGV before libFuzzer's handlers: a Swift trap then ended the run
# with its backtrace but without the crashing input. Off, libFuzzer writes the input (docs/fuzzing.md).
export SWIFT_BACKTRACE=enable=no

# The product that fuzzes a target: the ELF reader's C libraries only where the ELF target needs them.
product() {
    case "$1" in
        elf) echo toolgate-fuzz ;;
        *) echo toolgate-fuzz-text ;;
    esac
}

SWIFT="${SWIFT:-swift}"
scratch=.build-fuzz
build=("$SWIFT" build -c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING)
bin_dir="$("${build[@]}" --show-bin-path)"
for p in $(for target in "${targets[@]}"; do product "$target"; done | sort -u); do
    echo "fuzz.sh: building: ${build[*]} --product $p"
    "${build[@]}" --product "$p"
    if [ ! -x "$bin_dir/$p" ]; then
        echo "fuzz.sh: error: the fuzzer was not built at '$bin_dir/$p'" >&2
        exit 2
    fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/toolgate-fuzz-corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failed=()
for target in "${targets[@]}"; do
    corpus="Tests/Corpus/$target"
    artifacts="fuzz-artifacts/$target"
    log="$artifacts/fuzz.log"
    mkdir -p "$work/$target" "$artifacts"
    cp "$corpus"/* "$work/$target"/
    dict=()
    [ -f "Tests/Corpus/$target.dict" ] && dict=(-dict="Tests/Corpus/$target.dict")

    echo "fuzz.sh: $target: fuzzing for ${seconds}s from $(ls "$corpus" | wc -l) seeds; artifacts go to $artifacts/"
    set +e
    "$bin_dir/$(product "$target")" "$target" "$work/$target" "${dict[@]}" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$(max_len "$target")" \
        -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
    status=$?
    set -e

    # The final stats, or after a crash the last status line (#RUNS ...).
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    [ -n "$runs" ] || runs="$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$log" | tail -n 1)"
    took="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)"
    units="$(ls "$work/$target" | wc -l)"
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$log" >&2
        echo "fuzz.sh: error: $target: the fuzzer stopped with status $status after ${runs:-?} runs; inputs kept:" >&2
        ls -l "$artifacts" >&2 || true
        failed+=("$target")
    else
        echo "fuzz.sh: $target: no crash in ${runs:-?} runs, ${took:-?}s; working corpus grew to $units inputs"
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: error: failed: ${failed[*]} (logs: fuzz-artifacts/TARGET/fuzz.log)" >&2
    exit 1
fi
echo "fuzz.sh: no crash in ${seconds}s per target (${targets[*]})"
