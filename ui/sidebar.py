"""The sidebar every page shares: names convention, scenario, overlays (one toggle per
entry of :data:`geo.map.overlays.registry.OVERLAY_INFO`)."""
from __future__ import annotations

import streamlit as st

from geo.map.overlays.registry import OVERLAY_INFO
from ui import data, keys
from ui.shell import data_error, load

# What the sidebar says of a part of the catalogue left out (geo.views.catalog.LeftOut.part).
LEFT_OUT = {"historical": "the timeline (the historical views are left out)",
            "viewpoints": "the points of view (they are left out)"}
NAMES_LABELS = {"ja": "Japanese names", "ru": "Russian names", "both": "Both"}


def sidebar() -> None:
    with st.sidebar:
        st.radio("Place names", list(NAMES_LABELS), key=keys.NAMES,
                 format_func=NAMES_LABELS.__getitem__,
                 help="Japanese names (romaji and kanji), Russian names (transliteration and "
                      "Cyrillic) or both, on the map and in the panel.")
        cat = load("the scenarios", data.catalogue)
        scen = None if cat is None else cat.views
        for part in () if cat is None else cat.left_out:
            data_error(part.error, LEFT_OUT[part.part])
        if scen is not None:
            if st.session_state.get(keys.SCENARIO) not in scen.ids:
                st.session_state[keys.SCENARIO] = scen.baseline.id
            st.selectbox("Scenario", scen.ids, key=keys.SCENARIO,
                         format_func=lambda sid: scen.get(sid).short_title,
                         help="Who would hold each island, today's three options; who "
                              "held them after the treaties of 1855, 1875 and 1905 and in "
                              "1945; or how each side's own maps draw the region. The map, "
                              "the figures and the defining sources follow.")
        st.markdown("**Overlays**")
        for o in OVERLAY_INFO:
            st.toggle(o.label, key=o.key, help=o.help)
        st.caption("Every claim is attributed to whoever makes it; the app takes no side.")
