"""The online basemap: OpenStreetMap's tiles under everything, off by default (the app
needs no internet)."""
from __future__ import annotations

import folium

from geo.data.layers import Atlas
from geo.i18n import N_
from geo.map.overlays.base import Overlay
from geo.map.state import MapState

ATTRIBUTION = "© OpenStreetMap contributors"


def elements(state: MapState, atlas: Atlas) -> list:
    return [folium.TileLayer("OpenStreetMap", attr=ATTRIBUTION, opacity=0.7)]


HELP = N_("Off by default: the app needs no internet. On, the map loads tiles from "
        "tile.openstreetmap.org.")
OVERLAY = Overlay("basemap", N_("Online basemap (OpenStreetMap tiles)"), menu=5, z=0,
                  elements=elements, help=HELP, online=True)
