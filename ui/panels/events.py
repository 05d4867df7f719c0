"""The dated events and a historical view's panel (Map and Timeline pages; their texts:
geo.panels.view, which the static explorer shows too)."""
from __future__ import annotations

from geo.panels.view import event_text, history_blocks
from ui import data
from ui.lang import lang as session_lang
from ui.panels import blocks


def event_block(e, *, marked: bool = False, expanded: bool = False,
                lang: str | None = None) -> None:
    """One dated event (geo.views.historical.Entry): date, title, neutral summary, what
    changed hands and its sources; in ``lang`` (the session's if None)."""
    blocks.event_block(event_text(e, marked=marked, lang=lang or session_lang()),
                       expanded=expanded)


def history_panel(view, figs, entries, straits_on: bool, *, lang: str | None = None,
                  names: str | None = None) -> None:
    """A historical scenario: who held what, areas by holder, the defining events; in
    ``lang`` (the session's if None), places in the names convention ``names``."""
    blocks.show(history_blocks(view, figs, entries, data.atlas(), lang=lang or session_lang(),
                               names=names), ["straits"] if straits_on else [])
