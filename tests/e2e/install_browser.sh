#!/usr/bin/env bash
# The browser tests of the web desk (tests/procedures/test_web_browser.py) drive Debian's Chromium with
# the `playwright` Python package; Chinese pages need the Noto CJK fonts. Installs both when missing.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk
fi
