"""The one module that touches Streamlit's internals (not its public API).

Streamlit treats an app with a ``pages/`` folder beside its entry point as an
old-style multipage app until ``st.navigation`` has run once in the process: until
then a request for a page (a fresh server's first visitors on /sources etc., or
AppTest's reruns) runs the page file alone, without app.py's sidebar and state.
Streamlit 1.67 has no public setting for this (the flag is
``PagesManager.uses_pages_directory``, set from ``Path(main_script).parent / "pages"``
when the first PagesManager is made, and cleared by ``st.navigation``), and the design
card keeps the folder's name. So a page run that way clears the flag itself and reruns
(:func:`ui.shell.ensure_app_shell`). tests/test_internals.py fails when an upgrade
changes what this relies on.
"""
from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

FLAG = "uses_pages_directory"


def in_script_run() -> bool:
    """Whether this code runs inside a Streamlit script run (not imported by a tool)."""
    return get_script_run_ctx() is not None


def stop_legacy_pages() -> None:
    """Route every later run through the entry point's st.navigation (process-wide)."""
    if not hasattr(PagesManager, FLAG):
        raise RuntimeError(f"streamlit's PagesManager has no {FLAG!r}: see ui/internals.py")
    setattr(PagesManager, FLAG, False)
