"""ONE self-contained HTML page: a Leaflet map of every layer and every scenario (a radio
switch), labels, strait widths, legend and attribution, drawn with the app's map's styles,
texts and label points (geo.map). Leaflet is inlined (images as data: URIs) and there are
no tiles: the page makes no network request and can be opened from disk. No template
engine takes part: the data goes in once as script-safe JSON (geo.safe.script_json) and
``atlas.js`` puts its texts into the page as DOM text, never as HTML."""
from __future__ import annotations

import base64
import re
from pathlib import Path

from xstatic.pkg import leaflet

from geo.analysis.security import security_points
from geo.data.places import Places, default_places
from geo.data.geojson import to_rfc7946
from geo.data.layers import Atlas, load_atlas
from geo.export.geojson import ATTRIBUTION
from geo.map.display import LABEL_ANCHOR, LABELLED, display_land, display_precision, label_point
from geo.map.legend import legend
from geo.map.style import (HOLDER_FILL, LABEL_CSS, LAND_TINT, OTHER_FILL, OUTLINE, STRAIT_COLOUR,
                           STRAIT_LINE, LegendItem, island_style, land_style, point_style)
from geo.map.text import country, name_lines, point_lines, status_text
from geo.safe import html_text, script_json
from geo.views.present import Scenarios, default_scenarios, island_of

START_BOUNDS = [[42.6, 140.0], [46.2, 150.2]]


def leaflet_assets() -> tuple[str, str]:
    """(JavaScript, CSS) of Leaflet from XStatic-Leaflet, CSS images as data: URIs."""
    base = Path(leaflet.BASE_DIR)
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*\s*$", "", js)
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(m: re.Match) -> str:
        data = base64.b64encode((base / m.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)
    if re.search(r"</(script|style)", js + css, re.IGNORECASE):
        raise RuntimeError("Leaflet assets contain a closing tag; cannot inline them")
    return js, css


ATLAS_TITLE = "Northern Territories / Southern Kurils: atlas of the scenarios"
ATLAS_JS = Path(__file__).with_name("atlas.js")
OVERLAY_TITLES = {"straits": "Strait narrows (km)",
                  "points": "Bases, fleet and incidents (cited points)", "labels": "Labels"}
SWITCH_TITLES = {"scenarios": "Scenario", "overlays": "Overlays"}

_CSS = LABEL_CSS + """
html, body, #map { height: 100%; margin: 0; }
.nt-label.nt-strait > div { font-size: 11px; }
.nt-switch { font-size: 13px; padding: 6px 10px; }
.nt-switch fieldset { border: 0; margin: 0 0 4px; padding: 0; }
.nt-switch legend { font-weight: 600; padding: 0; }
.nt-switch label { display: block; }
.nt-legend { background: rgba(255,255,255,0.94); padding: 6px 9px; font-size: 11.5px;
  line-height: 1.3; max-width: 290px; border: 1px solid #999; border-radius: 4px; }
.nt-legend h4 { margin: 0 0 4px; font-size: 13px; }
.nt-legend .sw { display: inline-block; width: 18px; height: 12px; vertical-align: middle;
  margin-right: 6px; border: 1px solid #777; }
.nt-legend .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  vertical-align: middle; margin: 0 10px 0 4px; }
.nt-legend p { margin: 4px 0 0; color: #333; }
"""


def atlas_legend(scenarios: Scenarios, atlas: Atlas) -> dict:
    """The atlas's legend as data: the app's palette and point styles (geo.map)."""
    items = [LegendItem(HOLDER_FILL[c], False,
                                f"Disputed island, held by {country(c)} in the chosen "
                                "scenario") for c in ("JPN", "RUS")]
    items.append(LegendItem(None, True, "Dashed outline: still disputed in that "
                                                "scenario"))
    items += [LegendItem(LAND_TINT[c], False, f"{country(c)} (undisputed)")
              for c in ("JPN", "RUS")]
    items.append(LegendItem(OTHER_FILL, False, "Other countries"))
    items.append(LegendItem(STRAIT_COLOUR, True,
                                    "Strait narrows, width in km (geodesic)", line=True))
    items += legend(scenarios.baseline, atlas, {"security"}, base=False)
    titles = "; ".join(s.short_title for s in scenarios)
    return {"title": "Northern Territories / Southern Kurils", "outline": OUTLINE,
            "items": [{"fill": it.fill, "dashed": it.dashed, "label": it.label,
                       "line": it.line, "dot": it.dot} for it in items],
            "notes": [f"Scenarios (switch, top right): {titles}.",
                      f"Coastlines {ATTRIBUTION}. This map quotes; it does not judge."]}


def atlas_data(atlas: Atlas | None = None, scenarios: Scenarios | None = None,
               places: Places | None = None) -> dict:
    """Everything the atlas page draws, as plain data (texts are plain text: the page
    puts them in as DOM text, never as HTML). Styles, label points, tooltips' texts and
    the geometry as drawn are the app's own (geo.map)."""
    atlas = atlas or load_atlas()
    scenarios = scenarios or default_scenarios()
    places = places or default_places()
    gaz = atlas.gaz
    base = scenarios.baseline
    land_geoms = display_land(atlas)

    def geometry(fid: str) -> dict:
        return to_rfc7946(land_geoms[fid], display_precision(fid, atlas))

    disputed = sorted(f for f in land_geoms if f in gaz and island_of(gaz, f) is not None)
    land = []
    for fid in sorted(land_geoms):
        if fid in disputed:
            continue
        if fid in gaz:
            f = gaz.get(fid)
            code = f.administered_by
            tip = [*name_lines(f, "both"), status_text(f, base, gaz)]
        else:
            code, tip = atlas.display.props[fid].get("country"), None
        land.append({"id": fid, "geometry": geometry(fid),
                     "style": land_style(fid, code), "tip": tip})
    islands = [{"id": fid, "geometry": geometry(fid)} for fid in disputed]
    views = []
    for sc in scenarios:
        styles, tips = {}, {}
        for fid in disputed:
            f = gaz.get(fid)
            style = island_style(sc, gaz, fid)
            style["className"] += f" nt-sc-{sc.id}"
            styles[fid] = style
            area = atlas.area_km2(fid)
            tips[fid] = [*name_lines(f, "both"),
                         f"Part of the {gaz.get(f.part_of).label_en}." if f.part_of else "",
                         status_text(f, sc, gaz),
                         f"Area {area:,.1f} km² (computed)" if area else ""]
        views.append({"id": sc.id, "short_title": sc.short_title, "title": sc.title,
                      "styles": styles, "tips": tips})
    straits = []
    for fid in sorted(atlas.straits.geoms):
        f = gaz.get(fid)
        a, b = f.geometry.between
        width = atlas.strait_width_km(fid)
        line = atlas.straits.geoms[fid]
        mid = line.interpolate(0.5, normalized=True)
        straits.append({
            "id": fid, "geometry": to_rfc7946(line, 5),
            "style": {**STRAIT_LINE, "className": f"nt-f-{fid} nt-strait"},
            "tip": [*name_lines(f, "both"),
                    f"Narrows {width:,.1f} km between {gaz.get(a).label_en} and "
                    f"{gaz.get(b).label_en}"],
            "label": {"lat": round(mid.y, 4), "lon": round(mid.x, 4),
                      "main": f"{width:,.1f} km", "second": f.label_en,
                      "cls": f"nt-label nt-strait nt-label-{fid}"}})
    points = []
    for props, pt in security_points(places):
        points.append({"id": props["id"], "lat": round(pt.y, 5), "lon": round(pt.x, 5),
                       "kind": props["kind"],
                       "style": point_style(props["kind"], props["precision"]),
                       "tip": point_lines(props)})
    labels = []
    for fid in LABELLED:
        pt = label_point(fid, atlas)
        if pt is None:
            continue
        main, second = name_lines(gaz.get(fid), "both")
        cls = "nt-label" if island_of(gaz, fid) is not None else "nt-label nt-context"
        if fid in LABEL_ANCHOR:
            cls += f" nt-at-{LABEL_ANCHOR[fid]}"
        labels.append({"lat": pt[0], "lon": pt[1], "main": main, "second": second,
                       "cls": f"{cls} nt-label-{fid}"})
    return {"title": ATLAS_TITLE, "attribution": ATTRIBUTION, "start": START_BOUNDS,
            "default_scenario": base.id, "land": land, "islands": islands,
            "scenarios": views, "straits": straits, "points": points, "labels": labels,
            "legend": atlas_legend(scenarios, atlas), "overlay_titles": OVERLAY_TITLES,
            "switch_titles": SWITCH_TITLES}


def atlas_html(atlas: Atlas | None = None, scenarios: Scenarios | None = None,
               places: Places | None = None) -> str:
    """The standalone atlas page (HTML text), assembled without any template engine:
    the page's own parts are constants, the data goes in once as script-safe JSON
    (:func:`geo.safe.script_json`) and :file:`geo/atlas.js` draws it."""
    js, css = leaflet_assets()
    program = ATLAS_JS.read_text(encoding="utf-8")
    if re.search(r"</(script|style)", program + _CSS, re.IGNORECASE):
        raise RuntimeError("the atlas's script or style contains a closing tag")
    data = script_json(atlas_data(atlas, scenarios, places))
    text = "".join([
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{html_text(ATLAS_TITLE)}</title>\n",
        f"<style>{css}</style>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        f'<div id="map" role="region" aria-label="{html_text(ATLAS_TITLE)}"></div>\n',
        f"<script>{js}</script>\n",
        f'<script type="application/json" id="nt-data">{data}</script>\n',
        f"<script>{program}</script>\n</body>\n</html>\n"])
    bad = external_urls(text)
    if bad:
        raise RuntimeError(f"the atlas would load external resources: {bad[:3]}")
    return text


_RESOURCE_ATTR = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object)\b"
                            r"[^>]*?\b(src|href|data)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def external_urls(text: str) -> list[str]:
    """URLs of resources (script/link/img... src/href) that are not inline data."""
    return [m.group(3) for m in _RESOURCE_ATTR.finditer(text)
            if not m.group(3).lower().startswith("data:")]
