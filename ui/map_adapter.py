"""Everything that knows streamlit-folium: the map's height, the objects a click returns,
the named views' buttons, the nudge that makes st_folium move the map again to a place it
was already sent to, the click's feature, the component's own session keys, and the
component's arguments rendered once.

streamlit-folium moves the map only when ``center``/``zoom`` differ from the last ones it
got (:func:`view_args` nudges them), returns what RETURNED_OBJECTS names, and its
component value is a click (:func:`clicked`).

``st_folium`` renders the whole base map and every layer to JavaScript on every call
(about a third of a rerun's server time). What it renders depends only on the data and
the map's state, so :func:`component_args` does the same work once per state through
the app's cache (:func:`ui.data.cached`, keyed by the data's snapshot) and the map is
drawn by calling the component with the cached arguments. ``component_args`` follows
``st_folium`` (streamlit-folium 0.27) step by step, with its own helpers;
``tests/test_map_adapter.py`` checks that both give the component the same arguments.
"""
from __future__ import annotations

import copy
import re
from typing import Callable

import folium
import streamlit as st
import streamlit_folium as sf

from geo.map import CLICK_ALIASES, VIEWS, base_map, dualmap, feature_groups
from geo.i18n import N_
from geo.map.state import MapState
from ui import data, internals
from ui.state import NO_FEATURE, clicked_feature

RETURNED_OBJECTS = ["last_object_clicked", "last_active_drawing"]
MAP_HEIGHT = 560
COMPARE_HEIGHT = 460
VIEW_LABELS = {"islands": N_("Disputed islands"), "okinawa": N_("Okinawa and Miyako Strait"),
               "region": N_("Whole region"), "kurils": N_("Kurils and Sakhalin")}  # _() shown
assert set(VIEW_LABELS) == set(VIEWS), "a button for every named view"
NUDGE_DEG, NUDGE_ZOOM = 1e-7, 1e-6  # sub-pixel: Leaflet snaps the zoom back to a level
# streamlit-folium keeps each component's value under a session key of its own, the
# sha256 of the map's script (streamlit_folium.generate_js_hash; tests/test_internals.py).
_COMPONENT_KEY = re.compile(r"[0-9a-f]{64}")


def view_args(center: tuple[float, float] | None, zoom: float | None, nonce: int = 0
              ) -> tuple[tuple[float, float] | None, float | None]:
    """``center`` and ``zoom`` for st_folium to move the map (a named view or a feature).

    ``nonce`` (a count of requests) nudges them by a sub-pixel amount: asking for the
    same place again moves the map again. A zoom of None keeps the reader's zoom.
    """
    if center is None:
        return None, None
    lat, lon = center
    return (lat + nonce * NUDGE_DEG, lon), (zoom + (nonce % 2) * NUDGE_ZOOM if zoom else None)


def is_component_key(name: str) -> bool:
    """A session key streamlit-folium writes (not one of the app's: ui.keys)."""
    return bool(_COMPONENT_KEY.fullmatch(name))


def clicked(value: object) -> str | None:
    """The feature a click on the map selects (st_folium's value), aliases resolved;
    NO_FEATURE (a click on the sea) clears the selection."""
    fid = clicked_feature(value)
    return CLICK_ALIASES.get(fid, fid)


def _walk(fig):
    """st_folium's walk over a map's elements (for their scripts and style sheets)."""
    if isinstance(fig, folium.plugins.DualMap):
        yield from _walk(fig.m1)
        yield from _walk(fig.m2)
    if isinstance(fig, folium.elements.JSCSSMixin):
        yield fig
    for child in getattr(fig, "_children", {}).values():
        yield from _walk(child)


def component_args(fig, groups: list[folium.FeatureGroup], *, key: str,
                   returned_objects: list[str]) -> dict:
    """The arguments st_folium(fig, key=key, returned_objects=..., feature_group_to_add=
    groups, use_container_width=True) gives the component, but for the height, the view
    and the change callback (the same for every state). Follows st_folium's body."""
    if isinstance(fig, folium.plugins.DualMap):
        fig.render()
    else:
        fig.get_root().render()
    fig.render()
    html, header = sf._get_html(fig), sf._get_header(fig)
    leaflet = sf._get_map_string(fig)
    try:
        (s, w), (n, e) = fig.get_bounds()
    except AttributeError:
        (s, w), (n, e) = (None, None), (None, None)
    defaults = {"last_clicked": None, "last_object_clicked": None,
                "last_object_clicked_count": None, "last_object_clicked_tooltip": None,
                "last_object_clicked_popup": None, "all_drawings": None,
                "last_active_drawing": None,
                "bounds": {"_southWest": {"lat": s, "lng": w}, "_northEast": {"lat": n, "lng": e}},
                "zoom": fig.options.get("zoom") if hasattr(fig, "options") else {},
                "last_circle_radius": None, "last_circle_polygon": None,
                "selected_layers": None, "selected_tags": None, "last_geocoder_result": None}
    groups_js = "".join(sf._get_feature_group_string(g, map=fig, idx=i)
                        for i, g in enumerate(groups))
    elements = list(_walk(fig))
    return dict(
        script=leaflet, header=header, html=html, id=sf.get_full_id(fig),
        key=sf.generate_js_hash(leaflet, key, False), width=None,
        returned_objects=returned_objects,
        default={k: v for k, v in defaults.items() if k in returned_objects},
        feature_group=groups_js, return_on_hover=False, layer_control=None, pixelated=False,
        css_links=list(dict.fromkeys(h for el in elements for _, h in getattr(el, "default_css", []))),
        js_links=list(dict.fromkeys(s for el in elements for _, s in getattr(el, "default_js", []))),
        wrap_longitude=False)


@data.cached
def _rendered(kind: str, key: str, returned: tuple[str, ...], states: tuple[MapState, ...]
              ) -> dict:
    """The component's arguments for ``kind`` ("map": one map; "pair": Compare's two) in
    these states, rendered once per data snapshot (a state is keyed by its view's id:
    :func:`ui.data.map_state_key`, which must hold its language). Shared by every session:
    never changed. The base map is the states' language's (a language switch remounts
    the map; nothing else does)."""
    atlas = data.atlas()
    lang = states[0].lang
    if kind == "pair":
        return component_args(dualmap.synced_maps(atlas, lang),
                              dualmap.feature_groups(*states, atlas),
                              key=key, returned_objects=list(returned))
    return component_args(base_map(atlas, lang), feature_groups(states[0], atlas), key=key,
                          returned_objects=list(returned))


def rendered_map(state: MapState, *, key: str, returned_objects=()) -> dict:
    """One map's component arguments (:func:`show_map`), rendered (or from the cache)."""
    return _rendered("map", key, tuple(returned_objects), (state,))


def _show(kind: str, states: tuple[MapState, ...], *, key: str, height: int,
          returned_objects: list[str], center, zoom, on_change: Callable | None = None):
    internals.ensure_registered(sf._component_func)  # imported by the warm-up, maybe
    args = _rendered(kind, key, tuple(returned_objects), states)
    hash_key = args["key"]

    def changed() -> None:  # st_folium's own: the value under the app's key too
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()
    # the value before the first click: each session's own copy (the arguments are shared)
    return sf._component_func(**{**args, "default": copy.deepcopy(args["default"])},
                              height=height, zoom=zoom, center=center, on_change=changed)


def show_map(state: MapState, *, key: str, center=None, zoom=None, on_change=None,
             returned_objects=None) -> object:
    """One map of ``state`` (the Map and Timeline pages), over :func:`ui.data.atlas`."""
    return _show("map", (state,), key=key, height=MAP_HEIGHT,
                 returned_objects=[] if returned_objects is None else list(returned_objects),
                 center=center, zoom=zoom, on_change=on_change)


def show_pair(state_a: MapState, state_b: MapState, *, key: str, center, zoom) -> None:
    """Two maps whose views follow each other, one component (geo.map.dualmap); no return
    value (a pan does not rerun the page)."""
    _show("pair", (state_a, state_b), key=key, height=COMPARE_HEIGHT, returned_objects=[],
          center=center, zoom=zoom)
