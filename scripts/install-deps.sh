#!/usr/bin/env bash
# Installs the Debian packages toolgate needs that are missing; installs nothing that is present.
# Run as root on Debian 12. `make run` and `make test` call it first.
set -euo pipefail

# gcc-12-multilib, not gcc-multilib: on Debian 12 the metapackage conflicts with the aarch64 cross compiler.
packages=(
  libelf-dev libdw-dev libzstd-dev pkg-config
  gcc g++ gcc-12-multilib g++-12-multilib
  gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross
  clang-19 lld-19 libclang-rt-19-dev
  qemu-user binutils pax-utils make
  bubblewrap   # bwrap seals every run step (docs/sysroot.md); also needed by a `sandbox = "bwrap"` matrix
  libxxhash-dev libssl-dev  # the build cache's XXH3-128 and the matrix hash's SHA-256 (ContentHash)
  csmith libcsmith-dev cvise   # random programs (run --generate csmith) and their reduction (toolgate reduce)
  time hyperfine   # benchmarks/: peak memory (/usr/bin/time -v) and the sandbox's cost per step
  libunwind-19-dev libc++-19-dev libc++abi-19-dev mold   # matrices/hybrid.toml: LLVM unwinder and C++ library, the mold linker
)
# libclang-rt-19-dev brings libFuzzer for `make fuzz`; pax-utils brings scanelf for the benchmark.

# check-jsonschema (PyPI) checks docs/ci/'s templates in the tests (scripts/check-ci-templates.py); pip,
# since Debian 12 does not package it. Debian's own python3 refuses a system-wide pip install (PEP 668)
# unless told; a pyenv or venv python takes it as it is.
if ! command -v check-jsonschema >/dev/null 2>&1; then
  echo "install-deps: installing check-jsonschema (pip)"
  python3 -m pip install -q check-jsonschema 2>/dev/null ||
    python3 -m pip install -q --break-system-packages check-jsonschema ||
    echo "install-deps: warning: could not install check-jsonschema; the CI template test will fail" >&2
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 2
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
