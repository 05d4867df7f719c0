"""Domain package of the Northern Territories / Southern Kurils explorer.

Pure Python: loading and validating data, the gazetteer, geodesic measures,
scenarios, straits and folium map building. It never imports streamlit.

``NT_DATA_DIR`` and ``NT_SOURCES_DIR`` (environment) point the package at
another data folder or another folder of source documents, for example to
run the app over a user's own copy of the data.
"""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NT_DATA_DIR") or PROJECT_ROOT / "data").resolve()
LAYERS_DIR = DATA_DIR / "layers"
SOURCES_DIR = Path(os.environ.get("NT_SOURCES_DIR")
                   or PROJECT_ROOT.parent / "shared" / "sources").resolve()
