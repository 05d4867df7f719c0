"""Loading and validating sources and annotations; integrity of the shipped corpus."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from geo import sources_dir
from geo.cli.annotations import main
from geo.data.corpus import containing_ids, related_ids
from geo.data.corpus_schema import MAX_QUOTE_CHARS, SIDES, TOPICS, normalise
from geo.data.schema import check_date
from geo.errors import DataError

DISPUTED = ["etorofu", "kunashiri", "shikotan", "habomai"]


def assert_names(err: DataError, path, item, field, *words):
    """The error names the file, the id and the field (and any further words)."""
    msg = str(err)
    assert err.path == str(path) and str(path) in msg
    assert err.item == item and f"id '{item}'" in msg
    assert err.field == field and f"field '{field}'" in msg
    for w in words:
        assert w in msg, (w, msg)


# --- the synthetic corpus loads and joins ---------------------------------------------

def test_mini_corpus_loads(mini_corpus):
    assert list(mini_corpus.sources) == ["doc-a"]
    assert [a.id for a in mini_corpus.annotations] == [
        "a-names", "a-1956", "a-suisho", "a-both", "a-kurils"]
    assert mini_corpus.quotes_checked
    a = mini_corpus.by_id["a-1956"]
    assert a.said == "1956" and a.side == "russia" and a.features == ["shikotan", "habomai"]
    assert mini_corpus.counts_by_source() == {"doc-a": 5}
    assert list(mini_corpus.counts_by_side()) == list(SIDES)
    assert mini_corpus.counts_by_side()["japan"] == 2
    assert mini_corpus.counts_by_topic()["names"] == 2
    assert mini_corpus.counts_by_feature()["habomai"] == 3


def test_for_feature_joins_members_and_parent_group_once(mini_corpus, gazetteer):
    ids = lambda fid: [a.id for a in mini_corpus.for_feature(fid, gazetteer)]  # noqa: E731
    groups = lambda fid: [a.id for a in mini_corpus.for_groups_of(fid, gazetteer)]  # noqa
    # a group shows its own annotations and its islets', each once ("a-both" names both)
    assert ids("habomai") == ["a-names", "a-1956", "a-suisho", "a-both"]
    # an islet shows its own first; those of its group come apart, after it
    assert ids("suisho") == ["a-suisho", "a-both"]
    assert groups("suisho") == ["a-names", "a-1956", "a-kurils"]
    assert ids("akiyuri") == []
    assert groups("akiyuri") == ["a-names", "a-1956", "a-both", "a-kurils"]
    assert mini_corpus.for_card("akiyuri", gazetteer) == [
        mini_corpus.by_id[i] for i in ids("akiyuri") + groups("akiyuri")]
    # an island's own: what concerns it; the groups' (the Kuril chain) come apart
    assert ids("etorofu") == ["a-names"] and groups("etorofu") == ["a-kurils"]
    assert ids("hokkaido") == ["a-both"]
    # the four islands: everything under them, members of members included
    assert ids("disputed-islands") == ["a-names", "a-1956", "a-suisho", "a-both"]
    assert ids("kuril-islands") == ["a-names", "a-1956", "a-suisho", "a-both", "a-kurils"]
    assert ids("okinawa") == []
    with pytest.raises(KeyError):
        mini_corpus.for_feature("atlantis", gazetteer)


def test_related_ids(gazetteer):
    rel = related_ids(gazetteer, "disputed-islands")
    assert rel[0] == "disputed-islands"
    assert set(rel) == {"disputed-islands", *DISPUTED, *gazetteer.members("habomai")}
    assert related_ids(gazetteer, "tsushima-strait-east") == ["tsushima-strait-east"]
    assert containing_ids(gazetteer, "tsushima-strait-east") == ["tsushima-strait"]
    assert containing_ids(gazetteer, "suisho") == ["habomai", "disputed-islands",
                                                   "kuril-islands"]
    assert containing_ids(gazetteer, "etorofu") == ["disputed-islands", "kuril-islands"]
    assert related_ids(gazetteer, "shikotan") == ["shikotan"]


def test_check_quotes_false_does_not_read_documents(corpus_files):
    files = corpus_files(documents={})  # no document at all
    corpus = files.load(check_quotes=False)
    assert len(corpus) == 5 and not corpus.quotes_checked
    with pytest.raises(DataError, match="document file not found"):
        files.load()


# --- normalisation ------------------------------------------------------------------------

def test_normalise_only_whitespace_quotes_and_dashes():
    assert normalise("\u201ca\u201d \u201eb\u201f \u00abc\u00bb 5\u2033") == '"a" "b" "c" 5"'
    assert normalise("\u2018a\u2019 \u201ab\u201b 5\u2032") == "'a' 'b' 5'"
    assert normalise("a\u2013b\u2014c\u2012d\u2015e\u2212f") == "a-b-c-d-e-f"
    assert normalise("a \n\t  b\u00a0c") == "a b c"
    assert normalise("Caf\u00e9 ABC \u2026") == "Caf\u00e9 ABC \u2026"  # nothing else changes


@pytest.mark.parametrize("quote", [
    "Moscow calls them the \u201cSouthern Kurils\u201d \u2014 Iturup",  # as in the document
    'Moscow calls them the "Southern Kurils" - Iturup',  # straight quotes, hyphen
    "Moscow  calls them\nthe \u00abSouthern Kurils\u00bb \u2013 Iturup",  # spacing, guillemets
    "Kunashir, Shikotan and the Habomai Islands",  # across the document's line break
    "the \u2018Northern Territories\u2019 are Japan's.",
])
def test_quote_passes_after_normalisation(corpus_files, mini_data, quote):
    ann = [mini_data.annotation("q", quote, ["shikotan"])]
    corpus = corpus_files(annotations=ann).load()
    assert corpus.annotations[0].quote == quote  # stored as written


@pytest.mark.parametrize("quote", [
    "Moscow calls them the \u201cSouthern Kurils\u201d \u2014 Etorofu",  # one word differs
    "Moscow names them the \u201cSouthern Kurils\u201d",
    "moscow calls them the",  # case matters
    "Moscow calls them the Southern Kurils",  # quote marks dropped
])
def test_quote_differing_by_a_word_fails(corpus_files, mini_data, quote):
    files = corpus_files(annotations=[mini_data.annotation("q-bad", quote, ["shikotan"])])
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "q-bad", "quote", "not found verbatim",
                 "a.txt", "line 5")


def test_quote_mismatch_says_where_it_differs(corpus_files, mini_data):
    q = "The Soviet Union agreed in 1956 to hand over Etorofu"
    files = corpus_files(annotations=[mini_data.annotation("q-bad", q, ["etorofu"])])
    with pytest.raises(DataError, match=r"matches up to .*hand over \" then differs"):
        files.load()


# --- each bad input names file, id and field -----------------------------------------------

def test_unknown_feature(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[2]["features"] = ["suisho", "etorofuu"]
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "a-suisho", "features",
                 "unknown feature 'etorofuu'", "did you mean 'etorofu'")


def test_unknown_source(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[1]["source"] = "doc-b"
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "a-1956", "source", "unknown source 'doc-b'")


def test_duplicate_annotation_id(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[3]["id"] = "a-names"
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "a-names", "id", "duplicate id")


def test_duplicate_source_id(corpus_files, mini_data):
    srcs = mini_data.sources() + mini_data.sources()
    srcs[1]["file"] = "b.txt"
    files = corpus_files(sources=srcs, documents={"a.txt": mini_data.doc, "b.txt": "x"})
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.sources_path, "doc-a", "id", "duplicate id")


def test_two_sources_sharing_a_file(corpus_files, mini_data):
    srcs = mini_data.sources() + mini_data.sources()
    srcs[1]["id"] = "doc-b"
    files = corpus_files(sources=srcs)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.sources_path, "doc-b", "file", "already used by source 'doc-a'")


@pytest.mark.parametrize("text,line", [
    ("- id: a\n  source: doc-a\n   features: [shikotan]\n", 3),  # bad indentation
    ("- id: a\n  quote: \"unterminated\n", 3),
    ("- id: a\n  features: [shikotan\n- id: b\n", 3),
])
def test_malformed_yaml_names_file_and_line(corpus_files, text, line):
    files = corpus_files(annotations=text)
    with pytest.raises(DataError) as e:
        files.load()
    assert e.value.path == str(files.annotations_path)
    assert re.search(rf"not valid YAML at line {line}\b", str(e.value)), str(e.value)


def test_field_given_twice(corpus_files):
    text = ("- id: d1\n  source: doc-a\n  quote: \"Fishermen near Suisho Island\"\n"
            "  features: [suisho]\n  quote: \"Tokyo insists\"\n")
    files = corpus_files(annotations=text)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "d1", "quote", "given twice",
                 "lines 3 and 5")


def test_malformed_sources_yaml(corpus_files):
    files = corpus_files(sources="- id: [unclosed\n")
    with pytest.raises(DataError) as e:
        files.load()
    assert e.value.path == str(files.sources_path) and "not valid YAML at line" in str(e.value)


@pytest.mark.parametrize("text", ["", "id: a\n", "- just a string\n"])
def test_not_a_list_of_mappings(corpus_files, text):
    files = corpus_files(annotations=text)
    with pytest.raises(DataError) as e:
        files.load()
    assert e.value.path == str(files.annotations_path)


@pytest.mark.parametrize("quote", ["", "   \n "])
def test_empty_quote(corpus_files, mini_data, quote):
    files = corpus_files(annotations=[mini_data.annotation("q-empty", quote, ["shikotan"])])
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "q-empty", "quote", "empty")


def test_quote_length_limit(corpus_files, mini_data):
    words = " ".join(f"w{i}" for i in range(200))
    doc = mini_data.doc + words + "\n"
    ok, too_long = words[:MAX_QUOTE_CHARS], words[:MAX_QUOTE_CHARS + 1]
    assert ok in doc and too_long in doc  # both are verbatim: only the length differs
    corpus_files(annotations=[mini_data.annotation("q-ok", ok, ["shikotan"])],
                 documents={"a.txt": doc}).load()
    files = corpus_files(annotations=[mini_data.annotation("q-long", too_long, ["shikotan"])],
                         documents={"a.txt": doc})
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "q-long", "quote",
                 f"{MAX_QUOTE_CHARS + 1} characters", f"at most {MAX_QUOTE_CHARS}")


@pytest.mark.parametrize("date,why", [
    ("2023-02-30", "not a real calendar date"),
    ("2023-13", "not a real calendar date"),
    ("Feb 2023", "not a date of the form"),
    ("2023/02/01", "not a date of the form"),
    ("23", "not a date of the form"),
])
def test_bad_annotation_date(corpus_files, mini_data, date, why):
    anns = mini_data.annotations()
    anns[0]["said"] = date
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "a-names", "said", why, repr(date))


def test_unquoted_dates_in_yaml(corpus_files, mini_data):
    """YAML would read 2023-02-28 as a date object and 2023-02-30 as an error; both stay
    text and are validated here."""
    good = ("- id: d1\n  source: doc-a\n  features: [shikotan]\n"
            "  quote: \"Fishermen near Suisho Island\"\n  speaker: Japanese official\n"
            "  speaker_role: Y\n  side: japan\n  topic: incidents\n  said: {date}\n"
            "  reported: false\n")
    for date in ("2023-02-28", "2023-02", "2023"):
        corpus = corpus_files(annotations=good.format(date=date)).load()
        assert corpus.annotations[0].said == date
    files = corpus_files(annotations=good.format(date="2023-02-30"))
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "d1", "said", "not a real calendar date",
                 "line 9")


def test_bad_source_date(corpus_files, mini_data):
    srcs = mini_data.sources()
    srcs[0]["date"] = "Feb 2023"
    files = corpus_files(sources=srcs)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.sources_path, "doc-a", "date", "not a date of the form")


def test_check_date():
    assert check_date("2024-02-29") == "2024-02-29"
    for bad in ("2023-02-29", "2023-00", "2023-04-31", "2023-1-05", " 2023"):
        with pytest.raises(ValueError):
            check_date(bad)


def test_missing_document_file(corpus_files, mini_data):
    srcs = mini_data.sources()
    srcs[0]["file"] = "missing.txt"
    files = corpus_files(sources=srcs)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.sources_path, "doc-a", "file", "not found",
                 str(files.documents_dir / "missing.txt"))


def test_document_not_utf8(corpus_files, mini_data):
    files = corpus_files(documents={"a.txt": mini_data.doc.encode("utf-16")})
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.sources_path, "doc-a", "file", "not UTF-8", "a.txt")


def test_document_file_must_be_a_plain_name(corpus_files, mini_data):
    srcs = mini_data.sources()
    srcs[0]["file"] = "../a.txt"
    files = corpus_files(sources=srcs)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.sources_path, "doc-a", "file", "plain file name")


@pytest.mark.parametrize("change,field,words", [
    ({"side": "neutral"}, "side", ["'japan'"]),
    ({"topic": "weather"}, "topic", ["'names'"]),
    ({"speaker_role": " "}, "speaker_role", ["must not be empty"]),
    ({"spaeker": "X"}, "spaeker", ["unknown field"]),
    ({"reported": "maybe"}, "reported", []),
    ({"features": []}, "features", ["at least one"]),
    ({"features": ["shikotan", "shikotan"]}, "features", ["listed twice"]),
    ({"id": "Bad Id"}, "id", ["stable id"]),
])
def test_schema_errors(corpus_files, mini_data, change, field, words):
    anns = mini_data.annotations()
    anns[2].update(change)
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    item = change.get("id", "a-suisho")
    assert_names(e.value, files.annotations_path, item, field, *words)


def test_missing_field(corpus_files, mini_data):
    anns = mini_data.annotations()
    del anns[1]["speaker"]
    files = corpus_files(annotations=anns)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.annotations_path, "a-1956", "speaker", "missing")


def test_source_schema_errors(corpus_files, mini_data):
    srcs = mini_data.sources()
    del srcs[0]["author"]  # required, even if null
    files = corpus_files(sources=srcs)
    with pytest.raises(DataError) as e:
        files.load()
    assert_names(e.value, files.sources_path, "doc-a", "author", "missing")
    srcs[0]["author"] = None
    assert corpus_files(sources=srcs).load().sources["doc-a"].author is None


# --- the shipped corpus --------------------------------------------------------------------

def test_shipped_quotes_are_verbatim(shipped_corpus):
    """Independently of load_corpus: each quote is in its document after normalisation."""
    docs = {sid: normalise((sources_dir() / s.file).read_text(encoding="utf-8"))
            for sid, s in shipped_corpus.sources.items()}
    missing = [a.id for a in shipped_corpus.annotations
               if normalise(a.quote).strip() not in docs[a.source]]
    assert missing == []
    assert all(0 < len(a.quote) <= MAX_QUOTE_CHARS for a in shipped_corpus.annotations)


def test_shipped_coverage(shipped_corpus, gazetteer):
    anns = shipped_corpus.annotations
    assert len(anns) >= 60
    per_source = Counter(a.source for a in anns)
    assert set(per_source) == set(shipped_corpus.sources)
    assert min(per_source.values()) >= 5, per_source
    direct = Counter(f for a in anns for f in a.features)
    for fid in ["disputed-islands", "etorofu", "kunashiri", "shikotan", "habomai", "hokkaido",
                "okinawa", "catherine-strait", "vries-strait"]:
        assert direct[fid] >= 1, (fid, direct[fid])
    for fid in DISPUTED:  # on each island's card (its own and its groups'), both governments
        sides = {a.side for a in shipped_corpus.for_card(fid, gazetteer)}
        assert {"japan", "russia"} <= sides, (fid, sides)
    assert set(a.side for a in anns) <= set(SIDES) and set(a.topic for a in anns) <= set(TOPICS)


def test_shipped_ids_and_references(shipped_corpus, gazetteer):
    anns = shipped_corpus.annotations
    assert len({a.id for a in anns}) == len(anns)
    for a in anns:
        assert a.source in shipped_corpus.sources
        assert all(f in gazetteer for f in a.features)
        # ids start with their source's id, so a quote can be traced at a glance
        assert a.id.startswith(a.source + "-"), a.id
    for s in shipped_corpus.sources.values():
        assert (sources_dir() / s.file).is_file()


# --- command line: check ----------------------------------------------------------------

def test_cli_check_ok(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "every quote found verbatim" in out
    for label in ("Per source:", "Per side:", "Per feature", "Russian or Soviet government",
                  "black-2019"):
        assert label in out
    shikotan = re.search(r"^\s+(\d+) /\s+(\d+)\s+shikotan$", out, re.M)
    assert shikotan and int(shikotan.group(1)) >= 3


def test_cli_check_fails_with_the_error(corpus_files, mini_data, capsys):
    anns = mini_data.annotations()
    anns[0]["features"] = ["nowhere"]
    files = corpus_files(annotations=anns)
    code = main(["check", "--sources", str(files.sources_path), "--annotations",
                 str(files.annotations_path), "--documents", str(files.documents_dir),
                 "--attribution", str(files.attribution_path)])
    assert code == 1
    err = capsys.readouterr().err
    assert str(files.annotations_path) in err and "id 'a-names'" in err
    assert "field 'features'" in err and "nowhere" in err
