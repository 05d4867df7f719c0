"""Compare page: two scenarios side by side, two maps and a table of what differs.

The diff comes from :func:`geo.analysis.compare.compare`; this page only lays it out.
``?a=today&b=joint-1956`` restores the pair. The two maps are one component
(:mod:`geo.map.dualmap`, through :mod:`ui.map_adapter`): each draws its own scenario's layers over the constant base
map, and panning or zooming either moves the other; the view buttons move both
(no return value from the maps: a pan does not rerun the page).
"""
from __future__ import annotations

import streamlit as st

from geo.views.present import BASELINE
from geo import map as geomap
from ui import data, keys, layout, map_adapter as maps, shell
from ui.markdown import km2, md_escape, md_inline
from ui.sidebar import catalogue

shell.ensure_app_shell()

ss = st.session_state
DEFAULT_A, DEFAULT_B = BASELINE, "joint-1956"


def _move(view: str) -> None:
    ss[keys.CMP_VIEW] = view
    ss[keys.CMP_NONCE] = ss.get(keys.CMP_NONCE, 0) + 1


shell.show_notices()
atlas = shell.load("the map layers", data.atlas)
cat = catalogue()  # says why a part of it is left out (a broken file), once
scenarios = None if cat is None else cat.views
if atlas is None or scenarios is None:
    st.stop()

for key, default in ((keys.CMP_A, DEFAULT_A), (keys.CMP_B, DEFAULT_B)):
    if ss.get(key) not in scenarios.ids:
        ss[key] = default
title = lambda sid: scenarios.get(sid).short_title  # noqa: E731

st.markdown("#### Compare two scenarios")
pick = st.columns(2)
pick[0].selectbox("Scenario A", scenarios.ids, key=keys.CMP_A, format_func=title)
pick[1].selectbox("Scenario B", scenarios.ids, key=keys.CMP_B, format_func=title)
state = shell.current_state()
sa, sb = scenarios.get(state.a), scenarios.get(state.b)
straits = state.shows("straits")

if keys.CMP_VIEW not in ss:
    ss[keys.CMP_VIEW] = geomap.view_for(sa, sb)
    ss[keys.CMP_NONCE] = 0
layout.view_buttons(keys.CMP_VIEW_BUTTONS, keys.CMP_GO, _move, "both maps")
center, zoom = maps.view_args(*geomap.VIEWS[ss[keys.CMP_VIEW]], ss.get(keys.CMP_NONCE, 0))

# The overlays the two maps draw: the straits and the Sea of Okhotsk.
shown = state.overlays & keys.COMPARE_OVERLAYS
for col, side, sc in zip(st.columns(2, gap="small"), "AB", (sa, sb)):
    col.markdown(f"**{side}: {md_escape(sc.title)}**")
# One component, two maps whose views follow each other (geo.map.dualmap).
maps.show_pair(*(geomap.MapState(sc, state.names, overlays=shown) for sc in (sa, sb)),
               key=keys.CMP_MAPS, center=center, zoom=zoom)
for col, sc in zip(st.columns(2, gap="small"), (sa, sb)):
    col.markdown(geomap.legend_html(geomap.legend(sc, atlas, ["straits"] if straits else [])),
                 unsafe_allow_html=True)  # the app's constants, texts escaped
st.caption("The two maps move together: pan or zoom either one and the other follows; the "
           "buttons above move both. Outlines: © OpenStreetMap contributors (ODbL).")

c = shell.load("the comparison", lambda: data.compare(sa.id, sb.id))
if c is None:
    st.stop()
st.markdown("##### What differs")
if sa.id == sb.id:
    st.info("Both sides show the same scenario: nothing differs.")
table = ["| Territory | A | B | Changes |", "|---|---|---|---|"]
for r in c.rows:
    mark = "**changes hands**" if r.changed else "—"
    table.append(f"| {md_inline(r.label)} | {md_escape(geomap.holder_word(r.a))} | "
                 f"{md_escape(geomap.holder_word(r.b))} | {mark} |")
st.markdown("\n".join(table))

table = [f"| Area held ({md_escape(c.where)}) | A | B |", "|---|---|---|"]
for code in ("JPN", "RUS", "JOINT"):
    if c.areas[0][code] or c.areas[1][code]:
        table.append(f"| {md_escape(geomap.holder_word(code))} | {km2(c.areas[0][code], 0)} | "
                     f"{km2(c.areas[1][code], 0)} |")
st.markdown("\n".join(table))

if c.population:
    parts = ", ".join(f"{atlas.gaz.get(k).label_en} {v:,}" for k, v in c.population)
    st.markdown(md_escape(f"Population affected (current residents of the islands that "
                          f"change hands between A and B): {c.population_affected:,} "
                          f"({parts})."))
else:
    st.markdown("Population affected: none of the four islands changes hands between A and B.")

table = ["| Passage to the Pacific with a Japanese shore | A | B |", "|---|---|---|"]
for gid in c.gates_either:
    table.append(f"| {md_inline(c.gate_names[gid])} | {'yes' if gid in c.gates[0] else 'no'} | "
                 f"{'yes' if gid in c.gates[1] else 'no'} |")
if len(table) == 2:
    table.append("| none | — | — |")
st.markdown("\n".join(table))

if any(g is not None for g in c.sea_gains):
    def gain(g, code):
        return "n/a (historical)" if g is None else f"{g[code]:+,.0f} km²"
    table = ["| Sea within 200 nm vs today (median line, illustration) | A | B |",
             "|---|---|---|"]
    for code in ("JPN", "RUS"):
        table.append(f"| {md_escape(geomap.country(code))} | {gain(c.sea_gains[0], code)} | "
                     f"{gain(c.sea_gains[1], code)} |")
    st.markdown("\n".join(table))
    st.caption(md_escape(geomap.SEA_DISCLAIMER))
else:
    st.caption("Sea gains: computed for today's three scenarios only, not for historical views.")

shell.sync_query(keys.PAGE_COMPARE)
