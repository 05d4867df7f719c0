"""Integrity of the layers we ship, checked against the gazetteer and the provenance."""
import json
import re

import pytest
import shapely
import yaml
from shapely.geometry import shape

from geo import data_dir, layers_dir
from geo.errors import DataError
from geo.data.gazetteer import LAND_KINDS
from geo.data.geojson import read_features
from geo.data.layers import Atlas, load_atlas, load_layer
from geo.data.provenance import IslandArea, Provenance, load_provenance
from geo.measure import fill_holes, gross_area_km2

FILES = ["land.geojson", "land.display.geojson", "straits.geojson", "places.geojson"]
DISPUTED = ["etorofu", "kunashiri", "shikotan", "habomai"]


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


@pytest.fixture(scope="module")
def provenance():
    return yaml.safe_load((data_dir() / "provenance.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FILES)
def test_layer_files_are_rfc7946(name):
    text = (layers_dir() / name).read_text(encoding="utf-8")
    raw = json.loads(text)
    assert raw["type"] == "FeatureCollection" and "crs" not in raw
    ids = [f["properties"]["id"] for f in raw["features"]]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    # at most 6 decimals on every number in the coordinates
    for f in raw["features"]:
        coords = json.dumps(f["geometry"]["coordinates"])
        assert not re.search(r"\.\d{7,}", coords), f["id"]
        g = shape(f["geometry"])
        assert g.is_valid and not g.is_empty, f["id"]
        x0, y0, x1, y1 = g.bounds
        assert -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90
        if g.geom_type in ("Polygon", "MultiPolygon"):
            for poly in getattr(g, "geoms", [g]):
                assert poly.exterior.is_ccw, f["id"]  # right-hand rule
                assert all(not ring.is_ccw for ring in poly.interiors), f["id"]


def test_every_land_entry_matches_exactly_one_feature_and_back(atlas):
    land_ids = {f.id for f in atlas.gaz.features if f.kind in LAND_KINDS}
    assert set(atlas.land.geoms) == land_ids
    named_display = {k for k, p in atlas.display.props.items() if p["kind"] != "context"}
    assert named_display == land_ids
    straits = {f.id for f in atlas.gaz.of_kind("strait")}
    assert set(atlas.straits.geoms) == straits


def test_every_anchor_lies_in_its_own_feature_only(atlas):
    for f in atlas.gaz.features:
        if f.geometry is None or f.geometry.anchors is None:
            continue
        for lon, lat in f.geometry.anchors:
            holders = [fid for fid, g in atlas.land.geoms.items()
                       if g.intersects(shapely.Point(lon, lat))]
            assert holders == [f.id], (f.id, lon, lat)


def test_full_resolution_features_do_not_overlap(atlas):
    ids = sorted(atlas.land.geoms)
    geoms = [atlas.land.geoms[i] for i in ids]
    tree = shapely.STRtree(geoms)
    for i, j in zip(*tree.query(geoms, predicate="intersects")):
        if i < j:
            assert shapely.intersection(geoms[i], geoms[j]).area < 1e-12, (ids[i], ids[j])


def test_display_layer_has_no_overlaps_and_keeps_every_islet(atlas):
    ids = sorted(atlas.display.geoms)
    geoms = [atlas.display.geoms[i] for i in ids]
    tree = shapely.STRtree(geoms)
    for i, j in zip(*tree.query(geoms, predicate="intersects")):
        if i < j:
            assert shapely.intersection(geoms[i], geoms[j]).area < 1e-10, (ids[i], ids[j])
    for fid in atlas.gaz.members("disputed-islands") + ["hokkaido", "urup", "kuril-north"]:
        full, disp = atlas.land.geoms[fid], atlas.display.geoms[fid]
        assert len(disp.geoms) == len(full.geoms), fid  # no islet dropped


@pytest.mark.parametrize("fid", DISPUTED)
def test_display_area_within_one_percent_of_full_resolution(atlas, fid):
    full = shapely.union_all([fill_holes(atlas.land.geoms[m]) for m in atlas.gaz.members(fid)])
    disp = shapely.union_all([atlas.display.geoms[m] for m in atlas.gaz.members(fid)])
    assert gross_area_km2(disp) == pytest.approx(gross_area_km2(full), rel=0.01)


@pytest.mark.parametrize("fid", DISPUTED)
def test_areas_within_three_percent_of_the_official_survey(atlas, fid):
    official = atlas.gaz.get(fid).official_area.with_islets.km2
    assert atlas.area_km2(fid) == pytest.approx(official, rel=0.03)


def test_provenance_states_the_figures_the_layers_give(atlas, provenance):
    islands = provenance["areas_vs_official_survey"]["islands"]
    for fid in DISPUTED:
        entry = islands[fid]
        assert entry["computed_km2"] == pytest.approx(atlas.area_km2(fid), abs=0.01)
        assert entry["difference_pct"] == pytest.approx(
            100 * (atlas.area_km2(fid) / entry["official_km2"] - 1), abs=0.01)
    simpl = provenance["display_simplification"]
    worst = max(v["max_deviation_m"] for v in simpl["features"].values())
    assert simpl["largest_vertex_deviation_m"]["metres"] == worst
    assert provenance["dataset"]["attribution"] == "© OpenStreetMap contributors"
    for sid, s in provenance["straits"].items():
        assert atlas.strait_width_km(sid) == s["width_km"]


def test_strait_lines_join_their_two_coasts(atlas):
    for f in atlas.gaz.of_kind("strait"):
        a, b = f.geometry.between
        line = atlas.straits.geoms[f.id]
        start, end = shapely.Point(line.coords[0]), shapely.Point(line.coords[-1])
        assert atlas.land.geoms[a].distance(start) < 1e-5, f.id
        assert atlas.land.geoms[b].distance(end) < 1e-5, f.id
        # nothing between the coasts is closer than the narrows
        assert atlas.distance_km(a, b) == pytest.approx(atlas.strait_width_km(f.id), abs=0.01)


def test_cape_nosappu_is_the_east_end_of_hokkaido(atlas):
    lon, lat = atlas.cape_nosappu
    main = max(atlas.land.geoms["hokkaido"].geoms, key=lambda p: p.area)
    assert lon == pytest.approx(main.bounds[2])
    assert atlas.land.geoms["hokkaido"].distance(shapely.Point(lon, lat)) < 1e-6


def test_atlas_refuses_a_layer_that_misses_a_gazetteer_feature(atlas, tmp_path):
    raw = json.loads((layers_dir() / "land.geojson").read_text(encoding="utf-8"))
    raw["features"] = [f for f in raw["features"] if f["id"] != "shikotan"]
    p = tmp_path / "land.geojson"
    p.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataError, match=r"land\.geojson, id 'shikotan', field 'properties.id': "
                                        r"gazetteer feature missing"):
        Atlas(atlas.gaz, load_layer(p), atlas.display, atlas.straits, atlas.places)


@pytest.mark.parametrize("mutate,message", [
    (lambda fc: fc["features"].append(dict(fc["features"][0])), "duplicate id"),
    (lambda fc: fc.update(crs={"type": "name", "properties": {"name": "EPSG:3857"}}),
     "WGS84"),
    (lambda fc: fc["features"][0]["geometry"].update(
        coordinates=[[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]) or
     fc["features"][0]["geometry"].update(type="Polygon"), "invalid geometry"),
    (lambda fc: fc["features"][0]["geometry"].update(
        type="Polygon", coordinates=[[[1.5e7, 5e6], [1.6e7, 5e6], [1.6e7, 6e6], [1.5e7, 5e6]]]),
     "not lon/lat"),
    (lambda fc: fc.update(features=[]), "no features"),
])
def test_bad_layers_are_refused_with_file_and_field(tmp_path, mutate, message):
    raw = json.loads((layers_dir() / "straits.geojson").read_text(encoding="utf-8"))
    mutate(raw)
    p = tmp_path / "bad.geojson"
    p.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataError, match=message) as exc:
        read_features(p)
    assert str(exc.value).startswith(str(p))


def test_distances_from_cape_nosappu_match_the_official_figures(atlas):
    checked = 0
    for f in atlas.gaz.features:
        fig = f.official_distance_from_nosappu
        if fig:
            got = atlas.distance_km("cape-nosappu", f.id)
            if fig.to is None:
                # the official figures are to the nearest shore, rounded to 0.1 km, measured
                # on finer coastlines: agree within 1 km
                assert got == pytest.approx(fig.km, abs=1.0), f.id
            else:  # to a rock the outlines lack (Kaigara): the computed one is farther
                assert got > fig.km + 1.0 and fig.note, f.id
            checked += 1
    assert checked >= 8


def test_load_provenance_gives_the_typed_model(provenance, tmp_path):
    """geo.data.provenance.load_provenance returns the Provenance model (attributes, not a
    dict), with the same figures as the file; official/difference fall back to the main
    island's figures where the survey gives no figure with islets."""
    prov = load_provenance()
    assert isinstance(prov, Provenance)
    assert prov.dataset.attribution == provenance["dataset"]["attribution"]
    assert prov.method == provenance["method"] and prov.known_limits == provenance["known_limits"]
    for fid, raw in provenance["areas_vs_official_survey"]["islands"].items():
        r = prov.areas_vs_official_survey.islands[fid]
        assert r.computed_km2 == raw["computed_km2"]
        assert r.official == raw.get("official_km2", raw.get("official_main_km2"))
        assert r.difference == raw.get("difference_pct", raw.get("main_difference_pct"))
    worst = prov.display_simplification.largest_vertex_deviation_m
    assert worst.metres == provenance["display_simplification"]["largest_vertex_deviation_m"]["metres"]
    main_only = IslandArea(computed_km2=1.0, land_only_km2=1.0, official_main_km2=2.0,
                           main_difference_pct=-50.0)
    assert (main_only.official, main_only.difference) == (2.0, -50.0)
    neither = IslandArea(computed_km2=1.0, land_only_km2=1.0)
    assert (neither.official, neither.difference) == (None, None)
