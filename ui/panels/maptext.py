"""The map as text (geo.panels.view.map_text_blocks): a folded table under the map."""
from __future__ import annotations

import streamlit as st

from geo.data.layers import Atlas
from geo.map.state import MapState
from geo.panels.view import MAP_TEXT, map_text_blocks
from ui.panels.blocks import show


def map_as_text(state: MapState, atlas: Atlas) -> None:
    with st.expander(MAP_TEXT, icon=":material/table_rows:"):
        show(map_text_blocks(state, atlas))
