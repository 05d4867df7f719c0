"""The historical map's geometry, computed from the shipped layers, never drawn by hand:
which map features each holder key of :mod:`geo.data.events` covers, Sakhalin cut at
50°N (:func:`sakhalin_split`) and the treaty boundary lines (:func:`treaty_lines`).
How each line is constructed: docs/method/treaty-lines.md.
"""
from __future__ import annotations

from functools import lru_cache

import shapely
from shapely.geometry import LineString, MultiPolygon, box
from shapely.geometry.base import BaseGeometry

from geo.data.events import (HOLDER_KEYS, PORTSMOUTH_LATITUDE, SAKHALIN, SAKHALIN_NORTH,
                             SAKHALIN_SOUTH, TREATY_LINES)
from geo.data.gazetteer import Gazetteer, load_gazetteer
from geo.data.layers import Atlas
from geo.measure import DENSIFY_DEGREES, GEOD, narrows, parts

BISECTOR_HALF_KM = 60.0


# --- map features ------------------------------------------------------------------

def _key_features(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for key in HOLDER_KEYS:
        if key in (SAKHALIN_SOUTH, SAKHALIN_NORTH):
            out[key] = (key,)
            continue
        ids = [key] + [m for m in gaz.members(key) if m != key]
        out[key] = tuple(dict.fromkeys(ids))
    return out


def feature_holders(holders: dict[str, str], gazetteer: Gazetteer | None = None
                    ) -> dict[str, str]:
    """Holder of each map feature for a holders dict (from ``holders_at``).

    Keys are gazetteer ids (etorofu, kunashiri, shikotan, the habomai group and
    each of its islets, urup, kuril-north) plus ``sakhalin-south`` and
    ``sakhalin-north``, the halves of the ``sakhalin`` feature given by
    :func:`sakhalin_split` (``sakhalin`` itself is not listed: draw its halves).
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    unknown = set(holders) - set(HOLDER_KEYS)
    if unknown:
        raise KeyError(f"unknown holder keys: {', '.join(sorted(unknown))}")
    out: dict[str, str] = {}
    for key, fids in _key_features(gaz).items():
        if key in holders:
            for fid in fids:
                out[fid] = holders[key]
    return out


# --- geometry: Sakhalin at 50°N -----------------------------------------------------

def _polygonal(geom: BaseGeometry) -> MultiPolygon:
    """The polygons of a geometry (collections flattened, lines and points dropped)."""
    return MultiPolygon(parts(geom, "Polygon"))


def _split(geom: BaseGeometry, lat: float) -> tuple[MultiPolygon, MultiPolygon]:
    # Edges are straight in lon/lat (RFC 7946); densify so the cut along the
    # parallel stays on it when measured on the ellipsoid.
    g = shapely.segmentize(geom, DENSIFY_DEGREES)
    minx, miny, maxx, maxy = g.bounds
    south = g.intersection(box(minx - 1, miny - 1, maxx + 1, lat))
    north = g.intersection(box(minx - 1, lat, maxx + 1, maxy + 1))
    return (_polygonal(shapely.normalize(shapely.segmentize(south, DENSIFY_DEGREES))),
            _polygonal(shapely.normalize(shapely.segmentize(north, DENSIFY_DEGREES))))


def sakhalin_split(atlas: Atlas, display: bool = False) -> tuple[MultiPolygon, MultiPolygon]:
    """(south, north): the Sakhalin feature cut at 50°N (the 1905 boundary).

    From the full-resolution land layer, or its display copy if ``display``.
    """
    return _sakhalin_split(atlas, bool(display))


@lru_cache(maxsize=8)
def _sakhalin_split(atlas: Atlas, display: bool) -> tuple[MultiPolygon, MultiPolygon]:
    layer = atlas.display if display else atlas.land
    return _split(layer.geoms[SAKHALIN], PORTSMOUTH_LATITUDE)


def holder_geometries(atlas: Atlas, display: bool = False) -> dict[str, BaseGeometry]:
    """Geometry of every id :func:`feature_holders` returns (display copy if asked)."""
    layer = atlas.display if display else atlas.land
    south, north = sakhalin_split(atlas, display=display)
    out: dict[str, BaseGeometry] = {}
    for fids in _key_features(atlas.gaz).values():
        for fid in fids:
            if fid == SAKHALIN_SOUTH:
                out[fid] = south
            elif fid == SAKHALIN_NORTH:
                out[fid] = north
            elif fid in layer.geoms:
                out[fid] = layer.geoms[fid]
            else:  # a group (the Habomai): the union of its members
                members = [layer.geoms[m] for m in atlas.gaz.members(fid) if m in layer.geoms]
                out[fid] = shapely.union_all(members)
    return out


# --- treaty boundary lines ----------------------------------------------------------

def _geodesic_line(lon: float, lat: float, azimuth: float, half_km: float,
                   step_km: float = 1.0) -> LineString:
    """A geodesic of length 2·half_km centred on (lon, lat), along ``azimuth``."""
    a_lon, a_lat, _ = GEOD.fwd(lon, lat, azimuth + 180.0, half_km * 1000.0)
    b_lon, b_lat, _ = GEOD.fwd(lon, lat, azimuth, half_km * 1000.0)
    n = max(1, round(2 * half_km / step_km)) - 1
    mids = GEOD.npts(a_lon, a_lat, b_lon, b_lat, n) if n > 0 else []
    pts = [(float(a_lon), float(a_lat)), *[(float(x), float(y)) for x, y in mids],
           (float(b_lon), float(b_lat))]
    return LineString(pts)


def _bisector(a: BaseGeometry, b: BaseGeometry, half_km: float
              ) -> tuple[LineString, dict]:
    n = narrows(a, b)
    if n.km == 0:
        raise ValueError("the two coasts touch: no narrows to bisect")
    mid = n.midpoint
    az_to_end, _, _ = GEOD.inv(*mid, *n.end)
    line = _geodesic_line(mid[0], mid[1], az_to_end + 90.0, half_km)
    return line, {"narrows_km": round(n.km, 3), "narrows_start": list(n.start),
                  "narrows_end": list(n.end), "midpoint": list(mid)}


def _parallel_across(geom: BaseGeometry, lat: float) -> LineString:
    minx, _, maxx, _ = geom.bounds
    crossing = LineString([(minx - 1, lat), (maxx + 1, lat)]).intersection(geom)
    if crossing.is_empty:
        raise ValueError(f"the parallel {lat} does not cross the feature")
    x0, _, x1, _ = crossing.bounds
    return shapely.segmentize(LineString([(x0, lat), (x1, lat)]), DENSIFY_DEGREES)


@lru_cache(maxsize=16)
def _line(atlas: Atlas, line_id: str) -> tuple[tuple[tuple[str, object], ...], LineString]:
    spec = TREATY_LINES[line_id]
    land = atlas.land.geoms
    extra: dict = {}
    if line_id == "shimoda-1855":
        # the strait's own narrows (the layer's line between Etorofu and Urup)
        strait = atlas.straits.geoms["vries-strait"]
        a_id, b_id = atlas.straits.props["vries-strait"]["between"]
        line, extra = _bisector(land[a_id], land[b_id], BISECTOR_HALF_KM)
        extra["strait"] = "vries-strait"
        extra["strait_line"] = [list(c) for c in strait.coords]
        extra["between"] = [a_id, b_id]
    elif line_id == "saint-petersburg-1875":
        line, extra = _bisector(land["kuril-north"], land["kamchatka"], BISECTOR_HALF_KM)
        extra["between"] = ["kuril-north", "kamchatka"]
    elif line_id == "portsmouth-1905":
        line = _parallel_across(land[SAKHALIN], PORTSMOUTH_LATITUDE)
        extra["latitude"] = PORTSMOUTH_LATITUDE
        extra["between"] = [SAKHALIN_SOUTH, SAKHALIN_NORTH]
    else:  # pragma: no cover - TREATY_LINES is closed
        raise KeyError(line_id)
    length = GEOD.geometry_length(line) / 1000.0
    props = {"id": line_id, "title": spec.title, "event": spec.event,
             "description": spec.description, "method": spec.method,
             "sides": list(spec.sides), "length_km": round(length, 2), **extra}
    return tuple(props.items()), line


def treaty_line(atlas: Atlas, line_id: str) -> tuple[dict, LineString]:
    """(properties, LineString in lon/lat) of one treaty line of :data:`TREATY_LINES`."""
    if line_id not in TREATY_LINES:
        raise KeyError(f"unknown treaty line '{line_id}' (known: {', '.join(TREATY_LINES)})")
    items, line = _line(atlas, line_id)
    return dict(items), line


def treaty_lines(atlas: Atlas) -> dict[str, tuple[dict, LineString]]:
    """Every treaty line: {line id: (properties, LineString)}, computed from the layers.

    Properties: id, title, event (the treaty's event id), description, method,
    sides (holder keys it separates), length_km and what it was computed from.
    """
    return {lid: treaty_line(atlas, lid) for lid in TREATY_LINES}
