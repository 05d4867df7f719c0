"""The Sea of Okhotsk and its gates, computed from the shipped geometry: the sea's
outline and, for each scenario, which of the passages between the Sea of Okhotsk and
the Pacific (and the Sea of Japan) would have a Japanese shore. Nothing here is drawn
by hand; how the chain, the gates and the outline are found is explained in
docs/method/okhotsk.md. Pure Python (no streamlit); results are cached per atlas.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import shapely
from shapely.geometry import (
    LineString,
    MultiLineString,
    Point,
    Polygon,
    box,
)
from shapely.geometry.base import BaseGeometry
from shapely.ops import split

from geo.analysis.kuril_chain import (MAINLAND, MIN_ISLAND_KM2, ChainIsland, chain, feature_of,
                                      shore_geometry)
from geo.data.names import place_name
from geo.i18n import N_, translator
from geo.views.catalog import View, view_holders
from geo.data.layers import Atlas
from geo.measure import DENSIFY_DEGREES, area_km2, narrows

PACIFIC = "pacific-ocean"
SEA_OF_JAPAN = "sea-of-japan"
LeadsTo = Literal["pacific-ocean", "sea-of-japan"]

SAKHALIN = "sakhalin"
SAKHALIN_SPLIT_LAT = 50.0  # the halves geo.data.events uses (sakhalin-south / -north)

SEED = (150.0, 53.0)  # well inside the sea
OUTLINE_BBOX = (130.0, 42.0, 163.0, 60.0)  # the context land ends at 60°N
LITERATURE_AREA_KM2 = 1_583_000  # IHO-style limits; see docs/method/okhotsk.md

# Straits between two named islands of the chain whose names are well
# established (pairs of island names, either order).
KNOWN_STRAITS: dict[frozenset[str], str] = {
    frozenset({"Shumshu", "Kamchatka"}): N_("First Kuril Strait"),
    frozenset({"Shumshu", "Paramushir"}): N_("Second Kuril Strait"),
}
NEVELSKOY = N_("Nevelskoy Strait (Sakhalin – mainland)")


@dataclass(frozen=True)
class Gate:
    """One passage out of the Sea of Okhotsk, at its narrows."""

    id: str
    name: str
    shores: tuple[str, str]  # feature ids, or part ids such as 'kuril-north#3'
    shore_names: tuple[str | None, str | None]  # island names (None if not identified)
    start: tuple[float, float]  # (lon, lat) on the first shore
    end: tuple[float, float]  # (lon, lat) on the second shore
    width_km: float
    leads_to: LeadsTo
    strait: str | None = None  # id in the straits layer, if the gate is one of them

    @property
    def line(self) -> LineString:
        return LineString([self.start, self.end])

    @property
    def features(self) -> tuple[str, str]:
        """The gazetteer (or context) feature of each shore: part ids map to their group."""
        return (feature_of(self.shores[0]), feature_of(self.shores[1]))

    @property
    def to_pacific(self) -> bool:
        return self.leads_to == PACIFIC


def _strait_for(atlas: Atlas, a: str, b: str) -> str | None:
    for sid, props in atlas.straits.props.items():
        if set(props.get("between", ())) == {a, b}:
            return sid
    return None


def _gate(atlas: Atlas, gid: str, a: ChainIsland, b: ChainIsland, leads_to: LeadsTo,
          strait: str | None) -> Gate:
    nw = narrows(shore_geometry(atlas, a.id), shore_geometry(atlas, b.id))
    if strait is not None:
        name = atlas.gaz.get(strait).label_en
    else:
        known = KNOWN_STRAITS.get(frozenset({a.name, b.name})) if a.name and b.name else None
        na, nb = a.name or a.id, b.name or b.id
        name = f"{known} ({na} – {nb})" if known else f"{na} – {nb}"
    return Gate(id=gid, name=name, shores=(a.id, b.id), shore_names=(a.name, b.name),
                start=nw.start, end=nw.end, width_km=nw.km, leads_to=leads_to, strait=strait)


def _mainland(atlas: Atlas) -> BaseGeometry:
    """The continent: the largest part of the context land ``land-rus``."""
    g = atlas.display.geoms[MAINLAND]
    return max(getattr(g, "geoms", [g]), key=lambda p: p.area)


MAINLAND_NAME = N_("Mainland")


def shore_names(gate: Gate, lang: str = "en", names: str | None = None,
                gaz=None) -> tuple[str | None, str | None]:
    """A gate's two shores as a reader sees them: a shore that is a gazetteer feature in
    the names convention (geo.data.names.place_name), the mainland translated, the other
    islands of the chain as the data names them (None: not identified)."""
    out = []
    for fid, name in zip(gate.shores, gate.shore_names):
        if gaz is not None and names and fid in gaz:
            out.append(place_name(gaz.get(fid), names, lang))
        elif fid == MAINLAND:
            out.append(translator(lang)(MAINLAND_NAME))
        else:
            out.append(name)
    return tuple(out)


def gate_name(gate: Gate, lang: str = "en", names: str | None = None, gaz=None) -> str:
    """A gate's name as a reader of ``lang`` sees it: a strait of the gazetteer named in
    the names convention ``names`` (geo.data.names.place_name); otherwise in English its
    :attr:`Gate.name`, in another language a known strait's name translated, the chain's
    island names as the data gives them."""
    if gate.strait is not None and gaz is not None and gate.strait in gaz and names:
        return place_name(gaz.get(gate.strait), names, lang)
    if lang == "en":
        return gate.name
    _ = translator(lang)
    if gate.name == NEVELSKOY:
        return _(NEVELSKOY)
    a, b = gate.shore_names
    known = KNOWN_STRAITS.get(frozenset({a, b})) if a and b else None
    if known:
        return _("{strait} ({a} – {b})", strait=_(known), a=a, b=b)
    return gate.name


@lru_cache(maxsize=8)
def _gates(atlas: Atlas, min_km2: float) -> tuple[Gate, ...]:
    isl = chain(atlas, min_km2)
    out: list[Gate] = []
    k = 0
    for a, b in itertools.pairwise(isl):
        strait = _strait_for(atlas, a.id, b.id)
        if strait is None:
            k += 1
        out.append(_gate(atlas, strait or f"kuril-gate-{k}", a, b, PACIFIC, strait))
    hok = isl[0]
    sak = ChainIsland(SAKHALIN, atlas.gaz.get(SAKHALIN).label_en, 0.0)
    out.append(_gate(atlas, _strait_for(atlas, hok.id, SAKHALIN) or "soya-strait", hok, sak,
                     SEA_OF_JAPAN, _strait_for(atlas, hok.id, SAKHALIN)))
    # Nevelskoy Strait: Sakhalin to the continent, searched near Sakhalin only
    sg = atlas.land.geoms[SAKHALIN]
    minx, miny, maxx, maxy = sg.bounds
    main = _mainland(atlas).intersection(box(minx - 3, miny - 1, maxx + 1, maxy + 1))
    nw = narrows(sg, main)
    out.append(Gate(id="nevelskoy-strait", name=NEVELSKOY,
                    shores=(SAKHALIN, MAINLAND), shore_names=(sak.name, MAINLAND_NAME),
                    start=nw.start, end=nw.end, width_km=nw.km, leads_to=SEA_OF_JAPAN))
    return tuple(out)


def _nearest_part(parts: Sequence[BaseGeometry], pt: tuple[float, float]) -> int:
    p = Point(pt)
    return min(range(len(parts)), key=lambda i: (parts[i].distance(p), i))


@lru_cache(maxsize=8)
def _inner(atlas: Atlas, min_km2: float) -> tuple[tuple[str, LineString], ...]:
    """Channels inside one chain feature that the barrier must close too.

    Where a multi-part feature's two gates land on different parts (Urup: the
    Vries Strait on the main island, the next gate on an islet off its
    north-east cape), the narrows between those parts. Not gates: both shores
    are the same feature, with the same holder.
    """
    gs = [g for g in _gates(atlas, min_km2) if g.to_pacific]
    out = []
    for g_in, g_out in itertools.pairwise(gs):
        sid = g_in.shores[1]
        geom = shore_geometry(atlas, sid)
        parts = list(getattr(geom, "geoms", [geom]))
        i, j = _nearest_part(parts, g_in.end), _nearest_part(parts, g_out.start)
        if i != j:
            nw = narrows(parts[i], parts[j])
            if nw.km > 0:
                out.append((f"{sid}-inner-{i}-{j}", nw.line))
    return tuple(out)


def closing_lines(atlas: Atlas, min_island_km2: float = MIN_ISLAND_KM2
                  ) -> dict[str, LineString]:
    """Every line that closes the sea: the gates' narrows and the inner channels."""
    m = float(min_island_km2)
    out = {g.id: g.line for g in _gates(atlas, m)}
    out.update(dict(_inner(atlas, m)))
    return out


def gates(atlas: Atlas, min_island_km2: float = MIN_ISLAND_KM2, *,
          include_sea_of_japan: bool = True) -> list[Gate]:
    """The passages out of the Sea of Okhotsk.

    First the gates to the Pacific along the Kuril chain, in order from
    Hokkaido to Kamchatka (consecutive gates share an island), then, unless
    ``include_sea_of_japan`` is false, the Soya and Nevelskoy straits
    (``leads_to == "sea-of-japan"``).
    """
    gs = _gates(atlas, float(min_island_km2))
    return [g for g in gs if include_sea_of_japan or g.to_pacific]


# --- who holds the shores ------------------------------------------------------------

def shore_holder(atlas: Atlas, gate: Gate, side: int, holders: Mapping[str, str]
                 ) -> str | None:
    """Holder of one shore (0 or 1) of ``gate`` under ``holders``.

    ``holders`` maps feature ids to 'JPN' / 'RUS' (or 'JOINT'); a part id
    ('kuril-north#3') takes its feature's holder. Sakhalin takes the holder
    of ``sakhalin-south`` or ``sakhalin-north`` (cut at 50°N, as in
    geo.data.events) where the gate touches it, when the mapping has them.
    Features missing from ``holders`` fall back to their present
    administrator (gazetteer), context land to its country.
    """
    fid = gate.features[side]
    if fid == SAKHALIN:
        lat = (gate.start if side == 0 else gate.end)[1]
        half = "sakhalin-south" if lat < SAKHALIN_SPLIT_LAT else "sakhalin-north"
        if half in holders:
            return holders[half]
    if fid in holders:
        return holders[fid]
    if fid in atlas.gaz:
        return atlas.gaz.get(fid).administered_by
    return atlas.display.props.get(fid, {}).get("country")


def gates_with_japanese_shore(atlas: Atlas, holders: Mapping[str, str], *,
                              include_sea_of_japan: bool = False,
                              min_island_km2: float = MIN_ISLAND_KM2) -> list[str]:
    """Ids of the gates (to the Pacific unless asked) with at least one Japanese shore."""
    return [g.id for g in gates(atlas, min_island_km2, include_sea_of_japan=include_sea_of_japan)
            if "JPN" in (shore_holder(atlas, g, 0, holders), shore_holder(atlas, g, 1, holders))]


@lru_cache(maxsize=32)
def _for_holders(atlas: Atlas, holders: frozenset, include_sea_of_japan: bool
                 ) -> tuple[str, ...]:
    return tuple(gates_with_japanese_shore(atlas, dict(holders),
                                           include_sea_of_japan=include_sea_of_japan))


def gates_for_scenario(atlas: Atlas, view: View, *,
                       include_sea_of_japan: bool = False) -> list[str]:
    """:func:`gates_with_japanese_shore` under a view of :mod:`geo.views.catalog` (any kind)."""
    holders = frozenset(view_holders(view, atlas.gaz).items())
    return list(_for_holders(atlas, holders, bool(include_sea_of_japan)))


# --- the sea's outline -----------------------------------------------------------------

def _extended(line: LineString, eps: float = 1e-6) -> LineString:
    """The line lengthened by ``eps`` degrees at both ends, so it crosses both coasts."""
    (x0, y0), (x1, y1) = line.coords[0], line.coords[-1]
    dx, dy = x1 - x0, y1 - y0
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n * eps, dy / n * eps
    return LineString([(x0 - ux, y0 - uy), (x1 + ux, y1 + uy)])


@lru_cache(maxsize=8)
def _outline(atlas: Atlas, min_km2: float) -> Polygon:
    frame = box(*OUTLINE_BBOX)
    land = [g for g in atlas.land.geoms.values() if g.intersects(frame)]
    land += [g for fid, g in atlas.display.geoms.items()
             if atlas.display.props[fid].get("kind") == "context" and g.intersects(frame)]
    land_u = shapely.union_all([shapely.make_valid(g.intersection(frame)) for g in land])
    water = frame.difference(land_u)
    seed = Point(SEED)
    parts = list(getattr(water, "geoms", [water]))
    body = next((p for p in parts if p.contains(seed)), None)
    if body is None:
        raise ValueError(f"the seed {SEED} is not in the water")
    cut = MultiLineString([_extended(ln) for ln in closing_lines(atlas, min_km2).values()])
    faces = split(body, cut)
    sea = next((p for p in faces.geoms if p.contains(seed)), None)
    if sea is None:  # pragma: no cover - the seed is in the body, so in one face
        raise ValueError("no face holds the seed")
    return shapely.normalize(sea)


def okhotsk_outline(atlas: Atlas, min_island_km2: float = MIN_ISLAND_KM2) -> Polygon:
    """The Sea of Okhotsk (lon/lat polygon) closed by every gate and cut at 60°N."""
    return _outline(atlas, float(min_island_km2))


@lru_cache(maxsize=8)
def _area(atlas: Atlas, min_km2: float) -> float:
    return area_km2(shapely.segmentize(_outline(atlas, min_km2), DENSIFY_DEGREES))


def okhotsk_area_km2(atlas: Atlas, min_island_km2: float = MIN_ISLAND_KM2) -> float:
    """Geodesic area of :func:`okhotsk_outline` in km² (edges straight in lon/lat)."""
    return _area(atlas, float(min_island_km2))


@dataclass(frozen=True)
class GateShores:
    """A gate and who holds each of its shores under one scenario."""

    gate: Gate
    holders: tuple[str | None, str | None]

    @property
    def japanese(self) -> bool:
        return "JPN" in self.holders


def gate_shores(atlas: Atlas, view: View, *, include_sea_of_japan: bool = True
                ) -> list[GateShores]:
    """Every gate (:func:`gates` order) with its shores' holders under a view of
    :mod:`geo.views.catalog` (a present-day scenario, a historical view, a point of view)."""
    holders = view_holders(view, atlas.gaz)
    return [GateShores(g, (shore_holder(atlas, g, 0, holders), shore_holder(atlas, g, 1, holders)))
            for g in gates(atlas, include_sea_of_japan=include_sea_of_japan)]


def pacific_with_japanese_shore(rows: Sequence[GateShores]) -> tuple[int, int]:
    """(passages to the Pacific with a Japanese shore, passages to the Pacific) among
    ``rows`` (:func:`gate_shores`): the count the Sea of Okhotsk panel gives. The Sea of
    Japan gates are not counted."""
    pacific = [r for r in rows if r.gate.to_pacific]
    return sum(r.japanese for r in pacific), len(pacific)
