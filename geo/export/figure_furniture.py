"""The printed map's furniture (geo.export.figure): the scale bar, the north arrow and the
graticule, each computed from the projection, never assumed.

* Scale bar: its length is measured on the WGS 84 ellipsoid (geo.measure.GEOD) between the
  bar's two ends brought back to lon/lat, so it is true where it stands; the variation of
  the scale over the rest of the map (the projection's scale factor on a grid over the map)
  is given with it.
* North arrow: it points along the meridian through its foot, which in a conic projection
  leans away from the page's vertical east and west of the central meridian.
* Graticule: meridians and parallels every 1, 2, 5 or 10 degrees, under the land, named
  along the map's lower and left edges.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.patches import Polygon as MplPolygon, Rectangle
from matplotlib.transforms import Bbox
from pyproj import Proj

from geo.export.figure_map import MapFrame
from geo.export.figure_fonts import props
from geo.export.figure_text import haloed, text
from geo.i18n import translator
from geo.map.overlays.base import LABELS_Z, LAND_Z
from geo.measure import GEOD
from geo.panels.blocks import km as km_text

INK = "#222222"
GRID = "#A9B4BD"
STEPS_DEG = (1, 2, 5, 10, 20)
NICE_KM = tuple(m * 10 ** e for e in range(0, 5) for m in (1, 2, 5))


@dataclass(frozen=True)
class Scale:
    km: float  # the bar's length on the ground
    lat: float  # the latitude it is measured at
    spread: float  # the scale elsewhere on the map differs by at most this share (0.012)


def degrees(value: float, axis: str, lang: str, digits: int = 0) -> str:
    """A latitude (``axis`` 'lat') or an eastern longitude ('lon') as ``lang`` writes
    it: 44°N, 北緯44度, 44° с. ш. (the region lies north and east)."""
    _ = translator(lang)
    d = _.num(abs(value), digits)
    return _("{deg}°N", deg=d) if axis == "lat" else _("{deg}°E", deg=d)


def ground_m(frame: MapFrame, x: float, y: float, dx: float) -> float:
    """Metres on the ellipsoid between (x, y) and (x + dx, y) of the projection."""
    (lon0, lon1), (lat0, lat1) = frame.inv(np.array([x, x + dx]), np.array([y, y]))
    return float(GEOD.inv(lon0, lat0, lon1, lat1)[2])


def scale_spread(frame: MapFrame, lat: float) -> float:
    """The largest relative difference between the projection's scale at ``lat`` (on
    the central meridian) and its scale anywhere on a 9 × 9 grid over the map."""
    x0, y0, x1, y1 = frame.bounds
    gx, gy = np.meshgrid(np.linspace(x0, x1, 9), np.linspace(y0, y1, 9))
    lons, lats = frame.inv(gx.ravel(), gy.ravel())
    p = Proj(frame.crs)
    k = np.asarray(p.get_factors(lons, lats).parallel_scale)
    k0 = float(np.asarray(p.get_factors(frame.lon_0, lat).parallel_scale))
    return float(np.max(np.abs(k / k0 - 1)))


def scale_bar(ax, frame: MapFrame, lang: str, s: float) -> tuple[Scale, list]:
    """A bar of a round length (about a fifth of the map's width) near the lower left,
    cut in four, with its labels on a white band; returns what it measures and its
    artists."""
    _ = translator(lang)
    x0, y0, x1, y1 = frame.bounds
    w = x1 - x0
    pt = frame.m_per_pt
    bx, by = x0 + 14 * s * pt, y0 + 22 * s * pt
    per_m = ground_m(frame, bx, by, 0.2 * w) / (0.2 * w)  # ground metres per map metre
    km = max(k for k in NICE_KM if k * 1000 <= 0.22 * w * per_m)
    length = km * 1000 / per_m
    length = km * 1000 / (ground_m(frame, bx, by, length) / length)  # once more, exact
    lat = float(frame.inv(bx + length / 2, by)[1])
    h = 3.2 * s * pt
    artists = [ax.add_artist(Rectangle((bx + i * length / 4, by), length / 4, h,
                                      facecolor=INK if i % 2 == 0 else "white",
                                      edgecolor=INK, linewidth=0.5 * s, zorder=LABELS_Z + 1))
               for i in range(4)]
    fp = props(6.5 * s)
    for frac, value in ((0, "0"), (0.5, _.num(km / 2, 0 if km >= 2 else 1)),
                        (1, km_text(km, 0, lang=lang))):
        artists.append(ax.add_artist(text(bx + frac * length, by + h + 1.5 * s * pt, value,
                                          fp, ha="center", va="bottom", color=INK,
                                          zorder=LABELS_Z + 1)))
    artists.append(ax.add_artist(text(bx, by - 1.8 * s * pt, _("Scale true at {lat}",
                                      lat=degrees(lat, "lat", lang, 1)), props(5.8 * s),
                                      ha="left", va="top", color=INK, zorder=LABELS_Z + 1)))
    band = Rectangle((bx - 5 * s * pt, by - 11 * s * pt), length + 14 * s * pt, 28 * s * pt,
                     facecolor="white", alpha=0.8, edgecolor="none", zorder=LABELS_Z + 0.5)
    artists.append(ax.add_artist(band))
    return Scale(km, lat, scale_spread(frame, lat)), artists


def north_arrow(ax, frame: MapFrame, lang: str, s: float) -> tuple[float, list]:
    """An arrow along the meridian through its foot, near the upper left, with the letter
    N; returns its angle from the page's vertical (degrees, east positive)."""
    _ = translator(lang)
    x0, y0, x1, y1 = frame.bounds
    pt = frame.m_per_pt
    fx, fy = x0 + 24 * s * pt, y1 - 46 * s * pt
    lon, lat = frame.inv(fx, fy)
    nx, ny = frame.fwd(lon, lat + 0.05)
    angle = math.atan2(nx - fx, ny - fy)
    length, half = 26 * s * pt, 6 * s * pt
    ux, uy = math.sin(angle), math.cos(angle)
    tip = (fx + ux * length, fy + uy * length)
    left = (fx - uy * half, fy + ux * half)
    right = (fx + uy * half, fy - ux * half)
    notch = (fx + ux * length * 0.28, fy + uy * length * 0.28)
    artists = [ax.add_artist(MplPolygon([tip, left, notch], closed=True, facecolor=INK,
                                       edgecolor=INK, linewidth=0.6 * s, zorder=LABELS_Z + 1)),
               ax.add_artist(MplPolygon([tip, right, notch], closed=True, facecolor="white",
                                       edgecolor=INK, linewidth=0.6 * s, zorder=LABELS_Z + 1))]
    # i18n: the north arrow's letter
    for letter in haloed(tip[0] + ux * 4 * s * pt, tip[1] + uy * 4 * s * pt, _("N"),
                         props(9 * s, "bold"), 2.4 * s, ha="center", va="bottom", color=INK,
                         rotation=-math.degrees(angle), rotation_mode="anchor",
                         zorder=LABELS_Z + 1):
        artists.append(ax.add_artist(letter))
    return math.degrees(angle), artists


def _step(span: float) -> int:
    return next((d for d in STEPS_DEG if span / d <= 6), STEPS_DEG[-1])


def graticule(ax, frame: MapFrame, lang: str, s: float, renderer, avoid: list[Bbox]) -> list:
    """Meridians and parallels under the land, each named where it leaves the map by its
    lower edge (meridians) or its left edge (parallels), unless the name would touch a box
    of ``avoid`` (the scale bar, the north arrow: renderer pixels)."""
    lon0, lat0, lon1, lat1 = frame.lonlat_box(0.0)
    x0, y0, x1, y1 = frame.bounds
    step = _step(max(lon1 - lon0, lat1 - lat0))
    pt = frame.m_per_pt
    fp, out = props(5.8 * s), []
    for axis, start, stop, lo, hi in (("lon", lon0, lon1, lat0, lat1),
                                      ("lat", lat0, lat1, lon0, lon1)):
        for v in range(int(math.ceil(start / step)) * step, int(stop) + 1, step):
            t = np.linspace(lo - 1, hi + 1, 200)
            lons, lats = (np.full_like(t, v), t) if axis == "lon" else (t, np.full_like(t, v))
            xs, ys = frame.fwd(lons, lats)
            out += ax.plot(xs, ys, color=GRID, linewidth=0.35 * s, zorder=LAND_Z - 1)
            line = shapely.LineString(np.column_stack([xs, ys]))
            edge = (shapely.LineString([(x0, y0), (x1, y0)]) if axis == "lon"
                    else shapely.LineString([(x0, y0), (x0, y1)]))
            hit = line.intersection(edge)
            if hit.is_empty or hit.geom_type != "Point":
                continue
            if axis == "lon":
                where = dict(x=hit.x, y=y0 + 3 * s * pt, ha="center", va="bottom")
            else:
                where = dict(x=x0 + 3 * s * pt, y=hit.y, ha="left", va="center")
            x, y = where.pop("x"), where.pop("y")
            pair = haloed(x, y, degrees(v, axis, lang), fp, 2.0 * s, color="#4A5560",
                          zorder=LABELS_Z + 1, **where)
            for a in pair:
                ax.add_artist(a)
            if any(pair[1].get_window_extent(renderer).overlaps(b) for b in avoid):
                for a in pair:
                    a.remove()
            else:
                out += pair
    return out


def boxes(artists, renderer) -> list[Bbox]:
    """The artists' boxes in the renderer's pixels (what labels must not touch)."""
    return [a.get_window_extent(renderer) for a in artists
            if a.get_visible() and not hasattr(a, "get_xydata")]

