"""About page: method, data provenance, accuracy and the neutrality statement."""
from __future__ import annotations

import streamlit as st

from geo import map as geomap
from geo.panels.about import RULE_TITLE, rule_blocks
from ui import data, shell
from ui.keys import PAGE_ABOUT
from ui.markdown import md_escape
from ui.panels.blocks import table_md

shell.ensure_app_shell()

st.title("About this explorer")
st.markdown(
    "This explorer maps the dispute over the islands Japan calls the **Northern Territories** "
    "(北方領土) and Russia the **Southern Kurils** (Южные Курилы): Etorofu/Iturup, "
    "Kunashiri/Kunashir, Shikotan and the Habomai Islands.")

st.header("Neutrality", anchor="neutrality")
st.markdown(
    "The app takes no side. Every claim is attributed to whoever makes it, with the outlet "
    "and date; each feature carries the names both sides use, in their own scripts. "
    "Scenarios show what a position would mean on the map, not whether it is right: "
    "*today* is the situation on the ground (Russian administration, Japanese claim), the "
    "other views apply the 1956 Joint Declaration's Article 9 or Japan's four-island claim. "
    "Areas, distances and populations are measured or cited, never estimated.")

att = shell.load("the attribution rule", data.attribution)
if att is not None:
    st.header(RULE_TITLE, anchor="rule")
    rule, parties = rule_blocks(att)
    st.markdown(md_escape(rule.text))
    st.markdown(table_md(parties))
    st.markdown(
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
        "none is the app's own view.")
    counts = data.corpus_counts()
    if counts is not None:
        every, own = counts
        st.caption(md_escape("Statements in the corpus, by party (in the speaker's own words, "
                             "not reported): " + "; ".join(
            f"{att.parties[p].label} {n} ({own[p]})" for p, n in every.items()) + ". The "
            "evidence is one-sided: the five documents are partisan, four of them blame the "
            "United States for the impasse, and the governments are quoted in their own words "
            "unequally."))

st.header("Method", anchor="method")
st.markdown(
    "- Coastlines come from OpenStreetMap-derived land polygons; each feature is found by "
    "anchor points listed in the gazetteer (`data/gazetteer.yaml`), nothing is drawn by hand.\n"
    "- Areas are geodesic on the WGS84 ellipsoid (pyproj); strait widths are the shortest "
    "line between the two coasts, measured geodesically; distances are coast to coast.\n"
    "- Scenario figures (land per state, share changing hands, population affected, strait "
    "shores) are computed from those layers and the gazetteer's cited population figures.\n"
    "- The map runs offline: Leaflet is served by the app, the geometry is a file of the "
    "app; an online basemap is an opt-in extra.\n"
    "- The sea division overlay splits the sea within 200 nautical miles by equidistance "
    "(every sea point goes to the nearer coast) in a fixed region: an illustration of the "
    "method, not a legal boundary: no baselines, no agreed lines, no weighting of small "
    "islands.\n"
    "- For use without the app, `python -m geo.export atlas atlas.html` writes the static "
    "explorer: one self-contained HTML page with the map under every view, each feature's "
    "card with its quotes and each view's figures, the same texts as the app's, that "
    "makes no network request (for any static host).")
notes = data.method_notes()
if notes:
    st.markdown("How each computation works, its error bounds and the alternatives "
                "considered (the project's `docs/method/` notes):")
    for title, body in notes:
        with st.expander(title):
            st.markdown(body)  # the project's own notes, not data

prov = shell.load("the provenance file", data.provenance)
if prov is not None:
    ds = prov.dataset
    st.header("Data and licence", anchor="data")
    rows = [("Dataset", ds.name), ("Package", ds.package), ("Derived from", ds.derived_from),
            ("Licence", ds.licence), ("Attribution", ds.attribution),
            ("Homepage", ds.homepage), ("Integrity", ds.integrity),
            ("Rebuild", prov.build_command)]
    st.markdown("  \n".join(f"**{k}:** {md_escape(str(v))}" for k, v in rows if v))
    st.caption("Map data © OpenStreetMap contributors, available under the Open Database "
               "Licence (ODbL).")
    with st.expander("How the layers were built"):
        st.markdown("\n".join(f"- {md_escape(m)}" for m in prov.method))

    av = prov.areas_vs_official_survey
    st.header("Computed areas against the official survey", anchor="areas")
    st.markdown(md_escape(av.note))
    table = ["| Feature | Computed km² | Land only km² | Official km² | Difference |",
             "|---|---:|---:|---:|---:|"]
    for fid, r in av.islands.items():
        official, diff = r.official, r.difference
        table.append(f"| {md_escape(fid)} | {r.computed_km2:,.2f} | {r.land_only_km2:,.2f} | "
                     f"{'' if official is None else f'{official:,.1f}'} | "
                     f"{'' if diff is None else f'{diff:+.2f} %'} |")
    st.markdown("\n".join(table))

    simp = prov.display_simplification
    st.header("Simplification for display", anchor="simplification")
    st.markdown(md_escape(simp.note))
    tol, worst = simp.tolerance_degrees, simp.largest_vertex_deviation_m
    st.markdown(md_escape(
        f"Tolerances (degrees): disputed islands {tol.get('disputed')}, nearby land "
        f"{tol.get('near')}, context land {tol.get('context')}. Largest outline deviation: "
        f"{worst.metres:,.0f} m ({worst.feature})."))
    table = ["| Feature | Tier | Vertices (full → display) | Area change | Max deviation |",
             "|---|---|---:|---:|---:|"]
    for fid, r in simp.features.items():
        table.append(f"| {md_escape(fid)} | {md_escape(r.tier)} | "
                     f"{r.vertices_full} → {r.vertices_display} | "
                     f"{r.area_change_pct} % | {r.max_deviation_m:,.0f} m |")
    with st.expander("Per feature"):
        st.markdown("\n".join(table))
    st.markdown(md_escape(
        f"In the browser, land away from the islands is generalised further (parts under "
        f"{geomap.display.MIN_PART_KM2:g} km² dropped, tolerance {geomap.display.FAR_TOLERANCE_DEG}° far "
        f"away, {geomap.display.NEAR_TOLERANCE_DEG}° for Hokkaido, Sakhalin and the northern Kurils); "
        "the four islands are drawn as shipped. Measures always use the full-resolution layer."))

    if prov.known_limits:
        st.header("Known limits", anchor="limits")
        st.markdown("\n".join(f"- {md_escape(x)}" for x in prov.known_limits))
shell.sync_query(PAGE_ABOUT)
