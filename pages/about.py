"""About page: method, data provenance, accuracy and the neutrality statement."""
from __future__ import annotations

import streamlit as st

from geo import map as geomap
from geo.i18n import N_, text_in
from geo.panels.about import RULE_TITLE, rule_blocks
from ui import data, shell
from ui.keys import PAGE_ABOUT
from ui.lang import lang, tr
from ui.markdown import md_escape
from ui.panels.blocks import table_md

shell.ensure_app_shell()

_ = tr()
LANG = lang()

# The method, one item per message (each a paragraph for the translators).
METHOD = (
    N_("Coastlines come from OpenStreetMap-derived land polygons; each feature is found by "
       "anchor points listed in the gazetteer (`data/gazetteer.yaml`), nothing is drawn by "
       "hand."),
    N_("Areas are geodesic on the WGS84 ellipsoid (pyproj); strait widths are the shortest "
       "line between the two coasts, measured geodesically; distances are coast to coast."),
    N_("Scenario figures (land per state, share changing hands, population affected, strait "
       "shores) are computed from those layers and the gazetteer's cited population figures."),
    N_("The map runs offline: Leaflet is served by the app, the geometry is a file of the "
       "app; an online basemap is an opt-in extra."),
    N_("The sea division overlay splits the sea within 200 nautical miles by equidistance "
       "(every sea point goes to the nearer coast) in a fixed region: an illustration of the "
       "method, not a legal boundary: no baselines, no agreed lines, no weighting of small "
       "islands."),
    N_("For use without the app, `python -m geo.export atlas atlas.html` writes the static "
       "explorer: one self-contained HTML page with the map under every view, each feature's "
       "card with its quotes and each view's figures, the same texts as the app's, that "
       "makes no network request (for any static host)."),
)


def fixed(x: float, nd: int) -> str:
    """A figure with ``nd`` decimals (English as Python writes it: the goldens')."""
    return f"{x:,.{nd}f}" if LANG == "en" else _.num(x, nd)


def signed(x: float, nd: int) -> str:
    return f"{x:+.{nd}f}" if LANG == "en" else ("+" if x >= 0 else "−") + _.num(abs(x), nd)


def percent(x: float) -> str:
    return _("{value} %", value=signed(x, 2))


def header(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


st.title(_("About this explorer"))
st.markdown(_(
    "This explorer maps the dispute over the islands Japan calls the **Northern Territories** "
    "(北方領土) and Russia the **Southern Kurils** (Южные Курилы): Etorofu/Iturup, "
    "Kunashiri/Kunashir, Shikotan and the Habomai Islands."))

st.header(_("Neutrality"), anchor="neutrality")
st.markdown(_(
    "The app takes no side. Every claim is attributed to whoever makes it, with the outlet "
    "and date; each feature carries the names both sides use, in their own scripts. "
    "Scenarios show what a position would mean on the map, not whether it is right: "
    "*today* is the situation on the ground (Russian administration, Japanese claim), the "
    "other views apply the 1956 Joint Declaration's Article 9 or Japan's four-island claim. "
    "Areas, distances and populations are measured or cited, never estimated."))
st.markdown(_(
    "**Languages.** The interface and the project's own texts are in English, Japanese and "
    "Russian. The Japanese and Russian are the project's own translations, written under "
    "the same rules as the English (each side's position in the same form, every "
    "statement attributed); they have not yet been reviewed by native speakers. Quotes "
    "are never translated: each is shown in its document's language."))

att = shell.load(N_("the attribution rule"), data.attribution)
if att is not None:
    st.header(_(RULE_TITLE), anchor="rule")
    rule, parties = rule_blocks(att, lang=LANG)
    st.markdown(md_escape(rule.text))
    st.markdown(table_md(parties))
    st.markdown(_(
        "Each speaker and each outlet is described by verifiable facts with a reference "
        "(office, institution, publisher, owner, funding); a government's description of an "
        "outlet is given as that government's statement, never as fact. Each quote records "
        "when it was said or published and, where it looks back, the date it is about "
        "(\"said 2022-03-21\", \"published 2023 · about 1945\" for an author's own "
        "words). Where the app adds a correction or a missing fact, it "
        "is an editor's note beside the quote, with its reference, never inside the quote "
        "marks. A statement about the four islands as a group is shown on the group and, "
        "folded, after each island's own statements. The points of view (Japan's official "
        "map convention, Russia's maps, the de facto administration) are map views that "
        "show how each side draws the region, each with the reference that states it; "
        "none is the app's own view."))
    counts = data.corpus_counts()
    if counts is not None:
        every, own = counts
        st.caption(md_escape(_(
            "Statements in the corpus, by party (in the speaker's own words, not reported): "
            "{counts}. The evidence is one-sided: the five documents are partisan, four of "
            "them blame the United States for the impasse, and the governments are quoted in "
            "their own words unequally.", counts=_("; ").join(
                _("{party} {n} ({own})", party=text_in(att.parties[p].label, LANG),
                  n=_.num(n), own=_.num(own[p])) for p, n in every.items()))))

st.header(_("Method"), anchor="method")
st.markdown("\n".join("- " + _(item) for item in METHOD))
notes = data.method_notes(LANG)
if notes:
    st.markdown(_("How each computation works, its error bounds and the alternatives "
                  "considered (the project's `docs/method/` notes):"))
    for title, body in notes:
        with st.expander(title):
            st.markdown(body)  # the project's own notes, not data

prov = shell.load(N_("the provenance file"), data.provenance)
if prov is not None:
    ds = prov.dataset
    st.header(_("Data and licence"), anchor="data")
    rows = [(_("Dataset"), ds.name), (_("Package"), ds.package),
            (_("Derived from"), ds.derived_from), (_("Licence"), ds.licence),
            (_("Attribution"), ds.attribution), (_("Homepage"), ds.homepage),
            (_("Integrity"), ds.integrity), (_("Rebuild"), prov.build_command)]
    st.markdown("  \n".join(f"**{k}:** {md_escape(str(v))}" for k, v in rows if v))
    st.caption(_("Map data © OpenStreetMap contributors, available under the Open Database "
                 "Licence (ODbL)."))
    with st.expander(_("How the layers were built")):
        st.markdown("\n".join(f"- {md_escape(_(m))}" for m in prov.method))

    av = prov.areas_vs_official_survey
    st.header(_("Computed areas against the official survey"), anchor="areas")
    st.markdown(md_escape(_(av.note)))
    table = [header(_("Feature"), _("Computed km²"), _("Land only km²"), _("Official km²"),
                    _("Difference")),
             "|---|---:|---:|---:|---:|"]
    for fid, r in av.islands.items():
        official, diff = r.official, r.difference
        table.append(f"| {md_escape(fid)} | {fixed(r.computed_km2, 2)} | "
                     f"{fixed(r.land_only_km2, 2)} | "
                     f"{'' if official is None else fixed(official, 1)} | "
                     f"{'' if diff is None else percent(diff)} |")
    st.markdown("\n".join(table))

    simp = prov.display_simplification
    st.header(_("Simplification for display"), anchor="simplification")
    st.markdown(md_escape(_(simp.note)))
    tol, worst = simp.tolerance_degrees, simp.largest_vertex_deviation_m
    st.markdown(md_escape(_(
        "Tolerances (degrees): disputed islands {disputed}, nearby land {near}, context land "
        "{context}. Largest outline deviation: {metres} m ({feature}).",
        disputed=tol.get("disputed"), near=tol.get("near"), context=tol.get("context"),
        metres=fixed(worst.metres, 0), feature=worst.feature)))
    tiers = {"disputed": _.pgettext("simplification tier", "disputed"),
             "near": _.pgettext("simplification tier", "near"),
             "context": _.pgettext("simplification tier", "context")}
    table = [header(_("Feature"), _("Tier"), _("Vertices (full → display)"), _("Area change"),
                    _("Max deviation")),
             "|---|---|---:|---:|---:|"]
    for fid, r in simp.features.items():
        change = _("{value} %", value=r.area_change_pct)
        deviation = _("{value} m", value=fixed(r.max_deviation_m, 0))
        table.append(f"| {md_escape(fid)} | {md_escape(tiers.get(r.tier, r.tier))} | "
                     f"{r.vertices_full} → {r.vertices_display} | {change} | {deviation} |")
    with st.expander(_("Per feature")):
        st.markdown("\n".join(table))
    st.markdown(md_escape(_(
        "In the browser, land away from the islands is generalised further (parts under "
        "{min_km2} km² dropped, tolerance {far}° far away, {near}° for Hokkaido, Sakhalin and "
        "the northern Kurils); the four islands are drawn as shipped. Measures always use the "
        "full-resolution layer.", min_km2=f"{geomap.display.MIN_PART_KM2:g}",
        far=geomap.display.FAR_TOLERANCE_DEG, near=geomap.display.NEAR_TOLERANCE_DEG)))

    if prov.known_limits:
        st.header(_("Known limits"), anchor="limits")
        st.markdown("\n".join(f"- {md_escape(_(x))}" for x in prov.known_limits))
shell.sync_query(PAGE_ABOUT)
