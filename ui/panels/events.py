"""The dated events and a historical view's panel (Map and Timeline pages; their texts:
geo.panels.view, which the static explorer shows too)."""
from __future__ import annotations

from geo.panels.view import event_text, history_blocks
from ui import data
from ui.panels import blocks


def event_block(e, *, marked: bool = False, expanded: bool = False) -> None:
    """One dated event (geo.views.historical.Entry): date, title, neutral summary, what
    changed hands and its sources."""
    blocks.event_block(event_text(e, marked=marked), expanded=expanded)


def history_panel(view, figs, entries, straits_on: bool) -> None:
    """A historical scenario: who held what, areas by holder, the defining events."""
    blocks.show(history_blocks(view, figs, entries, data.atlas()),
                ["straits"] if straits_on else [])
