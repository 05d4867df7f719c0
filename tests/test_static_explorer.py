"""The static explorer (python -m geo.export atlas): the app's cards, views and figures in
one page that needs no server; its size budget; and, in headless Chromium from file://,
a click or the list shows a feature's card, a view switch recolours the map and shows the
view's figures, the URL's hash keeps the state, nothing is requested, and the panel is
a labelled region that leaves the map in sight on a phone."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import file_page

from geo.analysis.cards import feature_card
from geo.cli.export import main
from geo.data.corpus import default_corpus
from geo.data.gazetteer import Feature
from geo.export import plain
from geo.export.atlas import ATLAS_JS, atlas_data
from geo.map.leaflet import PLACE
from geo.map.style import HOLDER_FILL, POINT_COLOUR, holder_style, island_style
from geo.map.text import heading, tooltip_html
from geo.panels.blocks import km2
from geo.views import historical as hv
from geo.views.catalog import available_views, view
from geo.views.present import consequences
from geo.views.viewpoints import is_point_of_view

GZIP_BUDGET = 1_500_000  # bytes, gzip -9 (the page is published on static hosts/CDNs)
WAIT = 20_000
SHOTS = Path("/tmp")


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    assert main(["atlas", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def data(atlas):
    return atlas_data(atlas)


# --- the page as built ----------------------------------------------------------------------

def test_the_page_keeps_its_size_budget(explorer):
    raw = explorer.read_bytes()
    packed = len(gzip.compress(raw, 9))
    assert packed <= GZIP_BUDGET, f"{packed:,} bytes gzip-compressed (budget {GZIP_BUDGET:,})"
    assert len(raw) > 5 * packed  # data and script, not an empty shell: it compresses well


def test_every_view_of_the_catalogue_with_its_computed_figures(data, atlas):
    """Each view's panel carries the figures the app computes for it (consequences for a
    present-day scenario, geo.views.historical.figures for the others)."""
    panels = {v["id"]: v for v in data["panel"]["views"]}
    views = available_views().views.items
    assert list(panels) == [v.id for v in views] and len(views) >= 10
    for v in views:
        metrics = {m["label"]: m["value"] for b in panels[v.id]["panel"] if b["kind"] == "metrics"
                   for m in b["items"]}
        if is_point_of_view(v):
            figs = hv.figures(v, atlas)
            assert metrics == {v.short_words(c): km2(figs.by_holder[c], 0)
                               for c in ("JPN", "RUS", "UND") if figs.by_holder.get(c)}, v.id
        elif hv.is_historical(v):
            figs = hv.figures(v, atlas)
            assert metrics["Held by Japan"] == km2(figs.by_holder["JPN"], 0), v.id
            assert metrics["Held by Russia"] == km2(figs.by_holder["RUS"], 0), v.id
        else:
            cons = consequences(v, atlas)
            assert metrics["Land held by Japan"] == km2(cons.land_km2["JPN"]), v.id
            assert metrics["Population affected"] == f"{cons.population_affected:,}", v.id
        assert panels[v.id]["title"] == v.title


def test_the_map_is_drawn_as_the_apps_map_draws_each_view(data, atlas):
    m, gaz = data["map"], atlas.gaz

    def slot(vid: str, name: str) -> dict:
        keys = [k for _, k in m["views"][vid]["both"]["order"]]
        found = [m["slots"][k] for k in keys if m["slots"][k]["name"] == name]
        assert len(found) == 1, (vid, name)
        return found[0]

    for v in available_views().views.items:
        islands = slot(v.id, "islands")["styles"]
        assert {"etorofu", "kunashiri", "shikotan", "suisho"} <= set(islands)
        for fid, style in islands.items():
            assert style == island_style(v, gaz, fid), (v.id, fid)
        if hv.is_historical(v):
            hist = slot(v.id, "history-land")["styles"]
            assert hist["sakhalin-south"] == holder_style(v.features["sakhalin-south"],
                                                          "sakhalin-south")
            lines = [s for _, k in m["views"][v.id]["both"]["order"]
                     if (s := m["slots"][k])["name"] == "treaty-lines"]
            assert sorted(lines[0]["ids"] if lines else []) == sorted(v.lines), v.id
    points = {p["id"]: p for p in slot("today", "security")["items"]}
    # the bases are filled dots, as the legend shows them (the atlas once drew them hollow)
    assert points["misawa"]["style"]["fillOpacity"] > 0.5
    assert points["misawa"]["style"]["fillColor"] == POINT_COLOUR["base"]


def test_every_quote_of_a_card_is_verbatim_and_attributed(data, atlas):
    corpus = default_corpus()
    quotes, cards = data["panel"]["quotes"], data["panel"]["cards"]["both"]
    assert cards["nemuro-strait"]["no_quotes"] and not cards["nemuro-strait"]["sides"]
    for fid in ("etorofu", "kunashiri", "shikotan", "habomai", "disputed-islands"):
        card = feature_card(fid, atlas, corpus)
        shown = [q["id"] for s in (*cards[fid]["sides"], *cards[fid]["group_sides"])
                 for t in s["topics"] for q in t["quotes"]]
        want = [e.id for e in (*card.all_annotations(), *card.all_group_annotations())]
        assert sorted(shown) == sorted(want) and shown, fid
        for aid in shown:
            a, q = corpus.by_id[aid], quotes[aid]
            assert q["quote"] == f"“{a.quote}”"  # verbatim, in its quote marks
            assert q["byline"].startswith(f"— {a.speaker}"), aid
            assert q["source_title"] == corpus.sources[a.source].title
            assert (q["note"] is None) == (a.note is None), aid
    assert data["panel"]["headings"]["ja"]["etorofu"] == heading(atlas.gaz.get("etorofu"), "ja")


def test_tooltips_and_labels_are_read_back_as_plain_text(atlas):
    f: Feature = atlas.gaz.get("etorofu")
    extra = "<b>x</b> & {{7*7}} 'q' \"d\""
    main_name, second = "Etorofu-tō / Iturup", "択捉島 / Итуруп"
    assert plain.tip_lines(tooltip_html(f, "both", extra)) == [[main_name, second], ["", extra]]
    assert plain.label_parts("<div>a &lt;i&gt;<span>b</span></div>") == ["a <i>", "b"]
    for bad in ("<i>x</i>", "<b>x</b><img src=y>", "x<br><script>"):
        with pytest.raises(ValueError, match="unexpected markup in a map tooltip"):
            plain.tip_lines(bad)
    for bad in ("<div>x</div><script>", "<div><b>x</b></div>", "x"):
        with pytest.raises(ValueError, match="unexpected markup in a map label"):
            plain.label_parts(bad)


def test_the_program_has_no_html_sink_nor_request():
    js = ATLAS_JS.read_text(encoding="utf-8") + PLACE.read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", js)  # the comments may name what the code never does
    for sink in ("innerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(",
                 "fetch(", "XMLHttpRequest", "import(", "setTimeout(\"", "srcdoc"):
        assert sink not in code, sink


# --- in the browser ------------------------------------------------------------------------

def _open(browser, explorer, hash_: str = "", width: int = 1600, height: int = 1000):
    """A page on the explorer (from file://) recording page errors and every request."""
    ctx, page = file_page(browser, {explorer.as_uri()}, width, height)
    page.goto(explorer.as_uri() + hash_)
    page.wait_for_selector("path.nt-f-etorofu", timeout=WAIT)
    return ctx, page


def _settled(page, fid: str) -> None:
    """Wait until the island's shape has stopped moving (the map's opening fit and its
    animations: a point computed mid-move is sea by the time the click lands)."""
    page.wait_for_function("""(fid) => {
      const r = document.querySelector('path.nt-f-' + fid).getBoundingClientRect();
      const now = [r.x, r.y, r.width, r.height].map(Math.round).join();
      const still = window.__ntLast === now && !document.querySelector(
        '.leaflet-zoom-anim, .leaflet-pan-anim');
      window.__ntLast = now;
      return still; }""", arg=fid, polling=250, timeout=WAIT)


def _click_inside(page, fid: str) -> None:
    """Click a point inside the island's drawn shape (its box's middle may be sea), once
    the map is still."""
    _settled(page, fid)
    at = page.evaluate("""(fid) => {
      const p = document.querySelector('path.nt-f-' + fid), b = p.getBBox(), svg = p.ownerSVGElement;
      const pt = svg.createSVGPoint();
      for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {
        pt.x = b.x + b.width * i / 40; pt.y = b.y + b.height * j / 40;
        if (p.isPointInFill(pt)) {
          const s = pt.matrixTransform(p.getScreenCTM());
          const hit = document.elementFromPoint(s.x, s.y);
          if (hit === p) return [s.x, s.y];
        }
      }
      return null; }""", fid)
    assert at, f"no point of {fid} to click"
    page.mouse.click(*at)


def _select_by_click(page, fid: str, tries: int = 3) -> None:
    """A click on the island, until the page says it is selected (its hash names it). On
    a busy machine a label placed after the map settled can still take the click: the
    click is tried again, on a fresh point, at most ``tries`` times."""
    for _ in range(tries):
        _click_inside(page, fid)
        try:
            page.wait_for_function("(fid) => location.hash.includes('feature=' + fid)",
                                   arg=fid, timeout=WAIT // tries)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"{tries} clicks on {fid} did not select it")


def _fill(page, fid: str) -> str:
    return page.get_attribute(f"path.nt-f-{fid}", "fill").upper()


def _card_text(page) -> str:
    page.evaluate("document.querySelectorAll('#nt-card details').forEach(d => d.open = true)")
    return page.inner_text("#nt-card")


def test_a_click_on_an_island_shows_its_card(browser, explorer, atlas):
    card = feature_card("kunashiri", atlas, default_corpus())
    ctx, page = _open(browser, explorer)
    try:
        _select_by_click(page, "kunashiri")
        page.wait_for_function("() => document.getElementById('nt-card-h').textContent"
                               ".includes('Kunashiri')", timeout=WAIT)
        assert page.inner_text("#nt-card-h") == heading(atlas.gaz.get("kunashiri"), "both")
        text = _card_text(page)
        for e in card.all_annotations():
            assert e.attribution in text and e.quote[:60] in text, e.id
        assert "Area (computed):" in text and "Russian: Кунашир (Kunashir)" in text
        assert "feature=kunashiri" in page.evaluate("location.hash")
        # a click on the sea clears the selection
        page.mouse.click(1100, 80)
        page.wait_for_function("() => !location.hash.includes('feature=')", timeout=WAIT)
        assert page.inner_text("#nt-card-h") == "No feature selected"
        assert page.errors == []
    finally:
        ctx.close()


def test_the_list_shows_the_same_card_as_a_click(browser, explorer, atlas):
    ctx, page = _open(browser, explorer)
    try:
        _select_by_click(page, "shikotan")
        clicked = _card_text(page)
        page.select_option("#nt-feature", "")
        assert page.inner_text("#nt-card-h") == "No feature selected"
        page.get_by_label("Island, strait or place", exact=True).select_option("shikotan")
        assert page.inner_text("#nt-card-h") == heading(atlas.gaz.get("shikotan"), "both")
        assert _card_text(page) == clicked
        assert page.locator("path.nt-selected-line").count() >= 1  # outlined on the map
        assert page.errors == []
    finally:
        ctx.close()


def test_a_view_switch_recolours_and_shows_its_figures(browser, explorer, atlas):
    joint, hist = view("joint-1956"), view("hist-1905")
    ctx, page = _open(browser, explorer)
    try:
        assert _fill(page, "shikotan") == HOLDER_FILL["RUS"]
        page.get_by_label("Scenario", exact=True).select_option("joint-1956")
        assert _fill(page, "shikotan") == HOLDER_FILL["JPN"]
        assert _fill(page, "etorofu") == HOLDER_FILL["RUS"]
        panel = page.inner_text("#nt-view")
        assert page.inner_text("#nt-view-h") == joint.title
        cons = consequences(joint, atlas)
        assert km2(cons.land_km2["JPN"]) in panel and f"{cons.share_changing:.1%}" in panel
        assert cons.residents_text(atlas.gaz) in panel
        page.get_by_label("Scenario", exact=True).select_option("hist-1905")
        assert _fill(page, "sakhalin-south") == HOLDER_FILL["JPN"]
        assert _fill(page, "sakhalin-north") == HOLDER_FILL["RUS"]
        assert page.locator("path.nt-treaty-portsmouth-1905").count() == 1
        figs = hv.figures(hist, atlas)
        panel = page.inner_text("#nt-view")
        assert km2(figs.by_holder["JPN"], 0) in panel and "Defining events" in panel
        # the card says the view's status too
        page.get_by_label("Island, strait or place", exact=True).select_option("kunashiri")
        assert "In this scenario: 1905 Treaty of Portsmouth: held by Japan" in _card_text(page)
        assert page.errors == []
    finally:
        ctx.close()


def test_the_names_convention_switches_labels_cards_and_list(browser, explorer, atlas):
    f = atlas.gaz.get("etorofu")
    ctx, page = _open(browser, explorer, "#feature=etorofu")
    try:
        page.get_by_label("Russian names").check()
        assert page.inner_text("#nt-card-h") == heading(f, "ru")
        label = page.locator(".nt-label-etorofu").text_content()
        assert label.startswith("Iturup") and "Etorofu" not in label
        assert page.locator("#nt-feature option:checked").inner_text() == heading(f, "ru")
        assert "names=ru" in page.evaluate("location.hash")
    finally:
        ctx.close()


def test_the_hash_keeps_and_restores_the_state(browser, explorer, atlas):
    ctx, page = _open(browser, explorer, "#scenario=hist-1875&feature=urup&names=ja&straits=0")
    try:
        assert page.inner_text("#nt-card-h") == heading(atlas.gaz.get("urup"), "ja")
        assert page.input_value("#nt-view-select") == "hist-1875"
        assert page.inner_text("#nt-view-h") == view("hist-1875").title
        assert page.get_by_label("Japanese names").is_checked()
        assert not page.get_by_label("Straits and their widths", exact=True).is_checked()
        assert page.locator(".nt-label.nt-strait").count() == 0
        assert _fill(page, "urup") == HOLDER_FILL["JPN"]
        page.get_by_label("Scenario", exact=True).select_option("four-islands")
        page.get_by_label("Island, strait or place", exact=True).select_option("habomai")
        page.get_by_label("Straits and their widths", exact=True).check()
        page.reload()
        page.wait_for_selector("path.nt-f-etorofu", timeout=WAIT)
        assert page.evaluate("location.hash") == "#scenario=four-islands&feature=habomai&names=ja"
        assert page.inner_text("#nt-card-h") == heading(atlas.gaz.get("habomai"), "ja")
        assert page.input_value("#nt-view-select") == "four-islands"
        assert page.locator(".nt-label.nt-strait").count() > 0
        assert page.errors == []
    finally:
        ctx.close()


def test_values_the_hash_cannot_name_are_ignored(browser, explorer):
    bad = ("#scenario=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&feature=__proto__&names=xx"
           "&straits=maybe&labels=&constructor=1&%E0%A4%A=1&security=0")
    ctx, page = _open(browser, explorer, bad)
    try:
        assert page.input_value("#nt-view-select") == "today"
        assert page.inner_text("#nt-card-h") == "No feature selected"
        assert page.get_by_label("Both", exact=True).is_checked()
        assert page.get_by_label("Straits and their widths", exact=True).is_checked()
        assert not page.get_by_label("US bases, fleet and incidents", exact=True).is_checked()  # valid
        assert page.locator("img").count() == 0 and page.errors == []
    finally:
        ctx.close()


def test_nothing_leaves_the_page(browser, explorer):
    ctx, page = _open(browser, explorer)
    try:
        _select_by_click(page, "etorofu")
        for vid in ("joint-1956", "hist-1855", "pov-japan-maps", "today"):
            page.get_by_label("Scenario", exact=True).select_option(vid)
        page.get_by_label("Japanese names").check()
        # a base's tooltip (the first base may lie outside the view: no pointer needed)
        page.dispatch_event("path.nt-point-base >> nth=0", "mouseover")
        page.wait_for_selector(".leaflet-tooltip", timeout=WAIT)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.wait_for_timeout(300)
        assert page.locator("#nt-card a[href]").count() > 0  # references are links...
        assert [u for u in page.requests if u.split("#")[0] != explorer.as_uri()] == []
        assert page.errors == []  # ...that nothing follows
    finally:
        ctx.close()


def test_drawn_points_match_their_legend(browser, explorer):
    """Bases and the fleet filled, approximate incidents hollow and dashed: as the legend
    shows them, and as the app's map draws them (geo.map.style.point_style)."""
    ctx, page = _open(browser, explorer)
    try:
        points = page.evaluate("""() => [...document.querySelectorAll('path.nt-point')].map(p =>
          [p.getAttribute('class'), p.getAttribute('fill'), +p.getAttribute('fill-opacity'),
           p.getAttribute('stroke-dasharray')])""")
        assert points
        for cls, fill, opacity, dash in points:
            if "nt-site" in cls:
                assert fill != "none" and opacity > 0.5 and not dash, cls
            else:
                assert opacity == 0 and dash, cls
        rows = page.evaluate("""() => [...document.querySelectorAll('.nt-legend-row')].map(r =>
          [r.textContent, getComputedStyle(r.firstChild).backgroundColor,
           getComputedStyle(r.firstChild).borderTopStyle])""")
        legend = {t: (bg, border) for t, bg, border in rows}
        assert legend["US base in Japan"][0] == "rgb(0, 158, 115)"  # filled, #009E73
        assert legend["Hollow, dashed: approximate position"] == ("rgba(0, 0, 0, 0)", "dashed")
    finally:
        ctx.close()


@pytest.mark.parametrize("size", [(1600, 1000), (390, 844)], ids=["desktop", "phone"])
def test_the_panel_is_a_labelled_region_and_leaves_the_map_in_sight(browser, explorer,
                                                                     atlas, size):
    width, height = size
    ctx, page = _open(browser, explorer, "#scenario=hist-1945&feature=etorofu", width, height)
    try:
        for region in ("#nt-card", "#nt-view"):
            assert page.get_attribute(region, "role") == "region"
            head = page.get_attribute(region, "aria-labelledby")
            assert page.locator(f"{region} > h2#{head}").count() == 1
        assert page.get_by_role("region", name=heading(atlas.gaz.get("etorofu"), "both")).count() == 1
        assert page.get_by_label("Island, strait or place", exact=True).evaluate("e => e.tagName") == "SELECT"
        box = lambda sel: page.locator(sel).bounding_box()  # noqa: E731
        m, s, h = box("#map"), box("#nt-side"), box("#nt-card-h")
        assert m["width"] * m["height"] >= 0.35 * width * height  # the map stays in sight
        assert 0 <= h["y"] < height and h["y"] >= s["y"]  # the card's heading is shown
        if width < 700:  # a sheet under the map, that folds to its title bar
            assert s["y"] >= m["y"] + m["height"] - 1 and s["height"] <= 0.6 * height
            toggle = page.locator(".nt-toggle")
            assert toggle.inner_text() == "Hide the panel"
            toggle.click()
            assert toggle.get_attribute("aria-expanded") == "false"
            assert box("#map")["height"] > 0.8 * height
            assert toggle.inner_text() == "Show the panel"
            toggle.click()
            assert toggle.get_attribute("aria-expanded") == "true"
        else:
            assert s["x"] >= m["x"] + m["width"] - 1 and not page.is_visible(".nt-toggle")
        page.evaluate("document.querySelector('#nt-card details').open = true")
        page.screenshot(path=str(SHOTS / f"static-{'phone' if width < 700 else 'desktop'}.png"))
        assert page.errors == []
    finally:
        ctx.close()


def test_the_page_data_is_one_script_safe_json(explorer):
    text = explorer.read_text(encoding="utf-8")
    blob = re.search(r'<script type="application/json" id="nt-data">(.*?)</script>', text,
                     re.DOTALL).group(1)
    assert "<" not in blob and "&" not in blob  # escaped as \\u003c, \\u0026 (geo.safe)
    d = json.loads(blob)
    assert d["default"]["view"] == "today" and len(d["panel"]["views"]) >= 10


RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@pytest.mark.parametrize("size", [(1600, 1000), (390, 844)], ids=["desktop", "phone"])
def test_no_serious_axe_violations(browser, explorer, size):
    """axe-core (from axe-playwright-python, injected as a script's text: nothing is
    fetched) on the page with a card open, its quotes unfolded, and a historical view."""
    import axe_playwright_python

    axe = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
    ctx, page = _open(browser, explorer, "#scenario=hist-1905&feature=shikotan", *size)
    try:
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.add_script_tag(content=axe)
        bad = [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]
        assert bad == [], bad
    finally:
        ctx.close()


# --- in each language (python -m geo.export atlas OUT --lang ja|ru|all) ----------------------

LANG_FILES = {"en": "explorer.html", "ja": "explorer.ja.html", "ru": "explorer.ru.html"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The explorer in every language, as ``--lang all`` writes it (three sibling files)."""
    out = tmp_path_factory.mktemp("explorer-all") / "explorer.html"
    assert main(["atlas", str(out), "--lang", "all"]) == 0
    return {lang: out.with_name(name) for lang, name in LANG_FILES.items()}


def _page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="nt-data">(.*?)</script>',
                                text, re.DOTALL).group(1))


def _catalogue(lang: str) -> dict[str, str]:
    """The language's translated messages (msgid → translation; plain ones only)."""
    from geo.i18n.catalogues import _read, po_path
    return {m.id: m.string for m in _read(po_path(lang), lang)
            if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
            and m.string != m.id}


# Where the page shows the data as it is, in every language: documents' references, quotes
# (verbatim) and their sources' titles, place names (headings, the card's names in three
# scripts, the map's labels, a tooltip's bold name), the language switch's own labels.
_AS_IS = ("refs", "headings", "names", "text", "quote", "source_title", "docs", "features",
          "languages")


def _shown(data: object, key: str | None = None, out: list | None = None) -> list[str]:
    """The page data's texts a reader sees in the page's language (not :data:`_AS_IS`)."""
    out = [] if out is None else out
    if key in _AS_IS:
        return out
    if isinstance(data, str):
        out.append(data)
    elif isinstance(data, dict):
        for k, v in data.items():
            if k == "tips":  # {slot: {feature: [[bold name, rest], ...]}}: the rest
                out += [line[1] for t in v.values() for lines in t.values() for line in lines]
            else:
                _shown(v, k, out)
    elif isinstance(data, list):
        for v in data:
            _shown(v, key, out)
    return out


def english_left(data: dict, lang: str) -> list[str]:
    """English messages the page shows where ``lang`` has a translation (as
    tests/test_i18n_app.py's: a whole text that is a message, or a sentence of four words
    or more inside one)."""
    every = _catalogue(lang)
    long = [i for i in every if "{" not in i and len(i.split()) >= 4]
    left = set()
    for text in _shown(data):
        if text.strip() in every:
            left.add(text.strip())
        left |= {s for s in long if s in text}
    return sorted(left)


def test_the_single_page_is_english_without_a_language_switch(explorer):
    assert explorer.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="en">')
    page = _page_data(explorer)["page"]
    assert page["lang"] == "en" and page["languages"] == []  # no sibling to link to


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_a_page_in_japanese_or_russian_leaves_no_english_message(pages, lang):
    from geo.i18n import NAMES_BY_LANG, translator
    text = pages[lang].read_text(encoding="utf-8")
    assert text.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    d = _page_data(pages[lang])
    assert d["page"]["lang"] == lang and d["default"]["names"] == NAMES_BY_LANG[lang]
    _ = translator(lang)
    assert d["title"] == _(d["title"]) and f"<title>{d['title']}</title>" in text
    assert english_left(d, lang) == []
    assert d["panel"]["ui"]["view"] == _("Scenario") != "Scenario"


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_the_cards_labels_are_translated_and_the_quotes_verbatim(pages, lang, atlas):
    every = _catalogue(lang)
    en, other = _page_data(pages["en"])["panel"], _page_data(pages[lang])["panel"]
    checked = 0
    for fid in ("kunashiri", "shikotan", "nemuro-strait", "disputed-islands"):
        a, b = en["cards"]["both"][fid], other["cards"]["both"][fid]
        for part in ("status", "facts"):
            assert len(a[part]) == len(b[part]), (fid, part)
            for ra, rb in zip(a[part], b[part]):
                if ra["label"] in every:
                    assert rb["label"] == every[ra["label"]], (fid, ra["label"])
                    checked += 1
    assert checked >= 6
    # a quote stays in its document's language: the same text as in the English page
    corpus = default_corpus()
    ids = [q["id"] for s in other["cards"]["both"]["kunashiri"]["sides"] for t in s["topics"]
           for q in t["quotes"]]
    assert ids
    for aid in ids:
        assert corpus.by_id[aid].quote in other["quotes"][aid]["quote"], aid
        assert other["quotes"][aid]["quote"] == en["quotes"][aid]["quote"], aid


def test_all_languages_are_written_as_siblings_linked_by_a_switch(pages):
    labels = {"en": "English", "ja": "日本語", "ru": "Русский"}
    for lang, path in pages.items():
        assert path.is_file(), path
        assert len(gzip.compress(path.read_bytes(), 9)) <= GZIP_BUDGET, lang
        switch = _page_data(path)["page"]["languages"]
        assert [s["lang"] for s in switch] == list(LANG_FILES)
        assert [s["label"] for s in switch] == [labels[k] for k in LANG_FILES]
        assert [s["lang"] for s in switch if s["current"]] == [lang]
        for s in switch:  # a sibling file's name, relative: it works from disk and any host
            assert s["href"] == LANG_FILES[s["lang"]]
            assert (path.parent / s["href"]).is_file()


def test_an_unknown_language_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["atlas", str(tmp_path / "x.html"), "--lang", "fr"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--lang" in err and "'fr'" in err and "ja" in err
    assert not (tmp_path / "x.html").exists()


def test_the_japanese_page_shows_japanese_legend_and_switch(browser, pages, atlas):
    from geo.i18n import NAMES_BY_LANG
    from geo.map.legend import legend
    want = [" ".join(i.label.split()) for i in legend(view("today"), atlas, lang="ja",
                                                      names=NAMES_BY_LANG["ja"])]
    ctx, page = _open(browser, pages["ja"])
    try:
        assert page.evaluate("document.documentElement.lang") == "ja"
        shown = page.inner_text("#nt-view .nt-legend")
        assert want and all(w in shown for w in want[:3]), (want[:3], shown[:300])
        assert page.get_attribute("nav.nt-langs a[aria-current=page]", "href") == "explorer.ja.html"
        assert page.get_attribute("nav.nt-langs a[lang=ru]", "href") == "explorer.ru.html"
        assert page.errors == []
    finally:
        ctx.close()
