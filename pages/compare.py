"""Compare page: two scenarios side by side, two maps and a table of what differs.

The diff comes from :func:`geo.compare.compare`; this page only lays it out.
``?a=today&b=joint-1956`` restores the pair. The two maps are one component
(:mod:`geo.map.dualmap`): each draws its own scenario's layers over the constant base
map, and panning or zooming either moves the other; the view buttons move both
(no return value from the maps: a pan does not rerun the page).
"""
from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.map import dualmap
from geo import map as mapview
from ui import map_adapter
from geo.views import historical as hv
from ui.state import md_escape, md_inline
from pages import shared

shared.ensure_app_shell()

ss = st.session_state
DEFAULT_A, DEFAULT_B = "today", "joint-1956"


@st.cache_resource(show_spinner=False)
def _compare(a: str, b: str):
    from geo.views.catalog import view
    from geo.analysis.compare import compare
    return compare(view(a), view(b), shared.atlas())


def _move(view: str) -> None:
    ss["cmp_view"] = view
    ss["cmp_nonce"] = ss.get("cmp_nonce", 0) + 1


def _holder(code: str | None) -> str:
    return mapview.holder_word(code)


def _km2(x: float) -> str:
    return f"{x:,.0f} km²"


shared.show_notices()
atlas = shared.load("the map layers", shared.atlas)
scenarios = shared.load("the scenarios", shared.scenarios)
if atlas is None or scenarios is None:
    st.stop()

for key, default in (("cmp_a", DEFAULT_A), ("cmp_b", DEFAULT_B)):
    if ss.get(key) not in scenarios.ids:
        ss[key] = default
title = lambda sid: scenarios.get(sid).short_title  # noqa: E731

st.markdown("#### Compare two scenarios")
pick = st.columns(2)
pick[0].selectbox("Scenario A", scenarios.ids, key="cmp_a", format_func=title)
pick[1].selectbox("Scenario B", scenarios.ids, key="cmp_b", format_func=title)
sa, sb = scenarios.get(ss["cmp_a"]), scenarios.get(ss["cmp_b"])
names = ss.get("names", "both")

if "cmp_view" not in ss:
    historical = hv.is_historical(sa) or hv.is_historical(sb)
    ss["cmp_view"] = mapview.HISTORY_VIEW if historical else "islands"
    ss["cmp_nonce"] = 0
buttons = st.columns(len(mapview.VIEWS))
for col, (view, label) in zip(buttons, map_adapter.VIEW_LABELS.items()):
    col.button(label, key=f"cmp_go_{view}", on_click=_move, args=(view,), width="stretch",
               icon=":material/my_location:", help=f"Move both maps to: {label}")
center, zoom = map_adapter.view_args(*mapview.VIEWS[ss["cmp_view"]], ss.get("cmp_nonce", 0))

states = [mapview.MapState.of(scenario=sc, names=names, straits=bool(ss.get("straits")),
                           okhotsk=bool(ss.get("okhotsk"))) for sc in (sa, sb)]
for col, side, sc in zip(st.columns(2, gap="small"), "AB", (sa, sb)):
    col.markdown(f"**{side}: {md_escape(sc.title)}**")
# One component, two maps whose views follow each other (geo.map.dualmap).
st_folium(dualmap.synced_maps(atlas), key="cmp_maps", height=460, use_container_width=True,
          returned_objects=[], feature_group_to_add=dualmap.feature_groups(*states, atlas),
          center=center, zoom=zoom)
for col, sc in zip(st.columns(2, gap="small"), (sa, sb)):
    col.markdown(mapview.legend_html(mapview.legend(sc, atlas, ["straits"] if ss.get("straits") else [])),
                 unsafe_allow_html=True)  # the app's constants, texts escaped
st.caption("The two maps move together: pan or zoom either one and the other follows; the "
           "buttons above move both. Outlines: © OpenStreetMap contributors (ODbL).")

c = shared.load("the comparison", lambda: _compare(sa.id, sb.id))
if c is None:
    st.stop()
st.markdown("##### What differs")
if sa.id == sb.id:
    st.info("Both sides show the same scenario: nothing differs.")
table = ["| Territory | A | B | Changes |", "|---|---|---|---|"]
for r in c.rows:
    mark = "**changes hands**" if r.changed else "—"
    table.append(f"| {md_inline(r.label)} | {md_escape(_holder(r.a))} | "
                 f"{md_escape(_holder(r.b))} | {mark} |")
st.markdown("\n".join(table))

where = ("the four islands, Urup, the northern Kurils and Sakhalin" if any(c.historical)
         else "the four islands")
table = [f"| Area held ({md_escape(where)}) | A | B |", "|---|---|---|"]
for code in ("JPN", "RUS", "JOINT"):
    if c.areas[0][code] or c.areas[1][code]:
        table.append(f"| {md_escape(_holder(code))} | {_km2(c.areas[0][code])} | "
                     f"{_km2(c.areas[1][code])} |")
st.markdown("\n".join(table))

if c.population:
    parts = ", ".join(f"{atlas.gaz.get(k).label_en} {v:,}" for k, v in c.population)
    st.markdown(md_escape(f"Population affected (current residents of the islands that "
                          f"change hands between A and B): {c.population_affected:,} "
                          f"({parts})."))
else:
    st.markdown("Population affected: none of the four islands changes hands between A and B.")

table = ["| Passage to the Pacific with a Japanese shore | A | B |", "|---|---|---|"]
for gid in dict.fromkeys(c.gates[0] + c.gates[1]):
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
        table.append(f"| {md_escape(mapview.country(code))} | {gain(c.sea_gains[0], code)} | "
                     f"{gain(c.sea_gains[1], code)} |")
    st.markdown("\n".join(table))
    st.caption(md_escape(mapview.SEA_DISCLAIMER))
else:
    st.caption("Sea gains: computed for today's three scenarios only, not for historical views.")

shared.sync_query(["a", "b", "names"])
