"""Points of view (data/viewpoints.yaml, geo/views/viewpoints.py): Japan's official map
convention, Russia's maps and the de facto administration, as map views.

What each view shows, how the map draws and explains the undetermined class, the
island card and the Compare page under a view, and bad input to the file.
"""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo import map as mv
from geo.views.historical import figures
from geo.data.events import HOLDER_KEYS
from geo.views.viewpoints import UNDETERMINED, load_viewpoints, point_of_view_views
from test_app import app, metric, no_problem, text_of
from test_bad_data import (APP, MAP, TIMEOUT, Case, check_loader_error, errors, no_exception,
                           replace_in, still_works)
from test_bad_data import bad_data, fresh_streamlit_caches  # noqa: F401  (fixtures)
from tests.stfolium import render

FOUR = ("etorofu", "kunashiri", "shikotan", "habomai")


def view(vid: str):
    return next(v for v in point_of_view_views() if v.id == vid)


def specs(state: mv.MapState, atlas) -> dict[str, dict]:
    fg = render(mv.base_map(atlas), mv.feature_groups(state, atlas))["fg"]
    return {json.loads(name): json.loads(spec) for name, spec in
            re.findall(r"NT\.layer\(([^,]+), (\{.*\})\);", fg)}


# --- what each view shows ----------------------------------------------------------------------

def test_japans_maps_show_the_four_islands_japanese_and_the_rest_undetermined():
    v = view("pov-japan-maps")
    assert [v.holder(k) for k in FOUR] == ["JPN"] * 4
    assert v.holders["urup"] == v.holders["kuril-north"] == v.holders["sakhalin-south"] == "UND"
    assert v.holders["sakhalin-north"] == "RUS"
    assert v.holder_of_feature("suisho") == "JPN"  # a Habomai islet follows its group
    assert v.lines == ("shimoda-1855", "saint-petersburg-1875", "portsmouth-1905")
    assert not any(v.is_disputed(k) for k in HOLDER_KEYS)


def test_russias_maps_and_the_de_facto_view():
    russia, de_facto = view("pov-russia-maps"), view("pov-de-facto")
    assert set(russia.holders.values()) == set(de_facto.holders.values()) == {"RUS"}
    assert not any(russia.is_disputed(k) for k in FOUR)
    assert all(de_facto.is_disputed(k) for k in FOUR) and not de_facto.is_disputed("urup")
    assert russia.shown_words("RUS") == "shown as Russia's territory"
    assert de_facto.shown_words("RUS") == "administered by Russia"


def test_areas_follow_the_view(atlas):
    """Computed from the geometry: under Japan's maps the undetermined land (Urup, the
    northern Kurils, South Sakhalin) is larger than the four islands; under Russia's maps
    all of it is Russian, and the sum is the same land."""
    japan, russia = figures(view("pov-japan-maps"), atlas), figures(view("pov-russia-maps"), atlas)
    assert japan.by_holder["UND"] > japan.by_holder["JPN"] > 4_000
    assert japan.by_holder.get("RUS", 0) > 0 and russia.by_holder.get("JPN", 0) == 0
    assert sum(japan.by_holder.values()) == pytest.approx(russia.by_holder["RUS"], rel=1e-9)
    rows = {r.key: r.holder for r in japan.rows}
    assert rows["sakhalin-south"] == UNDETERMINED and rows["etorofu"] == "JPN"


# --- the map ------------------------------------------------------------------------------

def test_undetermined_land_is_white_with_a_dotted_edge(atlas):
    s = specs(mv.MapState.of(scenario=view("pov-japan-maps")), atlas)
    land = s["history-land"]["styles"]
    for fid in ("urup", "kuril-north", "sakhalin-south"):
        assert land[fid]["fillColor"] == mv.HOLDER_FILL["UND"] == "#FFFFFF"
        assert land[fid]["dashArray"] == mv.UND_DASH and land[fid]["fillOpacity"] == 1.0
    assert land["sakhalin-north"]["fillColor"] == mv.HOLDER_FILL["RUS"]
    assert "dashArray" not in land["sakhalin-north"]
    islands = s["islands"]["styles"]
    assert islands["etorofu"]["fillColor"] == islands["suisho"]["fillColor"] == mv.HOLDER_FILL["JPN"]
    assert s["treaty-lines"]["ids"] == ["shimoda-1855", "saint-petersburg-1875", "portsmouth-1905"]


def test_the_de_facto_view_outlines_the_claimed_islands(atlas):
    s = specs(mv.MapState.of(scenario=view("pov-de-facto")), atlas)
    islands = s["islands"]["styles"]
    assert islands["etorofu"]["fillColor"] == mv.HOLDER_FILL["RUS"]
    assert islands["etorofu"].get("dashArray") and not s["history-land"]["styles"]["urup"].get("dashArray")
    assert "treaty-lines" not in s
    russia = specs(mv.MapState.of(scenario=view("pov-russia-maps")), atlas)["islands"]["styles"]
    assert not russia["etorofu"].get("dashArray")  # Russia's maps mark no dispute


def test_legend_and_status_explain_each_view(atlas):
    gaz = atlas.gaz
    japan = [i.label for i in mv.legend(view("pov-japan-maps"), atlas)]
    und = next(x for x in japan if x.startswith("Attribution undetermined"))
    assert "white, dotted edge" in und and "Urup" in und and "South Sakhalin" in und
    assert any(x.startswith("Shown as Japan's territory") for x in japan)
    assert any("Treaty of Portsmouth" in x for x in japan)
    de_facto = [i.label for i in mv.legend(view("pov-de-facto"), atlas)]
    assert any(x.startswith("Administered by Russia") for x in de_facto)
    assert any(x.startswith("Dashed outline: disputed") for x in de_facto)
    assert mv.status_text(gaz.get("urup"), view("pov-japan-maps"), gaz) == \
        "Japan's maps: shown of undetermined attribution"
    assert mv.status_text(gaz.get("sakhalin"), view("pov-japan-maps"), gaz) == (
        "Japan's maps: south of 50°N shown of undetermined attribution, north shown as "
        "Russia's territory")
    assert mv.status_text(gaz.get("kunashiri"), view("pov-de-facto"), gaz) == \
        "De facto (administration): administered by Russia; disputed"


# --- the app --------------------------------------------------------------------------------

def test_map_page_offers_the_points_of_view_with_their_references():
    at = app(scenario="pov-japan-maps")
    no_problem(at)
    options = at.sidebar.selectbox(key="scenario").options
    assert {"Japan's maps", "Russia's maps", "De facto (administration)"} <= set(options)
    text = text_of(at)
    assert "What this view shows" in text and "1969 notice of the Ministry of Education" in text
    assert "Undetermined" in [m.label for m in at.metric]
    assert metric(at, "Shown as Japan's").endswith("km²")
    assert "| South Sakhalin (south of 50°N) | Undetermined |" in text
    assert "Teikoku-Shoin" in text and "teikokushoin.co.jp/faq/detail/108" in text
    assert "one side's map convention, not the app's judgement" in text
    at.sidebar.selectbox(key="scenario").select("pov-de-facto").run()
    no_problem(at)
    assert metric(at, "Administered by Russia").endswith("km²")
    assert "who administers the land, not the app's judgement" in text_of(at)
    assert at.query_params["scenario"] == "pov-de-facto"


def test_island_card_under_a_point_of_view():
    at = app(scenario="pov-japan-maps", feature="urup")
    no_problem(at)
    assert "Japan's maps: shown of undetermined attribution" in text_of(at)


def test_compare_japans_and_russias_maps():
    at = app(a="pov-japan-maps", b="pov-russia-maps")
    at.switch_page("pages/compare.py").run()
    no_problem(at)
    text = text_of(at)
    assert "| Etorofu/Iturup | Japan | Russia | **changes hands** |" in text
    assert "Urup | undetermined attribution | Russia" in text


# --- bad input ------------------------------------------------------------------------------

def _set_holder(value: str):
    return lambda d, s: replace_in(d / "viewpoints.yaml", "    urup: UND\n", f"    urup: {value}\n")


BAD = [
    Case("pov-unknown-holder", _set_holder("USA"), "viewpoints.yaml", "holders.urup",
         "Input should be 'JPN', 'RUS' or 'UND'", "viewpoints", item="pov-japan-maps"),
    Case("pov-missing-holder",
         lambda d, s: replace_in(d / "viewpoints.yaml", "    urup: UND\n", ""),
         "viewpoints.yaml", "holders", "no holder given for urup", "viewpoints",
         item="pov-japan-maps"),
    Case("pov-unknown-line",
         lambda d, s: replace_in(d / "viewpoints.yaml", "portsmouth-1905]", "portsmouth-1906]"),
         "viewpoints.yaml", "lines", "unknown treaty line 'portsmouth-1906' in lines.2",
         "viewpoints", item="pov-japan-maps"),
    Case("pov-unknown-reference",
         lambda d, s: replace_in(d / "viewpoints.yaml", "refs: [teikoku-shoin-maps,",
                                 "refs: [teikoku-maps,"),
         "viewpoints.yaml", "refs", "unknown reference 'teikoku-maps' in refs.0",
         "viewpoints", item="pov-japan-maps"),
    Case("pov-no-reference",
         lambda d, s: replace_in(d / "viewpoints.yaml",
                                 "refs: [sakhalin-oblast-1947, lavrov-2019-statement]", "refs: []"),
         "viewpoints.yaml", "refs", "at least 1 item", "viewpoints",
         item="pov-russia-maps"),
    Case("pov-unknown-annotation",
         lambda d, s: replace_in(d / "viewpoints.yaml",
                                 "sources: [takeuchi-2024-medvedev-belong-to-russia]\n",
                                 "sources: [takeuchi-2024-medvedev]\n"),
         "viewpoints.yaml", "sources", "unknown annotation 'takeuchi-2024-medvedev'",
         "viewpoints", item="pov-russia-maps"),
    Case("pov-id-prefix",
         lambda d, s: replace_in(d / "viewpoints.yaml", "id: pov-de-facto", "id: de-facto"),
         "viewpoints.yaml", "id", "starts with 'pov-'", "viewpoints", item="de-facto"),
    Case("pov-duplicate-id",
         lambda d, s: replace_in(d / "viewpoints.yaml", "id: pov-de-facto", "id: pov-russia-maps"),
         "viewpoints.yaml", "id", "duplicate id", "viewpoints", item="pov-russia-maps"),
    Case("pov-administration-undetermined",
         lambda d, s: replace_in(d / "viewpoints.yaml", "  shows: administration\n  holders:\n"
                                 "    etorofu: RUS\n", "  shows: administration\n  holders:\n"
                                 "    etorofu: UND\n"),
         "viewpoints.yaml", "holders", "cannot leave land undetermined", "viewpoints",
         item="pov-de-facto"),
    Case("pov-unknown-shows", lambda d, s: replace_in(d / "viewpoints.yaml", "shows: administration",
                                                      "shows: claims"),
         "viewpoints.yaml", "shows", "Input should be 'territory' or 'administration'",
         "viewpoints", item="pov-de-facto"),
]


def _load():
    from geo.data.corpus import default_annotation_ids
    return load_viewpoints(annotation_ids=default_annotation_ids())


@pytest.mark.parametrize("bad_data", BAD, ids=[c.id for c in BAD], indirect=True)
def test_bad_viewpoints_name_file_record_and_field(bad_data):
    try:
        _load()
    except Exception as exc:  # noqa: BLE001  (checked below)
        check_loader_error(bad_data, exc)
    else:
        pytest.fail("no error")


@pytest.mark.parametrize("bad_data", BAD[:1], ids=[c.id for c in BAD[:1]], indirect=True)
def test_app_says_why_the_points_of_view_are_left_out(bad_data, fresh_streamlit_caches):  # noqa: F811
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["scenario"] = "pov-japan-maps"
    at.run()
    no_exception(at)
    shown_errors = errors(at)
    assert "viewpoints.yaml, id 'pov-japan-maps', field 'holders.urup'" in shown_errors
    assert "points of view" in shown_errors and len(at.error) == 1
    options = at.sidebar.selectbox(key="scenario").options
    assert "Japan's maps" not in options and "today" not in options  # labels, not ids
    assert at.sidebar.selectbox(key="scenario").value == "today"  # the unknown id falls back
    assert any("1905" in o for o in options)  # the historical views stay
    still_works(at, bad_data)
    assert bad_data.page == MAP
