"""The map as text (geo.panels.view.map_text_blocks): a folded table under the map."""
from __future__ import annotations

import streamlit as st

from geo.data.layers import Atlas
from geo.map.state import MapState
from geo.i18n import translator
from geo.panels.view import MAP_TEXT, map_text_blocks
from ui.panels.blocks import show


def map_as_text(state: MapState, atlas: Atlas) -> None:
    """The expander's label and the table in the state's language (MapState.lang)."""
    with st.expander(translator(state.lang)(MAP_TEXT), icon=":material/table_rows:"):
        show(map_text_blocks(state, atlas))
