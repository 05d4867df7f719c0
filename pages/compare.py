"""Compare page: two scenarios side by side, two maps and a table of what differs.

The diff comes from :func:`geo.analysis.compare.compare`; this page only lays it out.
``?a=today&b=joint-1956`` restores the pair. The two maps are one component
(:mod:`geo.map.dualmap`, through :mod:`ui.map_adapter`): each draws its own scenario's layers over the constant base
map, and panning or zooming either moves the other; the view buttons move both
(no return value from the maps: a pan does not rerun the page).
"""
from __future__ import annotations

import streamlit as st

from geo import map as geomap
from geo.analysis import okhotsk
from geo.i18n import N_, text_in
from geo.map.text import place_name
from geo.panels.blocks import whole
from geo.views.historical import key_label
from geo.views.present import BASELINE
from ui import data, keys, layout, map_adapter as maps, shell
from ui.lang import lang, tr
from ui.markdown import km2, md_escape, md_inline
from ui.figures import figure_buttons
from ui.sidebar import catalogue

shell.ensure_app_shell()

ss = st.session_state
_ = tr()
LANG = lang()
DEFAULT_A, DEFAULT_B = BASELINE, "joint-1956"


def _move(view: str) -> None:
    ss[keys.CMP_VIEW] = view
    ss[keys.CMP_NONCE] = ss.get(keys.CMP_NONCE, 0) + 1


shell.show_notices()
atlas = shell.load(N_("the map layers"), data.atlas)
cat = catalogue()  # says why a part of it is left out (a broken file), once
scenarios = None if cat is None else cat.views
if atlas is None or scenarios is None:
    st.stop()

for key, default in ((keys.CMP_A, DEFAULT_A), (keys.CMP_B, DEFAULT_B)):
    if ss.get(key) not in scenarios.ids:
        ss[key] = default
title = lambda sid: text_in(scenarios.get(sid).short_title, LANG)  # noqa: E731

st.markdown("#### " + _("Compare two scenarios"))
pick = st.columns(2)
pick[0].selectbox(_("Scenario A"), scenarios.ids, key=keys.CMP_A, format_func=title)
pick[1].selectbox(_("Scenario B"), scenarios.ids, key=keys.CMP_B, format_func=title)
state = shell.current_state()
sa, sb = scenarios.get(state.a), scenarios.get(state.b)
straits = state.shows("straits")
names = state.names

if keys.CMP_VIEW not in ss:
    ss[keys.CMP_VIEW] = geomap.view_for(sa, sb)
    ss[keys.CMP_NONCE] = 0
layout.view_buttons(keys.CMP_VIEW_BUTTONS, keys.CMP_GO, _move, N_("both maps"))
center, zoom = maps.view_args(*geomap.VIEWS[ss[keys.CMP_VIEW]], ss.get(keys.CMP_NONCE, 0))

# The overlays the two maps draw: the straits and the Sea of Okhotsk.
shown = state.overlays & keys.COMPARE_OVERLAYS
for col, side, sc in zip(st.columns(2, gap="small"), "AB", (sa, sb)):
    col.markdown("**" + _("{side}: {title}", side=side,
                          title=md_escape(text_in(sc.title, LANG))) + "**")
# One component, two maps whose views follow each other (geo.map.dualmap).
maps.show_pair(*(geomap.MapState(sc, names, overlays=shown, lang=LANG) for sc in (sa, sb)),
               key=keys.CMP_MAPS, center=center, zoom=zoom)
for col, side, sc in zip(st.columns(2, gap="small"), "ab", (sa, sb)):
    col.markdown(geomap.legend_html(geomap.legend(sc, atlas, ["straits"] if straits else [],
                                                  lang=LANG, names=names)),
                 unsafe_allow_html=True)  # the app's constants, texts escaped
    with col:  # each map as its own figure, with the overlays both maps draw
        figure_buttons(sc, shown, names, LANG, ss[keys.CMP_VIEW],
                       where=f"{side}_",
                       title=_("Map {side}", side=side.upper()))
st.caption(_("The two maps move together: pan or zoom either one and the other follows; the "
             "buttons above move both. Outlines: © OpenStreetMap contributors (ODbL)."))

c = shell.load(N_("the comparison"), lambda: data.compare(sa.id, sb.id))
if c is None:
    st.stop()
st.markdown("##### " + _("What differs"))
if sa.id == sb.id:
    st.info(_("Both sides show the same scenario: nothing differs."))


def header(*cells: str) -> list[str]:
    """A table's header row (the app's own words: Markdown as written)."""
    return ["| " + " | ".join(cells) + " |",
            "|" + "---|" * len(cells)]


def holder(code: str) -> str:
    return md_escape(geomap.holder_word(code, LANG))


table = header(_("Territory"), "A", "B", _("Changes"))
changes = "**" + _("changes hands") + "**"
for r in c.rows:
    label = r.label if LANG == "en" else key_label(r.key, LANG, names, atlas.gaz)
    table.append(f"| {md_inline(label)} | {holder(r.a)} | {holder(r.b)} | "
                 f"{changes if r.changed else '—'} |")
st.markdown("\n".join(table))

table = header(_("Area held ({where})", where=md_escape(_(c.where))), "A", "B")
for code in ("JPN", "RUS", "JOINT"):
    if c.areas[0][code] or c.areas[1][code]:
        table.append(f"| {holder(code)} | {km2(c.areas[0][code], 0, lang=LANG)} | "
                     f"{km2(c.areas[1][code], 0, lang=LANG)} |")
st.markdown("\n".join(table))

if c.population:
    parts = _(", ").join(_("{island} {people}", island=place_name(
        atlas.gaz.get(k), names, LANG), people=whole(v, lang=LANG)) for k, v in c.population)
    st.markdown(md_escape(_(
        "Population affected (current residents of the islands that change hands between A "
        "and B): {total} ({islands}).", total=whole(c.population_affected, lang=LANG),
        islands=parts)))
else:
    st.markdown(_("Population affected: none of the four islands changes hands between A "
                  "and B."))

yes, no = _("yes"), _("no")
gates = {g.id: g for g in okhotsk.gates(atlas)}
table = header(_("Passage to the Pacific with a Japanese shore"), "A", "B")
for gid in c.gates_either:
    gname = c.gate_names[gid] if LANG == "en" else okhotsk.gate_name(gates[gid], LANG, names, atlas.gaz)
    table.append(f"| {md_inline(gname)} | {yes if gid in c.gates[0] else no} | "
                 f"{yes if gid in c.gates[1] else no} |")
if len(table) == 2:
    table.append(header(_("none"), "—", "—"))
st.markdown("\n".join(table))

if any(g is not None for g in c.sea_gains):
    def gain(g, code):
        if g is None:
            return _("n/a (historical)")
        x = g[code]
        value = (f"{x:+,.0f}" if LANG == "en"
                 else ("+" if x >= 0 else "−") + _.num(abs(x)))
        return _("{value} km²", value=value)
    table = header(_("Sea within 200 nm vs today (median line, illustration)"), "A", "B")
    for code in ("JPN", "RUS"):
        table.append(f"| {md_escape(geomap.country(code, LANG))} | {gain(c.sea_gains[0], code)} | "
                     f"{gain(c.sea_gains[1], code)} |")
    st.markdown("\n".join(table))
    st.caption(md_escape(_(geomap.SEA_DISCLAIMER)))
else:
    st.caption(_("Sea gains: computed for today's three scenarios only, not for historical "
                 "views."))

shell.sync_query(keys.PAGE_COMPARE)
