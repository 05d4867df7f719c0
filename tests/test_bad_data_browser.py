"""Bad data in a real browser: a Streamlit server over a copy of the data whose
annotations.yaml is not valid YAML, opened in Debian's chromium.

The page must show the error naming the file, no traceback, and the rest of the
app must still work: the map is drawn. Every request that leaves this machine is
blocked (the app needs none).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

import geo
from conftest import SHOTS, local_page, streamlit_server

ROOT = Path(__file__).resolve().parent.parent
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
WAIT = 60_000  # ms; the machine has 2 cores


@pytest.fixture(scope="module")
def bad_server(tmp_path_factory):
    """The app (``python -m ui.serve``) with NT_DATA_DIR on a copy whose annotations.yaml is
    broken."""
    tmp = tmp_path_factory.mktemp("bad-annotations")
    data, docs = tmp / "data", tmp / "sources"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(geo.sources_dir(), docs)
    ann = data / "annotations.yaml"
    text = ann.read_text(encoding="utf-8")
    assert '  side: "commentator"\n' in text
    ann.write_text(text.replace('  side: "commentator"\n', '  side: "commentator\n', 1),
                   encoding="utf-8")
    env = {"NT_DATA_DIR": str(data), "NT_SOURCES_DIR": str(docs)}
    with streamlit_server("streamlit-bad-data.log", env) as base:
        yield base, data


def test_browser_shows_the_bad_file_and_still_draws_the_map(browser, bad_server):
    base, data = bad_server
    with local_page(browser, 1400, 1000) as page:  # nothing may leave this machine
        page.goto(base)
        main = page.locator('[data-testid="stMain"]')
        alert = main.locator('[data-testid="stAlert"]', has_text="annotations.yaml")
        expect(alert).to_be_visible(timeout=WAIT)
        expect(alert).to_contain_text("Could not load the annotations")
        expect(alert).to_contain_text(str(data / "annotations.yaml"))
        expect(alert).to_contain_text("not valid YAML at line")
        # the rest of the app works: the map is drawn, with the islands
        fl = page.frame_locator(IFRAME)
        fl.locator("path.nt-f-etorofu").wait_for(state="attached", timeout=WAIT)
        expect(main).to_contain_text("Today: administered by Russia, claimed by Japan")
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Scenario")
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / "bad-annotations.png"))
        # no traceback anywhere
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert "Traceback" not in page.locator("body").inner_text()


def test_the_server_warms_up_without_the_broken_file(bad_server):
    """python -m ui.serve starts the warm-up with the server (ui.warm): the broken file
    fails the steps that read it, named in the server's log, and the rest is done."""
    import time
    log = SHOTS / "streamlit-bad-data.log"
    deadline = time.time() + 120
    while "warm-up done" not in log.read_text(encoding="utf-8", errors="replace"):
        assert time.time() < deadline, log.read_text(encoding="utf-8", errors="replace")[-2000:]
        time.sleep(0.5)
    line = next(x for x in log.read_text(encoding="utf-8").splitlines() if "warm-up done" in x)
    _, data = bad_server
    assert f"failed: cards: {data / 'annotations.yaml'}" in line and "not valid YAML" in line
    for step in ("map files", "maps", "selected maps", "nearest bases"):
        done = line.split(f" {step} (", 1)[1].split(")", 1)[0]  # "10 of 10"
        n, _, m = done.partition(" of ")
        assert n == m and int(n) > 0, (step, line)
