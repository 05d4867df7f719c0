"""What st_folium sends to the browser for a map (or the Compare page's pair of maps) and
its feature groups: ui.map_adapter.component_args, which follows st_folium step by step
(tests/test_map_adapter.py checks that both give the component the same arguments)."""
from __future__ import annotations

from ui.map_adapter import component_args


def render(m, groups=(), *, key: str = "map") -> dict:
    """html, header, script, feature groups (``fg``), js and css links and the
    component's hash (it changes exactly when the map would be remounted)."""
    a = component_args(m, list(groups), key=key, returned_objects=[])
    return {"html": a["html"], "header": a["header"], "script": a["script"],
            "fg": a["feature_group"], "js": a["js_links"], "css": a["css_links"],
            "hash": a["key"]}
