#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright (playwright cannot
# download a browser of its own here), with a font for the course's Chinese text so
# that the screenshots show what a learner sees. Installs both when missing, as CI
# (root, Debian) can; otherwise says what to do.
set -euo pipefail
if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] && exit 0
    echo "CHROMIUM=$CHROMIUM is not an executable file" >&2
    exit 1
fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family)" ]; then
    missing+=(fonts-droid-fallback)
fi
[ ${#missing[@]} = 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} for the browser tests (apt-get) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
    command -v chromium >/dev/null 2>&1 && exit 0
elif command -v chromium >/dev/null 2>&1; then
    echo "No font with Chinese characters: the screenshots will show boxes (Debian: apt-get install fonts-droid-fallback)." >&2
    exit 0
fi
cat >&2 <<'MSG'
make test-browser needs Chromium and could not install it (that needs root and apt-get).
Install it yourself (Debian: sudo apt-get install chromium), or point CHROMIUM at a
Chromium or Chrome binary: make test-browser CHROMIUM=/path/to/chrome
MSG
exit 1
