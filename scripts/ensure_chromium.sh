#!/usr/bin/env bash
# Make sure the system tools the browser and export tests use are here: Debian's Chromium where the
# tests look for it (never a downloaded build), and poppler's pdftotext/pdftoppm to read the PDF.
set -euo pipefail
target="${SAHEL_BRIEF_CHROMIUM:-/usr/bin/chromium}"
need=()
[ -x "$target" ] || need+=(chromium)
{ command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${need[*]}: installing Debian's package(s)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi
echo "Missing ${need[*]} (Chromium is looked for at $target)." >&2
echo "Install with: sudo apt-get install -y ${need[*]}" >&2
echo "(or point SAHEL_BRIEF_CHROMIUM at a Chromium binary). Browser and PDF tests do not skip." >&2
exit 1
