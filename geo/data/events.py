"""The treaty timeline: who held what, when (``data/events.yaml``).

``data/events.yaml`` lists dated, sourced events. Events that change who
holds territory carry ``holders`` (the holder *after* the event) for some of
the keys in :data:`HOLDER_KEYS`; applying them in date order gives the map at
any date (:meth:`Timeline.holders_at`). :func:`load_events` validates the file
against the gazetteer, the annotation corpus and the file's own references;
every error is a :class:`~geo.errors.DataError` naming the file, the event id
and the field. The treaty lines' specifications (:data:`TREATY_LINES`) and the
historical scenarios (:data:`HISTORICAL`) are here because the file must hold the
events they are built on; their geometry is :mod:`geo.analysis.treaty_lines`.
"""
from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import (
    Field,
    ValidationError,
    model_validator,
)

from geo import data_dir
from geo.errors import DataError, UnknownIdError
from geo.data.loading import expect_mapping, load_yaml, validation_error
from geo.data.cache import stamped
from geo.data.corpus import Corpus, corpus_files, default_corpus
from geo.data.gazetteer import Gazetteer, load_gazetteer
from geo.data.references import REFERENCES_FILE, shared_references_path, with_shared
from geo.data.schema import DateText, StableId, Strict, Text, TText, TTitle, parse_date
from geo.i18n import N_
from geo.references import Reference

EVENTS_FILE = "events.yaml"


def events_path() -> Path:
    """``events.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / EVENTS_FILE


Holder = Literal["JPN", "RUS", "JOINT"]
HolderKey = Literal["etorofu", "kunashiri", "shikotan", "habomai", "urup", "kuril-north",
                    "sakhalin-south", "sakhalin-north"]
HOLDERS: tuple[str, ...] = ("JPN", "RUS", "JOINT")
HOLDER_KEYS: tuple[str, ...] = ("etorofu", "kunashiri", "shikotan", "habomai", "urup",
                                "kuril-north", "sakhalin-south", "sakhalin-north")

# Sakhalin is one feature in the layers; its halves (cut at 50°N) are exposed
# under these ids by feature_holders() and holder_geometries().
SAKHALIN = "sakhalin"
SAKHALIN_SOUTH = "sakhalin-south"
SAKHALIN_NORTH = "sakhalin-north"
PORTSMOUTH_LATITUDE = 50.0


def _as_start(value: str | int | _dt.date) -> _dt.date:
    return parse_date(value)[0]


# --- schema ---------------------------------------------------------------------

class Event(Strict):
    id: StableId
    date: DateText
    until: DateText | None = None  # an event that lasted (e.g. 1947 to 1949): its last date
    title: TTitle
    summary: TText
    features: list[str] = Field(min_length=1, max_length=100)
    annotations: list[str] = Field(default=[], max_length=100)
    refs: list[str] = Field(default=[], max_length=100)
    holders: dict[HolderKey, Holder] | None = None
    boundary: Text | None = None

    @property
    def start(self) -> _dt.date:
        """First day of the event's date (partial dates sort at their start)."""
        return parse_date(self.date)[0]

    @property
    def end(self) -> _dt.date:
        """Last day of the event (of ``until`` if given, else of its date)."""
        return parse_date(self.until or self.date)[1]

    @property
    def span(self) -> str:
        """The date as shown: '1947–1949' for an event with ``until``, else its date."""
        return f"{self.date}–{self.until}" if self.until else self.date

    @model_validator(mode="after")
    def _until_after_date(self) -> "Event":
        if self.until is not None and parse_date(self.until)[1] < parse_date(self.date)[0]:
            raise ValueError(f"until ({self.until}) is before the date ({self.date})")
        return self

    @property
    def year(self) -> int:
        return int(self.date[:4])


class EventsFile(Strict):
    references: dict[StableId, Reference] = {}
    events: list[Event]


@dataclass(frozen=True)
class Timeline:
    """Validated events, sorted by date (ties keep file order)."""
    path: Path
    references: dict[str, Reference]
    events: tuple[Event, ...]
    by_id: dict[str, Event] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {e.id: e for e in self.events})

    def __len__(self) -> int:
        return len(self.events)

    def get(self, event_id: str) -> Event:
        try:
            return self.by_id[event_id]
        except KeyError:
            raise UnknownIdError("event", event_id, self.by_id) from None

    @property
    def holder_events(self) -> tuple[Event, ...]:
        """The events that change who holds territory, in date order."""
        return tuple(e for e in self.events if e.holders)

    @property
    def first_holders_date(self) -> _dt.date:
        return self.holder_events[0].start

    def holders_at(self, date: str | int | _dt.date) -> dict[str, str]:
        """Who held each key at ``date`` (after that day's events).

        ``date`` is a :class:`datetime.date` or text YYYY[-MM[-DD]]; a partial
        date means its first day. Raises ValueError for a date before the first
        event with holders.
        """
        when = _as_start(date)
        if when < self.first_holders_date:
            first = self.holder_events[0]
            raise ValueError(f"no holders before {first.date} ({first.title}); "
                             f"got {when.isoformat()}")
        state: dict[str, str] = {}
        for e in self.holder_events:
            if e.start > when:
                break
            state.update(e.holders or {})
        return {k: state[k] for k in HOLDER_KEYS}

    def events_between(self, a: str | int | _dt.date, b: str | int | _dt.date) -> list[Event]:
        """Events dated from ``a`` to ``b``, both included, in date order.

        A partial ``a`` counts from its first day, a partial ``b`` to its last
        (``events_between("1956", "1956")`` is every event of 1956). An event
        is included if its (start) date falls in the range.
        """
        lo, hi = parse_date(a)[0], parse_date(b)[1]
        if hi < lo:
            raise ValueError(f"empty range: {a} is after {b}")
        return [e for e in self.events if lo <= e.start <= hi]

    def boundaries_at(self, date: str | int | _dt.date) -> list[str]:
        """Ids of the treaty lines (see :data:`TREATY_LINES`) in force at ``date``.

        A line is in force when the keys on its sides are held as the treaty
        that drew it left them (so the 1855 line from 1855 to 1875, the 1905
        line until the Soviet takeover of South Sakhalin in August 1945).
        """
        holders = self.holders_at(date)
        when = _as_start(date)
        out = []
        for lid, spec in TREATY_LINES.items():
            ev = self.by_id.get(spec.event)
            if ev is None or ev.start > when:
                continue
            after = self.holders_at(ev.start)
            if all(holders[k] == after[k] for k in spec.sides):
                out.append(lid)
        return out


# --- loading ----------------------------------------------------------------------

def _hint(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def load_events(path: Path | None = None, gazetteer: Gazetteer | None = None,
                corpus: Corpus | None = None, *, check_annotations: bool = True,
                views: bool = True) -> Timeline:
    """Load and validate the events file.

    Checks the schema (unknown fields refused), unique ids, real dates, that
    every feature id is in the gazetteer, every annotation id in the corpus and
    every ref a key of ``references``, that each event cites a source, and that
    the first event with holders sets every key. ``gazetteer`` and ``corpus``
    default to the data folder's ones, ``path`` to :func:`events_path`
    (resolved at each call). With ``check_annotations=False`` the annotation
    ids are not checked (and no corpus is loaded). With ``views`` (the default), the
    events the app's historical views and treaty lines need must be there
    (:func:`_check_needed`); a partial timeline (a test's) passes ``views=False``.
    """
    path = Path(path) if path is not None else events_path()
    ydoc = load_yaml(path)
    data = expect_mapping(ydoc, ("references", "events"))

    def where(i: int | None) -> str:
        line = ydoc.line(["events", i]) if i is not None else None
        return f" (line {line})" if line is not None else ""

    try:
        doc = EventsFile.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, exc, ydoc) from None

    references = with_shared(doc.references, path, ydoc)
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    if not check_annotations:
        ann_ids = None
    else:
        if corpus is None:
            corpus = default_corpus()
        ann_ids = corpus.by_id

    seen: set[str] = set()
    for i, e in enumerate(doc.events):
        def fail(fname: str, msg: str, i: int = i, e: Event = e) -> DataError:
            return DataError(path, msg + where(i), item=e.id, field=fname)

        if e.id in seen:
            raise fail("id", "duplicate id")
        seen.add(e.id)
        for fid in e.features:
            if fid not in gaz:
                raise fail("features", f"unknown feature '{fid}' (not in the gazetteer)"
                                       f"{_hint(fid, gaz.ids)}")
        for aid in e.annotations:
            if ann_ids is not None and aid not in ann_ids:
                raise fail("annotations", f"unknown annotation '{aid}' (not in the "
                                          f"annotation corpus){_hint(aid, ann_ids)}")
        for j, ref in enumerate(e.refs):
            if ref not in references:
                raise fail(f"refs.{j}", f"unknown reference '{ref}' (not a key of 'references' "
                                        f"in {path.name} or {REFERENCES_FILE})"
                                        f"{_hint(ref, references)}")
        if not e.annotations and not e.refs:
            raise fail("refs", "no source: give annotations (quote ids) or refs "
                               "(reference keys)")
        for fname, ids in (("features", e.features), ("annotations", e.annotations),
                           ("refs", e.refs)):
            dup = sorted({x for x in ids if ids.count(x) > 1})
            if dup:
                raise fail(fname, f"listed twice: {', '.join(dup)}")

    order = sorted(range(len(doc.events)), key=lambda i: (doc.events[i].start, i))
    events = tuple(doc.events[i] for i in order)
    first = next((e for e in events if e.holders), None)
    if first is None:
        raise DataError(path, "no event gives holders", field="holders")
    missing = [k for k in HOLDER_KEYS if k not in (first.holders or {})]
    if missing:
        i = doc.events.index(first)
        raise DataError(path, f"the first event with holders must set every key; missing "
                              f"{', '.join(missing)}{where(i)}", item=first.id, field="holders")
    if views:
        _check_needed(path, events, first)
    return Timeline(path=path, references=references, events=events)


def _check_needed(path: Path, events: tuple[Event, ...], first: Event) -> None:
    """What the app's views need of the file, checked at load so that a file that loads
    never breaks a page later: the events the historical views and the treaty lines
    are built on exist, and each historical view's date has holders."""
    ids = {e.id for e in events}
    needs = [(f"the {key} historical view", sc.event, sc.day)
             for key, sc in HISTORICAL.items()]
    needs += [(f"the treaty line {lid}", spec.event, None) for lid, spec in TREATY_LINES.items()]
    for what, eid, day in needs:
        if eid not in ids:
            raise DataError(path, f"{what} is built on the event '{eid}', which is missing "
                                  f"(an event renamed or removed?){_hint(eid, ids)}",
                            item=eid, field="id")
        if day is not None and day < first.start:
            raise DataError(path, f"{what} shows the map on {day.isoformat()}, but the first "
                                  f"event with holders ('{first.id}') is dated {first.date}: "
                                  f"no holders are known on that date", item=first.id,
                            field="date")


def timeline_files() -> tuple[Path, ...]:
    """The files :func:`default_timeline` rests on: events.yaml, the shared references
    beside it and :func:`geo.data.corpus.corpus_files` (the gazetteer among them)."""
    return (events_path(), shared_references_path(events_path()), *corpus_files())


@stamped(timeline_files, maxsize=4)
def default_timeline() -> Timeline:
    """The timeline of the data folder, read again only once one of
    :func:`timeline_files` changes (:func:`geo.data.cache.stamped`). A broken annotation
    corpus does not stop it from loading: the cited annotation ids are then not checked
    (the corpus's own error is shown wherever quotes are)."""
    gazetteer = load_gazetteer()
    try:
        corpus = default_corpus()
    except DataError:  # reported by the pages that show quotes
        return load_events(events_path(), gazetteer, check_annotations=False)
    return load_events(events_path(), gazetteer, corpus)


# --- historical scenarios ----------------------------------------------------------

@dataclass(frozen=True)
class HistoricalScenario:
    key: str
    date: str  # YYYY-MM-DD: the map as it stood at the end of that day
    title: str
    event: str  # id of the event in data/events.yaml the scenario shows

    @property
    def day(self) -> _dt.date:
        return _as_start(self.date)


HISTORICAL: dict[str, HistoricalScenario] = {
    "1855": HistoricalScenario("1855", "1855-02-07", "1855: Treaty of Shimoda",
                               "treaty-shimoda-1855"),
    "1875": HistoricalScenario("1875", "1875-05-07", "1875: Treaty of Saint Petersburg",
                               "treaty-saint-petersburg-1875"),
    "1905": HistoricalScenario("1905", "1905-09-05", "1905: Treaty of Portsmouth",
                               "treaty-portsmouth-1905"),
    "1945": HistoricalScenario("1945", "1945-09-05",
                               "1945: after the Soviet occupation of the Habomai",
                               "soviet-landing-habomai-1945"),
}


def historical_scenario(year_key: str | int) -> HistoricalScenario:
    key = str(year_key)
    try:
        return HISTORICAL[key]
    except KeyError:
        raise UnknownIdError("historical scenario", key, HISTORICAL) from None


def historical_holders(year_key: str | int, timeline: Timeline | None = None) -> dict[str, str]:
    """Holders in a historical scenario ('1855', '1875', '1905' or '1945')."""
    sc = historical_scenario(year_key)
    return (timeline or default_timeline()).holders_at(sc.day)


# --- treaty boundary lines ----------------------------------------------------------

@dataclass(frozen=True)
class LineSpec:
    title: str
    event: str  # treaty event id in data/events.yaml
    sides: tuple[str, ...]  # holder keys whose holders the line separates
    description: str
    method: str


ILLUSTRATIVE = N_("illustrative: the treaty names the islands, not a line")

TREATY_LINES: dict[str, LineSpec] = {
    "shimoda-1855": LineSpec(
        N_("1855 boundary between Etorofu and Urup (Treaty of Shimoda)"), "treaty-shimoda-1855",
        ("etorofu", "urup"), ILLUSTRATIVE,
        "perpendicular bisector of the Vries Strait narrows (Etorofu-Urup)"),
    "saint-petersburg-1875": LineSpec(
        N_("1875 boundary between Shumshu and Kamchatka (Treaty of Saint Petersburg)"),
        "treaty-saint-petersburg-1875", ("kuril-north",), ILLUSTRATIVE,
        "perpendicular bisector of the First Kuril Strait narrows (Shumshu-Kamchatka)"),
    "portsmouth-1905": LineSpec(
        N_("1905 boundary at 50°N across Sakhalin (Treaty of Portsmouth)"),
        "treaty-portsmouth-1905", ("sakhalin-south", "sakhalin-north"),
        N_("the 50th parallel, which the treaty names as the northern limit of the ceded part"),
        "the 50th parallel between its westernmost and easternmost crossings of the "
        "Sakhalin coast"),
}
