"""Timeline page: the dated events with their sources, and the map as it stood on a date.

``?date=1905-09-05`` (an event date) opens the map on that date.
"""
from __future__ import annotations

import streamlit as st

from geo.views import historical as hv
from geo import map as geomap
from ui import data, keys, map_adapter as maps, panels, shell
from ui.markdown import md_escape

shell.ensure_app_shell()

ss = st.session_state


shell.show_notices()
st.title("Timeline")
st.markdown("The treaties and events that decided who held the four islands, Urup, the "
            "northern Kurils and Sakhalin, each dated, summarised neutrally and sourced. Pick a "
            "date to see the map as it stood then. The app takes no side: the claims of each "
            "side are quoted and attributed.")
timeline = shell.load("the timeline", data.timeline)
atlas = shell.load("the map layers", data.atlas)
corpus = shell.load("the annotations", data.corpus)
if timeline is None or atlas is None or corpus is None:
    st.stop()

dates = hv.timeline_dates(timeline)
state = shell.current_state()
date = state.date if state.date in dates else dates[0]
ss[keys.DATE_BOX] = date
st.select_slider("Show the map as it stood on", dates, key=keys.DATE_BOX, on_change=shell.mirror(keys.DATE_BOX, keys.DATE),
                 help="The dates of the events below. The map shows who held what at the end "
                      "of that day.")
view = data.view_at(date)

map_col, text_col = st.columns([3, 2], gap="medium")
with map_col:
    center, zoom = geomap.VIEWS[geomap.HISTORY_VIEW]
    maps.show_map(geomap.MapState(view, state.names), key=keys.TIMELINE_MAP,
                  center=center, zoom=zoom)
    st.caption("Outlines: © OpenStreetMap contributors (ODbL). Other land is coloured by "
               "today's borders.")
with text_col:
    st.subheader(f"Who held what on {md_escape(date)}", anchor=False)
    st.markdown("  \n".join(md_escape(line) for line in hv.holders_summary(view.holders)))
    st.markdown(geomap.legend_html(geomap.legend(view, atlas)),
                unsafe_allow_html=True)  # built from the app's constants, texts escaped
    if view.lines:
        st.caption("The 1855 and 1875 lines are illustrative (those treaties name the "
                   "islands, not a line); the 1905 line is the 50th parallel.")
    figs = hv.figures(view, atlas)
    st.caption(md_escape(
        "Area held, among the four islands, Urup, the northern Kurils and Sakhalin "
        "(geodesic, inland water included): " + "; ".join(
            f"{geomap.holder_word(code)} {figs.by_holder[code]:,.0f} km²"
            for code in ("JPN", "RUS", "JOINT") if figs.by_holder[code]) + "."))

st.markdown("### Events")
for e in data.entries():
    with st.container(border=True):
        panels.event_block(e, marked=(e.event.date == date))

shell.sync_query(keys.PAGE_TIMELINE)
