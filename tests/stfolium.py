"""What st_folium sends to the browser for a map (or the Compare page's pair of maps) and
its feature groups: the same calls, in the same order, as streamlit_folium.st_folium.
Uses streamlit-folium's private helpers, as its own tests do (tests/test_package.py)."""
from __future__ import annotations

import streamlit_folium as sf

from geo.map import dualmap


def _walk(el):
    yield el
    if isinstance(el, dualmap.SyncedMaps):
        yield from _walk(el.m1)
        yield from _walk(el.m2)
    for child in getattr(el, "_children", {}).values():
        yield from _walk(child)


def render(m, groups=(), *, key: str = "map") -> dict:
    """html, header, script, feature groups (``fg``), js and css links and the
    component's hash (it changes exactly when the map would be remounted)."""
    if isinstance(m, dualmap.SyncedMaps):
        m.render()
    else:
        m.get_root().render()
    html, header, script = sf._get_html(m), sf._get_header(m), sf._get_map_string(m)
    fg = "".join(sf._get_feature_group_string(g, m, i) for i, g in enumerate(groups))
    js, css = [], []
    for elem in _walk(m):
        js += [src for _, src in getattr(elem, "default_js", [])]
        css += [href for _, href in getattr(elem, "default_css", [])]
    return {"html": html, "header": header, "script": script, "fg": fg, "js": js, "css": css,
            "hash": sf.generate_js_hash(script, key, False)}
