"""Map page: the islands under a scenario, a feature's card and the scenario's figures."""
from __future__ import annotations

import streamlit as st

from geo.i18n import N_, text_in
from geo.views import historical as hv
from geo.views.viewpoints import is_point_of_view
from geo import map as geomap
from ui import data, keys, layout, map_adapter as maps, panels, shell
from ui.figures import figure_buttons
from ui.lang import lang, tr
from ui.markdown import md_inline

shell.ensure_app_shell()

ss = st.session_state
_ = tr()
LANG = lang()


def _downloads(scenario, historical: bool, overlays, names: str) -> None:
    """The current scenario as GeoJSON, every annotation as CSV, and the map as a
    print-ready figure (PNG, SVG, PDF: the view, its overlays, names and language, in the
    named view the map was moved to, else the one it opens in). The files are made when a
    button is clicked (deferred), then cached. A feature's own quotes are downloaded from
    its card."""
    cols = st.columns(2)
    sid = scenario.id
    if historical:
        cols[0].caption(_("GeoJSON export: available for today's three scenarios, not for "
                          "the historical views."))
    else:
        cols[0].download_button(
            _("Scenario as GeoJSON"), data=lambda: data.geojson_bytes(sid),
            file_name=f"northern-territories-{sid}.geojson", mime="application/geo+json",
            key=keys.DL_GEOJSON, icon=":material/download:", on_click="ignore",
            help=_("The land (full resolution) with its names in each script, holder in this "
                   "scenario and area; the Habomai group once more as one feature (group: "
                   "true, left out when summing areas); the strait narrows and the cited "
                   "places. Flat properties, for GIS programs. © OpenStreetMap contributors "
                   "(ODbL)."))
    cols[1].download_button(
        _("Annotations as CSV (all)"), data=lambda: data.csv_bytes(None),
        file_name="annotations.csv",
        mime="text/csv", key=keys.DL_CSV, icon=":material/download:", on_click="ignore",
        help=_("Every quote with its speaker, side, date and source."))
    extent = ss.get(keys.VIEW) or geomap.view_for(scenario)
    figure_buttons(scenario, overlays, names, LANG, extent, title=_("Figure"))


def _feature_download(fid: str) -> None:
    st.download_button(
        _("This feature's quotes as CSV"), data=lambda: data.csv_bytes(fid),
        file_name=f"annotations-{fid}.csv", mime="text/csv", key=keys.DL_CSV_FEATURE,
        icon=":material/download:", on_click="ignore",
        help=_("The quotes this card shows, with speaker, side, date and source."))


def _move_to(center, zoom) -> None:
    ss[keys.CENTER], ss[keys.ZOOM] = center, zoom
    ss[keys.VIEW_NONCE] = ss.get(keys.VIEW_NONCE, 0) + 1


def _go(view: str) -> None:
    ss[keys.VIEW] = view
    _move_to(*geomap.VIEWS[view])


def _picked() -> None:
    """Chosen in the select box (keyboard): select it and bring it into view."""
    fid = ss.get(keys.FEATURE_BOX)
    ss[keys.FEATURE] = fid
    if fid:
        ss[keys.VIEW] = None
        _move_to(geomap.focus_point(fid, data.atlas()), None)


def _clicked(valid: set[str]) -> None:
    fid = maps.clicked(ss.get(keys.MAP))
    if fid == maps.NO_FEATURE:  # the sea: nothing selected
        ss[keys.FEATURE] = None
    elif fid in valid:
        ss[keys.FEATURE] = fid


shell.show_notices()
atlas = shell.load(N_("the map layers"), data.atlas)
scenarios = shell.load(N_("the scenarios"), data.scenarios)
corpus = shell.load(N_("the annotations"), data.corpus)
# The US bases and incidents (security overlay, nearest base): if they do not load, the
# error is shown and the map is drawn without them.
places_ok = shell.load(N_("the places (US bases, incidents)"), data.places) is not None
if atlas is None or scenarios is None:
    st.stop()

gaz = atlas.gaz
state = shell.current_state()
scenario = scenarios.get(state.scenario) if state.scenario in scenarios else scenarios.baseline
choices = geomap.selectable_ids(atlas)
if ss.get(keys.VIEW) and keys.CENTER not in ss:  # a deep link to a view
    _move_to(*geomap.VIEWS[ss[keys.VIEW]])
historical = hv.is_historical(scenario)
if historical and not ss.get(keys.WAS_HISTORICAL) and not ss.get(keys.VIEW):
    _go(geomap.HISTORY_VIEW)  # Sakhalin and the northern Kurils come into view
ss[keys.WAS_HISTORICAL] = historical
overlays = state.overlays if places_ok else state.overlays - {"security"}

st.markdown(f"#### {md_inline(text_in(scenario.title, LANG))}")
map_col, panel_col = st.columns([3, 2], gap="medium")


@st.fragment
def explorer() -> None:
    """The map and the selected feature's card. A click, the island list or a view
    button reruns only this part: the sidebar and the scenario's figures below stay
    as they are (less to compute, send and redraw)."""
    state = shell.current_state()
    # The card first: after a click its heading reaches the browser before the map does.
    # Beside the map it scrolls on its own; on a phone it is a sheet at the bottom of the
    # screen (ui.layout), so a tap shows its heading at once.
    with panel_col, st.container(key=keys.CARD_BOX):
        ss[keys.FEATURE_BOX] = state.feature if state.feature in choices else None
        st.selectbox(_("Island, strait or place"), choices, key=keys.FEATURE_BOX,
                     on_change=_picked, placeholder=_("Choose one, or click it on the map"),
                     format_func=lambda f: geomap.heading(gaz.get(f), state.names))
        if state.feature in choices:
            if corpus is None:
                st.info(_("The annotations could not be loaded; the card is not available."))
            else:
                panels.feature_panel(data.card(state.feature), gaz.get(state.feature),
                                     scenario, state.names, gaz, nearest_base=(
                                         data.nearest_base(state.feature, LANG, state.names) if places_ok
                                         else None), lang=LANG)
                _feature_download(state.feature)
        else:
            with st.container(key=keys.CARD_HINT):  # left out of the phone's sheet
                st.info(_("Select an island on the map or in the list above to see its "
                          "names, status, area, population and what the sources say about "
                          "it. A click on the sea clears the selection."))
    with map_col:
        layout.view_buttons(keys.VIEW_BUTTONS, keys.GO, _go)
        center, zoom = maps.view_args(ss.get(keys.CENTER), ss.get(keys.ZOOM),
                                      ss.get(keys.VIEW_NONCE, 0))
        shown = state.overlays if places_ok else state.overlays - {"security"}
        map_state = geomap.MapState(scenario, state.names, state.feature, shown, lang=LANG)
        maps.show_map(map_state, key=keys.MAP, center=center, zoom=zoom,
                      returned_objects=maps.RETURNED_OBJECTS,
                      on_change=lambda: _clicked(set(choices)))
        st.caption(_("Click an island or, with the straits overlay on, a strait; the name "
                     "of the Habomai Islands selects the whole group. Outlines: © "
                     "OpenStreetMap contributors (ODbL). Okinawa lies about {distance} km "
                     "south-west: use the buttons above to go there and back.",
                     distance=_.num(2000)))
        panels.map_as_text(map_state, atlas)
    shell.sync_query(keys.PAGE_MAP)


explorer()
layout.map_first()  # the browser draws the map before the figures below reach it

# Below the map and the card, full width, outside the fragment: redrawn on a full rerun.
security, sea = "security" in overlays, "sea" in overlays
if security or (sea and geomap.sea_division_shown(scenario)):
    st.markdown(geomap.legend_html(geomap.legend(scenario, atlas, overlays, base=False,
                                                 lang=LANG, names=state.names)),
                unsafe_allow_html=True)  # the app's constants, texts escaped
if "okhotsk" in overlays:
    panels.okhotsk_panel(scenario, *data.okhotsk(scenario.id), lang=LANG, names=state.names,
                         gaz=gaz)
if sea:
    if geomap.sea_division_shown(scenario):
        panels.sea_panel(scenario, *data.sea(scenario.id), lang=LANG)
    else:
        st.info(_("The sea division is not shown for historical views and points of view: "
                  "it is computed for today's three scenarios only."), icon=":material/waves:")
straits = "straits" in overlays
if corpus is not None and is_point_of_view(scenario):
    panels.viewpoint_panel(scenario, hv.figures(scenario, atlas), corpus, straits, lang=LANG,
                           names=state.names)
elif corpus is not None and historical:
    panels.history_panel(scenario, *data.history(scenario.id, LANG, state.names), straits,
                         lang=LANG, names=state.names)
elif corpus is not None:
    panels.scenario_panel(scenario, data.consequences(scenario.id), corpus, gaz, straits,
                          lang=LANG, names=state.names)
st.markdown("##### " + _("Export"))
_downloads(scenario, historical, overlays, state.names)
