"""The served assets (geo.map.assets, geo.map.layers.prepare_assets): written once at start-up
into the configured folder, never while a map is rendered, never into the tree in tests."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from geo import PROJECT_ROOT
from geo.map.leaflet import program, program_name
from geo import map as mv
from geo.data.layers import load_atlas
from geo.views.present import default_scenarios
from geo.map.assets import map_data_dir, static_dir
from tests.stfolium import render


def listing(folder: Path) -> dict[str, int]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file()}


def urls(groups) -> set[str]:
    fg = render(mv.base_map(load_atlas()), groups)["fg"]
    return {Path(u).name for u in re.findall(r'"url":\s*"([^"]+)"', fg)}


def test_the_tests_serve_from_a_temporary_folder():
    assert static_dir() == Path(os.environ["NT_STATIC_DIR"])
    assert not static_dir().resolve().is_relative_to(PROJECT_ROOT)


def test_rendering_writes_nothing(atlas, tmp_path, monkeypatch):
    """Every overlay on, for every present-day scenario: no file appears or changes in
    the served folder or in the project's static/ (the names are computed, not written)."""
    monkeypatch.setenv("NT_STATIC_DIR", str(tmp_path / "fresh"))
    before = listing(PROJECT_ROOT / "static")
    for s in default_scenarios().items:
        state = mv.MapState.of(scenario=s, straits=True, sea=True, okhotsk=True, security=True,
                            selected="shikotan")
        assert urls(mv.feature_groups(state, atlas))  # the overlay files are named
    assert not (tmp_path / "fresh").exists()
    assert listing(PROJECT_ROOT / "static") == before


def test_prepare_assets_writes_every_file_the_map_asks_for(atlas, tmp_path, monkeypatch):
    monkeypatch.setenv("NT_STATIC_DIR", str(tmp_path / "static"))
    root = mv.prepare_assets(atlas, default_scenarios().items, wait=True)
    assert root == tmp_path / "static" and map_data_dir() == root / "map"
    assert (root / "leaflet" / "leaflet.js").is_file() and (root / "leaflet" / "leaflet.css").is_file()
    written = {p.name for p in (root / "map").iterdir()}
    wanted = {mv.map_data_name(atlas)}
    for s in default_scenarios().items:
        state = mv.MapState.of(scenario=s, sea=True, okhotsk=True)
        wanted |= urls(mv.feature_groups(state, atlas))
    assert wanted <= written, wanted - written
    for name in written:  # each is the data it is named after
        if name.endswith(".js"):  # the map's program (geo/map/nt_map.js), as it is
            assert (root / "map" / name).read_bytes() == program() and name == program_name()
            continue
        data = json.loads((root / "map" / name).read_bytes())
        assert data["type"] == "FeatureCollection" and data["features"]
    first = listing(root)
    assert mv.prepare_assets(atlas, default_scenarios().items, root, wait=True) == root and listing(root) == first  # idempotent


def test_a_new_version_replaces_the_old_one(tmp_path):
    from geo.map.assets import write_hashed
    old = write_hashed(tmp_path / "sea-today-aaaa.json", b"{}", "sea-today-*.json")
    other = write_hashed(tmp_path / "sea-joint-1956-cccc.json", b"{}", "sea-joint-1956-*.json")
    new = write_hashed(tmp_path / "sea-today-bbbb.json", b"[]", "sea-today-*.json")
    assert not old.exists() and new.read_bytes() == b"[]" and other.exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_data_error_while_writing_the_overlay_files_is_one_line(atlas, tmp_path, monkeypatch,
                                                                   capfd):
    """The background writer reports a broken data file in one line (no traceback); the
    geometry, written first, is there."""
    from geo.errors import DataError
    from geo.map import layers

    def broken(atlas, views):
        raise DataError("data/scenarios.yaml", "bad holder", item="today", field="holder")
    monkeypatch.setattr(layers, "asset_files", broken)
    root = layers.prepare_assets(atlas, (), tmp_path / "broken", wait=True)
    err = capfd.readouterr().err
    assert "overlay files were not written" in err and "data/scenarios.yaml" in err
    assert "Traceback" not in err
    assert (root / "map" / mv.map_data_name(atlas)).is_file()
