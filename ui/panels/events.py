"""The dated events and a historical view's panel (Map and Timeline pages)."""
from __future__ import annotations

import streamlit as st

from geo import map as geomap
from ui import data
from ui.markdown import km2, md_escape, md_inline, quote_md, ref_item_md

def event_block(e, *, marked: bool = False, expanded: bool = False) -> None:
    """One dated event: date, title, neutral summary, what changed hands and its sources."""
    ev = e.event
    mark = " ◆ shown on the map" if marked else ""
    st.markdown(f"**{md_escape(ev.span)}** · **{md_escape(ev.title)}**{md_escape(mark)}")
    st.markdown(md_escape(" ".join(ev.summary.split())))
    if e.changes:
        st.caption(md_escape(e.changes))
    n = len(e.quotes) + len(e.refs)
    with st.expander(f"Sources ({len(e.quotes)} quote{'s' * (len(e.quotes) != 1)}, "
                     f"{len(e.refs)} reference{'s' * (len(e.refs) != 1)})", expanded=expanded):
        parts = [quote_md(q) for q in e.quotes]
        if e.refs:
            parts.append("**References**\n\n" + "\n".join(ref_item_md(r) for r in e.refs))
        st.markdown("\n\n".join(parts) if n else "No source given.")


def history_panel(view, figs, entries, straits_on: bool) -> None:
    """A historical scenario: who held what, areas by holder, the defining events."""
    st.markdown("##### What this view shows")
    st.markdown(md_escape(" ".join(view.description.split())))
    st.markdown(geomap.legend_html(geomap.legend(view, data.atlas(), ["straits"] if straits_on else [])), unsafe_allow_html=True)
    cols = st.columns(3)
    help_ = ("Geodesic area (inland water included) among the four islands, Urup, the "
             "northern Kurils and Sakhalin, from the full-resolution OpenStreetMap-derived layer.")
    for col, (code, label) in zip(cols, (("JPN", "Held by Japan"), ("RUS", "Held by Russia"),
                                         ("JOINT", "Undivided (no border)"))):
        col.metric(label, km2(figs.by_holder[code], 0), help=help_)
    table = ["| Territory | Held by | Area |", "|---|---|---|"]
    for r in figs.rows:
        table.append(f"| {md_inline(r.label)} | {md_inline(geomap.holder_word(r.holder))} | "
                     f"{km2(r.km2, 0)} |")
    st.markdown("\n".join(table))
    st.caption("Other land is coloured by today's borders. Russia stands for the Russian "
               "Empire (to 1917) and the Soviet Union (1922–1991). The 1855 and 1875 lines are "
               "illustrative: those treaties name the islands, not a line.")
    st.markdown("**Defining events**")
    for e in entries:
        event_block(e)
