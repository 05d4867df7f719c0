"""What an overlay is: its key (also its URL flag and session key), its sidebar toggle,
its places in the sidebar and in the drawing order, whether it has a panel, and the
functions that draw it, give its legend rows, say whether a view can show it and list the
files it needs written at start-up. Each overlay module of this package defines one
``OVERLAY``; :mod:`.registry` finds them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from geo.data.layers import Atlas
from geo.map.state import MapState
from geo.map.style import LegendItem

# Where the always-drawn layers sit in the drawing order (geo.map.layers); an overlay's
# ``z`` puts it among them: below LAND_Z is under the land, above it over the land.
LAND_Z, TREATY_Z, SELECTION_Z, LABELS_Z = 10, 20, 90, 100


def _no_legend(view, atlas: Atlas, *, lang: str = "en") -> list[LegendItem]:
    return []


def _always(view) -> bool:
    return True


def _no_files(atlas: Atlas, views: Sequence) -> dict[str, bytes]:
    return {}


@dataclass(frozen=True)
class Overlay:
    key: str  # the URL flag (?straits=1), the session key and the module's name
    label: str  # the sidebar toggle (marked N_: translated where shown, _(o.label))
    menu: int  # its place in the sidebar (and in the legend)
    z: int  # its place in the drawing order (see LAND_Z …)
    elements: Callable[[MapState, Atlas], list]  # leaflet.Call elements (tiles: a TileLayer)
    help: str | None = None  # marked N_ too
    panel: bool = False  # a panel below the map when on (ui.panels.OVERLAY_PANELS[key])
    online: bool = False  # needs the internet
    legend: Callable[..., list[LegendItem]] = _no_legend  # (view, atlas, *, lang)
    shown: Callable[[object], bool] = _always  # can this view show it (e.g. not historical)
    files: Callable[[Atlas, Sequence], dict[str, bytes]] = _no_files  # name -> content
