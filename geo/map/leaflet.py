"""The Leaflet glue: the constant base map and the calls that fill its named slots.

streamlit-folium remounts the map (losing the reader's zoom) whenever the base map's
JavaScript changes, and resends all of it on every rerun. So the base map is constant
(local Leaflet, no tiles, the label CSS, the starting view, the program in
:file:`nt_map.js` and the loader of the geometry file) and what changes goes in small
:class:`Call` elements, ``NT.<fn>(slot, spec)`` with the data as script-safe JSON, that
st_folium swaps in without a remount; the browser rebuilds only a slot whose spec changed.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import folium
from folium.template import Template

from geo.data.layers import Atlas
from geo.i18n import translator
from geo.map.assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, MAP_DATA_URL, hashed_name
from geo.map.display import far_data_name, map_data_name, map_frame
from geo.map.internals import RawElement, ScriptElement
from geo.map.style import COAST, LAND_TINT, MAP_CSS, OTHER_FILL
from geo.safe import script_json
from geo.views.historical import is_historical

PROGRAM = Path(__file__).with_name("nt_map.js")
PLACE = Path(__file__).with_name("place.js")  # label placement, shared with the static explorer
VIEWS = {  # (lat, lon) centre and zoom of the views one can jump to
    "islands": ((44.25, 146.6), 7),
    "okinawa": ((25.85, 126.8), 7),
    "region": ((37.0, 137.0), 4),
    "kurils": ((48.6, 149.0), 5),
}
DEFAULT_VIEW = "islands"  # where the map looks first: the four islands
HISTORY_VIEW = "kurils"  # where the historical views and the timeline look
START_VIEW = VIEWS[DEFAULT_VIEW]
# The four islands and Cape Nosappu: what the map shows first.
START_BOUNDS = [[43.0, 144.4], [45.8, 149.6]]


def view_for(*views) -> str:
    """The view (a key of :data:`VIEWS`) to show ``views`` (of :mod:`geo.views.catalog`)
    in: :data:`HISTORY_VIEW` if any of them is historical (Sakhalin and the northern
    Kurils in sight), else :data:`DEFAULT_VIEW`."""
    return HISTORY_VIEW if any(is_historical(v) for v in views) else DEFAULT_VIEW


@lru_cache(maxsize=1)
def program() -> bytes:
    """The map's program as served (a static file, cached by the browser: not sent on each
    run): the label placement (place.js), then nt_map.js."""
    return PLACE.read_bytes() + b"\n" + PROGRAM.read_bytes()


@lru_cache(maxsize=1)
def program_name() -> str:
    return hashed_name("nt-map", program(), ".js")


class _GeoBase(ScriptElement):
    """Runs the program (nt_map.js, loaded after Leaflet): loads the geometry file and draws
    the context land (part of the base map). Jinja prints the arguments; it never reads
    them."""

    _template = Template("""
{% macro script(this, kwargs) %}
window.NT = window.NT_MAP({{ this._parent.get_name() }}, {{ this.args }});
{% endmacro %}
""")

    def __init__(self, url: str, far_url: str, frame: list, texts: dict[str, str]):
        super().__init__()
        self._name = "GeoBase"
        self.args = ", ".join(script_json(x) for x in (url, LAND_TINT, OTHER_FILL, COAST, frame,
                                                       far_url, texts))


def js_texts(lang: str = "en") -> dict[str, str]:
    """The words the map's program shows (nt_map.js has none of its own), in ``lang``:
    the map's role for a screen reader, and what it says if its data does not load
    (``{error}`` is the browser's error)."""
    _ = translator(lang)
    return {"map": _("map"),
            "failed": _("The map data could not be loaded ({error}). Reload the page.")}


class Call(ScriptElement):
    """``NT.<fn>(<slot>, <spec>)``: one call, data as JSON (see nt_map.js)."""

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


def layer(slot: str, ids, styles: dict, *, tips: dict | None = None,
          highlight: dict | None = None, interactive: bool = True) -> Call:
    """A slot of features of the geometry file, each with its style and tooltip."""
    return Call("layer", slot, {"ids": list(ids), "styles": styles, "tips": tips or {},
                                "highlight": highlight, "interactive": interactive})


def remote(slot: str, url: str, styles: dict, tips: dict) -> Call:
    """A slot drawn from a static JSON file of its own (fetched once per URL)."""
    return Call("remote", slot, {"url": url, "styles": styles, "tips": tips})


def base_map(atlas: Atlas, lang: str = "en") -> folium.Map:
    """The constant base map: the same JavaScript on every run and in every view (one per
    language: its texts are in it, so a language switch remounts the map)."""
    m = folium.Map(location=START_VIEW[0], zoom_start=START_VIEW[1], tiles=None,
                   control_scale=True, min_zoom=3, max_zoom=12)
    # Local Leaflet, set on the instance (add_js_link would mutate the class).
    m.default_js = [("leaflet", LEAFLET_JS_URL), ("nt_map", MAP_DATA_URL + program_name())]
    m.default_css = [("leaflet_css", LEAFLET_CSS_URL)]
    m.get_root().header.add_child(RawElement(MAP_CSS), name="nt_css")
    _GeoBase(MAP_DATA_URL + map_data_name(atlas), MAP_DATA_URL + far_data_name(atlas),
             map_frame(atlas), js_texts(lang)).add_to(m)
    m.fit_bounds(START_BOUNDS)
    return m
