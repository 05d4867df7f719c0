"""The folium map: constant base map, per-run layers, escaping, offline assets."""
from __future__ import annotations

import json
import re

import pytest

from geo import map as mv
from geo.map.leaflet import program_name
from geo.map.legend import swatch_css
from tests.stfolium import render
from ui import map_adapter
from geo.safe import script_json
from geo.views.present import DISPUTED


def state(scenarios, sid="today", **kw):
    return mv.MapState.of(scenario=scenarios.get(sid), **kw)


def test_base_map_identical_across_scenarios_and_names(scenarios, atlas):
    runs = []
    for sid, names, sel, straits in (("today", "both", None, False),
                                     ("joint-1956", "ja", "shikotan", True),
                                     ("four-islands", "ru", "catherine-strait", True)):
        m = mv.base_map(atlas)
        runs.append(render(m, mv.feature_groups(state(scenarios, sid, names=names, selected=sel,
                                                      straits=straits), atlas)))
    assert len({r["hash"] for r in runs}) == 1  # st_folium's key: no remount
    assert len({r["header"] for r in runs}) == 1
    assert len({re.sub(r"_[a-z0-9]+", "", r["script"]) for r in runs}) == 1
    assert len({r["fg"] for r in runs}) == 3  # while the layers do change


def test_base_map_is_small_and_has_no_geometry(atlas, scenarios):
    r = render(mv.base_map(atlas))
    assert len(r["script"]) < 10_000
    assert mv.map_data_name(atlas) in r["script"]


def test_no_cdn_or_remote_asset(scenarios, atlas):
    groups = mv.feature_groups(state(scenarios, "joint-1956", straits=True, selected="habomai"),
                               atlas)
    r = render(mv.base_map(atlas), groups)
    program = mv.MAP_DATA_URL + program_name()  # the map's own script, served too
    assert r["js"] == [mv.LEAFLET_JS_URL, program] and r["css"] == [mv.LEAFLET_CSS_URL]
    for link in r["js"] + r["css"]:
        assert not link.startswith(("http:", "https:", "//"))
    for part in ("html", "header", "script", "fg"):
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", r[part]), part
    assert "<script src" not in r["header"] and "<link" not in r["header"]


def test_online_basemap_only_when_asked(scenarios, atlas):
    off = render(mv.base_map(atlas), mv.feature_groups(state(scenarios), atlas))
    on = render(mv.base_map(atlas), mv.feature_groups(state(scenarios, basemap=True), atlas))
    assert "tile.openstreetmap.org" not in off["fg"]
    assert "tile.openstreetmap.org" in on["fg"] and "OpenStreetMap contributors" in on["fg"]


def test_every_feature_has_a_stable_id(atlas):
    data = json.loads(mv.map_data(atlas))
    ids = [f["properties"]["id"] for f in data["features"]]
    assert len(ids) == len(set(ids))
    for f in data["features"]:
        assert f["id"] == f["properties"]["id"] and isinstance(f["id"], str)
    gaz_drawn = {f.id for f in atlas.gaz.features if f.kind in ("island", "islet", "islands",
                                                                 "land", "strait")}
    assert gaz_drawn <= set(ids)
    assert "cape-nosappu" in ids


def test_layers_reference_only_known_ids(scenarios, atlas):
    ids = {f["properties"]["id"] for f in json.loads(mv.map_data(atlas))["features"]}
    fg = render(mv.base_map(atlas), mv.feature_groups(
        state(scenarios, straits=True, selected="disputed-islands"), atlas))["fg"]
    specs = [json.loads(s) for s in re.findall(r"NT\.layer\([^,]+, (\{.*\})\);", fg)]
    assert specs
    for spec in specs:
        assert set(spec["ids"]) <= ids
        assert set(spec["styles"]) == set(spec["ids"])
        for fid, style in spec["styles"].items():
            if spec["interactive"]:
                assert f"nt-f-{fid}" in style["className"]


def test_disputed_islands_coloured_by_holder_and_dashed(scenarios, atlas):
    gaz = atlas.gaz
    today, j56, four = (scenarios.get(s) for s in ("today", "joint-1956", "four-islands"))
    s = mv.island_style(today, gaz, "shikotan")
    assert s["fillColor"] == mv.HOLDER_FILL["RUS"] == "#E69F00" and s["dashArray"]
    s = mv.island_style(j56, gaz, "shikotan")
    assert s["fillColor"] == mv.HOLDER_FILL["JPN"] == "#0072B2" and "dashArray" not in s
    assert mv.island_style(j56, gaz, "suisho")["fillColor"] == mv.HOLDER_FILL["JPN"]
    s = mv.island_style(j56, gaz, "etorofu")
    assert s["fillColor"] == mv.HOLDER_FILL["RUS"] and s["dashArray"]  # still disputed
    assert "dashArray" not in mv.island_style(four, gaz, "etorofu")


def test_tooltips_and_labels_escape_markup(atlas):
    f = atlas.gaz.get("etorofu")
    evil = f.model_copy(update={"names": f.names.model_copy(update={
        "ja": f.names.ja.model_copy(update={"romaji": "<img src=x onerror=alert(1)>"})})})
    tip = mv.tooltip_html(evil, "ja", "held by <b>nobody</b> & co")
    assert "<img" not in tip and "&lt;img src=x onerror=alert(1)&gt;" in tip
    assert "&lt;b&gt;nobody&lt;/b&gt; &amp; co" in tip
    assert tip.startswith("<b>")  # the app's own markup stays
    label = mv.label_html("<script>x</script>", "a & b")
    assert "<script>" not in label and "&lt;script&gt;" in label and "a &amp; b" in label


def test_names_convention_changes_tooltips_and_labels(scenarios, atlas):
    def fg(names):
        return render(mv.base_map(atlas), mv.feature_groups(state(scenarios, names=names),
                                                       atlas))["fg"]
    def esc(text):  # as it appears in the JSON of the generated script (geo.safe)
        return script_json(text)[1:-1]
    ja, ru = fg("ja"), fg("ru")
    assert esc("Etorofu-tō") in ja and esc("択捉島") in ja and esc("Итуруп") not in ja
    assert esc("Iturup") in ru and esc("Итуруп") in ru and esc("択捉島") not in ru


def test_selection_highlight(scenarios, atlas):
    groups = mv.feature_groups(state(scenarios, selected="habomai"), atlas)
    fg = render(mv.base_map(atlas), groups)["fg"]
    spec = [json.loads(s) for s in re.findall(r"NT\.layer\([^,]+, (\{.*\})\);", fg)
            if "nt-selected" in s][0]
    assert set(spec["ids"]) == {"suisho", "akiyuri", "yuri", "shibotsu", "taraku",
                                "habomai-minor"}
    assert not spec["interactive"]
    assert "nt-selected" not in render(mv.base_map(atlas), mv.feature_groups(
        state(scenarios, selected=None), atlas))["fg"]


def test_one_group_carries_the_calls_in_order(scenarios, atlas):
    """Every call in one feature group (one template compilation per run), between the
    run's begin and end marks; online tiles in a group of their own, underneath."""
    groups = mv.feature_groups(state(scenarios, straits=True, selected="shikotan"), atlas)
    assert len(groups) == 1
    fns = [c.fn for c in groups[0]._children.values()]
    assert fns[0] == "begin" and fns[-1] == "end" and "begin" not in fns[1:-1]
    slots = [c.slot for c in groups[0]._children.values()]
    assert slots.index("land") < slots.index("islands") < slots.index("straits")
    assert max(i for i, s in enumerate(slots) if s and s.startswith("selection")) \
        < slots.index("labels")  # labels on top
    tiles = mv.feature_groups(state(scenarios, basemap=True), atlas)
    assert len(tiles) == 2 and "tile" in render(mv.base_map(atlas), tiles)["fg"].lower()


def test_calls_are_not_read_as_templates(scenarios, atlas):
    """A call's text reaches the page as JSON, never evaluated as Jinja (branca compiles
    rendered scripts as templates; the calls bypass that)."""
    import folium
    m = folium.Map()
    mv.Call("labels", "x", [{"html": "{{ 7*7 }} {% if 1 %}y{% endif %}"}]).add_to(m)
    html = m.get_root().render()
    assert script_json("{{ 7*7 }} {% if 1 %}y{% endif %}") in html and "49 y" not in html
    assert "{{" not in html.split("NT.labels(")[1]  # braces inside strings are \u escapes


def test_straits_overlay_labels_widths(scenarios, atlas):
    fg = render(mv.base_map(atlas), mv.feature_groups(state(scenarios, straits=True), atlas))["fg"]
    assert "22.2 km" in fg and "nt-f-catherine-strait" in fg


def test_view_args_move_again_on_repeat():
    c1, z1 = map_adapter.view_args(*mv.VIEWS["okinawa"], nonce=1)
    c2, z2 = map_adapter.view_args(*mv.VIEWS["okinawa"], nonce=2)
    assert c1 != c2 and z1 != z2 and round(z1) == round(z2) == 7
    assert abs(c1[0] - 25.85) < 1e-5
    assert map_adapter.view_args(None, None) == (None, None)
    c, z = map_adapter.view_args((44.0, 146.0), None, 3)
    assert z is None and c[1] == 146.0


def test_the_far_context_is_a_file_of_its_own(atlas, tmp_path):
    """The land around the region (never seen at the first view) is fetched after the map
    is drawn: its own file, not in the geometry file; the base map names both."""
    from geo.map.display import far_data, far_data_name
    far = json.loads(far_data(atlas))
    geo = json.loads(mv.map_data(atlas))
    assert {f["id"] for f in far["features"]} == {"wide-rus", "wide-other"}
    assert not {f["id"] for f in geo["features"]} & {"wide-rus", "wide-other"}
    assert all(f["properties"]["kind"] == "context" for f in far["features"])
    script = render(mv.base_map(atlas))["script"]
    assert far_data_name(atlas) in script and mv.map_data_name(atlas) in script
    mv.prepare_assets(atlas, (), tmp_path, wait=True)
    assert (tmp_path / "map" / far_data_name(atlas)).read_bytes() == far_data(atlas)


def test_map_data_file(atlas, tmp_path):
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "geo-old.json").write_text("{}")
    mv.prepare_assets(atlas, (), tmp_path, wait=True)
    p = tmp_path / "map" / mv.map_data_name(atlas)
    assert p.read_bytes() == mv.map_data(atlas)
    assert sorted(x.name for x in (tmp_path / "map").glob("geo-*")) == [p.name]  # old gone
    assert len(mv.map_data(atlas)) < 350_000  # the browser's budget


def test_disputed_islands_drawn_as_shipped(atlas):
    land = mv.display_land(atlas)
    for fid in ("etorofu", "kunashiri", "shikotan", "suisho"):
        assert land[fid].equals(atlas.display.geoms[fid])
    assert land["korea"].area <= atlas.display.geoms["korea"].area * 1.01


def test_legend(scenarios, atlas):
    items = mv.legend(scenarios.get("joint-1956"), atlas, {"straits"})
    labels = [i.label for i in items]
    assert any("Held by Japan" in x and "Shikotan" in x for x in labels)
    assert any(i.dashed and "Etorofu" in i.label for i in items)
    html = mv.legend_html(items)
    assert "#0072B2" in html and "dashed" in html
    assert not any("Held by Russia" in x for x in
                   (i.label for i in mv.legend(scenarios.get("four-islands"), atlas)))


def test_selectable_ids(atlas):
    ids = mv.selectable_ids(atlas)
    assert ids[:5] == ["disputed-islands", *DISPUTED]
    assert {"catherine-strait", "okinawa", "hokkaido", "suisho", "cape-nosappu"} <= set(ids)
    assert "sea-of-okhotsk" not in ids and len(ids) == len(set(ids))
    assert all(mv.focus_point(f, atlas) is not None for f in ids)


# --- overlays: sea division and security points --------------------------------------------

def _calls(groups):
    """slot -> spec of every NT call in the groups (the data the browser gets)."""
    out = {}
    for g in groups:
        for c in g._children.values():
            if isinstance(c, mv.Call) and c.slot:
                out[c.slot] = (c.fn, c.spec)
    return out


def test_sea_overlay_served_from_a_small_static_file(scenarios, atlas, tmp_path):
    base = render(mv.base_map(atlas))
    st = state(scenarios, "joint-1956", sea=True)
    calls = _calls(mv.feature_groups(st, atlas))
    fn, spec = calls["sea"]
    assert fn == "remote" and spec["url"].startswith(mv.MAP_DATA_URL + "sea-joint-1956-")
    # the line only: the zones would show the straight edges of the computation's box
    assert set(spec["styles"]) == {"median-line"}
    assert "not a legal boundary" in spec["tips"]["median-line"]
    assert list(calls)[0] == "sea"  # drawn first: under the land
    data = json.loads(mv.sea_data(atlas, scenarios.get("joint-1956")))
    assert [f["id"] for f in data["features"]] == ["median-line"]
    assert len(mv.sea_data(atlas, scenarios.get("joint-1956"))) < 60_000  # simplified to ~1 km for display
    files = mv.asset_files(atlas, [scenarios.get("joint-1956")])
    assert files[mv.sea_data_name(atlas, scenarios.get("joint-1956"))] == mv.sea_data(
        atlas, scenarios.get("joint-1956"))
    # the base map does not change with the overlay (no remount)
    assert render(mv.base_map(atlas), mv.feature_groups(st, atlas))["hash"] == base["hash"]
    # historical views: no sea division
    hist = mv.MapState.of(scenario=_hist_view(), sea=True)
    assert "sea" not in _calls(mv.feature_groups(hist, atlas))
    assert "sea" not in _calls(mv.feature_groups(state(scenarios, "today"), atlas))


def _hist_view():
    from geo.views.historical import historical_views
    return historical_views()[0]


def test_security_points_styles_and_escaping(scenarios, atlas, monkeypatch):
    import geo.map.overlays.security as sec
    from shapely.geometry import Point

    rows = [({"id": "x", "kind": "incident", "label": "<b>Ship</b> & co", "precision":
              "approximate", "note": "near <script>", "citation": "A \"source\" <i>"},
             Point(140.0, 40.0)),
            ({"id": "y", "kind": "base", "label": "Base", "precision": "site", "note": "",
              "citation": "Ref"}, Point(141.0, 41.0))]
    monkeypatch.setattr(sec, "security_points", lambda places=None: rows)
    fn, items = _calls(mv.feature_groups(state(scenarios, security=True), atlas))["security"]
    assert fn == "points" and [i["id"] for i in items] == ["x", "y"]
    hollow, filled = items[0]["style"], items[1]["style"]
    assert hollow["fillOpacity"] == 0 and hollow["dashArray"] == mv.POINT_DASH
    assert filled["fillOpacity"] > 0.5 and "dashArray" not in filled
    assert filled["color"] == mv.POINT_COLOUR["base"]
    tip = items[0]["tip"]
    assert "<script>" not in tip and "<i>" not in tip and "&lt;b&gt;Ship&lt;/b&gt; &amp; co" in tip
    assert "Approximate" in tip and "Coordinates: A &quot;source&quot;" in tip
    assert "security" not in _calls(mv.feature_groups(state(scenarios), atlas))


def test_shipped_security_points_on_the_map(scenarios, atlas):
    _, items = _calls(mv.feature_groups(state(scenarios, security=True), atlas))["security"]
    kinds = {i["id"]: i["style"]["className"] for i in items}
    assert "nt-point-base nt-site" in kinds["misawa"]
    assert "nt-approximate" in kinds["tu95-off-hokkaido"]


def test_overlay_legend(scenarios, atlas):
    html = mv.legend_html(mv.legend(scenarios.get("today"), atlas, {"sea", "security"}))
    assert "Median line" in html and "US base in Japan" in html and "approximate" in html
    assert mv.legend(_hist_view(), atlas, {"sea"}, base=False) == []


def test_export_uses_the_map_styles(scenarios, atlas):
    """The static explorer draws the app's own layers (no palette of its own): islands,
    land and points as the map draws them (the atlas once drew bases hollow against a
    legend of filled dots), the legend's swatches as the app's legend draws them."""
    import geo.export as ex
    d = ex.atlas_data(atlas, scenarios)

    def slot(vid: str, name: str) -> dict:
        m = d["map"]
        return next(m["slots"][k] for _, k in m["views"][vid]["both"]["order"]
                    if m["slots"][k]["name"] == name)

    want = mv.island_style(scenarios.get("joint-1956"), atlas.gaz, "shikotan")
    assert slot("joint-1956", "islands")["styles"]["shikotan"] == want
    assert slot("today", "land")["styles"]["hokkaido"] == mv.land_style("hokkaido", "JPN")
    points = {p["id"]: p for p in slot("today", "security")["items"]}
    assert points["misawa"]["style"] == mv.point_style("base", "site")
    assert points["misawa"]["style"]["fillOpacity"] > 0.5  # filled, as its legend dot
    today = next(v for v in d["panel"]["views"] if v["id"] == "today")
    legend = next(b for b in today["panel"] if b["kind"] == "legend")
    rows = {it["label"]: it["swatch"] for _, items in legend["parts"] for it in items}
    base = mv.LegendItem(mv.POINT_COLOUR["base"], False, "US base in Japan",
                         dot=mv.POINT_COLOUR["base"])
    assert rows["US base in Japan"] == swatch_css(base)
    assert f"background:{mv.POINT_COLOUR['base']}" in rows["US base in Japan"]


def test_okhotsk_overlay_outline_and_gates(scenarios, atlas, tmp_path):
    base = render(mv.base_map(atlas))
    groups = mv.feature_groups(state(scenarios, "four-islands", okhotsk=True), atlas)
    fn, spec = _calls(groups)["okhotsk"]
    assert fn == "remote" and spec["url"].startswith(mv.MAP_DATA_URL + "okhotsk-")
    outline = spec["styles"]["okhotsk-outline"]
    assert outline["interactive"] is False and outline["fill"] is False
    assert "okhotsk-outline" not in spec["tips"]
    # a Japanese shore: solid; none: dotted (not by colour alone), and the tooltip says so
    for gid in ("nemuro-strait", "catherine-strait", "vries-strait"):
        assert "dashArray" not in spec["styles"][f"gate-{gid}"]
        assert "Japanese shore: yes" in spec["tips"][f"gate-{gid}"]
    assert spec["styles"]["gate-kuril-gate-1"]["dashArray"] == mv.GATE_DASH
    assert "Japanese shore: no" in spec["tips"]["gate-kuril-gate-1"]
    assert "To the Sea of Japan" in spec["tips"]["gate-soya-strait"]
    assert "To the Pacific" in spec["tips"]["gate-vries-strait"]
    # historical ids are accepted: in 1905 every Kuril gate has a Japanese shore
    hist = next(v for v in __import__("geo.views.historical", fromlist=["x"]).historical_views()
                if v.id == "hist-1905")
    _, hspec = _calls(mv.feature_groups(mv.MapState.of(scenario=hist, okhotsk=True), atlas))["okhotsk"]
    assert "dashArray" not in hspec["styles"]["gate-kuril-gate-14"]
    data = json.loads(mv.okhotsk_data(atlas))
    ids = [f["id"] for f in data["features"]]
    assert ids[0] == "okhotsk-outline" and set(spec["styles"]) == set(ids)
    assert all(f["geometry"]["type"] == "LineString" for f in data["features"])
    assert len(mv.okhotsk_data(atlas)) < 60_000  # simplified for display
    assert mv.asset_files(atlas, [])[mv.okhotsk_data_name(atlas)] == mv.okhotsk_data(atlas)
    assert render(mv.base_map(atlas), groups)["hash"] == base["hash"]  # no remount
    assert "okhotsk" not in _calls(mv.feature_groups(state(scenarios, "today"), atlas))


def test_gate_tip_escapes_markup(atlas, scenarios):
    from dataclasses import replace
    from geo.analysis.okhotsk import gate_shores
    gs = gate_shores(atlas, scenarios.get("today"))[0]
    evil = replace(gs, gate=replace(gs.gate, name="<img src=x onerror=alert(1)>",
                                    shore_names=("<b>", None)))
    tip = mv.gate_tip(evil)
    assert "<img" not in tip and "&lt;img" in tip and "&lt;b&gt;" in tip


def test_the_registry_finds_every_overlay_module():
    """Adding an overlay is adding its module: the registry lists every module of
    geo/map/overlays (but its base and itself), in the sidebar's order, and the drawing
    order places each by its z among the always-drawn layers."""
    from pathlib import Path

    from geo.map.layers import LAYERS
    from geo.map.overlays import base, registry
    folder = Path(registry.__file__).parent
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__", "base", "registry"}
    assert set(registry.OVERLAY_KEYS) == modules
    menus = [o.menu for o in registry.OVERLAY_INFO]
    assert menus == sorted(menus) and len(set(menus)) == len(menus)
    zs = [o.z for o in registry.OVERLAY_INFO]
    assert not set(zs) & {base.LAND_Z, base.TREATY_Z, base.SELECTION_Z, base.LABELS_Z}
    order = [getattr(x, "key", getattr(x, "__name__", "")) for x in LAYERS]
    assert order.index("sea") < order.index("land") < order.index("straits")
    assert order[-2:] == ["selection", "labels"]


def test_an_unknown_overlay_is_refused_by_name(scenarios, atlas):
    state = mv.MapState.of(scenario=scenarios.get("today"), overlays={"nope"})
    with pytest.raises(ValueError, match="unknown overlay 'nope'"):
        mv.feature_groups(state, atlas)
