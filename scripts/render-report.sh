#!/usr/bin/env bash
# Renders a run report (<base>.report.html) to a PNG with headless Chromium, to look at it as a person would.
#   scripts/render-report.sh out/carteira-demo-br.report.html [out.png] [WIDTHxHEIGHT]
# Default PNG: beside the page (<base>.report.png); default window 1200x1600.
# Needs Debian's chromium (apt-get install -y chromium) or $CHROMIUM; installs nothing itself.
# The page is opened from the file with networking switched off in the browser's background services; it needs
# nothing from the network (inline CSS and SVG).
set -euo pipefail
if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
page="$1"
if [[ ! -f "$page" ]]; then
  echo "render-report: $page: no such file" >&2
  exit 2
fi
png="${2:-${page%.html}.png}"
size="${3:-1200x1600}"
browser="${CHROMIUM:-}"
if [[ -z "$browser" ]]; then
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser="$(command -v "$b")"; break; fi
  done
fi
if [[ -z "$browser" ]]; then
  echo "render-report: Chromium not found; install it (Debian: apt-get install -y chromium) or set CHROMIUM" >&2
  exit 3
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
abs="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
mkdir -p "$(dirname "$png")"
png_abs="$(cd "$(dirname "$png")" && pwd)/$(basename "$png")"
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" --screenshot="$png_abs" \
  --window-size="${size/x/,}" "file://$abs" >"$profile/chromium.log" 2>&1 || {
  echo "render-report: chromium failed:" >&2; tail -5 "$profile/chromium.log" >&2; exit 1; }
if [[ ! -s "$png_abs" ]]; then
  echo "render-report: chromium wrote no screenshot; its log:" >&2; tail -5 "$profile/chromium.log" >&2; exit 1
fi
echo "$png_abs"
