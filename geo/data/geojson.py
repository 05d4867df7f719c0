"""Reading and writing the project's GeoJSON layers (RFC 7946).

Written files are deterministic: features sorted by id, coordinates rounded
to a fixed number of decimals, polygons wound right-hand (exterior
counter-clockwise), one feature per line. Running the build twice gives the
same bytes.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any, Iterable

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.errors import DataError
from geo.data.files import MAX_LAYER_BYTES, read_text
from geo.data.schema import MAX_ID, is_stable_id


def _round(obj: Any, ndigits: int) -> Any:
    if isinstance(obj, float):
        r = round(obj, ndigits)
        return 0.0 if r == 0 else r  # no "-0.0"
    if isinstance(obj, (list, tuple)):
        return [_round(x, ndigits) for x in obj]
    return obj


def to_rfc7946(geom: BaseGeometry, ndigits: int) -> dict:
    """A GeoJSON geometry dict: right-hand winding, rounded coordinates."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom)
    g = mapping(geom)
    return {"type": g["type"], "coordinates": _round(g["coordinates"], ndigits)}


def write_features(path: Path, features: Iterable[tuple[dict, BaseGeometry]], *,
                   ndigits: int, extra: dict | None = None) -> None:
    """Write (properties, geometry) pairs as a FeatureCollection.

    Properties must hold a unique string ``id``; features are written in id
    order so the output does not depend on processing order.
    """
    rows = sorted(features, key=lambda pg: pg[0]["id"])
    lines = []
    for props, geom in rows:
        feat = {"type": "Feature", "id": props["id"], "properties": props,
                "geometry": to_rfc7946(geom, ndigits)}
        lines.append(json.dumps(feat, ensure_ascii=False, separators=(",", ":")))
    head = {"type": "FeatureCollection"}
    if extra:
        head.update(extra)
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    text += ',"features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


_REASON = re.compile(r"^(?P<what>[^\[]+)\[(?P<x>[-+0-9.eE]+) (?P<y>[-+0-9.eE]+)\]$")


def invalid_reason(geom: BaseGeometry) -> str:
    """Why a geometry is invalid, e.g. 'self-intersection at (145.5, 44.5)'."""
    reason = shapely.is_valid_reason(geom)
    m = _REASON.match(reason)
    if not m:
        return reason
    x, y = round(float(m["x"]), 5), round(float(m["y"]), 5)
    return f"{m['what'].strip().lower()} at ({x:g}, {y:g})"


def _numbers(obj: Any, depth: int = 0) -> bool:
    """Coordinates: nested lists (at most 4 deep) of finite numbers (no text, no
    booleans, no infinity)."""
    if isinstance(obj, list):
        return depth < 4 and len(obj) > 0 and all(_numbers(x, depth + 1) for x in obj)
    if isinstance(obj, bool) or not isinstance(obj, (int, float)):
        return False
    return math.isfinite(obj)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows (RFC 8259)")


def read_features(path: Path, geometry_types: Iterable[str] | None = None
                  ) -> list[tuple[dict, BaseGeometry]]:
    """Read a FeatureCollection written by :func:`write_features`.

    Every feature is checked, none is skipped: an object with a string id in
    ``properties`` (unique), a valid, non-empty geometry (of one of
    ``geometry_types`` if given) in WGS84 longitude/latitude degrees (RFC 7946;
    a ``crs`` member, if any, must name CRS84 or EPSG:4326). Errors name the
    file and, where known, the feature id and field.
    """
    text = read_text(path, "file", MAX_LAYER_BYTES)
    try:
        raw = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise DataError(path, f"not valid JSON: {exc.msg} at line {exc.lineno}, "
                              f"column {exc.colno}") from None
    except RecursionError:
        raise DataError(path, "not valid JSON: nested too deeply") from None
    except ValueError as exc:  # NaN, Infinity; a number too long to convert
        raise DataError(path, f"not valid JSON: {exc}") from None
    if not isinstance(raw, dict) or raw.get("type") != "FeatureCollection":
        raise DataError(path, "not a GeoJSON FeatureCollection", field="type")
    if "crs" in raw:
        crs = raw.get("crs")
        props = crs.get("properties") if isinstance(crs, dict) else None
        name = str(props.get("name", "")) if isinstance(props, dict) else ""
        if not name.upper().endswith(("CRS84", "4326")):
            raise DataError(path, f"coordinates must be WGS84 lon/lat (RFC 7946, CRS84 or "
                                  f"EPSG:4326), got crs '{name or crs}'", field="crs")
    feats = raw.get("features")
    if not isinstance(feats, list):
        raise DataError(path, "'features' must be a list", field="features")
    types = tuple(geometry_types) if geometry_types is not None else None
    out = []
    seen: set[str] = set()
    for i, f in enumerate(feats):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            raise DataError(path, "not a GeoJSON Feature object", item=f"#{i + 1}",
                            field="type")
        props = f.get("properties")
        if not isinstance(props, dict):
            raise DataError(path, "must be an object with the feature's id", item=f"#{i + 1}",
                            field="properties")
        fid = props.get("id")
        if not isinstance(fid, str) or not fid:
            raise DataError(path, "feature has no string id", item=f"#{i + 1}",
                            field="properties.id")
        if not is_stable_id(fid):
            raise DataError(path, f"not a stable id (lowercase ASCII letters, digits and '-', "
                                  f"starting with a letter, at most {MAX_ID} characters)",
                            item=f"#{i + 1}", field="properties.id")
        if "id" in f and f["id"] != fid:
            raise DataError(path, "the feature's id differs from properties.id",
                            item=fid, field="id")
        if fid in seen:
            raise DataError(path, "duplicate id", item=fid, field="properties.id")
        seen.add(fid)
        gj = f.get("geometry")
        if not isinstance(gj, dict):
            raise DataError(path, "missing (a GeoJSON geometry object is required)", item=fid,
                            field="geometry")
        if types is not None and gj.get("type") not in types:
            raise DataError(path, f"a {gj.get('type')!s} where this layer needs "
                                  f"{' or '.join(types)}", item=fid, field="geometry.type")
        if not _numbers(gj.get("coordinates")):
            raise DataError(path, "coordinates must be lists of finite numbers (not text, "
                                  "booleans or infinity)", item=fid,
                            field="geometry.coordinates")
        try:
            geom = shape(gj)
        except Exception as exc:  # shapely raises several types for bad input
            raise DataError(path, f"bad geometry: {exc}", item=fid, field="geometry") from None
        if geom.is_empty:
            raise DataError(path, "empty geometry", item=fid, field="geometry")
        x0, y0, x1, y1 = geom.bounds
        if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
            raise DataError(path, f"coordinates are not lon/lat degrees (wrong CRS?): bounds "
                                  f"({x0:g}, {y0:g}, {x1:g}, {y1:g})", item=fid,
                            field="geometry.coordinates")
        if not geom.is_valid:
            raise DataError(path, f"invalid geometry: {invalid_reason(geom)}", item=fid,
                            field="geometry")
        out.append((props, geom))
    if not out:
        raise DataError(path, "the layer has no features", field="features")
    return out
