"""The Sea of Okhotsk overlay: the sea's light outline and its gates, solid blue where a
shore is Japanese under the view, grey dotted where none is (tooltips say which)."""
from __future__ import annotations

from functools import lru_cache

import shapely

from geo.analysis.okhotsk import gate_shores, gates, okhotsk_outline
from geo.data.geojson import to_rfc7946
from geo.data.layers import Atlas
from geo.i18n import N_, translator
from geo.map.assets import MAP_DATA_URL, hashed_name, wait_for_files
from geo.map.display import feature_collection
from geo.map.leaflet import Call, remote
from geo.map.overlays.base import Overlay
from geo.map.state import MapState
from geo.map.style import GATE_COLOUR, GATE_DASH, OKHOTSK_OUTLINE_COLOUR, LegendItem
from geo.map.text import gate_tip

SIMPLIFY_DEG = 0.02  # ~2 km: the outline as drawn (the area uses the full one)


@lru_cache(maxsize=2)
def okhotsk_data(atlas: Atlas) -> bytes:
    """The sea's outline (exterior only, simplified) and the gate lines, compact GeoJSON."""
    outline = shapely.simplify(shapely.Polygon(okhotsk_outline(atlas).exterior), SIMPLIFY_DEG)
    feats = [{"type": "Feature", "id": "okhotsk-outline",
              "properties": {"id": "okhotsk-outline", "kind": "sea-outline"},
              "geometry": to_rfc7946(shapely.LineString(outline.exterior.coords), 3)}]
    for g in gates(atlas):
        feats.append({"type": "Feature", "id": f"gate-{g.id}",
                      "properties": {"id": f"gate-{g.id}", "kind": "gate"},
                      "geometry": to_rfc7946(g.line, 4)})
    return feature_collection(feats)


def okhotsk_data_name(atlas: Atlas) -> str:
    return hashed_name("okhotsk", okhotsk_data(atlas))


def files(atlas: Atlas, views) -> dict[str, bytes]:
    return {okhotsk_data_name(atlas): okhotsk_data(atlas)}


OUTLINE_STYLE = {"color": OKHOTSK_OUTLINE_COLOUR, "weight": 1.2, "opacity": 0.6, "fill": False,
                 "interactive": False, "dashArray": "4 3", "className": "nt-okhotsk"}


def gate_style(gid: str, japanese: bool) -> dict:
    """A gate's line: solid Japan's blue where a shore is Japanese, grey dotted where none is."""
    style = {"color": GATE_COLOUR[japanese], "weight": 4 if japanese else 3, "opacity": 0.95,
             "lineCap": "round",
             "className": f"nt-gate nt-{gid} nt-gate-{'jpn' if japanese else 'other'}"}
    if not japanese:
        style["dashArray"] = GATE_DASH
    return style


def elements(state: MapState, atlas: Atlas) -> list[Call]:
    """The file is written at start-up (geo.map.layers.prepare_assets), never here."""
    wait_for_files()
    styles = {"okhotsk-outline": dict(OUTLINE_STYLE)}
    tips = {}
    for gs in gate_shores(atlas, state.scenario):
        gid = f"gate-{gs.gate.id}"
        styles[gid] = gate_style(gid, gs.japanese)
        tips[gid] = gate_tip(gs, state.lang, state.names, atlas.gaz)
    return [remote("okhotsk", MAP_DATA_URL + okhotsk_data_name(atlas), styles, tips)]


def gate_legend(view, atlas: Atlas, *, lang: str = "en") -> list[LegendItem]:
    """The outline's and the gates' rows, for a map shown without the overlay's panel (the
    printed figure, geo.export.figure; the app explains them in the panel below the map)."""
    _ = translator(lang)
    return [LegendItem(OKHOTSK_OUTLINE_COLOUR, True, _("Sea of Okhotsk: its outline"), line=True),
            LegendItem(GATE_COLOUR[True], False, _("Passage out of the sea with a Japanese "
                                                   "shore in this view"), line=True),
            LegendItem(GATE_COLOUR[False], True, _("Passage out of the sea with no Japanese "
                                                   "shore"), line=True)]


HELP = N_("The sea's outline and the passages out of it, solid where a shore is Japanese "
        "under the scenario, dotted where none is; the Soya and Nevelskoy straits lead to "
        "the Sea of Japan.")
OVERLAY = Overlay("okhotsk", N_("Sea of Okhotsk and its gates"), menu=3, z=40, elements=elements,
                  help=HELP, panel=True, files=files)
