"""Identifying the land features in the source polygons by the gazetteer
(``data/gazetteer.yaml``): anchor points, regions and clips; never drawn by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry import Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from geo.errors import BuildError
from geo.data.gazetteer import LAND_KINDS, Gazetteer
from geo.build.source import BBOX


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
