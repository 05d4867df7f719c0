#!/usr/bin/env bash
# bash scripts/fonts.sh: make sure this machine can draw the explorer's three languages:
# in its browsers, kanji and kana (Debian's fonts-noto-cjk) and Cyrillic
# (fonts-dejavu-core), each installed only if fontconfig finds no font for the language;
# in the printed figures (geo.export.figure, drawn by matplotlib), the fonts of their stack
# by name: Noto Sans CJK JP (fonts-noto-cjk; DejaVu Sans ships with matplotlib).
# Non-fatal: without root or apt-get it says what is missing (a figure then stops with an
# error naming the font, never draws empty boxes).
set -euo pipefail
install() {  # install PACKAGE WHAT
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "no font for $2 and no apt-get: install a font with it ($1 on Debian)" >&2
    return 0  # the app runs; only the glyphs are missing
  fi
  if ! { $sudo apt-get update -qq && \
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig "$1" >/dev/null; }; then
    echo "could not install $1 (no root?): $2 may not be drawn on this machine" >&2
  fi
}
have() {  # have PATTERN: fontconfig knows a font matching it
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list "$1" family | head -n1)" ]
}
need() {  # need LANG PACKAGE
  have ":lang=$1" || install "$2" "'$1' text"
}
need ja fonts-noto-cjk
need ru fonts-dejavu-core
have "Noto Sans CJK JP" || install fonts-noto-cjk "the figures' kanji (Noto Sans CJK JP)"
