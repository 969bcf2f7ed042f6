#!/usr/bin/env bash
# Create .venv and install township-kg with its test tools (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# byte-compile the package now: where PYTHONDONTWRITEBYTECODE is set, every `kg` run would
# otherwise compile its 70 modules from source (0.1 s of start-up)
.venv/bin/python -m compileall -q kg >/dev/null
