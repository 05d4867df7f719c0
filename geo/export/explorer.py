"""The static explorer's panel: every feature's card under each names convention, every
view's panel (its figures and sources) and the map as text, the rule by which statements
are filed, and the page's own controls, as plain data for ``atlas.js``.

The texts are the app's (geo.panels: the same functions the app's panels show), turned
into JSON by :func:`plain`: a block becomes ``{"kind": ..., its fields}``, a quote is
written once in ``quotes`` and referred to by id, a reference carries its link text and
its http(s) address (or none), a legend row its swatch's style (geo.map.legend.swatch_css).
"""
from __future__ import annotations

import dataclasses
import re

from geo.analysis.cards import feature_card
from geo.analysis.security import nearest_base_named
from geo.data.corpus import Corpus
from geo.data.events import Timeline
from geo.data.story import Story
from geo.data.layers import Atlas
from geo.data.places import Places
from geo.i18n import DEFAULT, NAMES_BY_LANG, N_, text_in, translator
from geo.map.display import selectable_ids
from geo.map.legend import swatch_css
from geo.map.overlays.registry import INFO
from geo.map.state import NAMES, MapState
from geo.map.style import LegendItem
from geo.map.text import NAMES_LABELS, heading
from geo.panels.about import NEUTRALITY, RULE_TITLE, rule_blocks
from geo.panels.card import IN_VIEW, card_text, in_view
from geo.panels.quote import QuoteText
from geo.panels.story import step_text
from geo.panels.view import MAP_TEXT, map_text_blocks, view_panel
from geo.references import Ref
from geo.views.story import step_view

# The page's own words (its controls), beside the app's: the app's labels where it has one.
UI = {
    "view": N_("Scenario"), "feature": N_("Island, strait or place"),
    "placeholder": N_("Choose one, or click it on the map"), "names": N_("Place names"),
    "overlays": N_("Overlays"),
    "hint": N_("Select an island on the map or in the list above to see its names, status, "
               "area, population and what the sources say about it. A click on the sea clears "
               "the selection."),
    "none": N_("No feature selected"), "hide": N_("Hide the panel"), "show": N_("Show the panel"),
    # the cards say "see About for the rule": the page's About is the rule's own section
    "about": N_("About: how statements are filed"), "neutrality": NEUTRALITY, "map_text": MAP_TEXT,
}
assert UI["about"] == f"About: {RULE_TITLE[:1].lower()}{RULE_TITLE[1:]}", "About names the rule"
# The story's and the share box's own words.
STORY_UI = {
    "story": N_("The dispute step by step"), "start": N_("Start the story"),
    "leave": N_("Leave the story"), "previous": N_("Previous"), "next": N_("Next"),
    "step": N_("Step"), "keys": N_("The keys ← and → move between steps."),
    "share": N_("Share or embed this view"), "link": N_("Link to this view"),
    "embed": N_("Embed it in a web page"), "copy": N_("Copy"), "copied": N_("Copied"),
    "local": N_("This page was opened from a file: publish it on a web server first, then "
                "copy the link or the snippet from there."),
}
OVERLAY_LABELS = {**{k: INFO[k].label for k in ("straits", "security")}, "labels": N_("Labels")}


def ui_words(lang: str = DEFAULT) -> dict[str, str]:
    """The page's own words (:data:`UI`) in ``lang``."""
    _ = translator(lang)
    return {k: _(v) for k, v in UI.items()}


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _kind(obj: object) -> str:
    return _CAMEL.sub("_", type(obj).__name__).lower()


def _fields(obj, quotes: dict[str, dict]) -> dict:
    return {"kind": _kind(obj), **{f.name: plain(getattr(obj, f.name), quotes)
                                  for f in dataclasses.fields(obj)}}


def plain(obj: object, quotes: dict[str, dict]) -> object:
    """A panel's dataclasses as JSON-ready data (see the module's docstring); each quote
    goes into ``quotes`` once (without the line saying which features it is shown
    through: that stays where it is shown)."""
    if isinstance(obj, QuoteText):
        if obj.id not in quotes:
            quotes[obj.id] = _fields(dataclasses.replace(obj, about=""), quotes)
        return {"kind": "quote_ref", "id": obj.id, "about": obj.about}
    if isinstance(obj, Ref):
        title, rest = obj.item
        return {"label": obj.label, "title": title, "rest": rest, "url": obj.url}
    if isinstance(obj, LegendItem):
        return {"label": " ".join(obj.label.split()), "swatch": swatch_css(obj)}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _fields(obj, quotes)
    if isinstance(obj, (list, tuple)):
        return [plain(x, quotes) for x in obj]
    if isinstance(obj, dict):
        return {k: plain(v, quotes) for k, v in obj.items()}
    return obj


def panel_part(atlas: Atlas, views, corpus: Corpus, places: Places | None = None, *,
               lang: str = DEFAULT) -> dict:
    """Cards, views' panels, the map as text, the rule, the controls' words, in ``lang``.

    A view's ``panel`` is written in the language's names convention (English: the
    gazetteer's labels, whatever the convention); ``panel_names`` holds, by convention,
    the panels that differ from it (none in English: the key is then left out)."""
    _ = translator(lang)
    gaz = atlas.gaz
    quotes: dict[str, dict] = {}
    choices = selectable_ids(atlas)
    cards = {fid: feature_card(fid, atlas, corpus) for fid in choices}
    bases = {fid: nearest_base_named(atlas, fid, places) for fid in choices}
    out_cards = {n: {fid: plain(card_text(cards[fid], gaz.get(fid), gaz, n, bases[fid], lang=lang),
                                quotes)
                     for fid in choices} for n in NAMES}
    own = NAMES_BY_LANG[lang]
    out_views = []
    for v in views:
        rows = {fid: r for fid in choices
                if (r := in_view(gaz.get(fid), v, gaz, lang=lang)) is not None}
        panels = {n: plain(view_panel(v, atlas, corpus, lang=lang,
                                      names=None if lang == DEFAULT else n), quotes)
                  for n in NAMES}
        out = {
            "id": v.id, "title": text_in(v.title, lang), "short_title": text_in(v.short_title, lang),
            "panel": panels[own],
            "map_text": {n: plain(map_text_blocks(MapState(v, n, lang=lang), atlas), quotes)
                         for n in NAMES},
            "in_view": {fid: r.value for fid, r in rows.items()}}
        others = {n: p for n, p in panels.items() if p != panels[own]}
        if others:
            out["panel_names"] = others
        out_views.append(out)
    att = corpus.attribution
    return {"choices": choices,
            "headings": {n: {fid: heading(gaz.get(fid), n) for fid in choices} for n in NAMES},
            "cards": out_cards, "quotes": quotes, "views": out_views, "in_view_label": _(IN_VIEW),
            "about": plain(rule_blocks(att, lang=lang), quotes),
            "names_labels": {k: _(v) for k, v in NAMES_LABELS.items()},
            "overlay_labels": {k: _(v) for k, v in OVERLAY_LABELS.items()}, "ui": ui_words(lang)}


def story_part(atlas: Atlas, story: Story, timeline: Timeline, corpus: Corpus, *,
               lang: str = DEFAULT) -> dict:
    """The guided story's steps (geo.panels.story, as the Story page shows them): each
    step's view, where the map looks and its blocks in the language's names convention
    (``blocks_names``: by convention, those that differ), and the story's own words."""
    _ = translator(lang)
    quotes: dict[str, dict] = {}
    own = NAMES_BY_LANG[lang]
    steps = []
    for s in story.steps:
        sv = step_view(s)
        texts = {n: step_text(sv, story, timeline, corpus, atlas, lang=lang,
                              names=None if lang == DEFAULT else n) for n in NAMES}
        blocks = {n: plain(list(t.blocks), quotes) for n, t in texts.items()}
        t = texts[own]
        out = {"id": s.id, "title": t.title, "position": t.position, "view": sv.view.id,
               "center": list(sv.center), "zoom": sv.zoom, "blocks": blocks[own]}
        others = {n: bl for n, bl in blocks.items() if bl != blocks[own]}
        if others:
            out["blocks_names"] = others
        steps.append(out)
    return {"steps": steps, "quotes": quotes, "ui": {k: _(v) for k, v in STORY_UI.items()}}
