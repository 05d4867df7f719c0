#!/usr/bin/env bash
# Install everything the app and its tests need on a fresh Debian machine:
# the pinned Python packages, Debian's chromium for the browser tests and Debian's
# haproxy for the replicas' tests (tests/test_cluster.py), and fonts with kanji and
# Cyrillic for the browser (scripts/fonts.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
bash scripts/need.sh chromium chromium
bash scripts/need.sh haproxy haproxy
bash scripts/fonts.sh
