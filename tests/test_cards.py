"""Feature cards: the gazetteer, the layers' measures and the annotations joined."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

from geo import PROJECT_ROOT
from geo.cli.annotations import format_card, main
from geo.data.corpus_schema import SIDES, TOPICS
from geo.analysis.cards import (
    LAND_AREA_MIN_DIFFERENCE_KM2,
    FeatureCard,
    annotation_count_layer,
    annotation_counts,
    feature_card,
    write_annotation_count_layer,
)
from geo.data.gazetteer import GROUP_KINDS, LAND_KINDS
from geo.data.geojson import read_features


def order_ok(card: FeatureCard) -> bool:
    sides = [s.side for s in card.annotations]
    if sides != sorted(sides, key=list(SIDES).index):
        return False
    for s in card.annotations:
        topics = [t.topic for t in s.topics]
        if topics != sorted(topics, key=list(TOPICS).index) or len(set(topics)) != len(topics):
            return False
        if any(e.side != s.side or e.topic != t.topic for t in s.topics for e in t.annotations):
            return False
    return True


# --- on the synthetic corpus ------------------------------------------------------------

def test_card_groups_by_side_then_topic(atlas, mini_corpus):
    card = feature_card("habomai", atlas=atlas, corpus=mini_corpus)
    assert [e.id for e in card.all_annotations()] == ["a-both", "a-suisho", "a-names", "a-1956"]
    assert card.sides == ["japan", "russia"]  # SIDES order, not file order
    japan, russia = card.annotations
    assert japan.label == "Japanese government" and russia.label == "Russian or Soviet government"
    assert [t.topic for t in japan.topics] == ["sovereignty", "incidents"]  # TOPICS order
    assert [t.topic for t in russia.topics] == ["names", "declaration-1956"]
    assert japan.count == 2 and card.annotation_count == 4
    assert order_ok(card)


def test_card_entry_has_attribution_and_citation(atlas, mini_corpus):
    card = feature_card("habomai", atlas=atlas, corpus=mini_corpus)
    by_id = {e.id: e for e in card.all_annotations()}
    e = by_id["a-1956"]
    assert e.attribution == "Soviet Union, 1956 declaration"
    assert e.said == "1956" and e.refers_to is None and e.side_label == "Russian or Soviet government"
    assert e.when == "said 1956"  # not the document's author, its own date given
    assert e.topic_label == TOPICS["declaration-1956"] and not e.reported and e.via == ()
    assert (e.source_id, e.source_title, e.outlet, e.author, e.source_date, e.source_kind) == (
        "doc-a", "A small test document", "Test Outlet", "A. Writer", "2024-02", "opinion")
    assert e.speaker_affiliation == "The Soviet Union." and e.speaker_refs[0].key == "test-ref"
    assert [(o.name, o.affiliation) for o in e.outlets] == [("Test Outlet", "A test outlet.")]
    assert by_id["a-names"].when == "date not given, in a text of 2024-02"
    kurils = feature_card("kuril-islands", atlas=atlas, corpus=mini_corpus)
    assert {e.id: e.when for e in kurils.all_annotations()}["a-kurils"] == "published 2024-02"
    # shown on the group through its islet
    assert by_id["a-suisho"].via == ("suisho",) and by_id["a-suisho"].reported
    # on the islet: its own first; the group's come apart, through the group
    islet = feature_card("suisho", atlas=atlas, corpus=mini_corpus)
    assert {e.id: e.via for e in islet.all_annotations()} == {"a-suisho": (), "a-both": ()}
    assert {e.id: e.via for e in islet.all_group_annotations()} == {
        "a-names": ("habomai",), "a-1956": ("habomai",), "a-kurils": ("kuril-islands",)}


def test_unknown_feature(atlas, mini_corpus):
    with pytest.raises(KeyError, match="atlantis"):
        feature_card("atlantis", atlas=atlas, corpus=mini_corpus)


# --- on the shipped data -------------------------------------------------------------------

def test_shikotan_card(atlas, shipped_corpus):
    card = feature_card("shikotan", atlas=atlas, corpus=shipped_corpus)
    assert card.id == "shikotan" and card.kind == "island" and card.disputed
    assert card.names.ja_script == "色丹島" and card.names.ja_romaji == "Shikotan-tō"
    assert card.names.ru_script == "Шикотан" and card.names.ru_translit == "Shikotan"
    assert "Shikotan" in card.names.en and card.label == "Shikotan"
    assert card.administered_by == "Russia" and "Sakhalin Oblast" in card.admin_unit
    assert card.claimed_by == ("Japan",) and "Nemuro" in card.claim_unit
    layer_area = atlas.land.props["shikotan"]["area_km2"]
    assert card.area_km2 == pytest.approx(layer_area, rel=1e-3)
    assert card.land_area_km2 <= card.area_km2 + 1e-9
    # within 5% of the official survey figure
    official = card.official_area.with_islets
    assert card.area_km2 == pytest.approx(official.value, rel=0.05)
    assert official.reference.key == "gsi-2022-mofa" and official.reference.url.startswith("https")
    # Cape Nosappu is a point of Hokkaido: never closer than Hokkaido as a whole
    assert 0 < card.distance_from_hokkaido_km <= card.distance_from_cape_nosappu_km
    assert card.distance_from_hokkaido_km == pytest.approx(atlas.distance_km("hokkaido",
                                                                            "shikotan"))
    assert card.strait_width_km is None
    feat = atlas.gaz.get("shikotan")
    pop = card.population
    assert pop.japanese_1945.value == feat.population.japanese_1945.value
    assert pop.japanese_1945.date == "1945-08-15"
    assert pop.japanese_1945.reference.publisher == atlas.gaz.references[
        feat.population.japanese_1945.ref].publisher
    assert pop.current.reference.url == atlas.gaz.references[feat.population.current.ref].url
    assert set(card.groups) == {"disputed-islands", "kuril-islands"} and card.members == ()
    # its own statements first (those linked to shikotan), each once; the four islands'
    # and the Kuril chain's apart, through the group
    assert {"japan", "russia"} <= set(card.sides) and order_ok(card)
    ids = [e.id for e in card.all_annotations()]
    expected = {a.id for a in shipped_corpus.annotations if "shikotan" in a.features}
    assert len(ids) == len(set(ids)) and set(ids) == expected
    assert all(e.via == () for e in card.all_annotations())
    group = card.all_group_annotations()
    assert {e.id for e in group} == {a.id for a in shipped_corpus.annotations
                                     if {"disputed-islands", "kuril-islands"} & set(a.features)
                                     and "shikotan" not in a.features}
    assert all(e.via for e in group) and not set(ids) & {e.id for e in group}
    peskov = [e for e in group if e.speaker == "Dmitry Peskov"]
    assert peskov and peskov[0].attribution == "Dmitry Peskov, Kremlin spokesman"


def test_habomai_card_shows_own_and_islet_annotations_once(atlas, shipped_corpus):
    gaz = atlas.gaz
    card = feature_card("habomai", atlas=atlas, corpus=shipped_corpus)
    islets = gaz.members("habomai")
    assert card.kind == "island-group" and set(card.members) == set(islets)
    related = {"habomai", *islets}
    expected = [a.id for a in shipped_corpus.annotations if related & set(a.features)]
    ids = [e.id for e in card.all_annotations()]
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))
    assert {"japan", "russia"} <= set(card.sides) and order_ok(card)
    # the group's area is the union of its islets
    assert card.area_km2 == pytest.approx(sum(atlas.area_km2(i) for i in islets), rel=1e-3)
    assert card.population.current.value == gaz.get("habomai").population.current.value
    # each islet shows its group's annotations too, after its own
    islet = feature_card(islets[0], atlas=atlas, corpus=shipped_corpus)
    shown = {e.id for e in islet.all_annotations()} | {e.id for e in
                                                       islet.all_group_annotations()}
    assert set(expected) <= shown
    assert islet.part_of == "habomai" and islet.groups[0] == "habomai"


def test_habomai_card_gives_the_official_distance_beside_the_computed(atlas, shipped_corpus):
    """Habomai's nearest rock, Kaigara, is not in the outlines: the card carries the computed
    distance (to Suisho) and the official 3.7 km to Kaigara with its reference and a note
    saying why they differ; 'show' prints both, one after the other."""
    card = feature_card("habomai", atlas=atlas, corpus=shipped_corpus)
    fig = card.official_distance_from_nosappu
    assert (fig.value, fig.to, fig.reference.key) == (3.7, "Kaigara", "gsi-2021")
    assert "Kaigara 3.7" in atlas.gaz.references["gsi-2021"].note  # as the reference states it
    assert "OpenStreetMap" in fig.note and "Suisho" in fig.note
    suisho = feature_card("suisho", atlas=atlas, corpus=shipped_corpus)
    assert card.distance_from_cape_nosappu_km == suisho.distance_from_cape_nosappu_km
    assert card.distance_from_cape_nosappu_km == pytest.approx(7.4, abs=0.05)
    assert (suisho.official_distance_from_nosappu.value, suisho.official_distance_from_nosappu.to
            ) == (7.0, None)
    lines = format_card(card).splitlines()
    i = lines.index("Distance from Cape Nosappu: 7.4 km")
    assert lines[i + 1].startswith("Official distance from Cape Nosappu: 3.7 km, to Kaigara "
                                   f"({fig.note}); source: 北方領土の位置・面積・人口")
    assert lines[i + 1].endswith("https://www.hoppou.go.jp/archives/basics/islands1.html")
    assert "Official distance from Cape Nosappu: 7.0 km; source:" in format_card(suisho)
    # Kunashiri's official distance is from the Notsuke Peninsula: the card gives none
    assert feature_card("kunashiri", atlas=atlas,
                        corpus=shipped_corpus).official_distance_from_nosappu is None


def test_context_and_strait_cards(atlas, shipped_corpus):
    hok = feature_card("hokkaido", atlas=atlas, corpus=shipped_corpus)
    assert hok.distance_from_hokkaido_km is None and hok.distance_from_cape_nosappu_km is None
    assert hok.administered_by == "Japan" and hok.claimed_by == () and not hok.disputed
    strait = feature_card("catherine-strait", atlas=atlas, corpus=shipped_corpus)
    assert strait.strait_width_km == atlas.strait_width_km("catherine-strait")
    assert strait.area_km2 is None and strait.distance_from_hokkaido_km > 0
    assert strait.annotation_count >= 1
    sea = feature_card("sea-of-okhotsk", atlas=atlas, corpus=shipped_corpus)
    assert sea.area_km2 is None and sea.distance_from_hokkaido_km is None
    assert sea.administered_by is None


def test_land_area_shown_only_where_it_differs(atlas, shipped_corpus):
    def card(fid):
        return feature_card(fid, atlas=atlas, corpus=shipped_corpus)
    assert card("etorofu").land_area_shown  # lakes and lagoons: two figures
    assert not card("shikotan").land_area_shown  # land only: one figure
    assert not card("catherine-strait").land_area_shown  # no area at all
    base = card("shikotan")
    for diff, shown in ((LAND_AREA_MIN_DIFFERENCE_KM2 * 0.9, False),
                        (LAND_AREA_MIN_DIFFERENCE_KM2 * 1.1, True)):
        c = dataclasses.replace(base, land_area_km2=base.area_km2 - diff)
        assert c.land_area_shown is shown
    assert not dataclasses.replace(base, land_area_km2=None).land_area_shown


def test_annotation_counts_match_cards(atlas, shipped_corpus):
    counts = annotation_counts(shipped_corpus, atlas.gaz)
    assert set(counts) == set(atlas.gaz.ids)
    for fid in ("shikotan", "habomai", "suisho", "okinawa", "urup"):
        assert counts[fid] == feature_card(fid, atlas=atlas,
                                           corpus=shipped_corpus).annotation_count
    assert counts["habomai"] >= 3 and counts["kamchatka"] >= 1


def test_annotation_count_layer_written_as_geojson(atlas, shipped_corpus, tmp_path):
    rows = annotation_count_layer(atlas, shipped_corpus)
    kinds = {p["kind"] for p, _ in rows}
    assert kinds <= LAND_KINDS | {"strait"} and "strait" in kinds
    assert not kinds & GROUP_KINDS
    expected_ids = {f.id for f in atlas.gaz.features if f.kind in LAND_KINDS | {"strait"}}
    assert {p["id"] for p, _ in rows} == expected_ids
    path = write_annotation_count_layer(tmp_path / "counts.geojson", atlas, shipped_corpus)
    back = {p["id"]: (p, g) for p, g in read_features(path)}
    counts = annotation_counts(shipped_corpus, atlas.gaz)
    direct = shipped_corpus.counts_by_feature()
    for fid, (props, geom) in back.items():
        assert props["count"] == counts[fid] and props["direct"] == direct.get(fid, 0)
        assert geom.geom_type in (("LineString",) if props["kind"] == "strait"
                                  else ("Polygon", "MultiPolygon"))
    assert back["shikotan"][0]["label_ja"] == "色丹島"
    assert path.read_bytes() == write_annotation_count_layer(
        tmp_path / "again.geojson", atlas, shipped_corpus).read_bytes()


# --- command line: show -----------------------------------------------------------------

def test_cli_show_shikotan_subprocess():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    r = subprocess.run([sys.executable, "-m", "geo.annotations", "show", "shikotan"],
                       cwd=PROJECT_ROOT, capture_output=True, env=env, timeout=120)
    out = r.stdout.decode("utf-8")
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    for text in ("色丹島", "Шикотан", "Shikotan", "Administered by Russia", "Claimed by Japan",
                 "km²", "Population", "== Japanese government",
                 "== Russian or Soviet government", "About the groups it belongs to",
                 "Dmitry Peskov, Kremlin spokesman", "Editor's note"):
        assert text in out, text


def test_format_card_lists_annotations_with_sources(atlas, mini_corpus):
    text = format_card(feature_card("habomai", atlas=atlas, corpus=mini_corpus))
    assert "歯舞群島" in text and "острова Хабомаи" in text and "Habomai Islands" in text
    assert text.index("== Japanese government") < text.index("== Russian or Soviet government")
    assert ("Soviet Union, 1956 declaration · Test Outlet · said 1956: \u201cThe Soviet Union "
            "agreed in 1956") in text
    assert "via suisho" in text and "a.txt" in text


def test_cli_show_unknown_id_exits_2_with_close_matches(capsys):
    assert main(["show", "shikotn"]) == 2
    err = capsys.readouterr().err
    assert "unknown feature id 'shikotn'" in err and "shikotan" in err



def test_cli_show_accepts_a_name_in_any_script(capsys):
    """`show Iturup`, `show 択捉島`, `show etorofu-to`: a name or alias, in any script,
    any case, with or without its diacritics, shows that feature's card."""
    for name in ("Iturup", "択捉島", "Итуруп", "etorofu-to", "ETOROFU-TŌ"):
        assert main(["show", name]) == 0, name
        out = capsys.readouterr().out
        assert out.startswith("Etorofu  [etorofu]"), (name, out[:80])


def test_gazetteer_finds_features_by_any_name(gazetteer):
    assert gazetteer.find("Kunashir") == ["kunashiri"]
    assert gazetteer.find("  国後島 ") == ["kunashiri"]
    assert gazetteer.find("shikotan") == ["shikotan"]  # the id itself
    assert gazetteer.find("Atlantis") == []


def test_a_strait_touching_hokkaido_gives_no_zero_distance(atlas):
    """A strait touches the shores it lies between: its distance from Hokkaido would read
    '0.0 km'; it is left out (its measure is its width). A strait elsewhere keeps it."""
    card = feature_card("nemuro-strait", atlas=atlas)
    assert card.strait_width_km and card.strait_width_km > 10
    assert card.distance_from_hokkaido_km is None
    assert feature_card("catherine-strait", atlas=atlas).distance_from_hokkaido_km > 90
    assert feature_card("shikotan", atlas=atlas).distance_from_hokkaido_km > 50


def test_a_quote_shown_through_a_group_names_the_group_in_the_convention(atlas, shipped_corpus):
    """Under a card, a quote about a group the feature belongs to says which group by its
    name in the reader's names convention, never by the data's id."""
    from geo.map.text import heading
    from geo.panels.card import card_text
    gaz = atlas.gaz
    card = feature_card("kunashiri", atlas, shipped_corpus)
    through = [e for e in card.all_group_annotations() if e.via]
    assert through  # the four islands' statements reach Kunashiri's card
    for names in ("ja", "ru", "both"):
        text = card_text(card, gaz.get("kunashiri"), gaz, names)
        shown = {q.id: q.about for s in text.group_sides for t in s.topics for q in t.quotes}
        for e in through:
            want = "About " + ", ".join(heading(gaz.get(g), names) for g in e.via)
            assert shown[e.id] == want, (names, e.id)
            assert not any(g in shown[e.id] for g in e.via), shown[e.id]  # no raw id
