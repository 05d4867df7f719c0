"""Map page: the islands under a scenario, a feature's card and the scenario's figures."""
from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo import historical_view as hv
from geo import mapview
from geo.ui_state import clicked_feature, md_escape
from pages import panel, shared

shared.ensure_app_shell()

ss = st.session_state


@st.cache_resource(show_spinner=False)
def _consequences(sid: str):
    from geo.scenarios import consequences
    return consequences(sid)


@st.cache_resource(show_spinner=False)
def _history(sid: str):
    """Figures and defining events (with sources) of a historical scenario."""
    from geo.annotations import default_corpus
    from geo.history import default_timeline
    view = next(v for v in hv.historical_views() if v.id == sid)
    return hv.figures(view), hv.entries(default_timeline(), default_corpus(), view.events)


@st.cache_resource(show_spinner=False)
def _card(fid: str):
    from geo.cards import feature_card
    return feature_card(fid)


def _move_to(center, zoom) -> None:
    ss["center"], ss["zoom"] = center, zoom
    ss["view_nonce"] = ss.get("view_nonce", 0) + 1


def _go(view: str) -> None:
    ss["view"] = view
    _move_to(*mapview.VIEWS[view])


def _picked() -> None:
    """Chosen in the select box (keyboard): select it and bring it into view."""
    fid = ss.get("feature_box")
    ss["sel_feature"] = fid
    if fid:
        ss["view"] = None
        _move_to(mapview.focus_point(fid), None)


def _clicked(valid: set[str]) -> None:
    fid = clicked_feature(ss.get("map"))
    fid = mapview.CLICK_ALIASES.get(fid, fid)
    if fid in valid:
        ss["sel_feature"] = fid


shared.show_notices()
atlas = shared.load("the map layers", shared.atlas)
scenarios = shared.load("the scenarios", shared.scenarios)
corpus = shared.load("the annotations", shared.corpus)
if atlas is None or scenarios is None:
    st.stop()

gaz = atlas.gaz
state = shared.current_state()
scenario = scenarios.get(state.scenario) if state.scenario in scenarios else scenarios.baseline
choices = mapview.selectable_ids(atlas)
if ss.get("view") and "center" not in ss:  # a deep link to a view
    _move_to(*mapview.VIEWS[ss["view"]])
historical = hv.is_historical(scenario)
if historical and not ss.get("_was_historical") and not ss.get("view"):
    _go(mapview.HISTORY_VIEW)  # Sakhalin and the northern Kurils come into view
ss["_was_historical"] = historical

st.markdown(f"#### {md_escape(scenario.title)}")
map_col, panel_col = st.columns([3, 2], gap="medium")

# The panel first: after a click its heading reaches the browser before the map does.
with panel_col:
    ss["feature_box"] = state.feature if state.feature in choices else None
    st.selectbox("Island, strait or place", choices, key="feature_box", on_change=_picked,
                 placeholder="Choose one, or click it on the map",
                 format_func=lambda f: mapview.heading(gaz.get(f), state.names))
    if state.feature in choices:
        if corpus is None:
            st.info("The annotations could not be loaded; the card is not available.")
        else:
            panel.feature_panel(_card(state.feature), gaz.get(state.feature), scenario,
                                state.names, gaz)
    else:
        st.info("Select an island on the map or in the list above to see its names, "
                "status, area, population and what the sources say about it.")

with map_col:
    buttons = st.columns(len(mapview.VIEWS))
    for col, (view, label) in zip(buttons, mapview.VIEW_LABELS.items()):
        col.button(label, key=f"go_{view}", on_click=_go, args=(view,), width="stretch",
                   icon=":material/my_location:", help=f"Move the map to: {label}")
    center, zoom = mapview.view_args(ss.get("center"), ss.get("zoom"), ss.get("view_nonce", 0))
    mstate = mapview.MapState(scenario=scenario, names=state.names, selected=state.feature,
                              straits=state.straits, basemap=state.basemap)
    st_folium(mapview.base_map(), key="map", height=mapview.MAP_HEIGHT,
              use_container_width=True, returned_objects=mapview.RETURNED_OBJECTS,
              feature_group_to_add=mapview.feature_groups(mstate, atlas), center=center,
              zoom=zoom, on_change=lambda: _clicked(set(choices)))
    st.caption("Click an island or, with the straits overlay on, a strait. Outlines: "
               "© OpenStreetMap contributors (ODbL). Okinawa lies about 2,000 km south-west: "
               "use the buttons above to go there and back.")
    if corpus is not None and historical:
        panel.history_panel(scenario, *_history(scenario.id), state.straits)
    elif corpus is not None:
        panel.scenario_panel(scenario, _consequences(scenario.id), corpus, gaz, state.straits)

shared.sync_query(["feature", "scenario", "names", "straits", "basemap", "view"])
