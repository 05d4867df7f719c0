"""The one module that touches Streamlit's internals (not its public API); each is
checked by tests/test_internals.py, which fails when an upgrade changes it:

* the legacy ``pages/`` mode (below, :func:`stop_legacy_pages`);
* the server's socket: TCP_NODELAY (:func:`no_nagle`) and binding only once the
  warm-up is done (:func:`before_listening`, :func:`wait_for_runtime`);
* custom components imported outside a script run (:func:`ensure_registered`).

Streamlit treats an app with a ``pages/`` folder beside its entry point as an
old-style multipage app until ``st.navigation`` has run once in the process: until
then a request for a page (a fresh server's first visitors on /sources etc., or
AppTest's reruns) runs the page file alone, without app.py's sidebar and state.
Streamlit 1.67 has no public setting for this (the flag is
``PagesManager.uses_pages_directory``, set from ``Path(main_script).parent / "pages"``
when the first PagesManager is made, and cleared by ``st.navigation``), and the design
card keeps the folder's name. So a page run that way clears the flag itself and reruns
(:func:`ui.shell.ensure_app_shell`).
"""
from __future__ import annotations

import socket

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

FLAG = "uses_pages_directory"


def in_script_run() -> bool:
    """Whether this code runs inside a Streamlit script run (not imported by a tool)."""
    return get_script_run_ctx(suppress_warning=True) is not None


def stop_legacy_pages() -> None:
    """Route every later run through the entry point's st.navigation (process-wide)."""
    if not hasattr(PagesManager, FLAG):
        raise RuntimeError(f"streamlit's PagesManager has no {FLAG!r}: see ui/internals.py")
    setattr(PagesManager, FLAG, False)


# --- the server's socket: Nagle's algorithm, and listening once warm ------------------------
# Streamlit 1.67 serves with uvicorn on a socket it binds itself (``_bind_socket`` in
# streamlit/web/server/starlette/starlette_server.py), made as ``socket.socket(family=...)``:
# its protocol number is 0, and asyncio sets TCP_NODELAY on a connection only when the
# socket's protocol is IPPROTO_TCP (asyncio.base_events._set_nodelay). So Nagle's algorithm
# holds a run's small messages back until the client acknowledges the first, which it may
# delay by up to 40 ms: a scenario switch sent right after the previous action's answer
# took 47 ms to its end instead of 17-24 ms (1 December 2026, the switch's messages timed
# from one client, benchmarks/load_test.py's Session).
SOCKET_BIND = "_bind_socket"


def _wrap_bind(name: str, wrap) -> None:
    """Replace Streamlit's socket bind with ``wrap(bind)`` (once per ``name``)."""
    from streamlit.web.server.starlette import starlette_server
    bind = getattr(starlette_server, SOCKET_BIND, None)
    if bind is None:
        raise RuntimeError(f"streamlit's starlette_server has no {SOCKET_BIND!r}: see "
                           "ui/internals.py")
    if name in getattr(bind, "wrapped", ()):
        return
    new = wrap(bind)
    new.wrapped = (*getattr(bind, "wrapped", ()), name)
    setattr(starlette_server, SOCKET_BIND, new)


def no_nagle() -> None:
    """TCP_NODELAY on the listening socket Streamlit binds (Linux hands it on to every
    connection it accepts): each message leaves as soon as it is written."""
    def wrap(bind):
        def bind_no_nagle(*args, **kwargs):
            sock = bind(*args, **kwargs)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return sock
        return bind_no_nagle
    _wrap_bind("no_nagle", wrap)


def before_listening(ready) -> None:
    """Call ``ready()`` (say, wait for the warm-up) before the server binds its socket:
    until it returns, nobody can connect, and a health check is not answered."""
    def wrap(bind):
        def bind_when_ready(*args, **kwargs):
            ready()
            return bind(*args, **kwargs)
        return bind_when_ready
    _wrap_bind("before_listening", wrap)


def wait_for_runtime(timeout: float = 120.0) -> bool:
    """Wait until Streamlit's runtime exists (it has read its configuration, the command
    line's options included); whether it does."""
    import time

    from streamlit import runtime
    deadline = time.monotonic() + timeout
    while not runtime.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# --- custom components imported outside a script run -------------------------------------------
# streamlit.components.v1.declare_component registers a component with the server only when
# its module is first imported inside a script run (component_registry.py: "the ctx can be
# None if a custom component script is run outside of Streamlit"). The warm-up (ui.warm)
# imports streamlit-folium on a thread of its own, so the map's component would never be
# registered and its page would be a 404.


def ensure_registered(component) -> None:
    """Register a component declared outside a script run with the running server (if
    there is one, and it does not know the component yet)."""
    from streamlit import runtime
    if not runtime.exists():
        return
    registry = runtime.get_instance().component_registry
    if registry.get_component(component.name) is None:
        registry.register_component(component)
