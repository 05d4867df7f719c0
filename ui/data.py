"""What the pages load: geo's loaders, and every Streamlit cache of the app.

geo's own caches are keyed by the resolved data folder and the files' stamps
(``NT_DATA_DIR``, ``NT_SOURCES_DIR``, :func:`geo.file_stamp`). The Streamlit caches here
respect the same key: each takes :func:`snapshot` (both folders and the stamp of
every file in them) as its first argument, so a changed or re-pointed data folder
is read again by the pages too, not only below them.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import inspect

import streamlit as st

import geo
from geo.analysis.cards import feature_card
from geo.analysis.compare import compare as compare_views
from geo.analysis.median_line import gains_vs_today, scenario_division
from geo.analysis.okhotsk import gate_shores, okhotsk_area_km2
from geo.analysis.security import nearest_base_named
from geo.data.places import default_places
from geo.data.attribution import load_attribution
from geo.data.cache import snapshot as data_snapshot
from geo.data.corpus import default_corpus
from geo.data.events import default_timeline
from geo.data.layers import load_atlas
from geo.data.provenance import load_provenance
from geo.errors import DataError
from geo.i18n import DEFAULT as DEFAULT_LANG, NAMES_BY_LANG, Text, text_in
from geo.export import annotations_csv, csv_file_bytes, scenario_geojson
from geo.map import prepare_assets, selectable_ids
from geo.map.overlays.registry import INFO as OVERLAYS
from geo.map.state import MapState
from geo.views import historical as hv
from geo.views.catalog import available_views, view
from geo.views.story import default_story, step_view
from geo.panels.story import step_text
from geo.views import present
from ui import internals, keys
from ui.state import Valid

Snapshot = str


def snapshot() -> Snapshot:
    """The data as it is now, as a short digest of :func:`geo.data.cache.snapshot` (the
    resolved data and sources folders and the stamp of every file in them), taken once
    per full run of a session (a changed file is seen at the next full run): the stamps
    cost a system call per file, and a page asks for cached results many times a run.
    Outside a session (the server's warm-up, :mod:`ui.warm`), taken at each call."""
    if not internals.in_script_run():
        return _digest()
    ss = st.session_state
    snap = ss.get(keys.SNAPSHOT)
    if snap is None:
        snap = ss[keys.SNAPSHOT] = _digest()
    return snap


def _digest() -> Snapshot:
    return hashlib.sha256(repr(data_snapshot()).encode("utf-8")).hexdigest()


# --- the method notes (docs/method/*.md), shown on the About page ----------------------------

METHOD_DIR = geo.PROJECT_ROOT / "docs" / "method"


def method_notes(lang: str = DEFAULT_LANG) -> list[tuple[str, str]]:
    """(title, Markdown body) of each method note, in file-name order (its README, the
    index, left out): the app's own texts, explaining how the figures are computed. In
    another language its translation (``docs/method/<lang>/``); a note not translated yet
    is the English, its title marked as such."""
    notes = []
    for path in sorted(METHOD_DIR.glob("*.md")):
        if path.name == "README.md":
            continue
        translated = METHOD_DIR / lang / path.name
        source = translated if lang != DEFAULT_LANG and translated.is_file() else path
        head, _, body = source.read_text(encoding="utf-8").partition("\n")
        title = head.lstrip("# ").strip()
        if source is path and lang != DEFAULT_LANG:
            title = text_in(Text(title), lang)  # the English, marked
        notes.append((title, body.strip()))
    return notes


# --- geo's loaders (stamp-keyed in geo) ------------------------------------------------------

def atlas():
    return load_atlas()


def catalogue():
    """The views on offer and the parts left out (:func:`geo.views.catalog.available_views`:
    without the historical views if the timeline does not load, without the points of
    view if their file does not; the sidebar says why)."""
    return available_views()


def scenarios():
    """The present-day scenarios, the historical views (hist-1855 …) and the points of
    view (pov-…) that load: :attr:`geo.views.catalog.Catalogue.views`."""
    return available_views().views


# The other files, each through its loader (each stamp-keyed in geo).
places, timeline = default_places, default_timeline
corpus, attribution, provenance = default_corpus, load_attribution, load_provenance
story = default_story


def corpus_counts() -> tuple[dict[str, int], dict[str, int]] | None:
    """Statements per party, all and in the speaker's own words; None if the corpus does
    not load (its error is shown on the pages that show quotes)."""
    try:
        c = corpus()
    except DataError:
        return None
    return c.counts_by_side(), c.counts_by_side(own_words=True)


def valid() -> Valid:
    """The ids a URL may name; a file that does not load names none."""
    def ids(loader, get):
        try:
            return get(loader())
        except DataError:
            return []
    return Valid.of(features=ids(atlas, selectable_ids),
                    scenarios=ids(scenarios, lambda s: s.ids),
                    sources=ids(corpus, lambda c: c.sources),
                    dates=ids(timeline, hv.timeline_dates),
                    steps=ids(story, lambda s: s.ids))


# --- the Streamlit cache, keyed by the snapshot -----------------------------------------------

_COMPUTE: dict[str, object] = {}


def map_state_key(state: MapState) -> tuple:
    """What a map's state is to the cache: its view's id (within one data snapshot, an id
    names one view), the names, the selection, the overlays and the language (its texts:
    legend, tooltips)."""
    return (state.scenario.id, state.names, state.selected, tuple(sorted(state.overlays)),
            state.lang)


@st.cache_resource(show_spinner=False, max_entries=512, hash_funcs={MapState: map_state_key})
def _cached(snap: Snapshot, name: str, *args):
    return _COMPUTE[name](*args)


def cached(fn):
    """``fn`` through the one Streamlit cache of the app, keyed by (:func:`snapshot`,
    the function's name, its arguments: every one, defaults filled in, so that
    ``card("etorofu")`` and ``card("etorofu", lang="en")`` are one entry; a function that
    returns text takes the language, ``lang``, as an argument with a default)."""
    if fn.__name__ in _COMPUTE:
        raise ValueError(f"{fn.__name__!r} cached twice")
    _COMPUTE[fn.__name__] = fn
    signature = inspect.signature(fn)

    def call(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return _cached(snapshot(), fn.__name__, *bound.args)
    call.__name__, call.__doc__ = fn.__name__, fn.__doc__
    return call


@cached
def prepare_static() -> None:
    """Every file the map fetches, written into the served static folder: Leaflet and
    the geometry now, the overlay files in the background (geo.map.layers)."""
    prepare_assets(load_atlas(), present.default_scenarios().items)


@cached
def card(fid: str):
    """The feature's card (geo.analysis.cards.FeatureCard: its data, language-neutral;
    its words are geo.panels.card.card_text's, in the reader's language)."""
    return feature_card(fid)


@cached
def nearest_base(fid: str, lang: str = DEFAULT_LANG, names: str | None = None):
    """(base label, km) for a disputed island, or None for any other feature (the label
    for a reader of ``lang``, in the names convention ``names``)."""
    return nearest_base_named(atlas(), fid, default_places(), lang=lang, names=names)


@cached
def consequences(sid: str):
    """The scenario's figures (its texts, geo.views.present.Consequences.residents_text and
    StraitShores.status_in, are given in a language where they are shown)."""
    return present.consequences(sid)


@cached
def history(sid: str, lang: str = "en", names: str | None = None):
    """Figures and defining events (with sources) of a historical scenario; what changed
    hands in ``lang``, places in the names convention ``names``."""
    v = view(sid)
    return hv.figures(v), hv.entries(default_timeline(), default_corpus(), v.events,
                                     lang=lang, names=names, gaz=atlas().gaz)


@cached
def sea(sid: str):
    """Sea areas (km²) per state and the gains vs today."""
    a, v = atlas(), view(sid)
    return dict(scenario_division(a, v).areas_km2), gains_vs_today(a, v)


@cached
def okhotsk(sid: str):
    """The gates with their shores' holders under the scenario, and the sea's area (km²)."""
    a = atlas()
    return gate_shores(a, view(sid)), okhotsk_area_km2(a)


@cached
def geojson_bytes(sid: str) -> bytes:
    """The scenario's GeoJSON export (English: exports are language-neutral)."""
    return scenario_geojson(sid).encode("utf-8")


@cached
def csv_bytes(fid: str | None) -> bytes:
    """The annotations' CSV export (English: exports are language-neutral)."""
    return csv_file_bytes(annotations_csv(fid))


# A figure (an A4 PNG at 300 dpi is about 1 MB) has a cache of its own, small, so that
# figures never push the pages' results out of the one cache above.
FIGURE_ENTRIES = 24


@st.cache_resource(show_spinner=False, max_entries=FIGURE_ENTRIES)
def _figure(snap: Snapshot, vid: str, fmt: str, overlays: tuple[str, ...], names: str,
            lang: str, extent: str | None, made: str) -> bytes:
    # Imported at the first figure, not at start-up: matplotlib takes about half a second
    # to import, and most readers never download a figure.
    from geo.export.figure import figure_bytes
    return figure_bytes(view(vid), fmt, overlays=overlays, names=names, lang=lang,
                        extent=extent, made=_dt.date.fromisoformat(made))


@st.cache_resource(show_spinner=False)
def figure_problem() -> str | None:
    """Why this server can draw no figure (a font of the figures' stack is not installed:
    geo.export.figure_fonts.FigureFontError, whose text names the font and its package), or
    None. Checked once per process, by the warm-up (matplotlib's font manager: about a
    quarter of a second); a font installed afterwards is seen after a restart."""
    from geo.export.figure_fonts import FigureFontError, font_entries
    try:
        font_entries()
    except FigureFontError as exc:
        return str(exc)
    return None


def figure(vid: str, fmt: str, overlays=(), names: str | None = None, lang: str = DEFAULT_LANG,
           extent: str | None = None) -> bytes:
    """The view's print-ready figure (geo.export.figure) as ``fmt`` bytes: the overlays
    of the registry it can draw (not the online tiles), in the names convention and the
    language; cached by all of them, the data's snapshot and the day (the figure says
    when it was made)."""
    drawn = tuple(sorted(k for k in overlays if not OVERLAYS[k].online))
    return _figure(snapshot(), vid, fmt, drawn, names or NAMES_BY_LANG[lang], lang, extent,
                   _dt.date.today().isoformat())


@cached
def compare(a: str, b: str):
    """What differs between two views (geo.analysis.compare.Comparison: data; the page
    words it in the reader's language)."""
    return compare_views(view(a), view(b), atlas())


@cached
def entries(lang: str = "en", names: str | None = None):
    """Every event of the timeline with its quotes and references; what changed hands in
    ``lang``, places in the names convention ``names``."""
    return hv.entries(default_timeline(), default_corpus(), lang=lang, names=names,
                      gaz=atlas().gaz)


@cached
def view_at(date: str, lang: str = "en"):
    """The map at ``date`` (its title and description carry every language:
    geo.views.historical.view_at; ``lang`` keys the cache all the same)."""
    return hv.view_at(date)


@cached
def story_step(step_id: str, lang: str = "en", names: str | None = None):
    """A step of the story: what the map shows (geo.views.story.StepView) and the step's
    text (geo.panels.story.StepText) in ``lang``, places in the names convention
    ``names``."""
    sv = step_view(default_story().get(step_id))
    return sv, step_text(sv, default_story(), default_timeline(), default_corpus(), atlas(),
                         lang=lang, names=names)
