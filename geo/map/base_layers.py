"""The layers always drawn: land (by today's tint, or by holder in a historical view), the
disputed islands by holder, the treaty lines in force, the selection and the labels."""
from __future__ import annotations

from geo.analysis.treaty_lines import treaty_lines
from geo.data.events import SAKHALIN, SAKHALIN_NORTH, SAKHALIN_SOUTH
from geo.data.layers import Atlas
from geo.map.display import display_land, focus_point, seams
from geo.map.describe import summary
from geo.map.labels import land_labels, treaty_label
from geo.map.leaflet import Call, layer
from geo.map.state import MapState
from geo.map.style import (LAND_HOVER, PIECE_HOVER, TREATY_CASING, TREATY_LINE,
                            holder_style, island_style, land_style, seam_style)
from geo.map.text import history_tip, island_tip_extra, status_text, tooltip_html
from geo.i18n import translator
from geo.safe import html_text
from geo.views.historical import is_historical, line_label
from geo.views.present import island_of

HISTORY_FEATURES = ("urup", "kuril-north", SAKHALIN_SOUTH, SAKHALIN_NORTH)
LINE_END_LABELLED = ("portsmouth-1905",)  # the 50°N line: labelled at its eastern end


def history_ids(state: MapState, atlas: Atlas) -> list[str]:
    """Features outside the four islands coloured by their historical holder."""
    if not is_historical(state.scenario):
        return []
    drawn = set(display_land(atlas)) | {SAKHALIN_SOUTH, SAKHALIN_NORTH}
    return [f for f in HISTORY_FEATURES if f in state.scenario.features and f in drawn]


def land(state: MapState, atlas: Atlas) -> list[Call]:
    gaz = atlas.gaz
    view = state.scenario
    named = [f for f in sorted(display_land(atlas)) if f in gaz]
    hist = history_ids(state, atlas)  # drawn by holder in a historical view, not by today's tint
    others = [f for f in named if island_of(gaz, f) is None and f not in hist
              and not (hist and f == SAKHALIN)]
    islands = [f for f in named if island_of(gaz, f) is not None]
    pieces = [f for f in others if gaz.get(f).kind == "land"]  # cut from a continent
    coasts = [f for f in others if f not in pieces]
    lang = state.lang
    tips = {f: tooltip_html(gaz.get(f), state.names,
                            status_text(gaz.get(f), view, gaz, lang, state.names))
            for f in others}
    calls = [layer(slot, ids, {f: land_style(f, gaz.get(f).administered_by) for f in ids},
                   tips={f: tips[f] for f in ids}, highlight=hover)
             for slot, ids, hover in (("pieces", pieces, PIECE_HOVER),
                                      ("land", coasts, LAND_HOVER))]
    keys = sorted(seams(atlas))
    calls.append(layer("seams", [f"seam-{k.lower()}" for k in keys],
                       {f"seam-{k.lower()}": seam_style(k) for k in keys}, interactive=False))
    if hist:
        calls.append(layer("history-land", hist,
                           {f: holder_style(view.features[f], f) for f in hist},
                           tips={f: history_tip(view, gaz, f, state.names, lang) for f in hist},
                           highlight={"weight": 3, "fillOpacity": 0.95}))
    tips = {f: tooltip_html(gaz.get(f), state.names,
                            island_tip_extra(gaz.get(f), view, gaz, lang, state.names))
            for f in islands}
    calls.append(layer("islands", islands, {f: island_style(view, gaz, f) for f in islands},
                       tips=tips, highlight={"weight": 3.5, "fillOpacity": 0.95}))
    return calls


def treaty_label_points(ids, atlas: Atlas, lang: str = "en"
                        ) -> list[tuple[str, float, float, str, str]]:
    """(line id, lat, lon, name in ``lang``, first side) of each treaty line's label: at
    the line's middle, or its eastern end (:data:`LINE_END_LABELLED`)."""
    lines = treaty_lines(atlas)
    out = []
    for i in ids:
        line = lines[i][1]
        at_end = i in LINE_END_LABELLED
        end = line.coords[-1] if at_end else line.interpolate(0.5, normalized=True).coords[0]
        out.append((i, round(end[1], 4), round(end[0], 4), line_label(i, lang),
                    "right" if at_end else "left"))
    return out


def treaty(state: MapState, atlas: Atlas) -> list[Call]:
    """The treaty boundary lines in force in a historical view, with their labels."""
    if not is_historical(state.scenario) or not state.scenario.lines:
        return []
    ids = list(state.scenario.lines)
    lines = treaty_lines(atlas)
    lang = state.lang
    _ = translator(lang)
    tips = {}
    for i in ids:
        props = lines[i][0]
        title, description = props["title"], props["description"]  # N_ messages
        tips[i] = html_text(_("{title}: {description}", title=_(title),
                              description=_(description)))
    items = [treaty_label(lat, lon, text, i, side)
             for i, lat, lon, text, side in treaty_label_points(ids, atlas, lang)]
    return [layer("treaty-casing", ids, {i: dict(TREATY_CASING) for i in ids},
                  interactive=False),
            layer("treaty-lines", ids, {i: {**TREATY_LINE,
                                            "className": f"nt-treaty nt-treaty-{i}"}
                                        for i in ids}, tips=tips, interactive=False),
            Call("labels", "treaty-labels", items)]


SELECTION_HALO = {"color": "#FFFFFF", "weight": 8, "opacity": 1}
SELECTION_LINE = {"color": "#000000", "weight": 3, "opacity": 1}
SMALL_KM2 = 100.0  # a selected feature smaller than this also gets a ring (a speck at zoom 7)
RING = {"radius": 18, "color": "#000000", "weight": 2.5, "fill": False, "opacity": 1,
        "dashArray": "5 4", "interactive": False, "className": "nt-selected-ring"}


def selection(state: MapState, atlas: Atlas) -> list[Call]:
    """The selected feature: its outline over a wide white halo, and a ring around it if it
    is small (an islet, a strait, a place), so that it stands out at any zoom."""
    fid = state.selected
    if not fid or fid not in atlas.gaz:
        return []
    drawn = set(display_land(atlas)) | set(atlas.straits.geoms) | set(atlas.places.geoms)
    ids = [m for m in atlas.gaz.members(fid) if m in drawn]
    if not ids:
        return []
    calls = [layer(f"selection-{name}", ids,
                   {m: {**style, "fill": False, "className": f"nt-selected nt-selected-{name}"}
                    for m in ids}, interactive=False)
             for name, style in (("halo", SELECTION_HALO), ("line", SELECTION_LINE))]
    land = [m for m in ids if m in atlas.land.geoms]
    small = not land or sum(atlas.area_km2(m) for m in land) < SMALL_KM2
    at = focus_point(fid, atlas)
    if small and at is not None:
        calls.append(Call("points", "selection-ring",
                          [{"lat": at[0], "lon": at[1], "style": RING}]))
    return calls


def labels(state: MapState, atlas: Atlas) -> list[Call]:
    """The islands', the land's and the seas' names (geo.map.labels), and the map's name
    for screen readers (geo.map.describe)."""
    return [Call("labels", "labels", land_labels(atlas, state.names, state.lang)),
            Call("describe", None, summary(state, atlas))]
