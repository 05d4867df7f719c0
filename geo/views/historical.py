"""The map at a past date: historical scenarios and the timeline, pure Python.

:mod:`geo.data.events` knows who held what when (``data/events.yaml``) and where
the treaty lines run. This module turns that into what the pages show:

* :class:`HistoricalView` — the map at one date. It answers ``holder()`` and
  ``is_disputed()`` like a present-day :class:`geo.views.present.Scenario`, so the
  map (:mod:`geo.map`) and the island card can take either; it also knows
  the holder of Urup, the northern Kurils and each half of Sakhalin, and the
  treaty lines in force.
* :func:`historical_views` — the four views offered in the Map page's scenario
  selector (ids ``hist-1855``, ``hist-1875``, ``hist-1905``, ``hist-1945``) and
  :func:`with_historical`, the present-day scenarios followed by them.
* :func:`figures` — the geodesic area held by each state among the four
  islands, Urup, the northern Kurils and Sakhalin (full-resolution layer).
* :func:`entries` — events with their sources (attributed quotes and
  references) ready to lay out.

Every text here is plain text: the pages escape it before showing it.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from functools import lru_cache

from geo.analysis.treaty_lines import feature_holders, holder_geometries
from geo.data.events import (
    HISTORICAL,
    HOLDER_KEYS,
    HOLDERS,
    TREATY_LINES,
    Event,
    Timeline,
    default_timeline,
    timeline_files,
)
from geo.data.cache import stamped
from geo.data.schema import parse_date
from geo.data.layers import Atlas, load_atlas
from geo.measure import area_km2
from geo.analysis.quotes import AttributedQuote, attributed
from geo.references import Ref, shown

HIST_PREFIX = "hist-"
HIST_TITLES = {  # short titles, as offered in the scenario selector
    "1855": "1855 Treaty of Shimoda",
    "1875": "1875 Treaty of Saint Petersburg",
    "1905": "1905 Treaty of Portsmouth",
    "1945": "1945 (after the Soviet occupation)",
}
KEY_LABELS = {
    "etorofu": "Etorofu/Iturup",
    "kunashiri": "Kunashiri/Kunashir",
    "shikotan": "Shikotan",
    "habomai": "the Habomai",
    "urup": "Urup",
    "kuril-north": "the northern Kurils (Shumshu to Simushir)",
    "sakhalin-south": "South Sakhalin (south of 50°N)",
    "sakhalin-north": "North Sakhalin (north of 50°N)",
}
STATE_NAMES = {"JPN": "Japan", "RUS": "Russia", "JOINT": "undivided (no border)",
               "UND": "undetermined attribution"}
# Who holds a key in a view: the holders of the timeline, and the points of view's
# "undetermined" (geo.views.viewpoints), in display order.
VIEW_HOLDERS: tuple[str, ...] = (*HOLDERS, "UND")
LINE_LABELS = {"shimoda-1855": "1855 boundary", "saint-petersburg-1875": "1875 boundary",
               "portsmouth-1905": "1905 boundary (50°N)"}
CONTEXT_NOTE = ("Other land is coloured by today's borders. Russia includes the Russian "
                "Empire (to 1917) and the Soviet Union (1922–1991).")


@dataclass(frozen=True, eq=False)
class HistoricalView:
    """The map as it stood at the end of ``date`` (after that day's events)."""
    id: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    title: str
    short_title: str
    description: str
    holders: dict[str, str]  # holder key (geo.data.events.HOLDER_KEYS) -> JPN | RUS | JOINT
    features: dict[str, str]  # map feature id -> holder (geo.analysis.treaty_lines.feature_holders)
    lines: tuple[str, ...]  # treaty lines in force (geo.data.events.TREATY_LINES ids)
    events: tuple[str, ...]  # ids of the events that define the view
    sources: tuple[str, ...] = field(default=())  # no annotation defines it as a whole

    historical = True

    def holder(self, island: str) -> str:
        return self.holders[island]

    def is_disputed(self, island: str) -> bool:
        return False  # who held it then; the claims of each side are in the events' sources

    def holder_of_feature(self, fid: str) -> str | None:
        return self.features.get(fid)

    def decided_holders(self, gaz=None) -> dict[str, str]:
        """The holder of each feature the view decides (the four islands and their islets,
        Urup, the northern Kurils, the halves of Sakhalin); see geo.views.present.holder_of."""
        return dict(self.features)


def is_historical(scenario: object) -> bool:
    return isinstance(scenario, HistoricalView)


def holders_summary(holders: dict[str, str]) -> list[str]:
    """One plain-text line per holder: "Japan: Etorofu/Iturup, …", JPN, RUS, JOINT order."""
    out = []
    for code in VIEW_HOLDERS:
        keys = [KEY_LABELS[k] for k in HOLDER_KEYS if holders.get(k) == code]
        if keys:
            who = {"JOINT": "Undivided, no border", "UND": "Attribution undetermined"}.get(
                code, f"Held by {STATE_NAMES.get(code, code)}")
            out.append(f"{who}: {', '.join(keys)}")
    return out


def view_at(date: str, timeline: Timeline | None = None, *, vid: str | None = None,
            title: str | None = None, short_title: str | None = None,
            description: str | None = None, events: tuple[str, ...] | None = None
            ) -> HistoricalView:
    """The map at ``date`` (text YYYY[-MM[-DD]]); ValueError for a bad or too early date."""
    tl = timeline or default_timeline()
    holders = tl.holders_at(date)
    day = parse_date(date)[0]
    if events is None:
        events = tuple(e.id for e in tl.events if e.date == date)
    return HistoricalView(
        id=vid or f"date-{date}", date=date, title=title or f"The map on {date}",
        short_title=short_title or date,
        description=description or "; ".join(holders_summary(holders)) + ".",
        holders=holders, features=feature_holders(holders), lines=tuple(tl.boundaries_at(day)),
        events=tuple(events))


def defining_events(key: str, timeline: Timeline | None = None) -> tuple[str, ...]:
    """Ids of the events behind a historical scenario: those that changed holders since
    the previous scenario's date, up to its own (the treaty itself for 1855–1905)."""
    tl = timeline or default_timeline()
    keys = list(HISTORICAL)
    sc = HISTORICAL[key]
    i = keys.index(key)
    lo = HISTORICAL[keys[i - 1]].day + _dt.timedelta(days=1) if i else _dt.date.min
    ids = [e.id for e in tl.holder_events if lo <= e.start <= sc.day]
    if sc.event not in ids:
        ids.append(sc.event)
    return tuple(ids)


@stamped(timeline_files, maxsize=4)
def historical_views() -> tuple[HistoricalView, ...]:
    """The four historical scenarios of the Map page, oldest first (cached while the
    files of the data folder's timeline are unchanged:
    :func:`geo.data.events.timeline_files`, :func:`geo.data.cache.stamped`)."""
    tl = default_timeline()
    out = []
    for key, sc in HISTORICAL.items():
        ev = tl.get(sc.event)
        title = f"{HIST_TITLES[key]}: the map on {sc.date}"
        out.append(view_at(sc.date, tl, vid=f"{HIST_PREFIX}{key}", title=title,
                           short_title=HIST_TITLES[key], description=ev.summary.strip(),
                           events=defining_events(key, tl)))
    return tuple(out)


def with_historical(present):
    """The present-day scenarios (a :class:`geo.views.present.Scenarios`) followed by the
    historical views, as one collection of the same type."""
    return replace(present, items=(*present.items, *historical_views()))


def with_views(present, points_of_view=()):
    """The present-day scenarios, the historical views and the points of view
    (:mod:`geo.views.viewpoints`), as one collection of the same type."""
    return replace(present, items=(*present.items, *historical_views(), *points_of_view))


# --- figures --------------------------------------------------------------------

@dataclass(frozen=True)
class KeyArea:
    key: str
    label: str
    holder: str
    km2: float


@dataclass(frozen=True)
class HistoryFigures:
    date: str
    rows: tuple[KeyArea, ...]
    by_holder: dict[str, float]  # JPN, RUS, JOINT -> km²

    @property
    def total_km2(self) -> float:
        return sum(self.by_holder.values())


@lru_cache(maxsize=8)
def _key_areas(atlas: Atlas) -> dict[str, float]:
    geoms = holder_geometries(atlas)
    return {k: area_km2(geoms[k]) for k in HOLDER_KEYS}


def figures(view: HistoricalView, atlas: Atlas | None = None) -> HistoryFigures:
    """Geodesic area (inland water included) held by each state among the four
    islands, Urup, the northern Kurils and Sakhalin, at the view's date."""
    areas = _key_areas(atlas or load_atlas())
    rows = tuple(KeyArea(k, KEY_LABELS[k], view.holders[k], areas[k]) for k in HOLDER_KEYS)
    by = {h: 0.0 for h in VIEW_HOLDERS}
    for r in rows:
        by[r.holder] += r.km2
    return HistoryFigures(view.date, rows, by)


# --- events and their sources ------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    event: Event
    quotes: tuple[AttributedQuote, ...]
    refs: tuple[Ref, ...]
    changes: str  # plain text: what changed hands ("" if nothing)


def entry(event: Event, timeline: Timeline, corpus) -> Entry:
    quotes = [attributed(corpus, aid) for aid in event.annotations]
    refs = tuple(shown(k, timeline.references[k]) for k in event.refs)
    changes = ""
    if event.holders:
        changes = "After this: " + "; ".join(
            (f"{KEY_LABELS[k]} undivided (no border)" if h == 'JOINT' else f"{KEY_LABELS[k]} held by {STATE_NAMES[h]}")
            for k, h in event.holders.items()) + "."
    return Entry(event, tuple(quotes), refs, changes)


def entries(timeline: Timeline, corpus, ids: list[str] | tuple[str, ...] | None = None
            ) -> list[Entry]:
    """The events (all, or those ``ids``) in date order, with their sources."""
    events = timeline.events if ids is None else [e for e in timeline.events if e.id in set(ids)]
    return [entry(e, timeline, corpus) for e in events]


def timeline_dates(timeline: Timeline | None = None) -> list[str]:
    """The distinct event dates one can pick, in order (from the first with holders)."""
    tl = timeline or default_timeline()
    first = tl.first_holders_date
    return list(dict.fromkeys(e.date for e in tl.events if e.start >= first))


def line_label(line_id: str) -> str:
    return LINE_LABELS.get(line_id, TREATY_LINES[line_id].title)
