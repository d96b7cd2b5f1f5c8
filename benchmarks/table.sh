#!/bin/bash
# benchmarks/table.sh [BIN] [ROUNDS]: every benchmark, one Markdown table (what README's "Speed" quotes).
#
#   inspect   benchmarks/inspect.sh: `toolgate inspect --json` against `readelf -hldnW` and `scanelf -a`
#             over the host's ELF files (median of ROUNDS+2 interleaved runs)
#   matrix    benchmarks/matrix.sh: the default matrix cold (empty cache), warm (cache filled), and with
#             --no-cache, against `make -j2` of the same commands (medians of ROUNDS rounds), with the
#             cost per cell
# ROUNDS defaults to 3. The machine (CPU, cores, memory, OS) heads the table; run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/toolgate}
ROUNDS=${2:-3}
[ -x "$BIN" ] || { echo "table.sh: error: '$BIN' is not an executable (run 'make build' first)" >&2; exit 2; }

log=$(mktemp /tmp/toolgate-bench-log.XXXXXX)
trap 'rm -f "$log"' EXIT
echo "table.sh: inspect (benchmarks/inspect.sh) ..." >&2
bash benchmarks/inspect.sh "$BIN" $((ROUNDS + 2)) | tee -a "$log" >&2
echo "table.sh: the default matrix (benchmarks/matrix.sh) ..." >&2
bash benchmarks/matrix.sh "$BIN" matrices/default.toml "$ROUNDS" | tee -a "$log" >&2

python3 - "$log" <<'PY'
import os, platform, re, sys
text = open(sys.argv[1]).read()
def median(tool): return int(re.search(rf"^{tool}\s+(\d+)\s", text, re.M).group(1))
files = re.search(r"inspect.sh: (\d+) ELF files", text).group(1)
tg, re_, sc = median("toolgate"), median("readelf"), median("scanelf")
m = dict(kv.split("=") for kv in re.search(r"^RESULT (.*)$", text, re.M).group(1).split())
cells = int(m["cells"]); cold, warm, nocache, make = (float(m[k]) for k in ("cold", "warm", "nocache", "make"))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024
osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), "Linux")
print(f"\nMachine: {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {osname}, kernel {platform.release()}\n")
print("| benchmark | toolgate | compared with | ratio |")
print("| --- | --- | --- | --- |")
print(f"| inspect --json, {files} ELF files of the host | {tg} ms | readelf -hldnW {re_} ms; scanelf -a {sc} ms | {tg / re_:.2f} × readelf; {tg / sc:.2f} × scanelf |")
print(f"| default matrix, cold (empty cache), {cells} cells | {cold:.1f} s ({1000 * cold / cells:.0f} ms/cell) | make -j2 of the same commands {make:.1f} s ({1000 * make / cells:.0f} ms/cell) | {cold / make:.2f} |")
print(f"| default matrix, warm (cache filled) | {warm:.1f} s ({1000 * warm / cells:.0f} ms/cell) | make -j2 {make:.1f} s | {warm / make:.2f} |")
print(f"| default matrix, --no-cache | {nocache:.1f} s ({1000 * nocache / cells:.0f} ms/cell) | make -j2 {make:.1f} s | {nocache / make:.2f} |")
PY
