"""The guided story in Debian's chromium: on the app's Story page each step opens by its
deep link (``/story?step=1905``) and shows its view (the islands' fills are the view's
holders) at its extent; the buttons and the keys ← → walk the steps and the URL follows.
In the static explorer each step opens by its hash (``#story=1905``) and the buttons and
keys walk it too; its share box gives the link and an ``<iframe>`` snippet, and the snippet
pasted into another page shows the explorer at that view with no request leaving.
Screenshots go to /tmp/e2e-shots/story-*.png."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import SHOTS, file_page, local_page, streamlit_server
from test_e2e import IFRAME, WAIT

from geo.cli.export import main
from geo.data.layers import load_atlas
from geo.i18n import text_in
from geo.map.style import HOLDER_FILL
from geo.views.present import holder_of
from geo.views.story import default_story, step_view

# Features whose fill shows the step's view: the islands, and Sakhalin's halves and Urup
# where a historical view decides them.
SHOWN = ("etorofu", "shikotan", "urup", "sakhalin-south")


@pytest.fixture(scope="module")
def server():
    with streamlit_server("story.log") as base:
        yield base


def expected_fills(step) -> dict[str, str]:
    """The fill of each of SHOWN that the step's view decides, from the one holder_of."""
    view, gaz = step_view(step).view, load_atlas().gaz
    decided = view.decided_holders(gaz)
    return {fid: HOLDER_FILL[holder_of(view, gaz, fid)] for fid in SHOWN
            if fid in decided or fid in ("etorofu", "shikotan")}


def _at_extent(frame, sv) -> None:
    """Wait until the map looks at the step's extent (its centre and zoom)."""
    frame.wait_for_function("""([lat, zoom]) => window.map && window.map.getZoom() === zoom
        && Math.abs(window.map.getCenter().lat - lat) < 0.5""",
                            arg=[sv.center[0], sv.zoom], timeout=WAIT)


def test_each_step_opens_by_its_link_and_shows_its_view(browser, server):
    story = default_story()
    with local_page(browser, 1400, 1000) as page:
        for i, step in enumerate(story.steps):
            page.goto(f"{server}story?step={step.id}")
            main = page.locator('[data-testid="stMain"]')
            expect(main.get_by_role("heading", name=text_in(step.title, "en"))).to_be_visible(
                timeout=WAIT)
            expect(main).to_contain_text(f"Step {i + 1} of {len(story)}")
            fl = page.frame_locator(IFRAME)
            for fid, fill in expected_fills(step).items():
                expect(fl.locator(f"path.nt-f-{fid}").first).to_have_attribute(
                    "fill", fill, timeout=WAIT)
            _at_extent(page.locator(IFRAME).element_handle().content_frame(), step_view(step))
            assert page.url.endswith(f"story?step={step.id}")
            if i in (0, len(story) - 1):
                page.screenshot(path=str(SHOTS / f"story-app-{step.id}.png"))


def test_the_buttons_and_the_arrow_keys_walk_the_steps(browser, server):
    story = default_story()
    first, second, third = story.ids[:3]
    with local_page(browser, 1400, 1000) as page:
        page.goto(f"{server}story?step={first}")
        main = page.locator('[data-testid="stMain"]')
        expect(main).to_contain_text(f"Step 1 of {len(story)}", timeout=WAIT)
        expect(main.get_by_role("button", name=re.compile("Previous"))).to_be_disabled()
        main.get_by_role("button", name=re.compile("Next")).click()
        expect(page).to_have_url(re.compile(rf"story\?step={second}$"), timeout=WAIT)
        expect(main.get_by_role("heading", name=text_in(story.get(second).title, "en"))
               ).to_be_visible(timeout=WAIT)
        main.get_by_role("heading", name="The dispute step by step").click()  # focus the page
        page.keyboard.press("ArrowRight")
        expect(page).to_have_url(re.compile(rf"story\?step={third}$"), timeout=WAIT)
        page.keyboard.press("ArrowLeft")
        expect(page).to_have_url(re.compile(rf"story\?step={second}$"), timeout=WAIT)
        expect(main).to_contain_text(f"Step 2 of {len(story)}", timeout=WAIT)


def test_the_story_on_a_phone(browser, server):
    story = default_story()
    step = story.steps[2]
    with local_page(browser, 390, 844, touch=True) as page:
        page.goto(f"{server}story?step={step.id}")
        main = page.locator('[data-testid="stMain"]')
        expect(main.get_by_role("heading", name=text_in(step.title, "en"))).to_be_visible(
            timeout=WAIT)
        fl = page.frame_locator(IFRAME)
        expect(fl.locator("path.nt-f-etorofu").first).to_have_attribute(
            "fill", expected_fills(step)["etorofu"], timeout=WAIT)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px screen"
        page.screenshot(path=str(SHOTS / "story-app-phone.png"), full_page=True)


# --- the static explorer ------------------------------------------------------------------

@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    path = tmp_path_factory.mktemp("story") / "explorer.html"
    assert main(["atlas", str(path)]) == 0
    return path


def test_each_step_opens_by_its_hash_in_the_explorer(browser, explorer):
    story = default_story()
    ctx, page = file_page(browser, {explorer.as_uri()})
    try:
        for step in story.steps:
            page.goto(f"{explorer.as_uri()}#story={step.id}")
            page.reload()  # a hash change alone does not load the page again
            page.wait_for_selector("path.nt-f-etorofu", timeout=WAIT)
            assert page.inner_text(".nt-step-title") == text_in(step.title, "en")
            for fid, fill in expected_fills(step).items():
                assert page.get_attribute(f"path.nt-f-{fid}", "fill").upper() == fill, (
                    step.id, fid)
            assert page.eval_on_selector("#nt-view-select", "s => s.value") == step.view
            sv = step_view(step)
            lat, zoom = page.evaluate("[map.getCenter().lat, map.getZoom()]")
            assert zoom == sv.zoom and abs(lat - sv.center[0]) < 0.5, step.id
        assert page.errors == []
        assert {u.split("#")[0] for u in page.requests} == {explorer.as_uri()}
    finally:
        ctx.close()


def test_the_explorer_s_story_walks_by_buttons_and_keys(browser, explorer):
    story = default_story()
    ctx, page = file_page(browser, {explorer.as_uri()})
    try:
        page.goto(explorer.as_uri())
        page.wait_for_selector("path.nt-f-etorofu", timeout=WAIT)
        page.get_by_role("button", name="Start the story").click()
        assert page.evaluate("location.hash") == f"#story={story.ids[0]}"
        assert page.is_disabled("#nt-story-prev")
        page.click("#nt-story-next")
        assert page.evaluate("location.hash") == f"#story={story.ids[1]}"
        page.locator("#nt-story-h").click()
        page.keyboard.press("ArrowRight")
        assert page.evaluate("location.hash") == f"#story={story.ids[2]}"
        page.keyboard.press("ArrowLeft")
        assert page.evaluate("location.hash") == f"#story={story.ids[1]}"
        # the keys pan the map when the focus is on it, and do not change the step
        page.focus("#map")
        page.keyboard.press("ArrowRight")
        assert page.evaluate("location.hash") == f"#story={story.ids[1]}"
        page.get_by_label("Step", exact=True).select_option(story.ids[-1])
        assert page.evaluate("location.hash") == f"#story={story.ids[-1]}"
        assert page.is_disabled("#nt-story-next")
        page.get_by_role("button", name="Leave the story").click()
        assert "story=" not in page.evaluate("location.hash")
        assert page.locator(".nt-step-title").count() == 0
        assert page.errors == []
    finally:
        ctx.close()


def test_the_embed_snippet_shows_the_view_in_another_page(browser, explorer):
    """The share box's snippet, pasted into a page beside the explorer, frames it at the
    shared view; nothing is requested but the two files."""
    story = default_story()
    step = story.steps[1]
    ctx, page = file_page(browser, {explorer.as_uri()})
    try:
        page.goto(f"{explorer.as_uri()}#story={step.id}&names=ja")
        page.wait_for_selector("path.nt-f-etorofu", timeout=WAIT)
        page.locator(".nt-share > summary").click()
        link = page.input_value("#nt-share-link")
        snippet = page.input_value("#nt-share-embed")
        assert link == f"{explorer.as_uri()}#story={step.id}&names=ja"
        assert snippet.startswith(f'<iframe src="{link.replace("&", "&amp;")}"')
        assert 'title="' in snippet and snippet.endswith("</iframe>")
    finally:
        ctx.close()
    host = explorer.with_name("host.html")
    host.write_text(f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>An "
                    f"article</title></head><body><h1>An article</h1>{snippet}</body></html>",
                    encoding="utf-8")
    ctx, page = file_page(browser, {explorer.as_uri(), host.as_uri()})
    try:
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe")
        expect(frame.locator(".nt-step-title")).to_have_text(text_in(step.title, "en"),
                                                             timeout=WAIT)
        for fid, fill in expected_fills(step).items():
            expect(frame.locator(f"path.nt-f-{fid}")).to_have_attribute(
                "fill", re.compile(fill, re.IGNORECASE), timeout=WAIT)
        expect(frame.locator("#nt-side")).to_contain_text("択捉")  # the names in the hash
        page.screenshot(path=str(SHOTS / "story-embed.png"))
        assert page.errors == []
        assert {u.split("#")[0] for u in page.requests} == {host.as_uri(), explorer.as_uri()}
    finally:
        ctx.close()
