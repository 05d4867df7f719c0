"""Domain package of the Northern Territories / Southern Kurils explorer.

Pure Python: loading and validating data, the gazetteer, geodesic measures,
scenarios, straits and folium map building. It never imports streamlit.
"""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
LAYERS_DIR = DATA_DIR / "layers"
SOURCES_DIR = PROJECT_ROOT.parent / "shared" / "sources"
