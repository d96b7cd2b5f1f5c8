#!/bin/sh
# make-staging-root.sh DIR [--arch amd64|i386|arm64]... [--toolchain]
#
# Builds a real staging root from Debian's own packages: `apt-get download` fetches the .debs (cached in
# ${XDG_CACHE_HOME:-~/.cache}/toolgate/debs), `dpkg-deb -x` unpacks them. No root needed, nothing is
# installed on the host, the host's apt configuration is not changed. Built in DIR.tmp-PID and renamed
# to DIR at the end, so DIR is either absent or complete; an existing DIR is left alone (idempotent:
# remove it to rebuild).
#
#   amd64 (default): libc6 libc6-dev libgcc-s1 libgcc-12-dev libstdc++6 libstdc++-12-dev linux-libc-dev,
#                    the x86_64 root at DIR (/lib64/ld-linux-x86-64.so.2, /lib/x86_64-linux-gnu, /usr/include)
#   i386:            the multilib packages in the same root: libc6-i386 libc6-dev-i386 lib32gcc-s1
#                    lib32gcc-12-dev lib32stdc++6 lib32stdc++-12-dev (/lib/ld-linux.so.2, /lib32, /usr/lib32)
#   arm64:           Debian's *-arm64-cross packages (architecture all, so apt needs no arm64 lists):
#                    the aarch64 root is DIR/usr/aarch64-linux-gnu (lib/ld-linux-aarch64.so.1, lib/, include/)
#   --toolchain:     also gcc-12, g++-12, cpp-12 and binutils unpacked into DIR/usr/bin (off PATH); gcc-12
#                    runs relocated, and finds the staged as and ld with -B DIR/usr/bin/ (docs/sysroot.md)
set -eu

usage() { echo "usage: $0 DIR [--arch amd64|i386|arm64]... [--toolchain]" >&2; exit 2; }
[ $# -ge 1 ] || usage
dir=$1; shift
arches=""; toolchain=0
while [ $# -gt 0 ]; do
    case $1 in
        --arch) [ $# -ge 2 ] || usage; arches="$arches $2"; shift 2 ;;
        --toolchain) toolchain=1; shift ;;
        *) usage ;;
    esac
done
[ -n "$arches" ] || arches=amd64

exists() {
    if [ -e "$dir" ]; then
        echo "make-staging-root: $dir exists; remove it to rebuild" >&2
        exit 0
    fi
}
exists

packages=""
for a in $arches; do
    case $a in
        amd64) packages="$packages libc6 libc6-dev libgcc-s1 libgcc-12-dev libstdc++6 libstdc++-12-dev linux-libc-dev" ;;
        i386) packages="$packages libc6 libc6-dev libgcc-s1 libgcc-12-dev linux-libc-dev libc6-i386 libc6-dev-i386 lib32gcc-s1 lib32gcc-12-dev lib32stdc++6 lib32stdc++-12-dev" ;;
        arm64) packages="$packages libc6-arm64-cross libc6-dev-arm64-cross libgcc-s1-arm64-cross libgcc-12-dev-arm64-cross libstdc++6-arm64-cross libstdc++-12-dev-arm64-cross linux-libc-dev-arm64-cross" ;;
        *) echo "make-staging-root: unknown --arch '$a'; expected amd64, i386 or arm64" >&2; exit 2 ;;
    esac
done
[ $toolchain -eq 0 ] || packages="$packages gcc-12 g++-12 cpp-12 binutils binutils-x86-64-linux-gnu libbinutils libctf0 libctf-nobfd0 libgprofng0 libjansson4 libisl23 libmpc3 libmpfr6 libgmp10 libzstd1 zlib1g"

cache=${XDG_CACHE_HOME:-$HOME/.cache}/toolgate/debs
mkdir -p "$cache"
# One builder at a time per cache (two test suites may ask for the same root at once): the second waits,
# then finds DIR made.
exec 9>"$cache/.lock"
flock 9
exists
tmp="$dir.tmp-$$"
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp"

# The candidate version of each package, and its file in the cache; download only what is missing.
for p in $(echo $packages | tr ' ' '\n' | sort -u); do
    version=$(apt-cache policy "$p" | sed -n 's/^  Candidate: //p')
    if [ -z "$version" ] || [ "$version" = "(none)" ]; then
        echo "make-staging-root: apt knows no package '$p' (apt-get update?)" >&2
        exit 1
    fi
    file_version=$(echo "$version" | sed 's/:/%3a/')
    if ! ls "$cache/${p}_${file_version}_"*.deb >/dev/null 2>&1; then
        (cd "$cache" && apt-get download -q "$p=$version" >/dev/null 2>&1) || {
            echo "make-staging-root: apt-get download $p=$version failed" >&2; exit 1; }
    fi
    for deb in "$cache/${p}_${file_version}_"*.deb; do
        dpkg-deb -x "$deb" "$tmp"
    done
done

# The linker scripts libc.so and libm.so name absolute paths (/lib/x86_64-linux-gnu/libc.so.6): with
# --sysroot the linker finds them inside the root, as it does for a real staged glibc.
mv -T "$tmp" "$dir"
trap - EXIT INT TERM
echo "make-staging-root: $dir ($arches)" >&2
