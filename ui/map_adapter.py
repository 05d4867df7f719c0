"""Everything that knows streamlit-folium: the map's height, the objects a click returns,
the named views' buttons, the nudge that makes st_folium move the map again to a place it
was already sent to, the click's feature and the component's own session keys.

streamlit-folium moves the map only when ``center``/``zoom`` differ from the last ones it
got (:func:`view_args` nudges them), returns what RETURNED_OBJECTS names, and its
component value is a click (:func:`clicked`).
"""
from __future__ import annotations

import re

from streamlit_folium import st_folium

from geo.data.layers import Atlas
from geo.map import CLICK_ALIASES, VIEWS, base_map, dualmap, feature_groups
from geo.map.state import MapState
from ui.state import NO_FEATURE, clicked_feature

RETURNED_OBJECTS = ["last_object_clicked", "last_active_drawing"]
MAP_HEIGHT = 560
COMPARE_HEIGHT = 460
VIEW_LABELS = {"islands": "Disputed islands", "okinawa": "Okinawa and Miyako Strait",
               "region": "Whole region", "kurils": "Kurils and Sakhalin"}
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


def show_map(state: MapState, atlas: Atlas, *, key: str, center=None, zoom=None,
             on_change=None, returned_objects=None) -> object:
    """One map of ``state`` (the Map and Timeline pages)."""
    return st_folium(base_map(atlas), key=key, height=MAP_HEIGHT, use_container_width=True,
                     returned_objects=[] if returned_objects is None else returned_objects,
                     feature_group_to_add=feature_groups(state, atlas), center=center,
                     zoom=zoom, on_change=on_change)


def show_pair(state_a: MapState, state_b: MapState, atlas: Atlas, *, key: str, center, zoom
              ) -> None:
    """Two maps whose views follow each other, one component (geo.map.dualmap); no return
    value (a pan does not rerun the page)."""
    st_folium(dualmap.synced_maps(atlas), key=key, height=COMPARE_HEIGHT,
              use_container_width=True, returned_objects=[],
              feature_group_to_add=dualmap.feature_groups(state_a, state_b, atlas),
              center=center, zoom=zoom)
