#!/usr/bin/env bash
# scripts/check-c-free.sh: Model, Reporting and their tests (ModelTests, ComparisonTests) build and link
# without the ELF reader's C libraries. SwiftPM links every test target into one bundle, so toolgate's own
# bundle always needs libelf (ELFInspectionTests is in it); this builds those targets in a scratch package
# that has no libelf, libdw or libzstd target at all (its sources are symlinks to this tree), then checks
# that the test bundle needs none of the three and runs a few of its suites. Not part of `make test`: it is
# a second build of Model and Reporting (a few minutes). Exit 0 when all hold; 1 naming what failed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
fail() { echo "check-c-free: FAIL: $*" >&2; exit 1; }

scratch=$(mktemp -d /tmp/toolgate-check-c-free.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/Sources" "$scratch/Tests"
for t in ELFFacts Model ContentHash CXXHash CLibCrypto Reporting; do ln -s "$repo/Sources/$t" "$scratch/Sources/$t"; done
for t in ModelTests ComparisonTests Corpus; do ln -s "$repo/Tests/$t" "$scratch/Tests/$t"; done
# The targets and dependencies of Package.swift, less everything that reads ELF files.
cat >"$scratch/Package.swift" <<'EOF'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "cfree",
    targets: [
        .target(name: "ELFFacts"),
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash"),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto"),
        .target(name: "ContentHash", dependencies: ["CXXHash", "CLibCrypto"]),
        .target(name: "Model", dependencies: ["ELFFacts", "ContentHash"]),
        .target(name: "Reporting", dependencies: ["Model", "ELFFacts"]),
        .testTarget(name: "ModelTests", dependencies: ["Model", "ELFFacts"]),
        .testTarget(name: "ComparisonTests", dependencies: ["Model", "Reporting", "ELFFacts"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
EOF

SWIFT="${SWIFT:-swift}"
echo "check-c-free: building ModelTests and ComparisonTests in $scratch"
(cd "$scratch" && "$SWIFT" build --build-tests) >"$scratch/build.log" 2>&1 \
    || { tail -n 40 "$scratch/build.log" >&2; fail "they do not build without the ELF reader"; }
bundle=$(ls -d "$(cd "$scratch" && "$SWIFT" build --show-bin-path)"/*.xctest)
needed=$(readelf -dW "$bundle" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
for lib in libelf.so.1 libdw.so.1 libzstd.so.1; do
    if grep -qx "$lib" <<<"$needed"; then fail "the test bundle needs $lib"; fi
done
(cd "$scratch" && "$SWIFT" test --skip-build --disable-xctest \
    --filter 'ELFInvariantsTests|HardeningListTests|ELFDiffTests|ShellWordsTests|ComparatorTests') >"$scratch/test.log" 2>&1 \
    || { tail -n 40 "$scratch/test.log" >&2; fail "their tests fail without the ELF reader"; }
echo "check-c-free: ModelTests and ComparisonTests build, link and pass with no libelf, libdw or libzstd; the bundle needs: $(tr '\n' ' ' <<<"$needed")"
