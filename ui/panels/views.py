"""The panels of a view below the map: a present-day scenario's figures and a point of view."""
from __future__ import annotations

import streamlit as st

from geo.analysis.quotes import attributed
from geo.references import shown as as_shown
from geo.views.present import BASELINE
from geo import map as geomap
from ui import data
from ui.markdown import km2, md_escape, md_inline, quote_md, ref_item_md

def viewpoint_panel(view, figs, corpus, straits_on: bool) -> None:
    """A point of view (one side's maps, or who administers): what it shows and whose
    convention it is, areas by how it shows them, its references and quotes."""
    st.markdown("##### What this view shows")
    st.markdown(md_escape(view.description))
    st.markdown(geomap.legend_html(geomap.legend(view, data.atlas(), ["straits"] if straits_on else [])), unsafe_allow_html=True)
    shown = [c for c in ("JPN", "RUS", "UND") if figs.by_holder.get(c)]
    help_ = ("Geodesic area (inland water included) among the four islands, Urup, the "
             "northern Kurils and Sakhalin, from the full-resolution OpenStreetMap-derived layer.")
    for col, code in zip(st.columns(max(len(shown), 1)), shown):
        col.metric(view.short_words(code), km2(figs.by_holder[code], 0), help=help_)
    table = ["| Territory | In this view | Area |", "|---|---|---|"]
    for r in figs.rows:
        table.append(f"| {md_inline(r.label)} | {md_inline(view.short_words(r.holder))} | "
                     f"{km2(r.km2, 0)} |")
    st.markdown("\n".join(table))
    what = ("who administers the land" if view.shows == "administration"
            else "one side's map convention")
    st.caption(f"Other land is coloured by today's borders. This view shows {what}, "
               "not the app's judgement of any claim.")
    refs = [as_shown(k, corpus.attribution.references[k]) for k in view.refs]
    st.markdown("**Where this is stated**\n\n" + "\n".join(ref_item_md(r) for r in refs))
    if view.sources:
        st.markdown("**Statements**")
        st.markdown("\n\n".join(quote_md(attributed(corpus, aid)) for aid in view.sources
                                  if aid in corpus.by_id))


def scenario_panel(scenario, cons, corpus, gaz, straits_on: bool) -> None:
    st.markdown("##### What this scenario means")
    st.markdown(md_escape(scenario.description))
    st.markdown(geomap.legend_html(geomap.legend(scenario, data.atlas(), ["straits"] if straits_on else [])),
                unsafe_allow_html=True)  # built from the app's constants, texts escaped
    top, bottom = st.columns(2), st.columns(2)
    top[0].metric("Land held by Japan", km2(cons.land_km2["JPN"]),
                  help="Land area among the four islands (inland water excluded), geodesic, "
                       "from the OpenStreetMap-derived layer.")
    top[1].metric("Land held by Russia", km2(cons.land_km2["RUS"]))
    bottom[0].metric("Changes hands vs today", f"{cons.share_changing:.1%}",
                     help=f"{km2(cons.changing_land_km2)} of the four islands' "
                          f"{km2(cons.total_land_km2)} of land.")
    bottom[1].metric("Population affected", f"{cons.population_affected:,}",
                     help="Current residents of the islands that change hands.")
    if cons.population:
        st.caption(md_escape(cons.residents_text(gaz)))
    elif scenario.id != BASELINE:
        st.caption("No island changes hands in this scenario.")
    rows = cons.straits_by_the_islands
    if rows:
        st.markdown("**Straits next to the islands: who holds each shore**")
        table = ["| Strait | Narrows | Shores | Change vs today |", "|---|---|---|---|"]
        for s in rows:
            shores = " · ".join(f"{gaz.get(f).label_en}: {geomap.country(h)}" for f, h in s.shores)
            table.append(f"| {md_inline(s.name)} | {s.width_km:,.1f} km | {md_inline(shores)} "
                         f"({md_inline(s.status)}) | {'yes' if s.changed else 'no'} |")
        st.markdown("\n".join(table))
    st.markdown("**Defining sources**")
    st.markdown("\n\n".join(quote_md(attributed(corpus, aid)) for aid in scenario.sources))
    refs = [as_shown(k, corpus.attribution.references[k]) for k in getattr(scenario, "refs", ())]
    if refs:
        st.markdown("**Each side's position in its own sources**\n\n"
                    + "\n".join(ref_item_md(r) for r in refs))
