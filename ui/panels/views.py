"""The panels of a view below the map: a present-day scenario's figures and a point of view
(their texts: geo.panels.view, which the static explorer shows too)."""
from __future__ import annotations

from geo.panels.view import scenario_blocks, viewpoint_blocks
from ui import data
from ui.lang import lang as session_lang
from ui.panels.blocks import show


def viewpoint_panel(view, figs, corpus, straits_on: bool, *, lang: str | None = None,
                    names: str | None = None) -> None:
    """A point of view (one side's maps, or who administers): what it shows and whose
    convention it is, areas by how it shows them, its references and quotes; in ``lang``
    (the session's if None), places in the names convention ``names``."""
    show(viewpoint_blocks(view, figs, corpus, data.atlas(), lang=lang or session_lang(),
                          names=names), ["straits"] if straits_on else [])


def scenario_panel(scenario, cons, corpus, gaz, straits_on: bool, *, lang: str | None = None,
                   names: str | None = None) -> None:
    """A present-day scenario's figures; in ``lang`` (the session's if None), places in the
    names convention ``names``."""
    show(scenario_blocks(scenario, cons, corpus, data.atlas(), lang=lang or session_lang(),
                         names=names), ["straits"] if straits_on else [])
