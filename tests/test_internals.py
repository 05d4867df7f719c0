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


def test_streamlit_still_binds_its_socket_without_the_tcp_protocol_number():
    """ui.internals.no_nagle: asyncio sets TCP_NODELAY only on sockets made with
    IPPROTO_TCP, and Streamlit's own bind does not give it (remove no_nagle when it does)."""
    import asyncio.base_events
    from streamlit.web.server.starlette import starlette_server

    from ui import internals
    source = inspect.getsource(getattr(starlette_server, internals.SOCKET_BIND))
    assert "socket.socket(family=family)" in source, (
        "Streamlit now makes its socket differently: is ui.internals.no_nagle still needed?")
    assert "sock.proto == socket.IPPROTO_TCP" in inspect.getsource(asyncio.base_events)


def test_no_nagle_makes_every_accepted_connection_send_at_once(monkeypatch):
    import socket

    from streamlit.web.server.starlette import starlette_server

    from ui import internals
    monkeypatch.setattr(starlette_server, internals.SOCKET_BIND,
                        getattr(starlette_server, internals.SOCKET_BIND))
    plain = starlette_server._bind_socket("127.0.0.1", 0, 8)
    internals.no_nagle()
    internals.no_nagle()  # once is enough: a second call wraps nothing more
    assert starlette_server._bind_socket.wrapped == ("no_nagle",)
    sock = starlette_server._bind_socket("127.0.0.1", 0, 8)
    try:
        for listener, want in ((plain, 0), (sock, 1)):
            listener.setblocking(True)
            client = socket.create_connection(listener.getsockname())
            conn, _ = listener.accept()
            assert bool(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)) == bool(want)
            conn.close()
            client.close()
    finally:
        plain.close()
        sock.close()


def test_a_component_imported_outside_a_run_is_registered_with_the_server(monkeypatch):
    """The warm-up imports streamlit-folium on its own thread (no script run): Streamlit
    then does not register the component, and ui.internals.ensure_registered does."""
    from streamlit import runtime
    from streamlit.components.lib.local_component_registry import LocalComponentRegistry
    from streamlit.components.v1 import component_registry

    from ui import internals
    assert "if ctx is not None:" in inspect.getsource(component_registry.declare_component)
    registry = LocalComponentRegistry()

    class Server:
        component_registry = registry
    monkeypatch.setattr(runtime, "exists", lambda: True)
    monkeypatch.setattr(runtime, "get_instance", lambda: Server)
    import streamlit_folium as sf
    assert registry.get_component(sf._component_func.name) is None
    internals.ensure_registered(sf._component_func)
    assert registry.get_component(sf._component_func.name) is sf._component_func


def test_before_listening_runs_first_and_keeps_no_nagle(monkeypatch):
    import socket

    from streamlit.web.server.starlette import starlette_server

    from ui import internals
    monkeypatch.setattr(starlette_server, internals.SOCKET_BIND,
                        getattr(starlette_server, internals.SOCKET_BIND))
    calls = []
    internals.no_nagle()
    internals.before_listening(lambda: calls.append("ready"))
    assert calls == []  # not before the server binds
    sock = starlette_server._bind_socket("127.0.0.1", 0, 8)
    try:
        assert calls == ["ready"]
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        sock.close()
