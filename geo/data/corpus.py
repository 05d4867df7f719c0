"""Annotations: short, attributed, verbatim quotes from the source documents.

``data/sources.yaml`` lists the documents (kept outside the project, in
``../shared/sources``) and ``data/annotations.yaml`` the quotes drawn from
them, each linked to gazetteer features. :func:`load_corpus` validates both
files against the schema, the gazetteer and the documents themselves: every
quote must appear verbatim in its document once whitespace, typographic quote
marks and dashes are normalised (:func:`normalise`). Every error is a
:class:`~geo.errors.DataError` naming the file, the id and the field.

Command line (see :func:`main`)::

    python -m geo.annotations show FEATURE_ID
    python -m geo.annotations check
    python -m geo.annotations suggest FILE [--context N]
"""
from __future__ import annotations

import argparse
import bisect
import difflib
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Sequence

from pydantic import (
    BaseModel,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from geo import data_dir, file_stamp, sources_dir
from geo.data.attribution import PARTIES, Attribution, Party, attribution_path, load_attribution
from geo.errors import DataError
from geo.data.loading import (MAX_DOCUMENT_BYTES, YamlDoc, decode_text, expect_list, load_yaml,
                         read_bytes, read_text, validation_error)
from geo.data.loading import quoted as _quoted
from geo.data import schema as _schema
from geo.data.gazetteer import Gazetteer, load_gazetteer
from geo.data.schema import check_date  # noqa: F401  (part of this module's API)

if TYPE_CHECKING:
    from geo.analysis.cards import FeatureCard

SOURCES_FILE = "sources.yaml"
ANNOTATIONS_FILE = "annotations.yaml"


def default_sources_path() -> Path:
    """``sources.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / SOURCES_FILE


def default_annotations_path() -> Path:
    """``annotations.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / ANNOTATIONS_FILE


MAX_QUOTE_CHARS = 400

# The parties a statement is filed under, in display order (their labels and the rule
# that decides them are data: data/attribution.yaml, geo.data.attribution). ``side`` records
# whose position the statement expresses, never the app's own verdict.
SIDES: tuple[str, ...] = PARTIES
TOPICS: dict[str, str] = {
    "names": "Names",
    "sovereignty": "Sovereignty",
    "treaty": "Peace treaty",
    "declaration-1956": "1956 Joint Declaration",
    "security": "Security and US bases",
    "straits": "Straits",
    "resources": "Resources",
    "economy": "Economy",
    "public-opinion": "Public opinion",
    "incidents": "Incidents",
}
Side = Party
Topic = Literal["names", "sovereignty", "treaty", "declaration-1956", "security", "straits",
                "resources", "economy", "public-opinion", "incidents"]

# --- normalisation used to compare quotes with documents ---------------------

_TYPOGRAPHY = str.maketrans(
    {**{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"},   # “ ” „ ‟ « » ″
     **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"},               # ‘ ’ ‚ ‛ ′
     **{c: "-" for c in "\u2013\u2014\u2012\u2015\u2212"}})              # – — ‒ ― −
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as quotes are compared: whitespace runs become one space, typographic
    quote marks become straight ones and dashes become '-'. Nothing else changes."""
    return _WS.sub(" ", text.translate(_TYPOGRAPHY))


Text = _schema.Text
Id = _schema.StableId
Date = _schema.DateText


# --- schema -------------------------------------------------------------------

_Strict = _schema.Strict


class Source(_Strict):
    """One source document (``data/sources.yaml``). ``kind`` says what the text is (an
    opinion essay, a news analysis, a digest), as the text shows it; ``outlets`` are the
    ids of its outlets in data/attribution.yaml, where each is described by facts."""
    id: Id
    file: str
    title: _schema.Title
    author: _schema.Name | None
    outlet: _schema.Title
    outlets: list[Id] = Field(min_length=1)
    date: Date
    date_note: _schema.Note = ""
    kind: _schema.Title
    note: _schema.Note = ""

    @field_validator("file")
    @classmethod
    def _plain_file_name(cls, v: str) -> str:
        plain = (v.strip() and len(v) <= 255 and "/" not in v and "\\" not in v
                 and not v.startswith(".") and all(c.isprintable() for c in v))
        if not plain:
            raise ValueError(f"{_quoted(v)} must be a plain file name inside the documents "
                             "folder (no folder, no control or NUL character)")
        return v


class EditorNote(_Strict):
    """The app's own note beside a quote (a correction, a missing fact), citing references
    (keys of ``references`` in data/attribution.yaml) or, for a note on the document's own
    text, the source document. Never inside the quote marks."""
    text: _schema.Text
    refs: list[Id] = []
    documents: list[Id] = []

    @model_validator(mode="after")
    def _cited(self) -> "EditorNote":
        if not self.refs and not self.documents:
            raise ValueError("a note needs a reference: give refs (keys of 'references' in "
                             "attribution.yaml) or documents (source ids)")
        return self


class Annotation(_Strict):
    """One verbatim quote (``data/annotations.yaml``), attributed and linked to features.

    ``said`` is when it was said or published, never after its document's date, and
    ``null`` when the document reports it without a date (the field must be given:
    an editor decides); ``refers_to``, optional, the date of what it is about (never
    after ``said``, or the document's date when ``said`` is null)."""
    id: Id
    source: str
    features: list[str] = Field(max_length=100)
    quote: str
    speaker: _schema.Name
    speaker_role: _schema.Title
    side: Side
    topic: Topic
    said: Date | None
    refers_to: Date | None = None
    reported: bool
    note: EditorNote | None = None

    @field_validator("features")
    @classmethod
    def _features(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("list at least one feature id")
        dup = [f for f, n in Counter(v).items() if n > 1]
        if dup:
            raise ValueError(f"feature '{dup[0]}' is listed twice")
        return v

    @field_validator("quote")
    @classmethod
    def _quote(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the quote is empty")
        _schema.check_no_controls(v)
        if len(v) > MAX_QUOTE_CHARS:
            raise ValueError(f"the quote is {len(v)} characters long; at most "
                             f"{MAX_QUOTE_CHARS} allowed (quote less)")
        return v

    @property
    def attribution(self) -> str:
        """Who says it, e.g. 'Dmitry Peskov (Kremlin spokesman)'."""
        return f"{self.speaker} ({self.speaker_role})"


# --- reading the two files ------------------------------------------------------

def _read_list(path: Path) -> YamlDoc:
    """A YAML list of mappings (bounded, strict: see geo.data.loading)."""
    doc = load_yaml(path)
    expect_list(doc)
    return doc


def _validate(model: type[BaseModel], path: Path, doc: YamlDoc) -> list:
    out = []
    for i, entry in enumerate(doc.data):
        if not isinstance(entry, dict):
            raise DataError(path, f"expected a mapping with an 'id' (line {doc.line([i])})",
                            item=f"#{i + 1}")
        try:
            out.append(model.model_validate(entry))
        except ValidationError as exc:
            raise validation_error(path, exc, doc, base=(i,)) from None
    return out


# --- the corpus -------------------------------------------------------------------

def related_ids(gazetteer: Gazetteer, fid: str) -> list[str]:
    """The ids whose annotations concern a feature itself, the feature first: the
    feature and, for a group, all its members (groups within it included, e.g. the
    Habomai inside the four islands)."""
    gazetteer.get(fid)  # KeyError for an unknown id
    out: dict[str, None] = {fid: None}

    def down(g: str) -> None:
        geom = gazetteer.get(g).geometry
        for m in (geom.members if geom is not None and geom.members else []):
            if m not in out:
                out[m] = None
                down(m)

    down(fid)
    return list(out)


def containing_ids(gazetteer: Gazetteer, fid: str) -> list[str]:
    """The groups a feature belongs to, nearest first: its ``part_of`` chain (a Habomai
    islet: the Habomai), then every other group listing it among its members (an island:
    the four islands, the Kuril chain). Their statements are about the group as a whole;
    a card shows them after the feature's own, folded."""
    gazetteer.get(fid)
    own = set(related_ids(gazetteer, fid))
    out: dict[str, None] = {}
    parent = gazetteer.get(fid).part_of
    while parent and parent not in out and parent not in own:
        out[parent] = None
        parent = gazetteer.get(parent).part_of
    for g in gazetteer.features:
        if g.id not in own and g.id not in out and fid in related_ids(gazetteer, g.id)[1:]:
            out[g.id] = None
    return list(out)


@dataclass(frozen=True)
class Corpus:
    """Validated sources and annotations."""
    sources: dict[str, Source]
    annotations: list[Annotation]
    sources_path: Path
    annotations_path: Path
    documents_dir: Path
    quotes_checked: bool
    attribution: Attribution
    by_id: dict[str, Annotation] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {a.id: a for a in self.annotations})

    def __len__(self) -> int:
        return len(self.annotations)

    def for_feature(self, fid: str, gazetteer: Gazetteer) -> list[Annotation]:
        """Annotations about the feature itself, in file order, each once: those linked
        to the feature and, for a group, to its members."""
        rel = set(related_ids(gazetteer, fid))
        return [a for a in self.annotations if rel.intersection(a.features)]

    def for_groups_of(self, fid: str, gazetteer: Gazetteer) -> list[Annotation]:
        """Annotations about the groups the feature belongs to (not already about the
        feature itself), in file order: shown after its own, folded."""
        own = set(related_ids(gazetteer, fid))
        groups = set(containing_ids(gazetteer, fid))
        return [a for a in self.annotations
                if groups.intersection(a.features) and not own.intersection(a.features)]

    def for_card(self, fid: str, gazetteer: Gazetteer) -> list[Annotation]:
        """Everything a feature's card shows: its own statements, then its groups'."""
        return self.for_feature(fid, gazetteer) + self.for_groups_of(fid, gazetteer)

    def document_path(self, source_id: str) -> Path:
        return self.documents_dir / self.sources[source_id].file

    def counts_by_source(self) -> dict[str, int]:
        c = Counter(a.source for a in self.annotations)
        return {sid: c[sid] for sid in self.sources}

    def counts_by_side(self, own_words: bool = False) -> dict[str, int]:
        """Statements per party; with ``own_words``, only those in the speaker's own words
        (not reported or paraphrased by the document)."""
        c = Counter(a.side for a in self.annotations if not (own_words and a.reported))
        return {s: c[s] for s in SIDES}

    def counts_by_topic(self) -> dict[str, int]:
        c = Counter(a.topic for a in self.annotations)
        return {t: c[t] for t in TOPICS}

    def counts_by_feature(self) -> dict[str, int]:
        """Annotations linked directly to each feature id (most first)."""
        c = Counter(f for a in self.annotations for f in a.features)
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


def _read_document(sources_path: Path, src: Source, documents_dir: Path) -> str:
    """A source document: a bounded regular UTF-8 file without NUL characters; any
    problem is reported against the source record that names it (sources.yaml)."""
    doc = Path(documents_dir) / src.file
    data = read_bytes(doc, "document file", MAX_DOCUMENT_BYTES, error_path=sources_path,
                      item=src.id, field="file")
    return decode_text(data, sources_path, "document", item=src.id, field="file",
                       shown=f": {doc}")


def _mismatch_hint(quote: str, doc: str) -> str:
    """Where a quote stops matching: the longest prefix found in the document."""
    lo, hi = 0, len(quote)  # invariant: quote[:lo] in doc
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in doc:
            lo = mid
        else:
            hi = mid - 1
    if lo < 10:
        return "no part of its beginning was found"
    return f"it matches up to \"...{quote[max(0, lo - 40):lo]}\" then differs"


def load_corpus(sources_path: Path | None = None, annotations_path: Path | None = None,
                gazetteer: Gazetteer | None = None, documents_dir: Path | None = None,
                check_quotes: bool = True, attribution_path: Path | None = None) -> Corpus:
    """Load and validate the sources and annotations.

    Checks the schema, unique ids, dates, that every source and feature id is
    known and, if ``check_quotes``, that every document is readable UTF-8 and
    holds each of its quotes verbatim (after :func:`normalise`). The editorial rules
    of data/attribution.yaml are checked too: every outlet and speaker is described
    there, a statement's side is one its speaker may be filed under, ``said`` is never
    after the document's date and ``refers_to`` never after ``said``, and an editorial
    note cites references that exist. The paths default to the data folder's files and
    ``geo.sources_dir()``, resolved at each call.
    """
    sources_path = Path(sources_path if sources_path is not None else default_sources_path())
    annotations_path = Path(annotations_path if annotations_path is not None
                            else default_annotations_path())
    documents_dir = Path(documents_dir) if documents_dir is not None else sources_dir()
    gaz = gazetteer if gazetteer is not None else load_gazetteer()

    sdoc = _read_list(sources_path)
    sources: dict[str, Source] = {}
    files: dict[str, str] = {}
    for i, src in enumerate(_validate(Source, sources_path, sdoc)):
        if src.id in sources:
            raise DataError(sources_path, f"duplicate id (line {sdoc.line([i])})", item=src.id,
                            field="id")
        if src.file in files:
            raise DataError(sources_path, f"file already used by source '{files[src.file]}' "
                                          f"(line {sdoc.line([i, 'file'])})", item=src.id,
                            field="file")
        sources[src.id] = src
        files[src.file] = src.id
    att = load_attribution(Path(attribution_path) if attribution_path is not None else None,
                           frozenset(sources))
    for i, src in enumerate(sources.values()):
        for j, oid in enumerate(src.outlets):
            if oid not in att.outlets:
                raise DataError(sources_path, f"unknown outlet '{oid}' (not among the outlets "
                                              f"of {Path(att.path).name}){_close(oid, att.outlets)} "
                                              f"(line {sdoc.line([i, 'outlets'])})",
                                item=src.id, field=f"outlets.{j}")

    docs: dict[str, str] = {}
    if check_quotes:
        for src in sources.values():
            docs[src.id] = normalise(_read_document(sources_path, src, documents_dir))

    adoc = _read_list(annotations_path)
    annotations: list[Annotation] = []
    seen: set[str] = set()
    for i, ann in enumerate(_validate(Annotation, annotations_path, adoc)):

        def fail(fname: str, msg: str, i: int = i, ann: Annotation = ann) -> DataError:
            return DataError(annotations_path, f"{msg} (line {adoc.line([i, fname])})",
                             item=ann.id, field=fname)

        if ann.id in seen:
            raise fail("id", "duplicate id")
        seen.add(ann.id)
        if ann.source not in sources:
            close = difflib.get_close_matches(ann.source, list(sources), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise fail("source",
                       f"unknown source '{ann.source}' (not in {sources_path.name}){hint}")
        for fid in ann.features:
            if fid not in gaz:
                close = difflib.get_close_matches(fid, gaz.ids, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise fail("features", f"unknown feature '{fid}' (not in the gazetteer){hint}")
        _check_rules(ann, sources[ann.source], att, fail, sources)
        if check_quotes:
            q = normalise(ann.quote).strip()
            if q not in docs[ann.source]:
                raise fail("quote", f"not found verbatim in {sources[ann.source].file} "
                                    f"({_mismatch_hint(q, docs[ann.source])})")
        annotations.append(ann)

    return Corpus(sources=sources, annotations=annotations, sources_path=sources_path,
                  annotations_path=annotations_path, documents_dir=documents_dir,
                  quotes_checked=check_quotes, attribution=att)


def _close(word: str, known) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_rules(ann: Annotation, src: Source, att: Attribution, fail,
                 sources: dict[str, Source]) -> None:
    """The editorial rules an annotation must keep (data/attribution.yaml)."""
    name = Path(att.path).name
    speaker = att.speakers.get(ann.speaker)
    if speaker is None:
        raise fail("speaker", f"unknown speaker '{ann.speaker}': every speaker needs an entry "
                              f"with an affiliation and a reference in {name} "
                              f"(speakers){_close(ann.speaker, att.speakers)}")
    if ann.side not in speaker.parties:
        allowed = ", ".join(speaker.parties)
        raise fail("side", f"'{ann.side}' is not a party {ann.speaker} may be filed under "
                           f"({allowed}): a statement is filed under the party whose position "
                           f"it expresses ({name}, rule)")
    published = _schema.parse_date(src.date)[1]
    said_end = published
    if ann.said is not None:
        said_start, said_end = _schema.parse_date(ann.said)
        if said_start > published:
            raise fail("said", f"'{ann.said}' is after its document's date ({src.date}): a "
                               "statement cannot be said after the text that reports it")
    if ann.refers_to is not None and _schema.parse_date(ann.refers_to)[0] > said_end:
        when = (f"'said' ({ann.said})" if ann.said is not None
                else f"its document's date ({src.date}; 'said' is not given)")
        raise fail("refers_to", f"'{ann.refers_to}' is after {when}: a statement refers to "
                                "what came before it")
    if ann.note is not None:
        for j, ref in enumerate(ann.note.refs):
            if ref not in att.references:
                raise fail("note", f"unknown reference '{ref}' in note.refs.{j} (not a key of "
                                   f"'references' in {name}){_close(ref, att.references)}")
        for j, sid in enumerate(ann.note.documents):
            if sid not in sources:
                raise fail("note", f"unknown source document '{sid}' in note.documents.{j}"
                                   f"{_close(sid, sources)}")


def corpus_key() -> tuple:
    """What :func:`default_corpus` depends on: the resolved paths (with modification
    time and size) of sources.yaml, annotations.yaml and the gazetteer, and the
    documents folder. Caches of data checked against the corpus use it too."""
    from geo.data.gazetteer import gazetteer_path

    docs = sources_dir()
    return (file_stamp(default_sources_path()), file_stamp(default_annotations_path()),
            file_stamp(gazetteer_path()), str(docs), docs.is_dir(),
            file_stamp(attribution_path()))


def default_corpus() -> Corpus:
    """The corpus of the data folder, loaded once per process (and per folder).

    Quotes are checked against the documents when ``geo.sources_dir()`` is
    present; the documents are not part of the app, so a deployment without
    them still loads (the tests and ``check`` always verify the quotes). The
    cache is keyed by :func:`corpus_key`.
    """
    return _default_corpus(*corpus_key())


@lru_cache(maxsize=4)
def _default_corpus(sources: tuple, annotations: tuple, gazetteer: tuple, docs: str,
                    check: bool, attribution: tuple) -> Corpus:
    return load_corpus(Path(sources[0]), Path(annotations[0]),
                       gazetteer=load_gazetteer(Path(gazetteer[0])),
                       documents_dir=Path(docs), check_quotes=check,
                       attribution_path=Path(attribution[0]))


def default_annotation_ids() -> frozenset[str] | None:
    """Ids of the data folder's annotations, or None if the corpus does not load.

    The files that cite annotations (scenarios, events, places) are checked
    against these ids. When the corpus itself is broken, its own DataError is
    shown wherever quotes are (the Map, Timeline and Sources pages), and those
    files load without that one check, so the map still works; their caches are
    keyed by :func:`corpus_key`, so they are checked again once it is fixed.
    """
    try:
        return frozenset(default_corpus().by_id)
    except DataError:
        return None


# --- suggest: find candidate passages in a new document -------------------------

# Groups annotated one member at a time: a mention of the group suggests its members.
EXPAND_IN_SUGGESTIONS = ("disputed-islands",)
SUGGEST_MAX_CHARS = 400

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|"
                     r"Sept|Oct|Nov|Dec|No|Gen|Lt|Col|Sen|Rep|vs))\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])([\"'\u201d\u2019\u00bb)\]]*)\s+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    name: str  # the text as found in the document
    feature_ids: tuple[str, ...]  # after expanding groups


@dataclass(frozen=True)
class Candidate:
    line: int  # 1-based line of the first match
    passage: str  # plain text, whitespace collapsed, trimmed to ~400 characters
    matches: tuple[Match, ...]

    @property
    def feature_ids(self) -> list[str]:
        out: dict[str, None] = {}
        for m in self.matches:
            for f in m.feature_ids:
                out.setdefault(f, None)
        return list(out)


def _name_patterns(gaz: Gazetteer) -> list[tuple[re.Pattern, str, tuple[str, ...]]]:
    by_name: dict[str, dict[str, None]] = {}
    for f in gaz.features:
        for n in f.all_names:
            by_name.setdefault(n, {})[f.id] = None
    out = []
    for name, fids in by_name.items():
        ids: dict[str, None] = {}
        for fid in fids:
            expand = gaz.get(fid).geometry.members if fid in EXPAND_IN_SUGGESTIONS else [fid]
            for x in expand:
                ids.setdefault(x, None)
        esc = re.escape(name)
        if _CJK.search(name):
            pat = re.compile(esc)  # no word boundaries in Japanese text
        elif _LATIN.search(name):
            pat = re.compile(rf"(?<!\w){esc}(?!\w)", re.IGNORECASE)
        else:  # Cyrillic: exact, whole words
            pat = re.compile(rf"(?<!\w){esc}(?!\w)")
        out.append((pat, name, tuple(ids)))
    return out


# "the Catherine and Vries Straits": two names sharing a plural head noun
_COORDINATED = re.compile(
    r"(?<!\w)([A-Z][\w'-]*) and (?:the )?([A-Z][\w'-]*) (Strait|Island)s(?!\w)")


def find_mentions(text: str, gaz: Gazetteer) -> list[Match]:
    """Every mention of a gazetteer name or alias, longest first where they overlap.

    Latin names match whole words, ignoring case; Cyrillic names whole words,
    exactly; Japanese names anywhere, exactly. "X and Y Straits" counts as
    "X Strait" and "Y Strait" where those are names.
    """
    patterns = _name_patterns(gaz)
    found = []
    for pat, _name, ids in patterns:
        for m in pat.finditer(text):
            found.append(Match(m.start(), m.end(), m.group(0), ids))
    by_name = {name.lower(): ids for _pat, name, ids in patterns}
    for m in _COORDINATED.finditer(text):
        if f"{m.group(2)} {m.group(3)}s".lower() in by_name:  # "... and the Habomai Islands"
            continue
        ids: dict[str, None] = {}
        for head in (m.group(1), m.group(2)):
            for fid in by_name.get(f"{head} {m.group(3)}".lower(), ()):
                ids.setdefault(fid, None)
        if len(ids) >= 2:
            found.append(Match(m.start(), m.end(), m.group(0), tuple(ids)))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Match] = []
    for m in found:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; line breaks always end one."""
    spans = []
    for lm in re.finditer(r"[^\n]+", text):
        ls, le = lm.span()
        start = ls
        for b in _SENTENCE_END.finditer(text, ls, le):
            if _ABBREV.search(text[start:b.start()]):
                continue  # "U.S. forces", "Nov. 14"
            if text[start:b.end(1)].strip():
                spans.append((start, b.end(1)))
            start = b.end()
        if text[start:le].strip():
            spans.append((start, le))
    return spans


def printable(text: str) -> str:
    """Text safe to print to a terminal as it is: whitespace collapsed, control and
    bidirectional-override characters shown as escapes (never interpreted)."""
    text = _WS.sub(" ", text).strip()
    return "".join(f"\\u{ord(c):04x}" if (unicodedata.category(c) == "Cc" or c in _BIDI) else c
                   for c in text)


def _trim(text: str, start: int, end: int, focus: int, limit: int) -> str:
    """text[start:end], cut to about ``limit`` characters around ``focus``."""
    if end - start <= limit:
        return text[start:end]
    a = max(start, min(focus - limit // 3, end - limit))
    b = min(end, a + limit)
    if a > start:
        sp = text.find(" ", a, a + 40)
        a = sp + 1 if sp != -1 else a
    if b < end:
        sp = text.rfind(" ", b - 40, b)
        b = sp if sp != -1 else b
    return ("\u2026 " if a > start else "") + text[a:b] + (" \u2026" if b < end else "")


def suggest(text: str, gaz: Gazetteer, context: int = 0,
            limit: int = SUGGEST_MAX_CHARS) -> list[Candidate]:
    """Candidate passages: each sentence mentioning a feature, with ``context``
    sentences either side; overlapping passages are merged."""
    if context < 0:
        raise ValueError("context must be 0 or more")
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    mentions = find_mentions(text, gaz)
    windows: list[list] = []  # [first, last, matches]
    for m in mentions:
        i = max(0, bisect.bisect_right(starts, m.start) - 1)
        lo, hi = max(0, i - context), min(len(spans) - 1, i + context)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
            windows[-1][2].append(m)
        else:
            windows.append([lo, hi, [m]])
    out = []
    for lo, hi, ms in windows:
        s, e = spans[lo][0], spans[hi][1]
        passage = printable(_trim(text, s, e, ms[0].start, limit))
        out.append(Candidate(line=text.count("\n", 0, ms[0].start) + 1, passage=passage,
                             matches=tuple(ms)))
    return out


# --- command line -------------------------------------------------------------------

def _fmt_num(x: float | int | None, unit: str = "", nd: int | None = 1) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, float) and nd is None:  # a cited figure: as precise as its source
        x = int(x) if x.is_integer() else x
        nd = 1
    s = f"{x:,.{nd}f}" if isinstance(x, float) else f"{x:,}"
    return f"{s} {unit}".rstrip()


def format_card(card: FeatureCard) -> str:
    """A feature card (geo.cards.FeatureCard) as readable plain text."""
    n = card.names
    out = [f"{card.label}  [{card.id}]",
           f"  Japanese: {n.ja_script} ({n.ja_romaji})",
           f"  Russian:  {n.ru_script} ({n.ru_translit})",
           f"  English:  {', '.join(n.en)}"]
    others = [a for a in card.aliases if a not in n.en]
    if others:
        out.append(f"  Also:     {', '.join(others)}")
    status = f"{card.kind}, disputed" if card.disputed else card.kind
    out.append(f"Status: {status}")
    if card.administered_by:
        out.append(f"  Administered by {card.administered_by}"
                   + (f": {card.admin_unit}" if card.admin_unit else ""))
    if card.claimed_by:
        out.append(f"  Claimed by {', '.join(card.claimed_by)}"
                   + (f": {card.claim_unit}" if card.claim_unit else ""))
    if card.note:
        out.append(f"  Note: {card.note}")
    if card.area_km2 is not None:
        out.append(f"Area (computed): {_fmt_num(card.area_km2, 'km²')} incl. inland water; "
                   f"land {_fmt_num(card.land_area_km2, 'km²')}")
    for label, fig in (("with islets", card.official_area.with_islets),
                       ("main island", card.official_area.main_island)):
        if fig is not None:
            out.append(f"Official area, {label}: {_fmt_num(fig.value, 'km²', None)}"
                       f"{' (' + fig.note + ')' if fig.note else ''}; source: {fig.reference.cite}")
    if card.strait_width_km is not None:
        out.append(f"Strait width (narrows): {_fmt_num(card.strait_width_km, 'km')}")
    if card.distance_from_hokkaido_km is not None:
        out.append(f"Distance from Hokkaido: {_fmt_num(card.distance_from_hokkaido_km, 'km')}")
    if card.distance_from_cape_nosappu_km is not None:
        out.append(f"Distance from Cape Nosappu: "
                   f"{_fmt_num(card.distance_from_cape_nosappu_km, 'km')}")
    if card.official_distance_from_nosappu is not None:
        fig = card.official_distance_from_nosappu
        out.append(f"Official distance from Cape Nosappu: {_fmt_num(fig.value, 'km', None)}; "
                   f"source: {fig.reference.cite}")
    for label, fig in (("Japanese residents", card.population.japanese_1945),
                       ("Residents", card.population.current)):
        if fig is not None:
            out.append(f"Population: {label} on {fig.date}: {_fmt_num(fig.value)}"
                       f"{' (' + fig.note + ')' if fig.note else ''}; source: {fig.reference.cite}")
    if card.part_of:
        out.append(f"Part of: {card.part_of}")
    if card.members:
        out.append(f"Members: {', '.join(card.members)}")
    if card.groups:
        out.append(f"In groups: {', '.join(card.groups)}")
    out.append("")
    out.append(f"Annotations ({card.annotation_count}): who says what, quoted from the sources; "
               "the app takes no side.")
    out += _format_groups(card.annotations)
    if card.group_annotations:
        out.append("")
        out.append(f"About the groups it belongs to ({card.group_annotation_count}):")
        out += _format_groups(card.group_annotations)
    return "\n".join(out)


def _format_groups(groups) -> list[str]:
    out = []
    for sg in groups:
        out.append(f"== {sg.label} ({sg.count}) ==")
        for tg in sg.topics:
            out.append(f"  -- {tg.label} --")
            for e in tg.annotations:
                tags = [e.id] + (["reported"] if e.reported else []) + (
                    [f"via {', '.join(e.via)}"] if e.via else [])
                out.append(f"  * {e.attribution}, {e.outlet}, {e.when}: \u201c{e.quote}\u201d")
                out.append(f"    [{'; '.join(tags)}] source: {e.source_title}"
                           + (f", by {e.author}" if e.author else "")
                           + f" ({e.source_date}; {e.source_file})")
                if e.note:
                    out.append(f"    Editor's note: {e.note}"
                               + "".join(f" [{r.cite}]" for r in e.note_refs))
    return out


def _close_ids(word: str, gaz: Gazetteer) -> list[str]:
    """Feature ids close to ``word`` by id or by any name or alias."""
    keys: dict[str, str] = {}
    for f in gaz.features:
        keys.setdefault(f.id, f.id)
        for n in f.all_names:
            keys.setdefault(n.lower(), f.id)
    hits = difflib.get_close_matches(word.lower(), list(keys), n=8, cutoff=0.6)
    out: dict[str, None] = {}
    for h in hits:
        out.setdefault(keys[h], None)
    return list(out)[:5]


def _cmd_show(args) -> int:
    from geo.analysis.cards import feature_card
    from geo.data.layers import load_atlas

    atlas = load_atlas()
    if args.feature_id not in atlas.gaz:
        close = _close_ids(args.feature_id, atlas.gaz)
        msg = f"error: unknown feature id '{args.feature_id}'"
        if close:
            msg += "; close matches: " + ", ".join(
                f"{c} ({atlas.gaz.get(c).label_en})" for c in close)
        print(msg, file=sys.stderr)
        return 2
    print(format_card(feature_card(args.feature_id, atlas=atlas, corpus=default_corpus())))
    return 0


def _cmd_check(args) -> int:
    from geo.analysis.cards import annotation_counts

    gaz = load_gazetteer()
    corpus = load_corpus(args.sources, args.annotations, gazetteer=gaz,
                         documents_dir=args.documents, check_quotes=True,
                         attribution_path=args.attribution)
    print(f"OK: {len(corpus.sources)} sources, {len(corpus)} annotations, every quote found "
          f"verbatim in its document ({corpus.documents_dir})")
    print("\nPer source:")
    for sid, n in corpus.counts_by_source().items():
        print(f"  {n:4d}  {sid}  ({corpus.sources[sid].file})")
    print("\nPer side:")
    for s, n in corpus.counts_by_side().items():
        print(f"  {n:4d}  {corpus.attribution.party_label(s)}")
    print("\nPer topic:")
    for t, n in corpus.counts_by_topic().items():
        print(f"  {n:4d}  {TOPICS[t]}")
    print("\nPer feature (linked directly / shown on its card):")
    direct = corpus.counts_by_feature()
    card = annotation_counts(corpus, gaz)
    for fid in sorted(card, key=lambda f: (-card[f], f)):
        if card[fid]:
            print(f"  {direct.get(fid, 0):4d} / {card[fid]:4d}  {fid}")
    return 0


def _cmd_suggest(args) -> int:
    try:
        text = read_text(Path(args.file), "document", MAX_DOCUMENT_BYTES)
    except DataError as exc:
        print(f"error: {printable(str(exc))}", file=sys.stderr)
        return 2
    gaz = load_gazetteer()
    cands = suggest(text, gaz, context=args.context)
    print(f"{printable(str(args.file))}: {len(cands)} candidate passage(s)")
    for i, c in enumerate(cands, 1):
        names = "; ".join(dict.fromkeys(
            f"{printable(m.name)} -> {', '.join(m.feature_ids)}" for m in c.matches))
        print(f"\n[{i}] line {c.line}")
        print(f"features: {', '.join(c.feature_ids)}")
        print(f"matches: {names}")
        print(c.passage)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo.annotations",
                                description="Annotations of the source documents.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("show", help="print a feature's card")
    s.add_argument("feature_id")
    s.set_defaults(func=_cmd_show)
    c = sub.add_parser("check", help="validate sources, annotations and quotes; print counts")
    c.add_argument("--sources", type=Path, default=default_sources_path())
    c.add_argument("--annotations", type=Path, default=default_annotations_path())
    c.add_argument("--documents", type=Path, default=sources_dir())
    c.add_argument("--attribution", type=Path, default=attribution_path(),
                   help="the attribution rule, speakers and outlets (data/attribution.yaml)")
    c.set_defaults(func=_cmd_check)
    g = sub.add_parser("suggest", help="list passages of a text document that mention "
                                       "gazetteer features")
    g.add_argument("file", type=Path)
    g.add_argument("--context", type=int, default=0, metavar="N",
                   help="sentences of context either side (default 0)")
    g.set_defaults(func=_cmd_suggest)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid data, 2 bad usage/input)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    if getattr(args, "context", 0) < 0:
        print("error: --context must be 0 or more", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
