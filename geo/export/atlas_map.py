"""The static explorer's map: what the app's map draws under every view and names
convention, as data for ``atlas.js``.

The app's own layers (geo.map.layers.LAYERS: the land, the treaty lines, the straits and
security overlays, the labels; the selection of each feature) are asked for their calls
(geo.map.leaflet.Call) and the geometry file the app's map loads (geo.map.display.map_data,
far_data) goes in whole, so the static map draws the same features with the same styles.
Their tooltips and labels come back as plain text (:mod:`geo.export.plain`): the page puts
them in as DOM text. Each distinct layer is written once (``slots``); a view and names
convention lists its layers in drawing order with the overlay each belongs to."""
from __future__ import annotations

import hashlib
import json

from geo.data.layers import Atlas
from geo.export.plain import label_parts, tip_lines
from geo.i18n import DEFAULT
from geo.map.base_layers import selection
from geo.map.display import (CLICK_ALIASES, far_data, focus_point, map_data, map_frame,
                             selectable_ids)
from geo.map.describe import summary
from geo.map.layers import LAYERS
from geo.map.leaflet import HISTORY_VIEW, START_BOUNDS, VIEWS
from geo.map.overlays.base import Overlay
from geo.map.state import NAMES, MapState
from geo.map.style import COAST, LAND_TINT, OTHER_FILL
from geo.views.historical import is_historical

# The app's overlays the static map offers (each a switch; on by default), and its own:
# the land's labels (the app always draws them).
OVERLAYS = ("straits", "security")
LABELS = "labels"


def _key(body: object) -> str:
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]


class _Slots:
    """Each distinct layer once, under a key made of its content."""

    def __init__(self) -> None:
        self.table: dict[str, dict] = {}

    def add(self, body: dict) -> str:
        key = _key(body)
        self.table.setdefault(key, body)
        return key


def _label(item: dict) -> dict:
    out = {k: v for k, v in item.items() if k not in ("html", "tip")}
    out["text"] = label_parts(item["html"]) if item["html"].startswith("<div>") else None
    if out["text"] is None:
        raise ValueError(f"a map label without its text: {item['cls']}")
    if item.get("tip"):
        out["tip"] = tip_lines(item["tip"])
    return out


def _calls(calls, slots: _Slots, overlay: str | None, order: list, tips: dict) -> None:
    """Each call (geo.map.leaflet.Call) as a slot appended to ``order`` with the overlay
    it belongs to; its tooltips as plain text into ``tips[slot name]``. The map's
    description is left out (:func:`view_map` says it for each set of overlays)."""
    for c in calls:
        if c.fn == "layer":
            spec = c.spec
            key = slots.add({"fn": "layer", "name": c.slot, "ids": spec["ids"],
                             "styles": spec["styles"], "highlight": spec["highlight"],
                             "interactive": spec["interactive"], "tipped": sorted(spec["tips"])})
            tips[c.slot] = {f: tip_lines(t) for f, t in spec["tips"].items()}
        elif c.fn == "points":
            key = slots.add({"fn": "points", "name": c.slot, "items": [
                {k: v for k, v in it.items() if k != "tip"} for it in c.spec]})
            tips[c.slot] = {it["id"]: tip_lines(it["tip"]) for it in c.spec if it.get("tip")}
        elif c.fn == "labels":
            key = slots.add({"fn": "labels", "name": c.slot,
                             "items": [_label(it) for it in c.spec]})
        elif c.fn in ("begin", "end", "describe"):
            continue
        else:
            raise ValueError(f"the static map cannot draw the app's {c.fn!r} calls")
        order.append([overlay, key])


def view_map(view, names: str, atlas: Atlas, slots: _Slots, lang: str = DEFAULT) -> dict:
    """What the app's map draws under ``view`` and ``names`` with the static map's overlays
    on (nothing selected): its layers in drawing order, their tooltips by layer and
    feature, and the map's description for screen readers, in ``lang``."""
    state = MapState(view, names, None, frozenset(OVERLAYS), lang)
    order: list = []
    tips: dict = {}
    for item in LAYERS:
        if isinstance(item, Overlay):
            if item.key in OVERLAYS and item.shown(view):
                _calls(item.elements(state, atlas), slots, item.key, order, tips)
        elif item is not selection:
            _calls(item(state, atlas), slots, LABELS if item.__name__ == LABELS else None,
                   order, tips)
    # The map's description names the overlays shown: one for each set of them.
    said = {",".join(on): summary(MapState(view, names, None, frozenset(on), lang), atlas)
            for on in _subsets(OVERLAYS)}
    return {"order": order, "tips": tips, "describe": said}


def _subsets(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every subset of ``keys``, each in the order of ``keys``."""
    return [tuple(k for i, k in enumerate(keys) if mask >> i & 1)
            for mask in range(2 ** len(keys))]


def map_part(atlas: Atlas, views, slots: _Slots | None = None, *, lang: str = DEFAULT) -> dict:
    """The map of every view and names convention, each feature's selection, and what
    the map needs to start: the geometry, the frame, the starting view; its texts in
    ``lang``."""
    slots = slots or _Slots()
    choices = selectable_ids(atlas)
    base = views[0]
    out_views = {v.id: {n: view_map(v, n, atlas, slots, lang) for n in NAMES} for v in views}
    selected = {}
    for fid in choices:
        order: list = []
        _calls(selection(MapState(base, "both", fid, lang=lang), atlas), slots, None, order, {})
        selected[fid] = [k for _, k in order]
    geo = json.loads(map_data(atlas))["features"] + json.loads(far_data(atlas))["features"]
    return {"features": geo, "slots": slots.table, "views": out_views, "selection": selected,
            "focus": {f: focus_point(f, atlas) for f in choices},
            "aliases": dict(CLICK_ALIASES), "historical": [v.id for v in views if is_historical(v)],
            "frame": map_frame(atlas), "start": START_BOUNDS, "history_view": VIEWS[HISTORY_VIEW],
            "tints": LAND_TINT, "other": OTHER_FILL, "coast": COAST}
