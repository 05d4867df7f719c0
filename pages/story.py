"""Story page: the dispute in steps (``data/story.yaml``), each moving the map to its view
and extent, with its short text, each side's quotes, its events and their sources.

``?step=1905`` opens a step; the buttons (or the keys ← and →) and the list move between
steps. The step's map downloads as a print-ready figure (ui.figures).
"""
from __future__ import annotations

import streamlit as st

from geo.i18n import N_
from geo import map as geomap
from ui import data, keys, map_adapter as maps, shell
from ui.figures import figure_buttons
from ui.lang import lang, tr
from ui.markdown import md_escape
from ui.panels.blocks import show

shell.ensure_app_shell()

ss = st.session_state
_ = tr()
LANG = lang()


def _go(step: str | None) -> None:
    """Show ``step`` and move the map to its extent."""
    if step is not None:
        ss[keys.STEP] = ss[keys.STEP_BOX] = step
        ss[keys.STORY_NONCE] = ss.get(keys.STORY_NONCE, 0) + 1


def _picked() -> None:
    _go(ss.get(keys.STEP_BOX))


shell.show_notices()
st.title(_("The dispute step by step"))
st.markdown(_("From the first treaty in 1855 to today: each step moves the map to who held "
              "what at that moment, with a short neutral text, the events and what each "
              "side said, quoted and attributed. The steps are a data file "
              "(data/story.yaml) that a teacher can reorder or extend."))
story = shell.load(N_("the story"), data.story)
atlas = shell.load(N_("the map layers"), data.atlas)
corpus = shell.load(N_("the annotations"), data.corpus)
timeline = shell.load(N_("the timeline"), data.timeline)
if story is None or atlas is None or corpus is None or timeline is None:
    st.stop()

state = shell.current_state()
step = state.step if state.step in story.by_id else story.ids[0]
ss[keys.STEP] = ss[keys.STEP_BOX] = step
sv, text = data.story_step(step, LANG, state.names)
titles = {s.id: data.story_step(s.id, LANG, state.names)[1].title for s in story.steps}

st.selectbox(_("Step"), story.ids, key=keys.STEP_BOX, on_change=_picked,
             format_func=lambda s: _("{n}. {title}", n=_.num(story.index(s) + 1),
                                     title=titles[s]))
with st.container(horizontal=True):  # side by side, on a phone too
    st.button(_("Previous"), key=keys.STORY_PREV, disabled=text.previous is None,
              on_click=_go, args=(text.previous,), shortcut="Left",
              help=_("The previous step (the ← key)"))
    st.button(_("Next"), key=keys.STORY_NEXT, disabled=text.next is None, on_click=_go,
              args=(text.next,), shortcut="Right", type="primary",
              help=_("The next step (the → key)"))

map_col, text_col = st.columns([3, 2], gap="medium")
with map_col:
    center, zoom = maps.view_args(sv.center, sv.zoom, ss.get(keys.STORY_NONCE, 0))
    maps.show_map(geomap.MapState(sv.view, state.names, lang=LANG), key=keys.STORY_MAP,
                  center=center, zoom=zoom)
    st.caption(_("Outlines: © OpenStreetMap contributors (ODbL). Other land is coloured by "
                 "today's borders."))
    st.markdown("##### " + _("Export"))  # the step's map, for a slide or a handout
    figure_buttons(sv.view, (), state.names, LANG, sv.step.extent, where="story_",
                   title=_("Figure"))
with text_col:
    st.caption(md_escape(text.position))
    st.subheader(md_escape(text.title), anchor=False)
    show(text.blocks)

shell.sync_query(keys.PAGE_STORY)
