"""Every session key and every URL parameter of the app, declared once.

Each :class:`Key` is a ``st.session_state`` key (most are also a widget's key). The
ones with a URL parameter (kind ``flag``, ``choice`` or ``id``) make up
:class:`ui.state.UIState`: :func:`ui.state.parse_query`, :func:`ui.state.to_query` and the
session mappers are driven by this table, not written key by key. The overlay flags
come from :data:`geo.map.overlays.registry.OVERLAY_INFO` (``?straits=1``). Keys made of a
prefix and a value (one expander per party, one button per view) are a :class:`Family`.

Pages and ui modules use the constants below (``keys.SCENARIO``), never a bare string.
"""
from __future__ import annotations

from dataclasses import dataclass

from geo.i18n import DEFAULT as DEFAULT_LANG, LANGS, N_, NAMES_BY_LANG
from geo.map.leaflet import VIEWS as MAP_VIEWS
from geo.map.overlays.registry import OVERLAY_INFO
from geo.views.present import BASELINE

FLAG, CHOICE, ID, LOCAL = "flag", "choice", "id", "local"
NAMES_CONVENTIONS = ("ja", "ru", "both")
# NAMES_BY_LANG (from geo.i18n): the names convention a reader of each language starts with.
VIEWS = tuple(MAP_VIEWS)  # the named views of geo.map.leaflet

# The pages, by their script (st.Page's first argument and st.switch_page's).
PAGE_MAP = "pages/map.py"
PAGE_STORY = "pages/story.py"
PAGE_TIMELINE = "pages/timeline.py"
PAGE_COMPARE = "pages/compare.py"
PAGE_SOURCES = "pages/sources.py"
PAGE_ABOUT = "pages/about.py"
PAGES = (PAGE_MAP, PAGE_STORY, PAGE_TIMELINE, PAGE_COMPARE, PAGE_SOURCES, PAGE_ABOUT)
URL_PATHS = {PAGE_MAP: "", PAGE_STORY: "story", PAGE_TIMELINE: "timeline", PAGE_COMPARE: "compare",
             PAGE_SOURCES: "sources", PAGE_ABOUT: "about"}  # "": the default page


def page_of(page) -> str:
    """The page (one of PAGES) that st.navigation chose (its ``url_path``)."""
    return next(p for p, url in URL_PATHS.items() if url == page.url_path)
_SIDEBAR_PAGES = frozenset({PAGE_MAP, PAGE_SOURCES, PAGE_ABOUT})  # scenario and overlays
COMPARE_OVERLAYS = frozenset({"straits", "okhotsk"})  # the overlays Compare's maps draw


@dataclass(frozen=True)
class Key:
    name: str  # the st.session_state key
    kind: str = LOCAL  # flag / choice / id: in UIState and the URL; local: the session only
    default: object = None
    param: str | None = None  # the URL parameter
    field: str | None = None  # the UIState field (None for a flag: UIState.overlays)
    pages: frozenset[str] = frozenset()  # the pages whose URL carries it
    choices: tuple[str, ...] = ()  # a choice's values
    fold: bool = False  # a choice read case-insensitively
    ids: str | None = None  # an id's field of ui.state.Valid (features, scenarios, …)
    why: str = ""  # why a value was ignored, a message ({known}: the known ids; {first},
    # {last}: the first and last dates)
    doc: str = ""


@dataclass(frozen=True)
class Family:
    """Keys made of a prefix and a value: ``QUOTES.of("russia")`` is ``"quotes_russia"``."""
    prefix: str
    doc: str = ""

    def of(self, value: str) -> str:
        return f"{self.prefix}{value}"


TABLE: dict[str, Key] = {}
FAMILIES: list[Family] = []


def _key(name: str, kind: str = LOCAL, default: object = None, **kw) -> str:
    if name in TABLE:
        raise ValueError(f"session key {name!r} declared twice")
    kw["pages"] = frozenset(kw.get("pages", ()))
    TABLE[name] = Key(name, kind, default, **kw)
    return name


def _family(prefix: str, doc: str) -> Family:
    FAMILIES.append(Family(prefix, doc))
    return FAMILIES[-1]


_ALL = frozenset(PAGES)
_SCENARIOS = N_("known scenarios are {known}.")

# --- the state in the URL, in the order to_query writes it ---------------------------------
FEATURE = _key("sel_feature", ID, param="feature", field="feature", pages={PAGE_MAP},
               ids="features", why=N_("no such island, strait or place on the map."),
               doc="the selected island, strait or place")
SCENARIO = _key("scenario", ID, BASELINE, param="scenario", field="scenario",
                pages=_SIDEBAR_PAGES, ids="scenarios", why=_SCENARIOS,
                doc="the sidebar's scenario, historical view or point of view")
LANG = _key("lang", CHOICE, DEFAULT_LANG, param="lang", field="lang", pages=_ALL,
            choices=LANGS, fold=True, why=N_("use en, ja or ru."),
            doc="the interface language (sidebar); absent: the browser's, else English")
NAMES = _key("names", CHOICE, NAMES_BY_LANG[DEFAULT_LANG], param="names", field="names", pages=_ALL,
                 choices=NAMES_CONVENTIONS, fold=True, why=N_("use ja, ru or both."),
                 doc="the names convention (sidebar radio)")
OVERLAYS = tuple(_key(o.key, FLAG, False, param=o.key, pages=_SIDEBAR_PAGES,
                      why=N_("use 1 or 0."), doc=f"overlay toggle: {o.label}")
                 for o in OVERLAY_INFO)
CMP_A = _key("cmp_a", ID, param="a", field="a", pages={PAGE_COMPARE}, ids="scenarios",
             why=_SCENARIOS, doc="Compare page: scenario A")
CMP_B = _key("cmp_b", ID, param="b", field="b", pages={PAGE_COMPARE}, ids="scenarios",
             why=_SCENARIOS, doc="Compare page: scenario B")
VIEW = _key("view", CHOICE, param="view", field="view", pages={PAGE_MAP}, choices=VIEWS,
            why=N_("use islands, okinawa, region or kurils."),
            doc="the named view the map was moved to")
SOURCE = _key("source", ID, param="source", field="source", pages={PAGE_SOURCES},
              ids="sources", why=N_("no such source document."),
              doc="Sources page: the open document")
DATE = _key("date", ID, param="date", field="date", pages={PAGE_TIMELINE}, ids="dates",
            why=N_("not the date of an event on the timeline (it runs from {first} to {last}). "
               "Pick one with the slider."),
            doc="Timeline page: the event date shown")
STEP = _key("step", ID, param="step", field="step", pages={PAGE_STORY}, ids="steps",
            why=N_("not a step of the story; its steps are {known}."),
            doc="Story page: the step shown")

# --- the session only ----------------------------------------------------------------------
NAMES_CHOSEN = _key("_names_chosen", doc="the reader chose the names convention (the URL or "
                    "the radio): it no longer follows the interface language")
INIT = _key("_init", doc="the state was taken from the URL (first run of a session)")
NOTICES = _key("_notices", doc="warnings about ignored URL values, until dismissed")
SHOWN_ERRORS = _key("_shown_errors", doc="data errors already shown in this run")
SNAPSHOT = _key("_snapshot", doc="the data's snapshot, taken once per full run (ui.data)")
WAS_HISTORICAL = _key("_was_historical", doc="the last run showed a historical view")
OPEN_SIDES = _key("_open_quote_sides", doc="the quote expanders left open")
CENTER = _key("center", doc="the map's requested centre")
ZOOM = _key("zoom", doc="the map's requested zoom")
VIEW_NONCE = _key("view_nonce", doc="count of map moves (st_folium moves on a change only)")
CMP_VIEW = _key("cmp_view", doc="Compare page: the view of both maps")
CMP_NONCE = _key("cmp_nonce", doc="Compare page: count of moves")
MAP = _key("map", doc="the Map page's st_folium value (the last click)")
CMP_MAPS = _key("cmp_maps", doc="the Compare page's component")
TIMELINE_MAP = _key("timeline_map", doc="the Timeline page's map")
FEATURE_BOX = _key("feature_box", doc="the island select box (mirrors sel_feature)")
CARD_BOX = _key("nt_card", doc="the container of the island list and the card (ui.layout)")
CARD_HINT = _key("nt_card_hint", doc="the hint shown while nothing is selected (ui.layout)")
CMP_VIEW_BUTTONS = _key("nt_cmp_views", doc="Compare page: the view buttons' row (ui.layout)")
VIEW_BUTTONS = _key("nt_views", doc="the container of the view buttons (ui.layout)")
SOURCE_BOX = _key("source_box", doc="the document select box (mirrors source)")
DATE_BOX = _key("date_box", doc="the date slider (mirrors date)")
STEP_BOX = _key("step_box", doc="Story page: the list of steps (mirrors step)")
STORY_MAP = _key("story_map", doc="the Story page's map")
STORY_NONCE = _key("story_nonce", doc="Story page: count of steps taken (moves the map)")
STORY_PREV = _key("story_prev", doc="Story page: the button to the previous step (←)")
STORY_NEXT = _key("story_next", doc="Story page: the button to the next step (→)")
DISMISS = _key("dismiss_notices", doc="the button that dismisses the URL notices")
DL_GEOJSON = _key("dl_geojson", doc="download button: the scenario as GeoJSON")
DL_CSV = _key("dl_csv", doc="download button: every annotation as CSV")
DL_CSV_FEATURE = _key("dl_csv_feature", doc="download button: the feature's quotes")

QUOTES = _family("quotes_", "a party's expander of quotes on the card")
GROUP_QUOTES = _family("group_quotes_", "a party's expander of the groups' quotes")
GO = _family("go_", "the Map page's button to a named view")
CMP_GO = _family("cmp_go_", "the Compare page's button to a named view")
DL_FIGURE = _family("dl_figure_", "a map's figure download (ui.figures), by the map and the "
                    "format: the Map page's png, svg, pdf; Compare's a_png … b_pdf; the "
                    "Story page's story_png …")

assert all(f" {v}" in TABLE[VIEW].why for v in VIEWS), "the view's reason names every view"
assert all(f" {v}" in TABLE[LANG].why for v in LANGS), "the language's names every language"

URL_KEYS = tuple(k for k in TABLE.values() if k.param)
BY_PARAM = {k.param: k for k in URL_KEYS}
PARAMS = tuple(BY_PARAM)


def declared(name: str) -> bool:
    """A key of the table, or of one of its families."""
    return name in TABLE or any(name.startswith(f.prefix) for f in FAMILIES)


def page_params(page: str) -> tuple[str, ...]:
    """The URL parameters a page writes."""
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}; known: {', '.join(PAGES)}")
    return tuple(k.param for k in URL_KEYS if page in k.pages)
