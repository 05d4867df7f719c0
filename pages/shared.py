"""Streamlit glue shared by app.py and the pages: state, sidebar, URL, errors.

Logic lives in ``geo``; this module only reads and writes ``st.session_state``,
``st.query_params`` and draws common widgets. Texts from the data files or
the URL are always shown escaped (:func:`geo.ui_state.md_escape`).
"""
from __future__ import annotations

import contextlib
import threading
from typing import Iterable

import streamlit as st

from geo import ui_state as ui
from geo.ui_state import md_escape
from geo.errors import DataError

NAMES_LABELS = {"ja": "Japanese names", "ru": "Russian names", "both": "Both"}
PAGE_MAP = "pages/map.py"
PAGE_SOURCES = "pages/sources.py"
PAGE_ABOUT = "pages/about.py"
PAGE_TIMELINE = "pages/timeline.py"
PAGE_COMPARE = "pages/compare.py"


# --- the app shell ----------------------------------------------------------------------

_shell = threading.local()  # each session's run has a thread of its own


@contextlib.contextmanager
def app_shell():
    """app.py runs the chosen page inside this, so the page knows it was reached
    through st.navigation (with the sidebar and the state app.py sets up)."""
    _shell.active = True
    try:
        yield
    finally:
        _shell.active = False


def ensure_app_shell() -> None:
    """Make sure this run goes through app.py's st.navigation.

    Streamlit treats an app with a ``pages/`` folder as an old-style
    multipage app until ``st.navigation`` has been called once in the process:
    until then a request for a page (a fresh server's first visitors on
    /sources etc., or AppTest's reruns) runs the page file alone, without the
    sidebar and the state set up by app.py. A page that finds itself run that
    way flips the flag and reruns, so the entry point runs and routes to the same
    page (same URL path). The check is per run, not on the flag: visitors
    arriving together on a fresh server may have been routed before the first
    of them flipped it.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if getattr(_shell, "active", False) or get_script_run_ctx() is None:
        return  # through app.py, or imported outside a run (a test, a tool)
    PagesManager.uses_pages_directory = False
    st.rerun()


SHOWN_ERRORS = "_shown_errors"


# --- data, loaded once per process, errors shown not raised ---------------------------

def data_error(exc: Exception, what: str = "the data") -> None:
    """Show a data error (file, id, field) without a traceback, once per run: a broken
    file that several parts of the page read gets one box, from the first of them."""
    shown = st.session_state.setdefault(SHOWN_ERRORS, set())
    if str(exc) in shown:
        return
    shown.add(str(exc))
    st.error(f"Could not load {ui.md_escape(what)}: {ui.md_escape(str(exc))}", icon=":material/error:")


def new_run() -> None:
    """At the start of each full run (app.py): no error shown yet."""
    st.session_state[SHOWN_ERRORS] = set()


def load(what: str, loader):
    """``loader()``, or None after showing its DataError."""
    try:
        return loader()
    except DataError as exc:
        data_error(exc, what)
        return None


def atlas():
    from geo.layers import load_atlas
    return load_atlas()


def scenarios():
    """The present-day scenarios followed by the historical ones (hist-1855 …), or the
    present-day ones alone if the timeline does not load (the sidebar says why)."""
    from geo.historical_view import with_historical
    from geo.scenarios import default_scenarios
    present = default_scenarios()
    try:
        return with_historical(present)
    except DataError:
        return present


def places():
    """The cited places of the security overlay (US bases, fleet, incidents)."""
    from geo.security import default_places
    return default_places()


def timeline():
    from geo.history import default_timeline
    return default_timeline()


def corpus():
    from geo.annotations import default_corpus
    return default_corpus()


def _valid() -> ui.Valid:
    from geo.mapview import selectable_ids

    def ids(loader, get):
        try:
            return get(loader())
        except DataError:
            return []
    def dates(tl):
        from geo.historical_view import timeline_dates
        return timeline_dates(tl)
    return ui.Valid.of(features=ids(atlas, selectable_ids),
                       scenarios=ids(scenarios, lambda s: s.ids),
                       sources=ids(corpus, lambda c: c.sources),
                       dates=ids(timeline, dates))


# --- session state from the URL -------------------------------------------------------------

def init_state() -> None:
    """On a session's first run, take the state from the URL (deep link)."""
    ss = st.session_state
    if ss.get("_init"):
        return
    state, notices = ui.parse_query(st.query_params.to_dict(), _valid())
    ss["names"] = state.names
    ss["scenario"] = state.scenario
    ss["straits"] = state.straits
    ss["basemap"] = state.basemap
    ss["sea"] = state.sea
    ss["security"] = state.security
    ss["okhotsk"] = state.okhotsk
    ss["cmp_a"] = state.a
    ss["cmp_b"] = state.b
    ss["sel_feature"] = state.feature
    ss["view"] = state.view
    ss["view_nonce"] = 0
    ss["source"] = state.source
    ss["date"] = state.date
    ss["_notices"] = [n.message for n in notices]
    ss["_init"] = True


def current_state() -> ui.UIState:
    ss = st.session_state
    return ui.UIState(feature=ss.get("sel_feature"), scenario=ss.get("scenario", "today"),
                      names=ss.get("names", "both"), straits=bool(ss.get("straits")),
                      basemap=bool(ss.get("basemap")), sea=bool(ss.get("sea")),
                      security=bool(ss.get("security")), okhotsk=bool(ss.get("okhotsk")),
                      view=ss.get("view"), source=ss.get("source"), date=ss.get("date"),
                      a=ss.get("cmp_a"), b=ss.get("cmp_b"))


def sync_query(keys: Iterable[str]) -> None:
    """Write the state to the URL (only ``keys``), if it changed."""
    want = ui.to_query(current_state(), keys)
    if st.query_params.to_dict() != want:
        st.query_params.from_dict(want)


def show_notices() -> None:
    """Warnings about ignored URL values, until dismissed."""
    notes = st.session_state.get("_notices") or []
    if not notes:
        return
    for msg in notes:
        st.warning(ui.md_escape(msg), icon=":material/link_off:")
    st.button("Dismiss", key="dismiss_notices", on_click=st.session_state.update,
              kwargs={"_notices": []})


# --- the shared sidebar ---------------------------------------------------------------------------

def sidebar() -> None:
    from geo.historical_view import is_historical

    with st.sidebar:
        st.radio("Place names", list(NAMES_LABELS), key="names",
                 format_func=NAMES_LABELS.__getitem__,
                 help="Japanese names (romaji and kanji), Russian names (transliteration and "
                      "Cyrillic) or both, on the map and in the panel.")
        scen = load("the scenarios", scenarios)
        if scen is not None and not any(is_historical(s) for s in scen):
            load("the timeline (the historical views are left out)", timeline)
        if scen is not None:
            if st.session_state.get("scenario") not in scen.ids:
                st.session_state["scenario"] = scen.baseline.id
            st.selectbox("Scenario", scen.ids, key="scenario",
                         format_func=lambda sid: scen.get(sid).short_title,
                         help="Who would hold each island, today's three options, or who "
                              "held them after the treaties of 1855, 1875 and 1905 and in "
                              "1945. The map, the figures and the defining sources follow.")
        st.markdown("**Overlays**")
        st.toggle("Straits and their widths", key="straits")
        st.toggle("Sea division (median line, illustration)", key="sea",
                  help="The sea within 200 nautical miles split by equidistance under the "
                       "scenario: an illustration of the method, not a legal boundary. "
                       "Present-day scenarios only.")
        st.toggle("Sea of Okhotsk and its gates", key="okhotsk",
                  help="The sea's outline and the passages out of it, solid where a shore "
                       "is Japanese under the scenario, dotted where none is; the Soya and "
                       "Nevelskoy straits lead to the Sea of Japan.")
        st.toggle("US bases, fleet and incidents", key="security",
                  help="Cited points: US bases in Japan, the Russian Pacific Fleet's home "
                       "port and incidents the sources report (hollow: approximate).")
        st.toggle("Online basemap (OpenStreetMap tiles)", key="basemap",
                  help="Off by default: the app needs no internet. On, the map loads tiles "
                       "from tile.openstreetmap.org.")
        st.caption("Every claim is attributed to whoever makes it; the app takes no side.")


# --- small renderers used by several pages ------------------------------------------------------------

def citation_line(speaker: str, role: str, outlet: str, date: str | None, published: str,
                  reported: bool = False) -> str:
    """Who says it, when, and where, as escaped Markdown. A reported statement is the
    outlet's account of the speaker, so it is credited as such."""
    when = f", {date}" if date else ""
    where = "as reported by" if reported else "in"
    return md_escape(f"— {speaker} ({role}){when} · {where} {outlet} ({published})")


def quote_block(quote: str) -> str:
    return "> " + ui.md_escape(f"“{quote}”").replace("\n", "\n> ")


def source_link(source_id: str, title: str) -> None:
    st.page_link(PAGE_SOURCES, label=f"Source: {title}", icon=":material/description:",
                 query_params={"source": source_id}, help="Open this document on the Sources page")
