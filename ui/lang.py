"""The session's interface language: the one place a page asks for it.

``_ = tr()`` at the top of a page (or a ui function) gives the session's
:class:`geo.i18n.Translator`; ``lang()`` its code, for the geo functions that write text
(``lang=lang()``). The language is a session key (:data:`ui.keys.LANG`, the URL's
``?lang=``), set from the URL or the browser's locale at the session's first run and by
the sidebar's switch: never process-wide, since one server serves every language at once.
"""
from __future__ import annotations

import streamlit as st

from geo.i18n import LANGS, Translator, resolve, translator
from ui import keys


def browser_locale() -> str | None:
    """The browser's locale (``navigator.language``), if Streamlit has it."""
    try:
        return st.context.locale
    except Exception:  # noqa: BLE001 - outside a run (a tool, a test): none
        return None


def lang() -> str:
    """The session's language (before the session's state is set: the URL's, else the
    browser's, else English)."""
    value = st.session_state.get(keys.LANG)
    if value in LANGS:
        return value
    return resolve(st.query_params.get("lang"), browser_locale())


def tr() -> Translator:
    """The session's translator."""
    return translator(lang())
