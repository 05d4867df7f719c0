"""The Sea of Okhotsk and its gates, computed from the shipped geometry.

Issue #5, item 3: the sea's outline and, for each scenario, which of the
passages between the Sea of Okhotsk and the Pacific would have a Japanese
shore. Nothing here is drawn by hand.

**The chain.** The barrier between the sea and the Pacific runs Hokkaido,
Kunashiri, Etorofu, Urup (fixed, in that order), then islands of the
``kuril-north`` feature, then Kamchatka. ``kuril-north`` is one MultiPolygon;
its parts less than :data:`CLUSTER_GAP_KM` (1 km) apart form one island
(Ushishir's two islets, rocks off Matua, Kharimkotan and Paramushir), and
the islands of at least :data:`MIN_ISLAND_KM2` (3 km², geodesic) are the
candidates, each with a part id ``kuril-north#<part index>[+<part index>...]``.
Which of them form the chain, and in which order, is the path from Urup to
Kamchatka through the candidates that minimises the sum of the *squared* gap
widths (Dijkstra; gaps measured between coasts in an azimuthal equidistant
projection centred on the chain, accurate to well under 1 % at these
distances). Squaring makes the path call at any island lying in a passage
(it splits one wide gap into two narrower ones) and leave out islands off
the axis (Atlasov, the inner-row volcanoes), whose detour would only add
width. The threshold of 3 km² keeps Raikoke (about 4 km² here), which lies on the
axis; 5 km² would drop it and merge two passages into one. Islands are
named after :data:`KNOWN_ISLANDS` only on a clear match of position and size.

**The gates.** Consecutive chain islands are joined by their narrows
(:func:`geo.measure.narrows`: shortest geodesic line between the coasts).
The Hokkaido-Kunashiri gate is the Nemuro Strait at its narrows (off the
Notsuke Peninsula): the waters south of it, past Shikotan and the Habomai,
lie outside the sea as defined here, so Shikotan and the Habomai are on no
gate. Gates matching a strait of the straits layer take its id
(``nemuro-strait``, ``catherine-strait``, ``vries-strait``); the others are
``kuril-gate-<n>``, numbered from Urup towards Kamchatka. Two more gates
lead to the Sea of Japan, not the Pacific, and are flagged so
(``leads_to == "sea-of-japan"``): the Soya (La Pérouse) Strait between
Hokkaido and Sakhalin and the Nevelskoy Strait between Sakhalin and the
mainland (the display layer's context land ``land-rus``, whose largest part
is the continent; Primorye is over 300 km away).

**The outline** (:func:`okhotsk_outline`) is the water inside
:data:`OUTLINE_BBOX` (land: every full-resolution land feature plus the
display layer's context land for the mainland coasts), cut by every gate
line (and the channel between Urup and its islet, where two gates land on
different parts of one feature: :func:`closing_lines`); the face holding
:data:`SEED` is the sea. The context land stops at
60°N, so the bounding box does too: the outline is closed along 60°N and
leaves out the northern end of the sea (Shelikhov Gulf with the Gizhiga and
Penzhina bays). The literature's figure (about 1.58 million km², with IHO
limits that take in the whole of every Kuril strait) is therefore larger
than this one.

Pure Python (no streamlit); results are cached per atlas.
"""
from __future__ import annotations

import heapq
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
    MultiPolygon,
    Point,
    Polygon,
    box,
)
from shapely.geometry.base import BaseGeometry
from shapely.ops import split

from geo.views.catalog import View, view_holders
from geo.data.layers import Atlas
from geo.measure import DENSIFY_DEGREES, GEOD, _aeqd, _project, area_km2, narrows

SEA_ID = "sea-of-okhotsk"
PACIFIC = "pacific-ocean"
SEA_OF_JAPAN = "sea-of-japan"
LeadsTo = Literal["pacific-ocean", "sea-of-japan"]

MIN_ISLAND_KM2 = 3.0
CLUSTER_GAP_KM = 1.0  # parts closer than this form one island (Ushishir's two islets)
FIXED_CHAIN = ("hokkaido", "kunashiri", "etorofu", "urup")
CHAIN_END = "kamchatka"
CHAIN_GROUP = "kuril-north"
PART_SEP = "#"
MAINLAND = "land-rus"  # context land of the display layer (the continent's coast)
SAKHALIN = "sakhalin"
SAKHALIN_SPLIT_LAT = 50.0  # the halves geo.data.events uses (sakhalin-south / -north)

SEED = (150.0, 53.0)  # well inside the sea
OUTLINE_BBOX = (130.0, 42.0, 163.0, 60.0)  # the context land ends at 60°N
LITERATURE_AREA_KM2 = 1_583_000  # IHO-style limits; see the module docstring

# Known islands of the northern and middle Kurils: approximate position (lon,
# lat) and area (km², rounded literature figures). A part is named only when
# its centroid lies within NAME_RADIUS_KM of one of these and its area is
# within a factor NAME_AREA_FACTOR of the figure; otherwise it stays unnamed.
KNOWN_ISLANDS: dict[str, tuple[float, float, float]] = {
    "Paramushir": (155.7, 50.4, 2053.0),
    "Shumshu": (156.35, 50.75, 388.0),
    "Onekotan": (154.75, 49.45, 425.0),
    "Simushir": (152.0, 46.95, 353.0),
    "Atlasov": (155.55, 50.86, 119.0),
    "Shiashkotan": (154.1, 48.82, 122.0),
    "Kharimkotan": (154.52, 49.12, 70.0),
    "Ketoy": (152.48, 47.35, 73.0),
    "Rasshua": (153.02, 47.76, 67.0),
    "Matua": (153.22, 48.08, 52.0),
    "Makanrushi": (154.43, 49.77, 49.0),
    "Ekarma": (153.95, 48.95, 30.0),
    "Chirpoy": (150.87, 46.52, 21.0),
    "Brat Chirpoev": (150.82, 46.46, 16.0),
    "Antsiferov": (154.98, 50.2, 7.0),
    "Broutona": (150.73, 46.72, 7.0),
    "Chirinkotan": (153.49, 48.98, 6.0),
    "Raikoke": (153.25, 48.29, 4.6),
    "Ushishir": (152.82, 47.52, 5.0),
}
NAME_RADIUS_KM = 10.0
NAME_AREA_FACTOR = 2.0

# Straits between two named islands of the chain whose names are well
# established (pairs of island names, either order).
KNOWN_STRAITS: dict[frozenset[str], str] = {
    frozenset({"Shumshu", "Kamchatka"}): "First Kuril Strait",
    frozenset({"Shumshu", "Paramushir"}): "Second Kuril Strait",
}


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


def feature_of(shore_id: str) -> str:
    """'kuril-north#3' -> 'kuril-north'; feature ids unchanged."""
    return shore_id.split(PART_SEP, 1)[0]


# --- generic chain geometry (also used on synthetic input) ------------------------

def _projected(geoms: Mapping[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    allg = shapely.union_all(list(geoms.values()))
    c = allg.envelope.centroid
    fwd, _ = _aeqd(round(c.x, 3), round(c.y, 3))
    return {k: _project(fwd, shapely.segmentize(g, DENSIFY_DEGREES)) for k, g in geoms.items()}


def chain_path(start: str, end: str, islands: Mapping[str, BaseGeometry]) -> list[str]:
    """Ids from ``start`` to ``end`` through ``islands`` minimising the sum of squared gaps.

    ``islands`` maps ids to lon/lat geometries and must hold ``start`` and
    ``end``. Gaps are coast-to-coast distances in an azimuthal equidistant
    projection centred on the whole set. Ties are broken by id, so the result
    is deterministic.
    """
    if start not in islands or end not in islands:
        raise KeyError("chain_path needs the start and end among the islands")
    if start == end:
        return [start]
    proj = _projected(islands)
    ids = sorted(islands)
    geoms = [proj[i] for i in ids]
    index = {k: n for n, k in enumerate(ids)}
    n = len(ids)
    # all pairwise distances at once (metres, planar in the projection)
    d = shapely.distance(
        [geoms[i] for i in range(n) for _ in range(n)],
        [geoms[j] for _ in range(n) for j in range(n)])
    cost = [[float(d[i * n + j]) ** 2 for j in range(n)] for i in range(n)]
    s, t = index[start], index[end]
    best = [math.inf] * n
    prev = [-1] * n
    best[s] = 0.0
    heap = [(0.0, ids[s], s)]
    while heap:
        c, _, u = heapq.heappop(heap)
        if c > best[u]:
            continue
        if u == t:
            break
        for v in range(n):
            if v == u:
                continue
            nc = c + cost[u][v]
            if nc < best[v] - 1e-9:
                best[v] = nc
                prev[v] = u
                heapq.heappush(heap, (nc, ids[v], v))
    path = [t]
    while path[-1] != s:
        path.append(prev[path[-1]])
    return [ids[i] for i in reversed(path)]


def gates_along(chain: Sequence[tuple[str, BaseGeometry]], *, id_prefix: str = "gate",
                leads_to: LeadsTo = PACIFIC) -> list[Gate]:
    """The narrows between consecutive (id, geometry) pairs of ``chain``, in order.

    Gates are named ``<id_prefix>-<n>`` (n from 1) and '<a> – <b>' after their shores.
    """
    out = []
    for n, ((a, ga), (b, gb)) in enumerate(itertools.pairwise(chain), start=1):
        nw = narrows(ga, gb)
        out.append(Gate(id=f"{id_prefix}-{n}", name=f"{a} – {b}", shores=(a, b),
                        shore_names=(None, None), start=nw.start, end=nw.end,
                        width_km=nw.km, leads_to=leads_to))
    return out


# --- the Kuril chain of the shipped atlas -------------------------------------------

def _identify_all(parts: Sequence[tuple[str, BaseGeometry, float]]) -> dict[str, str]:
    """Names of the parts matched to :data:`KNOWN_ISLANDS`.

    A part and a known island match when each is the other's nearest (centroid
    to reference point), within NAME_RADIUS_KM, with areas within a factor
    NAME_AREA_FACTOR. Anything else stays unnamed.
    """
    cents = {pid: g.centroid for pid, g, _ in parts}
    km2 = {pid: a for pid, _, a in parts}

    def dist(pid: str, name: str) -> float:
        lon, lat, _ = KNOWN_ISLANDS[name]
        c = cents[pid]
        return GEOD.inv(c.x, c.y, lon, lat)[2] / 1000.0

    out = {}
    for name, (_, _, ref_km2) in KNOWN_ISLANDS.items():
        pid = min(cents, key=lambda p: (dist(p, name), p))
        back = min(KNOWN_ISLANDS, key=lambda n: (dist(pid, n), n))
        if back == name and dist(pid, name) <= NAME_RADIUS_KM and \
                1 / NAME_AREA_FACTOR <= km2[pid] / ref_km2 <= NAME_AREA_FACTOR:
            out[pid] = name
    return out


@dataclass(frozen=True)
class ChainIsland:
    id: str  # feature id or part id ('kuril-north#3')
    name: str | None  # English name (identified islands only for parts)
    area_km2: float


def _clusters(parts: Sequence[BaseGeometry], gap_km: float) -> list[list[int]]:
    """Indices of ``parts`` grouped where coasts are less than ``gap_km`` apart."""
    proj = _projected({str(i): p for i, p in enumerate(parts)})
    geoms = [proj[str(i)] for i in range(len(parts))]
    tree = shapely.STRtree(geoms)
    root = list(range(len(parts)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    left, right = tree.query(geoms, predicate="dwithin", distance=gap_km * 1000.0)
    for i, j in zip(left.tolist(), right.tolist()):
        a, b = find(i), find(j)
        if a != b:
            root[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(parts)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())


@lru_cache(maxsize=8)
def _candidates(atlas: Atlas, min_km2: float) -> tuple[tuple[str, str | None, float], ...]:
    group = atlas.land.geoms[CHAIN_GROUP]
    parts = list(getattr(group, "geoms", [group]))
    km2 = [area_km2(p) for p in parts]
    islands = []
    for members in _clusters(parts, CLUSTER_GAP_KM):
        total = sum(km2[i] for i in members)
        if total >= min_km2:
            pid = f"{CHAIN_GROUP}{PART_SEP}{'+'.join(str(i) for i in members)}"
            islands.append((pid, _part_geometry(group, pid), total))
    names = _identify_all(islands)
    return tuple((pid, names.get(pid), a) for pid, _, a in islands)


def _part_geometry(group: BaseGeometry, part_id: str) -> BaseGeometry:
    parts = list(getattr(group, "geoms", [group]))
    idx = [int(i) for i in part_id.split(PART_SEP, 1)[1].split("+")]
    return parts[idx[0]] if len(idx) == 1 else MultiPolygon([parts[i] for i in idx])


def _geometry(atlas: Atlas, shore_id: str) -> BaseGeometry:
    fid = feature_of(shore_id)
    if fid != shore_id:
        return _part_geometry(atlas.land.geoms[fid], shore_id)
    if fid in atlas.land.geoms:
        return atlas.land.geoms[fid]
    return atlas.display.geoms[fid]


def _name(atlas: Atlas, shore_id: str, names: Mapping[str, str | None]) -> str | None:
    if shore_id in names:
        return names[shore_id]
    if shore_id == MAINLAND:
        return "Mainland"
    return atlas.gaz.get(shore_id).label_en if shore_id in atlas.gaz else None


@lru_cache(maxsize=8)
def _chain(atlas: Atlas, min_km2: float) -> tuple[ChainIsland, ...]:
    cands = _candidates(atlas, min_km2)
    islands = {pid: _geometry(atlas, pid) for pid, _, _ in cands}
    islands[FIXED_CHAIN[-1]] = atlas.land.geoms[FIXED_CHAIN[-1]]
    islands[CHAIN_END] = atlas.land.geoms[CHAIN_END]
    path = chain_path(FIXED_CHAIN[-1], CHAIN_END, islands)
    names = {pid: name for pid, name, _ in cands}
    areas = {pid: km2 for pid, _, km2 in cands}
    out = []
    for sid in (*FIXED_CHAIN[:-1], *path):
        out.append(ChainIsland(sid, _name(atlas, sid, names),
                               areas.get(sid) or area_km2(atlas.land.geoms[sid])))
    return tuple(out)


def chain(atlas: Atlas, min_island_km2: float = MIN_ISLAND_KM2) -> list[ChainIsland]:
    """The islands of the barrier, in order from Hokkaido to Kamchatka (both included)."""
    return list(_chain(atlas, float(min_island_km2)))


def _strait_for(atlas: Atlas, a: str, b: str) -> str | None:
    for sid, props in atlas.straits.props.items():
        if set(props.get("between", ())) == {a, b}:
            return sid
    return None


def _gate(atlas: Atlas, gid: str, a: ChainIsland, b: ChainIsland, leads_to: LeadsTo,
          strait: str | None) -> Gate:
    nw = narrows(_geometry(atlas, a.id), _geometry(atlas, b.id))
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


@lru_cache(maxsize=8)
def _gates(atlas: Atlas, min_km2: float) -> tuple[Gate, ...]:
    isl = _chain(atlas, min_km2)
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
    out.append(Gate(id="nevelskoy-strait", name="Nevelskoy Strait (Sakhalin – mainland)",
                    shores=(SAKHALIN, MAINLAND), shore_names=(sak.name, "Mainland"),
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
        geom = _geometry(atlas, sid)
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
