"""Timeline page: the dated events with their sources, and the map as it stood on a date.

``?date=1905-09-05`` (an event date) opens the map on that date.
"""
from __future__ import annotations

import streamlit as st

from geo.i18n import N_
from geo.views import historical as hv
from geo import map as geomap
from ui import data, keys, map_adapter as maps, panels, shell
from ui.lang import lang, tr
from ui.markdown import md_escape

shell.ensure_app_shell()

ss = st.session_state
_ = tr()
LANG = lang()


shell.show_notices()
st.title(_("Timeline"))
st.markdown(_("The treaties and events that decided who held the four islands, Urup, the "
              "northern Kurils and Sakhalin, each dated, summarised neutrally and sourced. "
              "Pick a date to see the map as it stood then. The app takes no side: the "
              "claims of each side are quoted and attributed."))
timeline = shell.load(N_("the timeline"), data.timeline)
atlas = shell.load(N_("the map layers"), data.atlas)
corpus = shell.load(N_("the annotations"), data.corpus)
if timeline is None or atlas is None or corpus is None:
    st.stop()

dates = hv.timeline_dates(timeline)
state = shell.current_state()
date = state.date if state.date in dates else dates[0]
ss[keys.DATE_BOX] = date
st.select_slider(_("Show the map as it stood on"), dates, key=keys.DATE_BOX,
                 on_change=shell.mirror(keys.DATE_BOX, keys.DATE), format_func=_.date,
                 help=_("The dates of the events below. The map shows who held what at the "
                        "end of that day."))
view = data.view_at(date, LANG)
gaz = atlas.gaz

map_col, text_col = st.columns([3, 2], gap="medium")
with map_col:
    center, zoom = geomap.VIEWS[geomap.HISTORY_VIEW]
    maps.show_map(geomap.MapState(view, state.names, lang=LANG), key=keys.TIMELINE_MAP,
                  center=center, zoom=zoom)
    st.caption(_("Outlines: © OpenStreetMap contributors (ODbL). Other land is coloured by "
                 "today's borders."))
with text_col:
    st.subheader(_("Who held what on {date}", date=md_escape(_.date(date))), anchor=False)
    st.markdown("  \n".join(md_escape(line) for line in
                            hv.holders_summary(view.holders, LANG, state.names, gaz)))
    st.markdown(geomap.legend_html(geomap.legend(view, atlas, lang=LANG, names=state.names)),
                unsafe_allow_html=True)  # built from the app's constants, texts escaped
    if view.lines:
        st.caption(_("The 1855 and 1875 lines are illustrative (those treaties name the "
                     "islands, not a line); the 1905 line is the 50th parallel."))
    figs = hv.figures(view, atlas)
    st.caption(md_escape(_(
        "Area held, among the four islands, Urup, the northern Kurils and Sakhalin "
        "(geodesic, inland water included): {areas}.", areas=_("; ").join(
            _("{holder} {area} km²", holder=geomap.holder_word(code, LANG),
              area=_.num(figs.by_holder[code]))
            for code in ("JPN", "RUS", "JOINT") if figs.by_holder[code]))))

st.markdown("### " + _("Events"))
for e in data.entries(LANG, state.names):
    with st.container(border=True):
        panels.event_block(e, marked=(e.event.date == date), lang=LANG)

shell.sync_query(keys.PAGE_TIMELINE)
