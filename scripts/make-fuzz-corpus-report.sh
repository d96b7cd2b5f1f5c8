#!/usr/bin/env bash
# Regenerates the report fuzzer's seed corpus, Tests/Corpus/report/: report.json files written by real
# `toolgate run`s of one or two cells (a pass, two shards, fail / crash / compile error / flaky cells), the
# crafted reports of the comparison tests (written by ReportCorpusTests with TOOLGATE_RECORD_CORPUS=1), and a
# few broken ones. Seeds named regression-* are inputs that once crashed the reader: they are kept.
# Needs the debug build (`swift build --build-tests`). The committed corpus is what the fuzzer and the tests
# use; run this only to refresh it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/Corpus/report
toolgate="${TOOLGATE:-.build/debug/toolgate}"
[ -x "$toolgate" ] || { echo "make-fuzz-corpus-report: error: '$toolgate' not built; run 'swift build --build-tests'" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
find "$out" -type f ! -name 'regression-*' -delete

# A run's report.json, kept as the seed NAME. Exit status 1 (a cell failed) is expected for some.
run() {
    local name="$1"; shift
    "$toolgate" run matrices/smoke.toml --jobs 1 --out "$tmp/$name" "$@" >"$tmp/$name.log" 2>&1 || [ $? -eq 1 ]
    cp "$tmp/$name/report.json" "$out/$name.json"
}
# Compact JSON keeps the seeds small (the reader does not care for the layout; shard-1-of-2 stays pretty).
compact() { python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[1], "w"), separators=(",", ":"), sort_keys=True)' "$1"; }
run run-hello --filter 'hello/gcc/x86_64/*'
run shard-1-of-2 --filter 'hello*/gcc/x86_64/shared-libgcc/*' --shard 1/2
run shard-2-of-2 --filter 'hello*/gcc/x86_64/shared-libgcc/*' --shard 2/2

mkdir -p "$tmp/fixtures"
printf 'int main(void) { return 3; }\n' >"$tmp/fixtures/fail.c"
printf '#include <stdlib.h>\nint main(void) { abort(); }\n' >"$tmp/fixtures/crash.c"
printf 'int main(void) { return missing; }\n' >"$tmp/fixtures/broken.c"
cat >"$tmp/fixtures/once.c" <<'EOF'
#include <stdio.h>
#include <unistd.h>
int main(void) {
    if (access("flaky.marker", F_OK) == 0) { puts("second time lucky"); return 0; }
    FILE *f = fopen("flaky.marker", "w");
    if (f) fclose(f);
    puts("first run fails");
    return 1;
}
EOF
run run-failures --fixtures "$tmp/fixtures" --filter '*/gcc/x86_64/shared-libgcc/*' --repeat 1
for f in run-hello shard-2-of-2 run-failures; do compact "$out/$f.json"; done

# Record mode rewrites the crafted seeds and then fails by design (it never passes); the run after it checks them.
TOOLGATE_RECORD_CORPUS=1 swift test --skip-build --disable-xctest --filter ReportCorpusTests >"$tmp/record.log" 2>&1 || true
grep -q 'TOOLGATE_RECORD_CORPUS is set: rewrote' "$tmp/record.log" || { cat "$tmp/record.log" >&2; exit 1; }
swift test --skip-build --disable-xctest --filter ReportCorpusTests >"$tmp/check.log" 2>&1 \
    || { cat "$tmp/check.log" >&2; exit 1; }

# Minimal reports (only the fields a reader requires, about 1 KB): small seeds the fuzzer mutates fastest, each
# with what compare and merge act on: ELF facts of two sizes, a shard with axes, a flaky cell's attempts.
python3 - "$out" <<'EOF'
import json, sys
out = sys.argv[1]
def cell(fixture, status="pass", **extra):
    c = {"id": f"{fixture}/gcc/x86_64/shared-libgcc/O2", "fixture": fixture, "compiler": "gcc", "target": "x86_64",
         "link": "shared-libgcc", "opt": "O2", "status": status, "duration_ms": 5, "stdout": "hi\n", "stderr": "",
         "notes": [], "violations": [], "commands": [{"step": "run", "argv": ["./prog"], "cwd": "/w", "env": {},
         "limits": [], "duration_ms": 1, "stdout": "hi\n", "stderr": "", "timed_out": False, "exit_code": 0}]}
    c.update(extra)
    return c
def elf(size, relro):
    verdict = {"state": "yes", "evidence": "e"}
    return {"path": "prog", "class": 64, "machine": "x86_64", "type": "dyn", "interpreter": "/lib64/ld-linux-x86-64.so.2",
            "needed": ["libc.so.6"], "soname": None, "rpath": [], "runpath": [], "pie": True, "static": False,
            "bind_now": True, "relro": relro, "nx_stack": True, "textrel": False, "build_id": "ab", "version_needs": {},
            "glibc_max": "GLIBC_2.34", "hardening": {k: verdict for k in ("canary", "fortify", "cet_ibt", "cet_shstk", "bti", "pac")},
            "libgcc": "none", "comment": [], "compressed_sections": [], "warnings": [],
            "debug": {"producers": [], "dwarf_versions": [], "languages": [], "unavailable": None},
            "sizes": {"file": size, "code": 1, "data": 1, "bss": 0}}
def report(cells, **metadata):
    m = {"toolgate_version": "0.1.0", "started_at": "2026-11-25T13:00:00Z", "command_line": ["toolgate", "run"],
         "host": {"hostname": "h", "kernel": "k", "machine": "x86_64", "cores": 2},
         "matrix": {"name": "m", "path": "m.toml", "sha256": "aa"}, "fixtures": "fixtures", "jobs": 2,
         "compilers": [], "runners": [], "workarounds": []}
    m.update(metadata)
    return {"schema_version": 1, "complete": True, "summary": {}, "metadata": m, "cells": cells}
seeds = {
    "min-elf-sizes": report([cell("a", elf=elf(10000, "full")), cell("b", "fail", elf=elf(20000, "partial"), reason="exit 1")]),
    "min-shard": report([cell("a"), cell("b")], shard={"index": 1, "count": 2},
                        axes={"fixtures": ["b", "a"], "compilers": ["gcc"], "targets": ["x86_64"], "opts": ["O2"], "links": ["shared-libgcc"]}),
    "min-flaky": report([cell("a", "flaky", attempts=[
        {"status": "fail", "reason": "exit 1", "exit_code": 1, "stdout": "", "stderr": "", "duration_ms": 3},
        {"status": "pass", "exit_code": 0, "stdout": "hi\n", "stderr": "", "duration_ms": 2}])]),
}
for name, r in seeds.items():
    with open(f"{out}/{name}.json", "w") as f:
        json.dump(r, f, separators=(",", ":"))
EOF

printf '' >"$out/bad-empty.json"
printf '<html>502 Bad Gateway</html>\n' >"$out/bad-not-json.json"
head -c 1500 "$out/run-hello.json" >"$out/bad-truncated.json"
printf '{"schema_version": 1, "complete": true, "metadata": {}, "cells": [{"status": 7}]}\n' >"$out/bad-wrong-types.json"
printf '{"schema_version": 999, "complete": true}\n' >"$out/bad-schema-version.json"
printf '[[[[{"cells": [null, -1e999, "\\ud800", 1.5e308]}]]]]\n' >"$out/bad-values.json"

total=0
for f in "$out"/*; do
    size=$(stat -c %s "$f")
    total=$((total + size))
    [ "$size" -lt 16384 ] || { echo "make-fuzz-corpus-report: error: $f is $size bytes (limit 16 KB)" >&2; exit 1; }
done
echo "make-fuzz-corpus-report: $(ls "$out" | wc -l) seeds, $total bytes"
