"""End to end in Debian's chromium: the real app, every non-local request blocked.

Starts the app (``python -m ui.serve``) on a free port (once per session), drives the
map inside the st_folium iframe and checks that nothing was fetched from
outside localhost. Screenshots go to /tmp/e2e-shots/.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from playwright.sync_api import expect  # noqa: E402

from conftest import SHOTS, streamlit_server

from geo import map as mapview  # noqa: E402
from geo.data.layers import load_atlas  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
WAIT = 30_000  # ms; the machine has 2 cores

@pytest.fixture(scope="session")
def server():
    with streamlit_server("streamlit.log") as base:
        yield base


class Net:
    """Blocks every request that does not go to this machine, and records it."""

    def __init__(self, page):
        self.blocked: list[str] = []
        self.sockets: list[str] = []
        page.route("**/*", self._route)
        page.on("websocket", lambda ws: self.sockets.append(ws.url))

    def _route(self, route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def check(self):
        assert self.blocked == [], f"requests to the outside: {self.blocked}"
        assert all(urlparse(w).hostname in LOCAL_HOSTS for w in self.sockets)


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    net = Net(pg)
    pg.net = net
    yield pg
    net.check()
    ctx.close()


# --- helpers -----------------------------------------------------------------------

def open_map(page, url):
    page.goto(url)
    fl = page.frame_locator(IFRAME)
    fl.locator("path.nt-f-etorofu").wait_for(timeout=WAIT)
    frame = page.locator(IFRAME).element_handle().content_frame()
    return fl, frame


def map_frame(page):
    return page.locator(IFRAME).element_handle().content_frame()


def click_at(page, lat: float, lon: float):
    """Click the map at a place, wherever it is on screen."""
    page.locator(IFRAME).first.scroll_into_view_if_needed()
    frame = map_frame(page)
    box = page.locator(IFRAME).bounding_box()
    pt = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
        " const r = window.map.getContainer().getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; }", [lat, lon])
    page.mouse.click(box["x"] + pt[0], box["y"] + pt[1])


def inside(fid: str) -> tuple[float, float]:
    g = mapview.display_land(load_atlas())[fid]
    parts = list(getattr(g, "geoms", [g]))
    p = max(parts, key=lambda x: x.area).representative_point()
    return p.y, p.x


def panel(page):
    return page.locator('[data-testid="stMain"]')


def zoom(page) -> float:
    return map_frame(page).evaluate("window.map.getZoom()")


# --- the tests ------------------------------------------------------------------------

ISLANDS = [  # (feature clicked, Japanese name, Russian name)
    ("etorofu", "択捉島", "Итуруп"),
    ("kunashiri", "国後島", "Кунашир"),
    ("shikotan", "色丹島", "Шикотан"),
    ("shibotsu", "志発島", "остров Зелёный"),  # the largest islet of the Habomai
]


def test_click_each_island_shows_its_names(page, server):
    open_map(page, server)
    for fid, ja, ru in ISLANDS:
        click_at(page, *inside(fid))
        names = panel(page).locator('[data-testid="stMarkdownContainer"]',
                                    has_text="Japanese:")
        expect(names).to_contain_text(ja, timeout=WAIT)
        expect(names).to_contain_text(ru)
        expect(page).to_have_url(f"{server}?feature={fid}", timeout=WAIT)
    expect(panel(page)).to_contain_text("Part of")  # the islet belongs to the Habomai
    page.screenshot(path=str(SHOTS / "click-islands.png"))


def test_quote_group_opens_and_stays_open_on_the_next_island(page, server):
    """Quotes are drawn when their side's group is opened; the group stays open when
    another island is clicked, now with that island's quotes."""
    open_map(page, server)
    click_at(page, *inside("etorofu"))
    expect(page).to_have_url(f"{server}?feature=etorofu", timeout=WAIT)
    # the island's own statements come first; its groups' (the four islands) after them
    label = "Commentators and analysts ("
    group = panel(page).locator('[data-testid="stExpander"]', has_text=label)
    expect(group).to_have_count(2, timeout=WAIT)  # its own, and its groups'
    expect(group.first.locator("blockquote")).to_have_count(0)
    group.first.locator("summary").click()
    expect(group.first.locator("blockquote").first).to_be_visible(timeout=WAIT)
    expect(group.first).to_contain_text("rhenium")  # Etorofu's own: RT on its rhenium
    expect(group.nth(1).locator("blockquote")).to_have_count(0)  # the groups': still closed
    click_at(page, *inside("kunashiri"))
    expect(page).to_have_url(f"{server}?feature=kunashiri", timeout=WAIT)
    expect(panel(page).locator("h3", has_text="Kunashiri")).to_be_visible(timeout=WAIT)
    group = panel(page).locator('[data-testid="stExpander"]', has_text=label)
    expect(group.first.locator("blockquote").first).to_be_visible(timeout=WAIT)
    expect(group.first).to_contain_text("Lenin")  # Kunashiri's own: the SCMP caption
    expect(group.first).to_contain_text("Source:")
    expect(group.first).to_contain_text("filed under: Commentators and analysts")


def test_scenario_switch_restyles_without_losing_zoom(page, server):
    fl, frame = open_map(page, server + "?feature=shikotan")
    for fid in ("shikotan", "shibotsu", "suisho"):
        expect(fl.locator(f"path.nt-f-{fid}")).to_have_attribute(
            "fill", mapview.HOLDER_FILL["RUS"])
    start = zoom(page)
    for _ in range(2):
        fl.locator("a.leaflet-control-zoom-in").click()
        page.wait_for_timeout(400)
    assert zoom(page) == start + 2
    frame.evaluate("window.__e2e_mark = 42")  # gone if the iframe remounts
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').click()
    page.get_by_role("option", name="1956 Joint Declaration").click()
    for fid in ("shikotan", "shibotsu", "suisho", "taraku"):
        expect(fl.locator(f"path.nt-f-{fid}")).to_have_attribute(
            "fill", mapview.HOLDER_FILL["JPN"], timeout=WAIT)
    expect(fl.locator("path.nt-f-etorofu")).to_have_attribute("fill", mapview.HOLDER_FILL["RUS"])
    expect(fl.locator("path.nt-f-etorofu")).to_have_attribute("stroke-dasharray", "6 4")
    expect(fl.locator("path.nt-f-shikotan")).not_to_have_attribute("stroke-dasharray", "6 4")
    assert map_frame(page).evaluate("window.__e2e_mark") == 42, "the map was remounted"
    assert zoom(page) == start + 2
    expect(fl.locator("path.nt-selected")).to_have_count(2)  # casing + outline: still selected
    expect(panel(page)).to_contain_text("held by Japan")
    expect(panel(page)).to_contain_text("3,330")  # population affected
    expect(page).to_have_url(f"{server}?feature=shikotan&scenario=joint-1956", timeout=WAIT)
    page.screenshot(path=str(SHOTS / "scenario-1956.png"), full_page=True)


def test_straits_overlay_and_catherine_strait(page, server):
    fl, _ = open_map(page, server)
    page.locator('[data-testid="stSidebar"]').get_by_text("Straits and their widths").click()
    fl.locator("path.nt-f-catherine-strait").wait_for(state="attached", timeout=WAIT)
    expect(fl.locator(".nt-label-catherine-strait")).to_contain_text("22.2 km")
    line = load_atlas().straits.geoms["catherine-strait"].interpolate(0.5, normalized=True)
    click_at(page, line.y, line.x)
    expect(panel(page).get_by_role("heading", level=3)).to_contain_text(
        "proliv Yekateriny", timeout=WAIT)
    expect(panel(page)).to_contain_text("Catherine Strait")
    expect(panel(page)).to_contain_text("Width at the narrows: 22.2 km")
    expect(page).to_have_url(f"{server}?feature=catherine-strait&straits=1", timeout=WAIT)
    page.screenshot(path=str(SHOTS / "straits.png"))
    # The sea division: the median line from its own static file, same map (the zones are
    # not drawn: they would show the straight edges of the computation's box).
    frame = map_frame(page)
    frame.evaluate("window.__e2e_mark = 7")
    page.locator('[data-testid="stSidebar"]').get_by_text(
        "Sea division (median line, illustration)").click()
    fl.locator("path.nt-median-line").wait_for(state="attached", timeout=WAIT)
    expect(fl.locator("path.nt-sea")).to_have_count(0)
    expect(panel(page)).to_contain_text("not a legal boundary", timeout=WAIT)
    expect(page).to_have_url(f"{server}?feature=catherine-strait&straits=1&sea=1", timeout=WAIT)
    assert map_frame(page).evaluate("window.__e2e_mark") == 7, "the map was remounted"
    page.get_by_role("button", name="Kurils and Sakhalin").click()  # the whole division
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentWindow.map"
        " && f.contentWindow.map.getZoom() < 6)", timeout=WAIT)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "sea.png"))


def test_go_to_okinawa_and_back(page, server):
    open_map(page, server)
    page.get_by_role("button", name="Okinawa and Miyako Strait").click()
    page.wait_for_function(
        "() => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
        " const m = f && f.contentWindow.map; return m && m.getCenter().lat < 30; }",
        timeout=WAIT)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "okinawa.png"))
    page.get_by_role("button", name="Disputed islands").click()
    page.wait_for_function(
        "() => window.frames.length && [...document.querySelectorAll('iframe')].some(f => "
        "f.contentWindow.map && f.contentWindow.map.getCenter().lat > 43)", timeout=WAIT)


def test_deep_link_names_and_bad_value(page, server):
    open_map(page, server + "?feature=etorofu&names=ru&scenario=four-islands&view=nowhere")
    expect(panel(page).get_by_role("heading", level=3)).to_contain_text("Iturup (Итуруп)",
                                                                       timeout=WAIT)
    fl = page.frame_locator(IFRAME)
    expect(fl.locator("path.nt-f-etorofu")).to_have_attribute("fill", mapview.HOLDER_FILL["JPN"])
    expect(fl.locator(".nt-label-etorofu")).to_contain_text("Итуруп")
    expect(page.locator('[data-testid="stAlert"]')).to_contain_text("Ignored view=nowhere")
    page.screenshot(path=str(SHOTS / "deep-link-ru.png"))


def test_sources_page_first(page, server):
    page.goto(server + "sources?source=black-2019")
    expect(panel(page)).to_contain_text("Christopher Black", timeout=WAIT)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Place names")
    page.screenshot(path=str(SHOTS / "sources.png"))


def test_visitors_arriving_together_on_a_fresh_server_all_get_the_app_shell(browser):
    """Three tabs opened at once on a server nobody has visited yet: each runs through
    app.py (the sidebar, with the names switch where it acts, the page's own content),
    none as a bare page file."""
    with streamlit_server("streamlit-fresh.log") as base:
        ctx = browser.new_context(viewport={"width": 1200, "height": 900})
        pages = {path: ctx.new_page() for path in ("sources?source=black-2019", "timeline",
                                                     "about")}
        for path, pg in pages.items():  # no waiting in between: the runs overlap
            pg.goto(base + path, wait_until="commit")
        expected = {"sources?source=black-2019": "Christopher Black",
                    "timeline": "Treaty of Shimoda", "about": "OpenStreetMap contributors"}
        for path, pg in pages.items():
            sidebar = pg.locator('[data-testid="stSidebar"]')
            expect(sidebar).to_contain_text("the app takes no side", timeout=WAIT)
            if path != "about":  # the names act on every page but About
                expect(sidebar).to_contain_text("Place names", timeout=WAIT)
            expect(panel(pg)).to_contain_text(expected[path], timeout=WAIT)
        ctx.close()


def test_timeline_page_draws_the_1905_line(page, server):
    page.goto(server + "timeline?date=1905-09-05")
    fl = page.frame_locator(IFRAME)
    # a horizontal line has no height: Playwright calls it hidden, so wait until attached
    fl.locator("path.nt-treaty-portsmouth-1905").wait_for(state="attached", timeout=WAIT)
    expect(fl.locator("path.nt-f-sakhalin-south")).to_have_attribute(
        "fill", mapview.HOLDER_FILL["JPN"], timeout=WAIT)
    expect(fl.locator("path.nt-f-sakhalin-north")).to_have_attribute(
        "fill", mapview.HOLDER_FILL["RUS"])
    expect(fl.locator(".nt-label-treaty-portsmouth-1905")).to_contain_text("50°N")
    expect(panel(page)).to_contain_text("Held by Russia: North Sakhalin")
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "timeline.png"))
    sources = panel(page).locator('[data-testid="stExpander"]').nth(3)  # the Yalta agreement
    sources.locator("summary").click()
    expect(sources).to_contain_text("Source:", timeout=WAIT)
    sources.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    page.screenshot(path=str(SHOTS / "timeline-events.png"))


# --- the Compare page: two maps whose views follow each other (geo.map.dualmap) ------------

PAIR_VIEWS = ("() => window.NT_PAIR.maps.map(m => { const c = m.getCenter();"
              " return [c.lat, c.lng, m.getZoom()]; })")
# Both maps idle (no zoom or pan animation) and at the same view: same zoom, centres
# less than 1.5 px apart on screen.
PAIR_SYNCED = """() => { const p = window.NT_PAIR, ms = p && p.maps;
  if (!ms) return false;
  const [a, b] = ms, busy = m => m._animatingZoom || (m._panAnim && m._panAnim._inProgress);
  if (busy(a) || busy(b) || a.getZoom() !== b.getZoom()) return false;
  const q = a.latLngToContainerPoint(b.getCenter()), s = a.getSize();
  return Math.abs(q.x - s.x / 2) < 1.5 && Math.abs(q.y - s.y / 2) < 1.5; }"""


def pair_view(page, settle: int = 300):
    """The view both maps share once idle: ((lat, lon) of A's centre, zoom)."""
    frame = map_frame(page)
    page.wait_for_timeout(settle)  # let a wheel zoom (debounced) or an animation start
    frame.wait_for_function(PAIR_SYNCED, timeout=WAIT)
    (lat, lon, z), _ = frame.evaluate(PAIR_VIEWS)
    return (lat, lon), z


def map_box(page, side: str):
    return page.frame_locator(IFRAME).locator(f"#{side}").bounding_box()


def drag(page, side: str, dx: float, dy: float, check=None):
    box = map_box(page, side)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x + dx * i / 10, y + dy * i / 10)
        if i == 5 and check:
            check()
    page.mouse.up()


def test_compare_maps_move_together(page, server):
    page.goto(server + "compare?a=today&b=joint-1956")
    fl = page.frame_locator(IFRAME)
    a, b = fl.locator("#map_div"), fl.locator("#map_div2")
    for m in (a, b):
        m.locator("path.nt-f-shikotan").wait_for(timeout=WAIT)
    expect(page.locator(IFRAME)).to_have_count(1)  # one component, two maps
    # each map keeps its own scenario's colours
    expect(a.locator("path.nt-f-shikotan")).to_have_attribute("fill", mapview.HOLDER_FILL["RUS"])
    expect(b.locator("path.nt-f-shikotan")).to_have_attribute("fill", mapview.HOLDER_FILL["JPN"],
                                                              timeout=WAIT)
    expect(b.locator(".nt-label-shikotan")).to_contain_text("Shikotan")
    start, z0 = pair_view(page, settle=800)
    map_frame(page).evaluate("window.__e2e_mark = 5")

    # Drag map A: B follows during the drag, not only at its end.
    mid = []
    drag(page, "map_div", -160, 90,
         check=lambda: mid.append(map_frame(page).evaluate(PAIR_SYNCED)))
    assert mid == [True], "map B did not follow during the drag"
    (lat, lon), z = pair_view(page)
    assert z == z0 and lon > start[1] + 1 and lat > start[0] + 0.5  # the view: east, north

    # Mouse wheel over map B: both zoom in, around the same point.
    box = map_box(page, "map_div2")
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
    page.mouse.wheel(0, -240)
    (lat2, lon2), z2 = pair_view(page, settle=800)
    assert z2 > z and (lat2, lon2) != (lat, lon)

    # The − control of map A, then the + control of map B.
    a.locator("a.leaflet-control-zoom-out").click()
    assert pair_view(page)[1] == z2 - 1
    b.locator("a.leaflet-control-zoom-in").click()
    assert pair_view(page)[1] == z2

    # Drag map B: A follows.
    before, _ = pair_view(page)
    drag(page, "map_div2", 120, -60)
    after, _ = pair_view(page)
    assert after[1] < before[1] and after[0] < before[0]  # the view: west, south

    # A view button moves both (st_folium moves map A, B follows).
    page.get_by_role("button", name="Okinawa and Miyako Strait").click()
    map_frame(page).wait_for_function(
        "() => window.NT_PAIR.maps.every(m => m.getCenter().lat < 30)", timeout=WAIT)
    (lat, _), z = pair_view(page)
    assert 25 < lat < 27 and z == mapview.VIEWS["okinawa"][1]

    # Another scenario on side B: restyled in place, still together, not remounted.
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Scenario B").click()
    page.get_by_role("option", name="Japan's claim (four islands)").click()
    expect(b.locator("path.nt-f-etorofu")).to_have_attribute(
        "fill", mapview.HOLDER_FILL["JPN"], timeout=WAIT)
    expect(a.locator("path.nt-f-etorofu")).to_have_attribute("fill", mapview.HOLDER_FILL["RUS"])
    assert map_frame(page).evaluate("window.__e2e_mark") == 5, "the maps were remounted"
    page.get_by_role("button", name="Disputed islands").click()
    map_frame(page).wait_for_function(
        "() => window.NT_PAIR.maps.every(m => m.getCenter().lat > 43)", timeout=WAIT)
    pair_view(page, settle=800)
    expect(page).to_have_url(f"{server}compare?a=today&b=four-islands", timeout=WAIT)
    page.screenshot(path=str(SHOTS / "compare.png"), full_page=True)
    assert page.net.blocked == []


def test_download_buttons_give_the_exports(page, server):
    """What a reader downloads is what geo.export produces: the scenario's GeoJSON and
    the quotes as CSV (all of them, and the card's own)."""
    from geo.export import annotations_csv, csv_file_bytes, scenario_geojson
    open_map(page, server + "?scenario=four-islands&feature=shikotan")
    main = panel(page)
    for label, want in (("Scenario as GeoJSON", scenario_geojson("four-islands").encode()),
                        ("Annotations as CSV (all)", csv_file_bytes(annotations_csv())),
                        ("This feature's quotes as CSV",
                         csv_file_bytes(annotations_csv("shikotan")))):
        button = main.get_by_role("button", name=label)
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=WAIT) as info:
            button.click()
        got = Path(info.value.path()).read_bytes()
        assert got == want, label
