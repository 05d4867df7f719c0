"""ui.map_adapter.component_args: what the map component receives, rendered once per
state, is exactly what streamlit_folium.st_folium would have given it."""
from __future__ import annotations

import pytest
import streamlit as st
import streamlit_folium as sf

from geo import map as geomap
from geo.map import dualmap
from geo.views import historical as hv
from ui import data
from ui import map_adapter as maps

PER_CALL = {"height", "zoom", "center", "on_change"}  # not rendered: given at each call


def st_folium_args(monkeypatch, fig, groups, key, returned):
    seen = {}
    monkeypatch.setattr(sf, "_component_func", lambda **kw: seen.update(kw))
    sf.st_folium(fig, key=key, height=560, use_container_width=True,
                 returned_objects=returned, feature_group_to_add=groups)
    return {k: v for k, v in seen.items() if k not in PER_CALL}


@pytest.mark.parametrize("case", ["today", "selected-with-overlays", "historical", "pair"])
def test_component_args_are_st_folium_s(atlas, scenarios, monkeypatch, case):
    base = scenarios.baseline
    if case == "pair":
        a = geomap.MapState(base, "ja")
        b = geomap.MapState(hv.historical_views()[0], "ja", overlays={"straits"})
        make = lambda: (dualmap.synced_maps(atlas), dualmap.feature_groups(a, b, atlas))  # noqa: E731
        returned = []
    else:
        state = {"today": geomap.MapState(base),
                 "selected-with-overlays": geomap.MapState.of(base, "ru", "kunashiri",
                                                              straits=True, okhotsk=True),
                 "historical": geomap.MapState(hv.historical_views()[1])}[case]
        make = lambda: (geomap.base_map(atlas), geomap.feature_groups(state, atlas))  # noqa: E731
        returned = maps.RETURNED_OBJECTS
    want = st_folium_args(monkeypatch, *make(), "map", returned)
    got = maps.component_args(*make(), key="map", returned_objects=list(returned))
    assert set(got) == set(want)
    for k in want:
        assert got[k] == want[k], k


def test_a_state_is_rendered_once_and_a_new_state_anew():
    st.cache_resource.clear()
    base = data.scenarios().baseline
    one = maps.rendered_map(geomap.MapState(base), key="map")
    assert maps.rendered_map(geomap.MapState(base), key="map") is one  # from the cache
    other = maps.rendered_map(geomap.MapState(base, selected="shikotan"), key="map")
    assert other is not one and other["feature_group"] != one["feature_group"]
    assert other["script"] == one["script"]  # the same base map: no remount
    assert "nt-f-shikotan" in other["feature_group"]
