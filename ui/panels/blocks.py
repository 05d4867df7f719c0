"""The blocks of geo.panels drawn by Streamlit: every text escaped as Markdown (ui.markdown),
the legend drawn from the map's constants (geo.map.legend_html)."""
from __future__ import annotations

from typing import Iterable, Sequence

import streamlit as st

from geo import map as geomap
from geo.panels import blocks as b
from ui.lang import lang as session_lang
from ui.markdown import md_escape, md_inline, quote_md_text, ref_item_md


def row_md(r: b.Row) -> str:
    return f"**{md_escape(r.label)}:** {md_escape(r.value)}"


def rows_md(rows: Iterable[b.Row]) -> str:
    return "  \n".join(row_md(r) for r in rows)


def refs_block_md(r: b.Refs, *, lang: str | None = None) -> str:
    """A titled list of references (their dates and notes in ``lang``, the session's if
    None)."""
    lang = lang or session_lang()
    return f"**{md_escape(r.title)}**\n\n" + "\n".join(ref_item_md(x, lang=lang)
                                                        for x in r.refs)


def table_md(t: b.Table) -> str:
    lines = ["| " + " | ".join(md_inline(h) for h in t.header) + " |",
             "|" + "---|" * len(t.header)]
    lines += ["| " + " | ".join(md_inline(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines)


def event_block(e: b.EventText, *, expanded: bool = False) -> None:
    """One dated event: date, title, neutral summary, what changed hands and its sources."""
    st.markdown(f"**{md_escape(e.span)}** · **{md_escape(e.title)}**{md_escape(e.mark)}")
    st.markdown(md_escape(e.summary))
    if e.changes:
        st.caption(md_escape(e.changes))
    with st.expander(e.sources, expanded=expanded):
        parts = [quote_md_text(q) for q in e.quotes]
        if e.refs:
            parts.append(refs_block_md(b.Refs(e.refs_title, e.refs)))
        st.markdown("\n\n".join(parts) if parts else md_escape(e.empty))


def show(blocks: Sequence[b.Block], overlays: Iterable[str] = ()) -> None:
    """Draw the blocks in order; ``overlays``: those whose legend rows are shown."""
    for block in blocks:
        if isinstance(block, b.Heading):
            st.markdown(f"##### {md_escape(block.text)}")
        elif isinstance(block, b.Para):
            st.markdown(md_escape(block.text))
        elif isinstance(block, b.Strong):
            st.markdown(f"**{md_escape(block.text)}**")
        elif isinstance(block, b.Caption):
            st.caption(md_escape(block.text))
        elif isinstance(block, b.Legend):  # built from the app's constants, texts escaped
            st.markdown(geomap.legend_html(block.items(overlays)), unsafe_allow_html=True)
        elif isinstance(block, b.Metrics):
            for col, m in zip(st.columns(block.columns), block.items):
                col.metric(m.label, m.value, help=m.help)
        elif isinstance(block, b.Table):
            st.markdown(table_md(block))
        elif isinstance(block, b.Refs):
            st.markdown(refs_block_md(block))
        elif isinstance(block, b.Quotes):
            st.markdown("\n\n".join(quote_md_text(q) for q in block.quotes))
        elif isinstance(block, b.Events):
            for e in block.events:
                event_block(e)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")
