#!/usr/bin/env bash
# bash scripts/fonts.sh: make sure this machine's browsers can draw the explorer's three
# languages: kanji and kana (Debian's fonts-noto-cjk) and Cyrillic (fonts-dejavu-core),
# each installed only if fontconfig finds no font for the language.
set -euo pipefail
need() {  # need LANG PACKAGE
  if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list ":lang=$1" family | head -n1)" ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "no font for '$1' and no apt-get: install a font with it ($2 on Debian)" >&2
    return 0  # the app runs; only the glyphs are missing in this machine's browser
  fi
  if ! { $sudo apt-get update -qq && \
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig "$2" >/dev/null; }; then
    echo "could not install $2 (no root?): this machine's browser may not draw '$1' text" >&2
  fi
}
need ja fonts-noto-cjk
need ru fonts-dejavu-core
