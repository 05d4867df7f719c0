"""Hostile text (issue 6, part 2): script-injection payloads (tests/hostile.py) in
annotation quotes and speakers, source metadata, gazetteer names, a document
given to ``suggest`` and the URL's query parameters. Nothing may run (no
dialog, no injected element, no request) and the text must show literally.

The browser tests run one Streamlit server over a copy of the data (``NT_DATA_DIR``)
and of the documents (``NT_SOURCES_DIR``) into which the payloads are written.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
import yaml
from hostile import BY_ID, PAYLOADS, Payload, visible
from conftest import streamlit_server
from test_e2e import IFRAME, LOCAL_HOSTS, WAIT, inside, map_frame

import geo
from geo.data.loading import dump_yaml
from geo.curate.suggest import find_mentions, printable
from geo.data.corpus import load_corpus
from geo.data.corpus_schema import MAX_QUOTE_CHARS, SIDES, TOPICS
from geo.errors import DataError
from geo.data.gazetteer import load_gazetteer
from geo.data.layers import load_atlas
from geo.views.present import consequences, default_scenarios
from ui.markdown import md_escape
from ui.state import shorten

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("E2E_SHOTS", "/tmp/e2e-shots"))

# --- the hostile data copy ------------------------------------------------------------------

# Features whose names become payloads: labelled on the map, with a tooltip, in view or not.
NAMED = ("etorofu", "kunashiri", "shikotan", "urup", "hokkaido", "sakhalin", "kamchatka",
         "okinawa", "miyako")
FIELDS = ("romaji", "translit", "ja", "ru")  # in the order name_lines shows them
JA_MARK, RU_MARK = " 島", " Ж"  # the gazetteer wants kana/kanji and Cyrillic in these


# Etorofu, whose panel the browser test opens, gets the payloads that test the layout most.
FIRST_NAMES = ("blank-line", "markdown-structure", "long", "script-tag")


def name_slots() -> dict[tuple[str, str], list[Payload]]:
    """(feature, field) -> the payloads written into that name; every payload once."""
    slots = [(f, k) for f in NAMED for k in FIELDS]
    assert len(slots) >= len(PAYLOADS)
    out: dict[tuple[str, str], list[Payload]] = {s: [] for s in slots}
    order = [BY_ID[i] for i in FIRST_NAMES] + [p for p in PAYLOADS if p.id not in FIRST_NAMES]
    for i, p in enumerate(order):
        out[slots[i % len(slots)]].append(p)
    return {s: ps for s, ps in out.items() if ps}


def slot_text(payloads: list[Payload]) -> str:
    return " · ".join(p.data for p in payloads)


def hostile_names(gaz_raw: dict) -> None:
    """Write the payloads into the names of NAMED features (in place)."""
    feats = {f["id"]: f for f in gaz_raw["features"]}
    for (fid, field), ps in name_slots().items():
        names = feats[fid]["names"]
        text = slot_text(ps)
        if field == "romaji":
            names["ja"]["romaji"] = text
        elif field == "translit":
            names["ru"]["translit"] = text
        elif field == "ja":
            names["ja"]["script"] = text + JA_MARK
        else:
            names["ru"]["script"] = text + RU_MARK
    for fid in NAMED:  # English names: the feature's own payloads first (en[0] is its label)
        own = [slot_text(ps) for (f, _), ps in name_slots().items() if f == fid]
        feats[fid]["names"]["en"] = own + feats[fid]["names"]["en"]
    # Etorofu's English names list every payload; the first one (its label in the
    # legend, drawn as HTML inside Markdown) has a blank line in it.
    first = BY_ID["blank-line"]
    feats["etorofu"]["names"]["en"] = [first.data] + [p.data for p in PAYLOADS if p != first] \
        + feats["etorofu"]["names"]["en"]


def source_id(p: Payload) -> str:
    return f"hostile-{p.n:02d}"


def quote_of(p: Payload) -> str:
    """The annotation's quote: the payload as data (cut like a name, see hostile.py)."""
    return p.data[:MAX_QUOTE_CHARS]


def hostile_sources() -> list[dict]:
    return [{"id": source_id(p), "file": f"{source_id(p)}.txt", "title": p.data,
             "author": p.data, "outlet": p.data, "outlets": [source_id(p)],
             "date": "2024-01-02", "date_note": p.data, "kind": p.data, "note": p.data}
            for p in PAYLOADS]


def hostile_attribution(att: dict) -> dict:
    """The shipped attribution file with every payload as a speaker (who may be filed under
    any party) and as an outlet, each described by the payload and citing a reference
    whose every text is a payload too."""
    att["references"]["hostile-ref"] = {"title": PAYLOADS[0].data, "publisher": PAYLOADS[1].data,
                                        "url": "javascript:alert(7099)", "note": PAYLOADS[2].data}
    for p in PAYLOADS:
        att["speakers"][p.data] = {"parties": list(SIDES), "affiliation": p.data,
                                   "refs": ["hostile-ref"]}
        att["outlets"][source_id(p)] = {"name": p.data, "affiliation": p.data,
                                        "refs": ["hostile-ref"]}
    return att


def hostile_document(p: Payload) -> str:
    return f"A test document for {p.id}.\n{p.data}\nThe end.\n"


def hostile_annotations() -> list[dict]:
    sides, topics = list(SIDES), list(TOPICS)
    return [{"id": source_id(p), "source": source_id(p), "features": ["etorofu"],
             "quote": quote_of(p), "speaker": p.data, "speaker_role": p.data,
             "side": sides[p.n % len(sides)], "topic": topics[p.n % len(topics)],
             "said": "2024-01-02", "reported": bool(p.n % 2)} for p in PAYLOADS]


def _dump(data) -> str:
    return dump_yaml(data, allow_unicode=True, sort_keys=False, width=10**6)


def make_hostile_data(root: Path) -> tuple[Path, Path]:
    """A copy of data/ and of the documents with the payloads written in;
    returns (data dir, documents dir)."""
    data, docs = root / "data", root / "documents"
    shutil.copytree(geo.data_dir(), data)
    shutil.copytree(geo.sources_dir(), docs)
    gaz = yaml.safe_load((data / "gazetteer.yaml").read_text(encoding="utf-8"))
    hostile_names(gaz)
    (data / "gazetteer.yaml").write_text(_dump(gaz), encoding="utf-8")
    for p in PAYLOADS:
        (docs / f"{source_id(p)}.txt").write_text(hostile_document(p), encoding="utf-8")
    for name, extra in (("sources.yaml", hostile_sources()),
                        ("annotations.yaml", hostile_annotations())):
        path = data / name
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
        path.write_text(text + _dump(extra), encoding="utf-8")
    att = yaml.safe_load((data / "attribution.yaml").read_text(encoding="utf-8"))
    (data / "attribution.yaml").write_text(_dump(hostile_attribution(att)), encoding="utf-8")
    return data, docs


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> tuple[Path, Path]:
    return make_hostile_data(tmp_path_factory.mktemp("hostile"))


# --- the data copy loads: the payloads pass validation -----------------------------------------

def test_payload_corpus():
    assert len(PAYLOADS) >= 20
    assert len({p.marker for p in PAYLOADS}) == len(PAYLOADS)
    assert max(len(p.text) for p in PAYLOADS) == 20_000
    kinds = " ".join(p.text for p in PAYLOADS)
    for needle in ("<script", "onerror=", "onload=", "javascript:", "](javascript:", "![",
                   "${", "{{7*7}}", "{% raw %}", "</script><script", '">', "'-alert(",
                   "`", "<style", "&lt;", "$$", ":red[", "\u202e", "\x00", "data:text/html",
                   "href=//evil", "expression(", "\u200b", "\u2028", "\n\n"):
        assert needle in kinds, needle


def test_hostile_data_loads(hostile_data):
    data, docs = hostile_data
    gaz = load_gazetteer(data / "gazetteer.yaml")
    for (fid, field), ps in name_slots().items():
        n = gaz.get(fid).names
        got = {"romaji": n.ja.romaji, "translit": n.ru.translit, "ja": n.ja.script,
               "ru": n.ru.script}[field]
        assert all(p.data in got for p in ps)  # verbatim, nothing stripped or refused
    assert gaz.get("etorofu").names.en[:len(PAYLOADS)] == sorted(
        (p.data for p in PAYLOADS), key=lambda t: t != BY_ID["blank-line"].data)
    corpus = load_corpus(data / "sources.yaml", data / "annotations.yaml", gazetteer=gaz,
                         documents_dir=docs, check_quotes=True,
                         attribution_path=data / "attribution.yaml")
    for p in PAYLOADS:
        src, ann = corpus.sources[source_id(p)], corpus.by_id[source_id(p)]
        assert src.title == src.outlet == src.author == src.kind == p.data
        assert ann.quote == quote_of(p) and ann.speaker == p.data


def test_long_quote_is_refused_with_a_clear_error(hostile_data, tmp_path):
    """The schema caps quotes at MAX_QUOTE_CHARS: the 20,000-character payload is refused
    as a quote (it still reaches the page as a title, speaker and name)."""
    data, docs = hostile_data
    long = BY_ID["long"]
    anns = hostile_annotations()
    next(a for a in anns if a["id"] == source_id(long))["quote"] = long.text
    path = tmp_path / "annotations.yaml"
    path.write_text(_dump(anns), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_corpus(data / "sources.yaml", path, gazetteer=load_gazetteer(data / "gazetteer.yaml"),
                    documents_dir=docs, attribution_path=data / "attribution.yaml")
    assert exc.value.item == source_id(long) and exc.value.field == "quote"
    assert f"the quote is {len(long.text)} characters long; at most {MAX_QUOTE_CHARS}" in str(
        exc.value)


# --- the escaping functions on their own ----------------------------------------------------------

def test_md_escape_leaves_nothing_to_interpret():
    """Every mark Markdown, HTML, LaTeX or Streamlit's directives use is backslash-escaped,
    and a bare URL or address gets an invisible U+2060 first (GitHub-style autolinks are
    found after escapes are resolved, so the backslashes alone let
    'www.evil.example' become a link)."""
    from ui.markdown import WORD_JOINER, md_inline

    for p in PAYLOADS:
        out = md_escape(p.text)
        rest = re.sub(r"\\.", "", out, flags=re.DOTALL)  # what is not escaped
        assert not re.search(r"[\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^%@/]", rest), p.id
        for m in re.finditer(r"https?\\:|www\\\.|\\@", out, re.IGNORECASE):
            assert out[m.start() - 1] == WORD_JOINER, (p.id, out[m.start() - 5:m.end()])
        assert "\n" not in md_inline(p.text), p.id
    assert md_escape("see www.x.org, https://x.org or a@x.org") == (
        "see \u2060www\\.x\\.org, \u2060https\\:\\/\\/x\\.org or a\u2060\\@x\\.org")


def test_legend_html_stays_one_line():
    """The legend is HTML inside st.markdown: a blank line in a label (a gazetteer name)
    would end the HTML block and what follows would be read as Markdown."""
    from geo import map as mapview

    label = BY_ID["blank-line"].text
    out = mapview.legend_html([mapview.LegendItem("#000000", False, label)])
    assert "\n" not in out and "\r" not in out
    assert "pwn34 &lt;/div&gt; [pwn34](javascript:alert(7034))" in out


# --- the server over the hostile copy, and what the browser must not do -----------------------

@pytest.fixture(scope="module")
def hostile_server(hostile_data):
    data, docs = hostile_data
    with streamlit_server("streamlit-hostile.log",
                          {"NT_DATA_DIR": str(data), "NT_SOURCES_DIR": str(docs)}) as base:
        yield base


HOSTILE_URL = re.compile(r"pwn\d|evil\.example", re.IGNORECASE)


class Watch:
    """Records every dialog, popup and request; blocks every request that leaves
    this machine. ``check`` fails on any of them and on injected elements."""

    def __init__(self, page, local_file: bool = False):
        self.page = page
        self.local_file = local_file  # a page opened from a file (the exported atlas)
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.hostile: list[str] = []  # local requests a payload would make (pwn02.png ...)
        self.popups: list[str] = []
        page.on("dialog", self._dialog)
        page.on("request", self._request)
        page.context.on("page", lambda p: self.popups.append(p.url))
        page.route("**/*", self._route)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, request):
        if HOSTILE_URL.search(urlparse(request.url)._replace(query="").geturl()):
            self.hostile.append(request.url)

    def _route(self, route):
        url = urlparse(route.request.url)
        if (url.scheme in ("data", "blob") or url.hostname in LOCAL_HOSTS
                or (self.local_file and url.scheme == "file")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def check(self, where: str = "") -> None:
        page = self.page
        assert self.dialogs == [], f"{where}: a script ran: {self.dialogs}"
        assert self.outside == [], f"{where}: requests to the outside: {self.outside}"
        assert self.hostile == [], f"{where}: requests a payload made: {self.hostile}"
        assert self.popups == [], f"{where}: windows opened: {self.popups}"
        schemes = ("http", "about", "file") if self.local_file else ("http", "about")
        assert urlparse(page.url).scheme in schemes, page.url
        if not self.local_file:
            assert urlparse(page.url).hostname in LOCAL_HOSTS, page.url
        for frame in page.frames:
            # '' is a frame that has not navigated yet (the map's iframe just added)
            assert frame.url == "" or urlparse(frame.url).scheme in schemes, frame.url
            found = frame.evaluate(FIND_INJECTED)
            assert found == [], f"{where}: in {frame.url[:80]}: {found}"


# Anything a payload would have put into a document: an element carrying its id
# (pwnNN), an inline event handler, a URL to a script, another host or a payload
# file, or Markdown interpreted (KaTeX, coloured text, a link from a bare URL).
FIND_INJECTED = r"""() => {
  const bad = [], show = el => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll('*')) {
    if (/^pwn\d+$/i.test(el.id)) bad.push('injected element: ' + show(el));
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push('event handler: ' + show(el));
      if (/^(href|src|srcset|data|action|formaction|xlink:href|background|poster)$/i.test(a.name)
          && /javascript:|vbscript:|data:text\/html|evil\.example|pwn\d/i.test(a.value))
        bad.push('hostile URL: ' + show(el));
    }
  }
  for (const el of document.querySelectorAll(
      '.katex, .stMarkdownColoredText, base, object, embed, meta[http-equiv="refresh" i]'))
    bad.push('interpreted: ' + show(el));
  return bad;
}"""


@pytest.fixture(scope="module")
def hostile_page(browser, hostile_server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    page.watch = Watch(page)
    yield page
    ctx.close()


def main_text(page) -> str:
    return visible(page.locator('[data-testid="stMain"]').inner_text())


def open_expanders(scope) -> None:
    """Open every collapsed expander in scope (a click, as a reader would)."""
    from playwright.sync_api import expect

    closed = scope.locator('details:not([open]) > summary')
    closed.evaluate_all("els => els.forEach(e => e.click())")
    expect(closed).to_have_count(0)
    scope.page.wait_for_function(  # and their contents drawn
        """root => [...root.querySelectorAll('details')].every(d => d.open
             && d.innerText.trim().length > d.querySelector('summary').innerText.trim().length)""",
        arg=scope.element_handle(), timeout=WAIT)


def wait_shows(page, expected: dict[str, str], timeout_ms: int = WAIT) -> None:
    """Wait until the main area shows every expected text literally ({what: text})."""
    deadline = time.time() + timeout_ms / 1000
    while True:
        text = main_text(page)
        missing = [w for w, e in expected.items() if visible(e) not in text]
        if not missing or time.time() > deadline:
            break
        page.wait_for_timeout(250)
    for what in missing:
        assert_shows(text, expected[what], what)


def no_breaks(text: str) -> str:
    """Text as a one-line input shows it: browsers drop line breaks from its value."""
    return re.sub(r"[\r\n]", "", text)


def assert_shows(text: str, expected: str, what: str) -> None:
    exp = visible(expected)
    assert exp in text, f"{what}: {exp[:120]!r} not shown literally"


@pytest.fixture(scope="module")
def hostile_gaz(hostile_data):
    return load_gazetteer(hostile_data[0] / "gazetteer.yaml")


def party_label(p: Payload) -> str:
    """The label of the party a payload's annotation is filed under (attribution.yaml)."""
    from geo.data.attribution import load_attribution
    return load_attribution().parties[list(SIDES)[p.n % len(SIDES)]].label


def citation(p: Payload) -> str:
    """The citation lines of a payload's annotation (speaker, role and outlet are the
    payload; the speaker is the document's author, so the date is its publication's)."""
    where = "as reported by" if p.n % 2 else "in"
    return (f"— {p.data}, {p.data} · filed under: {party_label(p)} · published 2024-01-02 "
            f"{where} {p.data} (2024-01-02) · Source: {p.data}")


# --- the Map page: names on the map and in the panel, quotes in the card -------------------------

def test_map_page_shows_hostile_names_and_quotes_literally(hostile_page, hostile_server,
                                                           hostile_gaz):
    from playwright.sync_api import expect

    from geo import map as mapview
    from geo.views.present import DISPUTED

    page, watch = hostile_page, hostile_page.watch
    page.goto(hostile_server + "?feature=etorofu")
    fl = page.frame_locator(IFRAME)
    fl.locator("path.nt-f-etorofu").wait_for(timeout=WAIT)
    main = page.locator('[data-testid="stMain"]')
    etorofu = hostile_gaz.get("etorofu")
    heading = main.get_by_role("heading", level=3)
    expect(heading).to_have_count(1, timeout=WAIT)
    expect(main).to_contain_text("What the sources say", timeout=WAIT)
    expect(main).to_contain_text("What this scenario means", timeout=WAIT)
    page.wait_for_timeout(1000)
    watch.check("map page loaded")

    # The panel: heading, select box, names, legend (HTML inside Markdown).
    assert visible(heading.inner_text()) == visible(mapview.heading(etorofu, "both"))
    box = main.locator('[data-testid="stSelectbox"] input').first
    assert_shows(visible(box.input_value()), no_breaks(mapview.heading(etorofu, "both")),
                 "select box")
    text = main_text(page)
    n = etorofu.names
    assert_shows(text, f"Japanese: {n.ja.script} ({n.ja.romaji})", "names")
    assert_shows(text, f"Russian: {n.ru.script} ({n.ru.translit})", "names")
    assert_shows(text, f"English: {', '.join(n.en)}", "names")
    labels = ", ".join(hostile_gaz.get(i).label_en for i in DISPUTED)
    assert_shows(text, f"Held by Russia in this view: {labels}", "legend")
    assert_shows(text, f"Dashed outline: disputed ({labels})", "legend")
    row = main.locator("tr", has_text="Catherine Strait")  # a name with a blank line in a cell
    expect(row.locator("td")).to_have_count(4)
    assert_shows(visible(row.inner_text()), f"{etorofu.label_en}: Russia", "straits table")

    # The card's quotes, grouped by side in expanders: open them all.
    open_expanders(main)
    expected = {}
    for p in PAYLOADS:
        expected[f"quote {p.id}"] = f"“{quote_of(p)}”"
        expected[f"citation {p.id}"] = citation(p)
        expected[f"source link {p.id}"] = f"Source: {p.data}"
    wait_shows(page, expected)  # the quotes are drawn once their group is open (a rerun)
    watch.check("card opened")

    # The map: every label as text, a real hover on Etorofu, then every tooltip.
    frame = map_frame(page)
    for fid in NAMED:
        label = fl.locator(f".nt-label-{fid}")
        main_name, second = mapview.name_lines(hostile_gaz.get(fid), "both")
        assert visible(label.text_content()) == visible(main_name + second), fid
    page.locator(IFRAME).scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = page.locator(IFRAME).bounding_box()
    lat, lon = inside("etorofu")
    pt = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
        " const r = window.map.getContainer().getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; }", [lat, lon])
    page.mouse.move(box["x"] + pt[0], box["y"] + pt[1])
    tip = fl.locator(".leaflet-tooltip")
    tip.first.wait_for(timeout=WAIT)
    main_name, second = mapview.name_lines(etorofu, "both")
    assert_shows(visible(tip.first.text_content()), f"{main_name} {second}", "hover tooltip")
    tips = frame.evaluate("""() => {
      const out = {};
      for (const name of ["islands", "land", "pieces"]) {
        NT.slots[name].layer.eachLayer(l => {
          const id = l.feature.properties.id, t = l.getTooltip();
          if (!t) return;
          l.openTooltip(l.getBounds().getCenter());
          out[id] = t.getElement().textContent;
          l.closeTooltip();
        });
      }
      return out;
    }""")
    for fid in NAMED:
        main_name, second = mapview.name_lines(hostile_gaz.get(fid), "both")
        assert_shows(visible(tips[fid]), f"{main_name} {second}", f"tooltip of {fid}")
    page.screenshot(path=str(SHOTS / "hostile-map.png"))
    watch.check("tooltips shown")


# --- the Sources page: titles, outlets, authors, notes, quotes ---------------------------------

def test_sources_page_shows_hostile_metadata_literally(hostile_page, hostile_server,
                                                       hostile_gaz):
    from playwright.sync_api import expect

    from geo import map as mapview

    page, watch = hostile_page, hostile_page.watch
    page.goto(hostile_server + "sources?source=" + source_id(PAYLOADS[0]))
    main = page.locator('[data-testid="stMain"]')
    expanders = main.locator('[data-testid="stExpander"]')
    expect(expanders).to_have_count(5 + len(PAYLOADS), timeout=WAIT)
    page.wait_for_timeout(1000)
    watch.check("sources page loaded")
    box = main.locator('[data-testid="stSelectbox"] input').first
    assert_shows(visible(box.input_value()), no_breaks(PAYLOADS[0].data), "select box")
    open_expanders(main)
    about = mapview.heading(hostile_gaz.get("etorofu"), "both")
    shown = expanders.evaluate_all(
        "els => els.map(e => [e.querySelector('summary').innerText, e.innerText])")[5:]
    for p, (label, text) in zip(PAYLOADS, shown, strict=True):
        assert_shows(visible(label), f"{p.data} — {p.data}, 2024-01-02 (1 quote)",
                     f"label {p.id}")
        text = visible(text)
        for field in ("Title", "Author", "Outlet", "About the date", "What the text is",
                      "Note"):
            assert_shows(text, f"{field}: {p.data}", f"{field} {p.id}")
        assert_shows(text, f"Outlet: {p.data} — {p.data}", f"outlet {p.id}")
        assert_shows(text, f"“{quote_of(p)}”", f"quote {p.id}")
        assert_shows(text, citation(p), f"citation {p.id}")
        topic = list(TOPICS.values())[p.n % len(TOPICS)]
        assert_shows(text, f"Topic: {topic} · about: {about} · speaker: {p.data}",
                     f"about {p.id}")
    page.screenshot(path=str(SHOTS / "hostile-sources.png"))
    watch.check("sources expanded")


# --- the Compare page: two maps in one frame, tables --------------------------------------------

def test_compare_page_draws_hostile_names_literally(hostile_page, hostile_server, hostile_gaz):
    from playwright.sync_api import expect

    from geo import map as mapview

    page, watch = hostile_page, hostile_page.watch
    page.goto(hostile_server + "compare?a=today&b=four-islands")
    labels = page.frame_locator(IFRAME).locator(".nt-label-etorofu")
    expect(labels).to_have_count(2, timeout=WAIT)  # map A and map B
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator("table")).to_have_count(4, timeout=WAIT)
    page.wait_for_timeout(1000)
    main_name, second = mapview.name_lines(hostile_gaz.get("etorofu"), "both")
    for text in labels.all_text_contents():
        assert visible(text) == visible(main_name + second)
    # every row of every table has as many cells as its header: no name broke a row
    shapes = main.locator("table").evaluate_all(
        "ts => ts.map(t => [...t.rows].map(r => r.cells.length))")
    for rows in shapes:
        assert len(set(rows)) == 1, shapes
    page.screenshot(path=str(SHOTS / "hostile-compare.png"))
    watch.check("compare page")


# --- the URL's query parameters ------------------------------------------------------------------

URL_KEYS = ("feature", "scenario", "source", "date", "names", "a", "b")
URL_PAGES = ("", "sources", "timeline", "compare")  # every page that shows the notices


def test_url_parameters_are_ignored_with_a_literal_notice(hostile_page, hostile_server):
    """Each payload in every parameter the app reads (one visit, so one new session, per
    payload; the first ones on each page in turn, the rest on the Map page), then every
    payload as a parameter *name*: each value is ignored with a notice that quotes it
    literally (shortened to one line of 60 characters), and nothing runs."""
    from playwright.sync_api import expect

    page, watch = hostile_page, hostile_page.watch
    visits = []
    for i, p in enumerate(PAYLOADS):
        # 20,000 characters seven times would pass Tornado's 64 KB limit on a request's head
        keys = ("feature",) if p.id == "long" else URL_KEYS
        where = URL_PAGES[i % len(URL_PAGES)] if i < 2 * len(URL_PAGES) else ""
        url = hostile_server + where + "?" + "&".join(
            f"{k}={quote(p.text, safe='')}" for k in keys)
        visits.append((f"{p.id} in the URL of /{where}", url,
                       [f"Ignored {k}={shorten(p.text)}:" for k in keys]))
    short = [p for p in PAYLOADS if p.id != "long"]
    visits.append(("payloads as parameter names",
                   hostile_server + "?" + "&".join(f"{quote(p.text, safe='')}=x" for p in short),
                   [f"Ignored unknown parameter {shorten(p.text, 30)}=x." for p in short]))
    notices = page.locator('[data-testid="stAlert"]', has_text="Ignored")
    for what, url, expected in visits:
        page.goto(url, wait_until="commit")
        expect(notices).to_have_count(len(expected), timeout=WAIT)
        text = visible(" ".join(notices.all_inner_texts()))
        for e in expected:
            assert_shows(text, e, what)
        watch.check(what)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "hostile-url.png"))
    watch.check("at the end")


# --- the suggest command ------------------------------------------------------------------------

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ESCAPED = re.compile(r"\\u([0-9a-f]{4})")
_BLOCK = re.compile(r"^\[(\d+)\] line (\d+)\nfeatures: (.*)\nmatches: (.*)\n(.*)$", re.MULTILINE)


def suggest_document() -> str:
    """One line per payload, each naming Iturup so that it is a candidate passage."""
    return "".join(f"Iturup {p.marker}: {p.document}\n" for p in PAYLOADS)


def run_suggest(doc: Path, **env) -> str:
    r = subprocess.run([sys.executable, "-m", "geo.annotations", "suggest", str(doc)],
                       cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
                       capture_output=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")[-2000:]
    out = r.stdout.decode("utf-8")  # strict: the output is UTF-8 text
    # Nothing a terminal would act on: no control character but line feeds (no
    # escape sequence, bell or backspace), no bidirectional override.
    bad = sorted({f"U+{ord(c):04X}" for c in out
                  if (unicodedata.category(c) == "Cc" and c != "\n") or c in BIDI})
    assert not bad, f"raw characters in the output: {bad}"
    return out


def unescape(text: str) -> str:
    """The inverse of geo.curate.suggest.printable's escapes."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def first_line(p: Payload) -> str:
    """The payload's line in suggest_document (sentences end at line breaks)."""
    head = p.document.split("\n")[0]
    return " ".join(f"Iturup {p.marker}: {head}".split())


def test_suggest_prints_payloads_back_as_plain_text(tmp_path, gazetteer):
    """suggest over a document of payloads: it runs, prints plain text, and every
    passage comes back as the same string once its documented escapes (\\uXXXX for
    control and bidi characters) are undone; the long one is cut with an ellipsis."""
    doc = tmp_path / "hostile.txt"
    doc.write_text(suggest_document(), encoding="utf-8")
    out = run_suggest(doc)
    assert out.startswith(f"{printable(str(doc))}: {len(PAYLOADS)} candidate passage(s)\n")
    blocks = _BLOCK.findall(out)
    assert len(blocks) == len(PAYLOADS)
    line = 1
    for p, (i, at, features, matches, passage) in zip(PAYLOADS, blocks):
        assert int(at) == line, p.id
        line += p.document.count("\n") + 1
        assert features == "etorofu" and matches == "Iturup -> etorofu", p.id
        if p.id == "long":
            assert passage.endswith(" \u2026") and len(passage) <= 402
            assert first_line(p).startswith(unescape(passage[:-2]))
        else:
            assert unescape(passage) == first_line(p), p.id
    # look-alike letters and zero-width characters do not make a name
    homoglyph = BY_ID["homoglyph-zero-width"].text
    assert [m.name for m in find_mentions(homoglyph, gazetteer)] == ["Iturup"]
    assert find_mentions("Itu\u200brup Etor\u00adofu", gazetteer) == []


def test_suggest_with_payloads_as_gazetteer_names(tmp_path, hostile_data):
    """The same document against the hostile gazetteer (NT_DATA_DIR): the payloads are
    now names too, and are printed (escaped) as the matches."""
    data, docs = hostile_data
    doc = tmp_path / "hostile.txt"
    doc.write_text(suggest_document(), encoding="utf-8")
    out = run_suggest(doc, NT_DATA_DIR=str(data), NT_SOURCES_DIR=str(docs))
    blocks = _BLOCK.findall(out)
    assert len(blocks) == len(PAYLOADS)
    for p, (i, at, features, matches, passage) in zip(PAYLOADS, blocks):
        assert "etorofu" in features.split(", "), p.id
        # not the long one (cut as a name, so not a whole word of the document) nor the
        # one whose control characters a name leaves out
        if p.id not in ("long", "control-characters"):
            assert printable(p.data) in matches, p.id
        if p.id != "long":
            assert unescape(passage) == first_line(p), p.id


# --- the exported atlas (python -m geo.export atlas) ---------------------------------------------

def test_atlas_export_keeps_hostile_names_inert(tmp_path, hostile_data, hostile_gaz, browser):
    """The standalone atlas over the hostile gazetteer. folium renders each element through
    Jinja and branca renders that output through Jinja again, so a "{{7*7}}" in a name came
    out as "49" (and "{{ this.__class__ }}" reached Python objects) until geo.export
    escaped braces too. In the browser: no script, no request, every label as written; in
    the static explorer's list, card (its quotes and their sources) and a view's figures
    (the residents of the islands that change hands, named) too."""
    from geo import map as mapview
    from geo.map.display import LABELLED

    data, docs = hostile_data
    out = tmp_path / "atlas.html"
    r = subprocess.run([sys.executable, "-m", "geo.export", "atlas", str(out)], cwd=ROOT,
                       env={**os.environ, "NT_DATA_DIR": str(data), "NT_SOURCES_DIR": str(docs)},
                       capture_output=True, timeout=600, check=False)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")[-2000:]
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = ctx.new_page()
        watch = Watch(page, local_file=True)
        page.goto(out.as_uri())
        page.locator(".nt-label-etorofu").wait_for(state="attached", timeout=WAIT)
        page.wait_for_timeout(500)
        for fid in set(NAMED) & set(LABELLED):
            main_name, second = mapview.name_lines(hostile_gaz.get(fid), "both")
            text = page.locator(f".nt-label-{fid}").text_content()
            assert visible(text) == visible(main_name + second), fid
        # the static explorer's list, card and quotes: every payload as written
        options = page.locator("#nt-feature option").all_inner_texts()
        for fid in NAMED:
            assert visible(mapview.heading(hostile_gaz.get(fid), "both")) in map(visible, options)
        page.select_option("#nt-feature", "etorofu")
        page.evaluate("document.querySelectorAll('#nt-card details').forEach(d => d.open = true)")
        card = visible(page.inner_text("#nt-card"))
        assert visible(mapview.heading(hostile_gaz.get("etorofu"), "both")) in card
        for p in PAYLOADS:
            assert visible(f"“{quote_of(p)}”") in card, p.id  # the quote, verbatim
            assert visible(f"Source: {p.data}") in card, p.id  # its document's title
        watch.check("atlas card")
        # the figures: the scenario's residents and straits name the islands as written
        page.select_option("#nt-view-select", "joint-1956")
        panel = visible(page.inner_text("#nt-view"))
        cons = consequences(default_scenarios().get("joint-1956"), load_atlas())
        assert visible(cons.residents_text(hostile_gaz)) in panel
        assert visible(mapview.heading(hostile_gaz.get("etorofu"), "both")) in visible(
            page.inner_text("#nt-card-h"))
        watch.check("atlas")
    finally:
        ctx.close()


# --- right-to-left overrides stay inside their text -----------------------------------------------

def test_bidi_isolation_of_data_text():
    """A name with an unterminated right-to-left override is isolated wherever the app puts
    text from the data: HTML (tooltips, labels) and Markdown (the panel)."""
    from geo import map as mapview
    from geo.safe import FSI, PDI, html_text, isolate

    rlo = BY_ID["right-to-left"].data
    assert html_text(rlo).startswith(FSI) and html_text(rlo).endswith(PDI)
    assert isolate("Etorofu") == "Etorofu"  # left-to-right text is left as it is
    assert mapview.label_html(rlo, "x").startswith(f"<div>{FSI}")
    assert f"{FSI}" in mapview.tooltip_html(
        load_gazetteer().get("etorofu").model_copy(update={"names": load_gazetteer().get(
            "etorofu").names.model_copy(update={"en": [rlo]})}), "both", rlo)
    line = md_escape(rlo)
    assert line.startswith(FSI) and line.endswith(PDI)



def test_isolation_skips_only_text_that_cannot_reorder():
    """geo.safe.needs_isolation answers ASCII at once: no ASCII character has a bidi class
    that could reorder its surroundings; every other text is looked at letter by letter."""
    import unicodedata

    from geo.safe import _BIDI_CLASSES, needs_isolation
    assert not [c for c in map(chr, range(128)) if unicodedata.bidirectional(c) in _BIDI_CLASSES]
    assert not needs_isolation("Kunashiri-tō 国後島 Кунашир")
    for text in ("‮gpj", "x א", "⁧a", "١٢"):
        assert needs_isolation(text), text


def test_bidi_override_does_not_reorder_what_follows_in_chromium(browser):
    """Measured in the browser: after an isolated override, the next word is laid out left
    to right (its first letter left of its last); without isolation it is reversed."""
    from geo.safe import html_text

    rlo = "pwn20 \u202egpj.exe"  # an override never closed (U+202E, no U+202C)
    page = browser.new_page()
    try:
        def order(markup: str) -> bool:
            page.set_content(f'<p style="font-size:20px">{markup}<span id="after"> AFTER</span></p>')
            return page.evaluate("""() => {
              const t = document.getElementById('after').firstChild, r = document.createRange();
              const x = i => { r.setStart(t, i); r.setEnd(t, i + 1);
                               return r.getBoundingClientRect().left; };
              return x(1) < x(5);  // 'A' left of 'R'
            }""")
        assert order(html_text(rlo)) is True
        assert order(html.escape(rlo)) is False  # the control: the override leaks
    finally:
        page.close()
