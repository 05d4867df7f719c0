"""The printed figure's fonts (geo.export.figure): which fonts draw its text, where they
are, and whether they draw every character of it. Imports only matplotlib's font manager
and fontTools (about a quarter of a second), so that the app can tell at start-up whether
this machine can make figures at all (ui.data.figure_problem).

Every text is drawn with one stack, :data:`FONT_STACK`: DejaVu Sans (Latin and Cyrillic; it
ships with matplotlib) then Noto Sans CJK JP (kanji and kana; Debian's ``fonts-noto-cjk``,
which ``scripts/fonts.sh`` installs), through matplotlib's per-glyph font fallback. The
stack is given to each text artist, never set process-wide. Before a figure is drawn,
:func:`check_glyphs` makes sure each character of its texts is in one of the fonts: a
missing font or glyph is a :class:`FigureFontError` naming the package, never a figure with
empty boxes for letters.
"""
from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import Iterable

from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

FONT_STACK = ("DejaVu Sans", "Noto Sans CJK JP")
# What provides each font, for the error that says it is missing.
FONT_PACKAGES = {"DejaVu Sans": "fonts-dejavu-core (matplotlib also ships it)",
                 "Noto Sans CJK JP": "fonts-noto-cjk"}
WEIGHTS = ("normal", "bold")
_SCAN = threading.Lock()


class FigureFontError(RuntimeError):
    """A font the figure needs is not installed, or a text has a character no font of the
    stack draws."""


def props(size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
    """The stack at ``size`` points, then the generic sans-serif: an SVG names this list
    as its font-family, for a viewer that has neither font."""
    return FontProperties(family=[*FONT_STACK, "sans-serif"], size=size, weight=weight,
                          style=style)


def _weight(w) -> int:
    return font_manager.weight_dict.get(w, w) if isinstance(w, str) else int(w)


def _find(family: str, weight: str) -> font_manager.FontEntry | None:
    """The upright font of ``family`` nearest ``weight`` (as matplotlib picks it)."""
    cands = [e for e in font_manager.fontManager.ttflist
             if e.name == family and e.style == "normal"]
    return min(cands, key=lambda e: abs(_weight(e.weight) - _weight(weight)), default=None)


def _rescan() -> None:
    """Add the system's fonts matplotlib does not know yet: its font list is cached on
    disk when it is first imported, so a font installed afterwards (``scripts/fonts.sh``
    on a machine that ran matplotlib before) is otherwise never seen."""
    with _SCAN:
        known = {e.fname for e in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # a file FreeType cannot read is not a font of ours


def font_entries() -> dict[tuple[str, str], font_manager.FontEntry]:
    """The file of each font of the stack in each weight; a missing family is a
    :class:`FigureFontError`."""
    out = {}
    for family in FONT_STACK:
        for weight in WEIGHTS:
            entry = _find(family, weight)
            if entry is None:
                _rescan()
                entry = _find(family, weight)
            if entry is None:
                raise FigureFontError(
                    f"the figures need the font '{family}' (Debian: {FONT_PACKAGES[family]}; "
                    "`bash scripts/fonts.sh` installs it), and matplotlib finds no such font")
            out[family, weight] = entry
    return out


@lru_cache(maxsize=8)
def _cmap(path: str, index: int) -> frozenset[int]:
    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def covered() -> frozenset[int]:
    """The code points some font of the stack draws (in every weight used)."""
    files = tuple((family, weight, e.fname, getattr(e, "index", 0))
                  for (family, weight), e in font_entries().items())
    return _covered(files)


@lru_cache(maxsize=4)
def _covered(files: tuple) -> frozenset[int]:
    per_weight = {w: set() for w in WEIGHTS}
    for _family, weight, path, index in files:
        per_weight[weight] |= _cmap(path, index)
    return frozenset(set.intersection(*per_weight.values()))


def check_glyphs(texts: Iterable[str]) -> None:
    """Every character of ``texts`` is drawn by a font of the stack (spaces and format
    characters aside), else a :class:`FigureFontError` naming the first one missing."""
    have = covered()
    for text in texts:
        for ch in text:
            if ord(ch) in have or ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc"):
                continue
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            raise FigureFontError(f"no font of {', '.join(FONT_STACK)} draws {ch!r} ({name}), "
                                  f"in the text {text[:60]!r}")
