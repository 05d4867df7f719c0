"""The panels of the overlays that have one (Overlay.panel): sea division, Sea of Okhotsk."""
from __future__ import annotations

import streamlit as st

from geo.analysis.median_line import LIMIT_NM, REGION, RESOLUTION_M
from geo.analysis.okhotsk import SEA_OF_JAPAN, gate_name, pacific_with_japanese_shore, shore_names
from geo.i18n import text_in, translator
from geo.views.present import BASELINE
from geo import map as geomap
from ui.lang import lang as session_lang
from ui.markdown import md_escape, md_inline


def sea_panel(scenario, areas: dict[str, float], gains: dict[str, float], *,
              lang: str | None = None) -> None:
    """Sea within 200 nm per state under the scenario, and the change against today; in
    ``lang`` (the session's if None)."""
    lang = lang or session_lang()
    _ = translator(lang)
    st.markdown("##### " + _("Sea division (median line)"))
    st.warning(_(geomap.SEA_DISCLAIMER), icon=":material/info:")
    cols = st.columns(2)
    for col, code in zip(cols, ("JPN", "RUS")):
        gain = gains[code]
        delta = (None if scenario.id == BASELINE else
                 _("{change} km² vs today", change=("+" if gain >= 0 else "−" if lang != "en"
                                                     else "-") + _.num(abs(gain))))
        label = (_("Sea within {limit} nm: Japan", limit=f"{LIMIT_NM:g}") if code == "JPN" else
                 _("Sea within {limit} nm: Russia", limit=f"{LIMIT_NM:g}"))
        col.metric(label, _("{area} km²", area=_.num(areas[code])), delta=delta,
                   delta_color="off",
                   help=_("Sea nearer this state's land than the other's, within the limit "
                          "and the region; ellipsoidal area (equal-area projection)."))
    lon0, lat0, lon1, lat1 = REGION
    st.caption(md_escape(_(
        "Region used: {lon0}–{lon1}°E, {lat0}–{lat1}°N (Hokkaido, northern Honshu, the four "
        "islands, the Kurils up to about Onekotan, southern Sakhalin); sea outside it is "
        "left out. Coasts from the OpenStreetMap-derived layer, sampled every {step} km; "
        "the map draws the zones simplified to about 1 km. Third states are left out.",
        lon0=f"{lon0:g}", lon1=f"{lon1:g}", lat0=f"{lat0:g}", lat1=f"{lat1:g}",
        step=f"{RESOLUTION_M / 1000:g}")))


def okhotsk_panel(scenario, rows, area_km2: float, *, lang: str | None = None,
                  names: str | None = None, gaz=None) -> None:
    """Which passages between the Sea of Okhotsk and the Pacific have a Japanese shore
    under the scenario (geo.analysis.okhotsk.GateShores rows); the Sea of Japan gates
    apart; in ``lang`` (the session's if None), places in the names convention
    ``names`` (with the gazetteer ``gaz``)."""
    lang = lang or session_lang()
    _ = translator(lang)
    st.markdown("##### " + _("The Sea of Okhotsk and its gates"))
    st.markdown(geomap.legend_html([
        geomap.LegendItem(geomap.GATE_COLOUR[True], False,
                          _("Solid: a gate with a Japanese shore in this view"), line=True),
        geomap.LegendItem(geomap.GATE_COLOUR[False], True,
                          _("Dotted: no Japanese shore"), line=True)]), unsafe_allow_html=True)
    jp, pacific = pacific_with_japanese_shore(rows)
    st.markdown(md_escape(_.ngettext(
        "{view}: {n} of the {total} passages to the Pacific has a Japanese shore.",
        "{view}: {n} of the {total} passages to the Pacific have a Japanese shore.", jp,
        view=text_in(scenario.short_title, lang), total=_.num(pacific))))
    table = ["| " + " | ".join((_("Passage"), _("Width"), _("Shores (holder)"),
                                _("Japanese shore"))) + " |", "|---|---|---|---|"]
    for r in rows:
        g = r.gate
        shores = " · ".join(_("{island}: {holder}", island=n or _("unnamed island"),
                              holder=geomap.holder_word(h, lang))
                            for n, h in zip(shore_names(g, lang, names, gaz), r.holders))
        gate = gate_name(g, lang, names, gaz)
        name = (_("{gate} (to the Sea of Japan)", gate=gate) if g.leads_to == SEA_OF_JAPAN
                else gate)
        width = _("{width} km", width=_.num(g.width_km, 1))
        japanese = _("**yes**") if r.japanese else _("no")
        table.append(f"| {md_inline(name)} | {width} | {md_inline(shores)} | {japanese} |")
    st.markdown("\n".join(table))
    st.caption(md_escape(_(
        "Gates at their narrows, computed from the OpenStreetMap-derived coastline; the sea "
        "as outlined covers about {area} km² (closed along 60°N, so smaller than the usual "
        "figure of about {usual} million km²). The map draws the outline simplified.",
        area=_.num(area_km2), usual=_.num(1.58, 2))))


# The panel of each overlay that has one (geo.map.overlays.base.Overlay.panel).
OVERLAY_PANELS = {"sea": sea_panel, "okhotsk": okhotsk_panel}
