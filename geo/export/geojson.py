"""A view's layers as one RFC 7946 FeatureCollection: the land (full resolution) with its
names, holder under the view, disputed status and area; the disputed island groups (the
Habomai) as features of their own, the union of their islets; the strait narrows with their
width and shore holders; the places (Cape Nosappu and the cited security points). Top-level
members ``attribution`` and ``scenario``.

Properties are flat, as GIS programs and spreadsheets read them: strings, numbers,
booleans or null, never an object or a list. The names are ``name_ja`` (kanji),
``name_ja_romaji``, ``name_ru`` (Cyrillic), ``name_ru_translit``, ``name_en`` (the first
English name) and ``names_en`` (all of them, joined by ``"; "``, as is any other list: a
group's members, a point's annotations); a strait's two shores are ``between_a`` and
``between_b``, their holders ``shore_holder_a`` and ``shore_holder_b`` (null for a shore
with no single holder, Korea's). Land features carry ``group: false``, a group ``group:
true`` and its ``members``: summing ``area_km2`` over the features with ``group`` false
counts each islet once."""
from __future__ import annotations

import json

from shapely.geometry.base import BaseGeometry

from geo.analysis.security import security_points
from geo.data.places import Places, default_places
from geo.data.gazetteer import GROUP_KINDS, Feature
from geo.data.geojson import to_rfc7946
from geo.data.layers import Atlas, load_atlas
from geo.errors import DataError
from geo.views.present import (DISPUTED, Scenario, Scenarios, default_scenarios, holder_of,
                               is_disputed_under, island_of)

ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
NDIGITS = 6  # at most 6 decimals (~0.1 m)
JOIN = "; "  # how a list is written as one property


def _names(f: Feature) -> dict:
    return {"name_ja": f.names.ja.script, "name_ja_romaji": f.names.ja.romaji,
            "name_ru": f.names.ru.script, "name_ru_translit": f.names.ru.translit,
            "name_en": f.label_en, "names_en": JOIN.join(f.names.en)}


def _flat(props: dict) -> dict:
    """``props`` with every list written as one string (GIS programs take no lists)."""
    return {k: JOIN.join(map(str, v)) if isinstance(v, (list, tuple)) else v
            for k, v in props.items()}


def _feature(props: dict, geom: BaseGeometry, ndigits: int) -> dict:
    return {"type": "Feature", "id": props["id"], "properties": _flat(props),
            "geometry": to_rfc7946(geom, ndigits)}


def _collection(head: dict, features: list[dict]) -> str:
    """A FeatureCollection as text, one feature per line (like geo.data.geojson); a number
    JSON cannot hold (NaN, infinity) is an error, never written."""
    text = json.dumps({"type": "FeatureCollection", **head}, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False)[:-1]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
             for f in features]
    return text + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def scenario_features(scenario: Scenario, atlas: Atlas, places: Places | None = None,
                      ndigits: int = NDIGITS) -> list[dict]:
    """The scenario's layers as GeoJSON Feature dicts: land, the disputed groups, straits,
    places."""
    gaz = atlas.gaz
    out: list[dict] = []

    def land(fid: str, layer: str) -> dict:
        f = gaz.get(fid)
        area = atlas.area_km2(fid)
        props = {"id": fid, "layer": layer, "kind": f.kind, **_names(f),
                 "holder": holder_of(scenario, gaz, fid),
                 "disputed": (is_disputed_under(scenario, gaz, fid)
                              if island_of(gaz, fid) is not None else f.disputed),
                 "area_km2": round(area, 1) if area is not None else None,
                 "group": f.kind in GROUP_KINDS}
        if f.part_of:
            props["part_of"] = f.part_of
        return props

    for fid in sorted(atlas.land.geoms):
        out.append(_feature(land(fid, "land"), atlas.land.geoms[fid], ndigits))
    for fid in DISPUTED:  # the Habomai: a group of islets, disputed as one
        if gaz.get(fid).kind in GROUP_KINDS and (geom := atlas.geometry(fid)) is not None:
            props = {**land(fid, "groups"), "members": gaz.members(fid)}
            out.append(_feature(props, geom, ndigits))
    for fid in sorted(atlas.straits.geoms):
        f = gaz.get(fid)
        a, b = f.geometry.between
        props = {"id": fid, "layer": "straits", "kind": "strait", **_names(f),
                 "width_km": atlas.strait_width_km(fid), "between_a": a, "between_b": b,
                 "shore_holder_a": holder_of(scenario, gaz, a),
                 "shore_holder_b": holder_of(scenario, gaz, b)}
        out.append(_feature(props, atlas.straits.geoms[fid], ndigits))
    for fid in sorted(atlas.places.geoms):
        f = gaz.get(fid)
        props = {"id": fid, "layer": "places", "kind": f.kind, **_names(f)}
        out.append(_feature(props, atlas.places.geoms[fid], ndigits))
    places = places or default_places()
    for props, geom in security_points(places):
        out.append(_feature({"layer": "security", **props}, geom, ndigits))
    ids = [f["id"] for f in out]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise DataError(places.path, "id also used by another layer", item=dup[0],
                        field="id")
    return out


def scenario_geojson(scenario_id: str, atlas: Atlas | None = None,
                     scenarios: Scenarios | None = None, places: Places | None = None) -> str:
    """The scenario's layers as one RFC 7946 FeatureCollection (text).

    Raises :class:`~geo.errors.UnknownIdError` for an unknown scenario id.
    """
    atlas = atlas or load_atlas()
    sc = (scenarios or default_scenarios()).get(scenario_id)
    head = {"attribution": ATTRIBUTION, "scenario": sc.id, "scenario_title": sc.title}
    return _collection(head, scenario_features(sc, atlas, places))
