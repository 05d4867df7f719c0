"""geo.map.dualmap: the Compare page's two synchronised maps, as st_folium sends them."""
from __future__ import annotations

import re


from geo.map import dualmap
from geo import map as mv
from tests.stfolium import render
from geo.map.leaflet import program_name


def pair_groups(scenarios, atlas, a="today", b="joint-1956", **kw):
    return dualmap.feature_groups(mv.MapState.of(scenario=scenarios.get(a), **kw),
                                  mv.MapState.of(scenario=scenarios.get(b), **kw), atlas)


def calls(fg: str) -> list[str]:
    """The layer calls and map switches of the feature-group script, in order."""
    return re.findall(r"^(?:window\.NT = .*|NT\.\w+\(.*\);)$", fg, re.MULTILINE)


USE_A, USE_B = 'window.NT = window.NT_PAIR["a"];', 'window.NT = window.NT_PAIR["b"];'


def test_two_maps_in_one_component_synchronised_by_our_own_script(scenarios, atlas):
    r = render(dualmap.synced_maps(atlas), pair_groups(scenarios, atlas))
    s = r["script"]
    a_at, b_at = s.index('L.map(\n                "map_div",'), s.index('"map_div2",')
    # each map registers its own layer registry (A, then B), then the pair is linked
    assert a_at < s.index('NT_PAIR["a"] = window.NT') < b_at < s.index('NT_PAIR["b"] = window.NT')
    assert s.index('NT_PAIR["b"] = window.NT') < s.index("link(a, b);") < s.index("link(b, a);")
    assert "})(map_div, map_div2);" in s
    assert "window.NT = window.NT_PAIR.a;" in s  # the page's NT is map A's, as on one map
    assert ".sync(" not in s  # not Leaflet.Sync
    assert "#map_div { margin-right: 6px; } #map_div2 { margin-left: 6px; }" in r["header"]


def test_no_cdn_no_plugin_only_local_leaflet(scenarios, atlas):
    r = render(dualmap.synced_maps(atlas), pair_groups(scenarios, atlas, straits=True,
                                                  okhotsk=True))
    program = mv.MAP_DATA_URL + program_name()  # the map's own script, served too
    assert set(r["js"]) == {mv.LEAFLET_JS_URL, program} and set(r["css"]) == {mv.LEAFLET_CSS_URL}
    for part in ("html", "header", "script", "fg"):
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", r[part]), part
    assert "<script src" not in r["header"] and "<link" not in r["header"]


def test_script_constant_across_pairs_layers_change(scenarios, atlas):
    runs = [render(dualmap.synced_maps(atlas), pair_groups(scenarios, atlas, a, b, names=names))
            for a, b, names in (("today", "joint-1956", "both"),
                                ("four-islands", "today", "ja"),
                                ("joint-1956", "joint-1956", "ru"))]
    assert len({r["hash"] for r in runs}) == 1  # st_folium's key: no remount
    assert len({r["header"] for r in runs}) == 1
    assert len({re.sub(r"_[a-z0-9]+", "", r["script"]) for r in runs}) == 1
    assert len({r["fg"] for r in runs}) == 3  # while the layers do change


def test_feature_groups_go_to_their_own_map(scenarios, atlas):
    c = calls(render(dualmap.synced_maps(atlas), pair_groups(scenarios, atlas))["fg"])
    # A's part, then B's, each from begin to end, then the page's NT back to A
    assert c[0] == USE_A and c[1].startswith("NT.begin(") and c[-1] == USE_A
    b_at = c.index(USE_B)
    assert c[b_at - 1].startswith("NT.end(") and c[b_at + 1].startswith("NT.begin(")
    assert c[-2].startswith("NT.end(") and c.count(USE_A) == 2 and c.count(USE_B) == 1
    part_a, part_b = "\n".join(c[:b_at]), "\n".join(c[b_at:])
    # Shikotan: Russia's under A (today), Japan's under B (the 1956 declaration)
    style = re.compile(r'"shikotan":\s*\{[^}]*"fillColor":\s*"(#[0-9A-Fa-f]{6})"')
    assert style.search(part_a).group(1) == mv.HOLDER_FILL["RUS"]
    assert style.search(part_b).group(1) == mv.HOLDER_FILL["JPN"]
    assert "nt-f-shikotan nt-holder-RUS" in part_a and "nt-f-shikotan nt-holder-RUS" not in part_b


def test_same_scenario_both_sides_same_layers(scenarios, atlas):
    c = calls(render(dualmap.synced_maps(atlas),
                     pair_groups(scenarios, atlas, "today", "today", straits=True))["fg"])
    b_at = c.index(USE_B)
    assert c[1:b_at] == c[b_at + 1:-1]
