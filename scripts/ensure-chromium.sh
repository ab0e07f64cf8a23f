#!/usr/bin/env bash
# Installs what the tests need beyond npm when a fresh machine lacks it, from Debian's packages
# only (never a browser build of its own): Chromium for the browser tests, and the two SVG
# renderers the export tests draw the exported files with outside a browser (librsvg's
# rsvg-convert and ImageMagick's convert).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
# Some images ship a `convert` that is not ImageMagick: ask it what it is.
convert -version 2>/dev/null | grep -q ImageMagick || missing+=(imagemagick)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Missing: ${missing[*]}: installing Debian's packages…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
/usr/bin/chromium --version
rsvg-convert --version
convert -version | head -1
