"""Accessibility in Debian's chromium: axe-core on every page, and the first Tab stops.

axe-core (Deque Systems, MPL-2.0) comes from the pinned PyPI package
axe-playwright-python (requirements-dev.txt), which ships ``axe.min.js``; the test
reads that file and injects it with ``add_script_tag(content=...)``, so nothing is
fetched. axe's ``iframes`` option only reaches frames that have axe themselves, so
axe is injected into every frame (the page and each st_folium map iframe) and run
in each on its own.

- ``test_no_serious_axe_violations``: no "serious" or "critical" violation on the
  Map, Timeline, Compare, Sources and About pages, wide (1600×1000) and phone
  (390×844).
- ``test_tab_reaches_the_island_list``: from a fresh load of the Map page, at most
  three Tabs reach the island list ("Island, strait or place"), or a skip link
  whose Enter moves focus there. The first 15 Tab stops are printed (pytest -s).
"""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

from conftest import local_page, streamlit_server

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
PAGES = {"map": "", "timeline": "timeline", "compare": "compare", "sources": "sources",
         "about": "about"}
SIZES = {"wide": (1600, 1000), "phone": (390, 844)}
FAILING = ("serious", "critical")
ISLAND_LIST = "Island, strait or place"
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
WAIT = 30_000  # ms; the machine has 2 cores


@pytest.fixture(scope="module")
def server():
    with streamlit_server("streamlit-a11y.log") as base:
        yield base


# --- helpers -----------------------------------------------------------------------

def new_page(browser, size: str):
    """A page of the given size; every request leaving this machine is blocked."""
    return local_page(browser, *SIZES[size])


def open_app(page, url: str) -> None:
    """Load a page and wait until the script has run and every map has drawn; then
    put axe into every frame."""
    idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    page.goto(url)
    page.locator(idle).wait_for(timeout=WAIT)
    page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]').first.wait_for(
        timeout=WAIT)
    for frame in page.locator(MAP_IFRAME).element_handles():
        frame.content_frame().locator(".leaflet-container path").first.wait_for(
            state="attached", timeout=WAIT)
    page.locator(idle).wait_for(timeout=WAIT)  # st_folium's first value may rerun
    page.wait_for_timeout(500)
    for frame in page.frames:
        if frame.parent_frame is not None:  # a map frame: its document fully there (a
            # busy machine can still be loading it after the script went idle)
            frame.wait_for_function("() => document.readyState === 'complete' && "
                                    "document.title !== ''", timeout=WAIT)
        frame.add_script_tag(content=AXE_JS)


def frame_name(frame) -> str:
    return "page" if frame.parent_frame is None else (
        "iframe " + (frame.frame_element().get_attribute("title") or frame.url))


RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"], iframes: false});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(" >> ")), summary: v.nodes[0].failureSummary}));
}"""


def _axe(frame) -> list[dict]:
    """axe's violations in one frame. A map frame that was drawn again since axe was put
    into it (a busy machine's late rerun) gets axe again, once its document is complete."""
    if not frame.evaluate("typeof axe !== 'undefined'"):
        frame.wait_for_function("() => document.readyState === 'complete' && "
                                "document.title !== ''", timeout=WAIT)
        frame.add_script_tag(content=AXE_JS)
    return frame.evaluate(RUN_AXE)


def violations(page) -> list[dict]:
    """axe's violations in every frame of the page, the main area scrolled a screenful
    at a time (axe checks colour contrast only where the text is on screen): each
    rule once a frame, with every element it found at any scroll position."""
    found: dict[tuple[str, str], dict] = {}
    main = page.locator('[data-testid="stMain"]')
    step, total = main.evaluate("m => [m.clientHeight, m.scrollHeight]")
    for top in range(0, total, step):
        main.evaluate("(m, y) => m.scrollTo(0, y)", top)
        page.wait_for_timeout(100)
        for frame in page.frames:
            where = frame_name(frame)
            for v in _axe(frame):
                seen = found.setdefault((where, v["id"]), {**v, "frame": where, "targets": []})
                seen["targets"] += [t for t in v["targets"] if t not in seen["targets"]]
    main.evaluate("m => m.scrollTo(0, 0)")
    return list(found.values())


def describe(v: dict) -> str:
    targets = "\n      ".join(v["targets"][:3])
    summary = " ".join(v["summary"].split())[:300]
    return (f"  [{v['impact']}] {v['id']} x{len(v['targets'])} in {v['frame']}: {v['help']}\n"
            f"      {targets}\n      ({summary})")


# The focused element, through same-origin iframes; its role and accessible name as
# axe computes them (axe.commons, in the element's own frame); whether it is on screen.
FOCUSED = """() => {
  let doc = document, el = doc.activeElement, frame = null;
  while (el && el.tagName === "IFRAME" && el.contentDocument) {
    frame = el.title || el.src; doc = el.contentDocument; el = doc.activeElement;
  }
  const axe = doc.defaultView.axe;
  axe.setup(doc);
  const vn = axe.utils.getNodeFromTree(el);
  const r = el.getBoundingClientRect(), win = doc.defaultView;
  const out = {tag: el.tagName.toLowerCase(), role: axe.commons.aria.getRole(vn),
               name: axe.commons.text.accessibleTextVirtual(vn).trim(), frame,
               href: el.getAttribute("href"), testid: el.closest("[data-testid]")?.dataset.testid,
               shown: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
                      && r.left < win.innerWidth && r.top < win.innerHeight};
  axe.teardown();
  return out;
}"""


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def is_island_list(stop: dict) -> bool:
    return stop["tag"] == "input" and stop["name"] == ISLAND_LIST and not stop["frame"]


def is_skip_link(stop: dict) -> bool:
    return stop["tag"] == "a" and (stop["name"].lower().startswith("skip")
                                   or (stop["href"] or "").startswith("#"))


def show(stop: dict) -> str:
    where = f"in iframe {stop['frame']}" if stop["frame"] else "page"
    return (f"{stop['tag']:<7} role={stop['role'] or '-':<9} {where:<33} "
            f"{stop['name'][:60]!r} [{stop['testid'] or ''}]"
            + ("" if stop["shown"] else " OFF-SCREEN"))


# --- the tests ------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_axe_violations(browser, server, name, size):
    with new_page(browser, size) as page:
        open_app(page, server + PAGES[name])
        found = violations(page)
    bad = [v for v in found if v["impact"] in FAILING]
    rest = [v for v in found if v["impact"] not in FAILING]
    print(f"\n{name} {size}: {len(bad)} serious/critical, {len(rest)} other")
    for v in found:
        print(describe(v))
    assert not bad, (f"axe on /{PAGES[name]} at {size} {SIZES[size]}:\n"
                     + "\n".join(describe(v) for v in bad))


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_tab_reaches_the_island_list(browser, server, size):
    with new_page(browser, size) as page:
        open_app(page, server)
        stops = [tab(page) for _ in range(15)]
    print(f"\nfirst 15 Tab stops on / at {size}:")
    for n, stop in enumerate(stops, 1):
        print(f"  {n:2} {show(stop)}")
    if any(is_island_list(s) for s in stops[:3]):
        return
    tried = []
    for n, stop in enumerate(stops[:3], 1):
        if is_skip_link(stop):  # a fresh load, n Tabs, Enter: where is the focus?
            with new_page(browser, size) as page:
                open_app(page, server)
                for _ in range(n):
                    page.keyboard.press("Tab")
                page.keyboard.press("Enter")
                after = page.evaluate(FOCUSED)
            if is_island_list(after):
                return
            tried.append(f"  Tab {n}: {stop['name']!r} -> Enter -> {show(after)}")
    pytest.fail(f"three Tabs at {size} reach neither the {ISLAND_LIST!r} input nor a skip "
                "link to it:\n" + "\n".join(f"  {n} {show(s)}" for n, s in
                                            enumerate(stops[:3], 1))
                + ("\nskip links:\n" + "\n".join(tried) if tried else ""))
