"""The overlays one can switch on, in the sidebar's order: for each, its key (also its URL
flag and session key), the toggle's label and help, and whether it has a panel of its own.
The drawing code of each is its module in this package (see :mod:`geo.map.layers`)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OverlayInfo:
    key: str  # the URL flag (?straits=1), the session key and the module's name
    label: str  # the sidebar toggle
    help: str | None = None
    panel: bool = False  # a panel below the map when on (ui.panels.OVERLAY_PANELS[key])
    online: bool = False  # needs the internet


OVERLAY_INFO = (
    OverlayInfo("straits", "Straits and their widths"),
    OverlayInfo("sea", "Sea division (median line, illustration)",
                "The sea within 200 nautical miles split by equidistance under the "
                "scenario: an illustration of the method, not a legal boundary. "
                "Present-day scenarios only.", panel=True),
    OverlayInfo("okhotsk", "Sea of Okhotsk and its gates",
                "The sea's outline and the passages out of it, solid where a shore "
                "is Japanese under the scenario, dotted where none is; the Soya and "
                "Nevelskoy straits lead to the Sea of Japan.", panel=True),
    OverlayInfo("security", "US bases, fleet and incidents",
                "Cited points: US bases in Japan, the Russian Pacific Fleet's home "
                "port and incidents the sources report (hollow: approximate)."),
    OverlayInfo("basemap", "Online basemap (OpenStreetMap tiles)",
                "Off by default: the app needs no internet. On, the map loads tiles "
                "from tile.openstreetmap.org.", online=True),
)
OVERLAY_KEYS = tuple(o.key for o in OVERLAY_INFO)
INFO = {o.key: o for o in OVERLAY_INFO}
