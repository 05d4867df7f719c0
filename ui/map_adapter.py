"""What the pages need to know about streamlit-folium: the map's height, the objects a
click returns, the named views' buttons, and the nudge that makes st_folium move the map
again to a place it was already sent to."""
from __future__ import annotations

from geo.map import VIEWS

RETURNED_OBJECTS = ["last_object_clicked", "last_active_drawing"]
MAP_HEIGHT = 560
VIEW_LABELS = {"islands": "Disputed islands", "okinawa": "Okinawa and Miyako Strait",
               "region": "Whole region", "kurils": "Kurils and Sakhalin"}
assert set(VIEW_LABELS) == set(VIEWS), "a button for every named view"
NUDGE_DEG, NUDGE_ZOOM = 1e-7, 1e-6  # sub-pixel: Leaflet snaps the zoom back to a level


def view_args(center: tuple[float, float] | None, zoom: float | None, nonce: int = 0
              ) -> tuple[tuple[float, float] | None, float | None]:
    """``center`` and ``zoom`` for st_folium to move the map (a named view or a feature).

    streamlit-folium applies them only when they differ from the last ones it got, so
    ``nonce`` (a count of requests) nudges them by a sub-pixel amount: asking for the same
    place again moves the map again. A zoom of None keeps the reader's zoom.
    """
    if center is None:
        return None, None
    lat, lon = center
    return (lat + nonce * NUDGE_DEG, lon), (zoom + (nonce % 2) * NUDGE_ZOOM if zoom else None)
