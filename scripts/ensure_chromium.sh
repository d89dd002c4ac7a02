#!/usr/bin/env bash
# Make sure Debian's Chromium is where the browser tests look for it (never a downloaded build).
set -euo pipefail
target="${SAHEL_BRIEF_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$target" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium missing at $target: installing Debian's chromium package" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing at $target. Install it with: sudo apt-get install -y chromium" >&2
echo "(or point SAHEL_BRIEF_CHROMIUM at a Chromium binary). Browser tests do not skip." >&2
exit 1
