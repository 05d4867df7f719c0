"""Everything drawn, in drawing order: the always-on layers and the overlays of the
registry. :func:`feature_groups` turns a :class:`MapState` into what st_folium swaps in
(no remount); :func:`prepare_assets` writes every file the map fetches, once at start-up.

Adding an overlay: a module in ``geo/map/overlays/`` with its ``OVERLAY`` (its ``z``
places it among the always-drawn layers); the registry finds it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import folium

from geo.data.layers import Atlas
from geo.map.base_layers import labels, land, selection, treaty
from geo.map.assets import ensure_static, static_dir, write_hashed, write_in_background
from geo.map.display import far_data, far_data_name, map_data, map_data_name
from geo.map.internals import children
from geo.map.leaflet import Call, program, program_name
from geo.map.overlays.base import LABELS_Z, LAND_Z, SELECTION_Z, TREATY_Z, Overlay
from geo.map.overlays.registry import INFO, OVERLAY_INFO
from geo.map.state import MapState

Layer = Callable[[MapState, Atlas], list]
# Drawing order (later on top): the always-drawn layers at their places, each overlay at
# its ``z`` among them (today: online tiles and the sea division under the land; straits,
# the Sea of Okhotsk and the security points over it, under the selection and labels).
_BASE: tuple[tuple[int, Layer], ...] = ((LAND_Z, land), (TREATY_Z, treaty),
                                        (SELECTION_Z, selection), (LABELS_Z, labels))
LAYERS: tuple[Overlay | Layer, ...] = tuple(
    item for _, item in sorted([*_BASE, *((o.z, o) for o in OVERLAY_INFO)],
                               key=lambda zi: zi[0]))
OVERLAYS: dict[str, Overlay] = dict(INFO)


def shown_overlays(state: MapState) -> list[Overlay]:
    """The overlays switched on that the view can show, in drawing order."""
    return [o for o in LAYERS if isinstance(o, Overlay) and state.shows(o.key)
            and o.shown(state.scenario)]


def feature_groups(state: MapState, atlas: Atlas) -> list[folium.FeatureGroup]:
    """Fresh layers for this run (restyled in place by st_folium, no remount).

    One group carries every call, in drawing order, between the run's start and end marks
    (slots not drawn in this run are removed): each group costs st_folium a template
    compilation per run. Online tiles keep a group of their own."""
    unknown = sorted(state.overlays - set(OVERLAYS))
    if unknown:
        raise ValueError(f"unknown overlay {unknown[0]!r}; known: {', '.join(OVERLAYS)}")
    on = shown_overlays(state)
    tiles, calls = [], folium.FeatureGroup(name="Layers", control=False)
    Call("begin").add_to(calls)
    for item in LAYERS:
        if isinstance(item, Overlay):
            if item not in on:
                continue
            elements = item.elements(state, atlas)
        else:
            elements = item(state, atlas)
        for el in elements:
            if isinstance(el, Call):
                calls.add_child(el, name=el.get_name())
            elif isinstance(el, folium.TileLayer):
                group = folium.FeatureGroup(name="OpenStreetMap tiles (online)", control=False)
                el.add_to(group)
                tiles.append(group)
            else:
                raise TypeError(f"unexpected map element {type(el).__name__} from {item}")
    Call("end").add_to(calls)
    assert all(isinstance(c, Call) for c in children(calls))
    return tiles + [calls]


def asset_files(atlas: Atlas, views: Sequence) -> dict[str, bytes]:
    """The overlays' files (name -> content) for these views."""
    out: dict[str, bytes] = {}
    for o in OVERLAYS.values():
        out.update(o.files(atlas, views))
    return out


def prepare_assets(atlas: Atlas, views: Sequence, folder: Path | None = None, *,
                   wait: bool = False) -> Path:
    """Write every file the map fetches into ``folder`` (default: the served static
    folder): Leaflet and the geometry at once; the overlays' files (the Sea of Okhotsk,
    each present-day scenario's sea division) in a background thread (about 1.5 s of
    computing the first view does not need), unless ``wait``. Rendering only names them
    (and waits for the thread if a file is asked for before it is written). Idempotent."""
    root = Path(folder) if folder is not None else static_dir()
    ensure_static(root / "leaflet")
    write_hashed(root / "map" / map_data_name(atlas), map_data(atlas), "geo-*.json")
    write_hashed(root / "map" / far_data_name(atlas), far_data(atlas), "far-*.json")
    write_hashed(root / "map" / program_name(), program(), "nt-map-*.js")

    def work() -> None:
        for name, data in asset_files(atlas, views).items():
            write_hashed(root / "map" / name, data, name.rsplit("-", 1)[0] + "-*.json")

    thread = write_in_background(root, work)
    if wait:
        thread.join()
    return root
