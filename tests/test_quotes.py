"""geo.analysis.quotes: the one join of an annotation, its document and the attribution
data (the attributed quote, a document's outlets and its quotes)."""
from __future__ import annotations

import pytest

from geo.analysis.quotes import attributed, outlets_of, quotes_from
from geo.references import web_url


def test_quotes_from_a_document_are_its_annotations_attributed(shipped_corpus):
    c = shipped_corpus
    total = 0
    for sid in c.sources:
        quotes = quotes_from(c, sid)
        assert [q.id for q in quotes] == [a.id for a in c.annotations if a.source == sid]
        assert all(q is attributed(c, q.id) and q.source_id == sid for q in quotes)
        total += len(quotes)
    assert total == len(c.annotations)


def test_outlets_of_a_document_are_those_of_its_quotes(shipped_corpus):
    c, att = shipped_corpus, shipped_corpus.attribution
    for sid, src in c.sources.items():
        outlets = outlets_of(c, sid)
        assert [o.id for o in outlets] == list(src.outlets)
        for o in outlets:
            raw = att.outlets[o.id]
            assert (o.name, o.affiliation) == (raw.name, raw.affiliation)
            assert [(r.key, r.title, r.url) for r in o.refs] == [
                (k, att.references[k].title, web_url(att.references[k].url)) for k in raw.refs]
            assert o.documents == tuple(c.sources[d].title for d in raw.documents
                                        if d in c.sources)
        for q in quotes_from(c, sid):
            assert q.outlets == outlets


def test_unknown_document(shipped_corpus):
    with pytest.raises(KeyError):
        outlets_of(shipped_corpus, "no-such-document")
    assert quotes_from(shipped_corpus, "no-such-document") == ()
