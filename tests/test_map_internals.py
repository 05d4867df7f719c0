"""The third-party internals the map relies on (geo/map/internals.py): each assumption
checked against the installed packages, so that an upgrade that breaks one fails here,
by name, rather than somewhere in the map."""
from __future__ import annotations

import re
from pathlib import Path

import folium
import streamlit_folium
from branca.element import MacroElement
from folium.template import Template

from geo.map import internals
from geo.map.leaflet import PROGRAM

BUNDLE = sorted((Path(streamlit_folium.__file__).parent / "frontend" / "build" / "static"
                 / "js").glob("main.*.js"))


def test_branca_compiles_a_rendered_macro_again():
    """The reason for ScriptElement: a plain MacroElement's script is compiled a second
    time (data text '{{ … }}' would run); ScriptElement's is not."""
    class Plain(MacroElement):
        _template = Template("{% macro script(this, kwargs) %}{{ this.text }}{% endmacro %}")

        def __init__(self):
            super().__init__()
            self.text = "{{ 6 * 7 }}"

    class Safe(internals.ScriptElement):
        _template = Plain._template

        def __init__(self):
            super().__init__()
            self.text = "{{ 6 * 7 }}"

    for cls, want in ((Plain, "42"), (Safe, "{{ 6 * 7 }}")):
        m = folium.Map(tiles=None)
        cls().add_to(m)
        html = m.get_root().render()
        assert want in html, cls.__name__


def test_folium_templates_expose_their_macros():
    t = Template("{% macro script(this, kwargs) %}x{% endmacro %}")
    assert t.module.script(None, {}) == "x"


def test_folium_groups_keep_their_children_in_order():
    g = folium.FeatureGroup()
    a, b = folium.Marker([0, 0]), folium.Marker([1, 1])
    a.add_to(g)
    b.add_to(g)
    assert internals.children(g) == [a, b]


def test_streamlit_folium_frontend_globals_exist():
    """NT.click writes streamlit-folium's frontend state: its bundle must still have it."""
    assert len(BUNDLE) == 1, BUNDLE
    js = BUNDLE[0].read_text(encoding="utf-8")
    for name in internals.FRONTEND_GLOBALS:
        assert name in js, f"streamlit-folium's frontend no longer has {name!r}"
    program = PROGRAM.read_text(encoding="utf-8")
    used = set(re.findall(r"\b(__GLOBAL_DATA__|previous_data|returned_objects|"
                          r"setComponentValue|Streamlit)\b", program))
    assert used == set(internals.FRONTEND_GLOBALS), used


def test_streamlit_folium_frontend_has_the_pairs_cell_class():
    """geo.map.dualmap stacks the pair's cells on a phone by their class."""
    html = Path(streamlit_folium.__file__).with_name("frontend") / "build" / "index.html"
    assert f'class="{internals.DUAL_CELL}"' in html.read_text(encoding="utf-8")


def test_streamlit_folium_names_a_dual_maps_divs():
    src = Path(streamlit_folium.__file__).read_text(encoding="utf-8")
    for div in internals.DUAL_DIVS:
        assert f'"{div}"' in src, f"streamlit-folium no longer names a map {div!r}"
