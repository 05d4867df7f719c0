"""The security overlay: US bases in Japan, the Russian Pacific Fleet's home port and the
incidents the sources report, as cited points (hollow and dashed where approximate)."""
from __future__ import annotations

from geo.analysis.security import security_points
from geo.data.layers import Atlas
from geo.i18n import N_, translator
from geo.map.leaflet import Call
from geo.map.overlays.base import Overlay
from geo.map.state import MapState
from geo.map.style import POINT_COLOUR, LegendItem, point_style
from geo.map.text import POINT_LEGEND, point_tip

KINDS = ("base", "fleet", "incident")


def elements(state: MapState, atlas: Atlas) -> list[Call]:
    items = [{"lat": round(pt.y, 5), "lon": round(pt.x, 5), "id": props["id"],
              "style": point_style(props["kind"], props["precision"]),
              "tip": point_tip(props, state.lang, state.names, atlas.gaz)}
             for props, pt in security_points()]
    return [Call("points", "security", items)]


def legend(view, atlas: Atlas, *, lang: str = "en") -> list[LegendItem]:
    _ = translator(lang)
    items = [LegendItem(POINT_COLOUR[k], False, _(POINT_LEGEND[k]), dot=POINT_COLOUR[k])
             for k in KINDS]
    items.append(LegendItem(None, True, _("Hollow, dashed: approximate position"),
                            dot=POINT_COLOUR["incident"]))
    return items


HELP = N_("Cited points: US bases in Japan, the Russian Pacific Fleet's home port and "
        "incidents the sources report (hollow: approximate).")
OVERLAY = Overlay("security", N_("US bases, fleet and incidents"), menu=4, z=50,
                  elements=elements, help=HELP, legend=legend)
