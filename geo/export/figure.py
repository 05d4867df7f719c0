"""Print-ready figures of any map view: PNG (300 dpi by default), SVG and PDF.

:func:`figure_bytes` draws a view of the catalogue (a present-day scenario, a historical
view, a point of view) with overlays, in a names convention and a language, on a page of
:data:`SIZES` (A4 landscape by default): the title, the date line, the map (the
full-resolution land by holder, with the web map's colours, the treaty lines, the overlays,
the labels, a graticule, a scale bar and a north arrow: :mod:`.figure_map`,
:mod:`.figure_labels`, :mod:`.figure_furniture`) and, beside it, the legend, what the view
means, its notes and its sources; under it the attribution and how the map is projected
(:mod:`.figure_words`). :func:`figure_frame` says where any lon/lat falls on the page and in
the PNG's pixels.

Everything is drawn through matplotlib's object interface (a :class:`Figure` and its own
canvas: no pyplot, no figure registry); fonts are given to each text artist
(:mod:`.figure_text`, :mod:`.figure_fonts`). The three formats need two settings matplotlib
reads from its process-wide parameters when it saves (SVG keeps its text as text, PDF
embeds its fonts as Type 3); they are set for the save only, under a lock, so that figures
drawn at once in one process (the app serves many readers) neither see nor undo each
other's.
"""
from __future__ import annotations

import datetime as _dt
import io
import threading
from dataclasses import dataclass

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle

from geo.data.corpus import Corpus, default_corpus
from geo.data.events import default_timeline
from geo.data.layers import Atlas, load_atlas
from geo.data.provenance import load_provenance
from geo.export import figure_furniture as furniture
from geo.export.figure_labels import label_texts, place
from geo.export.figure_map import FIGURE_OVERLAYS, MapFrame, draw_map, drawn_overlays, map_frame
from geo.export.figure_spec import DEFAULT_DPI, DEFAULT_SIZE, FORMATS, MIME, SIZES, parse_size
from geo.export.figure_fonts import FigureFontError, check_glyphs, props
from geo.export.figure_text import text, wrap
from geo.export.figure_words import APP_NAME, Words, of_events, words
from geo.i18n import NAMES_BY_LANG, translator
from geo.map.display import map_frame as data_frame
from geo.map.leaflet import view_for
from geo.map.legend import line_kind
from geo.map.state import MapState
from geo.map.style import OUTLINE

__all__ = ["FIGURE_OVERLAYS", "FORMATS", "MIME", "SIZES", "DEFAULT_SIZE", "FigureFontError",
           "figure_bytes", "figure_frame", "parse_size"]

MM_PER_IN = 25.4
A4_HEIGHT_IN = SIZES["A4"][1] / MM_PER_IN  # the design's page height: sizes scale from it
_SAVE = threading.Lock()
SAVE_RC = {"svg.fonttype": "none", "svg.hashsalt": "nt-figure", "pdf.fonttype": 3,
           "pdf.compression": 6}


@dataclass(frozen=True)
class Page:
    """The page in inches: its size, the scale of the design (1 on A4), where the map and
    the side panel go ((left, bottom, width, height) from the lower left)."""
    w: float
    h: float
    dpi: float
    s: float
    margin: float
    map_box: tuple[float, float, float, float]
    panel_box: tuple[float, float, float, float]


def page(size: str = DEFAULT_SIZE, dpi: float = DEFAULT_DPI, fmt: str = "png") -> Page:
    """The page of ``size``: a PNG is a whole number of pixels at ``dpi`` (A4 at 300 dpi:
    3508 × 2480), SVG and PDF the exact paper size."""
    if not 50 <= dpi <= 1200:
        raise ValueError(f"dpi {dpi}: use 50 to 1200")
    w_mm, h_mm = parse_size(size)
    if fmt == "png":
        w, h = round(w_mm / MM_PER_IN * dpi) / dpi, round(h_mm / MM_PER_IN * dpi) / dpi
    else:
        w, h = w_mm / MM_PER_IN, h_mm / MM_PER_IN
    s = h / A4_HEIGHT_IN
    m, head, foot, gap = 0.36 * s, 0.74 * s, 0.50 * s, 0.22 * s
    panel_w = 0.29 * w
    body_h = h - 2 * m - head - foot
    map_w = w - 2 * m - panel_w - gap
    return Page(w, h, dpi, s, m, (m, m + foot, map_w, body_h),
                (m + map_w + gap, m + foot, panel_w, body_h))


def figure_frame(view, *, extent: str | None = None, size: str = DEFAULT_SIZE,
                 dpi: float = DEFAULT_DPI, fmt: str = "png", atlas: Atlas | None = None
                 ) -> MapFrame:
    """Where the map of ``view`` lies on the page of that size (``extent``: a named view
    of geo.map.leaflet.VIEWS; by default the one the app shows the view in), kept inside
    the land drawn: its projection, and :meth:`MapFrame.pixel` for any lon/lat."""
    pg = page(size, dpi, fmt)
    (south, west), (north, east) = data_frame(atlas if atlas is not None else load_atlas())
    return map_frame(extent or view_for(view), pg.map_box, (pg.w, pg.h), pg.dpi,
                     (west, south, east, north))


def _swatch(fig, it, x: float, y: float, w: float, h: float, s: float) -> None:
    """A legend row's swatch at (x, y) inches (its lower left), as the app's legend draws
    it (geo.map.legend.swatch_css): a box, a line or a dot."""
    tr = fig.dpi_scale_trans
    if it.dot:
        r = h * 0.5
        fig.add_artist(Circle(
            (x + r + 0.02, y + h / 2), r, transform=tr, facecolor=it.fill or "none",
            edgecolor=it.dot, linewidth=1.2 * s, linestyle=(0, (2, 1.5)) if it.dashed else "-"))
    elif it.line:
        style = {"dashed": (0, (3.5, 1.8)), "dotted": (0, (0.8, 1.6)), "solid": "-"}
        fig.add_artist(Line2D(
            [x, x + w], [y + h / 2] * 2, transform=tr, color=it.fill, linewidth=2.2 * s,
            linestyle=style[line_kind(it)], solid_capstyle="butt"))
    else:
        fig.add_artist(Rectangle((x, y), w, h, transform=tr, facecolor=it.fill or "none",
                                 edgecolor=OUTLINE if it.dashed else "#777777",
                                 linewidth=(1.1 if it.dashed else 0.6) * s,
                                 linestyle=(0, (3, 1.5)) if it.dashed else "-"))


INK = {"head": "#111111", "row": "#111111", "para": "#111111", "note": "#333333",
       "small": "#333333"}
# Space before a block and line height, in lines of the body's type.
SPACE = {"head": 0.35, "row": 0.12, "para": 0.2, "note": 0.2, "small": 0.2}
LEADING = {"head": 1.08, "row": 1.0, "para": 1.0, "note": 0.92, "small": 0.92}


def _flow(w: Words, pg: Page, pt: float, renderer) -> tuple[list[tuple], float]:
    """The panel's lines at body size ``pt``: (kind, inches below the panel's top, text,
    font, legend item or None), and the height they take."""
    width = pg.panel_box[2] * renderer.points_to_pixels(1.0) * 72  # renderer pixels
    sw = 0.34 * pg.s  # a legend row's swatch and the gap after it
    fonts = {"head": props(pt * 1.1, "bold"), "row": props(pt), "para": props(pt),
             "note": props(pt * 0.92, style="italic"), "small": props(pt * 0.88)}
    blocks = [("head", w.legend_title), *(("row", it.label, it) for it in w.rows),
              ("head", w.about_title), ("para", w.about), *(("note", n) for n in w.notes),
              ("head", w.sources_title), ("small", w.sources)]
    line = pt * 1.28 / 72
    out, y = [], 0.0
    for kind, body, *item in blocks:
        y += SPACE[kind] * line if out else 0.0
        narrow = width - (sw * renderer.points_to_pixels(1.0) * 72 if kind == "row" else 0)
        for i, ln in enumerate(wrap(body, narrow, fonts[kind], renderer)):
            out.append((kind, y, ln, fonts[kind], item[0] if item and i == 0 else None))
            y += LEADING[kind] * line
    return out, y


def _panel(fig, renderer, pg: Page, w: Words) -> None:
    """The legend, what the view means, its notes and sources, top down in the panel, at
    the largest body size (8 pt on A4, down to 5.5) at which they fit."""
    left, bottom, width, height = pg.panel_box
    for size in (8.0, 7.5, 7.0, 6.5, 6.0, 5.5):
        lines, need = _flow(w, pg, size * pg.s, renderer)
        if need <= height:
            break
    pt = size * pg.s
    top, sw_w, sw = bottom + height, 0.26 * pg.s, 0.34 * pg.s
    tr = fig.dpi_scale_trans
    for kind, y, ln, fp, item in lines:
        x = left + (sw if kind == "row" else 0)
        if item is not None:
            _swatch(fig, item, left, top - y - pt * 1.28 / 72 * 0.85, sw_w, pt * 1.28 / 72 * 0.62,
                    pg.s)
        fig.add_artist(text(x, top - y, ln, fp, transform=tr, va="top", color=INK[kind]))


def _footer(fig, renderer, pg: Page, w: Words) -> None:
    """The attribution, then how the map is drawn, under the map and the panel: wrapped,
    in at most four lines (the type made smaller if they need more)."""
    width = (pg.w - 2 * pg.margin) * 72 * renderer.points_to_pixels(1.0)
    for size in (6.6, 6.2, 5.8, 5.4):
        fp = props(size * pg.s)
        lines = wrap(w.credit, width, fp, renderer) + wrap(w.method, width, fp, renderer)
        if len(lines) <= 4:
            break
    step = size * 1.3 / 72 * pg.s
    y = pg.margin + 0.5 * pg.s - 0.08 * pg.s
    for line in lines:
        fig.add_artist(text(pg.margin, y, line, fp, transform=fig.dpi_scale_trans, va="top",
                            color="#333333"))
        y -= step


def _all_text(w: Words) -> list[str]:
    return [w.title, w.dateline, w.legend_title, *(r.label for r in w.rows), w.about_title,
            w.about, *w.notes, w.sources_title, w.sources, w.credit, w.method]


def figure_bytes(view, fmt: str = "png", *, overlays=(), names: str | None = None,
                 lang: str = "en", extent: str | None = None, size: str = DEFAULT_SIZE,
                 dpi: float = DEFAULT_DPI, atlas: Atlas | None = None,
                 corpus: Corpus | None = None, made: _dt.date | None = None) -> bytes:
    """The figure of ``view`` as PNG, SVG or PDF bytes. ``names``: the names convention
    (default: the language's, geo.i18n.NAMES_BY_LANG); ``made``: the date it says it was
    made (default today). Unknown formats, overlays, extents or sizes are ValueErrors;
    a font or glyph the figure cannot draw is a :class:`FigureFontError`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    names = names or NAMES_BY_LANG[lang]
    state = MapState(view, names, None, frozenset(overlays), lang)
    atlas = atlas if atlas is not None else load_atlas()
    corpus = corpus if corpus is not None else default_corpus()
    drawn = drawn_overlays(view, state.overlays)
    pg = page(size, dpi, fmt)
    frame = figure_frame(view, extent=extent, size=size, dpi=dpi, fmt=fmt, atlas=atlas)
    # a historical view's sources are its events' (a broken timeline is a DataError: no
    # historical view exists without it); the others' are their own
    timeline = default_timeline() if of_events(view) else None
    dataset = (load_provenance().dataset.package or "").removeprefix("npm ")
    fig = Figure(figsize=(pg.w, pg.h), dpi=pg.dpi, facecolor="white")
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_axes((pg.map_box[0] / pg.w, pg.map_box[1] / pg.h, pg.map_box[2] / pg.w,
                       pg.map_box[3] / pg.h))
    draw_map(ax, frame, state, atlas, drawn)
    for spine in ax.spines.values():
        spine.set(linewidth=0.7 * pg.s, edgecolor="#333333", zorder=200)
    scale, bar = furniture.scale_bar(ax, frame, lang, pg.s)
    _angle, arrow = furniture.north_arrow(ax, frame, lang, pg.s)
    grid = furniture.graticule(ax, frame, lang, pg.s, renderer,
                               furniture.boxes(bar + arrow, renderer))
    w = words(view, atlas, corpus, timeline, frame, scale, drawn, lang=lang, names=names,
              made=made or _dt.date.today(), dataset=dataset)
    labels = label_texts(frame, state, atlas, drawn)
    check_glyphs(_all_text(w) + [t.main for t in labels] + [t.second for t in labels])
    place(ax, frame, labels, renderer, furniture.boxes(bar + arrow + grid, renderer), atlas)
    tr = fig.dpi_scale_trans
    top = pg.h - pg.margin
    width = (pg.w - 2 * pg.margin) * 72 * renderer.points_to_pixels(1.0)
    size = next((z for z in (15, 14, 13, 12, 11, 10) if renderer.get_text_width_height_descent(
        w.title, props(z * pg.s, "bold"), ismath=False)[0] <= width), 10)
    fig.add_artist(text(pg.margin, top, w.title, props(size * pg.s, "bold"), transform=tr,
                        va="top", color="#111111"))
    fig.add_artist(text(pg.margin, top - 0.34 * pg.s, w.dateline, props(8.5 * pg.s),
                        transform=tr, va="top", color="#333333"))
    _panel(fig, renderer, pg, w)
    _footer(fig, renderer, pg, w)
    buf = io.BytesIO()
    _ = translator(lang)
    meta = {"png": {"Title": w.title, "Software": _(APP_NAME)},
            "svg": {"Title": w.title, "Creator": _(APP_NAME), "Date": None},
            "pdf": {"Title": w.title, "Creator": _(APP_NAME), "CreationDate": None}}[fmt]
    with _SAVE, matplotlib.rc_context(SAVE_RC):
        fig.savefig(buf, format=fmt, dpi=pg.dpi, metadata=meta)
    return buf.getvalue()
