"""The panels of the overlays that have one (Overlay.panel): sea division, Sea of Okhotsk."""
from __future__ import annotations

import streamlit as st

from geo.analysis.median_line import LIMIT_NM, REGION, RESOLUTION_M
from geo.analysis.okhotsk import SEA_OF_JAPAN, pacific_with_japanese_shore
from geo.views.present import BASELINE
from geo import map as geomap
from ui.markdown import md_escape, md_inline


def sea_panel(scenario, areas: dict[str, float], gains: dict[str, float]) -> None:
    """Sea within 200 nm per state under the scenario, and the change against today."""
    st.markdown("##### Sea division (median line)")
    st.warning(geomap.SEA_DISCLAIMER, icon=":material/info:")
    cols = st.columns(2)
    for col, code in zip(cols, ("JPN", "RUS")):
        gain = gains[code]
        delta = None if scenario.id == BASELINE else f"{gain:+,.0f} km² vs today"
        col.metric(f"Sea within {LIMIT_NM:g} nm: {geomap.country(code)}",
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
    under the scenario (geo.analysis.okhotsk.GateShores rows); the Sea of Japan gates apart."""
    st.markdown("##### The Sea of Okhotsk and its gates")
    st.markdown(geomap.legend_html([
        geomap.LegendItem(geomap.GATE_COLOUR[True], False,
                           "Solid: a gate with a Japanese shore in this view", line=True),
        geomap.LegendItem(geomap.GATE_COLOUR[False], True,
                           "Dotted: no Japanese shore", line=True)]), unsafe_allow_html=True)
    jp, pacific = pacific_with_japanese_shore(rows)
    verb = "has" if jp == 1 else "have"
    st.markdown(md_escape(f"{scenario.short_title}: {jp} of the {pacific} passages "
                          f"to the Pacific {verb} a Japanese shore."))
    table = ["| Passage | Width | Shores (holder) | Japanese shore |", "|---|---|---|---|"]
    for r in rows:
        g = r.gate
        shores = " · ".join(f"{n or 'unnamed island'}: {geomap.holder_word(h)}"
                            for n, h in zip(g.shore_names, r.holders))
        to = " (to the Sea of Japan)" if g.leads_to == SEA_OF_JAPAN else ""
        table.append(f"| {md_inline(g.name + to)} | {g.width_km:,.1f} km | {md_inline(shores)} "
                     f"| {'**yes**' if r.japanese else 'no'} |")
    st.markdown("\n".join(table))
    st.caption(md_escape(
        f"Gates at their narrows, computed from the OpenStreetMap-derived coastline; the sea "
        f"as outlined covers about {area_km2:,.0f} km² (closed along 60°N, so smaller than "
        "the usual figure of about 1.58 million km²). The map draws the outline simplified."))


# The panel of each overlay that has one (geo.map.overlays.base.Overlay.panel).
OVERLAY_PANELS = {"sea": sea_panel, "okhotsk": okhotsk_panel}
