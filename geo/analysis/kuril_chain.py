"""The Kuril chain: the islands of the barrier between the Sea of Okhotsk and the
Pacific, from Hokkaido to Kamchatka, found in the shipped geometry (the islands of
``kuril-north`` on the path of least squared gaps, :func:`chain_path`). The method is
in docs/method/okhotsk.md (the chain); the gates between the islands are
:mod:`geo.analysis.okhotsk`. The gazetteer's chain-islands (map labels) get their points
on the named parts here (:func:`chain_island_points`).
"""
from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import shapely
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from geo.data.kuril_islands import KNOWN_ISLANDS
from geo.data.layers import Atlas
from geo.errors import DataError
from geo.measure import DENSIFY_DEGREES, GEOD, aeqd, area_km2, connected_groups, project

MIN_ISLAND_KM2 = 3.0
CLUSTER_GAP_KM = 1.0  # parts closer than this form one island (Ushishir's two islets)
FIXED_CHAIN = ("hokkaido", "kunashiri", "etorofu", "urup")
CHAIN_END = "kamchatka"
CHAIN_GROUP = "kuril-north"
PART_SEP = "#"
MAINLAND = "land-rus"  # context land of the display layer (the continent's coast)

# A part is named after one of KNOWN_ISLANDS (geo.data.kuril_islands: approximate
# position and literature area) only when its centroid lies within NAME_RADIUS_KM of
# it and its area is within a factor NAME_AREA_FACTOR of the figure; otherwise it
# stays unnamed.
NAME_RADIUS_KM = 10.0
NAME_AREA_FACTOR = 2.0


def feature_of(shore_id: str) -> str:
    """'kuril-north#3' -> 'kuril-north'; feature ids unchanged."""
    return shore_id.split(PART_SEP, 1)[0]


# --- generic chain geometry (also used on synthetic input) ------------------------

def _projected(geoms: Mapping[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    allg = shapely.union_all(list(geoms.values()))
    c = allg.envelope.centroid
    fwd, _ = aeqd(round(c.x, 3), round(c.y, 3))
    return {k: project(shapely.segmentize(g, DENSIFY_DEGREES), fwd) for k, g in geoms.items()}

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
    return connected_groups(geoms, "dwithin", gap_km * 1000.0)


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


def shore_geometry(atlas: Atlas, shore_id: str) -> BaseGeometry:
    """The geometry of a gate's shore: a feature, a part of ``kuril-north`` or the mainland."""
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
    islands = {pid: shore_geometry(atlas, pid) for pid, _, _ in cands}
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


# --- the chain-islands' label points ------------------------------------------------

def chain_island_points(atlas: Atlas) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each chain-island of the gazetteer (``Gazetteer.chain_islands``), by
    id, in the gazetteer's order: the centroid of the part of ``kuril-north`` named after
    its ``geometry.chain_part`` if the centroid lies in the part, else a point inside the
    part's largest polygon (shapely's representative point); rounded to 4 decimals.

    A chain-island whose part is not among the named parts of the geometry is a
    DataError naming the gazetteer, the id and ``geometry.chain_part``.
    """
    named = {name: pid for pid, name, _ in _candidates(atlas, float(MIN_ISLAND_KM2)) if name}
    group = atlas.land.geoms[CHAIN_GROUP]
    out: dict[str, tuple[float, float]] = {}
    for f in atlas.gaz.chain_islands:
        name = f.geometry.chain_part
        if name not in named:
            raise DataError(atlas.gaz.path, f"no part of {CHAIN_GROUP} in {atlas.land.path} "
                            f"is named '{name}' (named: {', '.join(sorted(named)) or 'none'})",
                            item=f.id, field="geometry.chain_part")
        g = _part_geometry(group, named[name])
        c = g.centroid
        if not g.contains(c):
            c = max(getattr(g, "geoms", [g]), key=lambda p: p.area).representative_point()
        out[f.id] = (round(c.y, 4), round(c.x, 4))
    return out
