"""Equidistance on the plane: the sea within a limit of two lands split so that every
sea point goes to the nearer land (:func:`median_line_division`), in a Lambert azimuthal
equal-area projection. Any two lands: the scenarios of the shipped atlas are
:mod:`geo.analysis.median_line`. The projection, the error bound and the sampling are
explained in docs/method/median-line.md.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import MultiLineString, MultiPoint, Polygon, box
from shapely.geometry.base import BaseGeometry
from geo.measure import DENSIFY_DEGREES, parts, project

NM_M = 1852.0  # one international nautical mile, in metres
LIMIT_NM = 200.0
CENTRE = (146.0, 44.5)  # (lon, lat) of the projection's centre
REGION = (139.0, 40.0, 156.0, 50.0)  # (lon_min, lat_min, lon_max, lat_max)
RESOLUTION_M = 2000.0  # maximum spacing of the coast samples
BACK_DENSIFY_M = 1000.0  # planar edges densified before projecting back
QUAD_SEGS = 64  # 256 segments per circle: within 28 m of a true 200-nm circle

Region = tuple[float, float, float, float]


# --- projection -----------------------------------------------------------------

@lru_cache(maxsize=16)
def _laea(lon: float, lat: float) -> tuple[Transformer, Transformer]:
    crs = CRS.from_proj4(f"+proj=laea +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    wgs84 = CRS.from_epsg(4326)
    return (Transformer.from_crs(wgs84, crs, always_xy=True),
            Transformer.from_crs(crs, wgs84, always_xy=True))


def to_plane(geom: BaseGeometry, centre: tuple[float, float] = CENTRE) -> BaseGeometry:
    """Project lon/lat geometry to the LAEA plane (metres), edges densified first."""
    if geom.is_empty:
        return geom
    return project(shapely.segmentize(geom, DENSIFY_DEGREES), _laea(*centre)[0].transform)


def to_lonlat(geom: BaseGeometry, centre: tuple[float, float] = CENTRE) -> BaseGeometry:
    """Project planar geometry back to lon/lat, edges densified to 1 km first."""
    if geom.is_empty:
        return geom
    return project(shapely.segmentize(geom, BACK_DENSIFY_M), _laea(*centre)[1].transform)


def planar_area_km2(geom: BaseGeometry) -> float:
    """Area of planar (LAEA, equal-area) geometry in km²."""
    return float(geom.area) / 1e6 if not geom.is_empty else 0.0


def region_polygon(region: Region) -> Polygon:
    """The lon/lat box of a region (its edges follow parallels and meridians)."""
    lon0, lat0, lon1, lat1 = region
    if not (lon0 < lon1 and lat0 < lat1):
        raise ValueError(f"region {region!r} must be (lon_min, lat_min, lon_max, lat_max)")
    return box(lon0, lat0, lon1, lat1)


def region_key(region: Region | None) -> Region | None:
    return None if region is None else tuple(float(v) for v in region)  # type: ignore[return-value]


# --- the result -----------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Division:
    """The sea within the limit split between two states by equidistance.

    ``zones`` and ``boundary`` are in lon/lat; ``areas_km2`` (per state) and
    ``sea_km2`` (their sum: all the sea within the limit, in the region) are
    ellipsoidal areas computed in the equal-area projection.
    """

    zones: Mapping[str, BaseGeometry]
    boundary: MultiLineString
    areas_km2: Mapping[str, float]
    sea_km2: float
    limit_nm: float
    resolution_m: float
    region: Region | None
    centre: tuple[float, float]
    planar_zones: Mapping[str, BaseGeometry] = field(repr=False)

    @property
    def line_error_m(self) -> float:
        """Bound on the line's displacement where the two coasts face each other."""
        return self.resolution_m / 4


# --- the computation on the plane ---------------------------------------------------

def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The polygon parts of ``geom``, holes filled (lakes are not sea)."""
    polys = [Polygon(p.exterior) for p in parts(geom, "Polygon")]
    return shapely.union_all(polys) if polys else Polygon()


def _coast_samples(land: BaseGeometry, spacing_m: float) -> np.ndarray:
    """Sorted unique points along the coasts of planar ``land``, at most ``spacing_m`` apart.

    Polygons contribute their exteriors; lines and points (zero-area land)
    contribute themselves.
    """
    if land.is_empty:
        return np.empty((0, 2))
    pieces = []
    for part in shapely.get_parts(land):
        if part.geom_type == "Polygon":
            pieces.append(part.exterior)
        elif not part.is_empty:
            pieces.append(part)
    coords = shapely.get_coordinates(shapely.segmentize(np.asarray(pieces, dtype=object),
                                                        spacing_m))
    # rounded to the metre: near-coincident samples make degenerate Voronoi cells
    return np.unique(np.round(coords, 0), axis=0)


def land_parts(land: BaseGeometry) -> BaseGeometry:
    """Planar land as it takes part in the buffer: polygons, or lines/points as given."""
    parts = [p for p in shapely.get_parts(land) if not p.is_empty]
    polys = [Polygon(p.exterior) for p in parts if p.geom_type == "Polygon"]
    others = [p for p in parts if p.geom_type != "Polygon"]
    return shapely.union_all(polys + others) if parts else Polygon()


def sea_plane(land: BaseGeometry, limit_m: float, region_p: BaseGeometry | None) -> BaseGeometry:
    """Planar sea within ``limit_m`` of ``land``, inside the region, land removed."""
    # buffering part by part and uniting is the same set, and far faster in GEOS
    parts = [p for p in shapely.get_parts(land) if not p.is_empty]
    zone = shapely.union_all(shapely.buffer(parts, limit_m, quad_segs=QUAD_SEGS))
    if region_p is not None:
        zone = shapely.intersection(zone, region_p)
    return shapely.make_valid(shapely.difference(zone, _polygonal(land)))


def land_reach(region_p: BaseGeometry, limit_m: float, spacing_m: float) -> BaseGeometry:
    """The land that can be nearest to a sea point of the region within the limit."""
    return shapely.buffer(region_p, limit_m + 2 * spacing_m, quad_segs=8)


def _union_cells(cells: np.ndarray) -> BaseGeometry:
    if len(cells) == 0:
        return Polygon()
    odd = shapely.get_type_id(cells) != 3  # a cell may come as a collection: keep its area
    if odd.any():
        cells = cells.copy()
        cells[odd] = [_polygonal_only(c) for c in cells[odd]]
    u = shapely.coverage_union_all(cells)
    if not u.is_valid:  # should not happen for a Voronoi diagram; be safe
        u = shapely.union_all(cells)
    return u


def divide_plane(land_j: BaseGeometry, land_r: BaseGeometry, sea: BaseGeometry,
                  spacing_m: float) -> tuple[BaseGeometry, BaseGeometry, BaseGeometry]:
    """(zone J, zone R, boundary) on the plane: each sea point to the nearer coast."""
    pj = _coast_samples(land_j, spacing_m)
    pr = _coast_samples(land_r, spacing_m)
    if len(pj) == 0 or len(pr) == 0:
        if len(pj) == 0 and len(pr) == 0:
            raise ValueError("median_line_division needs land for at least one state")
        whole, empty = sea, Polygon()
        return (whole, empty, MultiLineString()) if len(pr) == 0 else \
            (empty, whole, MultiLineString())
    pts = np.vstack([pj, pr])
    tags = np.concatenate([np.zeros(len(pj), bool), np.ones(len(pr), bool)])
    # a point both states share (touching land) is given to neither side twice
    _, first = np.unique(pts, axis=0, return_index=True)
    keep = np.sort(first)
    pts, tags = pts[keep], tags[keep]
    extent = shapely.buffer(shapely.envelope(shapely.union(sea, MultiPoint(pts))), 1000.0)
    diagram = shapely.voronoi_polygons(MultiPoint(pts), extend_to=extent, ordered=True)
    cells = np.asarray(shapely.get_parts(diagram))
    if len(cells) != len(pts):  # GEOS merged near-coincident samples: tag by location
        tree = shapely.STRtree(shapely.points(pts))
        idx = tree.query(cells, predicate="contains")
        cell_tag = np.zeros(len(cells), bool)
        cell_tag[idx[0]] = tags[idx[1]]
    else:
        cell_tag = tags
    uj = _union_cells(cells[~cell_tag])
    ur = _union_cells(cells[cell_tag])
    zone_j = shapely.make_valid(shapely.intersection(sea, uj))
    zone_j = _polygonal_only(zone_j)
    zone_r = _polygonal_only(shapely.make_valid(shapely.difference(sea, zone_j)))
    shared = shapely.intersection(uj.boundary, ur.boundary)
    lines = [g for g in shapely.get_parts(shared) if g.geom_type == "LineString"]
    line = shapely.line_merge(shapely.union_all(lines)) if lines else MultiLineString()
    line = shapely.intersection(line, sea)
    return zone_j, zone_r, _as_multilinestring(line)


def _polygonal_only(geom: BaseGeometry) -> BaseGeometry:
    polys = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else shapely.union_all(polys)


def _as_multilinestring(geom: BaseGeometry) -> MultiLineString:
    return MultiLineString(parts(geom, "LineString"))


def finish(zone_j: BaseGeometry, zone_r: BaseGeometry, line: BaseGeometry, *,
            limit_nm: float, resolution_m: float, region: Region | None,
            centre: tuple[float, float]) -> Division:
    a_j, a_r = planar_area_km2(zone_j), planar_area_km2(zone_r)
    return Division(
        zones=MappingProxyType({"JPN": to_lonlat(zone_j, centre),
                                "RUS": to_lonlat(zone_r, centre)}),
        boundary=_as_multilinestring(to_lonlat(line, centre)),
        areas_km2=MappingProxyType({"JPN": a_j, "RUS": a_r}),
        sea_km2=a_j + a_r, limit_nm=limit_nm, resolution_m=resolution_m, region=region,
        centre=centre, planar_zones=MappingProxyType({"JPN": zone_j, "RUS": zone_r}))


def median_line_division(jpn_land: BaseGeometry, rus_land: BaseGeometry, *,
                         limit_nm: float = LIMIT_NM, region: Region | None = None,
                         resolution_m: float = RESOLUTION_M,
                         centre: tuple[float, float] = CENTRE) -> Division:
    """Split the sea within ``limit_nm`` of either land by equidistance.

    ``jpn_land``/``rus_land`` are lon/lat geometries (polygons; points or
    lines count as land of zero area). ``region`` is an optional lon/lat box
    (lon_min, lat_min, lon_max, lat_max) the sea is restricted to; land
    farther than the limit from it is ignored. ``resolution_m`` is the
    maximum spacing of the coast samples: the line is within
    ``resolution_m / 4`` of the true equidistance line where the coasts face
    each other (see docs/method/median-line.md). Zones and line are in lon/lat,
    areas in km² (equal-area projection centred at ``centre``).
    """
    if limit_nm <= 0 or resolution_m <= 0:
        raise ValueError("limit_nm and resolution_m must be positive")
    region = region_key(region)
    limit_m = limit_nm * NM_M
    lj = land_parts(to_plane(jpn_land, centre))
    lr = land_parts(to_plane(rus_land, centre))
    region_p = None
    if region is not None:
        region_p = to_plane(region_polygon(region), centre)
        reach = land_reach(region_p, limit_m, resolution_m)
        lj, lr = shapely.intersection(lj, reach), shapely.intersection(lr, reach)
    sea = sea_plane(shapely.union(lj, lr), limit_m, region_p)
    zj, zr, line = divide_plane(lj, lr, sea, resolution_m)
    return finish(zj, zr, line, limit_nm=limit_nm, resolution_m=resolution_m, region=region,
                   centre=centre)
