#!/bin/bash
# The main job, called by `make run` as `bash scripts/run-main-job.sh BIN OUT`: run the default matrix
# into OUT and exit with toolgate's status (0 all passed, 1 a cell failed, 2 a bad matrix or usage).
set -u
BIN=${1:?usage: run-main-job.sh BIN OUT}
OUT=${2:?usage: run-main-job.sh BIN OUT}
MATRIX=${MATRIX:-matrices/default.toml}
exec "$BIN" run "$MATRIX" --out "$OUT"
