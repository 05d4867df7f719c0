"""Loading the shipped layers and the measures built on them.

``Atlas`` is the one object the app and the command line need: the
gazetteer, the full-resolution land (for measuring), the display land (for
drawing), the straits and the places, checked against each other. Groups
(the Habomai, the four islands, the Kuril chain) are the union of their
members.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from geo import resolved
from geo import layers_dir as _layers_dir
from geo.errors import DataError
from geo.data.cache import stamped
from geo.data.gazetteer import LAND_KINDS, Gazetteer, load_gazetteer
from geo.data.gazetteer import gazetteer_path as _gazetteer_path
from geo.data.geojson import read_features
from geo.data.files import quoted
from geo.data.schema import MAX_TITLE, is_stable_id
from geo.measure import area_km2, gross_area_km2, narrows

LAND_FILE = "land.geojson"
LAND_DISPLAY_FILE = "land.display.geojson"
STRAITS_FILE = "straits.geojson"
PLACES_FILE = "places.geojson"


@dataclass(frozen=True)
class Layer:
    path: Path
    props: dict[str, dict]
    geoms: dict[str, BaseGeometry]


POLYGONS = ("Polygon", "MultiPolygon")
# What the app reads from each layer: geometry types and properties.
GEOMETRY_TYPES = {LAND_FILE: POLYGONS, LAND_DISPLAY_FILE: POLYGONS,
                  STRAITS_FILE: ("LineString",), PLACES_FILE: ("Point",)}


def _text(v: object) -> bool:
    return isinstance(v, str) and 0 < len(v) <= MAX_TITLE


def _positive(v: object) -> bool:
    return (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
            and v > 0)


def _count(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v > 0


def _country(v: object) -> bool:
    return isinstance(v, str) and re.fullmatch(r"[A-Z]{3}", v, re.ASCII) is not None


def _pair_of_ids(v: object) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(is_stable_id(x) for x in v)


# What each layer file's features may carry: property -> (check, what it must be).
_POSITIVE = (_positive, "a finite positive number")
PROPERTIES: dict[str, dict[str, tuple]] = {
    LAND_FILE: {"kind": (lambda v: v in LAND_KINDS, f"one of {', '.join(sorted(LAND_KINDS))}"),
                "area_km2": _POSITIVE, "land_area_km2": _POSITIVE,
                "parts": (_count, "a positive whole number")},
    LAND_DISPLAY_FILE: {"kind": (lambda v: v in LAND_KINDS | {"context"},
                                 f"one of {', '.join(sorted(LAND_KINDS | {'context'}))}"),
                        "country": (_country, "a three-letter country code")},
    STRAITS_FILE: {"kind": (lambda v: v == "strait", "'strait'"),
                   "width_km": (_positive, "a positive number of km"),
                   "between": (_pair_of_ids, "a list of two feature ids")},
    PLACES_FILE: {"kind": (lambda v: v == "place", "'place'"),
                  "how": (_text, "a short text")},
}
REQUIRED = {LAND_FILE: ("kind",), LAND_DISPLAY_FILE: ("kind",),
            STRAITS_FILE: ("kind", "width_km", "between"), PLACES_FILE: ("kind",)}


def _check_props(path: Path, fid: str, props: dict) -> None:
    name = Path(path).name
    allowed = PROPERTIES[name]

    def fail(field: str, msg: str) -> DataError:
        return DataError(path, msg, item=fid, field=f"properties.{field}")

    for key in REQUIRED[name]:
        if key not in props:
            raise fail(key, "missing (required)")
    for key, value in props.items():
        if key == "id":
            continue
        if key not in allowed:
            raise fail(key, f"unknown property (not allowed in {name})")
        check, what = allowed[key]
        if not check(value):
            raise fail(key, f"must be {what} (got {quoted(value)})")


def load_layer(path: Path) -> Layer:
    """A layer file, every feature checked (:func:`geo.geojson.read_features`), with the
    geometry type and the properties the app reads (kind; a strait's width_km and
    between) checked for the four layer files."""
    path = Path(path)
    rows = read_features(path, GEOMETRY_TYPES.get(path.name))
    if path.name in GEOMETRY_TYPES:
        for props, _ in rows:
            _check_props(path, props["id"], props)
    return Layer(path=path, props={p["id"]: p for p, _ in rows},
                 geoms={p["id"]: g for p, g in rows})


class Atlas:
    """The gazetteer joined to the layers, with integrity checks."""

    def __init__(self, gazetteer: Gazetteer, land: Layer, display: Layer, straits: Layer,
                 places: Layer):
        self.gaz = gazetteer
        self.land = land
        self.display = display
        self.straits = straits
        self.places = places
        self._check()

    def _check(self) -> None:
        gaz = self.gaz
        land_ids = {f.id for f in gaz.features if f.kind in LAND_KINDS}
        for fid in land_ids:
            if fid not in self.land.geoms:
                raise DataError(self.land.path, "gazetteer feature missing from the layer",
                                item=fid, field="properties.id")
            if fid not in self.display.geoms:
                raise DataError(self.display.path, "gazetteer feature missing from the layer",
                                item=fid, field="properties.id")
        for fid in self.land.geoms:
            if fid not in land_ids:
                raise DataError(self.land.path, "feature not in the gazetteer (or not land)",
                                item=fid, field="properties.id")
        for fid, props in self.display.props.items():
            if fid not in land_ids and props.get("kind") != "context":
                raise DataError(self.display.path, "feature not in the gazetteer", item=fid,
                                field="properties.id")
        for f in gaz.of_kind("strait"):
            if f.id not in self.straits.geoms:
                raise DataError(self.straits.path, "strait missing from the layer", item=f.id,
                                field="properties.id")
        for fid in self.straits.geoms:
            if fid not in gaz or gaz.get(fid).kind != "strait":
                raise DataError(self.straits.path, "not a strait of the gazetteer", item=fid,
                                field="properties.id")
            for other in self.straits.props[fid]["between"]:
                if other not in self.land.geoms:
                    raise DataError(self.straits.path, f"unknown land feature '{other}'",
                                    item=fid, field="properties.between")
        for fid in self.places.geoms:
            if fid not in gaz:
                raise DataError(self.places.path, "place not in the gazetteer", item=fid,
                                field="properties.id")

    # --- geometry of any feature, groups included ---------------------------

    def geometry(self, fid: str) -> BaseGeometry | None:
        """Full-resolution geometry of a land feature or group; None if it has none."""
        f = self.gaz.get(fid)
        if f.kind in LAND_KINDS:
            return self.land.geoms[fid]
        if f.geometry is not None and f.geometry.members is not None:
            parts = [self.geometry(m) for m in f.geometry.members]
            parts = [p for p in parts if p is not None]
            return shapely.union_all(parts) if parts else None
        if fid in self.straits.geoms:
            return self.straits.geoms[fid]
        if fid in self.places.geoms:
            return self.places.geoms[fid]
        return None

    def is_land(self, fid: str) -> bool:
        g = self.geometry(fid)
        return g is not None and g.geom_type in ("Polygon", "MultiPolygon")

    @lru_cache(maxsize=None)
    def area_km2(self, fid: str) -> float | None:
        """Area including inland water (comparable with official figures)."""
        return gross_area_km2(self.geometry(fid)) if self.is_land(fid) else None

    @lru_cache(maxsize=None)
    def land_area_km2(self, fid: str) -> float | None:
        """Area of land alone, lakes and lagoons left out."""
        return area_km2(self.geometry(fid)) if self.is_land(fid) else None

    @lru_cache(maxsize=None)
    def distance_km(self, a: str, b: str) -> float:
        """Shortest geodesic distance between two features (0 if they touch)."""
        ga, gb = self.geometry(a), self.geometry(b)
        if ga is None or gb is None:
            raise ValueError(f"no geometry for '{a if ga is None else b}'")
        return narrows(ga, gb).km

    def strait_width_km(self, fid: str) -> float:
        return float(self.straits.props[fid]["width_km"])

    @cached_property
    def cape_nosappu(self) -> tuple[float, float]:
        p = self.places.geoms["cape-nosappu"]
        return (p.x, p.y)


LAYER_FILES = (LAND_FILE, LAND_DISPLAY_FILE, STRAITS_FILE, PLACES_FILE)


def load_atlas(layers_dir: Path | None = None, gazetteer_path: Path | None = None) -> Atlas:
    """Load and check the gazetteer and the layers, cached while the five files are
    unchanged (:func:`geo.data.cache.stamped`).

    The defaults are ``geo.layers_dir()`` and ``geo.data.gazetteer.gazetteer_path()``,
    resolved at each call (they follow ``NT_DATA_DIR``). A changed file (modification
    time or size), the gazetteer included, is read again at the next call. A load that
    failed raises the same DataError again at once, without parsing, until one of the
    five files changes.
    """
    d = resolved(str(layers_dir if layers_dir is not None else _layers_dir()))
    g = resolved(str(gazetteer_path if gazetteer_path is not None else _gazetteer_path()))
    return _load(d, g)


@stamped(lambda d, g: (g, *(d / name for name in LAYER_FILES)), maxsize=4)
def _load(d: Path, g: Path) -> Atlas:
    return Atlas(load_gazetteer(g), load_layer(d / LAND_FILE), load_layer(d / LAND_DISPLAY_FILE),
                 load_layer(d / STRAITS_FILE), load_layer(d / PLACES_FILE))
