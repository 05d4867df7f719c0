"""geo.analysis.security: the places file, the US bases and the nearest base to each island."""
from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo.data.loading import dump_yaml
from geo.errors import DataError
from geo.measure import GEOD
from geo.views.present import DISPUTED
from geo.analysis.security import (base_distances_km, nearest_us_base, nearest_us_bases,
                                   security_points, us_bases)
from geo.data.places import KINDS, US_BASES, default_places, load_places


@pytest.fixture(scope="module")
def places(atlas):
    return default_places()


def test_shipped_places_load_with_kinds(places):
    assert [b.id for b in us_bases(places)] == list(US_BASES)
    assert places.kinds["vladivostok"] == "fleet"
    assert places.kinds["intel-ship-noto"] == "incident"
    assert set(places.kinds.values()) <= set(KINDS)
    for b in us_bases(places):
        assert b.precision == "site"


def test_nearest_base_is_misawa_for_every_island(atlas, places):
    nearest = nearest_us_bases(atlas, places)
    assert set(nearest) == set(DISPUTED)
    for fid, (bid, km) in nearest.items():
        # brute force, independent of geo.analysis.security and geo.measure: the geodesic distance
        # (pyproj) from each base to every vertex of the island's coastline
        coords = shapely.get_coordinates(atlas.geometry(fid).boundary)
        brute = {}
        for b in us_bases(places):
            _, _, m = GEOD.inv(np.full(len(coords), b.lon), np.full(len(coords), b.lat),
                               coords[:, 0], coords[:, 1])
            brute[b.id] = float(np.min(m)) / 1000
        assert bid == min(brute, key=brute.get) == "misawa"
        assert -1e-6 <= brute["misawa"] - km < 1.0  # no vertex is nearer than the shore
        assert nearest_us_base(atlas, fid, places) == (bid, km)


@pytest.mark.parametrize("fid", DISPUTED)
def test_distances_positive_and_plausible(atlas, places, fid):
    """Check against geodesic distances to every coastline vertex (pyproj, no shapely search).

    The nearest vertex is at least as far as the nearest shore and, the
    coastline being dense, within a kilometre of it.
    """
    geom = atlas.geometry(fid)
    coords = shapely.get_coordinates(geom.boundary)
    for base_id, km in base_distances_km(atlas, fid, places).items():
        b = places.get(base_id)
        _, _, m = GEOD.inv(np.full(len(coords), b.lon), np.full(len(coords), b.lat),
                           coords[:, 0], coords[:, 1])
        vertex_km = float(np.min(m)) / 1000
        assert 0 < km <= vertex_km + 1e-6
        assert vertex_km - km < 1.0
        assert 300 < km < 3000  # Misawa to Okinawa scale, not degrees or metres


def test_security_points_plain_text(places):
    rows = security_points(places)
    assert len(rows) == len(places.items)
    for props, geom in rows:
        assert set(props) >= {"id", "kind", "label", "precision", "note", "citation"}
        assert props["kind"] in KINDS
        assert geom.geom_type == "Point"
        for k in ("id", "kind", "label", "precision", "note", "citation"):
            assert isinstance(props[k], str) and props[k]
    by_id = {p["id"]: p for p, _ in rows}
    assert by_id["kadena"]["label"] == "Kadena Air Base"
    assert by_id["misawa"]["label"] == "Misawa Air Base"
    assert "Kadena" in by_id["kadena"]["citation"]


# --- validation on synthetic files -----------------------------------------------

REFS = {"r1": {"title": "T", "publisher": "P", "url": "https://example.org/t"}}


def _place(pid: str, **kw) -> dict:
    p = {"id": pid, "lon": 140.0, "lat": 40.0, "ref": "r1", "precision": "site",
         "note": "n", "annotations": []}
    p.update(kw)
    return p


def _write(tmp_path, places, refs=REFS):
    base = [_place(b) for b in US_BASES]
    path = tmp_path / "places.yaml"
    path.write_text(dump_yaml({"references": refs, "places": base + places},
                                   allow_unicode=True), encoding="utf-8")
    return path


def test_synthetic_valid(tmp_path):
    p = load_places(_write(tmp_path, [_place("x", annotations=["a1"])]), annotation_ids={"a1"})
    assert p.kinds["x"] == "incident" and p.kinds["misawa"] == "base"


@pytest.mark.parametrize("bad, field, words", [
    (_place("x", ref="nope"), "ref", "unknown reference 'nope'"),
    (_place("x", annotations=["ok", "missing-ann"]), "annotations.1",
     "unknown annotation 'missing-ann'"),
    (_place("x", lat=91.0), "lat", "less than or equal to 90"),
    (_place("x", lon=-181.0), "lon", "greater than or equal to -180"),
    (_place("x", precision="exact"), "precision", "'site' or 'approximate'"),
    (_place("misawa"), "id", "duplicate id"),
    (_place("x", colour="red"), "colour", "unknown field"),
    (_place("Bad Id"), "id", "stable id"),
])
def test_validation_errors_name_file_id_field(tmp_path, bad, field, words):
    path = _write(tmp_path, [bad])
    with pytest.raises(DataError) as ei:
        load_places(path, annotation_ids={"ok"})
    err = ei.value
    assert err.path == str(path)
    assert err.item == bad["id"]
    assert err.field == field
    assert words in str(err)
    assert str(path) in str(err)


def test_missing_file_and_missing_base(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        load_places(tmp_path / "none.yaml", annotation_ids=set())
    path = tmp_path / "p.yaml"
    path.write_text(dump_yaml({"references": REFS, "places": [_place("kadena")]}))
    with pytest.raises(DataError, match="US base"):
        load_places(path, annotation_ids=set())
