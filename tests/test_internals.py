"""What ui/internals.py relies on in Streamlit: fails loudly when an upgrade changes it."""
from __future__ import annotations

import inspect
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_pages_manager_still_has_the_flag():
    from streamlit.runtime import pages_manager
    from streamlit.runtime.pages_manager import PagesManager

    from ui import internals
    assert hasattr(PagesManager, internals.FLAG), "PagesManager.uses_pages_directory is gone"
    # set from the entry point's folder when the first PagesManager is made ...
    assert 'self.main_script_parent / "pages"' in inspect.getsource(pages_manager)


def test_the_flag_is_consulted_by_the_script_runner_and_cleared_by_navigation():
    from streamlit.commands import navigation
    from streamlit.runtime.scriptrunner import script_runner
    assert "PagesManager.uses_pages_directory" in inspect.getsource(script_runner), (
        "the script runner no longer reads the flag: ui/internals.py may be unneeded")
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation)


def test_stop_legacy_pages_clears_the_flag(monkeypatch):
    from streamlit.runtime.pages_manager import PagesManager

    from ui import internals
    monkeypatch.setattr(PagesManager, internals.FLAG, True)
    internals.stop_legacy_pages()
    assert PagesManager.uses_pages_directory is False
    monkeypatch.delattr(PagesManager, internals.FLAG)
    try:
        internals.stop_legacy_pages()
    except RuntimeError as exc:
        assert "ui/internals.py" in str(exc)
    else:
        raise AssertionError("a missing flag must fail loudly")


def test_in_script_run_is_false_outside_a_run():
    from ui import internals
    assert internals.in_script_run() is False


def test_a_page_still_routes_through_app_py():
    """With the legacy mode on (a fresh server), a page run alone reruns through app.py:
    the sidebar app.py draws is there and no exception."""
    from streamlit.runtime.pages_manager import PagesManager
    saved = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        at = AppTest.from_file(APP, default_timeout=120).run()
        at.switch_page("pages/sources.py").run()
        assert not at.exception, [e.message for e in at.exception]
        assert at.radio(key="names") is not None  # the shared sidebar, drawn by app.py
        assert any("Sources" in t.value for t in at.title)
    finally:
        PagesManager.uses_pages_directory = saved


def test_streamlit_folium_keys_its_value_by_a_sha256():
    """ui.map_adapter.is_component_key: the session key streamlit-folium writes."""
    from streamlit_folium import generate_js_hash

    from ui.map_adapter import is_component_key
    assert is_component_key(generate_js_hash("var map_1a2b = L.map();", "map"))
    assert not is_component_key("sel_feature")
