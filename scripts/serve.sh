#!/usr/bin/env bash
# Set up and serve the explorer from several replicas behind HAProxy, on this machine:
#   bash scripts/serve.sh --replicas 2 [--port 8501] [--host 0.0.0.0]
# (python -m ui.cluster: one Streamlit process per core, HAProxy in front with cookie
# affinity; Ctrl-C stops it. README: "Serve many readers".)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
bash scripts/need.sh haproxy haproxy
exec python3 -m ui.cluster "$@"
