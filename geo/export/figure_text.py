"""The printed figure's text (geo.export.figure): text artists that never read mathtext,
white halos, and line wrapping that breaks English and Russian at spaces and Japanese
between characters. Its fonts: :mod:`.figure_fonts`.
"""
from __future__ import annotations

import unicodedata

from matplotlib import patheffects
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

def text(x: float, y: float, s: str, fp: FontProperties, **kw) -> Text:
    """A text artist for any text of the data: shown as written (``$`` is never mathtext)."""
    return Text(x, y, s, fontproperties=fp, parse_math=False, usetex=False, **kw)


def halo(width: float) -> list:
    """The path effect of a white halo ``width`` points wide, drawn alone under a copy of
    the text (matplotlib draws a text with any path effect as outlines: the text itself
    stays text in SVG and PDF)."""
    return [patheffects.Stroke(linewidth=width, foreground="white")]


def haloed(x: float, y: float, s: str, fp: FontProperties, width: float, **kw) -> list[Text]:
    """A text over its white halo: [halo, text]."""
    z = kw.pop("zorder", 3)
    under = text(x, y, s, fp, zorder=z - 0.01, **{**kw, "color": "white"})
    under.set_path_effects(halo(width))
    return [under, text(x, y, s, fp, zorder=z, **kw)]


# --- wrapping ------------------------------------------------------------------------------

# Japanese line-breaking rules (kinsoku), the common core: no line starts with closing
# punctuation or a small kana, none ends with an opening bracket.
NO_START = set("、。，．・：；？！）」』】〕〉》’”ゝゞー々…‥)],.;:!?"
               "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_END = set("（「『【〔〈《‘“([")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def tokens(s: str) -> list[str]:
    """``s`` cut where a line may break: after a space, and between two full-width
    characters unless the kinsoku rules forbid it."""
    out: list[str] = []
    for ch in s:
        if not out:
            out.append(ch)
            continue
        prev = out[-1]
        breakable = (prev.endswith(" ") and ch != " ") or (
            (_wide(ch) or _wide(prev[-1])) and not prev.endswith(" ") and ch != " "
            and ch not in NO_START and prev[-1] not in NO_END)
        if breakable:
            out.append(ch)
        else:
            out[-1] = prev + ch
    return out


def wrap(s: str, width_px: float, fp: FontProperties, renderer) -> list[str]:
    """``s`` in lines no wider than ``width_px`` (the renderer's pixels) in font ``fp``;
    a word wider than the line stays whole on its own line. A line's width is the sum of
    its pieces' (each measured once), which leaves out kerning across them: a line is
    filled to 98 % of the width."""
    sizes: dict[str, float] = {}

    def w(t: str) -> float:
        if t not in sizes:
            sizes[t] = renderer.get_text_width_height_descent(t, fp, ismath=False)[0] if t else 0.0
        return sizes[t]
    limit = 0.98 * width_px
    lines: list[str] = []
    for para in s.split("\n"):
        line, used = "", 0.0
        for tok in tokens(para):
            if line and used + w(tok.rstrip()) > limit:
                lines.append(line.rstrip())
                line, used = tok.lstrip(), w(tok.lstrip())
            else:
                line, used = line + tok, used + w(tok)
        lines.append(line.rstrip())
    return lines
