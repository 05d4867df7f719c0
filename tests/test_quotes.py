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


def nested_parentheses(text: str) -> bool:
    """True when a '(' opens inside another '(' that is still open."""
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
            if depth > 1:
                return True
        elif ch == ")":
            depth = max(0, depth - 1)
    return False


def test_nested_parentheses_checker():
    assert nested_parentheses("A (b (c))") and nested_parentheses("((x")
    assert not nested_parentheses("A (b) (c)") and not nested_parentheses("A, b")


def test_no_attribution_nests_parentheses(shipped_corpus, atlas):
    """Every shipped annotation's attribution, as the card and the Sources page (quote_md),
    the command line's show and Annotation.attribution write it, reads without nested
    parentheses, though speakers and roles such as 'This Week in Asia (unnamed author)'
    and 'author (South China Morning Post)' have asides of their own."""
    from geo.analysis.cards import feature_card
    from geo.cli.annotations import format_card
    from ui.markdown import quote_md

    c = shipped_corpus
    old = [a.id for a in c.annotations if nested_parentheses(f"{a.speaker} ({a.speaker_role})")]
    assert len(old) >= 10  # the old way of joining them nested: the check has work to do
    for a in c.annotations:
        q = attributed(c, a.id)
        assert q.attribution == a.attribution, a.id
        assert not nested_parentheses(q.attribution), q.attribution
        assert q.attribution == f"{a.speaker}, {a.speaker_role}", a.id  # as the data has them
        line = next(x for x in quote_md(q).split("\n") if x.startswith("— "))
        shown = line.replace("\\", "").split(" · ")[0]
        assert shown == "— " + q.attribution and not nested_parentheses(shown), a.id
    by = {a.id: attributed(c, a.id) for a in c.annotations}
    assert by["scmp-2024-putin-cede-law"].attribution == (
        "This Week in Asia (unnamed author), author (South China Morning Post), on Putin's policy")
    assert by["scmp-2024-peskov-us-troops"].attribution == "Dmitry Peskov, Kremlin spokesman"
    # the command line's show: every quote of the four islands' cards
    listed = 0
    for fid in ("etorofu", "kunashiri", "shikotan", "habomai"):
        for x in format_card(feature_card(fid, atlas=atlas, corpus=c)).splitlines():
            if x.startswith("  * "):
                listed += 1
                who = x[4:].split(" · ")[0]
                assert who in {q.attribution for q in by.values()} and not nested_parentheses(
                    x.split(": \u201c")[0]), x
    assert listed >= len(old)

