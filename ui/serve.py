"""Serve the explorer: the warm-up starts with the server (:mod:`ui.warm`).

    python -m ui.serve [streamlit run options, e.g. --server.port 8502]

The same as ``streamlit run app.py`` with those options, in one process, but the warm-up
runs while Streamlit starts and the server listens only once it is done, so that no
visitor is served cold (``streamlit run`` has no start-up hook: its first script run is
the first visitor's); and the server's connections send each message at once
(TCP_NODELAY: :func:`ui.internals.no_nagle`).
"""
from __future__ import annotations

import sys
from pathlib import Path

WARM_UP_WAIT_S = 300  # the longest the server waits for its warm-up before it listens
# not resolved: a folder of links to the app (tests/conftest.py) serves its own static/
APP = Path(__file__).absolute().parent.parent / "app.py"


def main(argv: list[str] | None = None) -> int:
    from streamlit.web import cli

    from ui import internals, warm
    internals.no_nagle()  # each message leaves at once (ui/internals.py)
    # The warm-up runs while Streamlit starts; its maps wait for Streamlit's configuration
    # (see ui.warm), and the server listens once it is done.
    thread = warm.start(before_maps=internals.wait_for_runtime)
    if thread is not None:
        internals.before_listening(lambda: thread.join(WARM_UP_WAIT_S))
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
