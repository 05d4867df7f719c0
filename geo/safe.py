"""The one escaping path for text from the data (or the URL) on its way to a reader.

* :func:`html_text` — text into HTML (a tooltip, a label, a legend, the exported
  explorer): HTML-escaped, quotes included, and its braces written as character
  references, so that even a template engine that should never see it (Jinja, in
  folium and branca) finds no ``{{``, ``{%`` or ``{#`` in it.
* :func:`script_json` — data into a ``<script>``: JSON in which ``<``, ``>``, ``&``,
  ``'``, U+2028/U+2029 and the braces *inside strings* are ``\\u`` escapes, so the
  data can neither close the script element nor be read as template syntax, and a
  JavaScript or JSON parser reads it back unchanged.
* :func:`isolate` — bidirectional isolation: a text holding right-to-left letters or
  bidi controls (an override such as U+202E) is wrapped in FIRST STRONG ISOLATE …
  POP DIRECTIONAL ISOLATE, so it cannot reorder the text around it (the Unicode
  Bidirectional Algorithm closes every embedding and override at the isolate's end).
  :func:`html_text` applies it; :func:`ui.state.md_escape` too.

Nothing derived from the data is ever compiled as a template: the map's scripts go
into the page as they are (:class:`geo.map.internals.ScriptElement`) and the exported
explorer is assembled without a template engine (:mod:`geo.export`).
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any

FSI, PDI = "\u2068", "\u2069"
# Bidi classes that can change the order of what surrounds a text: strong right-to-left
# letters, Arabic digits, and every embedding, override and isolate control.
_BIDI_CLASSES = {"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI",
                 "PDI"}


def needs_isolation(text: str) -> bool:
    # ASCII has none of those classes (its letters are L, its digits EN): most texts end here.
    return not text.isascii() and any(unicodedata.bidirectional(c) in _BIDI_CLASSES
                                      for c in text)


def isolate(text: str) -> str:
    """``text`` wrapped in FSI … PDI when it could reorder its surroundings, else as is."""
    text = str(text)
    return f"{FSI}{text}{PDI}" if needs_isolation(text) else text


def html_text(text: object) -> str:
    """Plain text as HTML: isolated, escaped (``<>&"'``) and with braces as ``&#123;``
    / ``&#125;`` (inert under any template engine)."""
    return (html.escape(isolate(str(text)), quote=True)
            .replace("{", "&#123;").replace("}", "&#125;"))


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
                            "\u2028": "\\u2028", "\u2029": "\\u2029"})
_BRACES = str.maketrans({"{": "\\u007b", "}": "\\u007d"})


def script_json(obj: Any) -> str:
    """``obj`` as JSON safe to put inside a ``<script>`` element (see the module
    docstring). Non-finite numbers are refused (they are not JSON)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _STRING.sub(lambda m: m.group().translate(_BRACES), text)
    return text.translate(_IN_SCRIPT)
