"""The far context: land around the region, drawn only so that the map never shows where
the region was cut (the map keeps its view inside this wider frame, geo.map.display
``map_frame``). Coarse (it is seen at zoom 4 and 5 only), never measured, two features:
Russia (tinted as Russia's land is) and every other country (grey, no borders drawn).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from geo.build.layers import DISPLAY_DIGITS
from geo.build.source import BBOX, read_raw, within
from geo.measure import area_km2

# From the Gulf of Thailand's latitude to the Arctic circle, from Myanmar to the
# antimeridian: at zoom 4 it fills a map 900 px wide and 830 px high.
WIDE_BBOX = (100.0, 15.0, 179.5, 66.0)
WIDE_TOLERANCE = 0.08  # degrees (Visvalingam-Whyatt, as the display copy)
WIDE_DIGITS = 3
WIDE_MIN_KM2 = 100.0  # smaller islands of the far context are left out
WIDE_IDS = {"RUS": "wide-rus", None: "wide-other"}


def _polygons(geoms) -> list[Polygon]:
    """Every polygon inside (multi)polygons and collections, holes filled (no inland
    water is drawn)."""
    out = []
    for g in geoms:
        for p in shapely.get_parts(g):
            if p.geom_type == "Polygon" and not p.is_empty:
                out.append(Polygon(p.exterior))
            elif p.geom_type in ("MultiPolygon", "GeometryCollection"):
                out.extend(_polygons([p]))
    return out


def wide_context(source: Path, inner: tuple = BBOX, frame: tuple = WIDE_BBOX, raw=None
                 ) -> dict[str, MultiPolygon]:
    """The land of ``frame`` outside ``inner`` (drawn there by the display copy), as
    {'wide-rus': ..., 'wide-other': ...}; ``raw``: the source as already read over a box
    containing ``frame`` (else it is read)."""
    gdf = read_raw(source, frame) if raw is None else within(raw, source, frame)
    cut = []
    for code, g in zip(gdf["A3"], gdf.geometry.values):
        # cut first: repairing a continent whole takes minutes
        g = shapely.make_valid(shapely.clip_by_rect(g, *frame))
        cut.append((code, _polygons([g])))
    outside = box(*inner)
    groups = {}
    for key in WIDE_IDS:
        polys = [p for code, ps in cut for p in ps if (code == "RUS") == (key == "RUS")]
        merged = shapely.union_all(polys).difference(outside)
        # inland water filled (an island in a lake becomes part of the land around it)
        groups[WIDE_IDS[key]] = shapely.union_all(_polygons([merged]))
    # One coverage (no overlap, shared edges kept through the simplification): Russia's
    # land taken out of the other's, whose filled lakes might have covered some of it.
    groups["wide-other"] = groups["wide-other"].difference(groups["wide-rus"])
    ids = sorted(k for k, g in groups.items() if not g.is_empty)
    if not ids:  # no land around the region
        return {}
    simp = shapely.coverage_simplify(np.array([groups[i] for i in ids], dtype=object),
                                     WIDE_TOLERANCE)
    out = {}
    for fid, g in zip(ids, simp):
        g = g.difference(outside)  # simplifying moved the cut: cut again
        parts = [shapely.set_precision(p, 10 ** -WIDE_DIGITS) for p in shapely.get_parts(g)
                 if p.geom_type == "Polygon" and area_km2(p) >= WIDE_MIN_KM2]
        polys = [q for p in parts for q in shapely.get_parts(p)
                 if q.geom_type == "Polygon" and not q.is_empty]
        if polys:  # a feature with no land is not written
            out[fid] = MultiPolygon(sorted(polys, key=lambda p: (-p.area, p.bounds)))
    # Rounding may let the two borders cross by a sliver: cleaning gives each overlap to
    # one side (as the display copy does), at the file's precision.
    ids = sorted(out)
    if not ids:
        return {}
    clean = shapely.set_precision(shapely.coverage_clean(
        np.array([out[i] for i in ids], dtype=object), snapping_distance=0,
        merge_strategy="min_area"), 10 ** -DISPLAY_DIGITS)
    return {fid: MultiPolygon(sorted((p for p in shapely.get_parts(g)
                                      if p.geom_type == "Polygon" and not p.is_empty),
                                     key=lambda p: (-p.area, p.bounds)))
            for fid, g in zip(ids, clean)}
