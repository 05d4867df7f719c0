"""Northern Territories / Southern Kurils explorer: the app's entry point.

    python -m streamlit run app.py

Pages: Map (default), Timeline, Compare, Sources, About; a shared sidebar (names convention,
scenario, overlays). The logic lives in the ``geo`` package; the pages only
lay it out.
"""
import streamlit as st

from geo.data.layers import load_atlas
from geo.errors import DataError
from geo.map import prepare_assets
from geo.views.present import default_scenarios
from pages import shared

st.set_page_config(page_title="Northern Territories / Southern Kurils explorer",
                   page_icon="🗺️", layout="wide")  # an emoji: a Material icon loads from Google


@st.cache_resource(show_spinner=False)
def _prepare_static() -> None:
    """Every file the map fetches, written once into the served static folder: Leaflet
    and the geometry now, the overlay files in the background (geo.map.layers.prepare_assets)."""
    prepare_assets(load_atlas(), default_scenarios().items)


shared.new_run()
try:
    _prepare_static()
except (DataError, OSError) as exc:  # the other pages still work
    shared.data_error(exc, "the map's static files")

page = st.navigation([
    st.Page(shared.PAGE_MAP, title="Map", icon=":material/map:", default=True),
    st.Page(shared.PAGE_TIMELINE, title="Timeline", icon=":material/timeline:",
            url_path="timeline"),
    st.Page(shared.PAGE_COMPARE, title="Compare", icon=":material/compare:",
            url_path="compare"),
    st.Page(shared.PAGE_SOURCES, title="Sources", icon=":material/description:",
            url_path="sources"),
    st.Page(shared.PAGE_ABOUT, title="About", icon=":material/info:", url_path="about"),
])
shared.init_state()
shared.sidebar()
with shared.app_shell():
    page.run()
