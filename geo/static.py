"""Local copies of the browser assets the map needs, so it works offline.

Leaflet comes from the XStatic-Leaflet package (same version folium 0.20
expects) and is copied into ``static/leaflet/``, which Streamlit serves at
``/app/static/leaflet/`` (``server.enableStaticServing``). Files are copied,
not linked: Streamlit refuses symlinks out of ``static/``.

    python -m geo.static
"""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from geo import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"
LEAFLET_DIR = STATIC_DIR / "leaflet"
LEAFLET_FILES = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png",
                 "images/marker-shadow.png"]
# URLs as the browser sees them from the st_folium iframe
# (/component/streamlit_folium.st_folium/index.html): relative, so the app
# also works under a server.baseUrlPath.
LEAFLET_JS_URL = "../../app/static/leaflet/leaflet.js"
LEAFLET_CSS_URL = "../../app/static/leaflet/leaflet.css"


def ensure_static(target: Path = LEAFLET_DIR) -> Path:
    """Copy Leaflet's files into ``target`` if missing or different."""
    from xstatic.pkg import leaflet

    src = Path(leaflet.BASE_DIR)
    for name in LEAFLET_FILES:
        s, d = src / name, target / name
        if not s.exists():
            raise FileNotFoundError(f"{s}: missing from the XStatic-Leaflet package")
        if not d.exists() or not filecmp.cmp(s, d, shallow=False):
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, d)
    return target


if __name__ == "__main__":
    print(f"Leaflet copied to {ensure_static()}")
