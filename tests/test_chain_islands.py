"""The chain-islands: the named islands of kuril-north, for the map's labels only.

Their names in each convention, the schema (``geometry: {chain_part: NAME}``, listed under
``chain_islands``), their label points computed from the shipped geometry
(:func:`geo.analysis.kuril_chain.chain_island_points`), and that they change nothing
else: they are not features, not members of kuril-north, not selectable, not matched in
text, and no quote or event can be linked to them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import shapely
import yaml

from geo.analysis import kuril_chain
from geo.analysis.kuril_chain import CHAIN_GROUP, KNOWN_ISLANDS, chain_island_points
from geo.curate.suggest import find_mentions
from geo.data.gazetteer import CHAIN_KIND, LAND_KINDS, load_gazetteer
from geo.data.layers import load_atlas
from geo.data.loading import dump_yaml
from geo.errors import DataError
from geo.map import selectable_ids
from geo.measure import distance_km
from tests.test_gazetteer import ENTRY

ROOT = Path(__file__).resolve().parent.parent

# chain_part -> (id, Japanese, romaji, Russian, transliteration, English)
NAMES = {
    "Atlasov": ("atlasov", "阿頼度島", "Araido-tō", "остров Атласова", "ostrov Atlasova",
                "Atlasov Island"),
    "Shumshu": ("shumshu", "占守島", "Shumushu-tō", "Шумшу", "Shumshu", "Shumshu"),
    "Paramushir": ("paramushir", "幌筵島", "Paramushiru-tō", "Парамушир", "Paramushir",
                   "Paramushir"),
    "Onekotan": ("onekotan", "温禰古丹島", "Onnekotan-tō", "Онекотан", "Onekotan", "Onekotan"),
    "Kharimkotan": ("kharimkotan", "春牟古丹島", "Harumukotan-tō", "Харимкотан", "Kharimkotan",
                    "Kharimkotan"),
    "Shiashkotan": ("shiashkotan", "捨子古丹島", "Shasukotan-tō", "Шиашкотан", "Shiashkotan",
                    "Shiashkotan"),
    "Matua": ("matua", "松輪島", "Matsuwa-tō", "Матуа", "Matua", "Matua"),
    "Rasshua": ("rasshua", "羅処和島", "Rashowa-tō", "Расшуа", "Rasshua", "Rasshua"),
    "Ketoy": ("ketoy", "計吐夷島", "Ketoi-tō", "Кетой", "Ketoy", "Ketoy"),
    "Simushir": ("simushir", "新知島", "Shimushiru-tō", "Симушир", "Simushir", "Simushir"),
}

BASE = ENTRY  # a minimal feature (tests/test_gazetteer.py)
CHAIN = {
    "id": "beta", "kind": CHAIN_KIND, "names_ref": "r", "administered_by": "RUS",
    "names": {"ja": {"script": "乙島", "romaji": "Otsu-tō"},
              "ru": {"script": "Бета", "translit": "Beta"}, "en": ["Beta"]},
    "geometry": {"chain_part": "Matua"},
}
REFS = {"r": {"title": "t", "publisher": "p", "url": "https://example.org/names"}}


def write(tmp_path: Path, features=None, chain_islands=None, name="g.yaml") -> Path:
    doc = {"references": REFS, "features": features if features is not None else [BASE]}
    if chain_islands is not None:
        doc["chain_islands"] = chain_islands
    p = tmp_path / name
    p.write_text(dump_yaml(doc, allow_unicode=True), encoding="utf-8")
    return p


def changed(entry: dict, **changes) -> dict:
    e = yaml.safe_load(dump_yaml(entry, allow_unicode=True))
    e.update(changes)
    return e


# --- the schema ---------------------------------------------------------------------

def test_a_chain_island_loads_apart_from_the_features(tmp_path):
    gaz = load_gazetteer(write(tmp_path, chain_islands=[CHAIN]))
    assert [f.id for f in gaz.chain_islands] == ["beta"] and gaz.ids == ["alpha"]
    f = gaz.chain_islands[0]
    assert (f.kind, f.geometry.how, f.geometry.chain_part) == (CHAIN_KIND, "chain_part", "Matua")
    assert "beta" not in gaz and gaz.find("Beta") == []
    assert load_gazetteer(write(tmp_path, name="none.yaml")).chain_islands == []


@pytest.mark.parametrize("features,chain,item,field,message", [
    ([BASE], [changed(CHAIN, geometry={"chain_part": "Matwa"})], "beta",
     "geometry.chain_part", "is not among the islands geo.analysis.kuril_chain names "
                            "(KNOWN_ISLANDS); did you mean 'Matua'?"),
    ([BASE], [changed(CHAIN, geometry={"chain_part": "Urup"})], "beta",
     "geometry.chain_part", "KNOWN_ISLANDS"),
    ([BASE], [changed(CHAIN, geometry={"anchors": [[153.2, 48.1]]})], "beta", None,
     "a chain-island needs geometry chain_part"),
    ([BASE], [changed(CHAIN, geometry={"chain_part": "Matua", "anchors": [[153.2, 48.1]]})],
     "beta", "geometry", "exactly one of"),
    ([changed(BASE, kind="sea", geometry={"chain_part": "Matua"})], [], "alpha", None,
     "only a chain-island has one"),
    ([BASE], [changed(CHAIN, names_ref=None)], "beta", None, "needs names_ref"),
    ([BASE], [changed(CHAIN, names_ref="nope")], "beta", "names_ref",
     "unknown reference 'nope'"),
    ([BASE, CHAIN], [], "beta", "kind", "a chain-island is listed under chain_islands"),
    ([BASE], [BASE], "alpha", "id", "duplicate id"),
    ([BASE], [changed(CHAIN, kind="island")], "beta", None, "needs geometry anchors"),
    ([BASE], [CHAIN, changed(CHAIN, id="gamma")], "gamma", "geometry.chain_part",
     "'Matua' is already the part of 'beta'"),
    ([BASE], [changed(CHAIN, colour="red")], "beta", "colour", "unknown field"),
])
def test_bad_chain_islands_name_file_id_and_field(tmp_path, features, chain, item, field,
                                                  message):
    p = write(tmp_path, features, chain)
    with pytest.raises(DataError) as exc:
        load_gazetteer(p)
    text = str(exc.value)
    assert text.startswith(f"{p}, id '{item}'"), text
    if field:
        assert f"field '{field}'" in text, text
    assert message in text, text


def test_a_bad_chain_part_in_a_copy_of_the_data_stops_the_atlas(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "gazetteer.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count('chain_part: "Matua"') == 1
    path.write_text(text.replace('chain_part: "Matua"', 'chain_part: "Matsuwa"'),
                    encoding="utf-8")
    monkeypatch.setenv("NT_DATA_DIR", str(data))
    with pytest.raises(DataError, match=r"gazetteer\.yaml, id 'matua', field "
                                        r"'geometry\.chain_part': 'Matsuwa' is not among "
                                        r".*KNOWN_ISLANDS.*\(line \d+\)"):
        load_atlas()


# --- the shipped entries ------------------------------------------------------------------

@pytest.fixture
def gaz(gazetteer):  # the shipped gazetteer (conftest), loaded once per session
    return gazetteer


def test_the_larger_northern_and_middle_islands_are_named(gaz):
    got = {f.geometry.chain_part: (f.id, f.names.ja.script, f.names.ja.romaji,
                                   f.names.ru.script, f.names.ru.translit, f.label_en)
           for f in gaz.chain_islands}
    assert got == NAMES


def test_names_are_in_the_right_scripts(gaz):
    for f in gaz.chain_islands:
        n = f.names
        assert re.fullmatch(r"[\u4e00-\u9fff]+島", n.ja.script), f.id  # kanji, ending 島
        assert re.fullmatch(r"[A-Z][a-zāēīōū]+-tō", n.ja.romaji), f.id  # Hepburn, -tō
        assert re.fullmatch(r"(остров )?[А-ЯЁ][а-яё]+", n.ru.script), f.id
        assert re.fullmatch(r"(ostrov )?[A-Z][a-z]+", n.ru.translit), f.id
        assert n.en and all(re.fullmatch(r"[A-Z][a-z]+( Island)?", e) for e in n.en), f.id
        assert all(a.isascii() for a in f.aliases), f.id
        assert f.kind == CHAIN_KIND and f.administered_by == "RUS" and not f.claimed_by
        assert f.names_ref in gaz.references and not f.disputed and f.part_of is None


def test_the_names_reference_is_a_web_page(gaz):
    (ref,) = {f.names_ref for f in gaz.chain_islands}
    assert gaz.references[ref].url.startswith("https://ja.wikipedia.org/wiki/")
    for f in gaz.chain_islands:  # every name is in the reference's note
        assert f.names.ja.script in gaz.references[ref].note, f.id


# --- the label points ---------------------------------------------------------------

@pytest.fixture(scope="module")
def points(atlas):
    return chain_island_points(atlas)


def test_a_point_for_every_chain_island_in_order(atlas, points):
    assert list(points) == [f.id for f in atlas.gaz.chain_islands]
    for lat, lon in points.values():
        assert (round(lat, 4), round(lon, 4)) == (lat, lon)
    assert chain_island_points(atlas) == points  # deterministic


def test_points_lie_on_their_island_near_the_literature_position(atlas, points):
    land = atlas.land.geoms[CHAIN_GROUP]
    display = atlas.display.geoms[CHAIN_GROUP]
    for f in atlas.gaz.chain_islands:
        lat, lon = points[f.id]
        pt = shapely.Point(lon, lat)
        for g in (land, display):
            near = shapely.ops.nearest_points(g, pt)[0]
            assert g.contains(pt) or distance_km((lon, lat), (near.x, near.y)) <= 1.0, f.id
        known_lon, known_lat, _ = KNOWN_ISLANDS[f.geometry.chain_part]
        assert distance_km((lon, lat), (known_lon, known_lat)) <= 15.0, f.id


def test_each_point_is_on_the_part_named_so(atlas, points):
    named = {n: pid for pid, n, _ in kuril_chain._candidates(atlas, kuril_chain.MIN_ISLAND_KM2)}
    for f in atlas.gaz.chain_islands:
        part = kuril_chain.shore_geometry(atlas, named[f.geometry.chain_part])
        lat, lon = points[f.id]
        assert part.distance(shapely.Point(lon, lat)) < 1e-3, f.id  # ~100 m, the rounding


def test_a_part_missing_from_the_geometry_is_an_error_naming_it(atlas, monkeypatch):
    real = kuril_chain._candidates

    def without_matua(a, km2):
        return tuple((p, None if n == "Matua" else n, x) for p, n, x in real(a, km2))

    monkeypatch.setattr(kuril_chain, "_candidates", without_matua)
    with pytest.raises(DataError, match=r"gazetteer\.yaml, id 'matua', field "
                                        r"'geometry\.chain_part': no part of kuril-north in "
                                        r".*land\.geojson is named 'Matua'"):
        chain_island_points(atlas)


# --- nothing else changes -------------------------------------------------------------

def test_they_are_not_features_members_or_selectable(atlas):
    gaz = atlas.gaz
    ids = {f.id for f in gaz.chain_islands}
    assert not ids & set(gaz.ids)
    assert gaz.members(CHAIN_GROUP) == [CHAIN_GROUP]
    assert gaz.get(CHAIN_GROUP).kind in LAND_KINDS and gaz.get(CHAIN_GROUP).geometry.region
    assert not ids & {m for f in gaz.features for m in gaz.members(f.id)}
    assert not ids & {f.part_of for f in gaz.features}
    assert not ids & set(selectable_ids(atlas))
    for layer in (atlas.land, atlas.display, atlas.straits, atlas.places):
        assert not ids & set(layer.geoms)


def test_their_names_are_not_matched_in_text(gazetteer):
    """The suggester and the name look-up know features only: a mention of a chain-island
    suggests nothing (as before they were added); the shipped documents mention none."""
    text = ("Paramushir and Shumshu, 幌筵島 and 占守島, Парамушир, Alaid, Matsuwa-tō, "
            "Simushir Island and the Kuril Islands.")
    assert [m.feature_ids for m in find_mentions(text, gazetteer)] == [("kuril-islands",)]
    for f in gazetteer.chain_islands:
        for name in f.all_names:
            assert gazetteer.find(name) == [], name


def test_no_quote_can_be_linked_to_one(corpus_files, mini_data):
    anns = mini_data.annotations()
    anns[2]["features"] = ["paramushir"]
    with pytest.raises(DataError, match=r"field 'features': unknown feature 'paramushir'"):
        corpus_files(annotations=anns).load()
