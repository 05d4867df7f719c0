"""The editorial rules as integrity tests over the shipped data (issue 11).

Each rule is the one the README and the About page publish: a statement is filed under
the party whose position it expresses (data/attribution.yaml, by speaker); every speaker
and outlet is described by facts with a reference; a quote records when it was said
(never after its document) and what it refers to (never after it was said); a statement
about the four islands as a group is linked to the group; no quote is repeated; each
scenario states both governments' positions with their own statements. The findings of
the December 2026 fact-check (../shared/audits/2026-12-fact-check.md) that the data now
answers are checked one by one at the end, so that none can come back unnoticed.
"""
from __future__ import annotations

import pytest

from geo.data.corpus_schema import normalise
from geo.data.attribution import GOVERNMENTS, PARTIES, load_attribution
from geo.errors import DataError
from geo.data.schema import parse_date

FOUR = {"etorofu", "kunashiri", "shikotan", "habomai"}


@pytest.fixture(scope="module")
def att():
    return load_attribution()


# --- the rules ------------------------------------------------------------------------------

def test_said_never_after_the_document_and_refers_to_never_after_said(shipped_corpus):
    undated = 0
    for a in shipped_corpus.annotations:
        doc = shipped_corpus.sources[a.source]
        said = a.said if a.said is not None else doc.date  # null: the document gives none
        undated += a.said is None
        assert parse_date(said)[0] <= parse_date(doc.date)[1], (a.id, a.said, doc.date)
        if a.refers_to:
            assert parse_date(a.refers_to)[0] <= parse_date(said)[1], (a.id, a.refers_to)
    assert 0 < undated < len(shipped_corpus.annotations)


def test_an_authors_own_words_are_dated_by_the_document(shipped_corpus):
    """The author's prose was published with the document; a statement the document
    reports without a date has no 'said' (shown as 'date not given'), never a guess."""
    from geo.analysis.quotes import attributed, is_author
    for a in shipped_corpus.annotations:
        doc = shipped_corpus.sources[a.source]
        when = attributed(shipped_corpus, a.id).when
        if is_author(a, doc):
            assert a.said == doc.date and when.startswith(f"published {doc.date}"), a.id
        elif a.said is None:
            assert when.startswith(f"date not given, in a text of {doc.date}"), a.id
        else:
            assert when.startswith(f"said {a.said}"), a.id
    shigemitsu = attributed(shipped_corpus, "rt-2023-shigemitsu-two-islands")
    assert shigemitsu.when == "published 2023 · about 1956"
    assert attributed(shipped_corpus, "rt-2023-takizo-matsumoto-london").when == \
        "date not given, in a text of 2023 · about 1956"


def test_every_speaker_and_outlet_has_an_affiliation_with_a_reference(shipped_corpus, att):
    for a in shipped_corpus.annotations:
        sp = att.speakers[a.speaker]
        assert sp.affiliation.strip() and (sp.refs or sp.documents), a.speaker
        assert all(r in att.references for r in sp.refs)
        assert all(d in shipped_corpus.sources for d in sp.documents)
    for src in shipped_corpus.sources.values():
        assert src.outlets, src.id
        for oid in src.outlets:
            o = att.outlets[oid]
            assert o.affiliation.strip() and (o.refs or o.documents), oid
    for key, r in att.references.items():
        assert r.url.startswith(("http://", "https://")), key


def test_no_author_or_outlet_is_called_independent(shipped_corpus, att):
    """'Independent' is a label one side gives its own writers; the app describes outlets
    by facts instead (the rule's last clause). Only a quote may say it."""
    for src in shipped_corpus.sources.values():
        for text in (src.outlet, src.author or "", src.kind, src.note, src.title):
            assert "independent" not in text.lower(), (src.id, text)
    for name, sp in att.speakers.items():
        assert "independent" not in sp.affiliation.lower(), name
    for key, o in att.outlets.items():
        assert "independent" not in (o.name + o.affiliation).lower(), key
    for a in shipped_corpus.annotations:
        assert "independent" not in a.speaker_role.lower(), a.id


def test_side_follows_the_rule(shipped_corpus, att):
    """The party is the speaker's (the table of speaker -> allowed parties), and every
    document's own author, of whatever outlet, is a commentator: no author is filed under
    a state while another of the same kind is 'independent'."""
    assert set(att.parties) == set(PARTIES) and att.rule.strip()
    for a in shipped_corpus.annotations:
        assert a.side in att.speakers[a.speaker].parties, (a.id, a.speaker, a.side)
    for src in shipped_corpus.sources.values():
        authors = [a for a in shipped_corpus.annotations if a.source == src.id and (
            a.speaker == src.author or a.speaker.endswith("(unnamed author)"))]
        assert authors and all(a.side == "commentator" for a in authors), src.id
    for name, sp in att.speakers.items():  # a speaker is a government's or nobody's
        assert set(sp.parties) <= {*GOVERNMENTS, "joint"} or sp.parties == ["commentator"], name


def test_no_annotation_is_linked_to_the_four_islands_one_by_one(shipped_corpus):
    for a in shipped_corpus.annotations:
        assert not FOUR <= set(a.features), (a.id, "link it to disputed-islands")


def test_no_quote_text_is_repeated(shipped_corpus):
    quotes = [(a.id, normalise(a.quote).strip().lower()) for a in shipped_corpus.annotations]
    for i, (aid, q) in enumerate(quotes):
        for bid, other in quotes[i + 1:]:
            assert q not in other and other not in q, (aid, bid)


def test_quote_marks_inside_a_quote_are_balanced(shipped_corpus):
    """A quote that opens an inner quotation closes it: a cut that leaves “ open files
    the author's words and the speaker's under one speaker."""
    for a in shipped_corpus.annotations:
        assert a.quote.count("“") == a.quote.count("”"), a.id
        assert a.quote.count('"') % 2 == 0, a.id


def test_each_island_has_its_own_card(shipped_corpus, gazetteer):
    """The four cards lead with what concerns each island, and differ where the documents
    differ; the statements about the group follow on every card."""
    own = {f: {a.id for a in shipped_corpus.for_feature(f, gazetteer)} for f in FOUR}
    assert len({frozenset(v) for v in own.values()}) == 4
    group = {a.id for a in shipped_corpus.annotations if "disputed-islands" in a.features}
    for f in FOUR:
        shown = {a.id for a in shipped_corpus.for_groups_of(f, gazetteer)}
        assert group - own[f] <= shown, f


def test_every_note_is_the_apps_own_with_a_reference(shipped_corpus, att):
    notes = [a for a in shipped_corpus.annotations if a.note]
    assert len(notes) >= 8
    for a in notes:
        assert a.note.refs or a.note.documents, a.id
        assert normalise(a.note.text) not in normalise(a.quote)  # beside it, not inside


def test_every_viewpoint_cites_its_convention():
    from geo.views.viewpoints import point_of_view_views
    views = {v.id: v for v in point_of_view_views()}
    assert set(views) == {"pov-japan-maps", "pov-russia-maps", "pov-de-facto"}
    japan = views["pov-japan-maps"]
    assert japan.holders["urup"] == japan.holders["kuril-north"] == "UND"
    assert japan.holders["sakhalin-south"] == "UND" and japan.holders["sakhalin-north"] == "RUS"
    assert all(japan.holders[k] == "JPN" for k in FOUR)
    assert all(v == "RUS" for v in views["pov-russia-maps"].holders.values())
    assert views["pov-de-facto"].disputed_keys == tuple(sorted(FOUR, key=[
        "etorofu", "kunashiri", "shikotan", "habomai"].index))
    for v in views.values():
        assert v.refs


# --- bad input to the rules: clear errors ---------------------------------------------------

def test_an_unknown_side_is_an_error(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[0]["side"] = "independent"
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert e.value.path == str(files.annotations_path)
    assert (e.value.item, e.value.field) == ("a-names", "side")


def test_a_side_the_speaker_may_not_take_is_an_error(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[4]["side"] = "russia"  # the author, a commentator, filed under a government
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert (e.value.item, e.value.field) == ("a-kurils", "side")
    assert "is not a party A. Writer may be filed under (commentator)" in e.value.detail


def test_said_after_the_document_is_an_error(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[0]["said"] = "2024-03"  # the document is of 2024-02
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert (e.value.item, e.value.field) == ("a-names", "said")
    assert "after its document's date (2024-02)" in e.value.detail


def test_refers_to_after_said_is_an_error(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[1]["refers_to"] = "1960"  # said in 1956
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert (e.value.item, e.value.field) == ("a-1956", "refers_to")


def test_an_affiliation_without_a_reference_is_an_error(corpus_files, mini_data):
    att = mini_data.attribution()
    del att["speakers"]["Moscow"]["refs"]
    files = corpus_files(attribution=att)
    with pytest.raises(DataError) as e:
        files.load()
    assert e.value.path == str(files.attribution_path)
    assert e.value.item == "Moscow" and "needs a reference" in e.value.detail


def test_an_unknown_speaker_or_outlet_is_an_error(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[0]["speaker"] = "Somebody"
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert (e.value.item, e.value.field) == ("a-names", "speaker")
    sources = mini_data.sources()
    sources[0]["outlets"] = ["nowhere"]
    files = corpus_files(sources=sources)
    with pytest.raises(DataError) as e:
        files.load()
    assert (e.value.item, e.value.field) == ("doc-a", "outlets.0")


def test_a_note_citing_nothing_known_is_an_error(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[0]["note"] = {"text": "A correction.", "refs": ["no-such-ref"]}
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert (e.value.item, e.value.field) == ("a-names", "note")
    anns[0]["note"] = {"text": "A correction."}
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError, match="a note needs a reference"):
        files.load()


# --- the fact-check's findings, each answered in the data ------------------------------------

def test_misattributed_speakers_are_corrected(shipped_corpus):
    by = shipped_corpus.by_id
    suga = by["black-2019-suga-heated-exchange"]
    assert suga.quote == "there was a frank, though sometimes heated, exchange of views"
    assert suga.speaker == "Yoshihide Suga" and "the author's" in suga.note.text
    assert "yet, the Japanese still want" not in by["eir-2018-levada-2016"].quote
    assert by["scmp-2024-putin-cede-law"].speaker == "This Week in Asia (unnamed author)"
    slogan = by["rt-2023-nt-day-slogan"]
    assert slogan.reported and "RT's rendering" in slogan.speaker_role
    assert by["scmp-2024-brown-tu95-spy-ship"].speaker != "James Brown"
    for aid in ("black-2019-declaration-article-9", "takeuchi-2024-abe-putin-accelerate",
                "eir-2018-speed-up-1956"):
        assert by[aid].side == "joint", aid
    for aid in ("black-2019-japan-precondition", "rt-2023-japan-four-illegally-occupied",
                "rt-2023-tokyo-1956-demands", "black-2019-aegis-vladivostok"):
        assert by[aid].side == "commentator", aid  # an author's framing is the author's


def test_dates_links_and_duplicates_are_corrected(shipped_corpus, gazetteer):
    by = shipped_corpus.by_id
    assert "rt-2023-ice-free-straits" not in by  # the duplicate
    assert by["scmp-2024-kunashir-lenin"].features == ["kunashiri"]
    assert by["rt-2023-soviet-1956-proposal"].said.startswith("1955")
    assert by["rt-2023-tokyo-1956-demands"].refers_to == "1955"
    for aid, about in (("black-2019-1945-transfer", "1945"), ("rt-2023-taken-1945", "1945"),
                       ("rt-2023-annul-1960", "1960"), ("takeuchi-2024-article-9", "1956"),
                       ("scmp-2024-abe-joint-development", "2016")):
        a = by[aid]
        assert a.refers_to == about and a.said == shipped_corpus.sources[a.source].date, aid
    assert "did not annul" in by["rt-2023-annul-1960"].note.text
    assert "after Japan signed" in by["scmp-2024-island-names"].note.text
    assert "Henoko" in by["black-2019-okinawa-referendum"].note.text
    assert gazetteer.get("kuril-islands").claimed_by == []
    assert gazetteer.get("korea").administered_by is None


def test_the_views_the_documents_give_are_annotated(shipped_corpus):
    by = shipped_corpus.by_id
    assert by["rt-2023-takizo-matsumoto-london"].speaker == "Takizo Matsumoto"
    assert by["takeuchi-2024-mofa-sofa-reading"].side == "japan"
    assert {"scmp-2024-zinberg-split-with-us", "scmp-2024-zinberg-seduce-japan",
            "scmp-2024-brown-shrug-off"} <= set(by)


def test_second_fact_check_findings_are_corrected(shipped_corpus):
    """The findings of the second check (December 2026): the author's narration filed under
    the author, undated statements left undated, links only to what a quote is about."""
    by = shipped_corpus.by_id
    assert (by["rt-2023-shigemitsu-two-islands"].speaker, by["rt-2023-shigemitsu-two-islands"].side) \
        == ("Maxim Hvatkov", "commentator")
    assert by["takeuchi-2024-putin-us-base-concern"].speaker == "Reiho Takeuchi"
    for aid in ("rt-2023-us-senate-resolution", "rt-2023-takizo-matsumoto-london",
                "rt-2023-matsumoto-rejoiced", "rt-2023-japan-four-islands-reasoning"):
        assert by[aid].said is None, aid
    assert by["takeuchi-2024-putin-1956-basis"].said is None  # placed, not dated, by the text
    # the third check: the author's explanation of Moscow's view is the author's
    assert by["takeuchi-2024-moscow-kuril-chain"].side == "commentator"
    assert "futenma" in by["black-2019-okinawa-referendum"].features
    assert "London" not in by["rt-2023-tokyo-1956-demands"].note.text  # not in its reference
    assert "urup" not in by["rt-2023-valuable-asset-straits"].features
    assert by["scmp-2024-zinberg-seduce-japan"].features == ["disputed-islands"]
    assert by["rt-2023-dulles-okinawa"].features == ["kuril-islands", "okinawa"]
    assert by["rt-2023-moscow-countermeasures"].features == ["disputed-islands"]
    assert not by["eir-2018-speed-up-1956"].quote.endswith("early next year.")
    assert by["takeuchi-2024-dulles-intimidation"].reported
    assert by["takeuchi-2024-dulles-intimidation"].note.refs == ["frus-1955-57-d89"]
    assert "takeuchi-2024-map-caption" not in by  # a map legend, not a statement
    assert by["eir-2018-japanese-want-four"].note.documents == ["eir-2018"]
    assert "Kadena" not in by["black-2019-okinawa-referendum"].note.text  # not in its refs
    att = shipped_corpus.attribution
    assert "Deputy Cabinet Secretary" in att.speakers["Takizo Matsumoto"].affiliation
    assert "Chief" not in att.speakers["Takizo Matsumoto"].affiliation


def test_events_underpin_the_negotiations_and_partisan_summaries_say_whose(shipped_corpus):
    from geo.data.events import default_timeline
    tl = default_timeline()
    for eid in ("gorbachev-kaifu-joint-communique-1991", "tokyo-declaration-1993",
                "irkutsk-statement-2001"):
        assert tl.get(eid).refs, eid
    assert tl.get("embassy-protest-2022").summary.startswith("RT reports")
    ref = tl.get("okinawa-referendum-2019")
    assert ref.date == "2019-02-24" and ref.refs
    assert ref.summary.index("72.15%") < ref.summary.index("Black")  # the facts first
    rep = tl.get("japanese-residents-deported-1947")
    assert rep.until == "1948" and rep.span == "1947–1948"
    assert "scmp-2024-island-names" not in tl.get("soviet-landing-habomai-1945").annotations
    entry = tl.get("soviet-entry-into-war-1945")
    assert "soviet-declaration-of-war-1945" in entry.refs and "still secret" in entry.summary


# --- what the reader sees ----------------------------------------------------------------------

def test_pages_show_both_dates_affiliations_and_notes():
    """Timeline, island card, Sources and About: two dates, the affiliations with their
    references, the app's notes marked as its own, and the rule."""
    from test_app import app, no_problem, text_of
    at = app(date="1960-01-27")
    at.switch_page("pages/timeline.py").run()
    no_problem(at)
    text = text_of(at).replace("**", "")
    assert "Maxim Hvatkov, author (RT) · filed under: Commentators and analysts · published 2023 · about 1960" in text
    assert "Editor’s note (the app’s, not part of the quote): The Soviet memorandum of 27 January 1960 added a condition" in text
    assert "Outlet, RT:" in text
    at = app(feature="kunashiri")
    no_problem(at)
    at.session_state["quotes_commentator"] = True  # what opening the group does
    at.session_state["group_quotes_commentator"] = True
    at.run()
    no_problem(at)
    text = text_of(at)
    assert "Lenin" in text  # the bust caption is Kunashiri's own
    assert "Speaker:" in text and "Outlet, South China Morning Post" in text
    assert "About the groups it belongs to" in text
    at.switch_page("pages/sources.py").run()
    no_problem(at)
    text = text_of(at)
    assert "Alibaba" in text and "TV-Novosti" in text
    at.switch_page("pages/about.py").run()
    no_problem(at)
    text = text_of(at)
    assert "How statements are filed" in text and "published 2023 · about 1945" in text
    for label in ("Japanese government", "Russian or Soviet government",
                  "United States government", "Commentators and analysts", "Joint or bilateral"):
        assert f"| {label} |" in text, label
