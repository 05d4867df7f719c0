"""The printed figure's labels (geo.export.figure): the web map's labels
(geo.map.labels: the islands, the land, the seas, the straits, the treaty lines), their
look (geo.map.style's label ink and sizes, scaled to the paper) and their placement by the
web map's rule (geo/map/place.js): in priority order, each at the first of its sides and
points where it lies wholly inside the map and touches no label placed before it nor the
scale bar, the north arrow or a graticule label; a label that fits nowhere is left out,
never overlapped. One difference: the web map hides a name's second line (the other
script) when zoomed out; on paper it is kept wherever the two lines fit, and a side
where only the name fits takes the name alone (the sides keep their order).
"""
from __future__ import annotations

import numpy as np
from matplotlib.offsetbox import AnnotationBbox, TextArea, VPacker
from matplotlib.transforms import Bbox

from geo.data.layers import Atlas
from geo.export.figure_map import MapFrame
from geo.export.figure_fonts import props
from geo.export.figure_text import halo
from geo.map.base_layers import treaty_label_points
from geo.map.labels import LabelText, land_label_texts, sides, strait_label_texts
from geo.map.overlays.base import LABELS_Z
from geo.map.style import (CONTEXT_INK, LABEL_INK, LABEL_PX, SEA_LABEL, SECOND_PX, SMALL_PX,
                           STRAIT_COLOUR, TREATY_COLOUR)

# Each kind's look, as the map's CSS gives it (geo.map.style.LABEL_CSS): ink, weight and
# style of the name; the second line is regular, upright (a strait's width: bold). The
# fonts have a regular and a bold weight: CSS 600 is drawn bold, 500 regular.
LOOK = {"island": (LABEL_INK, "bold", "normal"), "near": (CONTEXT_INK, "normal", "normal"),
        "context": (CONTEXT_INK, "normal", "normal"), "chain": (CONTEXT_INK, "normal", "normal"),
        "sea": (SEA_LABEL, "normal", "italic"), "strait": (STRAIT_COLOUR, "bold", "italic"),
        "treaty": (TREATY_COLOUR, "bold", "normal")}
SMALL_KINDS = ("chain", "treaty")
GAP_PX = {"right": (8, 0), "left": (-8, 0), "above": (0, 6), "below": (0, -6), "centre": (0, 0)}
ALIGN = {"right": ((0.0, 0.5), "left"), "left": ((1.0, 0.5), "right"),
         "above": ((0.5, 0.0), "center"), "below": ((0.5, 1.0), "center"),
         "centre": ((0.5, 0.5), "center")}
MARGIN_PX = 2  # the clear space around a label (place.js)
HALO_PX = 2.6  # the white halo around the letters (the map's text-shadow)


def label_texts(frame: MapFrame, state, atlas: Atlas, drawn: tuple[str, ...]) -> list[LabelText]:
    """The labels the map shows under ``state`` at the frame's zoom: the land's and the
    seas', the treaty lines' in a historical view, the straits' if they are drawn."""
    out = list(land_label_texts(atlas, state.names))
    lines = list(getattr(state.scenario, "lines", ()) or ())
    out += [LabelText(lid, lat, lon, text, "", "treaty", tuple(sides(side)))
            for lid, lat, lon, text, side in treaty_label_points(lines, atlas, state.lang)]
    if "straits" in drawn:
        out += strait_label_texts(atlas, state.names, state.lang)
    return [t for t in out if (t.min_zoom or 0) <= frame.zoom]


def _box(t: LabelText, side: str, xy, frame: MapFrame, second: bool = True,
         under: bool = False) -> AnnotationBbox:
    """The label at ``side`` of ``xy``; ``under``: its white halo alone (drawn under it)."""
    ink, weight, style = LOOK[t.kind]
    px = frame.px
    size = (SMALL_PX if t.kind in SMALL_KINDS else LABEL_PX) * px
    look = (dict(color="white", path_effects=halo(HALO_PX * px)) if under
            else dict(color=ink))
    rows = [TextArea(t.main, textprops=dict(fontproperties=props(size, weight, style),
                                            parse_math=False, **look))]
    if second and t.second:
        sweight = "bold" if t.kind == "strait" else "normal"
        rows.append(TextArea(t.second, textprops=dict(
            fontproperties=props(SECOND_PX * px, sweight), parse_math=False, **look)))
    alignment, align = ALIGN[side]
    pack = VPacker(children=rows, align=align, pad=0, sep=0.5 * px)
    dx, dy = GAP_PX[side]
    framed = t.kind == "treaty" and not under  # the white band behind a treaty line's name
    return AnnotationBbox(pack, xy, xybox=(dx * px, dy * px), xycoords="data",
                          boxcoords="offset points", box_alignment=alignment,
                          frameon=framed, pad=0.15 if framed else 0.0,
                          bboxprops=dict(facecolor="white", alpha=0.8, edgecolor="none",
                                         boxstyle="square,pad=0.15"),
                          annotation_clip=False, zorder=LABELS_Z - (0.01 if under else 0))


def _overlaps(a: Bbox, b: Bbox, m: float) -> bool:
    return a.x0 < b.x1 + m and b.x0 < a.x1 + m and a.y0 < b.y1 + m and b.y0 < a.y1 + m


def feature_size(frame: MapFrame, atlas: Atlas, fid: str, ax) -> tuple[float, float] | None:
    """The (width, height) in the renderer's pixels of the box around a land feature as
    drawn (None for the seas, the straits, the treaty lines)."""
    if fid not in atlas.gaz or not atlas.is_land(fid):
        return None
    lon0, lat0, lon1, lat1 = atlas.geometry(fid).bounds
    t = np.linspace(0, 1, 9)
    lons = np.concatenate([lon0 + (lon1 - lon0) * t, np.full(9, lon1), lon0 + (lon1 - lon0) * t,
                           np.full(9, lon0)])
    lats = np.concatenate([np.full(9, lat0), lat0 + (lat1 - lat0) * t, np.full(9, lat1),
                           lat0 + (lat1 - lat0) * t])
    px = ax.transData.transform(np.column_stack(frame.fwd(lons, lats)))
    return float(np.ptp(px[:, 0])), float(np.ptp(px[:, 1]))


def place(ax, frame: MapFrame, labels: list[LabelText], renderer,
          taken: list[Bbox], atlas: Atlas | None = None) -> list[LabelText]:
    """Place ``labels`` into ``ax`` by the map's rule (``taken``: the boxes, in the
    renderer's pixels, that labels must not touch; the placed labels' are added). A
    label's box at a side is measured once, relative to its point, and moved to its
    other points. Unlike the web map's, a name is centred on a land feature (of
    ``atlas``) only if the feature is larger than the name: on paper it would hide the
    colour it names (Urup, seen whole). Returns the labels placed."""
    m = MARGIN_PX * frame.px * renderer.points_to_pixels(1.0)
    area = ax.get_window_extent(renderer)
    inside = Bbox.from_extents(area.x0 + m, area.y0 + m, area.x1 - m, area.y1 - m)
    order = sorted(range(len(labels)), key=lambda i: (labels[i].prio, i))
    placed = []
    for i in order:
        t = labels[i]
        size = feature_size(frame, atlas, t.fid, ax) if atlas is not None else None
        if _place_one(ax, frame, t, renderer, inside, taken, m, size):
            placed.append(t)
    return placed


def _place_one(ax, frame: MapFrame, t: LabelText, renderer, inside: Bbox,
               taken: list[Bbox], m: float, feature: tuple[float, float] | None) -> bool:
    """At each point and side in turn: both lines if they fit (print has the room the
    screen lacks at a far zoom), else the name alone."""
    variants = (True, False) if t.second and t.kind != "strait" else (True,)
    rel: dict[tuple[str, bool], Bbox] = {}  # (side, second line) -> box, point at the origin
    for lat, lon in ((t.lat, t.lon), *t.alt):
        xy = frame.fwd(lon, lat)
        ax_, ay_ = ax.transData.transform(xy)
        for side in t.at:
            for second in variants:
                if (side, second) not in rel:
                    box = _box(t, side, xy, frame, second)
                    ax.add_artist(box)
                    rel[side, second] = box.get_window_extent(renderer).translated(-ax_, -ay_)
                    box.remove()
                r = rel[side, second].translated(ax_, ay_)
                hides = (side == "centre" and feature is not None
                         and (r.width > feature[0] or r.height > feature[1]))
                if not hides and _fits(r, inside, taken, m):
                    taken.append(r)
                    if t.kind != "treaty":  # on its white band: no halo
                        ax.add_artist(_box(t, side, xy, frame, second, under=True))
                    ax.add_artist(_box(t, side, xy, frame, second))
                    return True
    return False


def _fits(r: Bbox, inside: Bbox, taken: list[Bbox], m: float) -> bool:
    return (inside.x0 <= r.x0 and r.x1 <= inside.x1 and inside.y0 <= r.y0
            and r.y1 <= inside.y1 and not any(_overlaps(r, b, m) for b in taken))
