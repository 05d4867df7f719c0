"""The layers' provenance (``data/provenance.yaml``): the source dataset, its licence
and integrity, how each feature was identified, and the build's checks and measures.
"""
from __future__ import annotations

from pathlib import Path

import shapely
from shapely.geometry import Point

from geo.data.gazetteer import Gazetteer
from geo.data.loading import dump_yaml
from geo.measure import area_km2, fill_holes, gross_area_km2, max_deviation_m, narrows
from geo.build.identify import Assignment
from geo.build.layers import TOLERANCE, Layers
from geo.build.context import WIDE_BBOX, WIDE_MIN_KM2, WIDE_TOLERANCE
from geo.build.source import BBOX, NPM_INTEGRITY, NPM_PACKAGE, NPM_VERSION, SOURCE_MEMBER
from geo.data.provenance import PROVENANCE_FILE
from geo.i18n import N_  # the texts shown on the About page: translated there


# --- Provenance ---------------------------------------------------------------

DATASET = {
    "name": "countries-land-10m (geo-maps)",
    "package": f"npm {NPM_PACKAGE}@{NPM_VERSION}",
    "integrity": NPM_INTEGRITY,
    "file": SOURCE_MEMBER,
    "derived_from": "OpenStreetMap (land polygons, split by country)",
    "licence": "Open Data Commons Open Database License (ODbL) 1.0 for the data; "
               "MIT for the package's code",
    "attribution": "© OpenStreetMap contributors",
    "homepage": "https://github.com/simonepri/geo-maps",
}


def provenance(gaz: Gazetteer, layers: Layers, a: Assignment, st: dict, pl: dict,
               source_name: str) -> dict:
    areas = {}
    for fid in ["etorofu", "kunashiri", "shikotan", "habomai", "suisho", "akiyuri", "yuri",
                "shibotsu", "taraku"]:
        if fid not in gaz:
            continue
        f = gaz.get(fid)
        members = gaz.members(fid)
        geom = shapely.union_all([layers.land[m] for m in members])
        mains = [a.main[m] for m in members if m in a.main and m != "habomai-minor"]
        main_km2 = sum(gross_area_km2(p) for p in mains)
        entry = {"computed_km2": round(gross_area_km2(geom), 2),
                 "computed_main_km2": round(main_km2, 2),
                 "land_only_km2": round(area_km2(geom), 2)}
        oa = f.official_area
        if oa and oa.with_islets:
            entry["official_km2"] = oa.with_islets.km2
            entry["official_ref"] = oa.with_islets.ref
            entry["difference_pct"] = round(
                100 * (entry["computed_km2"] / oa.with_islets.km2 - 1), 2)
        if oa and oa.main_island:
            entry["official_main_km2"] = oa.main_island.km2
            entry["official_main_ref"] = oa.main_island.ref
            entry["main_difference_pct"] = round(100 * (main_km2 / oa.main_island.km2 - 1), 2)
        areas[fid] = entry
    simpl = {}
    for fid in sorted(layers.land):
        full, disp = fill_holes(layers.land[fid]), layers.display[fid]
        simpl[fid] = {
            "tier": layers.tiers[fid],
            "vertices_full": int(shapely.get_num_coordinates(layers.land[fid])),
            "vertices_display": int(shapely.get_num_coordinates(disp)),
            "area_change_pct": round(100 * (area_km2(disp) / area_km2(full) - 1), 3),
            "max_deviation_m": round(max_deviation_m(full, disp), 0),
        }
    worst = max(simpl.items(), key=lambda kv: kv[1]["max_deviation_m"])
    return {
        "title": "Provenance of the map layers",
        "build_command": "python -m geo.build",
        "check_command": "python -m geo.build --check",
        "dataset": DATASET,
        "source_file_read": source_name,
        "region_bbox_lon_lat": list(BBOX),
        "method": [
            N_("The npm tarball is fetched with `npm pack` and verified against its sha512 integrity."),
            N_("Only source features intersecting the region are read (GDAL, bbox filter); "
               "multipolygons are split and self-intersecting rings repaired with make_valid."),
            N_("Each gazetteer feature is found by anchor points (each inside exactly one source "
               "polygon), a region box with country codes, or a clip box cut from a continent."),
            N_("Everything else is context land, merged per country and cut to the region."),
            N_("All polygons are cleaned into one valid coverage (no overlaps, shared edges "
               "identical) and rounded to 6 decimals: this is the full-resolution layer used "
               "for every measure."),
            N_("The display copy is simplified per tier with coverage-preserving "
               "Visvalingam-Whyatt (shapely.coverage_simplify), so neighbours keep shared edges "
               "and no islet is dropped, and rounded to 5 decimals (about 1 m)."),
            N_("Areas are geodesic on the WGS84 ellipsoid (pyproj.Geod); strait widths are the "
               "shortest line between the two coasts, found in a local azimuthal equidistant "
               "projection and measured geodesically."),
        ],
        "areas_vs_official_survey": {
            "note": N_("Official figures: Geospatial Information Authority of Japan (GSI) surveys as "
                       "published by the Ministry of Foreign Affairs (2022, whole km², with islets) "
                       "and the Association for Northern Territories Issues (2021, one decimal, main "
                       "island). Computed areas include inland water (lakes and lagoons, which the "
                       "source leaves as holes in the land), as the official figures do; "
                       "land_only_km2 leaves it out. 'main' compares the largest source polygon of "
                       "each island (for the Habomai: the five named islets) with GSI's main-island "
                       "figure. The remaining differences come from resolution: the source traces "
                       "coastlines with vertices a few hundred metres apart, cutting across small "
                       "bays and headlands, while GSI measures on 1:25,000 maps; small islets are "
                       "missing, so the Habomai group comes out about 2.6% below the official "
                       "figure, and the smallest islets differ most (up to about 5%)."),
            "islands": areas,
        },
        "display_simplification": {
            "tolerance_degrees": TOLERANCE,
            "note": N_("The display copy fills inland water and is compared with the "
                       "full-resolution outline (holes filled): area change and the largest "
                       "distance between the two outlines (discrete Hausdorff distance, in metres)."),
            "islands_in_lakes_merged": layers.lake_islands,
            "far_context": {
                "frame_lon_lat": list(WIDE_BBOX), "tolerance_degrees": WIDE_TOLERANCE,
                "min_part_km2": WIDE_MIN_KM2,
                "note": "Land of the wider frame outside the region (wide-rus: Russia; "
                        "wide-other: every other country, no borders), drawn only so that "
                        "the map never shows where the region was cut; never measured."},
            "largest_vertex_deviation_m": {"feature": worst[0],
                                            "metres": worst[1]["max_deviation_m"]},
            "features": simpl,
        },
        "straits": {k: {"between": v["between"], "width_km": v["width_km"]}
                    for k, v in sorted(st.items())},
        "places": {k: {"lon_lat": [round(v["point"][0], 6), round(v["point"][1], 6)],
                       "how": v["how"]} for k, v in sorted(pl.items())},
        "distances_from_cape_nosappu_km": _nosappu_distances(gaz, layers, pl),
        "known_limits": [
            N_("Coastlines are generalised: small islets and rocks below the source's resolution "
               "are missing (Kaigara/Signalny in the Habomai is one)."),
            N_("Kamchatka and Primorye are cut from the Asian mainland by boxes; their straight "
               "edges are the cut, not borders."),
            N_("Country borders on land come from the source and are shown only as the edge of "
               "context land; they are not authoritative boundaries."),
            N_("Context land (everything that is not a named feature) is simplified strongly for "
               "display and must not be measured."),
            N_("Some small Japanese polygons in the Seto Inland Sea overlap larger ones in the "
               "source; cleaning merges them into their neighbours (context land only)."),
        ],
    }


def _nosappu_distances(gaz: Gazetteer, layers: Layers, pl: dict) -> dict[str, float]:
    """Geodesic distance from Cape Nosappu to the nearest shore of each disputed island."""
    if "cape-nosappu" not in pl or "disputed-islands" not in gaz:
        return {}
    cape = Point(pl["cape-nosappu"]["point"])
    out = {}
    for fid in ["habomai", "suisho", "akiyuri", "yuri", "shibotsu", "taraku", "shikotan",
                "kunashiri", "etorofu"]:
        if fid in gaz:
            geom = shapely.union_all([layers.land[m] for m in gaz.members(fid)])
            out[fid] = round(narrows(cape, geom).km, 1)
    return out


def write_provenance(out_dir: Path, prov: dict) -> None:
    """Write ``provenance.yaml`` into ``out_dir``, marked as generated."""
    text = ("# Generated by `python -m geo.build`: do not edit by hand.\n"
            + dump_yaml(prov, sort_keys=False, allow_unicode=True, width=100))
    (out_dir / PROVENANCE_FILE).write_text(text, encoding="utf-8")
