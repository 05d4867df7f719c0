"""The Streamlit app, run headless with AppTest (st_folium is an unknown component there)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.errors import DataError
from ui.markdown import md_escape
from ui.state import NO_FEATURE, Valid, clicked_feature, parse_query, to_query, UIState

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 90


def app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def plain(markdown: str) -> str:
    """Markdown escaped by md_escape, as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown)


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [s.value for s in at.subheader] + [t.value for t in at.title]
    parts += [h.value for h in at.header]
    return plain("\n".join(str(p) for p in parts))


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def no_problem(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_map_page_renders():
    at = app()
    no_problem(at)
    assert not at.warning
    assert "Today: administered by Russia, claimed by Japan" in text_of(at)
    assert metric(at, "Land held by Russia").endswith("km²")
    assert metric(at, "Changes hands vs today") == "0.0%"
    assert at.selectbox(key="feature_box").value is None
    assert dict(at.query_params) == {}


@pytest.mark.parametrize("page, needle", [
    ("pages/sources.py", "Sources"),
    ("pages/about.py", "About this explorer"),
])
def test_other_pages_render(page, needle):
    at = app()
    at.switch_page(page).run()
    no_problem(at)
    assert needle in text_of(at)


def test_scenario_switch_changes_figures():
    at = app()
    before = metric(at, "Land held by Japan")
    at.selectbox(key="scenario").select("joint-1956").run()
    no_problem(at)
    after = metric(at, "Land held by Japan")
    assert before == "0.0 km²" and after != before and after.startswith("341")
    assert metric(at, "Population affected") == "3,330"
    assert "Habomai Islands and the island of Shikotan" in text_of(at)  # Article 9 quote
    assert at.query_params["scenario"] == "joint-1956"
    at.selectbox(key="scenario").select("four-islands").run()
    assert metric(at, "Changes hands vs today") == "100.0%"
    assert metric(at, "Population affected") == "18,810"


def test_query_params_restore_state():
    at = app(feature="shikotan", scenario="joint-1956", names="ja", straits="1")
    no_problem(at)
    assert not at.warning
    assert at.radio(key="names").value == "ja"
    assert at.selectbox(key="scenario").value == "joint-1956"
    assert at.toggle(key="straits").value is True
    assert at.selectbox(key="feature_box").value == "shikotan"
    text = text_of(at)
    assert plain(at.subheader[0].value) == "Shikotan-tō (色丹島)"
    assert "色丹島" in text and "Шикотан" in text  # both scripts in the panel
    assert "held by Japan" in text
    assert metric(at, "Population affected") == "3,330"
    assert dict(at.query_params) == {
        "feature": "shikotan", "scenario": "joint-1956", "names": "ja", "straits": "1"}


def test_names_convention_changes_headings():
    at = app(feature="etorofu")
    assert plain(at.subheader[0].value) == "Etorofu-tō / Iturup (択捉島 / Итуруп)"
    at.radio(key="names").set_value("ru").run()
    assert plain(at.subheader[0].value) == "Iturup (Итуруп)"
    assert at.query_params["names"] == "ru"


def test_selecting_a_feature_updates_url_and_panel():
    at = app()
    at.selectbox(key="feature_box").select("catherine-strait").run()
    no_problem(at)
    assert at.query_params["feature"] == "catherine-strait"
    text = text_of(at)
    assert "Catherine Strait" in text and "22.2 km" in text


def test_habomai_card_shows_the_computed_and_the_official_distance():
    """The computed distance from Cape Nosappu and, beside it, the official one (to
    Kaigara, which the outlines lack), with its source and why the two differ."""
    at = app(feature="habomai")
    no_problem(at)
    text = text_of(at)
    assert "**Distance from Cape Nosappu:** 7.4 km computed; 3.7 km official, to Kaigara" in text
    assert ("- Official distance from Cape Nosappu, to Kaigara: 3.7 km (Kaigara, the rock "
            "nearest the cape, is missing from the OpenStreetMap-derived outlines; the computed "
            "distance is to Suisho). Source: 北方領土の位置・面積・人口") in text
    at = app(feature="kunashiri")  # its official figure is from elsewhere: none is shown
    no_problem(at)
    assert "km computed" in text_of(at) and "km official" not in text_of(at)


def test_quote_groups_are_drawn_when_opened_and_stay_open():
    """A card's quotes are grouped by side in expanders drawn only while open (a click
    then redraws less). (That an open group stays open on the next feature is a
    browser test: AppTest does not keep an expander's state.)"""
    at = app(feature="shikotan")
    no_problem(at)
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Japanese government (") for label in labels)
    assert any(label.startswith("Russian or Soviet government (") for label in labels)
    groups = [e for e in at.expander if e.label != "The map as text"]
    assert not any(e.markdown for e in groups)  # closed: no quote sent yet
    at.session_state["quotes_russia"] = True  # what opening the group does
    at.run()
    no_problem(at)
    russia = next(e for e in at.expander if e.label.startswith("Russian or Soviet government ("))
    quotes = "\n".join(m.value for m in russia.markdown)
    assert "“" in quotes and "Source:" in quotes
    japan = next(e for e in at.expander if e.label.startswith("Japanese government ("))
    assert not japan.markdown  # still closed


def test_bad_query_values_give_a_notice():
    at = app(feature="<script>alert(1)</script>", scenario="mars", names="klingon",
             straits="maybe")
    no_problem(at)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 4
    joined = "\n".join(warnings)
    assert "\\<script\\>" in joined and "<script>" not in joined.replace("\\<script\\>", "")
    assert "mars" in joined and "klingon" in joined and "maybe" in joined
    assert at.selectbox(key="scenario").value == "today"
    assert at.radio(key="names").value == "both"
    assert at.selectbox(key="feature_box").value is None
    at.button(key="dismiss_notices").click().run()
    assert not at.warning


def test_sources_page_opens_the_linked_source():
    at = app(source="rt-2023")
    at.switch_page("pages/sources.py").run()
    no_problem(at)
    assert at.selectbox(key="source_box").value == "rt-2023"
    expanded = [e for e in at.expander if e.proto.expanded]
    assert len(expanded) == 1 and "RT" in expanded[0].label
    assert "Maxim Hvatkov" in text_of(at)


def test_about_page_has_provenance_and_neutrality():
    at = app()
    at.switch_page("pages/about.py").run()
    text = text_of(at)
    for needle in ("© OpenStreetMap contributors", "Open Data Commons Open Database License",
                   "takes no side", "Computed areas against the official survey",
                   "Simplification for display"):
        assert needle in text, needle


def test_data_error_is_shown_not_raised(monkeypatch):
    import geo.views.present

    def broken():
        raise DataError("data/scenarios.yaml", "bad holder", item="today",
                        field="islands.etorofu.holder")
    monkeypatch.setattr(geo.views.present, "default_scenarios", broken)
    at = app()
    assert not at.exception
    errors = plain(" ".join(e.value for e in at.error))
    assert "data/scenarios.yaml, id 'today', field 'islands.etorofu.holder': bad holder" in errors
    at.switch_page("pages/sources.py").run()  # the rest of the app still works
    assert not at.exception and "Sources" in text_of(at)


# --- the pure parts behind the page -------------------------------------------------------

def test_parse_and_write_query():
    valid = Valid.of(["shikotan"], ["today", "joint-1956"], ["rt-2023"])
    state, notes = parse_query({"feature": "shikotan", "straits": "true", "embed": "true",
                                "zoom": "9"}, valid)
    assert state == UIState(feature="shikotan", overlays={"straits"})
    assert [n.key for n in notes] == ["zoom"]
    assert to_query(state) == {"feature": "shikotan", "straits": "1"}
    assert to_query(UIState()) == {}
    state, notes = parse_query({"sea": "1", "security": "yes"}, valid)
    assert state == UIState(overlays={"sea", "security"}) and not notes
    assert to_query(state) == {"sea": "1", "security": "1"}
    state, notes = parse_query({"sea": "maybe"}, valid)
    assert not state.shows("sea") and [n.key for n in notes] == ["sea"]
    state, _ = parse_query({"scenario": ["today", "joint-1956"]}, valid)
    assert state.scenario == "joint-1956"


def test_clicked_feature():
    assert clicked_feature({"last_active_drawing": {"properties": {"id": "etorofu"}}}) == "etorofu"
    for bad in (None, {}, {"last_active_drawing": None}, {"last_active_drawing": {"x": 1}},
                {"last_active_drawing": {"properties": {"id": 3}}}):
        assert clicked_feature(bad) is None
    # a click on the sea: the map sends a feature whose id is null; it clears the selection
    sea = {"last_active_drawing": {"properties": {"id": None}}}
    assert clicked_feature(sea) == NO_FEATURE == "" and clicked_feature(sea) is not None


def test_the_sidebar_shows_only_what_acts_on_the_page():
    """Map: names, scenario, every overlay; Timeline: the names only; Compare: the names
    and the two overlays its maps draw; About: none of them (the state is kept). The
    language switch is on every page."""
    at = app(scenario="joint-1956", straits="1")
    no_problem(at)
    assert at.sidebar.selectbox(key="scenario").value == "joint-1956"
    assert len(at.sidebar.toggle) == 5 and at.sidebar.radio(key="names")
    at.switch_page("pages/timeline.py").run()
    assert not at.sidebar.selectbox and not at.sidebar.toggle
    assert [r.key for r in at.sidebar.radio] == ["lang", "names"]
    at.switch_page("pages/compare.py").run()
    assert [t.key for t in at.sidebar.toggle] == ["straits", "okhotsk"]
    at.switch_page("pages/about.py").run()
    assert [r.key for r in at.sidebar.radio] == ["lang"]
    assert not at.sidebar.selectbox and not at.sidebar.toggle
    at.switch_page("pages/map.py").run()  # back on the map: the scenario was kept
    no_problem(at)
    assert at.sidebar.selectbox(key="scenario").value == "joint-1956"
    assert at.sidebar.toggle(key="straits").value is True


def test_md_escape():
    assert md_escape("**bold** <b>x</b> $x$ :smile:") == (
        "\\*\\*bold\\*\\* \\<b\\>x\\<\\/b\\> \\$x\\$ \\:smile\\:")


# --- history: the Timeline page and the historical scenarios ---------------------------------

def timeline(**query) -> AppTest:
    at = app(**query)
    return at.switch_page("pages/timeline.py").run()


def test_timeline_page_renders_events_with_sources():
    at = timeline()
    no_problem(at)
    assert not at.warning
    text = text_of(at)
    assert "Timeline" in text and "Treaty of Shimoda" in text and "Treaty of Portsmouth" in text
    assert "Undivided, no border: South Sakhalin" in text  # the first date: 1855
    assert "[Source: " in " ".join(m.value for m in at.markdown)  # quotes link to Sources
    assert "Ministry of Foreign Affairs of Japan" in text  # a reference's publisher
    assert at.select_slider(key="date_box").value == "1855-02-07"


def test_timeline_deep_link_and_choosing_1905():
    at = timeline(date="1945-09-03")
    no_problem(at)
    assert not at.warning
    assert at.select_slider(key="date_box").value == "1945-09-03"
    assert "Held by Russia: Etorofu/Iturup" in text_of(at)
    at.select_slider(key="date_box").set_value("1905-09-05").run()
    no_problem(at)
    text = text_of(at)
    assert "Who held what on 1905-09-05" in text
    assert "Held by Japan: Etorofu/Iturup, Kunashiri/Kunashir, Shikotan, the Habomai, Urup, " \
           "the northern and middle Kurils (Shumshu to Chirpoy and Brat Chirpoyev), South Sakhalin (south of 50°N)" in text
    assert "Held by Russia: North Sakhalin (north of 50°N)" in text
    assert at.query_params["date"] == "1905-09-05"


def test_timeline_bad_date_gives_an_escaped_notice():
    at = timeline(date="<b>1905-13-45</b>")
    no_problem(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "Ignored date=" in plain(warnings) and "\\<b\\>" in warnings
    assert "<b>" not in warnings.replace("\\<b\\>", "")
    assert at.select_slider(key="date_box").value == "1855-02-07"


def test_map_page_historical_scenario():
    at = app(scenario="hist-1905")
    no_problem(at)
    assert not at.warning
    assert at.selectbox(key="scenario").value == "hist-1905"
    text = text_of(at)
    assert "1905 Treaty of Portsmouth" in text and "50th parallel" in text
    assert "| South Sakhalin (south of 50°N) | Japan |" in text
    assert metric(at, "Held by Japan").endswith("km²") and metric(at, "Undivided (no border)") == "0 km²"
    assert "Defining events" in text and "Treaty of Portsmouth" in text
    assert at.query_params["scenario"] == "hist-1905"
    at.selectbox(key="scenario").select("hist-1855").run()
    no_problem(at)
    assert metric(at, "Undivided (no border)") != "0 km²"
    at.selectbox(key="scenario").select("joint-1956").run()  # back to the present
    no_problem(at)
    assert metric(at, "Population affected") == "3,330"


def test_historical_scenario_island_card():
    at = app(scenario="hist-1875", feature="urup")
    no_problem(at)
    assert "1875 Treaty of Saint Petersburg: held by Japan" in text_of(at)


def test_overlay_toggles_restore_from_url_and_sea_figures():
    at = app(sea="1", security="1", scenario="joint-1956", feature="shikotan")
    no_problem(at)
    assert at.toggle(key="sea").value and at.toggle(key="security").value
    text = text_of(at)
    assert ("An illustration of the equidistance method, not a legal boundary: no baselines, "
            "no agreed lines, no weighting of small islands.") in [w.value for w in at.warning]
    assert "Region used: 139–156°E, 40–50°N" in text
    jpn = next(m for m in at.metric if m.label == "Sea within 200 nm: Japan")
    rus = next(m for m in at.metric if m.label == "Sea within 200 nm: Russia")
    assert jpn.value.endswith("km²") and jpn.delta.startswith("+")
    assert rus.delta.startswith("-") and rus.delta.endswith("km² vs today")
    assert "Nearest US base in Japan:** Misawa Air Base" in text
    assert "(geodesic, coast to base)" in text
    assert dict(at.query_params) == {"sea": "1", "security": "1", "scenario": "joint-1956",
                                     "feature": "shikotan"}
    at.toggle(key="sea").set_value(False).run()
    assert "sea" not in at.query_params
    assert not any(m.label.startswith("Sea within") for m in at.metric)


def test_sea_division_not_shown_for_historical_views():
    at = app(sea="1", scenario="hist-1905")
    no_problem(at)
    assert any("not shown for historical views" in i.value for i in at.info)
    assert not any(m.label.startswith("Sea within") for m in at.metric)


FIGURES = ["Figure as PNG, 300 dpi", "Figure as SVG", "Figure as PDF"]  # tests/test_figure.py


def test_download_buttons_and_their_data():
    from geo.export import annotations_csv, scenario_geojson
    at = app(scenario="four-islands")
    no_problem(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Scenario as GeoJSON", "Annotations as CSV (all)", *FIGURES]
    at = app(feature="shikotan")
    assert sorted(b.proto.label for b in at.get("download_button")) == sorted(
        ["Annotations as CSV (all)", "Scenario as GeoJSON", "This feature's quotes as CSV",
         *FIGURES])
    data = json.loads(scenario_geojson("four-islands"))
    assert data["scenario"] == "four-islands" and data["features"]
    assert annotations_csv("shikotan").count("\r\n") < annotations_csv().count("\r\n")
    at = app(scenario="hist-1875")  # no GeoJSON for a historical view: said so
    assert [b.proto.label for b in at.get("download_button")] == ["Annotations as CSV (all)",
                                                                  *FIGURES]
    assert "available for today's three scenarios" in text_of(at)


def test_about_page_mentions_the_standalone_atlas():
    at = app()
    at.switch_page("pages/about.py").run()
    assert "python -m geo.export atlas atlas.html" in text_of(at)


def test_about_page_shows_every_method_note():
    """The method essays moved out of the docstrings (docs/method/) are on the About
    page, one expander each, titled by the note's heading."""
    from ui.data import METHOD_DIR
    at = app()
    at.switch_page("pages/about.py").run()
    titles = [p.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
              for p in sorted(METHOD_DIR.glob("*.md")) if p.name != "README.md"]
    labels = [e.label for e in at.expander]
    assert len(titles) >= 2 and all(t in labels for t in titles), (titles, labels)
    text = text_of(at)
    assert "feature_group_to_add" in text  # from docs/method/map.md


def test_compare_page_renders_with_defaults():
    at = app()
    at.switch_page("pages/compare.py").run()
    no_problem(at)
    assert not at.warning
    assert at.selectbox(key="cmp_a").value == "today"
    assert at.selectbox(key="cmp_b").value == "joint-1956"
    text = text_of(at)
    assert "| Shikotan | Russia | Japan | **changes hands** |" in text
    assert "| Etorofu/Iturup | Russia | Russia | — |" in text
    assert "3,330" in text and "Nemuro Strait" in text
    assert dict(at.query_params) == {"a": "today", "b": "joint-1956"}


def test_compare_page_restores_pair_from_url():
    at = app(a="hist-1905", b="four-islands")
    at.switch_page("pages/compare.py").run()
    no_problem(at)
    assert at.selectbox(key="cmp_a").value == "hist-1905"
    assert at.selectbox(key="cmp_b").value == "four-islands"
    text = text_of(at)
    assert "South Sakhalin (south of 50°N) | Japan | Russia | **changes hands**" in text
    assert "n/a (historical)" in text
    at.selectbox(key="cmp_b").select("hist-1945").run()
    no_problem(at)
    assert at.query_params["b"] == "hist-1945"


def test_compare_page_bad_value_gives_an_escaped_notice():
    at = app(a="<script>x</script>", b="joint-1956")
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    notes = [w.value for w in at.warning]
    assert any(plain(n).startswith("Ignored a=<script>x</script>") for n in notes)
    assert not any("<script>" in n for n in notes)  # escaped
    assert at.selectbox(key="cmp_a").value == "today"


def test_okhotsk_toggle_shows_the_gates_table():
    at = app(okhotsk="1", scenario="four-islands")
    no_problem(at)
    assert at.toggle(key="okhotsk").value is True
    text = text_of(at)
    assert "The Sea of Okhotsk and its gates" in text
    assert "3 of the 17 passages to the Pacific have a Japanese shore" in text
    today = text_of(app(okhotsk="1"))
    assert "1 of the 17 passages to the Pacific has a Japanese shore" in today  # grammar
    assert "| Vries Strait | 40.0 km | Etorofu: Japan · Urup: Russia | **yes** |" in text
    assert "(to the Sea of Japan)" in text
    assert at.query_params["okhotsk"] == "1"
    at.toggle(key="okhotsk").set_value(False).run()
    assert "okhotsk" not in at.query_params
    assert "The Sea of Okhotsk and its gates" not in text_of(at)


def test_parse_and_write_compare_and_okhotsk_query():
    valid = Valid.of(scenarios=["today", "joint-1956", "hist-1855"])
    state, notes = parse_query({"a": "hist-1855", "b": "nope", "okhotsk": "1"}, valid)
    assert (state.a, state.b, state.shows("okhotsk")) == ("hist-1855", None, True)
    assert [n.key for n in notes] == ["b"]
    assert to_query(state.with_(b="today"), ["a", "b", "okhotsk"]) == {
        "a": "hist-1855", "b": "today", "okhotsk": "1"}
    assert to_query(state, ["scenario"]) == {}
