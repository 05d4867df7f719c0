"""The map's labels: what is named, at which point, on which sides it may sit and in which
order the browser places them (nt_map.js ``NT.place``: by priority, each at the first side
and point where it fits inside the map without touching a label already placed; a label
that fits nowhere is hidden, never overlapped). Used by the app's map and the atlas.

Positions are computed from the geometry (the centre of a feature's largest part), except
the seas', which have no outline in the data: their points are cartographic choices, one
per zoom range, listed here.
"""
from __future__ import annotations

from geo.analysis.kuril_chain import chain_island_points
from geo.data.layers import Atlas
from geo.map.display import LABEL_ANCHOR, LABELLED, STRAIT_ANCHOR, label_point
from geo.i18n import N_, translator
from geo.map.text import label_html, name_lines
from geo.safe import html_text
from geo.views.present import island_of

SIDES = ("centre", "right", "left", "above", "below")
# Placement order: lower first. The disputed islands, then the land around them, the
# treaty lines, the seas, the straits, the farther context.
PRIORITY = {"island": 10, "near": 20, "treaty": 25, "sea": 27, "strait": 30, "context": 50,
            "chain": 60}
NEAR = ("hokkaido", "urup", "sakhalin", "kamchatka", "okinawa", "miyako")
CONTEXT = ("honshu", "korea", "primorye", "kyushu", "tsushima")
CHAIN_MIN_ZOOM = 5  # the islands north of Urup: named from the Kurils view on
# A group of specks: its name is what one clicks to select the whole group.
GROUP_LABELS = {"habomai": N_("Click the name to select the whole group; click an islet to "
                           "select that islet.")}
# The seas' label points (lat, lon), tried in order: the first that fits is used, so that
# each view has a sea name in sight (the far seas at the regional views, the near ones
# close to the islands).
SEA_POINTS = {
    "sea-of-okhotsk": ((52.5, 148.5), (49.0, 146.5), (45.45, 145.3)),
    "pacific-ocean": ((40.5, 152.0), (46.0, 155.5), (43.1, 148.4), (25.2, 128.9)),
    "sea-of-japan": ((40.5, 134.5), (44.2, 139.0)),
}


def _sides(first: str | None) -> list[str]:
    first = first or "centre"
    return [first, *(s for s in SIDES if s != first)]


def _item(lat, lon, html, cls, prio, at, **more) -> dict:
    return {"lat": lat, "lon": lon, "html": html, "cls": cls, "prio": prio, "at": at, **more}


def land_labels(atlas: Atlas, names: str, lang: str = "en") -> list[dict]:
    """The islands', the land's and the seas' labels under a names convention (the names
    are the data's; the group's hint is in ``lang``)."""
    _ = translator(lang)
    gaz, items = atlas.gaz, []
    for fid in (*LABELLED, *CONTEXT):
        if fid not in gaz:
            continue
        pt = label_point(fid, atlas)
        if pt is None:
            continue
        disputed = island_of(gaz, fid) is not None
        prio = PRIORITY["island" if disputed else "near" if fid in NEAR else "context"]
        cls = f"nt-label nt-label-{fid}" + ("" if disputed else " nt-context")
        more = {}
        if fid in GROUP_LABELS:
            cls += " nt-select"
            more = {"select": fid, "tip": html_text(_(GROUP_LABELS[fid]))}
        items.append(_item(pt[0], pt[1], label_html(*name_lines(gaz.get(fid), names)), cls,
                           prio, _sides(LABEL_ANCHOR.get(fid)), **more))
    chain = {f.id: f for f in gaz.chain_islands}
    for fid, (lat, lon) in chain_island_points(atlas).items():  # the Kurils north of Urup
        items.append(_item(lat, lon, label_html(*name_lines(chain[fid], names)),
                           f"nt-label nt-context nt-chain nt-label-{fid}", PRIORITY["chain"],
                           ["right", "left", "above", "below"], min_zoom=CHAIN_MIN_ZOOM))
    for fid, points in SEA_POINTS.items():
        if fid not in gaz:
            continue
        (lat, lon), *alt = points
        items.append(_item(lat, lon, label_html(*name_lines(gaz.get(fid), names)),
                           f"nt-label nt-sea nt-label-{fid}", PRIORITY["sea"], ["centre"],
                           alt=[list(p) for p in alt]))
    return items


def strait_labels(atlas: Atlas, names: str, lang: str = "en") -> list[dict]:
    """Each strait's name and width at the middle of its narrows."""
    _ = translator(lang)
    gaz, items = atlas.gaz, []
    for fid in sorted(atlas.straits.geoms):
        main, _second = name_lines(gaz.get(fid), names)
        mid = atlas.straits.geoms[fid].interpolate(0.5, normalized=True)
        items.append(_item(round(mid.y, 4), round(mid.x, 4),
                           label_html(main, _("{width} km", width=_.num(atlas.strait_width_km(fid), 1))),
                           f"nt-label nt-strait nt-label-{fid}", PRIORITY["strait"],
                           _sides(STRAIT_ANCHOR.get(fid, "below"))))
    return items


def treaty_label(lat: float, lon: float, text: str, lid: str, side: str) -> dict:
    """A treaty line's name (history), at the side given."""
    return _item(lat, lon, f"<div>{html_text(text)}</div>",
                 f"nt-label nt-treaty nt-label-treaty-{lid}", PRIORITY["treaty"], _sides(side))
