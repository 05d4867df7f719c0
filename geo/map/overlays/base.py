"""What an overlay is: its registry entry (key, toggle, URL flag, panel hook) and the
functions that draw it, give its legend rows, say whether a view can show it and list the
files it needs written at start-up."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from geo.data.layers import Atlas
from geo.map.overlays.registry import INFO, OverlayInfo
from geo.map.state import MapState
from geo.map.style import LegendItem


def _no_legend(view, atlas: Atlas) -> list[LegendItem]:
    return []


def _always(view) -> bool:
    return True


def _no_files(atlas: Atlas, views: Sequence) -> dict[str, bytes]:
    return {}


@dataclass(frozen=True)
class Overlay:
    info: OverlayInfo
    elements: Callable[[MapState, Atlas], list]  # leaflet.Call elements (tiles: a TileLayer)
    legend: Callable[[object, Atlas], list[LegendItem]] = _no_legend
    shown: Callable[[object], bool] = _always  # can this view show it (e.g. not historical)
    files: Callable[[Atlas, Sequence], dict[str, bytes]] = _no_files  # name -> content

    @property
    def key(self) -> str:
        return self.info.key

    @classmethod
    def of(cls, key: str, elements, **hooks) -> "Overlay":
        return cls(INFO[key], elements, **hooks)
