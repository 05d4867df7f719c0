#!/usr/bin/env bash
# Set up and run every test: unit, data integrity, AppTest and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
python3 -m pytest -q "$@"
