"""The gazetteer: validation errors name the file, the id and the field."""
import re

import pytest
import yaml

from geo.data.loading import dump_yaml
from geo.errors import DataError
from geo.data.gazetteer import gazetteer_path, load_gazetteer

ENTRY = {
    "id": "alpha", "kind": "island",
    "names": {"ja": {"script": "甲島", "romaji": "Kō-tō"},
              "ru": {"script": "Альфа", "translit": "Alfa"}, "en": ["Alpha"]},
    "geometry": {"anchors": [[145.0, 43.0]]},
}


def write(tmp_path, features, references=None, name="g.yaml"):
    p = tmp_path / name
    p.write_text(dump_yaml({"references": references or {}, "features": features},
                                allow_unicode=True), encoding="utf-8")
    return p


def with_(**changes):
    e = yaml.safe_load(dump_yaml(ENTRY, allow_unicode=True))
    e.update(changes)
    return e


def test_a_minimal_entry_loads(tmp_path):
    gaz = load_gazetteer(write(tmp_path, [ENTRY]))
    names = gaz.get("alpha").names
    assert (names.ja.romaji, names.ja.script) == ("Kō-tō", "甲島")
    assert (names.ru.translit, names.ru.script) == ("Alfa", "Альфа")


@pytest.mark.parametrize("change,field,message", [
    ({"names": {"ja": {"script": "Ko", "romaji": "Kō"}, "ru": {"script": "Альфа", "translit": "A"},
                "en": ["A"]}}, "names.ja.script", "Japanese script"),
    ({"names": {"ja": {"script": "甲", "romaji": "Kō"}, "ru": {"script": "Alfa", "translit": "A"},
                "en": ["A"]}}, "names.ru.script", "Cyrillic"),
    ({"names": {"ja": {"script": "甲", "romaji": "Kō"}, "ru": {"script": "Альфа", "translit": "A"},
                "en": []}}, "names.en", "at least 1"),
    ({"id": "Alpha Island"}, "id", "not a stable id"),
    ({"kind": "continent"}, "kind", "Input should be"),
    ({"geometry": {}}, "geometry", "exactly one of"),
    ({"geometry": {"point": [145, 43]}}, "geometry", "point_ref"),
    ({"disputed": True}, None, "claimed_by"),
    ({"administered_by": "XXX"}, "administered_by", "Input should be"),
    ({"colour": "red"}, "colour", "unknown field (not allowed)"),
    ({"official_distance_from_nosappu": {"km": 0, "ref": "r"}},
     "official_distance_from_nosappu.km", "greater than 0"),
    ({"official_distance_from_nosappu": {"km": 3.7, "ref": "r", "to": " "}},
     "official_distance_from_nosappu.to", "must not be empty"),
    ({"official_distance_from_nosappu": {"km": 16.0, "ref": "r", "from": "Notsuke"}},
     "official_distance_from_nosappu.from", "unknown field (not allowed)"),
])
def test_bad_entries_name_file_id_and_field(tmp_path, change, field, message):
    p = write(tmp_path, [with_(**change)])
    with pytest.raises(DataError) as exc:
        load_gazetteer(p)
    text = str(exc.value)
    assert text.startswith(str(p))
    assert "id 'alpha'" in text or "id 'Alpha Island'" in text
    if field:
        assert f"field '{field}'" in text
    assert message in text


def test_duplicate_id(tmp_path):
    with pytest.raises(DataError, match=r"g\.yaml, id 'alpha', field 'id': duplicate id"):
        load_gazetteer(write(tmp_path, [ENTRY, ENTRY]))


def test_unknown_member(tmp_path):
    group = with_(id="grp", kind="island-group", geometry={"members": ["alpha", "omega"]})
    with pytest.raises(DataError, match=r"id 'grp', field 'geometry.members': unknown feature "
                                        r"'omega'"):
        load_gazetteer(write(tmp_path, [ENTRY, group]))


def test_unknown_reference(tmp_path):
    e = with_(population={"japanese_1945": {"value": 10, "date": "1945-08-15", "ref": "nope"}})
    with pytest.raises(DataError, match=r"field 'population.japanese_1945.ref': unknown "
                                        r"reference 'nope'"):
        load_gazetteer(write(tmp_path, [e]))


def test_bad_date(tmp_path):
    e = with_(population={"current": {"value": 10, "date": "Jan 2021", "ref": "r"}})
    with pytest.raises(DataError, match=r"field 'population.current.date'"):
        load_gazetteer(write(tmp_path, [e], references={
            "r": {"title": "t", "publisher": "p", "url": "u"}}))


def test_malformed_yaml_names_the_line(tmp_path):
    p = tmp_path / "broken.yaml"
    p.write_text("features:\n  - id: alpha\n    names: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"broken\.yaml: not valid YAML at line \d+"):
        load_gazetteer(p)


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"absent\.yaml: file not found"):
        load_gazetteer(tmp_path / "absent.yaml")


def test_not_utf8(tmp_path):
    p = tmp_path / "latin1.yaml"
    p.write_bytes("features: [{id: caf\xe9}]".encode("latin-1"))
    with pytest.raises(DataError, match=r"latin1\.yaml: not UTF-8"):
        load_gazetteer(p)


# --- the shipped gazetteer -------------------------------------------------------

@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(gazetteer_path())


def test_every_entry_has_names_in_three_scripts(gaz):
    for f in gaz.features:
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", f.names.ja.script), f.id
        assert re.fullmatch(r"[A-Za-zāēīōūĀĒĪŌŪ' ,/()-]+", f.names.ja.romaji), f.id
        assert re.search(r"[\u0400-\u04ff]", f.names.ru.script), f.id
        assert f.names.ru.translit and f.names.ru.translit.isascii(), f.id
        assert f.names.en and all(n.strip() for n in f.names.en), f.id


def test_aliases_used_by_the_documents_are_known(gaz):
    names = {n.lower(): f.id for f in gaz.features for n in f.all_names}
    for alias, fid in [("Iturup", "etorofu"), ("Etorofu", "etorofu"), ("Kunashir", "kunashiri"),
                       ("Kunashiri", "kunashiri"), ("Habomai Islands", "habomai"),
                       ("Habomai Islets", "habomai"), ("Shikotan", "shikotan"),
                       ("Southern Kurils", "disputed-islands"),
                       ("Northern Territories", "disputed-islands"),
                       ("Sea of Okhotsk", "sea-of-okhotsk"),
                       ("Catherine Strait", "catherine-strait"),
                       ("Vries Strait", "vries-strait"), ("Tsushima Strait", "tsushima-strait")]:
        assert names.get(alias.lower()) == fid, alias


def test_disputed_islands_have_status_units_and_cited_figures(gaz):
    for fid in ["etorofu", "kunashiri", "shikotan", "habomai"]:
        f = gaz.get(fid)
        assert f.disputed and f.administered_by == "RUS" and f.claimed_by == ["JPN"]
        assert "Sakhalin Oblast" in f.admin_unit and "Nemuro" in f.claim_unit
        for fig in (f.population.japanese_1945, f.population.current):
            assert fig.ref in gaz.references and fig.date
        assert f.official_area.with_islets.ref in gaz.references
    assert gaz.members("disputed-islands") == ["etorofu", "kunashiri", "shikotan", "suisho",
                                               "akiyuri", "yuri", "shibotsu", "taraku",
                                               "habomai-minor"]


def test_habomai_population_is_the_sum_of_its_islets(gaz):
    islets = [gaz.get(m) for m in gaz.members("habomai") if gaz.get(m).population]
    total = sum(i.population.japanese_1945.value for i in islets)
    assert total == gaz.get("habomai").population.japanese_1945.value
