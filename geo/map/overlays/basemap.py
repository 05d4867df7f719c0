"""The online basemap: OpenStreetMap's tiles under everything, off by default (the app
needs no internet)."""
from __future__ import annotations

import folium

from geo.data.layers import Atlas
from geo.map.overlays.base import Overlay
from geo.map.state import MapState

ATTRIBUTION = "© OpenStreetMap contributors"


def elements(state: MapState, atlas: Atlas) -> list:
    return [folium.TileLayer("OpenStreetMap", attr=ATTRIBUTION, opacity=0.7)]


HELP = ("Off by default: the app needs no internet. On, the map loads tiles from "
        "tile.openstreetmap.org.")
OVERLAY = Overlay("basemap", "Online basemap (OpenStreetMap tiles)", menu=5, z=0,
                  elements=elements, help=HELP, online=True)
