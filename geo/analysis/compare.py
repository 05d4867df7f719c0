"""Two scenarios side by side: what differs between them (the Compare page's table).

:func:`compare` takes any two views of :mod:`geo.views.catalog`, present-day
(``today``, ``joint-1956`` …), historical (``hist-1855`` …) or points of view, and returns who
holds each territory under each, the area each state holds, the current
residents of the islands that change hands between them, the passages out of
the Sea of Okhotsk with a Japanese shore (:func:`geo.analysis.okhotsk.gates_for_scenario`)
and, for present-day scenarios only, the sea each state gains against today
(:func:`geo.analysis.median_line.gains_vs_today`). Which territories are compared, and
how: docs/method/compare.md. Pure Python (no streamlit).
"""
from __future__ import annotations

from dataclasses import dataclass

from geo.analysis import okhotsk as seas
from geo.i18n import N_
from geo.analysis.median_line import gains_vs_today
from geo.views.catalog import View, is_historical
from geo.data.events import HOLDER_KEYS
from geo.views.historical import KEY_LABELS, VIEW_HOLDERS, _key_areas
from geo.data.layers import Atlas, load_atlas
from geo.views.present import DISPUTED


@dataclass(frozen=True)
class HolderRow:
    key: str  # a geo.data.events holder key: island, 'urup', 'kuril-north', 'sakhalin-south' …
    label: str
    a: str  # JPN | RUS | JOINT
    b: str
    km2: float

    @property
    def changed(self) -> bool:
        return self.a != self.b


# What the areas of a comparison are summed over: the four islands, or, when either view
# is historical, every territory of geo.data.events.HOLDER_KEYS (see compare()).
# (marked: the Compare page translates them, ``_(c.where)``).
WHERE_PRESENT = N_("the four islands")
WHERE_HISTORICAL = N_("the four islands, Urup, the northern Kurils and Sakhalin")


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    historical: tuple[bool, bool]
    rows: tuple[HolderRow, ...]
    areas: tuple[dict[str, float], dict[str, float]]  # holder -> km² under A, under B
    population: tuple[tuple[str, int], ...]  # (island, current residents) changing hands
    gates: tuple[tuple[str, ...], tuple[str, ...]]  # gate ids with a Japanese shore
    gate_names: dict[str, str]  # gate id -> name
    sea_gains: tuple[dict[str, float] | None, dict[str, float] | None]  # vs today

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows if r.changed)

    @property
    def population_affected(self) -> int:
        return sum(v for _, v in self.population)

    @property
    def where(self) -> str:
        """The territories the rows and areas cover, in words (:data:`WHERE_PRESENT`, or
        :data:`WHERE_HISTORICAL` when either view is historical)."""
        return WHERE_HISTORICAL if any(self.historical) else WHERE_PRESENT

    @property
    def gates_either(self) -> tuple[str, ...]:
        """The gates with a Japanese shore under A or under B, each once: A's in their
        order, then B's others."""
        return tuple(dict.fromkeys(self.gates[0] + self.gates[1]))


def holders(v: View) -> dict[str, str]:
    """Holder of every key of :data:`geo.data.events.HOLDER_KEYS` under a view (present-day
    scenarios leave everything but the four islands as today: Russian)."""
    if is_historical(v):
        return {k: v.holders[k] for k in HOLDER_KEYS}
    out = {k: "RUS" for k in HOLDER_KEYS}
    out.update({i: v.holder(i) for i in DISPUTED})
    return out


def compare(a: View, b: View, atlas: Atlas | None = None, *, sea: bool = True) -> Comparison:
    """What differs between views ``a`` and ``b`` (:mod:`geo.views.catalog`; ids resolve with
    :func:`geo.views.catalog.view`). ``sea=False`` skips the sea gains (a few seconds per
    scenario, uncached)."""
    atlas = atlas or load_atlas()
    ha, hb = holders(a), holders(b)
    hist = tuple(is_historical(s) for s in (a, b))
    keys = HOLDER_KEYS if any(hist) else DISPUTED
    areas_by_key = _key_areas(atlas)
    rows = tuple(HolderRow(k, KEY_LABELS[k], ha[k], hb[k], areas_by_key[k]) for k in keys)
    areas: tuple[dict[str, float], dict[str, float]] = (
        {h: 0.0 for h in VIEW_HOLDERS}, {h: 0.0 for h in VIEW_HOLDERS})
    for r in rows:
        areas[0][r.a] += r.km2
        areas[1][r.b] += r.km2
    pops = []
    for r in rows:
        if r.changed and r.key in DISPUTED:
            pop = atlas.gaz.get(r.key).population
            if pop is not None and pop.current is not None:
                pops.append((r.key, pop.current.value))
    gates = tuple(tuple(seas.gates_for_scenario(atlas, s)) for s in (a, b))
    names = {g.id: g.name for g in seas.gates(atlas)}
    gains = (None, None)
    if sea:
        gains = tuple(None if h else gains_vs_today(atlas, s) for s, h in zip((a, b), hist))
    return Comparison(a.id, b.id, hist, rows, areas, tuple(pops), gates, names, gains)
