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
from geo.data.names import heading
from geo.i18n import DEFAULT as DEFAULT_LANG, LANGS, N_, Text, translator
from geo.references import Ref, shown

HIST_PREFIX = "hist-"
HIST_TITLES = {  # short titles, as offered in the scenario selector
    "1855": N_("1855 Treaty of Shimoda"),
    "1875": N_("1875 Treaty of Saint Petersburg"),
    "1905": N_("1905 Treaty of Portsmouth"),
    "1945": N_("1945 (after the Soviet occupation)"),
}
KEY_LABELS = {
    "etorofu": N_("Etorofu/Iturup"),
    "kunashiri": N_("Kunashiri/Kunashir"),
    "shikotan": N_("Shikotan"),
    "habomai": N_("the Habomai"),
    "urup": N_("Urup"),
    "kuril-north": N_("the northern and middle Kurils (Shumshu to Chirpoy and Brat Chirpoyev)"),
    "sakhalin-south": N_("South Sakhalin (south of 50°N)"),
    "sakhalin-north": N_("North Sakhalin (north of 50°N)"),
}
STATE_NAMES = {"JPN": N_("Japan"), "RUS": N_("Russia"), "JOINT": N_("undivided (no border)"),
               "UND": N_("undetermined attribution")}
# Who holds a key in a view: the holders of the timeline, and the points of view's
# "undetermined" (geo.views.viewpoints), in display order.
VIEW_HOLDERS: tuple[str, ...] = (*HOLDERS, "UND")
LINE_LABELS = {"shimoda-1855": N_("1855 boundary"), "saint-petersburg-1875": N_("1875 boundary"),
               "portsmouth-1905": N_("1905 boundary (50°N)")}
CONTEXT_NOTE = N_("Other land is coloured by today's borders. Russia includes the Russian "
                  "Empire (to 1917) and the Soviet Union (1922–1991).")


def in_langs(make) -> Text:
    """A text of the app's own (``make(lang)`` for each language) as a data text
    (:class:`geo.i18n.Text`): the English as the str, the others as its translations, so
    that ``text_in(view.title, lang)`` serves a historical view as it serves the data's."""
    return Text(make("en"), {lang: make(lang) for lang in LANGS if lang != "en"})


def key_label(key: str, lang: str = "en", names: str | None = None, gaz=None) -> str:
    """A holder key's name (plain text): a key that is a gazetteer feature named in the
    reader's convention (:func:`geo.data.names.place_name`; in English with both, or with
    no ``names``/``gaz``, the label of :data:`KEY_LABELS`), the others translated."""
    if (names is not None and gaz is not None and key in gaz
            and not (names == "both" and lang == DEFAULT_LANG)):
        return heading(gaz.get(key), names)
    return translator(lang)(KEY_LABELS[key])


def state_name(code: str, lang: str = "en") -> str:
    """A holder code's name in a historical sentence: Japan, Russia, undivided (no border)."""
    return translator(lang)(STATE_NAMES[code]) if code in STATE_NAMES else code


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


def holders_summary(holders: dict[str, str], lang: str = "en", names: str | None = None,
                    gaz=None) -> list[str]:
    """One plain-text line per holder: "Japan: Etorofu/Iturup, …", JPN, RUS, JOINT order
    (the keys named as :func:`key_label` names them)."""
    _ = translator(lang)
    out = []
    for code in VIEW_HOLDERS:
        keys = [key_label(k, lang, names, gaz) for k in HOLDER_KEYS if holders.get(k) == code]
        if keys:
            listed = _(", ").join(keys)
            if code == "JOINT":
                out.append(_("Undivided, no border: {keys}", keys=listed))
            elif code == "UND":
                out.append(_("Attribution undetermined: {keys}", keys=listed))
            else:
                out.append(_("Held by {state}: {keys}", state=state_name(code, lang),
                             keys=listed))
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
        id=vid or f"date-{date}", date=date,
        title=title or in_langs(lambda lang: _map_on(date, lang)),
        short_title=short_title or in_langs(lambda lang: translator(lang).date(date)),
        description=description or in_langs(lambda lang: _summary(holders, lang)),
        holders=holders, features=feature_holders(holders), lines=tuple(tl.boundaries_at(day)),
        events=tuple(events))


def _map_on(date: str, lang: str, title: str | None = None) -> str:
    """'The map on 1905-09-05', or after a historical scenario's title (``title``: a
    message of :data:`HIST_TITLES`)."""
    _ = translator(lang)
    if title is None:
        return _("The map on {date}", date=_.date(date))
    return _("{title}: the map on {date}", title=_(title), date=_.date(date))


def _summary(holders: dict[str, str], lang: str) -> str:
    _ = translator(lang)
    return _("{summary}.", summary=_("; ").join(holders_summary(holders, lang)))


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
        title = in_langs(lambda lang, key=key, sc=sc: _map_on(sc.date, lang, HIST_TITLES[key]))
        short = in_langs(lambda lang, key=key: translator(lang)(HIST_TITLES[key]))
        out.append(view_at(sc.date, tl, vid=f"{HIST_PREFIX}{key}", title=title,
                           short_title=short, description=_stripped(ev.summary),
                           events=defining_events(key, tl)))
    return tuple(out)


def _stripped(text):
    """A data text without its surrounding blanks, in every language it has."""
    if isinstance(text, Text):
        return Text(str(text).strip(), {k: v.strip() for k, v in text.translations.items()})
    return text.strip()


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


def entry(event: Event, timeline: Timeline, corpus, *, lang: str = "en",
          names: str | None = None, gaz=None) -> Entry:
    """An event with its sources; ``changes`` in ``lang`` (the keys named as
    :func:`key_label` names them)."""
    _ = translator(lang)
    quotes = [attributed(corpus, aid) for aid in event.annotations]
    refs = tuple(shown(k, timeline.references[k]) for k in event.refs)
    changes = ""
    if event.holders:
        changes = _("After this: {changes}.", changes=_("; ").join(
            (_("{key} undivided (no border)", key=key_label(k, lang, names, gaz)) if h == "JOINT"
             else _("{key} held by {state}", key=key_label(k, lang, names, gaz),
                    state=state_name(h, lang)))
            for k, h in event.holders.items()))
    return Entry(event, tuple(quotes), refs, changes)


def entries(timeline: Timeline, corpus, ids: list[str] | tuple[str, ...] | None = None,
            *, lang: str = "en", names: str | None = None, gaz=None) -> list[Entry]:
    """The events (all, or those ``ids``) in date order, with their sources."""
    events = timeline.events if ids is None else [e for e in timeline.events if e.id in set(ids)]
    return [entry(e, timeline, corpus, lang=lang, names=names, gaz=gaz) for e in events]


def timeline_dates(timeline: Timeline | None = None) -> list[str]:
    """The distinct event dates one can pick, in order (from the first with holders)."""
    tl = timeline or default_timeline()
    first = tl.first_holders_date
    return list(dict.fromkeys(e.date for e in tl.events if e.start >= first))


def line_label(line_id: str, lang: str = "en") -> str:
    if line_id in LINE_LABELS:
        return translator(lang)(LINE_LABELS[line_id])
    return translator(lang)(TREATY_LINES[line_id].title)
