"""The overlays one can switch on: every module of this package that defines an
``OVERLAY`` (:class:`.base.Overlay`), in the sidebar's order. Adding an overlay is adding
its module (and, if it has one, its panel in ``ui/panels/overlays.py``)."""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from geo.map.overlays.base import Overlay

PACKAGE = __name__.rpartition(".")[0]  # geo.map.overlays

_NOT_OVERLAYS = ("base", "registry")


def _discover() -> tuple[Overlay, ...]:
    found = []
    for mod in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if mod.name in _NOT_OVERLAYS:
            continue
        overlay = importlib.import_module(f"{PACKAGE}.{mod.name}").OVERLAY
        if overlay.key != mod.name:
            raise ValueError(f"geo/map/overlays/{mod.name}.py: its OVERLAY's key is "
                             f"{overlay.key!r}, not the module's name")
        found.append(overlay)
    return tuple(sorted(found, key=lambda o: (o.menu, o.key)))


OVERLAY_INFO: tuple[Overlay, ...] = _discover()
OVERLAY_KEYS = tuple(o.key for o in OVERLAY_INFO)
INFO = {o.key: o for o in OVERLAY_INFO}
