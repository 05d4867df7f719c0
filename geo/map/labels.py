"""The map's labels: what is named, at which point, on which sides it may sit and in which
order the browser places them (nt_map.js ``NT.place``: by priority, each at the first side
and point where it fits inside the map without touching a label already placed; a label
that fits nowhere is hidden, never overlapped). Used by the app's map and the atlas.

Positions are computed from the geometry (the centre of a feature's largest part), except
the seas', which have no outline in the data: their points are cartographic choices, one
per zoom range, listed here.
"""
from __future__ import annotations

from dataclasses import dataclass

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


def sides(first: str | None) -> list[str]:
    """Every side a label may take, ``first`` first (the centre if none)."""
    first = first or "centre"
    return [first, *(s for s in SIDES if s != first)]


def _item(lat, lon, html, cls, prio, at, **more) -> dict:
    return {"lat": lat, "lon": lon, "html": html, "cls": cls, "prio": prio, "at": at, **more}


@dataclass(frozen=True)
class LabelText:
    """A label as plain text: where it goes, its two lines (the second: the other script,
    or a strait's width), what kind of place it names (``island``, ``near``, ``context``,
    ``chain``, ``sea``, ``strait``: its priority and look), the sides and other points to
    try, and the lowest zoom it is shown at. The map's labels (HTML) and the printed
    figure's (geo.export) are both made from these."""
    fid: str
    lat: float
    lon: float
    main: str
    second: str
    kind: str
    at: tuple[str, ...]
    alt: tuple[tuple[float, float], ...] = ()
    min_zoom: int | None = None

    @property
    def prio(self) -> int:
        return PRIORITY[self.kind]


def land_label_texts(atlas: Atlas, names: str) -> list[LabelText]:
    """The islands', the land's and the seas' labels under a names convention (the names
    are the data's), in placement order."""
    gaz, items = atlas.gaz, []
    for fid in (*LABELLED, *CONTEXT):
        if fid not in gaz:
            continue
        pt = label_point(fid, atlas)
        if pt is None:
            continue
        kind = ("island" if island_of(gaz, fid) is not None else
                "near" if fid in NEAR else "context")
        items.append(LabelText(fid, pt[0], pt[1], *name_lines(gaz.get(fid), names), kind,
                               tuple(sides(LABEL_ANCHOR.get(fid)))))
    chain = {f.id: f for f in gaz.chain_islands}
    for fid, (lat, lon) in chain_island_points(atlas).items():  # the Kurils north of Urup
        items.append(LabelText(fid, lat, lon, *name_lines(chain[fid], names), "chain",
                               ("right", "left", "above", "below"), min_zoom=CHAIN_MIN_ZOOM))
    for fid, points in SEA_POINTS.items():
        if fid not in gaz:
            continue
        (lat, lon), *alt = points
        items.append(LabelText(fid, lat, lon, *name_lines(gaz.get(fid), names), "sea",
                               ("centre",), alt=tuple(alt)))
    return items


def _cls(t: LabelText) -> str:
    if t.kind in ("chain", "sea", "strait"):
        extra = {"chain": "nt-context nt-chain", "sea": "nt-sea", "strait": "nt-strait"}
        return f"nt-label {extra[t.kind]} nt-label-{t.fid}"
    cls = f"nt-label nt-label-{t.fid}" + ("" if t.kind == "island" else " nt-context")
    return cls + (" nt-select" if t.fid in GROUP_LABELS else "")


def _html_item(t: LabelText, lang: str) -> dict:
    more: dict = {}
    if t.fid in GROUP_LABELS and t.kind not in ("chain", "sea", "strait"):
        more = {"select": t.fid, "tip": html_text(translator(lang)(GROUP_LABELS[t.fid]))}
    if t.min_zoom is not None:
        more["min_zoom"] = t.min_zoom
    if t.alt:
        more["alt"] = [list(p) for p in t.alt]
    return _item(t.lat, t.lon, label_html(t.main, t.second), _cls(t), t.prio, list(t.at),
                 **more)


def land_labels(atlas: Atlas, names: str, lang: str = "en") -> list[dict]:
    """The islands', the land's and the seas' labels under a names convention, as the
    map places them (the names are the data's; the group's hint is in ``lang``)."""
    return [_html_item(t, lang) for t in land_label_texts(atlas, names)]


def strait_label_texts(atlas: Atlas, names: str, lang: str = "en") -> list[LabelText]:
    """Each strait's name and width (in ``lang``) at the middle of its narrows."""
    _ = translator(lang)
    gaz, items = atlas.gaz, []
    for fid in sorted(atlas.straits.geoms):
        main, _second = name_lines(gaz.get(fid), names)
        mid = atlas.straits.geoms[fid].interpolate(0.5, normalized=True)
        items.append(LabelText(fid, round(mid.y, 4), round(mid.x, 4), main,
                               _("{width} km", width=_.num(atlas.strait_width_km(fid), 1)),
                               "strait", tuple(sides(STRAIT_ANCHOR.get(fid, "below")))))
    return items


def strait_labels(atlas: Atlas, names: str, lang: str = "en") -> list[dict]:
    """Each strait's name and width at the middle of its narrows."""
    return [_html_item(t, lang) for t in strait_label_texts(atlas, names, lang)]


def treaty_label(lat: float, lon: float, text: str, lid: str, side: str) -> dict:
    """A treaty line's name (history), at the side given."""
    return _item(lat, lon, f"<div>{html_text(text)}</div>",
                 f"nt-label nt-treaty nt-label-treaty-{lid}", PRIORITY["treaty"], sides(side))
