"""The sidebar every page shares: names convention, scenario, overlays (one toggle per
entry of :data:`geo.map.overlays.registry.OVERLAY_INFO`), each shown only on the pages
it acts on (:data:`CONTROLS`); the state of a control not shown is kept."""
from __future__ import annotations

import streamlit as st

from geo.i18n import LABELS as LANG_LABELS, LANGS, N_, text_in
from geo.map.overlays.registry import OVERLAY_INFO
from geo.map.text import NAMES_LABELS
from geo.panels.about import NEUTRALITY
from ui import data, keys
from ui.lang import lang as current_lang, tr
from ui.shell import data_error, load

# The language switch's label, in the three languages: a reader who landed in a language
# they do not read must still find it.
LANG_SWITCH = "Language · 言語 · Язык"

# What the sidebar says of a part of the catalogue left out (geo.views.catalog.LeftOut.part).
LEFT_OUT = {"historical": N_("the timeline (the historical views are left out)"),
            "viewpoints": N_("the points of view (they are left out)")}
_ALL_OVERLAYS = frozenset(o.key for o in OVERLAY_INFO)
# What acts on each page: the names (map labels, headings, feature names), the scenario
# (the Map page's; Timeline and Compare choose their own views) and which overlays.
CONTROLS: dict[str, tuple[bool, bool, frozenset[str]]] = {
    keys.PAGE_MAP: (True, True, _ALL_OVERLAYS),
    keys.PAGE_STORY: (True, False, frozenset()),
    keys.PAGE_TIMELINE: (True, False, frozenset()),
    keys.PAGE_COMPARE: (True, False, keys.COMPARE_OVERLAYS),
    keys.PAGE_SOURCES: (True, False, frozenset()),
    keys.PAGE_ABOUT: (False, False, frozenset()),
}
assert set(CONTROLS) == set(keys.PAGES), "every page says which controls act on it"


def _keep(*names: str) -> None:
    """Keep the values of controls not drawn in this run (Streamlit forgets a widget's
    value when the widget is not drawn)."""
    ss = st.session_state
    for name in names:
        if name in ss:
            ss[name] = ss[name]


def sidebar(page: str) -> None:
    names, scenario, overlays = CONTROLS[page]
    _keep(*([] if names else [keys.NAMES]), *([] if scenario else [keys.SCENARIO]),
          *(o.key for o in OVERLAY_INFO if o.key not in overlays))
    with st.sidebar:
        _language()
        if names:
            _names()
        if scenario:
            _scenario()
        shown = [o for o in OVERLAY_INFO if o.key in overlays]
        _ = tr()
        if shown:
            st.markdown(_("**Overlays**"))
        for o in shown:
            st.toggle(_(o.label), key=o.key, help=_(o.help))
        st.caption(_(NEUTRALITY))


# The select boxes and sliders whose options are written in the session's language. A
# widget keeps showing the words it was last sent for its value until its value is set
# again: so a language switch sets each of them (to the value it has).
WORDED_WIDGETS = (keys.SCENARIO, keys.CMP_A, keys.CMP_B, keys.FEATURE_BOX, keys.SOURCE_BOX,
                  keys.DATE_BOX, keys.STEP_BOX)


def _follow_language() -> None:
    """The language switched: the names convention follows it unless the reader chose one,
    and every widget whose options are words shows them in the new language."""
    ss = st.session_state
    if not ss.get(keys.NAMES_CHOSEN):
        ss[keys.NAMES] = keys.NAMES_BY_LANG[ss[keys.LANG]]
    for key in WORDED_WIDGETS:
        if key in ss:
            ss[key] = ss[key]


def _language() -> None:
    st.radio(LANG_SWITCH, LANGS, key=keys.LANG, format_func=LANG_LABELS.__getitem__,
             horizontal=True, on_change=_follow_language)


def _names() -> None:
    _ = tr()
    st.radio(_("Place names"), list(NAMES_LABELS), key=keys.NAMES,
             format_func=lambda n: _(NAMES_LABELS[n]),
             on_change=st.session_state.update, kwargs={keys.NAMES_CHOSEN: True},
             help=_("Japanese names (romaji and kanji), Russian names (transliteration "
                    "and Cyrillic) or both, on the map and in the panel."))


def catalogue():
    """The views' catalogue, each part left out of it (a broken file) said once."""
    cat = load(N_("the scenarios"), data.catalogue)
    for part in () if cat is None else cat.left_out:
        data_error(part.error, LEFT_OUT[part.part])
    return cat


def _scenario() -> None:
    cat = catalogue()
    scen = None if cat is None else cat.views
    if scen is not None:
        if st.session_state.get(keys.SCENARIO) not in scen.ids:
            st.session_state[keys.SCENARIO] = scen.baseline.id
        _, lang = tr(), current_lang()
        st.selectbox(_("Scenario"), scen.ids, key=keys.SCENARIO,
                     format_func=lambda sid: text_in(scen.get(sid).short_title, lang),
                     help=_("Who would hold each island, today's three options; who "
                            "held them after the treaties of 1855, 1875 and 1905 and in "
                            "1945; or how each side's own maps draw the region. The map, "
                            "the figures and the defining sources follow."))
