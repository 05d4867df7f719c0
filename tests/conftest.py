"""Shared fixtures: the shipped atlas and corpus (loaded once per session) and a
factory writing small synthetic corpora (sources, annotations, documents)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import pytest

from geo.data.loading import dump_yaml
from geo.data.corpus import Corpus, load_corpus
from geo.data.gazetteer import Gazetteer, load_gazetteer
from geo.data.layers import Atlas, load_atlas
from geo.views.present import default_scenarios


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("E2E_SHOTS", "/tmp/e2e-shots"))  # screenshots and server logs

# The served assets (Leaflet, the map's data files) go to a temporary folder during the
# tests, never into the tree (geo.map.assets.static_dir); each server gets its own.
STATIC = Path(tempfile.mkdtemp(prefix="nt-static-"))
os.environ["NT_STATIC_DIR"] = str(STATIC)
atexit.register(shutil.rmtree, STATIC, True)
# No start-up warm-up in this process (ui.warm): AppTest runs app.py here, and its warm-up
# would compute in the background while tests change the data. The servers the tests
# start warm up as deployed (streamlit_server); tests/test_warm.py runs it itself.
os.environ["NT_WARM_UP"] = "0"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(log_name: str, env: dict[str, str] | None = None, seconds: float = 90):
    """The app served as the README serves it (``python -m ui.serve``: ``streamlit run
    app.py`` with the warm-up) on a free port (``env`` added to the environment, e.g.
    NT_DATA_DIR); yields its base URL once healthy, stops it afterwards. Its output
    goes to SHOTS/<log_name>.

    The server runs from a temporary app folder (:func:`app_folder`)."""
    port = free_port()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with app_folder() as app_root, open(SHOTS / log_name, "wb") as log:
        env = {**os.environ, "NT_STATIC_DIR": str(app_root / "static"), "NT_WARM_UP": "1",
               **(env or {})}
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=app_root, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://localhost:{port}/"
        deadline = time.time() + seconds
        try:
            while True:
                try:
                    with urllib.request.urlopen(base + "_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"streamlit did not start (exit {proc.poll()}); "
                                       f"see {SHOTS / log_name}")
                time.sleep(0.3)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


@contextlib.contextmanager
def app_folder():
    """A temporary app folder for a server started by a test: links to app.py, pages/,
    ui/, geo/ and .streamlit/, and a real static/ of its own (Streamlit serves the
    static/ beside the script; the app fills it at start-up, so nothing is written into
    the tree). Removed afterwards."""
    app_root = Path(tempfile.mkdtemp(prefix="nt-app-"))
    try:
        for name in ("app.py", "pages", "ui", "geo", ".streamlit"):
            (app_root / name).symlink_to(ROOT / name)
        (app_root / "static").mkdir()
        yield app_root
    finally:
        shutil.rmtree(app_root, ignore_errors=True)


# Fixtures that start a Streamlit server, and the browser: the tests that use them are
# marked, so that `pytest -m "not browser and not server"` is the quick loop (the
# README's test command still runs everything).
SERVER_FIXTURES = {"server", "bad_server", "hostile_server"}


def pytest_collection_modifyitems(items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if names & SERVER_FIXTURES:
            item.add_marker(pytest.mark.server)


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


@contextlib.contextmanager
def local_page(browser, width: int, height: int, touch: bool = False):
    """A page of that size (a touch screen if ``touch``) in a context of its own; every
    request leaving this machine is blocked, and the test fails if one was made."""
    ctx = browser.new_context(viewport={"width": width, "height": height},
                              has_touch=touch, is_mobile=touch)
    page = ctx.new_page()
    blocked: list[str] = []

    def route(r):
        url = urllib.parse.urlparse(r.request.url)
        if url.scheme in ("data", "blob") or url.hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        yield page
    finally:
        ctx.close()
    assert blocked == [], f"requests to the outside: {blocked}"


def file_page(browser, allowed, width: int = 1400, height: int = 1000):
    """A context and a page whose every request is recorded (``page.requests``, with the
    page's errors in ``page.errors``); only the ``allowed`` URLs (without their hash) are
    served, every other request is aborted. The caller closes the context."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    page.errors, page.requests = [], []
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def route(r):
        page.requests.append(r.request.url)
        if r.request.url.split("#")[0] in allowed:
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    return ctx, page


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright; one per test session.

    Not skipped when chromium is missing: scripts/setup.sh installs it, and a
    browser test that silently does not run would prove nothing.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def scenarios():
    """The shipped present-day scenarios."""
    return default_scenarios()


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The shipped gazetteer and layers, loaded once per test session."""
    return load_atlas()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def shipped_corpus(gazetteer) -> Corpus:
    """data/sources.yaml + data/annotations.yaml, quotes checked against ../shared/sources."""
    return load_corpus(gazetteer=gazetteer, check_quotes=True)


# --- a tiny synthetic corpus ------------------------------------------------------

MINI_DOC = """Moscow calls them the \u201cSouthern Kurils\u201d \u2014 Iturup, Kunashir, Shikotan
and the Habomai Islands \u2014 while Tokyo says the \u2018Northern Territories\u2019 \
are Japan\u2019s.
The Soviet Union agreed in 1956 to hand over Shikotan and the Habomai after a peace treaty.
Fishermen near Suisho Island were detained again, a Japanese official said.
Tokyo insists that the Habomai and Suisho belong to Hokkaido.
The Kuril Islands stretch from Hokkaido to Kamchatka, the author notes.
"""

MINI_SOURCES = [{
    "id": "doc-a", "file": "a.txt", "title": "A small test document", "author": "A. Writer",
    "outlet": "Test Outlet", "outlets": ["test-outlet"], "date": "2024-02",
    "date_note": "From the dateline.", "kind": "opinion", "note": "Synthetic.",
}]

# The attribution file of the synthetic corpus (the rule, parties, speakers, outlets).
MINI_ATTRIBUTION = {
    "rule": "A statement is filed under the party whose position it expresses.",
    "parties": {p: {"label": label, "description": f"The {label}."} for p, label in (
        ("japan", "Japanese government"), ("russia", "Russian or Soviet government"),
        ("united-states", "United States government"), ("joint", "Joint or bilateral"),
        ("commentator", "Commentators and analysts"))},
    "outlets": {"test-outlet": {"name": "Test Outlet", "affiliation": "A test outlet.",
                                "refs": ["test-ref"]}},
    "speakers": {
        "A. Writer": {"parties": ["commentator"], "affiliation": "The test author.",
                      "documents": ["doc-a"]},
        "Moscow": {"parties": ["russia"], "affiliation": "The Russian government.",
                   "refs": ["test-ref"]},
        "Soviet Union": {"parties": ["russia", "joint"], "affiliation": "The Soviet Union.",
                         "refs": ["test-ref"]},
        "Japanese official": {"parties": ["japan"], "affiliation": "An official of Japan.",
                              "documents": ["doc-a"]},
        "Japanese government": {"parties": ["japan"], "affiliation": "Japan's government.",
                                "refs": ["test-ref"]},
    },
    "references": {"test-ref": {"title": "A test reference", "publisher": "Tests",
                                "url": "https://example.org/ref"}},
}


def mini_annotation(id: str, quote: str, features: list[str], side: str = "commentator",
                    topic: str = "sovereignty", **extra) -> dict:
    ann = {"id": id, "source": "doc-a", "features": features, "quote": quote,
           "speaker": "A. Writer", "speaker_role": "author", "side": side, "topic": topic,
           "said": "2024-02", "reported": False}
    ann.update(extra)
    return ann


def mini_annotations() -> list[dict]:
    return [
        # straight quotes, hyphens and one line where the document has typographic
        # marks, em dashes and a line break: must match after normalisation
        mini_annotation(
            "a-names", "Moscow calls them the \"Southern Kurils\" - Iturup, Kunashir, Shikotan "
            "and the Habomai Islands - while Tokyo says the 'Northern Territories' are Japan's.",
            ["etorofu", "kunashiri", "shikotan", "habomai"], side="russia", topic="names",
            speaker="Moscow", speaker_role="Russian government", said=None),
        mini_annotation(
            "a-1956", "The Soviet Union agreed in 1956 to hand over Shikotan and the Habomai "
            "after a peace treaty.", ["shikotan", "habomai"], side="russia",
            topic="declaration-1956", said="1956", speaker="Soviet Union",
            speaker_role="1956 declaration"),
        mini_annotation(
            "a-suisho", "Fishermen near Suisho Island were detained again, a Japanese official "
            "said.", ["suisho"], side="japan", topic="incidents", reported=True,
            speaker="Japanese official", speaker_role="unnamed"),
        mini_annotation(
            "a-both", "Tokyo insists that the Habomai and Suisho belong to Hokkaido.",
            ["habomai", "suisho", "hokkaido"], side="japan", topic="sovereignty",
            said="2024-02-07", speaker="Japanese government", speaker_role="position"),
        mini_annotation(
            "a-kurils", "The Kuril Islands stretch from Hokkaido to Kamchatka, the author notes.",
            ["kuril-islands"], side="commentator", topic="names"),
    ]


@dataclass
class CorpusFiles:
    sources_path: Path
    annotations_path: Path
    documents_dir: Path
    gazetteer: Gazetteer
    attribution_path: Path

    def load(self, **kw) -> Corpus:
        kw.setdefault("gazetteer", self.gazetteer)
        kw.setdefault("documents_dir", self.documents_dir)
        kw.setdefault("attribution_path", self.attribution_path)
        return load_corpus(self.sources_path, self.annotations_path, **kw)


def _dump(data) -> str:
    if isinstance(data, str):
        return data
    return dump_yaml(data, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture
def corpus_files(tmp_path, gazetteer):
    """Factory: write sources.yaml, annotations.yaml (lists of dicts or raw YAML text)
    and documents ({file name: text or bytes}) into tmp_path."""
    def make(sources=None, annotations=None, documents=None, attribution=None) -> CorpusFiles:
        docs_dir = tmp_path / "documents"
        docs_dir.mkdir(exist_ok=True)
        for name, content in (documents if documents is not None
                              else {"a.txt": MINI_DOC}).items():
            p = docs_dir / name
            if isinstance(content, bytes):
                p.write_bytes(content)
            else:
                p.write_text(content, encoding="utf-8")
        sp, ap = tmp_path / "sources.yaml", tmp_path / "annotations.yaml"
        at = tmp_path / "attribution.yaml"
        sp.write_text(_dump(sources if sources is not None else MINI_SOURCES), encoding="utf-8")
        ap.write_text(_dump(annotations if annotations is not None else mini_annotations()),
                      encoding="utf-8")
        at.write_text(_dump(attribution if attribution is not None else MINI_ATTRIBUTION),
                      encoding="utf-8")
        return CorpusFiles(sp, ap, docs_dir, gazetteer, at)
    return make


@pytest.fixture
def mini_corpus(corpus_files) -> Corpus:
    return corpus_files().load()


@pytest.fixture
def mini_data():
    """Building blocks of the synthetic corpus: .doc, .sources(), .annotation(...),
    .annotations()."""
    import copy
    from types import SimpleNamespace
    return SimpleNamespace(doc=MINI_DOC, sources=lambda: copy.deepcopy(MINI_SOURCES),
                           annotation=mini_annotation, annotations=mini_annotations,
                           attribution=lambda: copy.deepcopy(MINI_ATTRIBUTION))
