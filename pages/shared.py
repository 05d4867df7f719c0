"""Streamlit glue shared by app.py and the pages: state, sidebar, URL, errors.

Logic lives in ``geo``; this module only reads and writes ``st.session_state``,
``st.query_params`` and draws common widgets. Texts from the data files or
the URL are always shown escaped (:func:`geo.ui_state.md_escape`).
"""
from __future__ import annotations

import contextlib
import threading
from typing import Iterable
from urllib.parse import quote, urlsplit

import streamlit as st

from ui import state as ui
from ui.state import md_escape
from geo.errors import DataError

NAMES_LABELS = {"ja": "Japanese names", "ru": "Russian names", "both": "Both"}
PAGE_MAP = "pages/map.py"
PAGE_SOURCES = "pages/sources.py"
PAGE_ABOUT = "pages/about.py"
PAGE_TIMELINE = "pages/timeline.py"
PAGE_COMPARE = "pages/compare.py"


# --- the app shell ----------------------------------------------------------------------

_shell = threading.local()  # each session's run has a thread of its own


@contextlib.contextmanager
def app_shell():
    """app.py runs the chosen page inside this, so the page knows it was reached
    through st.navigation (with the sidebar and the state app.py sets up)."""
    _shell.active = True
    try:
        yield
    finally:
        _shell.active = False


def ensure_app_shell() -> None:
    """Make sure this run goes through app.py's st.navigation.

    Streamlit treats an app with a ``pages/`` folder as an old-style
    multipage app until ``st.navigation`` has been called once in the process:
    until then a request for a page (a fresh server's first visitors on
    /sources etc., or AppTest's reruns) runs the page file alone, without the
    sidebar and the state set up by app.py. A page that finds itself run that
    way flips the flag and reruns, so the entry point runs and routes to the same
    page (same URL path). The check is per run, not on the flag: visitors
    arriving together on a fresh server may have been routed before the first
    of them flipped it.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if getattr(_shell, "active", False) or get_script_run_ctx() is None:
        return  # through app.py, or imported outside a run (a test, a tool)
    PagesManager.uses_pages_directory = False
    st.rerun()


SHOWN_ERRORS = "_shown_errors"


# --- data, loaded once per process, errors shown not raised ---------------------------

def data_error(exc: Exception, what: str = "the data") -> None:
    """Show a data error (file, id, field) without a traceback, once per run: a broken
    file that several parts of the page read gets one box, from the first of them."""
    shown = st.session_state.setdefault(SHOWN_ERRORS, set())
    if str(exc) in shown:
        return
    shown.add(str(exc))
    st.error(f"Could not load {ui.md_escape(what)}: {ui.md_escape(str(exc))}", icon=":material/error:")


def new_run() -> None:
    """At the start of each full run (app.py): no error shown yet."""
    st.session_state[SHOWN_ERRORS] = set()


def load(what: str, loader):
    """``loader()``, or None after showing its DataError."""
    try:
        return loader()
    except DataError as exc:
        data_error(exc, what)
        return None


def atlas():
    from geo.data.layers import load_atlas
    return load_atlas()


def scenarios():
    """The present-day scenarios, the historical views (hist-1855 …) and the points of
    view (pov-…); without the historical views if the timeline does not load, without
    the points of view if their file does not (the sidebar says why)."""
    from dataclasses import replace

    from geo.views.historical import historical_views
    from geo.views.present import default_scenarios
    from geo.views.viewpoints import point_of_view_views
    present = default_scenarios()
    extra = []
    for views in (historical_views, point_of_view_views):
        try:
            extra += list(views())
        except DataError:
            pass
    return replace(present, items=(*present.items, *extra))


def viewpoints():
    from geo.views.viewpoints import point_of_view_views
    return point_of_view_views()


def places():
    """The cited places of the security overlay (US bases, fleet, incidents)."""
    from geo.analysis.security import default_places
    return default_places()


def timeline():
    from geo.data.events import default_timeline
    return default_timeline()


def corpus():
    from geo.data.corpus import default_corpus
    return default_corpus()


def attribution():
    """The attribution rule, parties, speakers and outlets (data/attribution.yaml)."""
    from geo.data.attribution import load_attribution
    return load_attribution()


def corpus_counts() -> tuple[dict[str, int], dict[str, int]] | None:
    """Statements per party, all and in the speaker's own words; None if the corpus does
    not load (its error is shown on the pages that show quotes)."""
    try:
        c = corpus()
    except DataError:
        return None
    return c.counts_by_side(), c.counts_by_side(own_words=True)


def _valid() -> ui.Valid:
    from geo.map import selectable_ids

    def ids(loader, get):
        try:
            return get(loader())
        except DataError:
            return []
    def dates(tl):
        from geo.views.historical import timeline_dates
        return timeline_dates(tl)
    return ui.Valid.of(features=ids(atlas, selectable_ids),
                       scenarios=ids(scenarios, lambda s: s.ids),
                       sources=ids(corpus, lambda c: c.sources),
                       dates=ids(timeline, dates))


# --- session state from the URL -------------------------------------------------------------

def init_state() -> None:
    """On a session's first run, take the state from the URL (deep link)."""
    ss = st.session_state
    if ss.get("_init"):
        return
    state, notices = ui.parse_query(st.query_params.to_dict(), _valid())
    ss["names"] = state.names
    ss["scenario"] = state.scenario
    ss["straits"] = state.straits
    ss["basemap"] = state.basemap
    ss["sea"] = state.sea
    ss["security"] = state.security
    ss["okhotsk"] = state.okhotsk
    ss["cmp_a"] = state.a
    ss["cmp_b"] = state.b
    ss["sel_feature"] = state.feature
    ss["view"] = state.view
    ss["view_nonce"] = 0
    ss["source"] = state.source
    ss["date"] = state.date
    ss["_notices"] = [n.message for n in notices]
    ss["_init"] = True


def current_state() -> ui.UIState:
    ss = st.session_state
    return ui.UIState(feature=ss.get("sel_feature"), scenario=ss.get("scenario", "today"),
                      names=ss.get("names", "both"), straits=bool(ss.get("straits")),
                      basemap=bool(ss.get("basemap")), sea=bool(ss.get("sea")),
                      security=bool(ss.get("security")), okhotsk=bool(ss.get("okhotsk")),
                      view=ss.get("view"), source=ss.get("source"), date=ss.get("date"),
                      a=ss.get("cmp_a"), b=ss.get("cmp_b"))


def sync_query(keys: Iterable[str]) -> None:
    """Write the state to the URL (only ``keys``), if it changed."""
    want = ui.to_query(current_state(), keys)
    if st.query_params.to_dict() != want:
        st.query_params.from_dict(want)


def show_notices() -> None:
    """Warnings about ignored URL values, until dismissed."""
    notes = st.session_state.get("_notices") or []
    if not notes:
        return
    for msg in notes:
        st.warning(ui.md_escape(msg), icon=":material/link_off:")
    st.button("Dismiss", key="dismiss_notices", on_click=st.session_state.update,
              kwargs={"_notices": []})


# --- the shared sidebar ---------------------------------------------------------------------------

def sidebar() -> None:
    from geo.views.historical import is_historical
    from geo.views.viewpoints import is_point_of_view

    with st.sidebar:
        st.radio("Place names", list(NAMES_LABELS), key="names",
                 format_func=NAMES_LABELS.__getitem__,
                 help="Japanese names (romaji and kanji), Russian names (transliteration and "
                      "Cyrillic) or both, on the map and in the panel.")
        scen = load("the scenarios", scenarios)
        if scen is not None and not any(is_historical(s) and not is_point_of_view(s)
                                        for s in scen):
            load("the timeline (the historical views are left out)", timeline)
        if scen is not None and not any(is_point_of_view(s) for s in scen):
            load("the points of view (they are left out)", viewpoints)
        if scen is not None:
            if st.session_state.get("scenario") not in scen.ids:
                st.session_state["scenario"] = scen.baseline.id
            st.selectbox("Scenario", scen.ids, key="scenario",
                         format_func=lambda sid: scen.get(sid).short_title,
                         help="Who would hold each island, today's three options; who "
                              "held them after the treaties of 1855, 1875 and 1905 and in "
                              "1945; or how each side's own maps draw the region. The map, "
                              "the figures and the defining sources follow.")
        st.markdown("**Overlays**")
        st.toggle("Straits and their widths", key="straits")
        st.toggle("Sea division (median line, illustration)", key="sea",
                  help="The sea within 200 nautical miles split by equidistance under the "
                       "scenario: an illustration of the method, not a legal boundary. "
                       "Present-day scenarios only.")
        st.toggle("Sea of Okhotsk and its gates", key="okhotsk",
                  help="The sea's outline and the passages out of it, solid where a shore "
                       "is Japanese under the scenario, dotted where none is; the Soya and "
                       "Nevelskoy straits lead to the Sea of Japan.")
        st.toggle("US bases, fleet and incidents", key="security",
                  help="Cited points: US bases in Japan, the Russian Pacific Fleet's home "
                       "port and incidents the sources report (hollow: approximate).")
        st.toggle("Online basemap (OpenStreetMap tiles)", key="basemap",
                  help="Off by default: the app needs no internet. On, the map loads tiles "
                       "from tile.openstreetmap.org.")
        st.caption("Every claim is attributed to whoever makes it; the app takes no side.")


# --- small renderers used by several pages ------------------------------------------------------------

def source_href(source_id: str) -> str:
    """Relative link to a document on the Sources page."""
    return f"sources?source={quote(source_id)}"


def link_md(text: str, url: str | None) -> str:
    """An escaped Markdown link to an http(s) URL (percent-encoded), or the text alone."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return ui.md_inline(text)
    href = quote(url, safe=":/?#@!$&*+,;=%-._~")
    return f"[{ui.md_inline(text)}]({href})"  # one line: a link's text cannot span two


def ref_item_md(r) -> str:
    """One reference (geo.references.Ref) as a list item, the one format of a reference
    list: '- title (linked), publisher, date — note'."""
    when = f", {md_escape(r.date)}" if r.date else ""
    note = f" — {md_escape(r.note)}" if r.note else ""
    return f"- {link_md(r.title, r.url)}, {md_escape(r.publisher)}{when}{note}"


def refs_md(refs) -> str:
    """References (geo.references.Ref) as escaped links, '; ' between them."""
    return "; ".join(link_md(" ".join(f"{r.title}, {r.publisher}".split())
                             + (f", {r.date}" if r.date else ""), r.url) for r in refs)


def quote_block(quote: str) -> str:
    return "> " + ui.md_escape(f"“{quote}”").replace("\n", "\n> ")


def quote_md(q, via: tuple[str, ...] = (), *, affiliations: bool = True) -> str:
    """One attributed quote (geo.quotes.AttributedQuote), the one way every page shows one:
    the verbatim quote; who said it, in what role, the party it is filed under and when
    ("said 2023 · about 1945"); where it was published, with its Sources link; the
    speaker's and the outlet's affiliation with their references; and the app's own
    editorial note, marked as such and set apart from the quote."""
    where = "as reported by" if q.reported else "in"
    # Each line of the citation on one line (a blank line in a name would end the
    # paragraph, and a link's text cannot span two).
    out = [quote_block(q.quote), "",
           ui.md_inline(f"— {q.speaker} ({q.role}) · filed under: {q.side_label} · {q.when}")
           + "  \n" + ui.md_inline(f"{where} {q.outlet} ({q.source_date}) ·") + " "
           + f"[Source: {ui.md_inline(q.source_title)}]({source_href(q.source_id)})"]
    if via:
        out[-1] += f"  \n*{ui.md_inline('About ' + ', '.join(via))}*"
    if affiliations:
        cited = refs_md(q.speaker_refs)
        docs = "; ".join(q.speaker_documents)
        src = " — " + "; ".join(x for x in (cited, md_escape(f"as stated in {docs}")
                                             if docs else "") if x)
        out[-1] += f"  \n*{md_escape('Speaker:')}* {ui.md_inline(q.speaker_affiliation)}{src}"
        for o in q.outlets:
            cited = refs_md(o.refs) or md_escape("as stated in " + "; ".join(o.documents))
            out[-1] += (f"  \n*{ui.md_inline('Outlet, ' + o.name + ':')}* "
                        f"{ui.md_inline(o.affiliation)} — {cited}")
    if q.note:
        cited = refs_md(q.note_refs)
        docs = "; ".join(q.note_documents)
        src = "; ".join(x for x in (cited, md_escape(f"the document: {docs}") if docs else "")
                        if x)
        out += ["", f"**{md_escape('Editor’s note')}** "
                    f"{md_escape('(the app’s, not part of the quote):')} "
                    f"{md_escape(q.note)} — {src}"]
    return "\n".join(out)


def source_link(source_id: str, title: str) -> None:
    st.page_link(PAGE_SOURCES, label=f"Source: {title}", icon=":material/description:",
                 query_params={"source": source_id}, help="Open this document on the Sources page")
