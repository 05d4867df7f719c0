"""The map as text (geo.map.describe): a folded table under the map."""
from __future__ import annotations

import streamlit as st

from geo.data.layers import Atlas
from geo.map.describe import names_note, rows
from geo.map.state import MapState
from ui.markdown import md_inline


def map_as_text(state: MapState, atlas: Atlas) -> None:
    with st.expander("The map as text", icon=":material/table_rows:"):
        table = ["| Island or land | Under this view |", "|---|---|"]
        table += [f"| {md_inline(name)} | {md_inline(status)} |"
                  for name, status in rows(state, atlas)]
        st.markdown("\n".join(table))
        st.caption(f"{names_note(state)} The colours and outlines on the map say the same: "
                   "see the legend on the map.")
