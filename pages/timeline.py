"""Timeline page: the dated events with their sources, and the map as it stood on a date.

``?date=1905-09-05`` (an event date) opens the map on that date.
"""
from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.views import historical as hv
from geo import map as mapview
from ui import map_adapter
from ui.state import md_escape
from pages import panel, shared

shared.ensure_app_shell()

ss = st.session_state


@st.cache_resource(show_spinner=False)
def _entries():
    from geo.data.corpus import default_corpus
    from geo.data.events import default_timeline
    return hv.entries(default_timeline(), default_corpus())


@st.cache_resource(show_spinner=False)
def _view(date: str):
    return hv.view_at(date)


def _chosen() -> None:
    ss["date"] = ss.get("date_box")


shared.show_notices()
st.title("Timeline")
st.markdown("The treaties and events that decided who held the four islands, Urup, the "
            "northern Kurils and Sakhalin, each dated, summarised neutrally and sourced. Pick a "
            "date to see the map as it stood then. The app takes no side: the claims of each "
            "side are quoted and attributed.")
timeline = shared.load("the timeline", shared.timeline)
atlas = shared.load("the map layers", shared.atlas)
corpus = shared.load("the annotations", shared.corpus)
if timeline is None or atlas is None or corpus is None:
    st.stop()

dates = hv.timeline_dates(timeline)
date = ss.get("date") if ss.get("date") in dates else dates[0]
ss["date_box"] = date
st.select_slider("Show the map as it stood on", dates, key="date_box", on_change=_chosen,
                 help="The dates of the events below. The map shows who held what at the end "
                      "of that day.")
view = _view(date)
names = ss.get("names", "both")

map_col, text_col = st.columns([3, 2], gap="medium")
with map_col:
    center, zoom = mapview.VIEWS[mapview.HISTORY_VIEW]
    st_folium(mapview.base_map(atlas), key="timeline_map", height=map_adapter.MAP_HEIGHT,
              use_container_width=True, returned_objects=[],
              feature_group_to_add=mapview.feature_groups(
                  mapview.MapState.of(scenario=view, names=names), atlas),
              center=center, zoom=zoom)
    st.caption("Outlines: © OpenStreetMap contributors (ODbL). Other land is coloured by "
               "today's borders.")
with text_col:
    st.subheader(f"Who held what on {md_escape(date)}", anchor=False)
    st.markdown("  \n".join(md_escape(line) for line in hv.holders_summary(view.holders)))
    st.markdown(mapview.legend_html(mapview.legend(view, atlas)),
                unsafe_allow_html=True)  # built from the app's constants, texts escaped
    if view.lines:
        st.caption("The 1855 and 1875 lines are illustrative (those treaties name the "
                   "islands, not a line); the 1905 line is the 50th parallel.")
    figs = hv.figures(view, atlas)
    st.caption(md_escape(
        "Area held, among the four islands, Urup, the northern Kurils and Sakhalin "
        "(geodesic, inland water included): " + "; ".join(
            f"{mapview.holder_word(code)} {figs.by_holder[code]:,.0f} km²"
            for code in ("JPN", "RUS", "JOINT") if figs.by_holder[code]) + "."))

st.markdown("### Events")
for e in _entries():
    with st.container(border=True):
        panel.event_block(e, marked=(e.event.date == date))

shared.sync_query(["date", "names"])
