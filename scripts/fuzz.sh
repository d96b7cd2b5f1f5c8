#!/usr/bin/env bash
# Fuzzes the ELF reader with libFuzzer for a bounded time: scripts/fuzz.sh [--seconds N]
#
# Builds the toolgate-fuzz-elf product with -sanitize=fuzzer (libFuzzer supplies main; -DFUZZING hides
# the replay entry point) in its own scratch path, copies the committed seed corpus Tests/Corpus/elf/
# to a temporary working corpus, and runs it for N seconds. A crash, a timeout (-timeout=10) or an
# out-of-memory (-rss_limit_mb=2048) leaves its input under fuzz-artifacts/ and makes this script exit
# non-zero. Replay an artifact with the normal build: .build/debug/toolgate-fuzz-elf fuzz-artifacts/crash-*
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
        --seconds=*) seconds="${1#--seconds=}"; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "fuzz.sh: error: unknown argument '$1'; usage: scripts/fuzz.sh [--seconds N]" >&2; exit 64 ;;
    esac
done
case "$seconds" in
    ''|*[!0-9]*) echo "fuzz.sh: error: '--seconds' needs a whole number, got '$seconds'" >&2; exit 64 ;;
esac

SWIFT="${SWIFT:-swift}"
scratch=.build-fuzz
corpus=Tests/Corpus/elf
artifacts=fuzz-artifacts
build=("$SWIFT" build -c release --product toolgate-fuzz-elf --scratch-path "$scratch"
       -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING)

echo "fuzz.sh: building: ${build[*]}"
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)/toolgate-fuzz-elf"
if [ ! -x "$bin" ]; then
    echo "fuzz.sh: error: the fuzzer was not built at '$bin'" >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/toolgate-fuzz-corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$corpus"/* "$work"/
mkdir -p "$artifacts"

echo "fuzz.sh: fuzzing for ${seconds}s from $(ls "$corpus" | wc -l) seeds; artifacts go to $artifacts/"
set +e
"$bin" "$work" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$artifacts/fuzz.log" 2>&1
status=$?
set -e
tail -n 12 "$artifacts/fuzz.log"

if [ "$status" -ne 0 ]; then
    tail -n 120 "$artifacts/fuzz.log" >&2
    echo "fuzz.sh: error: the fuzzer stopped with status $status; inputs kept:" >&2
    ls -l "$artifacts" >&2 || true
    exit 1
fi
echo "fuzz.sh: no crash in ${seconds}s"
