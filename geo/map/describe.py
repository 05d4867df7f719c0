"""The map in words, for those who cannot see it (a screen reader, a text-only reader): what
it shows under the current view, the same facts the colours and outlines carry. The map's
container is labelled with :func:`summary`; :func:`rows` is the table the page shows as
"The map as text"."""
from __future__ import annotations

from geo.data.layers import Atlas
from geo.i18n import text_in, translator
from geo.map.overlays.registry import OVERLAY_INFO
from geo.map.state import MapState
from geo.map.text import NAMES_LABELS, heading, status_text
from geo.views.present import DISPUTED

# The land named in the table: the four islands and their islets, then their neighbours.
NEIGHBOURS = ("hokkaido", "urup", "kuril-north", "sakhalin", "kamchatka")


def summary(state: MapState, atlas: Atlas) -> str:
    """One sentence: the view, what is selected and the overlays shown (plain text, in the
    state's language)."""
    _ = translator(state.lang)
    text = _("Map of the islands under the view: {view}.",
             view=text_in(state.scenario.title, state.lang))
    if state.selected and state.selected in atlas.gaz:
        text += _(" Selected: {feature}.", feature=heading(atlas.gaz.get(state.selected),
                                                           state.names))
    on = [_(o.label) for o in OVERLAY_INFO if state.shows(o.key) and o.shown(state.scenario)]
    if on:
        text += _(" Overlays: {overlays}.", overlays=_("; ").join(on))
    return text + _(" The list 'Island, strait or place' beside the map selects what a click "
                    "selects; 'The map as text' below it lists who holds what.")


def rows(state: MapState, atlas: Atlas) -> list[tuple[str, str]]:
    """(name, who holds it under the view) for the disputed islands, their islets and the
    neighbouring land, names in the chosen convention (plain text)."""
    gaz = atlas.gaz
    islets = [f.id for f in gaz.features if f.part_of == "habomai"]
    ids = [f for f in ("disputed-islands", *DISPUTED, *islets, *NEIGHBOURS) if f in gaz]
    out = []
    for fid in dict.fromkeys(ids):
        f = gaz.get(fid)
        out.append((heading(f, state.names),
                    status_text(f, state.scenario, gaz, state.lang, state.names) or "—"))
    return out


def names_note(state: MapState) -> str:
    _ = translator(state.lang)
    return _("Names: {names}.", names=_(NAMES_LABELS[state.names]))
