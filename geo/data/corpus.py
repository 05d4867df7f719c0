"""Annotations: short, attributed, verbatim quotes from the source documents.

``data/sources.yaml`` lists the documents (kept outside the project, in
``../shared/sources``) and ``data/annotations.yaml`` the quotes drawn from
them, each linked to gazetteer features. :func:`load_corpus` validates both
files against the schema, the gazetteer and the documents themselves: every
quote must appear verbatim in its document once whitespace, typographic quote
marks and dashes are normalised (:func:`normalise`). Every error is a
:class:`~geo.errors.DataError` naming the file, the id and the field.
"""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from pydantic import BaseModel, ValidationError

from geo import data_dir, sources_dir
from geo.data import schema as _schema
from geo.data.attribution import Attribution, attribution_path, load_attribution
from geo.data.corpus_schema import SIDES, TOPICS, Annotation, Source, normalise
from geo.data.gazetteer import Gazetteer, gazetteer_path, load_gazetteer
from geo.data.files import MAX_DOCUMENT_BYTES, decode_text, read_bytes
from geo.data.cache import stamped
from geo.data.references import shared_references_path
from geo.data.loading import YamlDoc, expect_list, load_yaml, validation_error
from geo.errors import DataError

T = TypeVar("T")

SOURCES_FILE = "sources.yaml"
ANNOTATIONS_FILE = "annotations.yaml"


def default_sources_path() -> Path:
    """``sources.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / SOURCES_FILE


def default_annotations_path() -> Path:
    """``annotations.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / ANNOTATIONS_FILE


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


def _documents(docs: Path) -> list[Path]:
    """The documents folder and the files in it (the quotes are checked against them)."""
    try:
        return [docs, *sorted(p for p in docs.iterdir() if p.is_file())]
    except OSError:  # no such folder: a deployment without the documents
        return [docs]


def corpus_files() -> tuple[Path, ...]:
    """The files :func:`default_corpus` reads: sources.yaml, annotations.yaml, the
    gazetteer, the attribution data, the shared references and the documents (their
    folder and its files). Loaders checked against the corpus are cached on them too."""
    return (default_sources_path(), default_annotations_path(), gazetteer_path(),
            attribution_path(), shared_references_path(attribution_path()),
            *_documents(sources_dir()))


@stamped(corpus_files, maxsize=4)
def default_corpus() -> Corpus:
    """The corpus of the data folder, read again only once one of :func:`corpus_files`
    changes (:func:`geo.data.cache.stamped`; another data folder is another entry).

    Quotes are checked against the documents when ``geo.sources_dir()`` is
    present; the documents are not part of the app, so a deployment without
    them still loads (the tests and ``check`` always verify the quotes).
    """
    docs = sources_dir()
    return load_corpus(default_sources_path(), default_annotations_path(),
                       gazetteer=load_gazetteer(), documents_dir=docs,
                       check_quotes=docs.is_dir(), attribution_path=attribution_path())


def default_annotation_ids() -> frozenset[str] | None:
    """Ids of the data folder's annotations, or None if the corpus does not load.

    The files that cite annotations (scenarios, events, places) are checked
    against these ids. When the corpus itself is broken, its own DataError is
    shown wherever quotes are (the Map, Timeline and Sources pages), and those
    files load without that one check, so the map still works; their caches are
    keyed by :func:`corpus_files`, so they are checked again once it is fixed.
    """
    try:
        return frozenset(default_corpus().by_id)
    except DataError:
        return None


# --- suggest: find candidate passages in a new document -------------------------


def annotation_ids_to_check(check_annotations: bool, annotation_ids: Iterable[str] | None
                            ) -> set[str] | None:
    """The annotation ids a file that cites quotes is checked against: None (no check)
    without ``check_annotations``, else ``annotation_ids`` or the data folder's corpus."""
    if not check_annotations:
        return None
    if annotation_ids is not None:
        return set(annotation_ids)
    return set(default_corpus().by_id)


def load_against_corpus(load: Callable[..., T], path: Path) -> T:
    """``load(path, …)`` checked against the data folder's gazetteer and annotations;
    the annotation ids are not checked when the corpus itself is broken (its own
    DataError is shown wherever quotes are). Cache it on ``path`` and
    :func:`corpus_files`."""
    ids = default_annotation_ids()
    gazetteer = load_gazetteer()
    return load(path, gazetteer=gazetteer, annotation_ids=ids, check_annotations=ids is not None)
