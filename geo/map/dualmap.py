"""Two maps side by side whose views follow each other (the Compare page): a DualMap in
one frame, each map with its own layer registry, kept together by a short script of our
own (no plugin from a CDN). Why, and the alternatives: ``docs/method/dualmap.md``."""
from __future__ import annotations

from typing import ClassVar

import folium
from branca.element import Element, MacroElement
from folium.plugins import DualMap
from folium.template import Template

from geo.data.layers import Atlas
from geo.map.layers import feature_groups as map_groups
from geo.map.internals import DUAL_CELL, DUAL_DIVS, ScriptElement
from geo.map.leaflet import base_map
from geo.map.state import MapState

SIDES = ("a", "b")
# streamlit-folium names a DualMap's maps map_div and map_div2 (side by side, 50% each):
# a gap between them, the same on both sides so that both maps keep the same size.
# Side by side with a gap; on a phone one above the other, each half the frame's height
# (the frame is the component's height: nothing is cut off at its bottom).
GAP_CSS = (f"<style>#{DUAL_DIVS[0]} {{ margin-right: 6px; }} "
           f"#{DUAL_DIVS[1]} {{ margin-left: 6px; }} "
           f"@media (max-width: 520px) {{ .{DUAL_CELL} {{ float: none !important; "
           f"width: 100% !important; }} #{DUAL_DIVS[0]}, #{DUAL_DIVS[1]} {{ "
           f"height: calc(50vh - 4px) !important; margin: 0 !important; }} "
           f"#{DUAL_DIVS[0]} {{ margin-bottom: 8px !important; }} }}</style>")

_REGISTER_JS = Template("""
{% macro script(this, kwargs) %}
window.NT_PAIR = window.NT_PAIR || {};
window.NT_PAIR[{{ this.side|tojson }}] = window.NT;
{% endmacro %}
""")

_USE_JS = Template("""
{% macro script(this, kwargs) %}
window.NT = window.NT_PAIR[{{ this.side|tojson }}];
{% endmacro %}
""")

# Each map follows the other. A view is copied at once, without animation, on
# every 'move'/'zoom' event of the map being moved (a drag fires one per
# frame), and a zoom animation is started on the other map at the same time
# (Leaflet's 'zoomanim'). `applying` ignores the events a copy itself fires;
# `near` (same zoom, centres less than a pixel apart) ends any echo of a copy
# that arrives after an animation.
_SYNC_JS = Template("""
{% macro script(this, kwargs) %}
(function (a, b) {
  var applying = false;
  function near(src, dst) {
    if (src.getZoom() !== dst.getZoom()) return false;
    var p = dst.latLngToContainerPoint(src.getCenter()), s = dst.getSize();
    return Math.abs(p.x - s.x / 2) < 1 && Math.abs(p.y - s.y / 2) < 1;
  }
  function copy(dst, center, zoom, animate) {
    applying = true;
    try { dst.setView(center, zoom, {animate: animate}); } finally { applying = false; }
  }
  function link(src, dst) {
    src.on("move zoom", function () {
      if (applying || !src._loaded || !dst._loaded || near(src, dst)) return;
      copy(dst, src.getCenter(), src.getZoom(), false);
    });
    src.on("zoomanim", function (e) {
      if (!applying && dst._loaded) copy(dst, e.center, e.zoom, true);
    });
  }
  link(a, b);
  link(b, a);
  if (a._loaded && b._loaded && !near(a, b)) copy(b, a.getCenter(), a.getZoom(), false);
  window.NT_PAIR.maps = [a, b];
  window.NT = window.NT_PAIR.a;
})({{ this.m1.get_name() }}, {{ this.m2.get_name() }});
{% endmacro %}
""")


class _Side(ScriptElement):
    """A script about one map of the pair (``side``: "a" or "b")."""

    NAME = "NTSide"

    def __init__(self, side: str):
        super().__init__()
        self._name = self.NAME
        self.side = side


class _Register(_Side):
    """After a map's base script: keep that map's ``NT`` as ``NT_PAIR[side]``."""

    _template = _REGISTER_JS
    NAME = "NTRegister"


class _Use(_Side):
    """In the feature groups: the layer calls that follow go to map ``side``."""

    _template = _USE_JS
    NAME = "NTUse"


class SyncedMaps(DualMap):
    """Two :func:`geo.map.leaflet.base_map` maps, each view following the other.

    ``m1`` (left, map A) and ``m2`` (right, map B). Unlike folium's DualMap it
    loads no plugin (no Leaflet.Sync, no CDN: only the maps' local Leaflet),
    and children added to it go to ``m1`` only (streamlit-folium adds the
    feature groups that way; :func:`feature_groups` routes them).
    """

    _template = _SYNC_JS
    default_js: ClassVar[list] = []
    default_css: ClassVar[list] = []

    def __init__(self, atlas: Atlas, lang: str = "en"):
        MacroElement.__init__(self)  # not DualMap.__init__: it builds its own plain maps
        self._name = "DualMap"
        self.m1, self.m2 = base_map(atlas, lang), base_map(atlas, lang)
        for side, m in zip(SIDES, (self.m1, self.m2)):
            _Register(side).add_to(m)
        # base_map's Figure carries the map CSS in its header: the pair shares m1's.
        figure = self.m1.get_root()
        figure.header.add_child(Element(GAP_CSS), name="nt_pair_css")
        figure.add_child(self.m2)
        figure.add_child(self)  # last, so that its script runs after both maps'
        self.children_for_m2: list = []
        self.children_for_m2_copied: list = []

    def add_child(self, child, name=None, index=None):
        self.m1.add_child(child, name, index)
        return self

    def render(self, **kwargs):
        MacroElement.render(self, **kwargs)  # no copying of children to m2


def synced_maps(atlas: Atlas, lang: str = "en") -> SyncedMaps:
    """The constant pair of base maps: the same JavaScript on every run (per language)."""
    return SyncedMaps(atlas, lang)


def feature_groups(state_a: MapState, state_b: MapState, atlas: Atlas
                   ) -> list[folium.FeatureGroup]:
    """Both maps' layers for this run, for ``st_folium(feature_group_to_add=...)``:
    map A's groups, then map B's, each part preceded by a switch to its map."""
    out: list[folium.FeatureGroup] = []
    for side, state in zip(SIDES, (state_a, state_b)):
        groups = map_groups(state, atlas)
        groups[0].add_child(_Use(side), index=0)
        out += groups
    _Use("a").add_to(out[-1])  # window.NT back to map A
    return out
