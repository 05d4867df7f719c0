"""The sea division overlay (an illustration of the equidistance method): the two zones in
faint holder hues and the median line, drawn from a file per present-day scenario."""
from __future__ import annotations

from functools import lru_cache

import shapely

from geo.analysis.median_line import holders, scenario_division
from geo.data.geojson import to_rfc7946
from geo.data.layers import Atlas
from geo.i18n import N_, text_in, translator
from geo.map.assets import MAP_DATA_URL, hashed_name, wait_for_files
from geo.map.display import feature_collection
from geo.map.leaflet import Call, remote
from geo.map.overlays.base import Overlay
from geo.map.state import MapState
from geo.map.style import MEDIAN_COLOUR, MEDIAN_DASH, LegendItem
from geo.safe import html_text
from geo.views.catalog import is_historical
from geo.views.catalog import view as view_of

SIMPLIFY_DEG = 0.01  # ~1 km: the sea zones and line as drawn (figures use the full ones)
DISCLAIMER = N_("An illustration of the equidistance method, not a legal boundary: no "
              "baselines, no agreed lines, no weighting of small islands.")


def shown(view) -> bool:
    """The sea division is computed for the present-day scenarios only (two states, no
    joint holding): not for the historical views."""
    return not is_historical(view)


def sea_data(atlas: Atlas, view) -> bytes:
    """The view's sea division as drawn, compact GeoJSON: the median line (simplified to
    about 500 m). The zones are not drawn: they end at the computation's box (139–156°E,
    40–50°N), whose straight edges would show; the panel gives their areas. Computed once
    per atlas, view and holdings."""
    key = tuple(sorted(holders(view, atlas).items()))
    return _sea_data(atlas, view.id, key)


@lru_cache(maxsize=8)
def _sea_data(atlas: Atlas, view_id: str, holders_key: tuple) -> bytes:
    # keyed by the holdings too: a view whose holders changed (its file edited) is new
    div = scenario_division(atlas, view_of(view_id))
    feats = []
    line = shapely.simplify(div.boundary, SIMPLIFY_DEG / 2)
    feats.append({"type": "Feature", "id": "median-line",
                  "properties": {"id": "median-line", "kind": "median-line"},
                  "geometry": to_rfc7946(line, 3)})
    return feature_collection(feats, scenario=view_id)


def sea_data_name(atlas: Atlas, view) -> str:
    return hashed_name(f"sea-{view.id}", sea_data(atlas, view))


def files(atlas: Atlas, views) -> dict[str, bytes]:
    return {sea_data_name(atlas, v): sea_data(atlas, v) for v in views if shown(v)}


MEDIAN_STYLE = {"color": MEDIAN_COLOUR, "weight": 2.5, "opacity": 0.95, "dashArray": MEDIAN_DASH,
                "fill": False, "className": "nt-median-line"}


def elements(state: MapState, atlas: Atlas) -> list[Call]:
    """The median line (tooltip). The file is written at start-up
    (geo.map.layers.prepare_assets), never here."""
    wait_for_files()
    styles = {"median-line": dict(MEDIAN_STYLE)}
    _ = translator(state.lang)
    tips = {"median-line": html_text(_(
        "Median line (equidistance), {view}. {disclaimer}",
        view=text_in(state.scenario.short_title, state.lang), disclaimer=_(DISCLAIMER)))}
    return [remote("sea", MAP_DATA_URL + sea_data_name(atlas, state.scenario), styles, tips)]


def legend(view, atlas: Atlas, *, lang: str = "en") -> list[LegendItem]:
    if not shown(view):
        return []
    _ = translator(lang)
    return [LegendItem(MEDIAN_COLOUR, True, _("Median line (illustration): the sea on each "
                                              "side is nearer that side's land"), line=True)]


HELP = N_("The sea within 200 nautical miles split by equidistance under the scenario: an "
        "illustration of the method, not a legal boundary. Present-day scenarios only.")
OVERLAY = Overlay("sea", N_("Sea division (median line, illustration)"), menu=2, z=5,
                  elements=elements, help=HELP, panel=True, legend=legend, shown=shown,
                  files=files)
