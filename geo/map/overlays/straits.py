"""The straits overlay: each strait's narrows as a dotted line (a wide invisible line over
it takes the click), its width as a label, and who holds each shore under the view."""
from __future__ import annotations

from geo.data.layers import Atlas
from geo.i18n import N_, translator
from geo.map.labels import strait_labels
from geo.map.leaflet import Call, layer
from geo.map.overlays.base import Overlay
from geo.map.state import MapState
from geo.map.style import STRAIT_COLOUR, STRAIT_LINE, LegendItem
from geo.map.text import holder_word, place_name, tooltip_html
from geo.views.catalog import holder_of


def elements(state: MapState, atlas: Atlas) -> list[Call]:
    gaz, lang = atlas.gaz, state.lang
    _ = translator(lang)
    ids = sorted(atlas.straits.geoms)
    tips = {}
    for fid in ids:
        f = gaz.get(fid)
        a, b = f.geometry.between
        tips[fid] = tooltip_html(f, state.names, _(
            "Narrows: {width} km, between {a} ({holder_a}) and {b} ({holder_b})",
            width=_.num(atlas.strait_width_km(fid), 1),
            a=place_name(gaz.get(a), state.names, lang),
            holder_a=holder_word(holder_of(state.scenario, gaz, a), lang),
            b=place_name(gaz.get(b), state.names, lang),
            holder_b=holder_word(holder_of(state.scenario, gaz, b), lang)))
    return [layer("strait-lines", ids, {f: dict(STRAIT_LINE) for f in ids}, interactive=False),
            layer("straits", ids, {f: {"color": STRAIT_COLOUR, "weight": 18, "opacity": 0,
                                       "className": f"nt-f-{f} nt-strait"} for f in ids},
                  tips=tips, highlight={"opacity": 0.25}),
            Call("labels", "strait-labels", strait_labels(atlas, state.names, state.lang))]


def legend(view, atlas: Atlas, *, lang: str = "en") -> list[LegendItem]:
    _ = translator(lang)
    return [LegendItem(STRAIT_COLOUR, True, _("Strait narrows, width in km"), line=True)]


OVERLAY = Overlay("straits", N_("Straits and their widths"),
                  menu=1, z=30, elements=elements, legend=legend)
