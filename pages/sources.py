"""Sources page: each document with its metadata and the quotes drawn from it.

``?source=<id>`` opens that document (links from the Map page point here).
"""
from __future__ import annotations

import streamlit as st

from geo.analysis.quotes import outlets_of, quotes_from
from geo.safe import html_text
from geo import map as geomap
from ui import data, keys, shell
from ui.markdown import link_md, md_escape, md_inline, quote_md

shell.ensure_app_shell()

ss = st.session_state


shell.show_notices()
st.title("Sources")
st.markdown("The quotes on the map come from these documents. Each quote is attributed to its "
            "speaker and filed by the one rule on the About page; each outlet is described by "
            "facts with a reference (publisher, owner, funding), not by the app's view of it. "
            "The app takes no side.")
corpus = shell.load("the sources and annotations", data.corpus)
if corpus is None:
    st.stop()
atlas = shell.load("the gazetteer", data.atlas)
state = shell.current_state()

ids = list(corpus.sources)
current = state.source if state.source in ids else None
ss[keys.SOURCE_BOX] = current
st.selectbox("Open a document", ids, key=keys.SOURCE_BOX, on_change=shell.mirror(keys.SOURCE_BOX, keys.SOURCE),
             placeholder="Choose a document, or open one below",
             format_func=lambda s: corpus.sources[s].title)
counts = corpus.counts_by_source()


def feature_names(fids) -> str:
    if atlas is None:
        return ", ".join(fids)
    return ", ".join(geomap.heading(atlas.gaz.get(f), state.names) if f in atlas.gaz else f for f in fids)


for sid, src in corpus.sources.items():
    st.markdown(f'<div id="source-{html_text(sid)}"></div>',
                unsafe_allow_html=True)  # an id ([a-z0-9-]), escaped all the same
    label = f"{src.title} — {src.outlet}, {src.date} ({counts.get(sid, 0)} quotes)"
    with st.expander(md_escape(label), expanded=(sid == current)):
        meta = [("Title", src.title), ("Author", src.author or "not named in the text"),
                ("Outlet", src.outlet), ("Date", src.date), ("About the date", src.date_note),
                ("What the text is", src.kind), ("File", src.file), ("Note", src.note),
                ("Source id", sid)]
        st.markdown("  \n".join(f"**{k}:** {md_escape(v)}" for k, v in meta if v))
        for o in outlets_of(corpus, sid):
            cited = "; ".join(link_md(" ".join(f"{r.title}, {r.publisher}".split()), r.url)
                              for r in o.refs)
            if o.documents:
                cited = "; ".join(x for x in (cited, md_escape(
                    "as stated in " + "; ".join(o.documents))) if x)
            st.markdown(f"**{md_inline('Outlet: ' + o.name)}** — {md_inline(o.affiliation)}"
                        f"  \n{md_escape('Reference:')} {cited}")
        quotes = quotes_from(corpus, sid)
        st.markdown(f"**Quotes from this document ({len(quotes)})**")
        for q in quotes:
            st.markdown(quote_md(q, affiliations=False) + "  \n" + md_escape(
                f"Topic: {q.topic_label} · about: {feature_names(q.features)} · speaker: "
                f"{q.speaker_affiliation}"))
shell.sync_query(keys.PAGE_SOURCES)
