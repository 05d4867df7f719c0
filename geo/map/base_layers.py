"""The layers always drawn: land (by today's tint, or by holder in a historical view), the
disputed islands by holder, the treaty lines in force, the selection and the labels."""
from __future__ import annotations

from geo.analysis.treaty_lines import treaty_lines
from geo.data.events import SAKHALIN, SAKHALIN_NORTH, SAKHALIN_SOUTH
from geo.data.layers import Atlas
from geo.map.display import LABEL_ANCHOR, LABELLED, display_land, label_point
from geo.map.leaflet import Call, layer
from geo.map.state import MapState
from geo.map.style import OUTLINE, TREATY_COLOUR, holder_style, island_style, land_style
from geo.map.text import history_tip, island_tip_extra, label_html, name_lines, status_text, tooltip_html
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
    calls = [layer("land", others, {f: land_style(f, gaz.get(f).administered_by) for f in others},
                   tips={f: tooltip_html(gaz.get(f), state.names,
                                         status_text(gaz.get(f), view, gaz)) for f in others},
                   highlight={"weight": 2, "color": OUTLINE})]
    if hist:
        calls.append(layer("history-land", hist,
                           {f: holder_style(view.features[f], f) for f in hist},
                           tips={f: history_tip(view, gaz, f, state.names) for f in hist},
                           highlight={"weight": 3, "fillOpacity": 0.95}))
    tips = {f: tooltip_html(gaz.get(f), state.names, island_tip_extra(gaz.get(f), view, gaz))
            for f in islands}
    calls.append(layer("islands", islands, {f: island_style(view, gaz, f) for f in islands},
                       tips=tips, highlight={"weight": 3.5, "fillOpacity": 0.95}))
    return calls


def treaty(state: MapState, atlas: Atlas) -> list[Call]:
    """The treaty boundary lines in force in a historical view, with their labels."""
    if not is_historical(state.scenario) or not state.scenario.lines:
        return []
    ids = list(state.scenario.lines)
    lines = treaty_lines(atlas)
    tips = {i: html_text(f"{lines[i][0]['title']}: {lines[i][0]['description']}") for i in ids}
    items = []
    for i in ids:
        line = lines[i][1]
        at_end = i in LINE_END_LABELLED
        end = line.coords[-1] if at_end else line.interpolate(0.5, normalized=True).coords[0]
        items.append({"lat": round(end[1], 4), "lon": round(end[0], 4),
                      "html": f"<div>{html_text(line_label(i))}</div>",
                      "cls": f"nt-label nt-treaty nt-at-{'right' if at_end else 'left'} "
                             f"nt-label-treaty-{i}"})
    return [layer("treaty-casing", ids, {i: {"color": "#FFFFFF", "weight": 6, "opacity": 0.9}
                                         for i in ids}, interactive=False),
            layer("treaty-lines", ids, {i: {"color": TREATY_COLOUR, "weight": 2.5,
                                            "dashArray": "10 5", "opacity": 1,
                                            "className": f"nt-treaty nt-treaty-{i}"}
                                        for i in ids}, tips=tips, interactive=False),
            Call("labels", "treaty-labels", items)]


def selection(state: MapState, atlas: Atlas) -> list[Call]:
    fid = state.selected
    if not fid or fid not in atlas.gaz:
        return []
    drawn = set(display_land(atlas)) | set(atlas.straits.geoms) | set(atlas.places.geoms)
    ids = [m for m in atlas.gaz.members(fid) if m in drawn]
    return [layer(f"selection-{weight}", ids,
                  {m: {"color": colour, "weight": weight, "fill": False, "opacity": 1,
                       "className": "nt-selected"} for m in ids}, interactive=False)
            for colour, weight in (("#FFFFFF", 4), ("#000000", 2))] if ids else []


def labels(state: MapState, atlas: Atlas) -> list[Call]:
    items = []
    for fid in LABELLED:
        pt = label_point(fid, atlas)
        if pt is None:
            continue
        cls = "nt-label" if island_of(atlas.gaz, fid) is not None else "nt-label nt-context"
        if fid in LABEL_ANCHOR:
            cls += f" nt-at-{LABEL_ANCHOR[fid]}"
        items.append({"lat": pt[0], "lon": pt[1], "cls": f"{cls} nt-label-{fid}",
                      "html": label_html(*name_lines(atlas.gaz.get(fid), state.names))})
    return [Call("labels", "labels", items)]
