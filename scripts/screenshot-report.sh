#!/bin/sh
# Takes a screenshot of REPORT_DIR/index.html in headless Chromium (Debian's `chromium`, installed with
# apt-get when missing, as root): the check that the page renders in a real browser (docs/reports.md).
#   scripts/screenshot-report.sh REPORT_DIR OUT.png [WIDTH,HEIGHT]
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 REPORT_DIR OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
page="$1/index.html"
out="$2"
size="${3:-1400,1000}"
if [ ! -f "$page" ]; then
    echo "$0: error: no '$page'; run 'toolgate run --out $1' first" >&2
    exit 2
fi

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "$0: error: chromium is not installed; install the Debian package 'chromium' (as root)" >&2
        exit 2
    fi
    echo "$0: installing chromium with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2 ||
        { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2; }
fi

abs_page="$(cd "$(dirname "$page")" && pwd)/index.html"
case "$out" in
/*) abs_out="$out" ;;
*) abs_out="$(pwd)/$out" ;;
esac
rm -f "$abs_out"
# A throwaway profile, so a run leaves nothing behind and never meets a locked profile.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$abs_out" --window-size="$size" "file://$abs_page" >/dev/null 2>&1 || true
if [ ! -s "$abs_out" ]; then
    echo "$0: error: chromium wrote no screenshot to '$abs_out'" >&2
    exit 1
fi
echo "$abs_out"
