"""An approximate equidistance (median line) division of the sea, per scenario.

For each sovereignty scenario the sea within ``limit_nm`` (200 nautical
miles) of Japanese- or Russian-held land is split by equidistance: every sea
point goes to the state whose land is nearer. The result is an illustration
of the method, **not a legal boundary**: no baselines, no weight for small
islands, no agreed lines, no third states, and the coasts are those of the
shipped layers. The computation on the plane is :mod:`geo.analysis.equidistance`; the
projection, the error bound and the region are explained in docs/method/median-line.md. Pure Python (no streamlit); results are cached.
"""
from __future__ import annotations

import math
from functools import lru_cache

import shapely
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from geo.data.gazetteer import LAND_KINDS
from geo.data.layers import Atlas
from geo.analysis.equidistance import (CENTRE, LIMIT_NM, NM_M, REGION, RESOLUTION_M, Division,
                                       Region, divide_plane, finish, land_parts, land_reach,
                                       region_key, region_polygon, sea_plane, to_plane)
from geo.views.catalog import View, holder_of, view as view_of
from geo.views.present import BASELINE, STATES


def _reach_lonlat(region: Region, limit_nm: float) -> Polygon:
    """A lon/lat box safely containing all land within ``limit_nm`` of the region."""
    lon0, lat0, lon1, lat1 = region
    km = limit_nm * NM_M / 1000 * 1.05 + 10
    dlat = km / 110.5
    top = min(89.0, max(abs(lat0), abs(lat1)) + dlat)
    dlon = min(180.0, km / (111.3 * math.cos(math.radians(top))))
    return box(lon0 - dlon, lat0 - dlat, lon1 + dlon, lat1 + dlat)


def _land_geometry(atlas: Atlas, fid: str) -> BaseGeometry:
    if fid in atlas.land.geoms:
        return atlas.land.geoms[fid]
    return atlas.display.geoms[fid]  # context land: display resolution only


def holders(view: View, atlas: Atlas, *, region: Region | None = REGION,
            limit_nm: float = LIMIT_NM) -> dict[str, str]:
    """Land feature id -> 'JPN' | 'RUS' under the view, for the land that matters.

    All land features of the layer (Hokkaido, Honshu, Sakhalin, Urup, the
    northern Kurils, Kamchatka, Primorye, ...) held by Japan or Russia, the
    four islands and the Habomai islets as the scenario says
    (:func:`geo.views.present.holder_of`: the islets follow the Habomai group), and
    the context land of the display layer ('land-jpn', 'land-rus'). With a
    region, only land that may lie within ``limit_nm`` of it is kept. Sorted
    by id.
    """
    gaz = atlas.gaz
    out: dict[str, str] = {}
    for fid in atlas.land.geoms:
        if gaz.get(fid).kind not in LAND_KINDS:
            continue
        h = holder_of(view, gaz, fid)
        if h in STATES:
            out[fid] = h
    for fid, props in atlas.display.props.items():
        if props.get("kind") == "context" and props.get("country") in STATES:
            out[fid] = props["country"]
    if region is not None:
        reach = _reach_lonlat(region_key(region), limit_nm)
        out = {f: h for f, h in out.items() if _land_geometry(atlas, f).intersects(reach)}
    return dict(sorted(out.items()))


# The steps below are cached by the atlas itself (an Atlas is equal only to itself), so
# a changed layer or gazetteer, which load_atlas reads into a new Atlas, is computed anew.

@lru_cache(maxsize=64)
def _feature_plane(atlas: Atlas, fid: str, region: Region | None, limit_nm: float,
                   resolution_m: float) -> tuple[BaseGeometry, ...]:
    """A land feature on the plane, holes filled, cut to the reach of the region."""
    geom = _land_geometry(atlas, fid)
    if region is not None:  # a cheap, generous cut in lon/lat before projecting
        geom = shapely.intersection(geom, _reach_lonlat(region, limit_nm))
    parts = [p for p in shapely.get_parts(land_parts(to_plane(geom))) if not p.is_empty]
    if region is not None and parts:
        reach = _reach_plane(region, limit_nm, resolution_m)
        parts = [q for q in shapely.get_parts(shapely.intersection(parts, reach))
                 if not q.is_empty and q.geom_type == "Polygon"]
    return tuple(parts)


@lru_cache(maxsize=8)
def _reach_plane(region: Region, limit_nm: float, resolution_m: float) -> BaseGeometry:
    return land_reach(to_plane(region_polygon(region)), limit_nm * NM_M, resolution_m)


def _plane_land(atlas: Atlas, ids: tuple[str, ...], region: Region | None,
                limit_nm: float, resolution_m: float) -> BaseGeometry:
    """The features' land on the plane as one collection (not unioned: they are disjoint)."""
    parts = [p for f in ids for p in _feature_plane(atlas, f, region, limit_nm, resolution_m)]
    return shapely.GeometryCollection(parts)


@lru_cache(maxsize=8)
def _plane_sea(atlas: Atlas, ids: tuple[str, ...], region: Region | None,
               limit_nm: float, resolution_m: float) -> BaseGeometry:
    """The sea is computed from all the land, whoever holds it: the same in every scenario."""
    land = _plane_land(atlas, ids, region, limit_nm, resolution_m)
    region_p = to_plane(region_polygon(region)) if region is not None else None
    return sea_plane(land, limit_nm * NM_M, region_p)


@lru_cache(maxsize=16)
def _division_cached(atlas: Atlas, jpn: tuple[str, ...], rus: tuple[str, ...],
                     region: Region | None, limit_nm: float, resolution_m: float) -> Division:
    all_ids = tuple(sorted(jpn + rus))
    sea = _plane_sea(atlas, all_ids, region, limit_nm, resolution_m)
    lj = _plane_land(atlas, jpn, region, limit_nm, resolution_m)
    lr = _plane_land(atlas, rus, region, limit_nm, resolution_m)
    zj, zr, line = divide_plane(lj, lr, sea, resolution_m)
    return finish(zj, zr, line, limit_nm=limit_nm, resolution_m=resolution_m, region=region,
                   centre=CENTRE)


def scenario_division(atlas: Atlas, view: View, *, region: Region | None = REGION,
                      limit_nm: float = LIMIT_NM,
                      resolution_m: float = RESOLUTION_M) -> Division:
    """The median-line division of the sea under a view (cached per holders: views that
    give each state the same land share one division)."""
    region = region_key(region)
    hs = holders(view, atlas, region=region, limit_nm=limit_nm)
    jpn = tuple(f for f, h in hs.items() if h == "JPN")
    rus = tuple(f for f, h in hs.items() if h == "RUS")
    return _division_cached(atlas, jpn, rus, region, float(limit_nm),
                            float(resolution_m))


def gains_vs_today(atlas: Atlas, view: View, **kw) -> dict[str, float]:
    """Sea area (km²) each state gains (positive) or loses against today.

    The sea within the limit is the same in every scenario (the same land),
    so what one state gains the other loses.
    """
    now = scenario_division(atlas, view, **kw)
    base = scenario_division(atlas, view_of(BASELINE), **kw)
    return {s: now.areas_km2[s] - base.areas_km2[s] for s in STATES}

