#!/bin/bash
# benchmarks/hash.sh [ROUNDS] [FILE...]: the build cache's content hash, OpenSSL's SHA-256 against xxHash's
# XXH3-128, on the files a run hashes most (libc.a, libstdc++.a, cc1's size of file) read as the cache reads
# them (256 KiB reads from the page cache). Prints each file's best of ROUNDS (default 20) and the
# throughput of each hash; "read-only" is the floor, reading without hashing. docs/runner.md quotes it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-20}
shift || true
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    for f in /usr/lib/x86_64-linux-gnu/libc.a /usr/lib/gcc/x86_64-linux-gnu/12/libstdc++.a \
             /usr/lib/gcc/x86_64-linux-gnu/12/cc1 /usr/include/stdio.h /usr/lib/x86_64-linux-gnu/crt1.o; do
        [ -r "$f" ] && files+=("$f")
    done
fi
bin=$(mktemp /tmp/toolgate-hash-bench.XXXXXX)
trap 'rm -f "$bin"' EXIT
cc -O2 -o "$bin" benchmarks/hash.c -lcrypto -lxxhash
echo "hash.sh: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), OpenSSL $(pkg-config --modversion libcrypto), xxHash $(pkg-config --modversion libxxhash), best of $ROUNDS"
"$bin" "$ROUNDS" "${files[@]}"
