"""The security overlay: US bases in Japan, the Russian Pacific Fleet's home port and the
incidents the sources report, as cited points (hollow and dashed where approximate)."""
from __future__ import annotations

from geo.analysis.security import security_points
from geo.data.layers import Atlas
from geo.map.leaflet import Call
from geo.map.overlays.base import Overlay
from geo.map.state import MapState
from geo.map.style import POINT_COLOUR, LegendItem, point_style
from geo.map.text import POINT_LEGEND, point_tip

KINDS = ("base", "fleet", "incident")


def elements(state: MapState, atlas: Atlas) -> list[Call]:
    items = [{"lat": round(pt.y, 5), "lon": round(pt.x, 5), "id": props["id"],
              "style": point_style(props["kind"], props["precision"]),
              "tip": point_tip(props)} for props, pt in security_points()]
    return [Call("points", "security", items)]


def legend(view, atlas: Atlas) -> list[LegendItem]:
    items = [LegendItem(POINT_COLOUR[k], False, POINT_LEGEND[k], dot=POINT_COLOUR[k])
             for k in KINDS]
    items.append(LegendItem(None, True, "Hollow, dashed: approximate position",
                            dot=POINT_COLOUR["incident"]))
    return items


HELP = ("Cited points: US bases in Japan, the Russian Pacific Fleet's home port and "
        "incidents the sources report (hollow: approximate).")
OVERLAY = Overlay("security", "US bases, fleet and incidents", menu=4, z=50,
                  elements=elements, help=HELP, legend=legend)
