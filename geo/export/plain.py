"""The app's map texts back as plain text, for a page that puts text into the DOM only as
text (the static explorer, :mod:`geo.export.atlas`).

The app's map gets its tooltips and labels as small, fixed markup around escaped text
(geo.map.text: ``tooltip_html``, ``label_html``, ``point_tip``; every text in it went
through :func:`geo.safe.html_text`, so the data holds no ``<`` of its own). Read back here
with that markup and nothing else allowed, the static explorer shows the app's own words
for every view and names convention, and any other markup stops the export (a changed
format is then seen at once, not shown as text)."""
from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")
_LINE = re.compile(r"^(?:<b>([^<]*)</b>)?([^<]*)$")
_LABEL = re.compile(r"^<div>([^<]*)(?:<span>([^<]*)</span>)?</div>$")


def _text(s: str) -> str:
    return html.unescape(s)


def tip_lines(markup: str) -> list[list[str]]:
    """A tooltip (``<b>name</b> second<br>line…``) as lines of [bold, rest] plain text."""
    out = []
    for line in markup.split("<br>"):
        m = _LINE.match(line)
        if m is None:
            raise ValueError(f"unexpected markup in a map tooltip: {_TAG.findall(line)[:3]}")
        bold, rest = m.group(1) or "", m.group(2)
        out.append([_text(bold), _text(rest.removeprefix(" ") if bold else rest)])
    return out


def label_parts(markup: str) -> list[str]:
    """A map label (``<div>main<span>second</span></div>``) as [main, second]."""
    m = _LABEL.match(markup)
    if m is None:
        raise ValueError(f"unexpected markup in a map label: {_TAG.findall(markup)[:3]}")
    return [_text(m.group(1)), _text(m.group(2) or "")]
