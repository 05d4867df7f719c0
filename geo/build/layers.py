"""The layers: the cleaned full-resolution coverage, its simplified display copy, the
straits' narrows and the places' points, and writing them as GeoJSON (``data/layers/``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from geo.errors import BuildError
from geo.data.gazetteer import Gazetteer
from geo.data.geojson import write_features
from geo.measure import area_km2, connected_groups, gross_area_km2, narrows
from geo.build.identify import Assignment
from geo.build.source import BBOX, log
from geo.data.layers import LAND_DISPLAY_FILE, LAND_FILE, PLACES_FILE, STRAITS_FILE

FULL_DIGITS = 6
DISPLAY_DIGITS = 5
# Visvalingam-Whyatt tolerances for the display copy, in degrees (roughly the
# square root of the triangle areas removed); finer where users look closest.
TOLERANCE = {"disputed": 0.0012, "near": 0.004, "context": 0.015}
# Coverage cleaning may move shared edges; a feature may lose no more than this.
MAX_CLEAN_AREA_CHANGE = 1e-4


# --- Coverage: full resolution and display ----------------------------------

@dataclass
class Layers:
    land: dict[str, MultiPolygon]  # feature id -> full-resolution geometry
    display: dict[str, MultiPolygon]  # feature or context id -> simplified geometry
    tiers: dict[str, str]  # id -> tolerance tier
    lake_islands: int = 0  # islands in lakes, merged into the land around them


def _multi(polys) -> MultiPolygon:
    """One valid MultiPolygon from coverage cells (cells sharing an edge are merged)."""
    merged = shapely.coverage_union_all([p for p in polys if not p.is_empty])
    parts = [p for p in shapely.get_parts(merged) if p.geom_type == "Polygon"]
    return MultiPolygon(sorted(parts, key=lambda p: (-p.area, p.bounds)))


def make_layers(a: Assignment, gaz: Gazetteer, source_path: Path,
                bbox: tuple[float, float, float, float] = BBOX) -> Layers:
    """Clean the polygons into a valid coverage, then simplify a display copy."""
    frame = box(*bbox)
    owners: list[str] = []
    polys: list[BaseGeometry] = []
    for fid, ps in a.polygons.items():
        for p in ps:
            p = shapely.intersection(p, frame)
            for q in shapely.get_parts(p):
                if q.geom_type == "Polygon":
                    owners.append(fid)
                    polys.append(q)
    for country, ps in sorted(a.context.items()):
        merged = shapely.intersection(shapely.union_all(ps), frame)
        for q in shapely.get_parts(merged):
            if q.geom_type == "Polygon":
                owners.append(f"land-{country.lower()}")
                polys.append(q)
    arr = shapely.set_precision(np.array(polys, dtype=object), 10 ** -FULL_DIGITS)
    log(f"cleaning a coverage of {len(arr)} polygons …")
    clean = shapely.coverage_clean(arr, snapping_distance=0)
    by_owner: dict[str, list] = {}
    for o, before, after in zip(owners, arr, clean):
        if not o.startswith("land-"):
            lost = (before.area - after.area) / before.area if before.area else 0.0
            if after.is_empty or lost > MAX_CLEAN_AREA_CHANGE:
                raise BuildError(source_path, f"a polygon of this feature overlaps another "
                                 f"(cleaning would remove {lost:.2%} of it)", item=o,
                                 field="geometry")
        for q in shapely.get_parts(after):
            if q.geom_type == "Polygon" and not q.is_empty:
                by_owner.setdefault(o, []).append(q)
    land = {o: _multi(ps) for o, ps in by_owner.items() if not o.startswith("land-")}

    # The display copy does not draw inland water: holes (lakes) are filled,
    # and islands inside lakes become part of the land around them.
    filled = [(o, Polygon(q.exterior)) for o in sorted(by_owner) for q in by_owner[o]]
    ftree = shapely.STRtree([q for _, q in filled])
    absorbed = {int(i) for i, j in zip(*ftree.query([q for _, q in filled], predicate="within"))
                if i != j}
    cells = [c for k, c in enumerate(filled) if k not in absorbed]
    cells = [(o, q) for (o, _), q in zip(cells, shapely.coverage_clean(
        np.array([q for _, q in cells], dtype=object), snapping_distance=0))]
    cell_tier = _tiers(cells, set(gaz.members("disputed-islands"))
                       if "disputed-islands" in gaz else set())
    tiers: dict[str, str] = {}
    for (o, _), t in zip(cells, cell_tier):
        tiers[o] = max(tiers.get(o, t), t, key=TIER_ORDER.index)
    display_cells: list[tuple[str, Polygon]] = []
    for tier, tol in TOLERANCE.items():
        idx = [k for k, t in enumerate(cell_tier) if t == tier]
        if not idx:
            continue
        simp = shapely.coverage_simplify(np.array([cells[k][1] for k in idx], dtype=object), tol)
        simp = shapely.set_precision(simp, 10 ** -DISPLAY_DIGITS)
        for k, s in zip(idx, simp):
            o, q = cells[k]
            if s.is_empty:  # never drop an islet: keep it unsimplified instead
                s = shapely.set_precision(q, 10 ** -DISPLAY_DIGITS)
            display_cells.append((o, s))
    # Coverage simplification keeps shared edges but may let two close
    # coastlines cross; cleaning gives any overlap to the smaller polygon, so
    # islets keep their area and nothing is dropped.
    cleaned = shapely.coverage_clean(np.array([g for _, g in display_cells], dtype=object),
                                     snapping_distance=0, merge_strategy="min_area")
    cleaned = shapely.set_precision(cleaned, 10 ** -DISPLAY_DIGITS)
    display: dict[str, list] = {}
    for (o, before), after in zip(display_cells, cleaned):
        if after.is_empty:
            raise BuildError(source_path, "an islet vanished from the display copy", item=o,
                             field="geometry")
        for q in shapely.get_parts(after):
            if q.geom_type == "Polygon" and not q.is_empty:
                display.setdefault(o, []).append(q)
    # Merging cells can enclose slivers between them (e.g. along a land
    # border): the display copy draws no inland water, so fill them too.
    disp = {o: _multi([Polygon(p.exterior) for p in _multi(ps).geoms])
            for o, ps in display.items()}
    _check_no_overlaps(disp, source_path)
    return Layers(land=land, display=disp, tiers=tiers, lake_islands=len(absorbed))


# Named features shown close up around the disputed islands and the straits;
# the rest (large islands, continents, context land) is drawn coarsely.
NEAR_FEATURES = {"hokkaido", "honshu", "kyushu", "sakhalin", "urup", "kuril-north", "okinawa",
                 "miyako", "tsushima"}
TIER_ORDER = ["disputed", "near", "context"]


def _tiers(cells: list[tuple[str, Polygon]], disputed: set[str]) -> list[str]:
    """The simplification tier of each coverage cell.

    Each owner has a tier (disputed islands finest, then the features near
    them, then everything else); cells sharing an edge must be simplified in
    one call to keep that edge shared, so a connected group of cells takes
    the coarsest tier of its members.
    """
    def own(o: str) -> str:
        if o in disputed:
            return "disputed"
        return "near" if o in NEAR_FEATURES else "context"

    tier = [""] * len(cells)
    for members in connected_groups([q for _, q in cells], "intersects"):
        t = max((own(cells[k][0]) for k in members), key=TIER_ORDER.index)
        for k in members:
            tier[k] = t
    return tier


def _check_no_overlaps(disp: dict[str, MultiPolygon], source_path: Path) -> None:
    ids = sorted(disp)
    geoms = [disp[i] for i in ids]
    tree = shapely.STRtree(geoms)
    for i, j in zip(*tree.query(geoms, predicate="intersects")):
        if i < j:
            inter = shapely.intersection(geoms[i], geoms[j])
            if inter.area > 1e-10:
                raise BuildError(source_path, f"display geometries of '{ids[i]}' and "
                                 f"'{ids[j]}' overlap after simplification", item=ids[i],
                                 field="geometry")
        if i == j and not geoms[i].is_valid:
            raise BuildError(source_path, f"display geometry invalid: "
                             f"{shapely.is_valid_reason(geoms[i])}", item=ids[i],
                             field="geometry")


# --- Straits and places -----------------------------------------------------

def straits(gaz: Gazetteer, land: dict[str, MultiPolygon]) -> dict[str, dict]:
    out = {}
    for f in gaz.of_kind("strait"):
        a, b = f.geometry.between
        n = narrows(land[a], land[b])
        out[f.id] = {"between": [a, b], "width_km": round(n.km, 2),
                     "line": n.line, "start": n.start, "end": n.end}
    return out


def places(gaz: Gazetteer, land: dict[str, MultiPolygon]) -> dict[str, dict]:
    out = {}
    for f in gaz.of_kind("place", "base"):
        g = f.geometry
        if g is None:
            continue
        if g.point_rule == "easternmost vertex of hokkaido":
            main = max(land["hokkaido"].geoms, key=lambda p: p.area)
            coords = np.array(main.exterior.coords)
            lon, lat = coords[int(np.argmax(coords[:, 0]))]
            out[f.id] = {"point": (float(lon), float(lat)), "how": g.point_rule}
        elif g.point is not None:
            out[f.id] = {"point": tuple(g.point), "how": f"cited: {g.point_ref}"}
    return out


# --- Writing --------------------------------------------------------------------

def write_layers(layers_dir: Path, gaz: Gazetteer, layers: Layers, st: dict, pl: dict) -> None:
    """Write the four layer files into ``layers_dir`` (compact, fixed precision)."""
    land_rows = []
    for fid, g in layers.land.items():
        f = gaz.get(fid)
        land_rows.append(({"id": fid, "kind": f.kind,
                           "area_km2": round(gross_area_km2(g), 3),
                           "land_area_km2": round(area_km2(g), 3),
                           "parts": len(g.geoms)}, g))
    write_features(layers_dir / LAND_FILE, land_rows, ndigits=FULL_DIGITS)
    disp_rows = []
    for fid, g in layers.display.items():
        kind = gaz.get(fid).kind if fid in gaz else "context"
        props = {"id": fid, "kind": kind}
        code = fid.partition("-")[2].upper()  # land-rus, wide-rus: RUS; wide-other: none
        if kind == "context" and len(code) == 3:
            props["country"] = code
        disp_rows.append((props, g))
    write_features(layers_dir / LAND_DISPLAY_FILE, disp_rows, ndigits=DISPLAY_DIGITS)
    write_features(layers_dir / STRAITS_FILE,
                   [({"id": k, "kind": "strait", "between": v["between"],
                      "width_km": v["width_km"]}, v["line"]) for k, v in st.items()],
                   ndigits=FULL_DIGITS)
    write_features(layers_dir / PLACES_FILE,
                   [({"id": k, "kind": gaz.get(k).kind, "how": v["how"]}, Point(v["point"]))
                    for k, v in pl.items()], ndigits=FULL_DIGITS)
