"""The three languages in Debian's chromium, on one real server: ``?lang=ja`` and
``?lang=ru`` give that language's navigation, legend and card labels (a click on an
island); two readers in two languages at once never see each other's language; a quote
stays in its document's language; the page says its language (``<html lang>``).
Screenshots of the Map page in each language go to /tmp/e2e-shots/map-<lang>.png."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import SHOTS, local_page, streamlit_server
from test_e2e import IFRAME, WAIT, click_at, inside, open_map, panel

from geo.analysis.cards import feature_card
from geo.data.layers import load_atlas
from geo.i18n import LANGS, translator
from geo.map.legend import legend
from geo.views.present import default_scenarios
from ui.keys import NAMES_BY_LANG

NAV = '[data-testid="stSidebarNav"]'
PAGES = ("Map", "Timeline", "Compare", "Sources", "About")


@pytest.fixture(scope="module")
def server():
    with streamlit_server("i18n.log") as base:
        yield base


def legend_labels(lang: str) -> list[str]:
    """The Map page's legend rows for today's view, as the app writes them in ``lang``."""
    view = default_scenarios().baseline
    return [it.label for it in legend(view, load_atlas(), lang=lang, names=NAMES_BY_LANG[lang])]


def a_quote_of(fid: str) -> str:
    """The first words of the first quote on the island's card (as its document has them)."""
    q = feature_card(fid).annotations[0].topics[0].annotations[0]
    return " ".join(q.quote.split()[:6])


def check_language(page, server: str, lang: str) -> None:
    _ = translator(lang)
    fl, _frame = open_map(page, f"{server}?lang={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    nav = page.locator(NAV)
    for title in PAGES:
        expect(nav).to_contain_text(_(title), timeout=WAIT)
    main = panel(page)
    for label in legend_labels(lang)[:3]:
        expect(main).to_contain_text(label, timeout=WAIT)
    click_at(page, *inside("kunashiri"))
    # the browser's locale is en-US: English needs no parameter to come back
    tail = "" if lang == "en" else f"&lang={lang}"
    expect(page).to_have_url(f"{server}?feature=kunashiri{tail}", timeout=WAIT)
    for label in ("Administered by", "Claimed by", "Area (computed)"):
        expect(main).to_contain_text(_(label), timeout=WAIT)
    if lang != "en":
        expect(main).not_to_contain_text("Administered by")


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_shows_its_navigation_legend_and_card(browser, server, lang):
    with local_page(browser, 1400, 1000) as page:
        check_language(page, server, lang)
        page.locator(IFRAME).first.scroll_into_view_if_needed()
        page.wait_for_timeout(800)  # the card's sheet and the map settle
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"map-{lang}.png"))


def test_two_readers_in_two_languages_at_once(browser, server):
    """Two browsers on one server, interleaved: each keeps its own language."""
    with local_page(browser, 1200, 900) as ja, local_page(browser, 1200, 900) as ru:
        open_map(ja, f"{server}?lang=ja")
        open_map(ru, f"{server}?lang=ru")
        for page, lang, other in ((ja, "ja", "ru"), (ru, "ru", "ja"), (ja, "ja", "ru")):
            click_at(page, *inside("etorofu"))
            expect(page).to_have_url(f"{server}?feature=etorofu&lang={lang}", timeout=WAIT)
            main = panel(page)
            expect(main).to_contain_text(translator(lang)("Administered by"), timeout=WAIT)
            expect(main).not_to_contain_text(translator(other)("Administered by"))
            expect(page.locator(NAV)).to_contain_text(translator(lang)("Timeline"))


def test_a_quote_stays_in_its_documents_language(browser, server):
    """In the Russian interface the card's quotes are the documents' English words,
    verbatim; the labels around them are Russian."""
    with local_page(browser, 1400, 1000) as page:
        open_map(page, f"{server}?lang=ru&feature=kunashiri")
        words = a_quote_of("kunashiri")
        groups = panel(page).locator('[data-testid="stExpander"]')
        expect(groups.first).to_be_visible(timeout=WAIT)
        for i in range(groups.count()):
            groups.nth(i).locator("summary").click()
        expect(panel(page).locator("blockquote", has_text=words).first).to_be_visible(
            timeout=WAIT)
        expect(panel(page)).to_contain_text(translator("ru")("Source:"))


def test_switching_the_language_in_the_sidebar_rewrites_every_word(browser, server):
    """The switch, not the URL: the page, the map, the card and the scenario's select box
    (a widget that would keep showing its value's English words) follow at once, and the
    URL takes the language."""
    from geo.views.catalog import view
    from geo.i18n import text_in
    with local_page(browser, 1400, 1000) as page:
        open_map(page, f"{server}?feature=etorofu&scenario=joint-1956")
        page.get_by_text("Русский", exact=True).click()
        expect(page).to_have_url(f"{server}?feature=etorofu&scenario=joint-1956&lang=ru",
                                 timeout=WAIT)
        box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
        expect(box.locator("input")).to_have_value(
            text_in(view("joint-1956").short_title, "ru"), timeout=WAIT)
        expect(panel(page)).to_contain_text(translator("ru")("Administered by"), timeout=WAIT)
        expect(page.locator(NAV)).to_contain_text(translator("ru")("Timeline"))
