"""No data text is ever run as a template (issue 10, defence in depth).

folium and branca render the map through Jinja, and branca compiles each element's
rendered script as a new template when a full page is rendered: a name such as
``{{ cycler.__init__.__globals__.os.popen('id').read() }}`` that reached that second
pass ran a command (the atlas export did, through a layer's feature id). Here every
free-text field of every data file (names, notes, titles, descriptions, summaries,
quotes, speakers, sources, references, the provenance's texts) holds a template
payload, and every output is produced from that data: the map as st_folium sends it
and as a full page, the Compare pair, the exported atlas, the GeoJSON and CSV exports,
the command lines and every page of the app (AppTest). The payload would print
"tplran4011" and create a file if it were ever evaluated; neither may happen, and the
payload must show up literally (escaped for its context). Ids cannot hold a payload
(they must match the id pattern), so one test lets a payload id past validation and
checks that the outputs still never evaluate it.

A control test renders the payload through branca's own path and sees it run, so the
check itself can fail.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

import geo
from geo.data.loading import dump_yaml
from geo.safe import html_text, script_json

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
EVALUATED = "tplran4011"  # what the payload's first expression would print

# Free-text fields, by key, in every data file (ids, dates, enumerations and
# references between records are not free text: the schema checks them exactly).
FREE_TEXT = {"title", "short_title", "description", "summary", "boundary", "note", "publisher",
             "url", "romaji", "translit", "script", "en", "aliases", "admin_unit",
             "claim_unit", "speaker", "speaker_role", "author", "outlet", "date_note",
             "method", "known_limits", "how", "rule", "label", "affiliation", "name", "text"}
JA_MARK, RU_MARK = " 島", " Ж"  # the gazetteer wants kana/kanji and Cyrillic in script names


def payload(marker: Path) -> str:
    return ("tpl{{ 'tplran' ~ 1337*3 }}{% if 1 %}if-ran{% endif %}{# c #}"
            f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}")


def _fill(node, text: str, key: str | None = None, path: tuple = ()):
    """``node`` with every free-text string replaced by ``text`` (in place for lists and
    mappings); returns the new node."""
    if isinstance(node, dict):
        for k in list(node):
            node[k] = _fill(node[k], text, k, (*path, k))
        return node
    if isinstance(node, list):
        return [_fill(x, text, key, path) for x in node]
    if isinstance(node, str) and key in FREE_TEXT:
        if key == "script":
            return text + (JA_MARK if "ja" in path else RU_MARK)
        return text
    return node


def make_payload_data(root: Path, text: str) -> tuple[Path, Path]:
    """A copy of data/ and of the documents with ``text`` in every free-text field and
    in every quote (each quote made unique and added to its document)."""
    data, docs = root / "data", root / "documents"
    shutil.copytree(geo.data_dir(), data)
    shutil.copytree(geo.sources_dir(), docs)
    for p in docs.iterdir():
        p.chmod(0o644)
    for name in ("gazetteer.yaml", "scenarios.yaml", "events.yaml", "places.yaml",
                 "sources.yaml", "provenance.yaml", "attribution.yaml", "viewpoints.yaml"):
        path = data / name
        raw = _fill(yaml.safe_load(path.read_text(encoding="utf-8")), text)
        if name == "sources.yaml":  # what the text is: free text there (a kind elsewhere)
            for src in raw:
                src["kind"] = text
        if name == "attribution.yaml":  # every quote's speaker is the payload (below)
            raw["speakers"] = {text: {"parties": ["japan", "russia", "united-states", "joint",
                                                  "commentator"],
                                      "affiliation": text, "refs": [next(iter(raw["references"]))]}}
        path.write_text(dump_yaml(raw, width=10**6), encoding="utf-8")
    anns = yaml.safe_load((data / "annotations.yaml").read_text(encoding="utf-8"))
    sources = {s["id"]: s["file"] for s in
               yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))}
    added: dict[str, list[str]] = {}
    for i, a in enumerate(anns):
        a["quote"] = f"{text} q{i}"
        a["speaker"] = a["speaker_role"] = text
        if "note" in a:
            a["note"]["text"] = text
        added.setdefault(sources[a["source"]], []).append(a["quote"])
    (data / "annotations.yaml").write_text(dump_yaml(anns, width=10**6), encoding="utf-8")
    for file, quotes in added.items():
        with open(docs / file, "a", encoding="utf-8") as fh:
            fh.write("\n" + "\n".join(quotes) + "\n")
    return data, docs


@pytest.fixture(scope="module")
def marker(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tpl") / "ran"


@pytest.fixture(scope="module")
def payload_data(tmp_path_factory, marker):
    root = tmp_path_factory.mktemp("payload-data")
    data, docs = make_payload_data(root, payload(marker))
    old = {k: os.environ.get(k) for k in ("NT_DATA_DIR", "NT_SOURCES_DIR")}
    os.environ["NT_DATA_DIR"], os.environ["NT_SOURCES_DIR"] = str(data), str(docs)
    st.cache_resource.clear()
    yield data, docs
    st.cache_resource.clear()
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def literal_forms(text: str) -> list[str]:
    """The payload as an output may legitimately carry it: as written or HTML-escaped,
    each as it is, in JSON or in script-safe JSON (HTML of a tooltip inside the data of
    a script)."""
    forms = [text, html_text(text), html.escape(text)]
    return forms + [f(x) for x in forms for f in (
        lambda t: json.dumps(t)[1:-1], lambda t: json.dumps(t, ensure_ascii=False)[1:-1],
        lambda t: script_json(t)[1:-1])]


def assert_inert(output: str, what: str, marker: Path, text: str | None = None) -> None:
    assert EVALUATED not in output, f"{what}: a template was evaluated"
    assert not marker.exists(), f"{what}: the payload ran a command"
    if text is not None:
        assert any(f in output for f in literal_forms(text)), f"{what}: payload not shown"


# --- the control: the check sees an evaluation -----------------------------------------------

def test_the_check_fails_when_a_template_is_evaluated(tmp_path):
    """branca compiles a script element's text as a template: the payload runs there.
    This is what the outputs below must never do with data."""
    import folium
    from branca.element import Element

    mark = tmp_path / "ran"
    m = folium.Map(tiles=None)
    m.get_root().script.add_child(Element(payload(mark)))
    out = m.get_root().render()
    with pytest.raises(AssertionError, match="evaluated|ran a command"):
        assert_inert(out, "branca", mark)
    assert mark.exists() and EVALUATED in out


# --- every output over the payload data -------------------------------------------------------

def test_data_with_payloads_loads(payload_data, marker):
    """The payloads are valid free text: every loader accepts the data (so every output
    below really carries them)."""
    from geo.data.corpus import default_corpus
    from geo.data.events import default_timeline
    from geo.data.layers import load_atlas
    from geo.data.provenance import load_provenance
    from geo.views.present import default_scenarios
    from geo.data.places import default_places

    text = payload(marker)
    atlas = load_atlas()
    assert set(atlas.gaz.get("etorofu").names.en) == {text}
    assert default_corpus().annotations[0].quote.startswith(text)
    assert default_scenarios().baseline.description == text
    assert default_timeline().events[0].summary == text
    assert default_places().items[0].note == text
    assert load_provenance().known_limits[0] == text
    assert not marker.exists()


def _render_map(m, groups) -> str:
    import streamlit_folium as sf

    m.get_root().render()
    parts = [sf._get_html(m), sf._get_header(m), sf._get_map_string(m)]
    parts += [sf._get_feature_group_string(g, m, i) for i, g in enumerate(groups)]
    return "\n".join(parts)


def test_map_layers_as_st_folium_sends_them_and_as_a_full_page(payload_data, marker):
    from geo import map as mv
    from geo.views.historical import with_historical
    from geo.data.layers import load_atlas
    from geo.views.present import default_scenarios

    atlas = load_atlas()
    views = with_historical(default_scenarios())
    for sid in ("today", "joint-1956", "four-islands", "hist-1905"):
        for names in ("ja", "ru", "both"):
            state = mv.MapState.of(scenario=views.get(sid), names=names, selected="etorofu",
                                straits=True, sea=True, okhotsk=True, security=True)
            groups = mv.feature_groups(state, atlas)
            out = _render_map(mv.base_map(atlas), groups)
            assert_inert(out, f"map {sid}/{names}", marker, payload(marker))
            m = mv.base_map(atlas)  # the full page: branca's Figure.render, the second pass
            for g in mv.feature_groups(state, atlas):
                g.add_to(m)
            assert_inert(m.get_root().render(), f"page {sid}/{names}", marker,
                         payload(marker))
            legend = mv.legend_html(mv.legend(state.scenario, atlas, {"straits", "sea", "security"}))
            # (a historical legend names the holder keys, not the gazetteer's features)
            assert_inert(legend, f"legend {sid}", marker,
                         None if sid.startswith("hist-") else payload(marker))


def test_compare_pair(payload_data, marker):
    from geo.map import dualmap
    from geo import map as mv
    from geo.data.layers import load_atlas
    from geo.views.present import default_scenarios

    atlas, sc = load_atlas(), default_scenarios()
    states = [mv.MapState.of(scenario=sc.get(s), straits=True, okhotsk=True)
              for s in ("today", "four-islands")]
    pair = dualmap.synced_maps(atlas)
    out = _render_map(pair, dualmap.feature_groups(*states, atlas))
    assert_inert(out, "compare pair", marker, payload(marker))


def test_exports_and_command_lines(payload_data, marker, tmp_path):
    from geo.export import annotations_csv, atlas_html, scenario_geojson

    text = payload(marker)
    assert_inert(atlas_html(), "atlas", marker, text)
    for sid in ("today", "joint-1956", "four-islands"):
        out = scenario_geojson(sid)
        json.loads(out)
        assert_inert(out, f"geojson {sid}", marker, text)
    assert_inert(annotations_csv(), "csv", marker, text)
    assert_inert(annotations_csv("etorofu"), "csv etorofu", marker, text)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in (["geo.export", "atlas", str(tmp_path / "a.html")],
                 ["geo.export", "geojson", "today", str(tmp_path / "t.geojson")],
                 ["geo.export", "csv", str(tmp_path / "a.csv")],
                 ["geo.annotations", "show", "etorofu"],
                 ["geo.annotations", "check"]):
        r = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env,
                           capture_output=True, timeout=600)
        assert r.returncode == 0, r.stderr.decode("utf-8", "replace")[-2000:]
        assert_inert(r.stdout.decode("utf-8"), " ".join(args), marker)
    for f in ("a.html", "t.geojson", "a.csv"):
        assert_inert((tmp_path / f).read_text(encoding="utf-8"), f, marker, text)
    shown = subprocess.run([sys.executable, "-m", "geo.annotations", "show", "etorofu"],
                           cwd=ROOT, env=env, capture_output=True, timeout=600)
    assert_inert(shown.stdout.decode("utf-8"), "show", marker, text)


def _page_text(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "error", "warning",
                 "info", "metric", "expander", "selectbox", "radio", "button", "table",
                 "dataframe"):
        for el in getattr(at, kind, []):
            parts.append(str(getattr(el, "value", "")) + str(getattr(el, "label", "")))
            parts += [str(o) for o in getattr(el, "options", []) or []]
    return "\n".join(parts)


@pytest.mark.parametrize("page, query", [
    ("pages/map.py", {"feature": "etorofu", "straits": "1", "sea": "1", "okhotsk": "1",
                      "security": "1"}),
    ("pages/map.py", {"feature": "shikotan", "scenario": "hist-1905", "okhotsk": "1"}),
    ("pages/compare.py", {"a": "today", "b": "hist-1875"}),
    ("pages/timeline.py", {"date": "1905-09-05"}),
    ("pages/sources.py", {}),
    ("pages/about.py", {}),
])
def test_every_page(payload_data, marker, page, query):
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page != "pages/map.py":
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    text = _page_text(at)
    assert_inert(text, page, marker)
    shown = re.sub(r"\\(.)", r"\1", text)  # md_escape's backslashes
    assert "tpl{{ 'tplran' ~ 1337*3 }}" in shown, page


def test_an_id_that_got_past_validation_still_never_runs(tmp_path, monkeypatch):
    """The reproduction of issue 10: a context land feature whose id is a payload. The
    layer loader refuses it (test_bad_data2); with that check switched off, the atlas
    export and the map data carry it as inert text."""
    import geo.data.geojson
    from geo import map as mv
    from geo.export import atlas_html
    from geo.data.layers import load_atlas

    mark = tmp_path / "ran"
    bad = f"land-chn{{{{ 'tplran' ~ 1337*3 }}}}{{{{ cycler.__init__.__globals__.os.popen(" \
          f"'touch {mark}').read() }}}}"
    data = tmp_path / "data"
    shutil.copytree(geo.data_dir(), data)
    path = data / "layers" / "land.display.geojson"
    fc = json.loads(path.read_text(encoding="utf-8"))
    ctx = next(f for f in fc["features"] if f["properties"]["kind"] == "context")
    ctx["id"] = ctx["properties"]["id"] = bad
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("NT_DATA_DIR", str(data))
    monkeypatch.setattr(geo.data.geojson, "is_stable_id", lambda v: True)
    atlas = load_atlas()
    assert bad in atlas.display.geoms
    assert_inert(atlas_html(atlas), "atlas", mark, bad)
    assert_inert(mv.map_data(atlas).decode("utf-8"), "map data", mark)


def test_payload_atlas_in_chromium(payload_data, marker, tmp_path, browser):
    """The exported atlas over the payload data, opened from disk in Chromium: no script
    runs, nothing is fetched, and every label, tooltip, view, card and quote text shows
    the payload as written."""
    from test_hostile import Watch, visible

    from geo import map as mapview
    from geo.export import atlas_html
    from geo.data.layers import load_atlas
    from geo.views.catalog import available_views

    text = payload(marker)
    out = tmp_path / "atlas.html"
    out.write_text(atlas_html(), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = ctx.new_page()
        watch = Watch(page, local_file=True)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        page.locator(".nt-label-etorofu").wait_for(state="attached", timeout=20_000)
        label = visible(page.locator(".nt-label-etorofu").text_content())
        main, second = mapview.name_lines(load_atlas().gaz.get("etorofu"), "both")
        assert label == visible(main + second) and text in label, label
        switch = [visible(o) for o in page.locator("#nt-view-select option").all_inner_texts()]
        assert switch == [visible(v.short_title) for v in available_views().views.items]
        assert switch.count(text) >= 3  # the present-day scenarios' short titles at least
        tips = page.evaluate("""() => {
          const out = [];
          map.eachLayer(l => { const t = l.getTooltip && l.getTooltip();
            if (t) { l.openTooltip(); out.push(t.getElement().textContent); l.closeTooltip(); } });
          return out;
        }""")
        assert tips and all(text in t for t in tips if "tpl" in t)
        assert sum(text in t for t in tips) >= 10
        assert text in visible(page.inner_text("#nt-view-h"))  # the view's title
        page.select_option("#nt-feature", "etorofu")
        page.evaluate("document.querySelectorAll('#nt-card details').forEach(d => d.open = true)")
        card = visible(page.inner_text("#nt-card"))
        assert card.count(text) >= 10  # names, notes, quotes, speakers, outlets, titles
        assert EVALUATED not in page.content()
        watch.check("payload atlas")
        assert errors == []
    finally:
        ctx.close()
    assert not marker.exists()
