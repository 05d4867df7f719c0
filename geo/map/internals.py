"""Every third-party internal the map relies on, in one place (the Streamlit ones are in
``ui/internals.py``); ``tests/test_map_internals.py`` fails loudly when an upgrade breaks one.

* branca: ``MacroElement.render`` compiles each rendered macro again as a new Jinja
  template (checked in branca 0.8.2): slow, and data text inside it ("{{ … }}") would be
  evaluated on the server. :class:`ScriptElement` takes the script from the macro
  (``self._template.module.script``) and adds it to the page as it is.
* streamlit-folium: its frontend's ``window.__GLOBAL_DATA__`` (``last_object_clicked``,
  ``last_active_drawing``, ``previous_data``, ``returned_objects``) and
  ``window.Streamlit.setComponentValue``, used by ``NT.click`` in nt_map.js to send a
  click at once instead of after the component's 250 ms debounce; the maps' div names
  ``map_div``/``map_div2`` of a DualMap; folium's feature-group children (``_children``).
"""
from __future__ import annotations

from branca.element import Element, MacroElement

# streamlit-folium's names (frontend globals and a DualMap's two divs), as nt_map.js and
# geo.map.dualmap use them.
FRONTEND_GLOBALS = ("__GLOBAL_DATA__", "Streamlit", "previous_data", "returned_objects",
                    "setComponentValue")
DUAL_DIVS = ("map_div", "map_div2")
DUAL_CELL = "float-child"  # the class of each of the pair's cells (its frontend's index.html)


class RawElement(Element):
    """Text placed in the page as is (never compiled as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class ScriptElement(MacroElement):
    """A MacroElement (with a ``script`` macro only) whose script goes into the page as
    it is. streamlit-folium takes the script from the macro directly; this is the path of
    a full page (``Figure.render``)."""

    def script(self) -> str:
        return self._template.module.script(self, {})

    def render(self, **kwargs) -> None:
        self.get_root().script.add_child(RawElement(self.script()), name=self.get_name())


def children(group) -> list:
    """A folium element's children, in order (folium keeps them in ``_children``)."""
    return list(group._children.values())
