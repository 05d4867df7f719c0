"""The browser assets the map needs, written into the folder Streamlit serves, so the app
works offline: Leaflet (copied from the XStatic-Leaflet package, the version folium
expects) and the map's data files (geometry, sea division, Sea of Okhotsk), each named by
a hash of its content.

The folder is ``$NT_STATIC_DIR`` if set, else the project's ``static/``, which Streamlit
serves at ``/app/static/`` (``server.enableStaticServing``) beside ``app.py``; the tests
point it at a temporary folder, so nothing writes into the tree. Files are copied, not
linked: Streamlit refuses symlinks out of ``static/``.
"""
from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import sys
import threading
from pathlib import Path

from xstatic.pkg import leaflet

from geo import PROJECT_ROOT
from geo.errors import DataError

STATIC_DIR = PROJECT_ROOT / "static"  # the default of static_dir()
LEAFLET_FILES = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png",
                 "images/marker-shadow.png"]
# URLs as the browser sees them from the st_folium iframe
# (/component/streamlit_folium.st_folium/index.html): relative, so the app
# also works under a server.baseUrlPath.
LEAFLET_JS_URL = "../../app/static/leaflet/leaflet.js"
LEAFLET_CSS_URL = "../../app/static/leaflet/leaflet.css"
MAP_DATA_URL = "../../app/static/map/"  # the map's data files


def static_dir() -> Path:
    """The folder of the served assets: ``$NT_STATIC_DIR`` if set, else ``static/``."""
    return Path(os.environ.get("NT_STATIC_DIR") or STATIC_DIR)


def map_data_dir() -> Path:
    return static_dir() / "map"


def write_hashed(path: Path, data: bytes, stale: str) -> Path:
    """Write ``data`` to ``path`` unless it is there (atomic: a reader never sees half a
    file), then remove the older versions, the files of the folder matching ``stale``."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
    return path


def hashed_name(prefix: str, data: bytes, suffix: str = ".json") -> str:
    """``<prefix>-<12 hex digits of the data's SHA-256>.json``: a new name for new data, so
    browser caches stay honest."""
    return f"{prefix}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def ensure_static(target: Path | None = None) -> Path:
    """Copy Leaflet's files into ``target`` (default: ``static_dir()/leaflet``) if missing
    or different."""
    target = Path(target) if target is not None else static_dir() / "leaflet"
    src = Path(leaflet.BASE_DIR)
    for name in LEAFLET_FILES:
        s, d = src / name, target / name
        if not s.exists():
            raise FileNotFoundError(f"{s}: missing from the XStatic-Leaflet package")
        if not d.exists() or not filecmp.cmp(s, d, shallow=False):
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, d)
    return target



# --- files written in the background at start-up (geo.map.layers.prepare_assets) ----------

_WRITING: dict[str, threading.Thread] = {}  # folder -> the thread writing its files


def write_in_background(folder: Path, work) -> threading.Thread:
    """Run ``work()`` once per folder in a thread (idempotent: a second call returns the
    first call's thread)."""
    key = str(Path(folder).resolve())
    thread = _WRITING.get(key)
    if thread is None:
        def run() -> None:
            try:
                work()
            except (DataError, OSError) as exc:  # said once, on the server's log; the
                # overlay's panel shows the same data error to the reader
                print(f"map assets: the overlay files were not written: {exc}",
                      file=sys.__stderr__)

        thread = threading.Thread(target=run, name="nt-assets", daemon=True)
        _WRITING[key] = thread
        thread.start()
    return thread


def wait_for_files(timeout: float = 60.0) -> None:
    """If the served folder's files are still being written, wait for them, so that the
    browser never asks for a file before it is there (rendering never writes)."""
    thread = _WRITING.get(str(static_dir().resolve()))
    if thread is not None and thread.is_alive():
        thread.join(timeout)
