"""geo.export: scenario GeoJSON, annotations CSV and the standalone offline atlas."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from shapely.geometry import shape
from shapely.ops import unary_union

from geo.errors import UnknownIdError
from geo.cli.export import main
from geo.export import ATTRIBUTION, CSV_COLUMNS, annotations_csv, safe_cell, scenario_geojson
from geo.views.present import default_scenarios, holder_of, island_of

ROOT = Path(__file__).resolve().parent.parent
SHOT = Path("/tmp/atlas.png")


# --- GeoJSON ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def geojson_by_scenario(atlas):
    return {sid: json.loads(scenario_geojson(sid, atlas)) for sid in default_scenarios().ids}


def _rings(geom: dict):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    for poly in polys:
        for i, ring in enumerate(poly):
            yield i == 0, ring


def _signed_area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def _numbers(obj):
    if isinstance(obj, list):
        for x in obj:
            yield from _numbers(x)
    else:
        yield obj


def test_geojson_top_level(geojson_by_scenario):
    for sid, fc in geojson_by_scenario.items():
        assert fc["type"] == "FeatureCollection"
        assert fc["attribution"] == ATTRIBUTION
        assert fc["scenario"] == sid
        ids = [f["id"] for f in fc["features"]]
        assert len(ids) == len(set(ids))


def test_geojson_every_land_feature_with_holder(atlas, geojson_by_scenario):
    gaz = atlas.gaz
    for sid, fc in geojson_by_scenario.items():
        sc = default_scenarios().get(sid)
        land = {f["id"]: f for f in fc["features"] if f["properties"]["layer"] == "land"}
        assert set(land) == set(atlas.land.geoms)
        for fid, f in land.items():
            p = f["properties"]
            assert p["holder"] == holder_of(sc, gaz, fid)
            assert p["group"] is False
            assert p["area_km2"] > 0
            if island_of(gaz, fid) is not None:
                assert p["disputed"] == sc.is_disputed(island_of(gaz, fid))
    holders = {sid: {f["id"]: f["properties"]["holder"] for f in fc["features"]
                     if f["properties"]["layer"] == "land"}
               for sid, fc in geojson_by_scenario.items()}
    assert holders["joint-1956"]["shikotan"] == "JPN"
    assert holders["today"]["shikotan"] == "RUS"
    assert holders["joint-1956"]["etorofu"] == "RUS"
    assert holders["four-islands"]["etorofu"] == "JPN"
    assert holders["joint-1956"]["suisho"] == "JPN"  # a Habomai islet follows its group
    assert holders["today"]["hokkaido"] == "JPN"
    shik = next(f for f in geojson_by_scenario["joint-1956"]["features"] if f["id"] == "shikotan")
    assert shik["properties"]["name_ja"] == "色丹島"
    assert shik["properties"]["disputed"] is False


def test_geojson_straits_places_winding_and_precision(atlas, geojson_by_scenario):
    fc = geojson_by_scenario["today"]
    straits = {f["id"]: f for f in fc["features"] if f["properties"]["layer"] == "straits"}
    assert set(straits) == set(atlas.straits.geoms)
    for fid, f in straits.items():
        assert f["geometry"]["type"] == "LineString"
        assert f["properties"]["width_km"] == pytest.approx(atlas.strait_width_km(fid))
    nemuro = straits["nemuro-strait"]["properties"]
    assert (nemuro["between_a"], nemuro["between_b"]) == ("hokkaido", "kunashiri")
    assert (nemuro["shore_holder_a"], nemuro["shore_holder_b"]) == ("JPN", "RUS")
    layers = {f["properties"]["layer"] for f in fc["features"]}
    assert layers == {"land", "groups", "straits", "places", "security"}
    sec = {f["id"]: f["properties"] for f in fc["features"]
           if f["properties"]["layer"] == "security"}
    assert sec["misawa"]["kind"] == "base" and sec["vladivostok"]["kind"] == "fleet"
    n = 0
    for f in fc["features"]:
        g = f["geometry"]
        for x in _numbers(g["coordinates"]):
            assert len(repr(float(x)).split(".")[1]) <= 6
        if g["type"] in ("Polygon", "MultiPolygon"):
            for exterior, ring in _rings(g):
                assert ring[0] == ring[-1]
                a = _signed_area(ring)
                assert (a > 0) if exterior else (a < 0), f["id"]  # RFC 7946 right-hand rule
                n += 1
    assert n > len(atlas.land.geoms)


def test_geojson_names_are_flat_strings_in_each_script(atlas, geojson_by_scenario):
    """Every gazetteer feature (land, group, strait, place) has its names as flat string
    properties, kanji in name_ja and Cyrillic in name_ru, as QGIS and spreadsheets show
    them; no property of any feature is an object or a list."""
    gaz = atlas.gaz
    kanji, cyrillic = re.compile(r"[\u4e00-\u9fff]"), re.compile(r"[\u0400-\u04ff]")
    for sid, fc in geojson_by_scenario.items():
        for f in fc["features"]:
            p = f["properties"]
            assert all(isinstance(v, (str, int, float, bool)) or v is None
                       for v in p.values()), (sid, f["id"], p)
            assert "names" not in p
            if p["layer"] == "security":  # cited points, not in the gazetteer: a label
                assert isinstance(p["label"], str) and p["label"]
                continue
            g = gaz.get(f["id"])
            assert kanji.search(p["name_ja"]) and p["name_ja"] == g.names.ja.script
            assert cyrillic.search(p["name_ru"]) and p["name_ru"] == g.names.ru.script
            assert p["name_ja_romaji"] == g.names.ja.romaji and p["name_ja_romaji"].isprintable()
            assert p["name_ru_translit"] == g.names.ru.translit and p["name_ru_translit"].isascii()
            assert p["name_en"] == g.names.en[0] and p["names_en"] == "; ".join(g.names.en)
    etorofu = next(f for f in geojson_by_scenario["today"]["features"] if f["id"] == "etorofu")
    assert (etorofu["properties"]["name_ja"], etorofu["properties"]["name_ru"],
            etorofu["properties"]["names_en"]) == ("択捉島", "Итуруп", "Etorofu; Iturup")


def test_geojson_has_the_habomai_group_marked_so_areas_are_not_counted_twice(
        atlas, geojson_by_scenario):
    """The Habomai group is a feature of its own (the union of its islets), with its holder
    and area, marked group: true with its members; summing area_km2 over group: false
    counts each islet once."""
    gaz = atlas.gaz
    for sid, fc in geojson_by_scenario.items():
        sc = default_scenarios().get(sid)
        by = {f["id"]: f for f in fc["features"]}
        groups = [f for f in fc["features"] if f["properties"].get("group") is True]
        assert [f["id"] for f in groups] == ["habomai"]
        hab = by["habomai"]
        p = hab["properties"]
        islets = gaz.members("habomai")
        assert (p["layer"], p["kind"], p["name_ja"]) == ("groups", "island-group", "歯舞群島")
        assert p["members"] == "; ".join(islets)
        assert p["holder"] == holder_of(sc, gaz, "habomai")
        assert all(by[i]["properties"]["holder"] == p["holder"] for i in islets)
        assert p["disputed"] == sc.is_disputed("habomai")
        assert hab["geometry"]["type"] == "MultiPolygon"
        union = unary_union([shape(by[i]["geometry"]) for i in islets])
        assert shape(hab["geometry"]).symmetric_difference(union).area < 1e-6 * union.area
        assert p["area_km2"] == pytest.approx(sum(by[i]["properties"]["area_km2"]
                                                  for i in islets), abs=0.1 * len(islets))
        land = [f["properties"] for f in fc["features"] if f["properties"].get("group") is False]
        assert {q["id"] for q in land} == set(atlas.land.geoms) and "habomai" not in {
            q["id"] for q in land}
    holders = {sid: next(f for f in fc["features"] if f["id"] == "habomai")["properties"][
        "holder"] for sid, fc in geojson_by_scenario.items()}
    assert (holders["today"], holders["joint-1956"]) == ("RUS", "JPN")


def rfc7946_problems(fc: dict) -> list[str]:
    """What keeps ``fc`` from being an RFC 7946 FeatureCollection (empty: none)."""
    out = []
    if fc.get("type") != "FeatureCollection" or not isinstance(fc.get("features"), list):
        out.append("not a FeatureCollection with a features list")
    if "crs" in fc:
        out.append("a crs member (RFC 7946 has none: WGS84 lon/lat only)")
    for f in fc.get("features", []):
        fid = f.get("id")
        if f.get("type") != "Feature" or not isinstance(f.get("properties"), dict):
            out.append(f"{fid}: not a Feature with a properties object")
        if not isinstance(fid, (str, int)):
            out.append(f"{fid!r}: id neither a string nor a number")
        g = f.get("geometry") or {}
        if g.get("type") not in ("Point", "LineString", "Polygon", "MultiPolygon",
                                 "MultiLineString", "MultiPoint"):
            out.append(f"{fid}: geometry type {g.get('type')!r}")
            continue
        geom = shape(g)
        if not geom.is_valid or geom.is_empty:
            out.append(f"{fid}: invalid or empty geometry")
        x0, y0, x1, y1 = geom.bounds
        if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
            out.append(f"{fid}: not lon/lat degrees")
        for exterior, ring in (_rings(g) if g["type"] in ("Polygon", "MultiPolygon") else ()):
            if ring[0] != ring[-1] or len(ring) < 4:
                out.append(f"{fid}: a ring not closed")
            if (_signed_area(ring) > 0) != exterior:
                out.append(f"{fid}: a ring against the right-hand rule")
    return out


def test_geojson_is_rfc7946(geojson_by_scenario, tmp_path):
    """The whole file, as the Map page's button and the command line write it."""
    assert rfc7946_problems({"type": "FeatureCollection", "crs": {}, "features": [
        {"type": "Feature", "id": "x", "properties": {}, "geometry": {
            "type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}}]})
    for sid, fc in geojson_by_scenario.items():
        assert rfc7946_problems(fc) == [], sid
    out = tmp_path / "today.geojson"
    assert main(["geojson", "today", str(out)]) == 0
    assert rfc7946_problems(json.loads(out.read_text(encoding="utf-8"))) == []


def test_geojson_unknown_scenario():
    with pytest.raises(UnknownIdError, match="unknown scenario 'nope'.*today"):
        scenario_geojson("nope")


# --- CSV --------------------------------------------------------------------------

TRICKY = 'He said, "No deal,"\nthen left; it\'s "closed".'
DOC = ("Intro.\n" + TRICKY.replace("\n", " ") + "\n=1+2 is not a formula here.\n"
       "-5 degrees, said the report.\n")


def test_csv_all_shipped_annotations(shipped_corpus):
    text = annotations_csv(corpus=shipped_corpus)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == len(shipped_corpus.annotations) + 1
    by_id = {r[0]: dict(zip(CSV_COLUMNS, r)) for r in rows[1:]}
    for a in shipped_corpus.annotations:
        r = by_id[a.id]
        assert r["quote"] == safe_cell(a.quote)
        assert r["features"].split("; ") == a.features
        assert r["source_title"] == safe_cell(shipped_corpus.sources[a.source].title)
    assert text.endswith("\r\n")


def test_csv_for_feature(atlas, shipped_corpus):
    text = annotations_csv("shikotan", corpus=shipped_corpus, atlas=atlas)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) - 1 == len(shipped_corpus.for_card("shikotan", atlas.gaz)) > 0
    by_id = {r[0]: dict(zip(CSV_COLUMNS, r)) for r in rows[1:]}
    nt = by_id["rt-2023-annul-1960"]  # a group statement, with its two dates and the note
    assert (nt["said"], nt["refers_to"]) == ("2023", "1960")
    assert nt["editor_note"].startswith("The Soviet memorandum of 27 January 1960")
    assert nt["party"] == "Commentators and analysts"
    with pytest.raises(UnknownIdError, match="unknown feature"):
        annotations_csv("atlantis", corpus=shipped_corpus, atlas=atlas)


def test_csv_round_trip_and_formula_injection(corpus_files, mini_data):
    sources = mini_data.sources()
    sources[0]["title"] = "=HYPERLINK(\"http://x\",\"y\")"
    anns = [
        mini_data.annotation("t-tricky", TRICKY, ["shikotan"]),
        mini_data.annotation("t-eq", "=1+2 is not a formula here.", ["shikotan"],
                             speaker="@handle", speaker_role="+role"),
    ]
    att = mini_data.attribution()
    att["speakers"]["@handle"] = {"parties": ["commentator"], "affiliation": "-a handle",
                                  "refs": ["test-ref"]}
    anns += [
        mini_data.annotation("t-minus", "-5 degrees, said the report.", ["kunashiri"]),
    ]
    corpus = corpus_files(sources=sources, annotations=anns, documents={"a.txt": DOC},
                          attribution=att).load()
    text = annotations_csv(corpus=corpus)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 4
    r = {row[0]: dict(zip(CSV_COLUMNS, row)) for row in rows[1:]}
    assert r["t-tricky"]["quote"] == TRICKY  # commas, quotes and a newline intact
    assert r["t-eq"]["quote"] == "'=1+2 is not a formula here."
    assert r["t-eq"]["speaker"] == "'@handle"
    assert r["t-eq"]["speaker_role"] == "'+role"
    assert r["t-eq"]["speaker_affiliation"] == "'-a handle"
    assert r["t-minus"]["quote"] == "'-5 degrees, said the report."
    assert r["t-tricky"]["source_title"].startswith("'=HYPERLINK")
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))
    # every cell quoted
    assert text.splitlines()[0] == ",".join(f'"{c}"' for c in CSV_COLUMNS)


@pytest.mark.parametrize("value, out", [("=A1", "'=A1"), ("+1", "'+1"), ("-1", "'-1"),
                                        ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
                                        ("a=b", "a=b"), ("", ""), (None, ""), (3, "3")])
def test_safe_cell(value, out):
    assert safe_cell(value) == out


# --- command line -------------------------------------------------------------------

def test_cli_geojson_csv_and_unknown_scenario(tmp_path, capsys):
    out = tmp_path / "s.geojson"
    assert main(["geojson", "joint-1956", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["scenario"] == "joint-1956"
    out = tmp_path / "a.csv"
    assert main(["csv", str(out)]) == 0
    # a byte-order mark first, so that spreadsheet programs read UTF-8
    assert out.read_bytes().startswith(b'\xef\xbb\xbf"id","features"')
    with open(out, encoding="utf-8-sig", newline="") as f:  # as a spreadsheet reads it
        assert f.read() == annotations_csv()
    capsys.readouterr()
    assert main(["geojson", "nope", str(tmp_path / "x.geojson")]) == 2
    err = capsys.readouterr().err
    assert "unknown scenario 'nope'" in err and "joint-1956" in err
    assert not (tmp_path / "x.geojson").exists()


def test_cli_module_exit_code(tmp_path):
    r = subprocess.run([sys.executable, "-m", "geo.export", "geojson", "nope",
                        str(tmp_path / "x.geojson")], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2
    assert "unknown scenario 'nope'" in r.stderr


# --- the atlas -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def atlas_file(tmp_path_factory, atlas):
    path = tmp_path_factory.mktemp("atlas") / "atlas.html"
    assert main(["atlas", str(path)]) == 0
    return path


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.anchors = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.anchors += 1
        for k, v in attrs:
            if k in ("src", "href", "data", "srcset", "poster") and v:
                self.urls.append((tag, v))


def test_atlas_html_has_no_external_resources(atlas_file):
    text = atlas_file.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(text)
    assert parser.urls == []  # no src/href at all: everything is inline
    assert parser.anchors == 0
    assert not re.search(r"<(script|link|img)\b[^>]*(https?:)?//", text, re.IGNORECASE)
    assert "cdn.jsdelivr" not in text and "code.jquery" not in text
    assert "sourceMappingURL" not in text
    assert "url(images/" not in text  # Leaflet's CSS images are data: URIs
    assert text.count("<script") >= 2  # Leaflet inlined + the map


def test_atlas_html_content_escaped(atlas_file):
    text = atlas_file.read_text(encoding="utf-8")
    for name in ("Etorofu-tō / Iturup", "色丹島", "Kadena Air Base", "1956 Joint Declaration"):
        assert name in text or json.dumps(name)[1:-1] in text
    # the one reference URL with '&' reaches the page escaped, as text in JSON
    assert "dark=on&url" not in text


def test_atlas_in_headless_chromium_offline(atlas_file, browser):
    requests, blocked, errors = [], [], []
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    try:
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(r):
            requests.append(r.request.url)
            if r.request.url.startswith(atlas_file.as_uri()):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(atlas_file.as_uri())
        shik = "path.nt-f-shikotan"
        page.wait_for_selector(shik, timeout=20_000)
        assert page.get_attribute(shik, "fill").upper() == "#E69F00"  # Russia, today
        assert page.locator(".nt-label-shikotan").count() == 1
        assert page.locator(".nt-label.nt-strait").count() >= 8
        assert page.locator(".nt-legend").count() == 1
        assert "OpenStreetMap contributors (ODbL)" in page.inner_text(
            ".leaflet-control-attribution")
        page.get_by_label("Scenario", exact=True).select_option(label="1956 Joint Declaration")
        page.wait_for_function(
            "() => { const p = document.querySelector('path.nt-f-shikotan');"
            " return p && p.getAttribute('fill').toUpperCase() === '#0072B2'; }",
            timeout=10_000)
        assert page.locator("path.nt-holder-JPN").count() > 0
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOT))
    finally:
        page.close()
    assert blocked == []
    assert [u for u in requests if u != atlas_file.as_uri()] == []
    assert errors == []
