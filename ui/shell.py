"""The app shell: how a page knows it runs inside app.py's st.navigation, the data
errors (each shown once per run), the URL notices and the URL itself."""
from __future__ import annotations

import contextlib
import threading

import streamlit as st

from geo.errors import DataError
from ui import internals, keys
from ui.lang import browser_locale, lang, tr
from ui import state as ui
from ui.markdown import md_escape

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
    """Make sure this run goes through app.py's st.navigation: a page run alone (see
    :mod:`ui.internals`) stops the legacy ``pages/`` mode and reruns, so the entry point
    runs and routes to the same page (same URL path). The check is per run, not on the
    flag: visitors arriving together on a fresh server may have been routed before the
    first of them flipped it."""
    if getattr(_shell, "active", False) or not internals.in_script_run():
        return  # through app.py, or imported outside a run (a test, a tool)
    internals.stop_legacy_pages()
    st.rerun()


# --- data errors, shown not raised ---------------------------------------------------------

def data_error(exc: Exception, what: str = "the data") -> None:
    """Show a data error (file, id, field) without a traceback, once per run: a broken
    file that several parts of the page read gets one box, from the first of them."""
    shown = st.session_state.setdefault(keys.SHOWN_ERRORS, set())
    if str(exc) in shown:
        return
    shown.add(str(exc))
    _ = tr()
    # ``what`` is a marked message (N_) or already in the session's language: _() gives
    # either in it. The error's reason stays English (DataError.in_language).
    text = exc.in_language(lang()) if isinstance(exc, DataError) else str(exc)
    st.error(_("Could not load {what}: {error}", what=md_escape(_(what)),
               error=md_escape(text)), icon=":material/error:")


def new_run() -> None:
    """At the start of each full run (app.py): no error shown yet; the data's stamps
    taken afresh (ui.data.snapshot)."""
    st.session_state[keys.SHOWN_ERRORS] = set()
    st.session_state.pop(keys.SNAPSHOT, None)


def load(what: str, loader):
    """``loader()``, or None after showing its DataError (``what``: a marked message,
    ``N_("the timeline")``, translated in the box)."""
    try:
        return loader()
    except DataError as exc:
        data_error(exc, what)
        return None


# --- the session state and the URL ---------------------------------------------------------

def init_state(valid) -> None:
    """On a session's first run, take the state from the URL (deep link); ``valid``:
    a callable giving the ids the URL may name (:class:`ui.state.Valid`)."""
    ss = st.session_state
    if ss.get(keys.INIT):
        return
    params = st.query_params.to_dict()
    state, notices = ui.parse_query(params, valid(), locale=browser_locale())
    ss.update(ui.to_session(state))
    ss[keys.NAMES_CHOSEN] = keys.TABLE[keys.NAMES].param in params
    ss[keys.VIEW_NONCE] = 0
    ss[keys.NOTICES] = list(notices)  # ui.state.Notice: translated when shown
    ss[keys.INIT] = True


def current_state() -> ui.UIState:
    return ui.from_session(st.session_state)


def sync_query(page: str) -> None:
    """Write the state to the URL (the page's parameters), if it changed."""
    want = ui.to_query(current_state(), keys.page_params(page), locale=browser_locale())
    if st.query_params.to_dict() != want:
        st.query_params.from_dict(want)


def mirror(widget: str, key: str):
    """An on_change callback: the widget's value becomes the state's ``key`` (a select
    box mirrors a state key, so that the state can change without the widget)."""
    def copy() -> None:
        st.session_state[key] = st.session_state.get(widget)
    return copy


def show_notices() -> None:
    """Warnings about ignored URL values, until dismissed."""
    notes = st.session_state.get(keys.NOTICES) or []
    if not notes:
        return
    _, code = tr(), lang()
    for note in notes:
        msg = note.text(code) if isinstance(note, ui.Notice) else str(note)
        st.warning(md_escape(msg), icon=":material/link_off:")
    st.button(_("Dismiss"), key=keys.DISMISS, on_click=st.session_state.update,
              kwargs={keys.NOTICES: []})

