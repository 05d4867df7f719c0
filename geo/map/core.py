"""Building the folium map, fully offline (no CDN, no tiles unless asked for).

streamlit-folium remounts the map (losing the reader's zoom) whenever the
base map's generated JavaScript changes, and resends all of the map's
JavaScript on every rerun. So:

* The geometry is not in the JavaScript at all. :func:`ensure_map_data`
  writes it once to ``static/map/geo-<hash>.json`` (served by Streamlit at
  ``/app/static/``; the hash in the name keeps browser caches honest) and the
  map fetches it once per page load.
* :func:`base_map` is constant: local Leaflet, no tiles, sea colour and label
  CSS, the starting view, the loader of the geometry, the click handler and
  the unnamed context land. It is built afresh on each run (folium objects are
  mutated while rendering, so one shared instance is not safe across
  sessions) and always renders the same JavaScript.
* :func:`feature_groups` returns small fresh FeatureGroups for what changes:
  styles, tooltips and labels per scenario and names convention, the
  selection, the straits overlay and the opt-in online basemap. st_folium
  swaps them in place (``feature_group_to_add``) without touching the view.

Every clickable feature carries a stable ``id`` property (the gazetteer id)
and a CSS class ``nt-f-<id>`` on its SVG path. Every text that reaches a
tooltip or label is HTML-escaped here (Leaflet inserts it as HTML). Colours
are Okabe–Ito (colour-blind safe) and disputed status is also drawn as a
dashed outline, never by colour alone.
"""
from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import folium
import numpy as np
import shapely
from branca.element import Element, MacroElement
from folium.template import Template
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from geo.analysis import treaty_lines as history
from geo.data.gazetteer import COUNTRY_NAMES, LAND_KINDS, Feature
from geo.data.geojson import to_rfc7946
from geo.views.historical import KEY_LABELS, is_historical, line_label
from geo.data.layers import Atlas, load_atlas
from geo.measure import area_km2
from geo.safe import html_text, script_json
from geo.views.catalog import holder_of
from geo.views.present import DISPUTED, Scenario, default_scenarios, is_disputed_under, island_of
from geo.map.state import MapState
from geo.map.assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, ensure_static, map_data_dir, write_hashed

# --- look -------------------------------------------------------------------------

HOLDER_FILL = {"JPN": "#0072B2", "RUS": "#E69F00",  # Okabe–Ito blue / orange
               "JOINT": "#BB5566",  # Tol's rose: undivided (history only); the bluish
               # green #009E73 came within ΔE 17 of the blue under tritanopia
               # (test_accessibility)
               "UND": "#FFFFFF"}  # attribution undetermined (Japan's maps): white, dotted edge
JOINT_DASH = "2 4"  # joint holding is also drawn as a dotted outline, not by colour alone
TREATY_COLOUR = "#000000"  # treaty boundary lines (history), dashed over a white casing
LAND_TINT = {"JPN": "#9CC4E4", "RUS": "#F5D595"}  # the same hues, lighter: undisputed land
OTHER_FILL = "#D9D9D9"  # land of other countries
SEA = "#F7F9FA"
STRAIT_COLOUR = "#882255"  # Tol's wine: apart from both holder colours
OUTLINE = "#333333"
COAST = "#5F6E7A"  # outline of undisputed land
SEA_TINT = {"JPN": "#0072B2", "RUS": "#E69F00"}  # sea division zones: holder hues, faint
SEA_OPACITY = 0.07  # faint: sea, not to be mistaken for land
MEDIAN_COLOUR = "#3B3B3B"  # the illustrative median line: dash-dot, unlike treaty lines
MEDIAN_DASH = "10 4 2 4"
POINT_COLOUR = {"base": "#009E73", "fleet": "#D55E00", "incident": "#CC79A7"}
POINT_LEGEND = {"base": "US base in Japan", "fleet": "Russian Pacific Fleet home port",
                "incident": "Incident reported by a source"}
POINT_DASH = "3 3"  # approximate (illustrative) points: hollow, dashed outline
SEA_SIMPLIFY_DEG = 0.01  # ~1 km: the sea zones and line as drawn (figures use the full ones)
SEA_DISCLAIMER = ("An illustration of the equidistance method, not a legal boundary: no "
                  "baselines, no agreed lines, no weighting of small islands.")

NAMES_CONVENTIONS = {"ja": "Japanese names", "ru": "Russian names", "both": "Both"}
RETURNED_OBJECTS = ["last_object_clicked", "last_active_drawing"]
MAP_HEIGHT = 560

VIEWS = {  # (lat, lon) centre and zoom of the views one can jump to
    "islands": ((44.25, 146.6), 7),
    "okinawa": ((25.85, 126.8), 7),
    "region": ((37.0, 137.0), 4),
    "kurils": ((48.6, 149.0), 5),
}
VIEW_LABELS = {"islands": "Disputed islands", "okinawa": "Okinawa and Miyako Strait",
               "region": "Whole region", "kurils": "Kurils and Sakhalin"}
HISTORY_VIEW = "kurils"  # where the historical scenarios and the timeline look
# Sakhalin's halves (history) are drawn as their own features; a click on one selects Sakhalin.
CLICK_ALIASES = {history.SAKHALIN_SOUTH: history.SAKHALIN,
                 history.SAKHALIN_NORTH: history.SAKHALIN}
START_BOUNDS = [[43.0, 144.4], [45.8, 149.6]]  # the four islands and Cape Nosappu

# Land far from the islands is generalised further, for the browser only
# (measures always use the full-resolution layer): parts under MIN_PART_KM2
# are dropped and outlines simplified as one coverage (shared edges kept).
DETAILED = ("hokkaido", "kuril-north", "sakhalin", "urup")  # seen next to the islands
ISLANDS_ALONE = ("miyako", "okinawa", "tsushima")  # seen close up in the Okinawa view
FAR_TOLERANCE_DEG = 0.02
NEAR_TOLERANCE_DEG = 0.004
ALONE_TOLERANCE_DEG = 0.002
MIN_PART_KM2 = 2.0

LABELLED = ("etorofu", "kunashiri", "shikotan", "habomai", "hokkaido", "urup", "sakhalin",
            "kamchatka", "okinawa", "miyako")
STRAIT_ANCHOR = {"catherine-strait": "above", "vries-strait": "above", "nemuro-strait": "below",
                 "soya-strait": "left", "tsugaru-strait": "right", "tsushima-strait-east": "right",
                 "tsushima-strait-west": "left", "miyako-strait": "above"}
LABEL_OFFSET = {"hokkaido": (0.25, -1.3), "sakhalin": (-1.2, 0.1),
                "kamchatka": (-0.7, 0.6)}  # (dlat, dlon) where the centre is crowded
LABEL_ANCHOR = {"etorofu": "left", "kunashiri": "left", "shikotan": "right", "habomai": "below"}

MAP_DATA_URL = "../../app/static/map/"  # as seen from the st_folium iframe

# The sea, fonts and labels: shared with the exported atlas (geo.export).
LABEL_CSS = f"""
.leaflet-container {{ background: {SEA}; font-family: system-ui, -apple-system, "Segoe UI",
  "Noto Sans", "Noto Sans CJK JP", sans-serif; }}
.nt-label {{ pointer-events: none; }}
.nt-label > div {{ position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  text-align: center; font-size: 12px; line-height: 1.2; font-weight: 600; color: #111;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff, 0 0 1px #fff; }}
.nt-label > div span {{ display: block; font-weight: 400; font-size: 11px; }}
.nt-label.nt-strait > div {{ color: {STRAIT_COLOUR}; font-style: italic; }}
.nt-label.nt-context > div {{ color: #444; font-weight: 500; }}
.nt-label.nt-at-above > div {{ transform: translate(-50%, calc(-100% - 6px)); }}
.nt-label.nt-at-below > div {{ transform: translate(-50%, 6px); }}
.nt-label.nt-at-left > div {{ transform: translate(calc(-100% - 8px), -50%); text-align: right; }}
.nt-label.nt-at-right > div {{ transform: translate(8px, -50%); text-align: left; }}
.nt-zoom-far .nt-label > div span, .nt-zoom-mid .nt-label.nt-strait > div span {{ display: none; }}
"""
_CSS = "<style>" + LABEL_CSS + f""".nt-label.nt-treaty > div {{ color: {TREATY_COLOUR}; font-size: 11px; font-weight: 600;
  background: rgba(255,255,255,.8); padding: 0 3px; border-radius: 2px; }}
.leaflet-tooltip {{ font-size: 13px; }}
.nt-error {{ position: absolute; z-index: 1000; top: 8px; left: 50px; right: 8px;
  background: #fff3f3; border: 1px solid #c00; padding: 6px 10px; color: #900; }}
</style>"""


# --- display geometry and the static data file -------------------------------------------

def _drop_small(g: BaseGeometry, min_km2: float) -> BaseGeometry:
    parts = list(g.geoms) if g.geom_type == "MultiPolygon" else [g]
    keep = [p for p in parts if area_km2(p) >= min_km2] or [max(parts, key=lambda p: p.area)]
    return MultiPolygon(keep) if len(keep) > 1 else keep[0]


def display_land(atlas: Atlas | None = None) -> dict[str, BaseGeometry]:
    """Land as drawn: the shipped display layer, land far away generalised further."""
    return _display_land(atlas or load_atlas())


def display_precision(fid: str, atlas: Atlas) -> int:
    """Decimals of a feature's coordinates as drawn (5 for the islands, ~1 m)."""
    return _precision(fid, atlas)


@lru_cache(maxsize=2)
def _display_land(atlas: Atlas) -> dict[str, BaseGeometry]:
    # keyed by the atlas, itself cached per data folder (geo.layers.load_atlas)
    layer = atlas.display
    out: dict[str, BaseGeometry] = {}
    far = [f for f in sorted(layer.geoms) if f not in DETAILED and f not in ISLANDS_ALONE
           and island_of(atlas.gaz, f) is None]
    for ids, tol, drop in ((far, FAR_TOLERANCE_DEG, True), (DETAILED, NEAR_TOLERANCE_DEG, False),
                           (ISLANDS_ALONE, ALONE_TOLERANCE_DEG, False)):
        ids = [f for f in ids if f in layer.geoms]
        geoms = [_drop_small(layer.geoms[f], MIN_PART_KM2) if drop else layer.geoms[f]
                 for f in ids]
        for fid, g in zip(ids, shapely.coverage_simplify(np.array(geoms, dtype=object), tol)):
            out[fid] = g
    for fid, g in layer.geoms.items():  # the disputed islands: as shipped
        out.setdefault(fid, g)
    return out


def _precision(fid: str, atlas: Atlas) -> int:
    if island_of(atlas.gaz, fid) is not None:
        return 5
    return 4 if fid in DETAILED or fid in ISLANDS_ALONE else 3


def _sakhalin_halves(atlas: Atlas) -> tuple[BaseGeometry, BaseGeometry]:
    """Sakhalin as drawn, cut at 50°N (for the browser; measures use history.sakhalin_split)."""
    g = _display_land(atlas)[history.SAKHALIN]
    minx, miny, maxx, maxy = g.bounds
    lat = history.PORTSMOUTH_LATITUDE
    return (g.intersection(shapely.box(minx - 1, miny - 1, maxx + 1, lat)),
            g.intersection(shapely.box(minx - 1, lat, maxx + 1, maxy + 1)))


def map_data() -> bytes:
    """The geometry the browser draws, as compact GeoJSON: land, straits, places."""
    return _map_data(load_atlas())


@lru_cache(maxsize=2)
def _map_data(atlas: Atlas) -> bytes:
    feats = []
    for fid, g in sorted(_display_land(atlas).items()):
        p = atlas.display.props[fid]
        props = {"id": fid, "kind": p["kind"]}
        if p.get("country"):
            props["country"] = p["country"]
        feats.append({"type": "Feature", "id": fid, "properties": props,
                      "geometry": to_rfc7946(g, _precision(fid, atlas))})
    # History: Sakhalin's halves (cut at 50°N) and the treaty lines, drawn only when asked.
    for fid, g in zip((history.SAKHALIN_SOUTH, history.SAKHALIN_NORTH),
                      _sakhalin_halves(atlas)):
        feats.append({"type": "Feature", "id": fid, "properties": {"id": fid, "kind": "history"},
                      "geometry": to_rfc7946(g, 4)})
    for lid, (_, line) in history.treaty_lines(atlas).items():
        feats.append({"type": "Feature", "id": lid, "properties": {"id": lid,
                      "kind": "treaty-line"}, "geometry": to_rfc7946(line, 4)})
    for layer in (atlas.straits, atlas.places):
        for fid, g in sorted(layer.geoms.items()):
            feats.append({"type": "Feature", "id": fid,
                          "properties": {"id": fid, "kind": layer.props[fid]["kind"]},
                          "geometry": to_rfc7946(g, 5)})
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def map_data_name() -> str:
    return _map_data_name(load_atlas())


@lru_cache(maxsize=2)
def _map_data_name(atlas: Atlas) -> str:
    return f"geo-{hashlib.sha256(_map_data(atlas)).hexdigest()[:12]}.json"


def ensure_map_data(target: Path | None = None) -> Path:
    """Write the geometry file if missing (atomic; older versions removed)."""
    folder = Path(target) if target is not None else map_data_dir()
    return write_hashed(folder / map_data_name(), map_data(), "geo-*.json")


# --- names and text ------------------------------------------------------------------------

def name_lines(f: Feature, names: str) -> tuple[str, str]:
    """(main, secondary) name of a feature under a convention: 'ja', 'ru' or 'both'."""
    ja, ru = f.names.ja, f.names.ru
    if names == "ja":
        return ja.romaji, ja.script
    if names == "ru":
        return ru.translit, ru.script
    return f"{ja.romaji} / {ru.translit}", f"{ja.script} / {ru.script}"


def heading(f: Feature, names: str) -> str:
    """A one-line name for headings and select boxes (plain text, not HTML)."""
    main, second = name_lines(f, names)
    return f"{main} ({second})"


def country(code: str | None) -> str:
    return COUNTRY_NAMES.get(code or "", code or "no state")


def holder_word(code: str | None) -> str:
    if code == "JOINT":
        return "undivided: no border between Japan and Russia"
    if code == "UND":
        return "undetermined attribution"
    return country(code)


def held_words(view, holder: str) -> str:
    """'held by Japan' in a historical view; in a point of view, how it shows the land
    ('shown as Japan's territory', 'administered by Russia': a convention or a fact of
    administration, not a holding)."""
    if getattr(view, "point_of_view", False):
        return view.shown_words(holder)
    return f"held by {holder_word(holder)}"


def status_text(f: Feature, scenario: Scenario, gaz) -> str:
    """Who holds a feature under the scenario, in words (plain text)."""
    isl = island_of(gaz, f.id)
    if is_historical(scenario):
        if f.id == history.SAKHALIN:
            south = held_words(scenario, scenario.holders[history.SAKHALIN_SOUTH])
            north = held_words(scenario, scenario.holders[history.SAKHALIN_NORTH])
            return (f"{scenario.short_title}: south of 50°N {south}, north "
                    f"{north.removeprefix('held ')}")
        h = scenario.holder_of_feature(isl or f.id)
        if h is not None:
            settled = ("; disputed" if isl and getattr(scenario, "point_of_view", False)
                       and scenario.is_disputed(isl) else "")
            return f"{scenario.short_title}: {held_words(scenario, h)}{settled}"
    if isl is None:
        if f.kind in ("strait", "strait-group", "sea") or not f.administered_by:
            return ""
        claims = [c for c in f.claimed_by if c != f.administered_by]
        text = f"Administered by {country(f.administered_by)}"
        return text + (f"; claimed by {', '.join(country(c) for c in claims)}" if claims else "")
    if scenario.id == "today":
        return "Administered by Russia; claimed by Japan (disputed)"
    settled = "still disputed" if scenario.is_disputed(isl) else "dispute settled"
    return f"{scenario.short_title}: held by {country(scenario.holder(isl))} ({settled})"


def tooltip_html(f: Feature, names: str, extra: str = "") -> str:
    """Tooltip markup; every text in it is escaped."""
    main, second = name_lines(f, names)
    out = f"<b>{html_text(main)}</b> {html_text(second)}"
    return out + (f"<br>{html_text(extra)}" if extra else "")


def label_html(main: str, second: str) -> str:
    return f"<div>{html_text(main)}<span>{html_text(second)}</span></div>"


# --- map elements ----------------------------------------------------------------------------

_BASE_JS = Template("""
{% macro script(this, kwargs) %}
window.NT = (function (map, url, tints, other, coast) {
  var NT = {map: map, byId: {}};
  function zoomClass() {  // secondary label lines only when zoomed in enough
    var z = map.getZoom(), c = map.getContainer().classList;
    c.toggle("nt-zoom-far", z < 6);
    c.toggle("nt-zoom-mid", z < 8);
  }
  map.on("zoomend", zoomClass);
  zoomClass();
  function fail(err) {
    var box = document.createElement("div");
    box.className = "nt-error";
    box.textContent = "The map data could not be loaded (" + err + "). Reload the page.";
    map.getContainer().appendChild(box);
  }
  performance.mark("nt-map");
  NT.geo = fetch(url).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.json();
  }).then(function (d) {
    d.features.forEach(function (f) { NT.byId[f.properties.id] = f; });
    performance.mark("nt-data");
    return d;
  });
  NT.geo.then(function (d) {
    L.geoJson({type: "FeatureCollection", features: d.features.filter(function (f) {
      return f.properties.kind === "context"; })}, {interactive: false, style: function (f) {
        return {fillColor: tints[f.properties.country] || other, fillOpacity: 1,
                color: coast, weight: 0.6};
      }}).addTo(map);
  }).catch(function (err) { fail(err.message || err); });
  // A click goes to Python at once, not after streamlit-folium's 250 ms
  // debounce. It sends what streamlit-folium would send (same keys and
  // values) and records it as sent, so the debounced update adds nothing.
  NT.click = function (e) {
    var g = window.__GLOBAL_DATA__, S = window.Streamlit;
    if (!g || !S) return;
    g.last_object_clicked = e.latlng || null;
    // The feature without its geometry: Python needs only its properties (id), and
    // a large island's coordinates would make every click's message heavy.
    var f = e.target.feature || {};
    g.last_active_drawing = {type: "Feature", properties: f.properties || {}, geometry: null};
    var data = {}, all = {last_object_clicked: g.last_object_clicked,
                          last_active_drawing: g.last_active_drawing};
    ["last_object_clicked", "last_active_drawing"].forEach(function (k) {
      if (g.returned_objects.indexOf(k) >= 0) data[k] = all[k];
    });
    g.previous_data = data;
    S.setComponentValue(data);
  };
  // Layers live in named slots on the map, not in streamlit-folium's feature
  // groups: each rerun sends every slot's spec again, and only a slot whose
  // spec changed is rebuilt (a click rebuilds the selection, not the land).
  NT.slots = {};
  NT.queue = NT.geo;
  function later(fn) { NT.queue = NT.queue.then(fn).catch(function (e) { console.error(e); }); }
  NT.begin = function () { later(function () { NT.used = []; }); };
  NT.end = function () {
    later(function () {
      Object.keys(NT.slots).forEach(function (name) {
        if (NT.used.indexOf(name) < 0) { map.removeLayer(NT.slots[name].layer); delete NT.slots[name]; }
      });
      NT.used.forEach(function (name) { // drawing order: the order of this run
        var s = NT.slots[name];
        if (s && s.layer.bringToFront) s.layer.bringToFront();
      });
      performance.mark("nt-drawn");
    });
  };
  function slot(name, spec, build) {
    later(function () {
      var key = JSON.stringify(spec), old = NT.slots[name];
      NT.used.push(name);
      if (old && old.key === key) return;
      if (old) map.removeLayer(old.layer);
      NT.slots[name] = {key: key, layer: build(spec).addTo(map)};
    });
  }
  NT.layer = function (name, spec) {
    slot(name, spec, function (spec) {
      var feats = spec.ids.map(function (id) { return NT.byId[id]; }).filter(Boolean);
      var layer = L.geoJson({type: "FeatureCollection", features: feats}, {
        interactive: spec.interactive,
        style: function (f) { return spec.styles[f.properties.id]; },
        pointToLayer: function (f, ll) {
          return L.circleMarker(ll, Object.assign({radius: 8}, spec.styles[f.properties.id]));
        },
        onEachFeature: function (f, l) {
          var tip = spec.tips && spec.tips[f.properties.id];
          if (tip) l.bindTooltip(tip, {sticky: true});
          if (!spec.interactive) return;
          l.on("click", NT.click);
          if (spec.highlight) {
            l.on("mouseover", function () { l.setStyle(spec.highlight); });
            l.on("mouseout", function () { layer.resetStyle(l); });
          }
        }
      });
      return layer;
    });
  };
  // A layer from its own static JSON file (the sea division), fetched once per URL.
  NT.files = {};
  NT.remote = function (name, spec) {
    later(function () {
      var key = JSON.stringify(spec), old = NT.slots[name];
      NT.used.push(name);
      if (old && old.key === key) return;
      if (!NT.files[spec.url]) NT.files[spec.url] = fetch(spec.url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
      return NT.files[spec.url].then(function (d) {
        if (old) map.removeLayer(old.layer);
        var layer = L.geoJson(d, {
          style: function (f) { return spec.styles[f.properties.id]; },
          onEachFeature: function (f, l) {
            var tip = spec.tips[f.properties.id];
            if (tip) l.bindTooltip(tip, {sticky: true});
            else if (l.options) l.options.interactive = false;
          }
        });
        NT.slots[name] = {key: key, layer: layer.addTo(map)};
      }).catch(function (err) { delete NT.files[spec.url]; throw err; });
    });
  };
  NT.points = function (name, items) {  // circle markers with a tooltip, no click
    slot(name, items, function (items) {
      return L.featureGroup(items.map(function (it) {
        return L.circleMarker([it.lat, it.lon], it.style).bindTooltip(it.tip);
      }));
    });
  };
  NT.labels = function (name, items) {
    slot(name, items, function (items) {
      return L.layerGroup(items.map(function (it) {
        return L.marker([it.lat, it.lon], {interactive: false, keyboard: false,
          icon: L.divIcon({html: it.html, className: it.cls, iconSize: [0, 0]})});
      }));
    });
  };
  return NT;
})({{ this._parent.get_name() }}, {{ this.args }});
{% endmacro %}
""")


class _Raw(Element):
    """Text placed in the page as is (never compiled as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class ScriptElement(MacroElement):
    """A MacroElement (with a ``script`` macro only) whose script goes into the page as
    it is. branca's MacroElement.render compiles each rendered script again as a new
    Jinja template: slow, and text from the data inside it (a name "{{ … }}") would be
    evaluated on the server. streamlit-folium takes the script from the macro directly;
    this is the path of a full page (``Figure.render``, e.g. the exported atlas)."""

    def script(self) -> str:
        return self._template.module.script(self, {})

    def render(self, **kwargs) -> None:
        self.get_root().script.add_child(_Raw(self.script()), name=self.get_name())


class _GeoBase(ScriptElement):
    """Loads the geometry file and draws the context land (part of the base map)."""

    _template = _BASE_JS

    def __init__(self, url: str):
        super().__init__()
        self._name = "GeoBase"
        self.args = ", ".join(script_json(x) for x in (url, LAND_TINT, OTHER_FILL, COAST))


class _Call(ScriptElement):
    """``NT.<fn>(<slot>, <spec>)``: one call, data as JSON (see the base script)."""

    _template = Template("""
{% macro script(this, kwargs) %}
NT.{{ this.fn }}({{ this.args }});
{% endmacro %}
""")

    def __init__(self, fn: str, slot: str | None = None, spec=None):
        super().__init__()
        self._name = "NTCall"
        self.fn, self.slot, self.spec = fn, slot, spec
        # The data as JSON safe inside a script and inert as a template (geo.safe):
        # Jinja prints this string, it never reads it.
        self.args = f"{script_json(slot)}, {script_json(spec)}"


def base_map() -> folium.Map:
    """The constant base map: the same JavaScript on every run and in every scenario."""
    m = folium.Map(location=VIEWS["islands"][0], zoom_start=VIEWS["islands"][1], tiles=None,
                   control_scale=True, min_zoom=3, max_zoom=12)
    # Local Leaflet, set on the instance (add_js_link would mutate the class).
    m.default_js = [("leaflet", LEAFLET_JS_URL)]
    m.default_css = [("leaflet_css", LEAFLET_CSS_URL)]
    m.get_root().header.add_child(_Raw(_CSS), name="nt_css")
    _GeoBase(MAP_DATA_URL + map_data_name()).add_to(m)
    m.fit_bounds(START_BOUNDS)
    return m


# --- what changes from run to run ---------------------------------------------------------------

def land_style(fid: str, country_code: str | None) -> dict:
    """Path style of land outside the four islands: its country's light tint (Japan,
    Russia) or grey."""
    return {"fillColor": LAND_TINT.get(country_code or "", OTHER_FILL), "fillOpacity": 1.0,
            "color": COAST, "weight": 0.7, "className": f"nt-f-{fid}"}


def island_style(scenario: Scenario, gaz, fid: str) -> dict:
    """Path style of a disputed island or islet: holder colour, dashed if disputed."""
    holder = holder_of(scenario, gaz, fid)
    disputed = is_disputed_under(scenario, gaz, fid)
    style = {"fillColor": HOLDER_FILL[holder], "fillOpacity": 0.85, "color": OUTLINE,
             "weight": 2.2 if disputed else 1.0, "className": f"nt-f-{fid} nt-holder-{holder}"}
    if disputed:
        style["dashArray"] = "6 4"
    return style


def _layer(fg, slot, ids, styles, *, tips=None, highlight=None, interactive=True):
    _Call("layer", slot, {"ids": list(ids), "styles": styles, "tips": tips or {},
                          "highlight": highlight, "interactive": interactive}).add_to(fg)


def _land_group(state: MapState, atlas: Atlas) -> folium.FeatureGroup:
    gaz = atlas.gaz
    named = [f for f in sorted(_display_land(atlas)) if f in gaz]
    hist = _history_ids(state)  # drawn by holder in a historical view, not by today's tint
    others = [f for f in named if island_of(gaz, f) is None and f not in hist
              and not (hist and f == history.SAKHALIN)]
    islands = [f for f in named if island_of(gaz, f) is not None]
    fg = folium.FeatureGroup(name="Land", control=False)
    _layer(fg, "land", others, {f: land_style(f, gaz.get(f).administered_by) for f in others},
           tips={f: tooltip_html(gaz.get(f), state.names, status_text(gaz.get(f), state.scenario,
                                                                       gaz)) for f in others},
           highlight={"weight": 2, "color": OUTLINE})
    tips = {}
    for f in islands:
        feat = gaz.get(f)
        extra = status_text(feat, state.scenario, gaz)
        if feat.part_of:
            extra = f"Part of the {gaz.get(feat.part_of).label_en}. {extra}"
        tips[f] = tooltip_html(feat, state.names, extra)
    if hist:
        _layer(fg, "history-land", hist, {f: holder_style(state.scenario.features[f], f)
                                          for f in hist},
               tips={f: _history_tip(state, gaz, f) for f in hist},
               highlight={"weight": 3, "fillOpacity": 0.95})
    _layer(fg, "islands", islands, {f: island_style(state.scenario, gaz, f) for f in islands}, tips=tips,
           highlight={"weight": 3.5, "fillOpacity": 0.95})
    return fg


def _history_ids(state: MapState) -> list[str]:
    """Features outside the four islands coloured by their historical holder."""
    if not is_historical(state.scenario):
        return []
    drawn = set(display_land()) | {history.SAKHALIN_SOUTH, history.SAKHALIN_NORTH}
    return [f for f in ("urup", "kuril-north", history.SAKHALIN_SOUTH, history.SAKHALIN_NORTH)
            if f in state.scenario.features and f in drawn]


UND_DASH = "1 3"  # undetermined attribution: white fill, a dotted dark edge


def holder_style(holder: str, fid: str) -> dict:
    """Path style of land coloured by its (historical) holder; joint: dotted outline too;
    undetermined attribution (a point of view): white with a dotted edge."""
    style = {"fillColor": HOLDER_FILL[holder], "fillOpacity": 0.85, "color": OUTLINE,
             "weight": 1.0, "className": f"nt-f-{fid} nt-holder-{holder}"}
    if holder == "JOINT":
        style.update(weight=2.2, dashArray=JOINT_DASH)
    if holder == "UND":
        style.update(fillOpacity=1.0, weight=1.6, dashArray=UND_DASH)
    return style


def _history_tip(state: MapState, gaz, fid: str) -> str:
    view = state.scenario
    if fid in (history.SAKHALIN_SOUTH, history.SAKHALIN_NORTH):
        extra = f"{KEY_LABELS[fid]}. {view.short_title}: {held_words(view, view.features[fid])}"
        return tooltip_html(gaz.get(history.SAKHALIN), state.names, extra)
    return tooltip_html(gaz.get(fid), state.names, status_text(gaz.get(fid), view, gaz))


def _treaty_group(state: MapState, atlas: Atlas) -> folium.FeatureGroup | None:
    """The treaty boundary lines in force in a historical view, with their labels."""
    if not is_historical(state.scenario) or not state.scenario.lines:
        return None
    ids = list(state.scenario.lines)
    lines = history.treaty_lines(atlas)
    fg = folium.FeatureGroup(name="Treaty lines", control=False)
    _layer(fg, "treaty-casing", ids, {i: {"color": "#FFFFFF", "weight": 6, "opacity": 0.9}
                                      for i in ids}, interactive=False)
    tips = {i: html_text(f"{lines[i][0]['title']}: {lines[i][0]['description']}")
            for i in ids}
    _layer(fg, "treaty-lines", ids, {i: {"color": TREATY_COLOUR, "weight": 2.5,
                                         "dashArray": "10 5", "opacity": 1,
                                         "className": f"nt-treaty nt-treaty-{i}"} for i in ids},
           tips=tips, interactive=False)
    items = []
    for i in ids:
        line = lines[i][1]
        end = line.coords[-1] if i == "portsmouth-1905" else line.interpolate(0.5, normalized=True).coords[0]
        anchor = "right" if i == "portsmouth-1905" else "left"
        items.append({"lat": round(end[1], 4), "lon": round(end[0], 4),
                      "html": f"<div>{html_text(line_label(i))}</div>",
                      "cls": f"nt-label nt-treaty nt-at-{anchor} nt-label-treaty-{i}"})
    _Call("labels", "treaty-labels", items).add_to(fg)
    return fg


def _straits_group(state: MapState, atlas: Atlas) -> folium.FeatureGroup:
    gaz = atlas.gaz
    ids = sorted(atlas.straits.geoms)
    fg = folium.FeatureGroup(name="Straits", control=False)
    tips = {}
    for fid in ids:
        f = gaz.get(fid)
        a, b = f.geometry.between
        tips[fid] = tooltip_html(f, state.names, (
            f"Narrows: {atlas.strait_width_km(fid):,.1f} km, between {gaz.get(a).label_en} "
            f"({holder_word(holder_of(state.scenario, gaz, a))}) and {gaz.get(b).label_en} "
            f"({holder_word(holder_of(state.scenario, gaz, b))})"))
    # What one sees is a thin dotted line; what one clicks, a wide invisible one over it.
    _layer(fg, "strait-lines", ids, {f: {"color": STRAIT_COLOUR, "weight": 3, "dashArray": "1 6",
                         "lineCap": "round"} for f in ids}, interactive=False)
    _layer(fg, "straits", ids, {f: {"color": STRAIT_COLOUR, "weight": 18, "opacity": 0,
                         "className": f"nt-f-{f} nt-strait"} for f in ids}, tips=tips,
           highlight={"opacity": 0.25})
    items = []
    for fid in ids:
        main, _ = name_lines(gaz.get(fid), state.names)
        mid = atlas.straits.geoms[fid].interpolate(0.5, normalized=True)
        anchor = STRAIT_ANCHOR.get(fid, "below")
        items.append({"lat": round(mid.y, 4), "lon": round(mid.x, 4),
                      "html": label_html(f"{atlas.strait_width_km(fid):,.1f} km", main),
                      "cls": f"nt-label nt-strait nt-at-{anchor} nt-label-{fid}"})
    _Call("labels", "strait-labels", items).add_to(fg)
    return fg


def _selection_group(state: MapState, atlas: Atlas) -> folium.FeatureGroup | None:
    fid = state.selected
    if not fid or fid not in atlas.gaz:
        return None
    drawn = set(_display_land(atlas)) | set(atlas.straits.geoms) | set(atlas.places.geoms)
    ids = [m for m in atlas.gaz.members(fid) if m in drawn]
    if not ids:
        return None
    fg = folium.FeatureGroup(name="Selection", control=False)
    for colour, weight in (("#FFFFFF", 4), ("#000000", 2)):
        _layer(fg, f"selection-{weight}", ids, {m: {"color": colour, "weight": weight, "fill": False, "opacity": 1,
                             "className": "nt-selected"} for m in ids}, interactive=False)
    return fg


def label_point(fid: str, atlas: Atlas | None = None) -> tuple[float, float] | None:
    """(lat, lon) of a feature's label: the centre of its largest part, nudged."""
    return _label_point(atlas or load_atlas(), fid)


@lru_cache(maxsize=128)
def _label_point(atlas: Atlas, fid: str) -> tuple[float, float] | None:
    land = _display_land(atlas)
    parts = [land[m] for m in atlas.gaz.members(fid) if m in land]
    if not parts:
        return None
    g = shapely.union_all(parts)
    if fid == "habomai":
        c = g.centroid
    else:
        big = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        c = big.centroid if big.contains(big.centroid) else big.representative_point()
    dy, dx = LABEL_OFFSET.get(fid, (0.0, 0.0))
    return (round(c.y + dy, 4), round(c.x + dx, 4))


def focus_point(fid: str) -> tuple[float, float] | None:
    """(lat, lon) to centre the map on a feature: label point, strait middle or place."""
    atlas = load_atlas()
    if fid in atlas.straits.geoms or fid in atlas.places.geoms:
        g = atlas.straits.geoms.get(fid) or atlas.places.geoms[fid]
        c = g.interpolate(0.5, normalized=True) if g.geom_type == "LineString" else g
        return (round(c.y, 4), round(c.x, 4))
    if fid in atlas.gaz and atlas.gaz.get(fid).kind == "strait-group":
        pts = [focus_point(m) for m in atlas.gaz.members(fid)]
        pts = [p for p in pts if p]
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)) if pts else None
    pt = label_point(fid)
    if pt is None:
        return None
    dy, dx = LABEL_OFFSET.get(fid, (0.0, 0.0))
    return (round(pt[0] - dy, 4), round(pt[1] - dx, 4))


def _labels_group(state: MapState, atlas: Atlas) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="Labels", control=False)
    items = []
    for fid in LABELLED:
        pt = _label_point(atlas, fid)
        if pt is None:
            continue
        cls = "nt-label" if island_of(atlas.gaz, fid) is not None else "nt-label nt-context"
        if fid in LABEL_ANCHOR:
            cls += f" nt-at-{LABEL_ANCHOR[fid]}"
        items.append({"lat": pt[0], "lon": pt[1], "cls": f"{cls} nt-label-{fid}",
                      "html": label_html(*name_lines(atlas.gaz.get(fid), state.names))})
    _Call("labels", "labels", items).add_to(fg)
    return fg


def _tiles_group() -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="OpenStreetMap tiles (online)", control=False)
    folium.TileLayer("OpenStreetMap", attr="© OpenStreetMap contributors",
                     opacity=0.7).add_to(fg)
    return fg


# --- overlays: the sea division (illustration) and the security points ---------------------

def sea_division_shown(scenario: Scenario) -> bool:
    """The sea division is computed for the present-day scenarios only (two states, no
    joint holding): not for the historical views."""
    return not is_historical(scenario)


def sea_data(scenario_id: str) -> bytes:
    """The scenario's sea division as drawn, compact GeoJSON: the two zones (simplified to
    about 1 km) and the median line. Computed once per process, data folder and scenario."""
    from geo import file_stamp
    from geo.views.present import scenarios_path

    return _sea_data(load_atlas(), file_stamp(scenarios_path()), scenario_id)


@lru_cache(maxsize=8)
def _sea_data(atlas: Atlas, scenarios_file: tuple, scenario_id: str) -> bytes:
    # keyed by the atlas (per data folder) and the scenarios file it reads
    from geo.analysis.median_line import scenario_division

    div = scenario_division(atlas, scenario_id)
    feats = []
    for code in ("JPN", "RUS"):
        g = shapely.make_valid(shapely.simplify(div.zones[code], SEA_SIMPLIFY_DEG))
        feats.append({"type": "Feature", "id": f"sea-{code}",
                      "properties": {"id": f"sea-{code}", "kind": "sea-zone", "state": code},
                      "geometry": to_rfc7946(g, 3)})
    line = shapely.simplify(div.boundary, SEA_SIMPLIFY_DEG / 2)
    feats.append({"type": "Feature", "id": "median-line",
                  "properties": {"id": "median-line", "kind": "median-line"},
                  "geometry": to_rfc7946(line, 3)})
    return json.dumps({"type": "FeatureCollection", "scenario": scenario_id, "features": feats},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sea_data_name(scenario_id: str) -> str:
    return f"sea-{scenario_id}-{hashlib.sha256(sea_data(scenario_id)).hexdigest()[:12]}.json"


def ensure_sea_data(scenario_id: str, target: Path | None = None) -> Path:
    """Write the scenario's sea division file if missing (atomic; older versions removed)."""
    folder = Path(target) if target is not None else map_data_dir()
    return write_hashed(folder / sea_data_name(scenario_id), sea_data(scenario_id),
                        f"sea-{scenario_id}-*.json")


def _sea_group(state: MapState) -> folium.FeatureGroup | None:
    """The two zones (faint holder hues, not interactive) and the median line (tooltip).
    The file is written by :func:`prepare_assets` at start-up, never here."""
    if not sea_division_shown(state.scenario):
        return None
    _assets_written()
    name = sea_data_name(state.scenario.id)
    styles = {f"sea-{c}": {"fillColor": SEA_TINT[c], "fillOpacity": SEA_OPACITY, "stroke": False,
                           "interactive": False, "className": f"nt-sea nt-sea-{c}"}
              for c in ("JPN", "RUS")}
    styles["median-line"] = {"color": MEDIAN_COLOUR, "weight": 2, "opacity": 0.9,
                             "dashArray": MEDIAN_DASH, "fill": False,
                             "className": "nt-median-line"}
    tips = {"median-line": html_text(
        f"Median line (equidistance), {state.scenario.short_title}. {SEA_DISCLAIMER}")}
    fg = folium.FeatureGroup(name="Sea division (illustration)", control=False)
    _Call("remote", "sea", {"url": MAP_DATA_URL + name, "styles": styles, "tips": tips}).add_to(fg)
    return fg


# --- overlay: the Sea of Okhotsk and its gates ------------------------------------------------

OKHOTSK_SIMPLIFY_DEG = 0.02  # ~2 km: the outline as drawn (the area uses the full one)
OKHOTSK_OUTLINE_COLOUR = "#4B6A88"
GATE_COLOUR = {True: "#0072B2", False: "#555555"}  # a Japanese shore: Japan's blue, solid
GATE_DASH = "2 5"  # no Japanese shore: dotted (not by colour alone)


def okhotsk_data() -> bytes:
    """The sea's outline (exterior only, simplified) and the gate lines, compact GeoJSON."""
    return _okhotsk_data(load_atlas())


@lru_cache(maxsize=2)
def _okhotsk_data(atlas: Atlas) -> bytes:
    from geo.analysis.okhotsk import gates, okhotsk_outline

    outline = shapely.simplify(shapely.Polygon(okhotsk_outline(atlas).exterior),
                               OKHOTSK_SIMPLIFY_DEG)
    feats = [{"type": "Feature", "id": "okhotsk-outline",
              "properties": {"id": "okhotsk-outline", "kind": "sea-outline"},
              "geometry": to_rfc7946(shapely.LineString(outline.exterior.coords), 3)}]
    for g in gates(atlas):
        feats.append({"type": "Feature", "id": f"gate-{g.id}",
                      "properties": {"id": f"gate-{g.id}", "kind": "gate"},
                      "geometry": to_rfc7946(g.line, 4)})
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def okhotsk_data_name() -> str:
    return f"okhotsk-{hashlib.sha256(okhotsk_data()).hexdigest()[:12]}.json"


def ensure_okhotsk_data(target: Path | None = None) -> Path:
    """Write the Sea of Okhotsk file if missing (atomic; older versions removed)."""
    folder = Path(target) if target is not None else map_data_dir()
    return write_hashed(folder / okhotsk_data_name(), okhotsk_data(), "okhotsk-*.json")


# --- the served assets, written once at start-up ----------------------------------------------

_PREPARING: dict[str, threading.Thread] = {}  # folder -> the thread writing its overlay files


def prepare_assets(folder: Path | None = None, *, wait: bool = False) -> Path:
    """Write every file the map fetches into ``folder`` (default: the served static
    folder): Leaflet and the geometry at once; the Sea of Okhotsk file and each present-day
    scenario's sea division in a background thread (about 1.5 s of computing the first
    view does not need), unless ``wait``. Rendering only names them (and waits for the
    thread if a file is asked for before it is written). Idempotent."""
    root = Path(folder) if folder is not None else map_data_dir().parent
    ensure_static(root / "leaflet")
    ensure_map_data(root / "map")
    key = str(root.resolve())
    thread = _PREPARING.get(key)
    if thread is None:
        ids = [s.id for s in default_scenarios().items if sea_division_shown(s)]

        def work() -> None:
            ensure_okhotsk_data(root / "map")
            for sid in ids:
                ensure_sea_data(sid, root / "map")

        thread = threading.Thread(target=work, name="nt-assets", daemon=True)
        _PREPARING[key] = thread
        thread.start()
    if wait:
        thread.join()
    return root


def _assets_written(timeout: float = 60.0) -> None:
    """If the served folder's overlay files are still being written, wait for them, so
    that the browser never asks for a file before it is there (rendering never writes)."""
    thread = _PREPARING.get(str(map_data_dir().parent.resolve()))
    if thread is not None and thread.is_alive():
        thread.join(timeout)


def gate_tip(gs) -> str:
    """Tooltip of a gate (geo.seas.GateShores): name, width, shores and holders, escaped."""
    g = gs.gate
    shores = " and ".join(f"{n or 'an unnamed island'} ({holder_word(h)})"
                          for n, h in zip(g.shore_names, gs.holders))
    to = "the Sea of Japan" if g.leads_to == "sea-of-japan" else "the Pacific"
    jp = "Japanese shore: yes" if gs.japanese else "Japanese shore: no"
    return (f"<b>{html_text(g.name)}</b><br>{html_text(f'To {to}, {g.width_km:,.1f} km')}"
            f"<br>{html_text(f'Between {shores}')}<br>{html_text(jp)}")


def _okhotsk_group(state: MapState, atlas: Atlas) -> folium.FeatureGroup:
    """The sea's light outline (not interactive) and its gates: solid blue with a
    Japanese shore under the scenario, grey dotted without; tooltips say which. The file
    is written by :func:`prepare_assets` at start-up, never here."""
    from geo.analysis.okhotsk import gate_shores

    _assets_written()
    name = okhotsk_data_name()
    styles = {"okhotsk-outline": {"color": OKHOTSK_OUTLINE_COLOUR, "weight": 1.2,
                                  "opacity": 0.6, "fill": False, "interactive": False,
                                  "dashArray": "4 3", "className": "nt-okhotsk"}}
    tips = {}
    for gs in gate_shores(atlas, state.scenario):
        gid = f"gate-{gs.gate.id}"
        jp = gs.japanese
        style = {"color": GATE_COLOUR[jp], "weight": 4 if jp else 3, "opacity": 0.95,
                 "lineCap": "round",
                 "className": f"nt-gate nt-{gid} nt-gate-{'jpn' if jp else 'other'}"}
        if not jp:
            style["dashArray"] = GATE_DASH
        styles[gid] = style
        tips[gid] = gate_tip(gs)
    fg = folium.FeatureGroup(name="Sea of Okhotsk and its gates", control=False)
    _Call("remote", "okhotsk", {"url": MAP_DATA_URL + name, "styles": styles,
                                "tips": tips}).add_to(fg)
    return fg


def point_style(kind: str, precision: str) -> dict:
    """Circle marker style: filled for an exact site, hollow and dashed if approximate."""
    colour = POINT_COLOUR[kind]
    style = {"radius": 7, "color": colour, "weight": 2, "fillColor": colour, "opacity": 1,
             "fillOpacity": 0.85, "className": f"nt-point nt-point-{kind} nt-{precision}"}
    if precision != "site":
        style.update(fillOpacity=0.0, dashArray=POINT_DASH, weight=2.5)
    return style


def point_tip(props: dict) -> str:
    """Tooltip of a security point: label, kind, precision, note, citation (all escaped)."""
    prec = ("Site coordinates" if props["precision"] == "site" else
            "Approximate: an illustrative point, not a reported position")
    lines = [POINT_LEGEND[props["kind"]], prec, props.get("note") or "",
             f"Coordinates: {props['citation']}"]
    return f"<b>{html_text(props['label'])}</b>" + "".join(
        f"<br>{html_text(x)}" for x in lines if x)


def _security_group() -> folium.FeatureGroup:
    from geo.analysis.security import security_points

    items = [{"lat": round(pt.y, 5), "lon": round(pt.x, 5), "id": props["id"],
              "style": point_style(props["kind"], props["precision"]),
              "tip": point_tip(props)} for props, pt in security_points()]
    fg = folium.FeatureGroup(name="US bases, fleet and incidents", control=False)
    _Call("points", "security", items).add_to(fg)
    return fg


def feature_groups(state: MapState, atlas: Atlas | None = None) -> list[folium.FeatureGroup]:
    """Fresh layers for this run (restyled in place by st_folium, no remount)."""
    atlas = atlas or load_atlas()
    groups = [_tiles_group()] if state.shows("basemap") else []
    sea = _sea_group(state) if state.shows("sea") else None
    if sea is not None:
        groups.append(sea)  # under the land
    groups.append(_land_group(state, atlas))
    treaty = _treaty_group(state, atlas)
    if treaty is not None:
        groups.append(treaty)
    if state.shows("straits"):
        groups.append(_straits_group(state, atlas))
    if state.shows("okhotsk"):
        groups.append(_okhotsk_group(state, atlas))
    if state.shows("security"):
        groups.append(_security_group())
    sel = _selection_group(state, atlas)
    if sel is not None:
        groups.append(sel)
    groups.append(_labels_group(state, atlas))
    # One group carries every call, in drawing order, between the run's start and end
    # marks (slots not drawn in this run are removed): each group costs st_folium a
    # template compilation per run. Online tiles keep a group of their own.
    tiles = [g for g in groups if any(isinstance(c, folium.TileLayer)
                                      for c in g._children.values())]
    calls = folium.FeatureGroup(name="Layers", control=False)
    _Call("begin").add_to(calls)
    for g in groups:
        if g in tiles:
            continue
        for child in list(g._children.values()):
            if not isinstance(child, _Call):
                raise TypeError(f"unexpected map element {type(child).__name__} in {g}")
            calls.add_child(child, name=child.get_name())
    _Call("end").add_to(calls)
    return tiles + [calls]


def view_args(center: tuple[float, float] | None, zoom: float | None, nonce: int = 0
              ) -> tuple[tuple[float, float] | None, float | None]:
    """``center`` and ``zoom`` for st_folium to move the map (a named view or a feature).

    streamlit-folium applies them only when they differ from the last ones it
    got, so ``nonce`` (a count of requests) nudges them by a sub-pixel amount:
    asking for the same place again moves the map again. Leaflet snaps the
    zoom back to a whole level. A zoom of None keeps the reader's zoom.
    """
    if center is None:
        return None, None
    lat, lon = center
    return (lat + nonce * 1e-7, lon), (zoom + (nonce % 2) * 1e-6 if zoom else None)


# --- legend (drawn by Streamlit, not branca) and selection lists ---------------------------------

@dataclass(frozen=True)
class LegendItem:
    fill: str | None
    dashed: bool
    label: str
    line: bool = False
    dot: str | None = None  # a circle marker of this outline colour (fill: None = hollow)


def overlay_legend(scenario: Scenario, sea: bool = False, security: bool = False
                   ) -> list[LegendItem]:
    items = []
    if sea and sea_division_shown(scenario):
        alpha = f"{round(SEA_OPACITY * 255):02X}"  # the swatch as the map draws it
        items += [LegendItem(SEA_TINT["JPN"] + alpha, False, "Sea nearer Japan's land (200 nm)"),
                  LegendItem(SEA_TINT["RUS"] + alpha, False, "Sea nearer Russia's land (200 nm)"),
                  LegendItem(MEDIAN_COLOUR, True, "Median line (illustration)", line=True)]
    if security:
        for kind in ("base", "fleet", "incident"):
            items.append(LegendItem(POINT_COLOUR[kind], False, POINT_LEGEND[kind],
                                    dot=POINT_COLOUR[kind]))
        items.append(LegendItem(None, True, "Hollow, dashed: approximate position",
                                dot=POINT_COLOUR["incident"]))
    return items


def legend(scenario: Scenario, straits: bool = False, sea: bool = False,
           security: bool = False) -> list[LegendItem]:
    extra = overlay_legend(scenario, sea, security)
    return _legend(scenario, straits) + extra


def _legend(scenario: Scenario, straits: bool = False) -> list[LegendItem]:
    gaz = load_atlas().gaz
    if is_historical(scenario):
        return _history_legend(scenario, straits)
    items = []
    for code in ("JPN", "RUS"):
        isl = [gaz.get(i).label_en for i in DISPUTED if scenario.holder(i) == code]
        if isl:
            items.append(LegendItem(HOLDER_FILL[code], False,
                                    f"Held by {country(code)} in this view: {', '.join(isl)}"))
    disputed = [gaz.get(i).label_en for i in DISPUTED if scenario.is_disputed(i)]
    if disputed:
        items.append(LegendItem(None, True, f"Dashed outline: disputed ({', '.join(disputed)})"))
    items += [LegendItem(LAND_TINT["JPN"], False, "Japan (undisputed)"),
              LegendItem(LAND_TINT["RUS"], False, "Russia (undisputed)"),
              LegendItem(OTHER_FILL, False, "Other countries")]
    if straits:
        items.append(LegendItem(STRAIT_COLOUR, True, "Strait narrows, width in km", line=True))
    return items


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _history_legend(view, straits: bool) -> list[LegendItem]:
    items = []
    pov = getattr(view, "point_of_view", False)
    for code in ("JPN", "RUS", "JOINT", "UND"):
        keys = [KEY_LABELS[k] for k in history.HOLDER_KEYS if view.holders[k] == code]
        if not keys:
            continue
        if pov:
            who = ("Attribution undetermined (white, dotted edge)" if code == "UND"
                   else _upper_first(view.shown_words(code)))
            items.append(LegendItem(HOLDER_FILL[code], code == "UND",
                                    f"{who}: {', '.join(keys)}"))
            continue
        who = "Undivided, no border (dotted outline)" if code == "JOINT" else f"Held by {country(code)}"
        items.append(LegendItem(HOLDER_FILL[code], code == "JOINT", f"{who} on {view.date}"))
    disputed = [KEY_LABELS[k] for k in history.HOLDER_KEYS if pov and view.is_disputed(k)]
    if disputed:
        items.append(LegendItem(None, True, f"Dashed outline: disputed ({', '.join(disputed)})"))
    for lid in view.lines:
        items.append(LegendItem(TREATY_COLOUR, True, history.TREATY_LINES[lid].title, line=True))
    items += [LegendItem(LAND_TINT["JPN"], False, "Japan (other land, today's borders)"),
              LegendItem(LAND_TINT["RUS"], False, "Russia (other land, today's borders)"),
              LegendItem(OTHER_FILL, False, "Other countries (today's borders)")]
    if straits:
        items.append(LegendItem(STRAIT_COLOUR, True, "Strait narrows, width in km", line=True))
    return items


def legend_html(items: list[LegendItem]) -> str:
    """The legend as HTML from the app's own constants (texts escaped all the same)."""
    rows = []
    for it in items:
        if it.dot:
            border = f"2px dashed {it.dot}" if it.dashed else f"2px solid {it.dot}"
            sw = (f'<span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
                  f'background:{it.fill or "transparent"};border:{border};'
                  'vertical-align:middle;margin:0 11px 0 3px"></span>')
        elif it.line:
            kind = ("dashed" if it.fill in (TREATY_COLOUR, MEDIAN_COLOUR) else
                    "dotted" if it.dashed else "solid")
            sw = (f'<span style="display:inline-block;width:22px;border-top:3px {kind} {it.fill};'
                  'vertical-align:middle;margin-right:8px"></span>')
        else:
            border = f"2px dashed {OUTLINE}" if it.dashed else "1px solid #777"
            sw = (f'<span style="display:inline-block;width:18px;height:12px;background:'
                  f'{it.fill or "transparent"};border:{border};vertical-align:middle;'
                  'margin-right:8px"></span>')
        # One line: it is shown with st.markdown(unsafe_allow_html=True), where a blank
        # line in a label (a gazetteer name) would end the HTML and start Markdown.
        label = html_text(" ".join(it.label.split()))
        rows.append(f'<div style="margin:3px 0">{sw}{label}</div>')
    return "".join(rows)


def selectable_ids(atlas: Atlas | None = None) -> list[str]:
    """Features one can select on the map, in the order a select box lists them."""
    atlas = atlas or load_atlas()
    gaz = atlas.gaz
    first = ["disputed-islands", *DISPUTED]
    islets = [f.id for f in gaz.features if f.part_of == "habomai"]
    land = [f.id for f in gaz.features if (f.kind in LAND_KINDS or f.kind == "island-group")
            and f.id not in first and f.id not in islets]
    straits = [f.id for f in gaz.features if f.kind in ("strait", "strait-group")]
    places = [f.id for f in gaz.features if f.id in atlas.places.geoms]
    return first + islets + land + straits + places
