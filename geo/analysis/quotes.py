"""The attributed quote: one join of an annotation, its document and the attribution
data, the one object every page and command line shows a quote from.

:func:`attributed` gives, for an annotation id, its verbatim quote with everything a
reader needs to weigh it: who said it and in what role, the party it is filed under
(by the published rule, data/attribution.yaml), the speaker's affiliation and the
outlets' (facts with their references), when it was said and what it refers to
(:func:`when_text`: "said 2023 · about 1945", never "1945" for an article of 2023), and
the app's own editorial note, if any, with its references. Plain text only: the pages
escape it.
"""
from __future__ import annotations

from dataclasses import dataclass

from geo.data.corpus import Corpus
from geo.data.corpus_schema import TOPICS, Annotation, Source
from geo.data.attribution import Attribution, attribution_text
from geo.i18n import translator
from geo.references import Ref, shown


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    affiliation: str
    refs: tuple[Ref, ...]
    documents: tuple[str, ...]  # titles of the source documents that state it


@dataclass(frozen=True)
class AttributedQuote:
    id: str
    quote: str
    speaker: str
    role: str
    side: str
    side_label: str
    topic: str
    topic_label: str
    reported: bool
    said: str | None  # None: the document does not date it
    refers_to: str | None
    when: str  # "said 2023 · about 1945" (see when_text)
    speaker_affiliation: str
    speaker_refs: tuple[Ref, ...]
    speaker_documents: tuple[str, ...]
    note: str | None  # the app's editorial note, never part of the quote
    note_refs: tuple[Ref, ...]
    note_documents: tuple[str, ...]
    features: tuple[str, ...]
    source_id: str
    source_title: str
    source_date: str
    source_kind: str
    source_file: str
    author: str | None
    outlet: str  # as the document names it
    outlets: tuple[Outlet, ...]

    @property
    def attribution(self) -> str:
        """Who says it, e.g. 'Dmitry Peskov, Kremlin spokesman', never with nested
        parentheses (geo.data.attribution.attribution_text)."""
        return attribution_text(self.speaker, self.role)


def is_author(a: Annotation, src: Source) -> bool:
    """True when the speaker is the document's own author (named, or the unnamed author
    the speaker list describes)."""
    return a.speaker == src.author or (src.author is None
                                        and a.speaker.endswith("(unnamed author)"))


def when_text(a: Annotation, src: Source, *, lang: str = "en") -> str:
    """When a statement was made, as the card shows it: 'published 2019-02-27' for the
    document's author, 'said 2024-02-07' when the statement's own date is known, 'date not
    given, in a text of 2023' when the document gives it without one; then ' · about 1945'
    if it refers to an earlier date."""
    return when_words(is_author(a, src), a.said, src.date, a.refers_to, lang=lang)


def when_words(by_author: bool, said: str | None, date: str, refers_to: str | None, *,
               lang: str = "en") -> str:
    """:func:`when_text` of its parts: whether the speaker is the document's author, the
    statement's own date, the document's date, the date it refers to."""
    _ = translator(lang)
    if by_author:
        head = _("published {date}", date=_.date(said or date))
    elif said is None:
        head = _("date not given, in a text of {date}", date=_.date(date))
    else:
        head = _("said {date}", date=_.date(said))
    return _("{when} · about {date}", when=head, date=_.date(refers_to)) if refers_to else head


def quote_when(q: "AttributedQuote", *, lang: str = "en") -> str:
    """:attr:`AttributedQuote.when` in ``lang`` (the English is the quote's own)."""
    if lang == "en":
        return q.when
    by_author = q.speaker == q.author or (q.author is None
                                         and q.speaker.endswith("(unnamed author)"))
    return when_words(by_author, q.said, q.source_date, q.refers_to, lang=lang)


def _refs(att: Attribution, keys) -> tuple[Ref, ...]:
    return tuple(shown(k, att.references[k]) for k in keys)


def _titles(corpus: Corpus, ids) -> tuple[str, ...]:
    return tuple(corpus.sources[s].title for s in ids if s in corpus.sources)


def outlets_of(corpus: Corpus, sid: str) -> tuple[Outlet, ...]:
    """The outlets that published document ``sid``, each with its affiliation, the
    references that state it and the documents that state it (their titles): the outlets
    of every quote from that document (KeyError for an unknown document)."""
    att = corpus.attribution
    return tuple(Outlet(o, att.outlets[o].name, att.outlets[o].affiliation,
                        _refs(att, att.outlets[o].refs),
                        _titles(corpus, att.outlets[o].documents))
                 for o in corpus.sources[sid].outlets)


def quotes_from(corpus: Corpus, sid: str) -> tuple[AttributedQuote, ...]:
    """Every quote drawn from document ``sid``, attributed, in the corpus's order."""
    return tuple(attributed(corpus, a.id) for a in corpus.annotations if a.source == sid)


def attributed(corpus: Corpus, aid: str) -> AttributedQuote:
    """The quote ``aid`` with its attribution (KeyError for an unknown id)."""
    cache = corpus.__dict__.setdefault("_attributed", {})
    if aid in cache:
        return cache[aid]
    a = corpus.by_id[aid]
    src = corpus.sources[a.source]
    att = corpus.attribution
    sp = att.speakers[a.speaker]
    outlets = outlets_of(corpus, src.id)
    note = a.note
    q = AttributedQuote(
        id=a.id, quote=a.quote, speaker=a.speaker, role=a.speaker_role, side=a.side,
        side_label=att.party_label(a.side), topic=a.topic, topic_label=TOPICS[a.topic],
        reported=a.reported, said=a.said, refers_to=a.refers_to, when=when_text(a, src),
        speaker_affiliation=sp.affiliation, speaker_refs=_refs(att, sp.refs),
        speaker_documents=_titles(corpus, sp.documents),
        note=note.text if note else None, note_refs=_refs(att, note.refs) if note else (),
        note_documents=_titles(corpus, note.documents) if note else (),
        features=tuple(a.features), source_id=src.id, source_title=src.title,
        source_date=src.date, source_kind=src.kind, source_file=src.file, author=src.author, outlet=src.outlet,
        outlets=outlets)
    cache[aid] = q
    return q
