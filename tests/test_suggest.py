"""`suggest`: finding candidate passages for new annotations in a text document."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from geo import PROJECT_ROOT
from geo.cli.annotations import main
from geo.curate.suggest import (
    SUGGEST_MAX_CHARS,
    find_mentions,
    printable,
    sentence_spans,
    suggest,
)

FOUR = ["etorofu", "kunashiri", "shikotan", "habomai"]


def ids_of(text, gaz):
    return [m.feature_ids for m in find_mentions(text, gaz)]


def names_of(text, gaz):
    return [m.name for m in find_mentions(text, gaz)]


def test_longest_match_wins(gazetteer):
    assert names_of("They sailed to the Habomai Islands.", gazetteer) == ["Habomai Islands"]
    assert names_of("the Southern Kuril Islands", gazetteer) == ["Southern Kuril Islands"]
    assert ids_of("the Kuril Islands", gazetteer) == [("kuril-islands",)]


def test_latin_names_whole_words_ignoring_case(gazetteer):
    assert ids_of("ITURUP and iturup", gazetteer) == [("etorofu",), ("etorofu",)]
    assert ids_of("Shikotanese Kunashirs Urupa", gazetteer) == []
    assert ids_of("(Kunashir)", gazetteer) == [("kunashiri",)]


def test_kanji_and_cyrillic_exact(gazetteer):
    assert ids_of("日本は色丹島と歯舞群島の返還を求める", gazetteer) == [
        ("shikotan",), ("habomai",)]
    assert ids_of("Остров Шикотан", gazetteer) == [("shikotan",)]
    assert ids_of("ШИКОТАН шикотан", gazetteer) == []  # Cyrillic names match exactly


def test_groups_expand_to_members(gazetteer):
    for text in ("the Southern Kurils", "the Northern Territories", "北方領土",
                 "Южные Курилы"):
        assert ids_of(text, gazetteer) == [tuple(FOUR)], text
    # the Habomai is annotated as a group: it is not split into its islets
    assert ids_of("Habomai", gazetteer) == [("habomai",)]


def test_coordinated_straits(gazetteer):
    ms = find_mentions("The Catherine and Vries Straits are ice-free.", gazetteer)
    assert [(m.name, m.feature_ids) for m in ms] == [
        ("Catherine and Vries Straits", ("catherine-strait", "vries-strait"))]
    assert ids_of("the Tokyo and Moscow Straits", gazetteer) == []
    # "Habomai Islands" is a name of its own: not read as "Iturup Island" + "Habomai Island"
    assert names_of("Iturup and the Habomai Islands", gazetteer) == ["Iturup", "Habomai Islands"]


def test_sentences(gazetteer):
    text = ("U.S. forces stay. Nov. 14 was the day! Was it?\nNew line \u201cquoted.\u201d "
            "Last")
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == ["U.S. forces stay.", "Nov. 14 was the day!", "Was it?",
                   "New line \u201cquoted.\u201d", "Last"]


def test_suggest_candidates_and_context(gazetteer):
    text = ("Intro sentence. Moscow holds Iturup. Nothing here. Tokyo wants Shikotan.\n"
            "Far away. Still nothing. Okinawa hosts bases.")
    c0 = suggest(text, gazetteer)
    assert [c.passage for c in c0] == ["Moscow holds Iturup.", "Tokyo wants Shikotan.",
                                       "Okinawa hosts bases."]
    assert [c.feature_ids for c in c0] == [["etorofu"], ["shikotan"], ["okinawa"]]
    assert [c.line for c in c0] == [1, 1, 2]
    c1 = suggest(text, gazetteer, context=1)  # windows overlap: the first two merge
    assert [c.feature_ids for c in c1] == [["etorofu", "shikotan"], ["okinawa"]]
    assert c1[0].passage == ("Intro sentence. Moscow holds Iturup. Nothing here. Tokyo wants "
                             "Shikotan. Far away.")
    with pytest.raises(ValueError):
        suggest(text, gazetteer, context=-1)


def test_long_passages_are_trimmed_around_the_match(gazetteer):
    filler = " ".join(["word"] * 300)
    text = f"{filler} Kunashiri {filler}."
    (c,) = suggest(text, gazetteer)
    assert "Kunashiri" in c.passage and len(c.passage) <= SUGGEST_MAX_CHARS + 4
    assert c.passage.startswith("\u2026 ") and c.passage.endswith(" \u2026")


def test_printable_never_interprets_text():
    assert printable("<script>alert(1)</script> &amp;") == "<script>alert(1)</script> &amp;"
    assert printable("a\x1b[31mred\x07 \u202egnp.exe") == "a\\u001b[31mred\\u0007 \\u202egnp.exe"
    assert printable("a\n\n b\t c") == "a b c"


def test_suggest_on_shipped_document_finds_curated_passages(shipped_corpus, gazetteer):
    """Every feature the curators linked to a quote of 003 with a name in the quote is found."""
    from geo import sources_dir
    src = shipped_corpus.sources["scmp-2024"]
    text = (sources_dir() / src.file).read_text(encoding="utf-8")
    found = {f for c in suggest(text, gazetteer) for f in c.feature_ids}
    assert set(FOUR) | {"hokkaido", "noto-peninsula", "tsushima-strait", "miyako"} <= found


# --- command line ---------------------------------------------------------------------------

DOC = """A test document.
Moscow says Iturup and the Habomai Islands are part of the Southern Kurils.
Nothing to see in this sentence. <script>alert(1)</script> was found near Okinawa.
"""


def run_cli(*args):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    r = subprocess.run([sys.executable, "-m", "geo.annotations", *args], cwd=PROJECT_ROOT,
                       capture_output=True, env=env, timeout=120)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def test_cli_suggest_lists_feature_ids_and_prints_markup_literally(tmp_path):
    doc = tmp_path / "new.txt"
    doc.write_text(DOC, encoding="utf-8")
    code, out, err = run_cli("suggest", str(doc))
    assert code == 0, err
    blocks = out.split("\n\n")
    assert "2 candidate passage(s)" in blocks[0]
    first, second = blocks[1], blocks[2]
    assert "features: etorofu, habomai, kunashiri, shikotan\n" in first
    assert "Habomai Islands -> habomai" in first and "Iturup -> etorofu" in first
    assert "Southern Kurils -> etorofu, kunashiri, shikotan, habomai" in first
    assert "features: okinawa\n" in second
    assert "<script>alert(1)</script> was found near Okinawa." in second
    assert "&lt;" not in out


def test_cli_suggest_context(tmp_path, capsys):
    doc = tmp_path / "new.txt"
    doc.write_text(DOC, encoding="utf-8")
    assert main(["suggest", str(doc), "--context", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 candidate passage(s)" in out
    assert "features: etorofu, habomai, kunashiri, shikotan, okinawa" in out
    assert main(["suggest", str(doc), "--context", "-1"]) == 2


def test_cli_suggest_bad_files_exit_2(tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    assert main(["suggest", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "not found" in err
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Kunashiri caf\u00e9".encode("latin-1"))
    assert main(["suggest", str(latin1)]) == 2
    err = capsys.readouterr().err
    assert str(latin1) in err and "not UTF-8" in err
