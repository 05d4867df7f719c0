"""A step of the guided story as the Story page and the static explorer show it
(:func:`step_text`), plain text: its title and place in the story, its short text, the
view the map shows with its legend, each side's quotes (verbatim and attributed, in the
order of the parties), the events it is about with their sources, and its references."""
from __future__ import annotations

from dataclasses import dataclass

from geo.analysis.quotes import attributed
from geo.data.corpus import Corpus
from geo.data.corpus_schema import SIDES
from geo.data.events import Timeline
from geo.data.layers import Atlas
from geo.data.story import Story
from geo.i18n import text_in, translator
from geo.panels.blocks import Block, Caption, Events, Heading, Para, Quotes, Refs, Strong
from geo.panels.quote import quote_text
from geo.panels.view import event_text, view_legend_block
from geo.references import shown
from geo.views import historical as hv
from geo.views.story import StepView


@dataclass(frozen=True)
class StepText:
    id: str
    title: str
    position: str  # "Step 3 of 8"
    previous: str | None  # the neighbours' ids
    next: str | None
    blocks: tuple[Block, ...]


def step_blocks(sv: StepView, story: Story, timeline: Timeline, corpus: Corpus, atlas: Atlas,
                *, lang: str = "en", names: str | None = None) -> list[Block]:
    """The step's text, the view the map shows and its legend, the quotes by side, the
    events with their sources and the step's references, in ``lang`` (places named in
    the convention ``names``)."""
    _ = translator(lang)
    step = sv.step
    out: list[Block] = [
        Para(" ".join(text_in(step.text, lang).split())),
        Caption(_("The map shows: {view}.", view=text_in(sv.view.title, lang))),
        view_legend_block(sv.view, atlas, lang=lang, names=names)]
    quotes = [attributed(corpus, aid) for aid in step.quotes]
    if quotes:
        out.append(Heading(_("What each side says")))
        for side in SIDES:
            said = [q for q in quotes if q.side == side]
            if said:
                out += [Strong(text_in(said[0].side_label, lang)),
                        Quotes(tuple(quote_text(q, lang=lang) for q in said))]
    entries = hv.entries(timeline, corpus, step.events, lang=lang, names=names, gaz=atlas.gaz)
    if entries:
        out += [Heading(_("Events")), Events(tuple(event_text(e, lang=lang) for e in entries))]
    refs = tuple(shown(k, story.references[k]) for k in step.refs)
    if refs:
        out.append(Refs(_("References"), refs))
    return out


def step_text(sv: StepView, story: Story, timeline: Timeline, corpus: Corpus, atlas: Atlas,
              *, lang: str = "en", names: str | None = None) -> StepText:
    """The step with its title, its place in the story and its blocks (:func:`step_blocks`)."""
    _ = translator(lang)
    step = sv.step
    before, after = story.neighbours(step.id)
    return StepText(step.id, text_in(step.title, lang),
                    _("Step {n} of {count}", n=_.num(story.index(step.id) + 1),
                      count=_.num(len(story))),
                    before, after,
                    tuple(step_blocks(sv, story, timeline, corpus, atlas, lang=lang,
                                      names=names)))
