"""The page's layout beyond what Streamlit's elements give: the card beside the map that
scrolls on its own (wide screens) or sits as a sheet at the bottom of the screen (narrow
ones, where a tap on the map shows its card at once), compact view buttons, visible focus,
the hidden sidebar out of the Tab order, a skip link to the island list, and the pause
that lets the browser draw the map before the rest of the page (:func:`map_first`).

The CSS and the one script are the app's constants; the script only adds a link at the
top of the page, moves the focus and sets the document's language (``<html lang>``, for
screen readers and the choice of CJK glyphs). Its only inputs, the link's text and the
language, are passed as script-safe JSON (geo.safe.script_json), never as markup.
"""
from __future__ import annotations

import time

import streamlit as st

from geo.safe import script_json
from ui import keys
from ui.lang import lang, tr
from ui.map_adapter import VIEW_LABELS

NARROW_PX = 640  # Streamlit stacks columns below this width
CARD_MAX_PX = 660  # beside the map: about the height of the view buttons and the map
SHEET_VH = 42  # on a phone: the card's sheet, at most this share of the screen

CSS = f"""<style>
@media (min-width: {NARROW_PX}px) {{
  .st-key-{keys.CARD_BOX} {{ max-height: {CARD_MAX_PX}px; overflow-y: auto;
    overscroll-behavior: contain; padding-right: .6rem; }}
}}
@media (max-width: {NARROW_PX - 0.02}px) {{
  .st-key-{keys.CARD_BOX} {{ position: fixed; left: 0; right: 0; bottom: 0; z-index: 999980;
    max-height: {SHEET_VH}vh; overflow-y: auto; overscroll-behavior: contain;
    background: #fff; border-top: 1px solid #bbb; border-radius: 14px 14px 0 0;
    box-shadow: 0 -4px 14px rgba(0,0,0,.18); padding: .6rem 1rem 1rem; }}
  .st-key-{keys.CARD_HINT} {{ display: none; }}
  [data-testid="stMain"] {{ padding-bottom: {SHEET_VH + 4}vh; }}
  .st-key-{keys.VIEW_BUTTONS} button, .st-key-{keys.CMP_VIEW_BUTTONS} button {{
    min-height: 2.1rem; padding: .15rem .6rem; }}
  .st-key-{keys.VIEW_BUTTONS} button p, .st-key-{keys.CMP_VIEW_BUTTONS} button p {{
    font-size: .85rem; }}
}}
:focus-visible {{ outline: 3px solid #1a5fb4 !important; outline-offset: 2px; }}
section[data-testid="stSidebar"][data-collapsed="true"],
section[data-testid="stSidebar"][data-collapsed="true"] * {{ visibility: hidden !important; }}
#nt-skip {{ position: absolute; left: 8px; top: -80px; z-index: 1000100; background: #fff;
  color: #111; padding: 6px 12px; border: 2px solid #111; border-radius: 4px; }}
#nt-skip:focus {{ top: 8px; }}
</style>"""

# Sets the document's language; adds (once) a link at the very top of the page, the first
# Tab stop: Enter moves the focus to the island list. On a page without the list it is
# removed. The arguments are JSON (want, the link's text, the language, the list's key).
_SKIP = """<script>(() => {
  const doc = window.document, want = %s, text = %s, lang = %s, box = %s;
  doc.documentElement.lang = lang;
  let a = doc.getElementById("nt-skip");
  if (!want) { if (a) a.remove(); return; }
  if (!a) {
    a = doc.createElement("a");
    a.id = "nt-skip"; a.href = "#";
    a.addEventListener("click", (e) => {
      const t = doc.querySelector(".st-key-" + box + " input");
      if (t) { e.preventDefault(); t.focus(); }
    });
    doc.body.prepend(a);
  }
  a.textContent = text;
})();</script>"""


def page_layout(page: str) -> None:
    """The CSS, the document's language, and the skip link on the Map page (removed on
    the others)."""
    _ = tr()
    st.html(CSS)
    st.html(_SKIP % tuple(script_json(x) for x in (
        page == keys.PAGE_MAP, _("Skip to the island list"), lang(), keys.FEATURE_BOX)),
        unsafe_allow_javascript=True)


def view_buttons(box: str, family, on_click, what: str = "the map") -> None:
    """One button per named view (geo.map.VIEWS), in a row that wraps (compact on a
    phone); ``family`` names their keys, ``on_click(view)`` moves the map."""
    _ = tr()
    with st.container(horizontal=True, key=box, gap="small"):
        for view, label in VIEW_LABELS.items():
            label = _(label)
            help = (_("Move the map to: {view}", view=label) if what == "the map" else
                    _("Move both maps to: {view}", view=label) if what == "both maps" else
                    _("Move {what} to: {view}", what=_(what), view=label))
            st.button(label, key=family.of(view), on_click=on_click, args=(view,),
                      icon=":material/my_location:", help=help)


# After the map's part of a full run (a scenario, names or overlay switch), the rest of the
# page waits this long on the server: the browser renders what it has (the map restyled)
# before the figures below the map keep its main thread busy; otherwise it renders the
# map with the whole run's elements. Measured over 12 switches each (1 December 2026,
# request sent -> map restyled, medians): no pause about 147 ms, 15 ms 140 ms, 40 ms
# 118 ms, 80 ms 104 ms. The figures appear this much later; no server CPU is spent.
MAP_FIRST_PAUSE_S = 0.05


def map_first() -> None:
    """Let the browser draw the map before the rest of the page reaches it."""
    time.sleep(MAP_FIRST_PAUSE_S)
