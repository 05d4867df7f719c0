"""A feature's card: names, status, figures, nearest US base, what the sources say."""
from __future__ import annotations

import streamlit as st

from geo.views.present import BASELINE
from geo import map as geomap
from ui import keys
from ui.markdown import km, km2, md_escape, md_inline, num, quote_md

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
        lines.append(f"**Part of:** {md_escape(geomap.heading(gaz.get(card.part_of), names))}")
    if card.members:
        lines.append("**Made up of:** " + md_escape(", ".join(
            geomap.heading(gaz.get(m), names) for m in card.members)))
    if card.administered_by or card.admin_unit:
        who = " — ".join(x for x in (card.administered_by, card.admin_unit) if x)
        lines.append(f"**Administered by:** {md_escape(who)}")
    if card.claimed_by:
        unit = f" — {card.claim_unit}" if card.claim_unit else ""
        lines.append(f"**Claimed by:** {md_escape(', '.join(card.claimed_by) + unit)}")
    if card.disputed:
        lines.append("**Status today:** disputed")
    status = geomap.status_text(feature, scenario, gaz)
    if status and scenario.id != BASELINE:
        lines.append(f"**In this scenario:** {md_escape(status)}")
    if lines:
        st.markdown("  \n".join(lines))
    if card.note:
        st.caption(md_escape(card.note))


def _figures_block(card) -> None:
    facts = []
    if card.area_km2 is not None:
        land = f"; land alone {km2(card.land_area_km2)}" if card.land_area_shown else ""
        facts.append(f"**Area (computed):** {km2(card.area_km2)} incl. inland water{land}")
    if card.strait_width_km is not None:
        facts.append(f"**Width at the narrows:** {km(card.strait_width_km)}")
    if card.distance_from_hokkaido_km is not None:
        facts.append(f"**Distance from Hokkaido:** {km(card.distance_from_hokkaido_km)} "
                     "(coast to coast)")
    # from Cape Nosappu: the computed figure and, beside it, the official one (its source
    # and its note, why the two differ, in the cited list below)
    computed, official = card.distance_from_cape_nosappu_km, card.official_distance_from_nosappu
    to = f", to {official.to}" if official is not None and official.to else ""
    shown = ([f"{km(computed)} computed"] if computed is not None else []) + (
        [f"{km(official.value)} official{to}"] if official is not None else [])
    if shown:
        facts.append(f"**Distance from Cape Nosappu:** {md_escape('; '.join(shown))}")
    if facts:
        st.markdown("  \n".join(facts))
    cited = [(f"Official area, {label}", fig, f"{num(fig.value)} km²")
             for label, fig in (("with islets", card.official_area.with_islets),
                                ("main island", card.official_area.main_island)) if fig is not None]
    if official is not None:
        cited.append((f"Official distance from Cape Nosappu{to}", official, km(official.value)))
    cited += [(f"{label} on {fig.date}", fig, f"{fig.value:,}")
              for label, fig in (("Japanese residents", card.population.japanese_1945),
                                 ("Residents", card.population.current)) if fig is not None]
    lines = [md_escape(f"{what}: {value}{f' ({fig.note})' if fig.note else ''}. "
                       f"Source: {fig.reference.title}, {fig.reference.publisher}")
             for what, fig, value in cited]
    if lines:
        st.markdown("  \n".join(f"- {x}" for x in lines))


def _remember_side(key: str) -> None:
    """An expander of quotes was opened or closed: remember it for the next card."""
    open_sides = st.session_state.setdefault(keys.OPEN_SIDES, set())
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
    _side_groups(card.annotations, keys.QUOTES)
    n = card.group_annotation_count
    if n:
        groups = ", ".join(geomap.heading(gaz.get(g), names) for g in card.groups
                           if any(g in e.via for e in card.all_group_annotations()))
        st.markdown(md_escape(f"About the groups it belongs to ({n} quote"
                              f"{'s' if n != 1 else ''}): {groups}"))
        _side_groups(card.group_annotations, keys.GROUP_QUOTES)


def _side_groups(side_groups, family: keys.Family) -> None:
    open_sides = st.session_state.setdefault(keys.OPEN_SIDES, set())
    for side in side_groups:
        # Drawn only while open (a click redraws the card without every quote). The
        # label (with its count) changes from feature to feature, which makes a new
        # expander: the open sides are remembered so that a group stays open from one
        # feature to the next, for comparing.
        key = family.of(side.side)
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
    st.subheader(md_inline(geomap.heading(feature, names)), anchor=False)
    _names_block(card, names)
    _status_block(card, feature, scenario, gaz, names)
    _figures_block(card)
    if nearest_base is not None:
        label, dist = nearest_base
        st.markdown(f"**Nearest US base in Japan:** {md_escape(label)}, "
                    f"{md_escape(km(dist, 0))} (geodesic, coast to base)")
    _annotations_block(card, gaz, names)
