"""The geometry as the browser draws it: land far from the islands generalised further
(measures always use the full-resolution layer), Sakhalin cut at 50°N for the historical
views, where labels go, where the map centres on a feature, and what one can select."""
from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from geo.analysis.treaty_lines import treaty_lines
from geo.data.events import PORTSMOUTH_LATITUDE, SAKHALIN, SAKHALIN_NORTH, SAKHALIN_SOUTH
from geo.data.gazetteer import LAND_KINDS
from geo.data.geojson import to_rfc7946
from geo.data.layers import Atlas
from geo.map.assets import hashed_name
from geo.measure import area_km2
from geo.views.present import DISPUTED, island_of

# Parts under MIN_PART_KM2 are dropped far from the islands, and outlines simplified as
# one coverage (shared edges kept), more the farther the land is from the islands.
DETAILED = ("hokkaido", "kuril-north", "sakhalin", "urup")  # seen next to the islands
ISLANDS_ALONE = ("miyako", "okinawa", "tsushima")  # seen close up in the Okinawa view
FAR_TOLERANCE_DEG = 0.02
NEAR_TOLERANCE_DEG = 0.004
ALONE_TOLERANCE_DEG = 0.002
MIN_PART_KM2 = 2.0

LABELLED = ("etorofu", "kunashiri", "shikotan", "habomai", "hokkaido", "urup", "sakhalin",
            "kamchatka", "okinawa", "miyako")
STRAIT_ANCHOR = {"catherine-strait": "above", "vries-strait": "above", "nemuro-strait": "below",
                 "soya-strait": "left", "tsugaru-strait": "right", "tsushima-strait-east": "right",
                 "tsushima-strait-west": "left", "miyako-strait": "above"}
LABEL_OFFSET = {"hokkaido": (0.25, -1.3), "sakhalin": (-1.2, 0.1),
                "kamchatka": (-0.7, 0.6)}  # (dlat, dlon) where the centre is crowded
LABEL_ANCHOR = {"etorofu": "left", "kunashiri": "left", "shikotan": "right", "habomai": "below"}
# Sakhalin's halves (history) are drawn as their own features; a click on one selects Sakhalin.
CLICK_ALIASES = {SAKHALIN_SOUTH: SAKHALIN,
                 SAKHALIN_NORTH: SAKHALIN}
CENTROID_LABELLED = ("habomai",)  # a scatter of islets: the label at the group's centre


def _drop_small(g: BaseGeometry, min_km2: float) -> BaseGeometry:
    parts = list(g.geoms) if g.geom_type == "MultiPolygon" else [g]
    keep = [p for p in parts if area_km2(p) >= min_km2] or [max(parts, key=lambda p: p.area)]
    return MultiPolygon(keep) if len(keep) > 1 else keep[0]


@lru_cache(maxsize=2)
def display_land(atlas: Atlas) -> dict[str, BaseGeometry]:
    """Land as drawn: the shipped display layer, land far away generalised further
    (keyed by the atlas, itself cached per data folder: geo.data.layers.load_atlas)."""
    layer = atlas.display
    out: dict[str, BaseGeometry] = {}
    far = [f for f in sorted(layer.geoms) if f not in DETAILED and f not in ISLANDS_ALONE
           and island_of(atlas.gaz, f) is None]
    for ids, tol, drop in ((far, FAR_TOLERANCE_DEG, True), (DETAILED, NEAR_TOLERANCE_DEG, False),
                           (ISLANDS_ALONE, ALONE_TOLERANCE_DEG, False)):
        ids = [f for f in ids if f in layer.geoms]
        geoms = [_drop_small(layer.geoms[f], MIN_PART_KM2) if drop else layer.geoms[f]
                 for f in ids]
        for fid, g in zip(ids, shapely.coverage_simplify(np.array(geoms, dtype=object), tol)):
            out[fid] = g
    for fid, g in layer.geoms.items():  # the disputed islands: as shipped
        out.setdefault(fid, g)
    return out


def display_precision(fid: str, atlas: Atlas) -> int:
    """Decimals of a feature's coordinates as drawn (5 for the islands, ~1 m)."""
    if island_of(atlas.gaz, fid) is not None:
        return 5
    return 4 if fid in DETAILED or fid in ISLANDS_ALONE else 3


def sakhalin_halves(atlas: Atlas) -> tuple[BaseGeometry, BaseGeometry]:
    """Sakhalin as drawn, cut at 50°N (for the browser; measures use the full layer)."""
    g = display_land(atlas)[SAKHALIN]
    minx, miny, maxx, maxy = g.bounds
    lat = PORTSMOUTH_LATITUDE
    return (g.intersection(shapely.box(minx - 1, miny - 1, maxx + 1, lat)),
            g.intersection(shapely.box(minx - 1, lat, maxx + 1, maxy + 1)))


@lru_cache(maxsize=128)
def label_point(fid: str, atlas: Atlas) -> tuple[float, float] | None:
    """(lat, lon) of a feature's label: the centre of its largest part, nudged."""
    land = display_land(atlas)
    parts = [land[m] for m in atlas.gaz.members(fid) if m in land]
    if not parts:
        return None
    g = shapely.union_all(parts)
    if fid in CENTROID_LABELLED:
        c = g.centroid
    else:
        big = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        c = big.centroid if big.contains(big.centroid) else big.representative_point()
    dy, dx = LABEL_OFFSET.get(fid, (0.0, 0.0))
    return (round(c.y + dy, 4), round(c.x + dx, 4))


def focus_point(fid: str, atlas: Atlas) -> tuple[float, float] | None:
    """(lat, lon) to centre the map on a feature: label point, strait middle or place."""
    if fid in atlas.straits.geoms or fid in atlas.places.geoms:
        g = atlas.straits.geoms.get(fid) or atlas.places.geoms[fid]
        c = g.interpolate(0.5, normalized=True) if g.geom_type == "LineString" else g
        return (round(c.y, 4), round(c.x, 4))
    if fid in atlas.gaz and atlas.gaz.get(fid).kind == "strait-group":
        pts = [focus_point(m, atlas) for m in atlas.gaz.members(fid)]
        pts = [p for p in pts if p]
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)) if pts else None
    pt = label_point(fid, atlas)
    if pt is None:
        return None
    dy, dx = LABEL_OFFSET.get(fid, (0.0, 0.0))
    return (round(pt[0] - dy, 4), round(pt[1] - dx, 4))


def selectable_ids(atlas: Atlas) -> list[str]:
    """Features one can select on the map, in the order a select box lists them."""
    gaz = atlas.gaz
    first = ["disputed-islands", *DISPUTED]
    islets = [f.id for f in gaz.features if f.part_of == "habomai"]
    land = [f.id for f in gaz.features if (f.kind in LAND_KINDS or f.kind == "island-group")
            and f.id not in first and f.id not in islets]
    straits = [f.id for f in gaz.features if f.kind in ("strait", "strait-group")]
    places = [f.id for f in gaz.features if f.id in atlas.places.geoms]
    return first + islets + land + straits + places


def feature_collection(features: list[dict], **head) -> bytes:
    """A compact FeatureCollection (UTF-8 JSON), as the map's data files are written."""
    return json.dumps({"type": "FeatureCollection", **head, "features": features},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


SEAM_KINDS = ("context", "land")  # land cut from continents, and the far context


def fill_key(fid: str, atlas: Atlas) -> str:
    """Which fill a piece of land is drawn with: its country's tint or grey ('OTHER')."""
    props = atlas.display.props[fid]
    if props["kind"] == "context":
        code = props.get("country")
    else:
        code = atlas.gaz.get(fid).administered_by
    return code if code in ("JPN", "RUS") else "OTHER"


@lru_cache(maxsize=2)
def seams(atlas: Atlas) -> dict[str, BaseGeometry]:
    """Where two pieces of land of the same fill meet along a cut (the build cut the
    source to the region's rectangle, continents into named pieces, and added the far
    context around it): the lines the map covers in that fill, so that no cut is seen.
    Keyed by fill ('RUS', 'JPN', 'OTHER')."""
    land = display_land(atlas)
    ids = sorted(f for f in land if atlas.display.props[f]["kind"] in SEAM_KINDS)
    out: dict[str, list] = {}
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if fill_key(a, atlas) != fill_key(b, atlas):
                continue
            shared = land[a].boundary.intersection(land[b].boundary)
            lines = [g for g in shapely.get_parts(shapely.line_merge(shapely.union_all(
                [p for p in shapely.get_parts(shared) if p.geom_type == "LineString"])))
                if g.geom_type == "LineString"] if not shared.is_empty else []
            out.setdefault(fill_key(a, atlas), []).extend(lines)
    return {k: shapely.MultiLineString(v) for k, v in sorted(out.items()) if v}


FAR_PREFIX = "wide-"  # the far context's features (geo.build.context)


def is_far(fid: str) -> bool:
    return fid.startswith(FAR_PREFIX)


def _land_feature(fid: str, g: BaseGeometry, atlas: Atlas) -> dict:
    p = atlas.display.props[fid]
    props = {"id": fid, "kind": p["kind"]}
    if p.get("country"):
        props["country"] = p["country"]
    return {"type": "Feature", "id": fid, "properties": props,
            "geometry": to_rfc7946(g, display_precision(fid, atlas))}


@lru_cache(maxsize=2)
def far_data(atlas: Atlas) -> bytes:
    """The far context around the region, its own file: fetched after the map is drawn
    (the first view does not show it), drawn under everything."""
    return feature_collection([_land_feature(fid, g, atlas)
                               for fid, g in sorted(display_land(atlas).items()) if is_far(fid)])


@lru_cache(maxsize=2)
def far_data_name(atlas: Atlas) -> str:
    return hashed_name("far", far_data(atlas))


@lru_cache(maxsize=2)
def map_data(atlas: Atlas) -> bytes:
    """The geometry the browser draws, as compact GeoJSON: land, Sakhalin's halves and the
    treaty lines (history), straits, places. Fetched once per page load."""
    feats = [_land_feature(fid, g, atlas) for fid, g in sorted(display_land(atlas).items())
             if not is_far(fid)]
    for key, g in seams(atlas).items():
        sid = f"seam-{key.lower()}"
        feats.append({"type": "Feature", "id": sid, "properties": {"id": sid, "kind": "seam"},
                      "geometry": to_rfc7946(g, 4)})
    for fid, g in zip((SAKHALIN_SOUTH, SAKHALIN_NORTH), sakhalin_halves(atlas)):
        feats.append({"type": "Feature", "id": fid, "properties": {"id": fid, "kind": "history"},
                      "geometry": to_rfc7946(g, 4)})
    for lid, (_, line) in treaty_lines(atlas).items():
        feats.append({"type": "Feature", "id": lid, "properties": {"id": lid,
                      "kind": "treaty-line"}, "geometry": to_rfc7946(line, 4)})
    for layer in (atlas.straits, atlas.places):
        for fid, g in sorted(layer.geoms.items()):
            feats.append({"type": "Feature", "id": fid,
                          "properties": {"id": fid, "kind": layer.props[fid]["kind"]},
                          "geometry": to_rfc7946(g, 5)})
    return feature_collection(feats)


@lru_cache(maxsize=2)
def map_frame(atlas: Atlas) -> list[list[float]]:
    """[[south, west], [north, east]]: the extent of the land drawn. The build cut the
    source to a rectangle; the map keeps its view inside it, so the cut is never seen."""
    xs0, ys0, xs1, ys1 = zip(*(g.bounds for g in display_land(atlas).values()))
    return [[round(min(ys0), 3), round(min(xs0), 3)], [round(max(ys1), 3), round(max(xs1), 3)]]


@lru_cache(maxsize=2)
def map_data_name(atlas: Atlas) -> str:
    return hashed_name("geo", map_data(atlas))
