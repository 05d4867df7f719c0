"""Exports: a view's layers as GeoJSON (:mod:`.geojson`), the annotations as CSV
(:mod:`.csv`), the static explorer (:mod:`.atlas`): one standalone, offline HTML page
with the map under every view, every feature's card and every view's figures, for
publishing on any static host; and print-ready figures of any view (:mod:`.figure`: PNG,
SVG, PDF; imported by its users only, as it loads matplotlib).

    python -m geo.export atlas OUT.html [--lang en|ja|ru|all]
    python -m geo.export geojson SCENARIO OUT.geojson
    python -m geo.export csv OUT.csv [--feature ID]
    python -m geo.export figure VIEW OUT.png|OUT.svg|OUT.pdf [--lang] [--names] [--overlay]
        [--extent] [--size] [--dpi]
"""
from geo.export.atlas import atlas_data, atlas_html, external_urls, leaflet_assets
from geo.export.csv import CSV_COLUMNS, annotations_csv, csv_file_bytes, safe_cell
from geo.export.geojson import ATTRIBUTION, NDIGITS, scenario_features, scenario_geojson

__all__ = ["ATTRIBUTION", "CSV_COLUMNS", "NDIGITS", "annotations_csv", "atlas_data", "csv_file_bytes", "atlas_html",
           "external_urls", "leaflet_assets", "safe_cell", "scenario_features", "scenario_geojson"]
