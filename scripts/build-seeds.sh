#!/usr/bin/env bash
# Set up (if needed) and build the bundled sample reports in seeds/ into outputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kg build seeds/ --out outputs/
