#!/bin/bash
# scripts/check-dist.sh: `make dist`'s tarball works where there is no Swift toolchain. make test runs it.
#
# 1. make dist (a release build with --static-swift-stdlib: a no-op when .build/release is current);
# 2. the binary needs no libswift* (ldd), and each library it needs comes from one of the Debian packages
#    README names for running it (dpkg -S);
# 3. in a bubblewrap sandbox where the Swift toolchain's folder is an empty tmpfs (the root read-only,
#    /tmp fresh), the unpacked toolgate runs `--version`, `inspect /bin/ls`, and a run of two cells of
#    matrices/smoke.toml from the tarball's share/toolgate/.
# Exit 0 when all hold; 1 naming what failed.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-dist: FAIL: $*" >&2; exit 1; }
for tool in bwrap ldd readelf dpkg tar; do command -v "$tool" >/dev/null || fail "'$tool' is missing"; done

tarball=$(make --no-print-directory dist | tail -1)
[ -f "$tarball" ] || fail "make dist did not make a tarball (said '$tarball')"
scratch=$(mktemp -d /tmp/toolgate-check-dist.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
tar -C "$scratch" -xzf "$tarball"
prefix=$(echo "$scratch"/toolgate-*)
bin=$prefix/bin/toolgate
[ -x "$bin" ] || fail "no bin/toolgate in $tarball"

# 2. No Swift runtime, and only the libraries of the packages README names.
if ldd "$bin" | grep -q 'libswift'; then fail "the binary needs Swift's runtime: $(ldd "$bin" | grep libswift | tr -s ' \n' ' ')"; fi
allowed="libc6 libgcc-s1 libstdc++6 libelf1 libdw1 libzstd1 libxxhash0 libssl3"
packages=()
for lib in $(readelf -d "$bin" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
  path=$(ldd "$bin" | awk -v l="$lib" '$1 == l { print $3 } $1 ~ ("/" l "$") { print $1 }')
  [ -n "$path" ] || fail "needed library $lib is not found"
  real=$(readlink -f "$path")
  pkg=$(dpkg -S "$real" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1) || true
  [[ " $allowed " == *" $pkg "* ]] || fail "needed library $lib ($real) is from '${pkg:-no package}', not one of: $allowed"
  packages+=("$pkg")
done
echo "check-dist: $(basename "$tarball"): no libswift; needs $(printf '%s\n' "${packages[@]}" | sort -u | tr '\n' ' ')"

# 3. The sandbox: where swift lives is empty.
swift_bin=$(command -v swift || true)
[ -n "$swift_bin" ] || fail "no swift on PATH: nothing to hide (this check runs where the build ran)"
swift_root=$(readlink -f "$swift_bin")
swift_root=${swift_root%/usr/bin/*}
[ -d "$swift_root" ] && [ "$swift_root" != "/" ] || fail "cannot tell the Swift toolchain's folder from $swift_bin"
out=$scratch/out
mkdir -p "$out"
sandbox() {
  bwrap --ro-bind / / --tmpfs "$swift_root" --dev /dev --proc /proc --tmpfs /tmp \
    --bind "$scratch" "$scratch" --unshare-pid --die-with-parent --chdir "$scratch" "$@"
}
sandbox sh -c 'command -v swift; ls /usr/lib/swift 2>/dev/null; exit 0' | grep -q . && fail "the sandbox still shows a Swift toolchain"
version=$(sandbox "$bin" --version) || fail "toolgate --version failed in the sandbox"
sandbox "$bin" inspect /bin/ls > "$scratch/inspect.txt" || fail "toolgate inspect /bin/ls failed in the sandbox: $(head -5 "$scratch/inspect.txt")"
grep -q 'x86_64\|x86-64\|AArch64\|aarch64' "$scratch/inspect.txt" || fail "toolgate inspect /bin/ls printed no machine: $(head -5 "$scratch/inspect.txt")"
rc=0
sandbox "$bin" run "$prefix/share/toolgate/matrices/smoke.toml" --out "$out" --no-cache --filter 'hello/gcc/x86_64/*' -j 2 \
  > "$scratch/run.txt" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "toolgate run of smoke.toml exited $rc in the sandbox: $(tail -5 "$scratch/run.txt")"
cells=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["cells"]), " ".join(sorted({c["status"] for c in r["cells"]})))' "$out/report.json")
[[ "$cells" == "2 pass" ]] || fail "the sandboxed run's report has cells '$cells', not 2 passing"
echo "check-dist: in a sandbox without $swift_root: toolgate $version, inspect /bin/ls, run of smoke.toml (2 cells pass): ok"
