#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite. Browser tests need Debian's chromium
# and a CJK font: installed here with apt-get when missing (as root), as CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
if { ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; } \
   && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
bash scripts/setup.sh
if [ "$#" -eq 0 ]; then bash scripts/lint.sh; fi          # the whole suite: ruff and mypy first (seconds)
.venv/bin/python -m pytest "$@"
if [ "$#" -eq 0 ]; then bash scripts/wheel-check.sh; fi   # the whole suite: also install it as a user does
