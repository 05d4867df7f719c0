"""What knows streamlit-folium, and the names of geo's map the pages use.

streamlit-folium moves the map only when ``center``/``zoom`` differ from the last ones
it got (:func:`view_args` nudges them), returns what RETURNED_OBJECTS names, and its
component value is a click (:func:`clicked`). The map's own names (VIEWS,
CLICK_ALIASES, MAP_HEIGHT …) are taken from :mod:`geo.map.core` here, in one place, while
geo/map/ is being split: the pages and panels import them from this module only.
"""
from __future__ import annotations

import re

from streamlit_folium import st_folium

from geo.map import dualmap
from geo.map.core import (  # noqa: F401 (re-exported for the pages and panels)
    CLICK_ALIASES, FAR_TOLERANCE_DEG, GATE_COLOUR, HISTORY_VIEW, MAP_HEIGHT, MIN_PART_KM2,
    NEAR_TOLERANCE_DEG, RETURNED_OBJECTS, SEA_DISCLAIMER, VIEW_LABELS, VIEWS, LegendItem,
    base_map, country, feature_groups, focus_point, heading, holder_word, legend, legend_html,
    overlay_legend, sea_division_shown, selectable_ids, status_text, view_args)
from geo.map.state import MapState
from ui.state import clicked_feature

COMPARE_HEIGHT = 460
# streamlit-folium keeps each component's value under a session key of its own, the
# sha256 of the map's script (streamlit_folium.generate_js_hash; tests/test_internals.py).
_COMPONENT_KEY = re.compile(r"[0-9a-f]{64}")


def is_component_key(name: str) -> bool:
    """A session key streamlit-folium writes (not one of the app's: ui.keys)."""
    return bool(_COMPONENT_KEY.fullmatch(name))


def clicked(value: object) -> str | None:
    """The feature a click on the map selects (st_folium's value), aliases resolved."""
    fid = clicked_feature(value)
    return CLICK_ALIASES.get(fid, fid)


def show_map(state: MapState, atlas, *, key: str, center=None, zoom=None, on_change=None,
             returned_objects=None) -> object:
    """One map of ``state`` (the Map and Timeline pages)."""
    return st_folium(base_map(), key=key, height=MAP_HEIGHT, use_container_width=True,
                     returned_objects=[] if returned_objects is None else returned_objects,
                     feature_group_to_add=feature_groups(state, atlas), center=center,
                     zoom=zoom, on_change=on_change)


def show_pair(state_a: MapState, state_b: MapState, atlas, *, key: str, center, zoom) -> None:
    """Two maps whose views follow each other, one component (geo.map.dualmap); no return
    value (a pan does not rerun the page)."""
    st_folium(dualmap.synced_maps(), key=key, height=COMPARE_HEIGHT, use_container_width=True,
              returned_objects=[], feature_group_to_add=dualmap.feature_groups(
                  state_a, state_b, atlas), center=center, zoom=zoom)
