#!/usr/bin/env bash
# bash scripts/need.sh COMMAND PACKAGE: install Debian's PACKAGE unless COMMAND is there
# (on PATH, or in /usr/sbin for a daemon such as haproxy).
set -euo pipefail
command=$1 package=$2
if command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
