#!/usr/bin/env bash
# Lint and type-check: ruff (rules and line length in pyproject.toml) over kg/ and tests/,
# mypy over kg/ ([tool.mypy] in pyproject.toml). Installs both into .venv (the `lint` extra)
# when missing. Exit status: non-zero when either finds anything.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
if [ ! -x .venv/bin/ruff ] || [ ! -x .venv/bin/mypy ]; then
  .venv/bin/python -m pip install -q -e ".[lint]"
fi
status=0
.venv/bin/ruff check kg tests || status=1
.venv/bin/mypy || status=1           # files = ["kg"] in pyproject.toml
exit "$status"
