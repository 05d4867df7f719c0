"""Northern Territories / Southern Kurils explorer: the app's entry point.

    python -m ui.serve             # what scripts/run.sh runs: warm-up first (ui.warm)
    python -m streamlit run app.py # also works: warms up at its first visitor

Pages: Map (default), Story, Timeline, Compare, Sources, About (``pages/``); the shared sidebar,
shell, panels and caches are the ``ui`` package; the logic lives in the ``geo`` package.
"""
import streamlit as st

from geo.errors import DataError
from ui import data, keys, layout, shell, warm
from ui.lang import tr
from ui.sidebar import sidebar

_ = tr()  # the session's language (its first run: the URL's, else the browser's)
st.set_page_config(page_title=_("Northern Territories / Southern Kurils explorer"),
                   page_icon="🗺️", layout="wide")  # an emoji: a Material icon loads from Google

shell.new_run()
warm.start()  # started with the server by `python -m ui.serve`; else by the first visitor
try:
    data.prepare_static()
except (DataError, OSError) as exc:  # the other pages still work
    shell.data_error(exc, _("the map's static files"))

page = st.navigation([
    st.Page(keys.PAGE_MAP, title=_("Map"), icon=":material/map:", default=True),
    st.Page(keys.PAGE_STORY, title=_("Story"), icon=":material/auto_stories:",
            url_path=keys.URL_PATHS[keys.PAGE_STORY]),
    st.Page(keys.PAGE_TIMELINE, title=_("Timeline"), icon=":material/timeline:",
            url_path=keys.URL_PATHS[keys.PAGE_TIMELINE]),
    st.Page(keys.PAGE_COMPARE, title=_("Compare"), icon=":material/compare:",
            url_path=keys.URL_PATHS[keys.PAGE_COMPARE]),
    st.Page(keys.PAGE_SOURCES, title=_("Sources"), icon=":material/description:",
            url_path=keys.URL_PATHS[keys.PAGE_SOURCES]),
    st.Page(keys.PAGE_ABOUT, title=_("About"), icon=":material/info:",
            url_path=keys.URL_PATHS[keys.PAGE_ABOUT]),
])
shell.init_state(data.valid)
layout.page_layout(keys.page_of(page))
sidebar(keys.page_of(page))
with shell.app_shell():
    page.run()
