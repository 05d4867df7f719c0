"""Exports: the scenario as GeoJSON, the annotations as CSV, a standalone atlas.

* :func:`scenario_geojson` — one RFC 7946 FeatureCollection: the land (full
  resolution) with its names, holder under the scenario, disputed status and
  area; the strait narrows with their width; the places (Cape Nosappu and the
  cited security points). Top-level members ``attribution`` and ``scenario``.
* :func:`annotations_csv` — every annotation with its source, as CSV (all
  cells quoted; cells that a spreadsheet would read as a formula are
  neutralised with a leading ``'``).
* :func:`atlas_html` — ONE self-contained HTML page: a Leaflet map of every
  layer and every scenario (a radio switch in the layer control), labels,
  strait widths, legend and attribution. Leaflet's JavaScript and CSS are
  inlined (images as data: URIs), there are no tiles: the page makes no
  network request at all and can be served by any static host, or opened
  from disk. Every text from the data is HTML-escaped; data reaches the
  JavaScript only as JSON.

Command line::

    python -m geo.export atlas OUT.html
    python -m geo.export geojson SCENARIO OUT.geojson
    python -m geo.export csv OUT.csv [--feature ID]

Exit codes: 0 done, 1 invalid data, 2 bad usage (e.g. an unknown scenario).
"""
from __future__ import annotations

import argparse
import base64
import csv
import html
import io
import json
import re
import sys
from pathlib import Path
from typing import Sequence

import folium
import shapely
from branca.element import Element
from folium.template import Template
from shapely.geometry.base import BaseGeometry

from geo.annotations import Corpus, default_corpus
from geo.errors import DataError
from geo.gazetteer import COUNTRY_NAMES, Feature
from geo.geojson import to_rfc7946
from geo.layers import Atlas, load_atlas
# Colours: the app's palette (Okabe–Ito, colour-blind safe), one copy in geo.mapview.
from geo.mapview import (COAST, HOLDER_FILL, LABEL_CSS, LAND_TINT, OTHER_FILL, OUTLINE,
                         POINT_COLOUR, POINT_LEGEND, STRAIT_COLOUR, ScriptElement)
from geo.scenarios import (Scenario, Scenarios, UnknownScenarioError,
                           default_scenarios, holder_of, is_disputed_under, island_of)
from geo.security import Places, default_places, security_points

ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
NDIGITS = 6  # GeoJSON export: at most 6 decimals (~0.1 m)


LABELLED = ("etorofu", "kunashiri", "shikotan", "habomai", "hokkaido", "urup", "sakhalin",
            "kamchatka", "okinawa", "miyako")
LABEL_OFFSET = {"hokkaido": (0.25, -1.3), "sakhalin": (-1.2, 0.1), "kamchatka": (-0.7, 0.6)}
START_BOUNDS = [[42.6, 140.0], [46.2, 150.2]]


class ExportError(ValueError):
    """Bad request to an export (unknown scenario or feature)."""


# --- shared helpers -------------------------------------------------------------

def _scenario(sid: str, scenarios: Scenarios) -> Scenario:
    try:
        return scenarios.get(sid)
    except UnknownScenarioError as exc:
        raise ExportError(str(exc)) from None


def _names(f: Feature) -> dict:
    return {"ja": f.names.ja.script, "ja_romaji": f.names.ja.romaji,
            "ru": f.names.ru.script, "ru_translit": f.names.ru.translit,
            "en": f.label_en}


def _feature(props: dict, geom: BaseGeometry, ndigits: int) -> dict:
    return {"type": "Feature", "id": props["id"], "properties": props,
            "geometry": to_rfc7946(geom, ndigits)}


def _collection(head: dict, features: list[dict]) -> str:
    """A FeatureCollection as text, one feature per line (like geo.geojson)."""
    text = json.dumps({"type": "FeatureCollection", **head}, ensure_ascii=False,
                      separators=(",", ":"))[:-1]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return text + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


# --- GeoJSON --------------------------------------------------------------------

def scenario_features(scenario: Scenario, atlas: Atlas, places: Places | None = None,
                      ndigits: int = NDIGITS) -> list[dict]:
    """The scenario's layers as GeoJSON Feature dicts: land, straits, places."""
    gaz = atlas.gaz
    out: list[dict] = []
    for fid in sorted(atlas.land.geoms):
        f = gaz.get(fid)
        area = atlas.area_km2(fid)
        props = {"id": fid, "layer": "land", "kind": f.kind, "names": _names(f),
                 "holder": holder_of(scenario, gaz, fid),
                 "disputed": (is_disputed_under(scenario, gaz, fid)
                              if island_of(gaz, fid) is not None else f.disputed),
                 "area_km2": round(area, 1) if area is not None else None}
        if f.part_of:
            props["part_of"] = f.part_of
        out.append(_feature(props, atlas.land.geoms[fid], ndigits))
    for fid in sorted(atlas.straits.geoms):
        f = gaz.get(fid)
        a, b = f.geometry.between
        props = {"id": fid, "layer": "straits", "kind": "strait", "names": _names(f),
                 "width_km": atlas.strait_width_km(fid), "between": [a, b],
                 "shore_holders": [holder_of(scenario, gaz, a), holder_of(scenario, gaz, b)]}
        out.append(_feature(props, atlas.straits.geoms[fid], ndigits))
    for fid in sorted(atlas.places.geoms):
        f = gaz.get(fid)
        props = {"id": fid, "layer": "places", "kind": f.kind, "names": _names(f)}
        out.append(_feature(props, atlas.places.geoms[fid], ndigits))
    places = places or default_places()
    for props, geom in security_points(places):
        out.append(_feature({"layer": "security", **props}, geom, ndigits))
    ids = [f["id"] for f in out]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise DataError(places.path, "id also used by another layer", item=dup[0],
                        field="id")
    return out


def scenario_geojson(scenario_id: str, atlas: Atlas | None = None,
                     scenarios: Scenarios | None = None, places: Places | None = None) -> str:
    """The scenario's layers as one RFC 7946 FeatureCollection (text).

    Raises :class:`ExportError` for an unknown scenario id.
    """
    atlas = atlas or load_atlas()
    sc = _scenario(scenario_id, scenarios or default_scenarios())
    head = {"attribution": ATTRIBUTION, "scenario": sc.id, "scenario_title": sc.title}
    return _collection(head, scenario_features(sc, atlas, places))


# --- CSV ------------------------------------------------------------------------

CSV_COLUMNS = ["id", "features", "quote", "speaker", "speaker_role", "side", "topic", "date",
               "reported", "source_id", "source_title", "outlet", "source_date", "file"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell as text; one a spreadsheet would run as a formula gets a leading '.

    OWASP's rule: cells starting with = + - @ (or tab / carriage return).
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def annotations_csv(feature_id: str | None = None, corpus: Corpus | None = None,
                    atlas: Atlas | None = None) -> str:
    """The annotations (all, or those a feature's card shows) as CSV text.

    Every cell is quoted (RFC 4180, CRLF line ends); ``features`` is the ids
    joined with "; ". Raises :class:`ExportError` for an unknown feature id.
    """
    corpus = corpus or default_corpus()
    anns = corpus.annotations
    if feature_id is not None:
        gaz = (atlas or load_atlas()).gaz
        if feature_id not in gaz:
            raise ExportError(f"unknown feature '{feature_id}'")
        anns = corpus.for_feature(feature_id, gaz)
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for a in anns:
        s = corpus.sources[a.source]
        w.writerow([safe_cell(v) for v in (
            a.id, "; ".join(a.features), a.quote, a.speaker, a.speaker_role, a.side, a.topic,
            a.date or "", "yes" if a.reported else "no", s.id, s.title, s.outlet, s.date,
            s.file)])
    return buf.getvalue()


# --- the standalone atlas -----------------------------------------------------------

def leaflet_assets() -> tuple[str, str]:
    """(JavaScript, CSS) of Leaflet from XStatic-Leaflet, CSS images as data: URIs."""
    from xstatic.pkg import leaflet

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


def _country(code: str | None) -> str:
    return COUNTRY_NAMES.get(code or "", code or "no state")


def _both_names(f: Feature) -> tuple[str, str]:
    return (f"{f.names.ja.romaji} / {f.names.ru.translit}",
            f"{f.names.ja.script} / {f.names.ru.script}")


def _esc(text: str) -> str:
    """HTML-escaped text that Jinja also leaves alone. branca renders each element's
    script and then compiles and renders that output again as a template when the page
    is rendered, so a "{{ ... }}" or "{% ... %}" in a name would be run (server-side
    template injection); its braces become character references."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def _tip(title: str, *lines: str) -> str:
    """Tooltip HTML: every text escaped."""
    out = f"<b>{_esc(title)}</b>"
    return out + "".join(f"<br>{_esc(x)}" for x in lines if x)


def _label_html(main: str, second: str = "") -> str:
    out = f"<div>{_esc(main)}"
    return out + (f"<span>{_esc(second)}</span>" if second else "") + "</div>"


def _label_point(geoms: list[BaseGeometry], group: bool) -> tuple[float, float]:
    g = shapely.union_all(geoms)
    if group:
        c = g.centroid
    else:
        big = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        c = big.centroid if big.contains(big.centroid) else big.representative_point()
    return (c.y, c.x)


_CSS = LABEL_CSS + """
.nt-label.nt-strait > div { font-size: 11px; }
.leaflet-control-layers { font-size: 13px; }
.nt-legend { background: rgba(255,255,255,0.94); padding: 6px 9px; font-size: 11.5px;
  line-height: 1.3; max-width: 290px; border: 1px solid #999; border-radius: 4px; }
.nt-legend h4 { margin: 0 0 4px; font-size: 13px; }
.nt-legend .sw { display: inline-block; width: 18px; height: 12px; vertical-align: middle;
  margin-right: 6px; border: 1px solid #777; }
.nt-legend .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  vertical-align: middle; margin: 0 10px 0 4px; border: 1px solid #333; }
.nt-legend p { margin: 4px 0 0; color: #333; }
"""


def legend_html(scenarios: Scenarios, gaz) -> str:
    """The legend (escaped): colours, outlines, lines, points and the scenarios."""
    def row(swatch: str, text: str) -> str:
        return f'<div>{swatch}{_esc(text)}</div>'

    rows = ['<h4>Northern Territories / Southern Kurils</h4>']
    for code in ("JPN", "RUS"):
        rows.append(row(f'<span class="sw" style="background:{HOLDER_FILL[code]}"></span>',
                        f"Disputed island, held by {_country(code)} in the chosen scenario"))
    rows.append(row(f'<span class="sw" style="border:2px dashed {OUTLINE}"></span>',
                    "Dashed outline: still disputed in that scenario"))
    for code in ("JPN", "RUS"):
        rows.append(row(f'<span class="sw" style="background:{LAND_TINT[code]}"></span>',
                        f"{_country(code)} (undisputed)"))
    rows.append(row(f'<span class="sw" style="background:{OTHER_FILL}"></span>',
                    "Other countries"))
    rows.append(row(f'<span class="sw" style="border:0;border-top:3px dotted {STRAIT_COLOUR};'
                    'height:0"></span>', "Strait narrows, width in km (geodesic)"))
    for kind in ("base", "fleet", "incident"):
        rows.append(row(f'<span class="dot" style="background:{POINT_COLOUR[kind]}"></span>',
                        POINT_LEGEND[kind]))
    rows.append(row('<span class="dot" style="background:#fff;border:1px dashed #333"></span>',
                    "Hollow: approximate, illustrative point only"))
    titles = "; ".join(s.short_title for s in scenarios)
    rows.append(f"<p>{_esc('Scenarios (layer switch, top right): ' + titles + '.')}</p>")
    rows.append(f"<p>{html.escape('Coastlines ' + ATTRIBUTION + '. This map quotes; it does not judge.')}</p>")
    return "".join(rows)


_ATLAS_JS = Template("""
{% macro script(this, kwargs) %}
(function (map, d) {
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution(d.attribution);
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "nt-legend");
    div.innerHTML = d.legend;  // built and escaped in Python
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);
  map.on("baselayerchange", function () {  // keep lines and points above the islands
    d.front.forEach(function (name) { var l = window[name]; if (l && map.hasLayer(l)) l.bringToFront(); });
  });
})({{ this._parent.get_name() }}, {{ this.data|tojson }});
{% endmacro %}
""")


class _AtlasExtras(ScriptElement):
    """Attribution, legend and drawing order (data passed as JSON)."""

    _template = _ATLAS_JS

    def __init__(self, data: dict):
        super().__init__()
        self._name = "AtlasExtras"
        self.data = data


def _geojson(feats: list[dict], styles: dict[str, dict], *, name: str,
             marker: bool = False, interactive: bool = True) -> folium.GeoJson:
    """A folium GeoJson layer: per-id styles, tooltip from the (escaped) 'tip' property."""
    kwargs = {}
    if marker:
        kwargs["marker"] = folium.CircleMarker(radius=7)
    has_tip = interactive and all("tip" in f["properties"] for f in feats)
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": feats}, name=name,
        style_function=lambda f: styles[f["properties"]["id"]],
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False) if has_tip else None,
        control=False, interactive=interactive, **kwargs)


def _label_marker(lat: float, lon: float, html_text: str, cls: str) -> folium.Marker:
    return folium.Marker([round(lat, 4), round(lon, 4)], interactive=False, keyboard=False,
                         icon=folium.DivIcon(html=html_text, class_name=cls, icon_size=(0, 0)))


def atlas_map(atlas: Atlas | None = None, scenarios: Scenarios | None = None,
              places: Places | None = None) -> folium.Map:
    """The standalone map: no tiles, no external asset, every scenario switchable."""
    atlas = atlas or load_atlas()
    scenarios = scenarios or default_scenarios()
    places = places or default_places()
    gaz = atlas.gaz
    js, css = leaflet_assets()

    m = folium.Map(location=[44.25, 146.6], zoom_start=7, tiles=None, control_scale=True,
                   min_zoom=3, max_zoom=12, prefer_canvas=False)
    m.default_js = []
    m.default_css = []
    root = m.get_root()
    root.title = "Northern Territories / Southern Kurils: atlas of the scenarios"
    root.header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css_inline")
    root.header.add_child(Element(f"<script>{js}</script>"), name="leaflet_js_inline")
    root.header.add_child(Element(f"<style>{_CSS}</style>"), name="nt_css")

    display = atlas.display
    disputed_ids = sorted(f for f in display.geoms if f in gaz and island_of(gaz, f) is not None)
    other_ids = sorted(f for f in display.geoms if f not in disputed_ids)

    # Constant land: everything but the disputed islands.
    feats, styles = [], {}
    for fid in other_ids:
        p = display.props[fid]
        if fid in gaz:
            f = gaz.get(fid)
            code = f.administered_by
            main, second = _both_names(f)
            claims = [c for c in f.claimed_by if c != code]
            status = f"Administered by {_country(code)}" + (
                f"; claimed by {', '.join(_country(c) for c in claims)}" if claims else "")
            tip = _tip(main, second, status)
        else:
            code = p.get("country")
            tip = None
        props = {"id": fid}
        if tip:
            props["tip"] = tip
        feats.append(_feature(props, display.geoms[fid], 4))
        styles[fid] = {"fillColor": LAND_TINT.get(code or "", OTHER_FILL), "fillOpacity": 1.0,
                       "color": COAST, "weight": 0.7, "className": f"nt-f-{fid}"}
    land_fg = folium.FeatureGroup(name="Land", control=False)
    _geojson([f for f in feats if "tip" in f["properties"]], styles, name="land").add_to(land_fg)
    _geojson([f for f in feats if "tip" not in f["properties"]], styles, name="context",
             interactive=False).add_to(land_fg)
    land_fg.add_to(m)

    # One switchable (radio) layer per scenario: the disputed islands, styled.
    for sc in scenarios:
        feats, styles = [], {}
        for fid in disputed_ids:
            f = gaz.get(fid)
            holder = holder_of(sc, gaz, fid)
            disputed = is_disputed_under(sc, gaz, fid)
            main, second = _both_names(f)
            status = (f"{sc.short_title}: held by {_country(holder)} "
                      f"({'disputed' if disputed else 'dispute settled'})")
            part = f"Part of the {gaz.get(f.part_of).label_en}." if f.part_of else ""
            area = atlas.area_km2(fid)
            feats.append(_feature({"id": fid, "tip": _tip(main, second, part, status,
                                   f"Area {area:,.1f} km² (computed)" if area else "")},
                                  display.geoms[fid], 5))
            style = {"fillColor": HOLDER_FILL[holder], "fillOpacity": 0.85, "color": OUTLINE,
                     "weight": 2.2 if disputed else 1.0,
                     "className": f"nt-f-{fid} nt-holder-{holder} nt-sc-{sc.id}"}
            if disputed:
                style["dashArray"] = "6 4"
            styles[fid] = style
        # The layer switch shows the name as HTML: escaped (and its braces too).
        fg = folium.FeatureGroup(name=_esc(sc.short_title), overlay=False,
                                 show=(sc.id == "today"))
        _geojson(feats, styles, name=f"islands-{sc.id}").add_to(fg)
        fg.add_to(m)

    # Straits: the narrows, with their width.
    straits_fg = folium.FeatureGroup(name="Strait narrows (km)", show=True)
    feats, styles = [], {}
    for fid in sorted(atlas.straits.geoms):
        f = gaz.get(fid)
        a, b = f.geometry.between
        width = atlas.strait_width_km(fid)
        main, second = _both_names(f)
        feats.append(_feature({"id": fid, "tip": _tip(
            main, second, f"Narrows {width:,.1f} km between {gaz.get(a).label_en} and "
                          f"{gaz.get(b).label_en}")}, atlas.straits.geoms[fid], 5))
        styles[fid] = {"color": STRAIT_COLOUR, "weight": 3, "dashArray": "1 6",
                       "lineCap": "round", "className": f"nt-f-{fid} nt-strait"}
        mid = atlas.straits.geoms[fid].interpolate(0.5, normalized=True)
        _label_marker(mid.y, mid.x, _label_html(f"{width:,.1f} km", f.label_en),
                      f"nt-label nt-strait nt-label-{fid}").add_to(straits_fg)
    _geojson(feats, styles, name="straits").add_to(straits_fg)
    straits_fg.add_to(m)

    # Security points (cited; approximate ones hollow).
    sec_fg = folium.FeatureGroup(name="Bases, fleet and incidents (cited points)", show=True)
    feats, styles = [], {}
    for props, geom in security_points(places):
        lines = [POINT_LEGEND[props["kind"]],
                 "Approximate: illustrative point, not a reported position"
                 if props["precision"] == "approximate" else "Site coordinates",
                 props["note"], f"Coordinates: {props['citation']}"]
        feats.append(_feature({"id": props["id"], "tip": _tip(props["label"], *lines)}, geom, 5))
        colour = POINT_COLOUR[props["kind"]]
        approx = props["precision"] == "approximate"
        styles[props["id"]] = {"color": colour if approx else "#222222", "weight": 2,
                               "fillColor": colour, "fillOpacity": 0.15 if approx else 0.9,
                               "dashArray": "3 3" if approx else None,
                               "className": f"nt-point nt-point-{props['kind']}"}
    _geojson(feats, styles, name="security", marker=True).add_to(sec_fg)
    sec_fg.add_to(m)

    # Labels of the main land features (both names).
    labels_fg = folium.FeatureGroup(name="Labels", show=True)
    for fid in LABELLED:
        members = [x for x in gaz.members(fid) if x in display.geoms]
        if not members:
            continue
        lat, lon = _label_point([display.geoms[x] for x in members], group=len(members) > 1)
        dlat, dlon = LABEL_OFFSET.get(fid, (0.0, 0.0))
        cls = "nt-label" if island_of(gaz, fid) is not None else "nt-label nt-context"
        _label_marker(lat + dlat, lon + dlon, _label_html(*_both_names(gaz.get(fid))),
                      f"{cls} nt-label-{fid}").add_to(labels_fg)
    labels_fg.add_to(m)

    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    _AtlasExtras({"attribution": html.escape(ATTRIBUTION), "legend": legend_html(scenarios, gaz),
                  "front": [straits_fg.get_name(), sec_fg.get_name()]}).add_to(m)
    m.fit_bounds(START_BOUNDS)
    return m


def atlas_html(atlas: Atlas | None = None, scenarios: Scenarios | None = None,
               places: Places | None = None) -> str:
    """The standalone atlas page (HTML text)."""
    text = atlas_map(atlas, scenarios, places).get_root().render()
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


# --- command line -----------------------------------------------------------------

def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo.export",
                                description="Export the scenarios, annotations or the atlas.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("atlas", help="one standalone, offline HTML map of all scenarios")
    a.add_argument("out", type=Path)
    g = sub.add_parser("geojson", help="a scenario's layers as RFC 7946 GeoJSON")
    g.add_argument("scenario")
    g.add_argument("out", type=Path)
    c = sub.add_parser("csv", help="the annotations as CSV")
    c.add_argument("out", type=Path)
    c.add_argument("--feature", default=None, help="only the annotations of this feature")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "atlas":
            text = atlas_html()
        elif args.command == "geojson":
            text = scenario_geojson(args.scenario)
        else:
            text = annotations_csv(args.feature)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    _write(args.out, text)
    print(f"wrote {args.out} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    from geo.export import main as _main  # one copy of the classes (see geo.annotations)

    sys.exit(_main())
