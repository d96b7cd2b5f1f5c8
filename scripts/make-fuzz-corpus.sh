#!/usr/bin/env bash
# Regenerates the ELF fuzz target's seed corpus, Tests/Corpus/elf/: small real ELF files (each under 20 KB, all
# under 300 KB) built with the real compilers, plus a few broken ones cut or patched from them.
# The committed corpus is what the fuzzer and the tests use; run this only to refresh it. The matrix and
# report corpora have their own scripts, make-fuzz-corpus-matrix.sh and make-fuzz-corpus-report.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/Corpus/elf
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out" "$tmp/inc"
ln -s /usr/include/x86_64-linux-gnu/asm "$tmp/inc/asm"   # -m32 <errno.h> on Debian 12
small=(-Os -s -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096)

cat >"$tmp/hello.c" <<'EOF'
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) { char b[32]; strcpy(b, argv[0]); printf("%s %d\n", b, argc); return 0; }
EOF
cat >"$tmp/start.c" <<'EOF'
void _start(void) { for (;;) { } }
EOF
cat >"$tmp/lib.c" <<'EOF'
int counter = 3;
int bump(int by) { counter += by; return counter; }
const char *name(void) { return "toolgate"; }
EOF
cat >"$tmp/debug.c" <<'EOF'
struct point { int x, y; const char *label; };
static struct point points[4] = { { 1, 2, "a" }, { 3, 4, "b" } };
int sum(int n) { int t = 0; for (int i = 0; i < n && i < 4; i++) t += points[i].x * points[i].y; return t; }
EOF

gcc "${small[@]}" -fstack-protector-strong -O2 -D_FORTIFY_SOURCE=2 "$tmp/hello.c" -o "$out/x86_64-pie-fortify"
gcc "${small[@]}" -m32 -idirafter "$tmp/inc" -Wl,-z,now "$tmp/hello.c" -o "$out/i686-pie-now"
aarch64-linux-gnu-gcc "${small[@]}" "$tmp/hello.c" -o "$out/aarch64-pie"
gcc "${small[@]}" -nostdlib -static -no-pie "$tmp/start.c" -o "$out/x86_64-nostdlib-static"
gcc "${small[@]}" -nostdlib -static-pie "$tmp/start.c" -o "$out/x86_64-nostdlib-static-pie"
gcc -Os -fPIC -shared -Wl,-soname,libtoolgate.so.1 -Wl,--disable-new-dtags -Wl,-rpath,/opt/a:/opt/b -s \
    "$tmp/lib.c" -o "$out/x86_64-lib-soname-rpath"
gcc -m32 -Os -fno-pic -shared -Wl,-z,notext -Wl,-z,execstack -s "$tmp/lib.c" -o "$out/i686-lib-textrel"
gcc -Os -fcf-protection=full -c "$tmp/hello.c" -o "$out/x86_64-object-cet"
aarch64-linux-gnu-gcc -Os -mbranch-protection=standard -c "$tmp/hello.c" -o "$out/aarch64-object-bti-pac"
gcc -g -gz=zlib -O1 -c "$tmp/debug.c" -o "$out/x86_64-object-debug-zlib"
clang-19 -g -gz=zstd -O1 -c "$tmp/debug.c" -o "$out/x86_64-object-debug-zstd"
clang-19 --target=aarch64-linux-gnu -g -O1 -gdwarf-4 -c "$tmp/debug.c" -o "$out/aarch64-object-dwarf4"

# Broken seeds: a cut copy, lying header counts, a compressed section claiming 1 TiB, a header-only core.
head -c 300 "$out/x86_64-pie-fortify" >"$out/broken-truncated"
python3 - "$out" <<'EOF'
import struct, sys
out = sys.argv[1]
data = bytearray(open(f"{out}/x86_64-pie-fortify", "rb").read())
data[0x3C:0x3E] = struct.pack("<H", 0xFFFF)            # e_shnum
data[0x20:0x28] = struct.pack("<Q", len(data) + 4096)  # e_phoff past EOF
open(f"{out}/broken-lying-header", "wb").write(data)

obj = bytearray(open(f"{out}/x86_64-object-debug-zstd", "rb").read())
shoff, = struct.unpack_from("<Q", obj, 0x28)
shnum, shstrndx = struct.unpack_from("<HH", obj, 0x3C)
str_off, = struct.unpack_from("<Q", obj, shoff + shstrndx * 64 + 24)
for i in range(shnum):
    name, = struct.unpack_from("<I", obj, shoff + i * 64)
    end = obj.index(0, str_off + name)
    if obj[str_off + name:end] == b".debug_info":
        off, = struct.unpack_from("<Q", obj, shoff + i * 64 + 24)
        struct.pack_into("<Q", obj, off + 8, 1 << 40)      # Elf64_Chdr.ch_size: 1 TiB
open(f"{out}/broken-zstd-1tib", "wb").write(obj)

core = bytearray(64)
core[0:7] = b"\x7fELF\x02\x01\x01"
struct.pack_into("<HHIQQQIHHHHHH", core, 16, 4, 62, 1, 0, 64, 0, 0, 64, 56, 1, 64, 0, 0)
note = struct.pack("<III", 5, 8, 1) + b"CORE\0\0\0\0" + b"\xab" * 8
phdr = struct.pack("<IIQQQQQQ", 4, 0, 120, 0, 0, len(note), len(note), 4)
open(f"{out}/core-like", "wb").write(core + phdr + note)
EOF

total=0
for f in "$out"/*; do
    size=$(stat -c %s "$f")
    total=$((total + size))
    if [ "$size" -ge 20480 ]; then echo "make-fuzz-corpus: error: $f is $size bytes (limit 20 KB)" >&2; exit 1; fi
done
echo "make-fuzz-corpus: $(ls "$out" | wc -l) seeds, $total bytes"
[ "$total" -lt 307200 ] || { echo "make-fuzz-corpus: error: corpus is $total bytes (limit 300 KB)" >&2; exit 1; }
