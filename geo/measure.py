"""Geodesic measures on the WGS84 ellipsoid: every figure the app shows comes from here
(areas, distances and the narrows, the shortest line between two coasts), computed on
the ellipsoid with :class:`pyproj.Geod`, never in planar degrees. How the narrows are
searched and why the figures are exact enough: docs/method/measures.md.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from pyproj.enums import TransformDirection
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

GEOD = Geod(ellps="WGS84")
WGS84 = CRS.from_epsg(4326)
DENSIFY_DEGREES = 0.01


def area_km2(geom: BaseGeometry) -> float:
    """Geodesic area of a (multi)polygon in lon/lat, in km², holes excluded.

    The sign pyproj gives depends on ring orientation; each polygon is
    oriented first so the result is always the positive area.
    """
    if geom.is_empty:
        return 0.0
    oriented = shapely.orient_polygons(geom)
    area, _ = GEOD.geometry_area_perimeter(oriented)
    return abs(area) / 1e6


def fill_holes(geom: BaseGeometry) -> BaseGeometry:
    """The polygon(s) without holes: land plus inland water (lakes, lagoons)."""
    if geom.geom_type == "Polygon":
        return Polygon(geom.exterior)
    if geom.geom_type == "MultiPolygon":
        return shapely.union_all([Polygon(p.exterior) for p in geom.geoms])
    raise TypeError(f"expected a polygon, got {geom.geom_type}")


def gross_area_km2(geom: BaseGeometry) -> float:
    """Geodesic area including inland water (holes filled), in km².

    Official island areas, such as the Japanese survey's, include lakes.
    """
    return area_km2(fill_holes(geom))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between two (lon, lat) points, in km."""
    _, _, metres = GEOD.inv(a[0], a[1], b[0], b[1])
    return metres / 1000.0


def parts(geom: BaseGeometry, geom_type: str) -> list[BaseGeometry]:
    """The non-empty parts of ``geom`` of one type ("Polygon", "LineString", "Point"),
    in order, collections and multi-geometries flattened at any depth."""
    out: list[BaseGeometry] = []
    for g in shapely.get_parts(geom):
        if g.geom_type == geom_type:
            if not g.is_empty:
                out.append(g)
        elif hasattr(g, "geoms"):
            out.extend(parts(g, geom_type))
    return out


def connected_groups(geoms: Sequence[BaseGeometry], predicate: str = "intersects",
                     distance: float | None = None) -> list[list[int]]:
    """Indices of ``geoms`` in connected groups: two are connected when they satisfy the
    STRtree ``predicate`` (``"dwithin"`` takes ``distance``, in the geometries' units).
    Each group in index order, the groups in order of their first index."""
    tree = shapely.STRtree(geoms)
    root = list(range(len(geoms)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    left, right = tree.query(geoms, predicate=predicate, distance=distance)
    for i, j in zip(left.tolist(), right.tolist()):
        a, b = find(i), find(j)
        if a != b:
            root[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(geoms)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def project(geom: BaseGeometry, transform: Callable) -> BaseGeometry:
    """``geom`` with every coordinate passed through ``transform(x, y) -> (x, y)``, e.g.
    a :class:`pyproj.Transformer`'s ``transform`` or :func:`aeqd`'s inverse."""
    return shapely.transform(geom, transform, interleaved=False)


@lru_cache(maxsize=256)
def aeqd(lon: float, lat: float) -> tuple[Callable, Callable]:
    """(forward, inverse): lon/lat (WGS 84) to an azimuthal equidistant projection
    centred on (lon, lat), in metres, and back, each ``f(x, y) -> (x, y)``. Built as a
    PROJ pipeline: the same operation that ``Transformer.from_crs`` finds for these
    CRSs, without its ~20 ms database search."""
    t = Transformer.from_pipeline(
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
        f"+step +proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84")
    return t.transform, partial(t.transform, direction=TransformDirection.INVERSE)


@dataclass(frozen=True)
class Narrows:
    """The shortest line between two geometries and its geodesic length."""

    start: tuple[float, float]  # (lon, lat) on the first geometry
    end: tuple[float, float]  # (lon, lat) on the second geometry
    km: float

    @property
    def line(self) -> LineString:
        return LineString([self.start, self.end])

    @property
    def midpoint(self) -> tuple[float, float]:
        azimuth, _, metres = GEOD.inv(*self.start, *self.end)
        lon, lat, _ = GEOD.fwd(*self.start, azimuth, metres / 2)
        return (float(lon), float(lat))


def _round_centre(lon: float, lat: float) -> tuple[float, float]:
    # Rounded so the projection cache is reused and results are reproducible.
    return (round(lon, 3), round(lat, 3))


KM_PER_DEGREE_LAT_MIN = 110.57  # a degree of latitude is at least this long (at the equator)


def _near(g: BaseGeometry, other: BaseGeometry, km: float) -> BaseGeometry:
    """The part of ``g`` inside ``other``'s bounding box grown by ``km`` (and a 10%
    margin): no point of ``g`` outside it is within ``km`` of ``other``. Clipping
    keeps the cut edges' end points on the original outline."""
    minx, miny, maxx, maxy = other.bounds
    dlat = 1.1 * km / KM_PER_DEGREE_LAT_MIN + 1e-6
    top = min(89.0, max(abs(miny), abs(maxy)) + dlat)
    dlon = 1.1 * km / (KM_PER_DEGREE_LAT_MIN * np.cos(np.radians(top))) + 1e-6
    box = (minx - dlon, miny - dlat, maxx + dlon, maxy + dlat)
    gx0, gy0, gx1, gy1 = g.bounds
    if gx0 >= box[0] and gy0 >= box[1] and gx1 <= box[2] and gy1 <= box[3]:
        return g  # already inside
    part = shapely.clip_by_rect(g, *box)
    return g if part.is_empty else part


def narrows(a: BaseGeometry, b: BaseGeometry, *, iterations: int = 3) -> Narrows:
    """Shortest line between geometries ``a`` and ``b`` (lon/lat).

    The line is searched in an azimuthal equidistant projection centred on
    the current best guess, re-centred until it stops moving; the reported
    length is the geodesic distance between the two end points.
    """
    if a.is_empty or b.is_empty:
        raise ValueError("narrows needs two non-empty geometries")
    if a.intersects(b):
        p = shapely.shortest_line(a, b).coords[0]
        return Narrows(start=p, end=p, km=0.0)
    # Only the parts of each geometry that can hold the nearest points: within the
    # first guess's length of the other (an upper bound of the answer).
    guess = shapely.shortest_line(a, b)  # planar in degrees: only a first guess
    bound = distance_km(*guess.coords)
    a, b = _near(a, b, bound), _near(b, a, bound)
    # RFC 7946 edges are straight in lon/lat; densify so that they stay so,
    # to within centimetres, once projected.
    a = shapely.segmentize(a, DENSIFY_DEGREES)
    b = shapely.segmentize(b, DENSIFY_DEGREES)
    centre = _round_centre(*guess.interpolate(0.5, normalized=True).coords[0])
    best: Narrows | None = None
    for _ in range(iterations):
        fwd, inv = aeqd(*centre)
        pa = project(a, fwd)
        pb = project(b, fwd)
        line = shapely.shortest_line(pa, pb)
        (x0, y0), (x1, y1) = line.coords
        start = inv(x0, y0)
        end = inv(x1, y1)
        start = (float(start[0]), float(start[1]))
        end = (float(end[0]), float(end[1]))
        cand = Narrows(start=start, end=end, km=distance_km(start, end))
        if best is not None and cand.start == best.start and cand.end == best.end:
            break
        if best is None or cand.km <= best.km:
            best = cand
        centre = _round_centre((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    assert best is not None
    return best


def point_distance_km(point: tuple[float, float], geom: BaseGeometry) -> float:
    """Geodesic distance from a (lon, lat) point to the nearest part of ``geom``."""
    return narrows(Point(point), geom).km


def max_deviation_m(original: BaseGeometry, simplified: BaseGeometry) -> float:
    """Largest distance in metres between the two outlines (Hausdorff distance).

    Computed in an azimuthal equidistant projection centred on the
    geometry, which is accurate to well under 1% over a few hundred km.
    """
    if original.is_empty:
        return 0.0
    c = original.representative_point()
    fwd, _ = aeqd(*_round_centre(c.x, c.y))
    po = project(original.boundary, fwd)
    ps = project(simplified.boundary, fwd)
    return float(shapely.hausdorff_distance(po, ps))
