"""A feature's card: names, status, figures, nearest US base, what the sources say."""
from __future__ import annotations

import streamlit as st

from geo.panels.card import card_text, in_view
from ui import keys
from ui.lang import lang as session_lang
from ui.markdown import md_escape, md_inline, quote_md_text
from ui.panels.blocks import rows_md


def _remember_side(key: str) -> None:
    """An expander of quotes was opened or closed: remember it for the next card."""
    open_sides = st.session_state.setdefault(keys.OPEN_SIDES, set())
    if st.session_state.get(key):
        open_sides.add(key)
    else:
        open_sides.discard(key)


def _annotations_block(t) -> None:
    st.markdown(f"**{md_escape(t.quotes_title.label)}** {md_escape(t.quotes_title.value)}")
    if t.no_quotes:
        st.caption(md_escape(t.no_quotes))
    _side_groups(t.sides, keys.QUOTES)
    if t.groups_title:
        st.markdown(md_escape(t.groups_title))
        _side_groups(t.group_sides, keys.GROUP_QUOTES)


def _side_groups(side_groups, family: keys.Family) -> None:
    open_sides = st.session_state.setdefault(keys.OPEN_SIDES, set())
    for side in side_groups:
        # Drawn only while open (a click redraws the card without every quote). The
        # label (with its count) changes from feature to feature, which makes a new
        # expander: the open sides are remembered so that a group stays open from one
        # feature to the next, for comparing.
        key = family.of(side.side)
        box = st.expander(side.title, expanded=key in open_sides,
                          key=key, on_change=_remember_side, args=(key,))
        if not box.open:
            continue
        with box:
            for topic in side.topics:  # one Markdown block per topic: fewer elements to draw
                blocks = [f"**{md_escape(topic.label)}**"]
                blocks += [quote_md_text(q) for q in topic.quotes]
                st.markdown("\n\n".join(blocks))


def feature_panel(card, feature, scenario, names: str, gaz, nearest_base=None, *,
                  lang: str | None = None) -> None:
    """``nearest_base``: (label, km) of the nearest US base in Japan, for a disputed island.
    The texts are geo.panels.card's (the static explorer shows the same), in ``lang``
    (the session's language if None)."""
    lang = lang or session_lang()
    t = card_text(card, feature, gaz, names, nearest_base, lang=lang)
    st.subheader(md_inline(t.heading), anchor=False)
    st.markdown(rows_md(t.names))
    status = [*t.status, *filter(None, [in_view(feature, scenario, gaz, lang=lang,
                                                        names=names)])]
    if status:
        st.markdown(rows_md(status))
    if t.note:
        st.caption(md_escape(t.note))
    if t.facts:
        st.markdown(rows_md(t.facts))
    if t.cited:
        st.markdown("  \n".join(f"- {md_escape(x)}" for x in t.cited))
    if t.nearest_base is not None:
        st.markdown(rows_md([t.nearest_base]))
    _annotations_block(t)
