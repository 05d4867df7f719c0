#!/usr/bin/env bash
# Set up and run the app at http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
bash scripts/fonts.sh  # kanji and Cyrillic for a browser on this machine
exec python3 -m ui.serve "$@"
