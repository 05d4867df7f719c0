"""The printed figure's map (geo.export.figure): the frame (projection, extent and where
each place falls on the page) and the layers, drawn from the full-resolution land with the
web map's own styles.

Projection: a Lambert conformal conic on WGS 84, fitted to the extent (standard parallels
at a sixth of its height from its top and bottom, central meridian at its centre):
conformal, so shapes and the north arrow's angle are true locally, and, unlike Web
Mercator, its scale varies little across a map of a few hundred to a few thousand km.

Extent: a named view of :data:`geo.map.leaflet.VIEWS` (its centre and zoom) shows the
ground a web map :data:`FRAME_PX` CSS pixels wide shows at that zoom; one CSS pixel of the
web map is ``frame.px`` points on the page, so labels, line widths and markers are the
web map's, scaled to the paper.

Geometry: the gazetteer's land from the full-resolution layer (``land.geojson``); the
other countries' land and the far context exist only in the display layer
(``land.display.geojson``) and are drawn from it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.colors import to_rgb
from matplotlib.patches import Circle, PathPatch
from matplotlib.path import Path as MplPath
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry

from geo.analysis.median_line import scenario_division
from geo.analysis.okhotsk import gate_shores, okhotsk_outline
from geo.analysis.security import security_points
from geo.analysis.treaty_lines import sakhalin_split, treaty_lines
from geo.data.events import SAKHALIN, SAKHALIN_NORTH, SAKHALIN_SOUTH
from geo.data.layers import Atlas
from geo.map.base_layers import history_ids
from geo.map.display import display_land, is_far, seams
from geo.map.leaflet import VIEWS
from geo.map.overlays.base import LAND_Z, TREATY_Z
from geo.map.overlays.okhotsk import OUTLINE_STYLE, gate_style
from geo.map.overlays.registry import INFO, OVERLAY_INFO
from geo.map.overlays.sea import MEDIAN_STYLE
from geo.map.state import MapState
from geo.map.style import (SEA, STRAIT_LINE, TREATY_CASING, TREATY_LINE, holder_style,
                           island_style, land_style, point_style, seam_style)
from geo.measure import WGS84
from geo.views.present import island_of

FRAME_PX = 800  # the app's map on a laptop screen, CSS px: the figure shows that much ground
WEB_M_PER_PX = 156543.03392804097  # Web Mercator's ground pixel at the equator, zoom 0 (m)
PT_PER_IN = 72.0
# The overlays a figure draws, each by a function of this module: every overlay of the
# registry but the online ones (tiles: a figure is drawn from the project's own geometry).
FIGURE_OVERLAYS = tuple(o.key for o in OVERLAY_INFO if not o.online)


@dataclass(frozen=True)
class MapFrame:
    """The map's place on the page and its projection. ``box``: (left, bottom, width,
    height) of the map in inches from the page's lower left; ``bounds``: (x0, y0, x1, y1)
    of the extent in the projection's metres; ``page``: the page's (width, height) in
    inches; ``dpi``: the raster's pixels per inch."""
    extent: str
    zoom: int
    proj: str  # the projection as a PROJ string
    lat_1: float
    lat_2: float
    lon_0: float
    bounds: tuple[float, float, float, float]
    box: tuple[float, float, float, float]
    page: tuple[float, float]
    dpi: float

    @property
    def crs(self) -> CRS:
        return CRS.from_proj4(self.proj)

    def fwd(self, lon, lat):
        """Projected (x, y) metres of lon/lat (scalars or arrays)."""
        return _transformer(self.proj, True).transform(lon, lat)

    def inv(self, x, y):
        return _transformer(self.proj, False).transform(x, y)

    @property
    def px(self) -> float:
        """Points on the page per CSS pixel of the web map."""
        return self.box[2] * PT_PER_IN / FRAME_PX

    @property
    def m_per_pt(self) -> float:
        """Ground metres (in the projection) per point on the page."""
        return (self.bounds[2] - self.bounds[0]) / (self.box[2] * PT_PER_IN)

    def page_inches(self, lon: float, lat: float) -> tuple[float, float]:
        """Where lon/lat falls on the page, in inches from its lower left."""
        x, y = self.fwd(lon, lat)
        x0, y0, x1, y1 = self.bounds
        left, bottom, w, h = self.box
        return left + (x - x0) / (x1 - x0) * w, bottom + (y - y0) / (y1 - y0) * h

    def pixel(self, lon: float, lat: float) -> tuple[int, int]:
        """The (column, row) of the raster's pixel where lon/lat falls (row 0 at the top)."""
        xi, yi = self.page_inches(lon, lat)
        return int(xi * self.dpi), int((self.page[1] - yi) * self.dpi)

    def lonlat_box(self, margin_deg: float = 0.5) -> tuple[float, float, float, float]:
        """A lon/lat rectangle that holds the whole extent (its edges densified and
        brought back to lon/lat), with a margin."""
        x0, y0, x1, y1 = self.bounds
        edge = np.linspace(0, 1, 41)
        xs = np.concatenate([x0 + (x1 - x0) * edge, np.full(41, x1),
                             x0 + (x1 - x0) * edge, np.full(41, x0)])
        ys = np.concatenate([np.full(41, y0), y0 + (y1 - y0) * edge,
                             np.full(41, y1), y0 + (y1 - y0) * edge])
        lon, lat = self.inv(xs, ys)
        return (float(lon.min()) - margin_deg, float(lat.min()) - margin_deg,
                float(lon.max()) + margin_deg, float(lat.max()) + margin_deg)


@lru_cache(maxsize=32)
def _transformer(proj: str, forward: bool) -> Transformer:
    crs = CRS.from_proj4(proj)
    return (Transformer.from_crs(WGS84, crs, always_xy=True) if forward
            else Transformer.from_crs(crs, WGS84, always_xy=True))


def _half(x: float) -> float:
    return round(x * 2) / 2


def map_frame(extent: str, box: tuple[float, float, float, float],
              page: tuple[float, float], dpi: float,
              limits: tuple[float, float, float, float] | None = None) -> MapFrame:
    """The frame of the named view ``extent`` (a key of :data:`VIEWS`) in a map of ``box``
    inches on a page of ``page`` inches. ``limits``: (west, south, east, north) of the
    land drawn (the build cut the source there, geo.map.display.map_frame): an extent
    that would reach past them (the region view) is narrowed about its centre until it
    does not, so that the cut is never in sight, as on the web map."""
    if extent not in VIEWS:
        raise ValueError(f"unknown extent {extent!r}; known: {', '.join(VIEWS)}")
    (lat, lon), zoom = VIEWS[extent]
    width_m = FRAME_PX * WEB_M_PER_PX * math.cos(math.radians(lat)) / 2 ** zoom
    for _ in range(60):
        frame = _frame(extent, zoom, lat, lon, width_m, box, page, dpi)
        if limits is None or _within(frame.lonlat_box(0.0), limits):
            return frame
        width_m *= 0.96
    raise ValueError(f"extent {extent!r} does not fit inside the land drawn {limits}")


def _within(inner, outer, margin: float = 0.25) -> bool:
    return (inner[0] >= outer[0] + margin and inner[1] >= outer[1] + margin
            and inner[2] <= outer[2] - margin and inner[3] <= outer[3] - margin)


def _frame(extent, zoom, lat, lon, width_m, box, page, dpi) -> MapFrame:
    height_m = width_m * box[3] / box[2]
    span = height_m / 111_320.0  # degrees of latitude the map spans, about
    lat_1, lat_2, lon_0 = _half(lat - span / 3), _half(lat + span / 3), _half(lon)
    proj = (f"+proj=lcc +lat_1={lat_1} +lat_2={lat_2} +lat_0={_half(lat)} +lon_0={lon_0} "
            "+datum=WGS84 +units=m +no_defs")
    cx, cy = _transformer(proj, True).transform(lon, lat)
    bounds = (cx - width_m / 2, cy - height_m / 2, cx + width_m / 2, cy + height_m / 2)
    return MapFrame(extent, zoom, proj, lat_1, lat_2, lon_0, bounds, box, page, dpi)


# --- geometry ------------------------------------------------------------------------------

def projected(geoms: list[BaseGeometry], frame: MapFrame) -> list[BaseGeometry]:
    """The geometries (lon/lat) cut to the extent's lon/lat box and projected
    (geopandas, through PROJ); empty ones stay empty."""
    s = gpd.GeoSeries(geoms, crs=WGS84).clip_by_rect(*frame.lonlat_box())
    return list(s.to_crs(frame.crs).values)


def _path(g: BaseGeometry) -> MplPath | None:
    """A matplotlib path of polygons (exteriors anticlockwise, holes clockwise: filled by
    any rule) or lines."""
    verts, codes = [], []
    for part in shapely.get_parts(shapely.orient_polygons(g)):
        if part.geom_type == "Polygon":
            rings = [part.exterior, *part.interiors]
            closed = True
        elif part.geom_type == "LineString":
            rings, closed = [part], False
        else:
            continue
        for ring in rings:
            c = np.asarray(ring.coords)[:, :2]
            if len(c) < 2:
                continue
            code = np.full(len(c), MplPath.LINETO, dtype=np.uint8)
            code[0] = MplPath.MOVETO
            if closed:
                code[-1] = MplPath.CLOSEPOLY
            verts.append(c)
            codes.append(code)
    if not verts:
        return None
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def blend(colour: str, opacity: float, under: str = SEA) -> tuple[float, float, float]:
    """``colour`` at ``opacity`` over ``under``, as one opaque colour (what the reader sees
    on the web map, where land lies over the sea)."""
    a, b = np.array(to_rgb(colour)), np.array(to_rgb(under))
    return tuple(float(v) for v in a * opacity + b * (1 - opacity))


def patch_style(style: dict, px: float) -> dict:
    """matplotlib keywords of a Leaflet path style (weights and dashes in CSS px, ``px``
    points each): a fill's colour as seen over the sea, opaque."""
    weight = float(style.get("weight", 3))
    kw = {"linewidth": weight * px, "edgecolor": style.get("color", "none"),
          "alpha": None}
    if "opacity" in style and kw["edgecolor"] != "none":
        kw["edgecolor"] = (*to_rgb(kw["edgecolor"]), float(style["opacity"]))
    fill = style.get("fillColor")
    kw["facecolor"] = (blend(fill, float(style.get("fillOpacity", 0.2)))
                       if fill and style.get("fill", True) else "none")
    dash = style.get("dashArray")
    if dash and weight > 0:
        kw["linestyle"] = (0, tuple(float(d) / weight for d in str(dash).split()))
    kw["capstyle"] = "round" if style.get("lineCap") == "round" else "butt"
    kw["joinstyle"] = "round"
    return kw


def _draw(ax, frame: MapFrame, shapes: list[tuple[BaseGeometry, dict]], z: float) -> None:
    """Each (lon/lat geometry, Leaflet style) projected and drawn at zorder ``z`` (in
    order, later on top)."""
    geoms = projected([g for g, _ in shapes], frame)
    for i, (g, (_, style)) in enumerate(zip(geoms, shapes)):
        path = None if g is None or g.is_empty else _path(g)
        if path is not None:
            ax.add_artist(PathPatch(path, zorder=z + i * 1e-4, **patch_style(style, frame.px)))


def land(ax, frame: MapFrame, state: MapState, atlas: Atlas) -> None:
    """The land as the web map draws it (geo.map.base_layers.land), in its order: the far
    context and the other countries (display layer), the gazetteer's land by today's tint,
    the cuts covered in their fill, land coloured by its holder in a historical view, and
    the four islands by holder (dashed if disputed)."""
    gaz, view = atlas.gaz, state.scenario
    shown = display_land(atlas)
    context = sorted((f for f in shown if f not in gaz), key=lambda f: (not is_far(f), f))
    hist = history_ids(state, atlas)
    others = [f for f in sorted(atlas.land.geoms) if island_of(gaz, f) is None
              and f not in hist and not (hist and f == SAKHALIN)]
    islands = [f for f in sorted(atlas.land.geoms) if island_of(gaz, f) is not None]
    halves = dict(zip((SAKHALIN_SOUTH, SAKHALIN_NORTH), sakhalin_split(atlas)))
    shapes = [(shown[f], land_style(f, atlas.display.props[f].get("country"))) for f in context]
    shapes += [(atlas.land.geoms[f], land_style(f, gaz.get(f).administered_by)) for f in others]
    shapes += [(g, seam_style(k)) for k, g in sorted(seams(atlas).items())]
    shapes += [(halves.get(f) or atlas.land.geoms[f], holder_style(view.features[f], f))
               for f in hist]
    shapes += [(atlas.land.geoms[f], island_style(view, gaz, f)) for f in islands]
    _draw(ax, frame, shapes, LAND_Z)


def treaty(ax, frame: MapFrame, state: MapState, atlas: Atlas) -> None:
    """The treaty lines in force in a historical view, dashed over a white casing."""
    ids = list(getattr(state.scenario, "lines", ()) or ())
    if ids:
        lines = treaty_lines(atlas)
        _draw(ax, frame, [(lines[i][1], TREATY_CASING) for i in ids]
              + [(lines[i][1], TREATY_LINE) for i in ids], TREATY_Z)


def _straits(ax, frame, state, atlas) -> None:
    _draw(ax, frame, [(g, STRAIT_LINE) for _, g in sorted(atlas.straits.geoms.items())],
          INFO["straits"].z)


def _sea(ax, frame, state, atlas) -> None:
    _draw(ax, frame, [(scenario_division(atlas, state.scenario).boundary, MEDIAN_STYLE)],
          INFO["sea"].z)


def _okhotsk(ax, frame, state, atlas) -> None:
    shapes = [(okhotsk_outline(atlas).exterior, OUTLINE_STYLE)]
    shapes += [(gs.gate.line, gate_style(f"gate-{gs.gate.id}", gs.japanese))
               for gs in gate_shores(atlas, state.scenario)]
    _draw(ax, frame, [(shapely.LineString(g.coords) if g.geom_type == "LinearRing" else g, s)
                      for g, s in shapes], INFO["okhotsk"].z)


def _security(ax, frame, state, atlas) -> None:
    """The cited points as the web map's circle markers (radius in CSS px)."""
    z = INFO["security"].z
    x0, y0, x1, y1 = frame.bounds
    for i, (props, pt) in enumerate(security_points()):
        x, y = frame.fwd(pt.x, pt.y)
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        style = point_style(props["kind"], props["precision"])
        kw = patch_style({**style, "fill": False}, frame.px)
        if style.get("fillOpacity"):  # over land or sea: the fill's own transparency
            kw["facecolor"] = (*to_rgb(style["fillColor"]), float(style["fillOpacity"]))
        ax.add_artist(Circle((x, y), style["radius"] * frame.px * frame.m_per_pt,
                            zorder=z + i * 1e-4, **kw))


OVERLAY_DRAW = {"straits": _straits, "sea": _sea, "okhotsk": _okhotsk, "security": _security}
assert set(OVERLAY_DRAW) == set(FIGURE_OVERLAYS), "a new overlay needs its figure drawing here"


def drawn_overlays(view, overlays) -> tuple[str, ...]:
    """The overlays of ``overlays`` the figure draws under ``view``, in the registry's
    order (the sea division: present-day scenarios only); an overlay the figure cannot
    draw is a ValueError."""
    keys = set(overlays)
    bad = sorted(keys - set(FIGURE_OVERLAYS))
    if bad:
        raise ValueError(f"overlay {bad[0]!r} is not drawn in a figure; the figure's "
                         f"overlays: {', '.join(FIGURE_OVERLAYS)}")
    return tuple(o.key for o in OVERLAY_INFO if o.key in keys and o.shown(view))


def draw_map(ax, frame: MapFrame, state: MapState, atlas: Atlas,
             drawn: tuple[str, ...]) -> None:
    """The sea, the land, the treaty lines and the ``drawn`` overlays
    (:func:`drawn_overlays` of ``state``) into ``ax``, whose data coordinates are the
    frame's projected metres."""
    x0, y0, x1, y1 = frame.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    land(ax, frame, state, atlas)
    treaty(ax, frame, state, atlas)
    for key in drawn:
        OVERLAY_DRAW[key](ax, frame, state, atlas)

