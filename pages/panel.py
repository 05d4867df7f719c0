"""The Map page's panels: a feature's card and a scenario's figures.

Only layout: the card comes from :func:`geo.cards.feature_card`, the figures
from :func:`geo.scenarios.consequences`. Every text from the data is escaped.
"""
from __future__ import annotations

import streamlit as st

from geo import map as mapview
from geo.data.layers import load_atlas
from geo.analysis.quotes import attributed
from ui.state import md_escape, md_inline
from geo.references import shown as as_shown

from pages.shared import ensure_app_shell, quote_md, ref_item_md

ensure_app_shell()  # if this helper module is ever run as a page on its own

COUNTRY_CODE = {"Japan": "JPN", "Russia": "RUS"}


def _num(x: float) -> str:
    return f"{x:,.1f}".removesuffix(".0")


def _km(x: float | None, nd: int = 1) -> str:
    return "n/a" if x is None else f"{x:,.{nd}f} km"


def _km2(x: float | None, nd: int = 1) -> str:
    return "n/a" if x is None else f"{x:,.{nd}f} km²"


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
    st.markdown(mapview.legend_html(mapview.legend(view, load_atlas(), ["straits"] if straits_on else [])), unsafe_allow_html=True)
    cols = st.columns(3)
    help_ = ("Geodesic area (inland water included) among the four islands, Urup, the "
             "northern Kurils and Sakhalin, from the full-resolution OpenStreetMap-derived layer.")
    for col, (code, label) in zip(cols, (("JPN", "Held by Japan"), ("RUS", "Held by Russia"),
                                         ("JOINT", "Undivided (no border)"))):
        col.metric(label, _km2(figs.by_holder[code], 0), help=help_)
    table = ["| Territory | Held by | Area |", "|---|---|---|"]
    for r in figs.rows:
        table.append(f"| {md_inline(r.label)} | {md_inline(mapview.holder_word(r.holder))} | "
                     f"{_km2(r.km2, 0)} |")
    st.markdown("\n".join(table))
    st.caption("Other land is coloured by today's borders. Russia stands for the Russian "
               "Empire (to 1917) and the Soviet Union (1922–1991). The 1855 and 1875 lines are "
               "illustrative: those treaties name the islands, not a line.")
    st.markdown("**Defining events**")
    for e in entries:
        event_block(e)


def viewpoint_panel(view, figs, corpus, straits_on: bool) -> None:
    """A point of view (one side's maps, or who administers): what it shows and whose
    convention it is, areas by how it shows them, its references and quotes."""
    st.markdown("##### What this view shows")
    st.markdown(md_escape(view.description))
    st.markdown(mapview.legend_html(mapview.legend(view, load_atlas(), ["straits"] if straits_on else [])), unsafe_allow_html=True)
    shown = [c for c in ("JPN", "RUS", "UND") if figs.by_holder.get(c)]
    help_ = ("Geodesic area (inland water included) among the four islands, Urup, the "
             "northern Kurils and Sakhalin, from the full-resolution OpenStreetMap-derived layer.")
    for col, code in zip(st.columns(max(len(shown), 1)), shown):
        col.metric(view.short_words(code), _km2(figs.by_holder[code], 0), help=help_)
    table = ["| Territory | In this view | Area |", "|---|---|---|"]
    for r in figs.rows:
        table.append(f"| {md_inline(r.label)} | {md_inline(view.short_words(r.holder))} | "
                     f"{_km2(r.km2, 0)} |")
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


def _names_block(card, names: str) -> None:
    n = card.names
    rows = {"ja": ("Japanese", f"{n.ja_script} ({n.ja_romaji})"),
            "ru": ("Russian", f"{n.ru_script} ({n.ru_translit})")}
    order = ["ru", "ja"] if names == "ru" else ["ja", "ru"]
    lines = [f"**{rows[k][0]}:** {md_escape(rows[k][1])}" for k in order]
    lines.append(f"**English:** {md_escape(', '.join(n.en))}")
    st.markdown("  \n".join(lines))


def _status_block(card, feature, scenario, gaz, names: str) -> None:
    lines = []
    if card.part_of:
        lines.append(f"**Part of:** {md_escape(mapview.heading(gaz.get(card.part_of), names))}")
    if card.members:
        lines.append("**Made up of:** " + md_escape(", ".join(
            mapview.heading(gaz.get(m), names) for m in card.members)))
    if card.administered_by or card.admin_unit:
        who = " — ".join(x for x in (card.administered_by, card.admin_unit) if x)
        lines.append(f"**Administered by:** {md_escape(who)}")
    if card.claimed_by:
        unit = f" — {card.claim_unit}" if card.claim_unit else ""
        lines.append(f"**Claimed by:** {md_escape(', '.join(card.claimed_by) + unit)}")
    if card.disputed:
        lines.append("**Status today:** disputed")
    status = mapview.status_text(feature, scenario, gaz)
    if status and scenario.id != "today":
        lines.append(f"**In this scenario:** {md_escape(status)}")
    if lines:
        st.markdown("  \n".join(lines))
    if card.note:
        st.caption(md_escape(card.note))


def _figures_block(card) -> None:
    facts = []
    if card.area_km2 is not None:
        land = (f"; land alone {_km2(card.land_area_km2)}"
                if card.land_area_km2 is not None and abs(card.land_area_km2 - card.area_km2) > 0.05
                else "")
        facts.append(f"**Area (computed):** {_km2(card.area_km2)} incl. inland water{land}")
    if card.strait_width_km is not None:
        facts.append(f"**Width at the narrows:** {_km(card.strait_width_km)}")
    if card.distance_from_hokkaido_km is not None:
        facts.append(f"**Distance from Hokkaido:** {_km(card.distance_from_hokkaido_km)} "
                     "(coast to coast)")
    if card.distance_from_cape_nosappu_km is not None:
        facts.append(f"**Distance from Cape Nosappu:** {_km(card.distance_from_cape_nosappu_km)}")
    if facts:
        st.markdown("  \n".join(facts))
    lines = []
    for label, fig in (("with islets", card.official_area.with_islets),
                       ("main island", card.official_area.main_island)):
        if fig is not None:
            note = f" ({fig.note})" if fig.note else ""
            lines.append(md_escape(f"Official area, {label}: {_num(fig.value)} km²{note}. "
                                   f"Source: {fig.reference.title}, {fig.reference.publisher}"))
    for label, fig in (("Japanese residents", card.population.japanese_1945),
                       ("Residents", card.population.current)):
        if fig is not None:
            note = f" ({fig.note})" if fig.note else ""
            lines.append(md_escape(f"{label} on {fig.date}: {fig.value:,}{note}. "
                                   f"Source: {fig.reference.title}, {fig.reference.publisher}"))
    if lines:
        st.markdown("  \n".join(f"- {x}" for x in lines))


OPEN_SIDES = "_open_quote_sides"


def _remember_side(key: str) -> None:
    """An expander of quotes was opened or closed: remember it for the next card."""
    open_sides = st.session_state.setdefault(OPEN_SIDES, set())
    if st.session_state.get(key):
        open_sides.add(key)
    else:
        open_sides.discard(key)


def _annotations_block(card, gaz, names: str) -> None:
    total = card.annotation_count
    st.markdown(f"**What the sources say about it** ({total} quote{'s' if total != 1 else ''}, "
                "filed by whose position each expresses; see About for the rule)")
    if not total:
        st.caption("No statement in the documents concerns this feature by itself.")
    _side_groups(card.annotations, "quotes")
    n = card.group_annotation_count
    if n:
        groups = ", ".join(mapview.heading(gaz.get(g), names) for g in card.groups
                           if any(g in e.via for e in card.all_group_annotations()))
        st.markdown(md_escape(f"About the groups it belongs to ({n} quote"
                              f"{'s' if n != 1 else ''}): {groups}"))
        _side_groups(card.group_annotations, "group_quotes")


def _side_groups(side_groups, prefix: str) -> None:
    open_sides = st.session_state.setdefault(OPEN_SIDES, set())
    for side in side_groups:
        # Drawn only while open (a click redraws the card without every quote). The
        # label (with its count) changes from feature to feature, which makes a new
        # expander: the open sides are remembered so that a group stays open from one
        # feature to the next, for comparing.
        key = f"{prefix}_{side.side}"
        box = st.expander(f"{side.label} ({side.count})", expanded=key in open_sides,
                          key=key, on_change=_remember_side, args=(key,))
        if not box.open:
            continue
        with box:
            for topic in side.topics:  # one Markdown block per topic: fewer elements to draw
                blocks = [f"**{md_escape(topic.label)}**"]
                blocks += [quote_md(e, e.via) for e in topic.annotations]
                st.markdown("\n\n".join(blocks))


def feature_panel(card, feature, scenario, names: str, gaz, nearest_base=None) -> None:
    """``nearest_base``: (label, km) of the nearest US base in Japan, for a disputed island."""
    st.subheader(md_inline(mapview.heading(feature, names)), anchor=False)
    _names_block(card, names)
    _status_block(card, feature, scenario, gaz, names)
    _figures_block(card)
    if nearest_base is not None:
        label, km = nearest_base
        st.markdown(f"**Nearest US base in Japan:** {md_escape(label)}, "
                    f"{md_escape(_km(km, 0))} (geodesic, coast to base)")
    _annotations_block(card, gaz, names)


def sea_panel(scenario, areas: dict[str, float], gains: dict[str, float]) -> None:
    """Sea within 200 nm per state under the scenario, and the change against today."""
    from geo.analysis.median_line import LIMIT_NM, REGION, RESOLUTION_M

    st.markdown("##### Sea division (median line)")
    st.warning(mapview.SEA_DISCLAIMER, icon=":material/info:")
    cols = st.columns(2)
    for col, code in zip(cols, ("JPN", "RUS")):
        gain = gains[code]
        delta = None if scenario.id == "today" else f"{gain:+,.0f} km² vs today"
        col.metric(f"Sea within {LIMIT_NM:g} nm: {mapview.country(code)}",
                   f"{areas[code]:,.0f} km²", delta=delta, delta_color="off",
                   help="Sea nearer this state's land than the other's, within the limit and "
                        "the region; ellipsoidal area (equal-area projection).")
    lon0, lat0, lon1, lat1 = REGION
    st.caption(md_escape(
        f"Region used: {lon0:g}–{lon1:g}°E, {lat0:g}–{lat1:g}°N (Hokkaido, northern Honshu, "
        "the four islands, the Kurils up to about Onekotan, southern Sakhalin); sea outside "
        f"it is left out. Coasts from the OpenStreetMap-derived layer, sampled every "
        f"{RESOLUTION_M / 1000:g} km; the map draws the zones simplified to about 1 km. "
        "Third states are left out."))


def okhotsk_panel(scenario, rows, area_km2: float) -> None:
    """Which passages between the Sea of Okhotsk and the Pacific have a Japanese shore
    under the scenario (geo.seas.GateShores rows); the Sea of Japan gates apart."""
    st.markdown("##### The Sea of Okhotsk and its gates")
    st.markdown(mapview.legend_html([
        mapview.LegendItem(mapview.GATE_COLOUR[True], False,
                           "Solid: a gate with a Japanese shore in this view", line=True),
        mapview.LegendItem(mapview.GATE_COLOUR[False], True,
                           "Dotted: no Japanese shore", line=True)]), unsafe_allow_html=True)
    pacific = [r for r in rows if r.gate.leads_to == "pacific-ocean"]
    jp = [r for r in pacific if r.japanese]
    st.markdown(md_escape(f"{scenario.short_title}: {len(jp)} of the {len(pacific)} passages "
                          "to the Pacific have a Japanese shore."))
    table = ["| Passage | Width | Shores (holder) | Japanese shore |", "|---|---|---|---|"]
    for r in rows:
        g = r.gate
        shores = " · ".join(f"{n or 'unnamed island'}: {mapview.holder_word(h)}"
                            for n, h in zip(g.shore_names, r.holders))
        to = " (to the Sea of Japan)" if g.leads_to == "sea-of-japan" else ""
        table.append(f"| {md_inline(g.name + to)} | {g.width_km:,.1f} km | {md_inline(shores)} "
                     f"| {'**yes**' if r.japanese else 'no'} |")
    st.markdown("\n".join(table))
    st.caption(md_escape(
        f"Gates at their narrows, computed from the OpenStreetMap-derived coastline; the sea "
        f"as outlined covers about {area_km2:,.0f} km² (closed along 60°N, so smaller than "
        "the usual figure of about 1.58 million km²). The map draws the outline simplified."))


def scenario_panel(scenario, cons, corpus, gaz, straits_on: bool) -> None:
    st.markdown("##### What this scenario means")
    st.markdown(md_escape(scenario.description))
    st.markdown(mapview.legend_html(mapview.legend(scenario, load_atlas(), ["straits"] if straits_on else [])),
                unsafe_allow_html=True)  # built from the app's constants, texts escaped
    top, bottom = st.columns(2), st.columns(2)
    top[0].metric("Land held by Japan", _km2(cons.land_km2["JPN"]),
                  help="Land area among the four islands (inland water excluded), geodesic, "
                       "from the OpenStreetMap-derived layer.")
    top[1].metric("Land held by Russia", _km2(cons.land_km2["RUS"]))
    bottom[0].metric("Changes hands vs today", f"{cons.share_changing:.1%}",
                     help=f"{_km2(cons.changing_land_km2)} of the four islands' "
                          f"{_km2(cons.total_land_km2)} of land.")
    bottom[1].metric("Population affected", f"{cons.population_affected:,}",
                     help="Current residents of the islands that change hands.")
    if cons.population:
        parts = [f"{gaz.get(p.feature).label_en} {p.value:,}"
                 + (f" ({p.note})" if p.note else "") for p in cons.population]
        refs = sorted({(p.date, p.ref_title, p.ref_publisher) for p in cons.population})
        st.caption(md_escape(f"Residents: {'; '.join(parts)}. As of "
                             + "; ".join(f"{d}, {t} ({pub})" for d, t, pub in refs) + "."))
    elif scenario.id != "today":
        st.caption("No island changes hands in this scenario.")
    rows = [s for s in cons.straits if s.touches_disputed]
    if rows:
        st.markdown("**Straits next to the islands: who holds each shore**")
        table = ["| Strait | Narrows | Shores | Change vs today |", "|---|---|---|---|"]
        for s in rows:
            shores = " · ".join(f"{gaz.get(f).label_en}: {mapview.country(h)}" for f, h in s.shores)
            table.append(f"| {md_inline(s.name)} | {s.width_km:,.1f} km | {md_inline(shores)} "
                         f"({md_inline(s.status)}) | {'yes' if s.changed else 'no'} |")
        st.markdown("\n".join(table))
    st.markdown("**Defining sources**")
    st.markdown("\n\n".join(quote_md(attributed(corpus, aid)) for aid in scenario.sources))
    refs = [as_shown(k, corpus.attribution.references[k]) for k in getattr(scenario, "refs", ())]
    if refs:
        st.markdown("**Each side's position in its own sources**\n\n"
                    + "\n".join(ref_item_md(r) for r in refs))
