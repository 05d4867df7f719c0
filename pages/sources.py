"""Sources page: each document with its metadata and the quotes drawn from it.

``?source=<id>`` opens that document (links from the Map page point here).
"""
from __future__ import annotations

import streamlit as st

from geo.analysis.quotes import outlets_of, quotes_from
from geo.i18n import N_, text_in
from geo.safe import html_text
from geo import map as geomap
from ui import data, keys, shell
from ui.lang import lang, tr
from ui.markdown import link_md, md_escape, md_inline, quote_md

shell.ensure_app_shell()

ss = st.session_state
_ = tr()
LANG = lang()


shell.show_notices()
st.title(_("Sources"))
st.markdown(_("The quotes on the map come from these documents. Each quote is attributed to "
              "its speaker and filed by the one rule on the About page; each outlet is "
              "described by facts with a reference (publisher, owner, funding), not by the "
              "app's view of it. The app takes no side."))
corpus = shell.load(N_("the sources and annotations"), data.corpus)
if corpus is None:
    st.stop()
atlas = shell.load(N_("the gazetteer"), data.atlas)
state = shell.current_state()

ids = list(corpus.sources)
current = state.source if state.source in ids else None
ss[keys.SOURCE_BOX] = current
st.selectbox(_("Open a document"), ids, key=keys.SOURCE_BOX,
             on_change=shell.mirror(keys.SOURCE_BOX, keys.SOURCE),
             placeholder=_("Choose a document, or open one below"),
             format_func=lambda s: corpus.sources[s].title)
counts = corpus.counts_by_source()


def feature_names(fids) -> str:
    if atlas is None:
        return _(", ").join(fids)
    return _(", ").join(geomap.heading(atlas.gaz.get(f), state.names) if f in atlas.gaz else f
                        for f in fids)


for sid, src in corpus.sources.items():
    st.markdown(f'<div id="source-{html_text(sid)}"></div>',
                unsafe_allow_html=True)  # an id ([a-z0-9-]), escaped all the same
    n = counts.get(sid, 0)
    label = _.ngettext("{title} — {outlet}, {date} ({n} quote)",
                       "{title} — {outlet}, {date} ({n} quotes)", n,
                       title=src.title, outlet=src.outlet, date=_.date(src.date))
    with st.expander(md_escape(label), expanded=(sid == current)):
        meta = [(_("Title"), src.title),
                (_("Author"), src.author or _("not named in the text")),
                (_("Outlet"), src.outlet), (_("Date"), _.date(src.date)),
                (_("About the date"), text_in(src.date_note, LANG)),
                (_("What the text is"), text_in(src.kind, LANG)), (_("File"), src.file),
                (_("Note"), text_in(src.note, LANG)), (_("Source id"), sid)]
        st.markdown("  \n".join(f"**{k}:** {md_escape(v)}" for k, v in meta if v))
        for o in outlets_of(corpus, sid):
            cited = "; ".join(link_md(" ".join(f"{r.title}, {r.publisher}".split()), r.url)
                              for r in o.refs)
            if o.documents:
                cited = "; ".join(x for x in (cited, md_escape(
                    _("as stated in {documents}", documents="; ".join(o.documents)))) if x)
            outlet, reference = _("Outlet: {outlet}", outlet=o.name), _("Reference:")
            st.markdown(f"**{md_inline(outlet)}** — {md_inline(text_in(o.affiliation, LANG))}"
                        f"  \n{md_escape(reference)} {cited}")
        quotes = quotes_from(corpus, sid)
        st.markdown("**" + _("Quotes from this document ({n})", n=_.num(len(quotes))) + "**")
        for q in quotes:
            st.markdown(quote_md(q, affiliations=False, lang=LANG) + "  \n" + md_escape(
                _("Topic: {topic} · about: {features} · speaker: {affiliation}",
                  topic=_(q.topic_label), features=feature_names(q.features),
                  affiliation=text_in(q.speaker_affiliation, LANG))))
shell.sync_query(keys.PAGE_SOURCES)
