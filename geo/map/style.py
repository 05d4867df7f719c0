"""How the map looks: the palette (Okabe–Ito and Tol, colour-blind safe; disputed status
is also a dashed outline, never colour alone), the CSS of the labels and the path styles,
shared by the app's map and the exported atlas."""
from __future__ import annotations

from dataclasses import dataclass

from geo.views.present import is_disputed_under
from geo.views.catalog import holder_of

HOLDER_FILL = {"JPN": "#0072B2", "RUS": "#E69F00",  # Okabe–Ito blue / orange
               "JOINT": "#BB5566",  # Tol's rose: undivided (history only); the bluish
               # green #009E73 came within ΔE 17 of the blue under tritanopia
               # (test_accessibility)
               "UND": "#FFFFFF"}  # attribution undetermined (Japan's maps): white, dotted edge
JOINT_DASH = "2 4"  # joint holding is also drawn as a dotted outline, not by colour alone
UND_DASH = "1 3"  # undetermined attribution: white fill, a dotted dark edge
DISPUTED_DASH = "6 4"  # a disputed island's outline
DISPUTED_WEIGHT, SETTLED_WEIGHT = 2.2, 1.0
TREATY_COLOUR = "#000000"  # treaty boundary lines (history), dashed over a white casing
TREATY_CASING = {"color": "#FFFFFF", "weight": 6, "opacity": 0.9}
TREATY_LINE = {"color": TREATY_COLOUR, "weight": 2.5, "dashArray": "10 5", "opacity": 1}
LAND_TINT = {"JPN": "#9CC4E4", "RUS": "#F5D595"}  # the same hues, lighter: undisputed land
OTHER_FILL = "#D9D9D9"  # land of other countries
SEA = "#F7F9FA"
STRAIT_COLOUR = "#882255"  # Tol's wine: apart from both holder colours
OUTLINE = "#333333"
SEA_LABEL = "#3C5A78"  # sea names: a dark sea blue (contrast 6.8:1 on the sea colour)
COAST = "#5F6E7A"  # outline of undisputed land
MEDIAN_COLOUR = "#3B3B3B"  # the illustrative median line: dash-dot, unlike treaty lines
MEDIAN_DASH = "10 4 2 4"
POINT_COLOUR = {"base": "#009E73", "fleet": "#D55E00", "incident": "#CC79A7"}
POINT_DASH = "3 3"  # approximate (illustrative) points: hollow, dashed outline
OKHOTSK_OUTLINE_COLOUR = "#4B6A88"
GATE_COLOUR = {True: "#0072B2", False: "#555555"}  # a Japanese shore: Japan's blue, solid
GATE_DASH = "2 5"  # no Japanese shore: dotted (not by colour alone)

# The labels' ink and sizes (CSS px): the map's CSS below and the printed figure's
# (geo.export.figure_labels).
LABEL_INK, CONTEXT_INK = "#111", "#444"
LABEL_PX, SECOND_PX, SMALL_PX = 12, 11, 11  # a name; its second line; chain, treaty labels

# The sea, fonts and labels: shared with the exported atlas (geo.export).
LABEL_CSS = f"""
.leaflet-container {{ background: {SEA}; font-family: system-ui, -apple-system, "Segoe UI",
  "Noto Sans", "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
  "Yu Gothic", "Meiryo", "Noto Sans Cyrillic", "Roboto", "Arial", sans-serif; }}
.nt-label {{ pointer-events: none; }}
.nt-label > div {{ position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  text-align: center; font-size: {LABEL_PX}px; line-height: 1.2; font-weight: 600; color: {LABEL_INK};
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff, 0 0 1px #fff; }}
.nt-label > div span {{ display: block; font-weight: 400; font-size: {SECOND_PX}px; }}
.nt-label.nt-strait > div {{ color: {STRAIT_COLOUR}; font-style: italic; }}
.nt-label.nt-context > div {{ color: {CONTEXT_INK}; font-weight: 500; }}
.nt-label.nt-chain > div {{ font-size: {SMALL_PX}px; }}
.nt-label.nt-at-above > div {{ transform: translate(-50%, calc(-100% - 6px)); }}
.nt-label.nt-at-below > div {{ transform: translate(-50%, 6px); }}
.nt-label.nt-at-left > div {{ transform: translate(calc(-100% - 8px), -50%); text-align: right; }}
.nt-label.nt-at-right > div {{ transform: translate(8px, -50%); text-align: left; }}
.nt-label.nt-strait > div span {{ font-style: normal; font-weight: 600; }}
.nt-label.nt-sea > div {{ color: {SEA_LABEL}; font-style: italic; font-weight: 500;
  letter-spacing: .06em; }}
.nt-label.nt-select > div {{ pointer-events: auto; cursor: pointer; }}
.nt-label.nt-select > div:hover {{ text-decoration: underline; }}
.nt-label.nt-hidden > div {{ visibility: hidden; pointer-events: none; }}
.nt-zoom-far .nt-label:not(.nt-strait) > div span {{ display: none; }}
"""
MAP_CSS = "<style>html, body { margin: 0; padding: 0; }\n" + LABEL_CSS + f""".nt-label.nt-treaty > div {{ color: {TREATY_COLOUR}; font-size: {SMALL_PX}px; font-weight: 600;
  background: rgba(255,255,255,.8); padding: 0 3px; border-radius: 2px; }}
.leaflet-tooltip {{ font-size: 13px; white-space: normal; width: max-content;
  max-width: min(340px, 80vw); }}
path.leaflet-interactive:focus {{ outline: none; }}  /* out of the Tab order: a click's focus */
.leaflet-container:focus-visible, .leaflet-bar a:focus-visible {{ outline: 3px solid #1a5fb4;
  outline-offset: -3px; }}
.nt-error {{ position: absolute; z-index: 1000; top: 8px; left: 50px; right: 8px;
  background: #fff3f3; border: 1px solid #c00; padding: 6px 10px; color: #900; }}
</style>"""


def land_style(fid: str, country_code: str | None) -> dict:
    """Path style of land outside the four islands: its country's light tint (Japan,
    Russia) or grey."""
    return {"fillColor": LAND_TINT.get(country_code or "", OTHER_FILL), "fillOpacity": 1.0,
            "color": COAST, "weight": 0.7, "className": f"nt-f-{fid}"}


def seam_style(key: str) -> dict:
    """A cut between two pieces of land of one fill, covered in that fill (no line seen)."""
    return {"color": LAND_TINT.get(key, OTHER_FILL), "weight": 2.2, "opacity": 1,
            "lineCap": "butt", "fill": False}


LAND_HOVER = {"weight": 2, "color": OUTLINE}  # an island's outline under the pointer
PIECE_HOVER = {"fillOpacity": 0.7}  # a continent's piece: lighter (no outline to draw)


def island_style(view, gaz, fid: str) -> dict:
    """Path style of a disputed island or islet: holder colour, dashed if disputed."""
    holder = holder_of(view, gaz, fid)
    disputed = is_disputed_under(view, gaz, fid)
    style = {"fillColor": HOLDER_FILL[holder], "fillOpacity": 0.85, "color": OUTLINE,
             "weight": DISPUTED_WEIGHT if disputed else SETTLED_WEIGHT,
             "className": f"nt-f-{fid} nt-holder-{holder}"}
    if disputed:
        style["dashArray"] = DISPUTED_DASH
    return style


def holder_style(holder: str, fid: str) -> dict:
    """Path style of land coloured by its (historical) holder; joint: dotted outline too;
    undetermined attribution (a point of view): white with a dotted edge."""
    style = {"fillColor": HOLDER_FILL[holder], "fillOpacity": 0.85, "color": OUTLINE,
             "weight": SETTLED_WEIGHT, "className": f"nt-f-{fid} nt-holder-{holder}"}
    if holder == "JOINT":
        style.update(weight=DISPUTED_WEIGHT, dashArray=JOINT_DASH)
    if holder == "UND":
        style.update(fillOpacity=1.0, weight=1.6, dashArray=UND_DASH)
    return style


# The visible strait line: thin, dotted (what one clicks is a wide invisible line over it).
STRAIT_LINE = {"color": STRAIT_COLOUR, "weight": 3, "dashArray": "1 6", "lineCap": "round"}


def point_style(kind: str, precision: str) -> dict:
    """Circle marker style: filled for an exact site, hollow and dashed if approximate."""
    colour = POINT_COLOUR[kind]
    style = {"radius": 7, "color": colour, "weight": 2, "fillColor": colour, "opacity": 1,
             "fillOpacity": 0.85, "className": f"nt-point nt-point-{kind} nt-{precision}"}
    if precision != "site":
        style.update(fillOpacity=0.0, dashArray=POINT_DASH, weight=2.5)
    return style


@dataclass(frozen=True)
class LegendItem:
    """One legend row: a swatch (fill, dashed outline, a line or a dot) and its label."""
    fill: str | None
    dashed: bool
    label: str
    line: bool = False
    dot: str | None = None  # a circle marker of this outline colour (fill: None = hollow)
