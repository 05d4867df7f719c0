"""Map page: the islands under a scenario, a feature's card and the scenario's figures."""
from __future__ import annotations

import threading

import streamlit as st
from streamlit_folium import st_folium

from geo.views import historical as hv
from geo.errors import DataError
from geo import map as mapview
from ui import map_adapter
from geo.views.viewpoints import is_point_of_view
from ui.state import clicked_feature, md_inline
from pages import panel, shared

shared.ensure_app_shell()

ss = st.session_state
QUERY_KEYS = ["feature", "scenario", "names", "straits", "basemap", "sea", "security", "okhotsk",
              "view"]


@st.cache_resource(show_spinner=False)
def _consequences(sid: str):
    from geo.views.present import consequences
    return consequences(sid)


@st.cache_resource(show_spinner=False)
def _history(sid: str):
    """Figures and defining events (with sources) of a historical scenario."""
    from geo.data.corpus import default_corpus
    from geo.views.catalog import view
    from geo.data.events import default_timeline
    v = view(sid)
    return hv.figures(v), hv.entries(default_timeline(), default_corpus(), v.events)


@st.cache_resource(show_spinner=False)
def _sea(sid: str):
    """Sea areas (km²) per state and the gains vs today: computed once per process."""
    from geo.analysis.median_line import gains_vs_today, scenario_division
    atlas = shared.atlas()
    div = scenario_division(atlas, sid)
    return dict(div.areas_km2), gains_vs_today(atlas, sid)


@st.cache_resource(show_spinner=False)
def _okhotsk(sid: str):
    """The gates with their shores' holders under the scenario, and the sea's area (km²)."""
    from geo.views.catalog import view
    from geo.analysis.okhotsk import gate_shores, okhotsk_area_km2
    atlas = shared.atlas()
    return gate_shores(atlas, view(sid)), okhotsk_area_km2(atlas)


@st.cache_resource(show_spinner=False)
def _nearest_base(fid: str):
    """(base label, km) for a disputed island, or None for any other feature."""
    from geo.views.present import DISPUTED
    from geo.analysis.security import default_places, nearest_us_base
    if fid not in DISPUTED:
        return None
    places = default_places()
    bid, km = nearest_us_base(shared.atlas(), fid, places)
    return places.labels[bid], km


@st.cache_resource(show_spinner=False)
def _geojson_bytes(sid: str) -> bytes:
    from geo.export import scenario_geojson
    return scenario_geojson(sid).encode("utf-8")


@st.cache_resource(show_spinner=False)
def _csv_bytes(fid: str | None) -> bytes:
    from geo.export import annotations_csv
    return annotations_csv(fid).encode("utf-8")


def _downloads(scenario, historical: bool) -> None:
    """The current scenario as GeoJSON and every annotation as CSV. The files are made
    when a button is clicked (deferred), then cached. A feature's own quotes are
    downloaded from its card."""
    cols = st.columns(2)
    sid = scenario.id
    if historical:
        cols[0].caption("GeoJSON export: available for today's three scenarios, not for the "
                        "historical views.")
    else:
        cols[0].download_button(
            "Scenario as GeoJSON", data=lambda: _geojson_bytes(sid),
            file_name=f"northern-territories-{sid}.geojson", mime="application/geo+json",
            key="dl_geojson", icon=":material/download:", on_click="ignore",
            help="The land (full resolution) with names, holder in this scenario and area, "
                 "the strait narrows and the cited places. © OpenStreetMap contributors (ODbL).")
    cols[1].download_button(
        "Annotations as CSV (all)", data=lambda: _csv_bytes(None), file_name="annotations.csv",
        mime="text/csv", key="dl_csv", icon=":material/download:", on_click="ignore",
        help="Every quote with its speaker, side, date and source.")


def _feature_download(fid: str) -> None:
    st.download_button(
        "This feature's quotes as CSV", data=lambda: _csv_bytes(fid),
        file_name=f"annotations-{fid}.csv", mime="text/csv", key="dl_csv_feature",
        icon=":material/download:", on_click="ignore",
        help="The quotes this card shows, with speaker, side, date and source.")


@st.cache_resource(show_spinner=False)
def _card(fid: str):
    from geo.analysis.cards import feature_card
    return feature_card(fid)


@st.cache_resource(show_spinner=False)
def _warm_up(ids: tuple[str, ...]) -> threading.Thread:
    """Once per process, in the background: every feature's card and nearest US base,
    so that the first click on any island is as quick as the next."""
    def work() -> None:
        for fid in ids:
            try:
                _card(fid)
                _nearest_base(fid)
            except (DataError, KeyError, ValueError):
                pass  # not cached: the same error is shown when the feature is selected
    t = threading.Thread(target=work, name="nt-warm-up", daemon=True)
    t.start()
    return t


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
        _move_to(mapview.focus_point(fid, shared.atlas()), None)


def _clicked(valid: set[str]) -> None:
    fid = clicked_feature(ss.get("map"))
    fid = mapview.CLICK_ALIASES.get(fid, fid)
    if fid in valid:
        ss["sel_feature"] = fid


shared.show_notices()
atlas = shared.load("the map layers", shared.atlas)
scenarios = shared.load("the scenarios", shared.scenarios)
corpus = shared.load("the annotations", shared.corpus)
# The US bases and incidents (security overlay, nearest base): if they do not load, the
# error is shown and the map is drawn without them.
places_ok = shared.load("the places (US bases, incidents)", shared.places) is not None
if atlas is None or scenarios is None:
    st.stop()

gaz = atlas.gaz
state = shared.current_state()
scenario = scenarios.get(state.scenario) if state.scenario in scenarios else scenarios.baseline
choices = mapview.selectable_ids(atlas)
if corpus is not None:
    _warm_up(tuple(choices))
if ss.get("view") and "center" not in ss:  # a deep link to a view
    _move_to(*mapview.VIEWS[ss["view"]])
historical = hv.is_historical(scenario)
if historical and not ss.get("_was_historical") and not ss.get("view"):
    _go(mapview.HISTORY_VIEW)  # Sakhalin and the northern Kurils come into view
ss["_was_historical"] = historical

st.markdown(f"#### {md_inline(scenario.title)}")
map_col, panel_col = st.columns([3, 2], gap="medium")


@st.fragment
def explorer() -> None:
    """The map and the selected feature's card. A click, the island list or a view
    button reruns only this part: the sidebar and the scenario's figures below stay
    as they are (less to compute, send and redraw)."""
    state = shared.current_state()
    # The card first: after a click its heading reaches the browser before the map does.
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
                                    state.names, gaz, nearest_base=(
                                        _nearest_base(state.feature) if places_ok else None))
                _feature_download(state.feature)
        else:
            st.info("Select an island on the map or in the list above to see its names, "
                    "status, area, population and what the sources say about it.")
    with map_col:
        buttons = st.columns(len(mapview.VIEWS))
        for col, (view, label) in zip(buttons, map_adapter.VIEW_LABELS.items()):
            col.button(label, key=f"go_{view}", on_click=_go, args=(view,), width="stretch",
                       icon=":material/my_location:", help=f"Move the map to: {label}")
        center, zoom = map_adapter.view_args(ss.get("center"), ss.get("zoom"),
                                         ss.get("view_nonce", 0))
        mstate = mapview.MapState.of(scenario=scenario, names=state.names, selected=state.feature,
                                  straits=state.straits, basemap=state.basemap, sea=state.sea,
                                  security=state.security and places_ok,
                                  okhotsk=state.okhotsk)
        st_folium(mapview.base_map(atlas), key="map", height=map_adapter.MAP_HEIGHT,
                  use_container_width=True, returned_objects=map_adapter.RETURNED_OBJECTS,
                  feature_group_to_add=mapview.feature_groups(mstate, atlas), center=center,
                  zoom=zoom, on_change=lambda: _clicked(set(choices)))
        st.caption("Click an island or, with the straits overlay on, a strait. Outlines: "
                   "© OpenStreetMap contributors (ODbL). Okinawa lies about 2,000 km "
                   "south-west: use the buttons above to go there and back.")
    shared.sync_query(QUERY_KEYS)


explorer()

with map_col:  # below the map, outside the fragment: redrawn only on a full rerun
    security = state.security and places_ok
    if security or (state.sea and mapview.sea_division_shown(scenario)):
        st.markdown(mapview.legend_html(mapview.legend(
            scenario, atlas, [k for k, on in (("sea", state.sea), ("security", security)) if on],
            base=False)),
                    unsafe_allow_html=True)  # the app's constants, texts escaped
    if state.okhotsk:
        panel.okhotsk_panel(scenario, *_okhotsk(scenario.id))
    if state.sea:
        if mapview.sea_division_shown(scenario):
            panel.sea_panel(scenario, *_sea(scenario.id))
        else:
            st.info("The sea division is not shown for historical views and points of view: "
                    "it is computed for today's three scenarios only.", icon=":material/waves:")
    if corpus is not None and is_point_of_view(scenario):
        panel.viewpoint_panel(scenario, hv.figures(scenario, atlas), corpus, state.straits)
    elif corpus is not None and historical:
        panel.history_panel(scenario, *_history(scenario.id), state.straits)
    elif corpus is not None:
        panel.scenario_panel(scenario, _consequences(scenario.id), corpus, gaz, state.straits)
    st.markdown("##### Export")
    _downloads(scenario, historical)
