"""Bad data: each case copies data/ and the source documents to a temporary folder,
corrupts one thing, and points the package at the copy (``NT_DATA_DIR``,
``NT_SOURCES_DIR``).

For every case:

* in ``geo``, the data folder's loader raises a DataError whose message names the
  file and the field (or the line, when the file cannot be parsed at all);
* in the app (Streamlit's AppTest, in this process), there is no exception, an
  error box shows the file and the field, and the rest of the app still works
  (another page, the sidebar, or the map itself when only the quotes are broken).

Streamlit's ``st.cache_resource`` functions of the pages are process-global and
keyed by their arguments only, so they are cleared before and after each app run.
"""
from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

import geo
from geo.data.corpus import default_corpus
from geo.errors import MAX_ID, DataError, _shown
from geo.data.events import default_timeline
from geo.data.layers import load_atlas
from geo.data.provenance import load_provenance
from geo.views.present import default_scenarios
from geo.data.places import default_places
from geo.views.story import default_story

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 120
DOCUMENTS = geo.sources_dir()  # the shipped documents (read-only), before any env change


# --- copying and corrupting ----------------------------------------------------------------

def copy_data(tmp_path: Path) -> tuple[Path, Path]:
    data, docs = tmp_path / "data", tmp_path / "sources"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(DOCUMENTS, docs)
    for p in docs.iterdir():  # the originals are read-only; the copies must be writable
        p.chmod(0o644)
    docs.chmod(0o755)
    return data, docs


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the case no longer applies"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edit_layer(path: Path, change: Callable[[dict], None]) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(json.dumps(raw), encoding="utf-8")


def feature(fc: dict, fid: str) -> dict:
    return next(f for f in fc["features"] if f["properties"]["id"] == fid)


def first_source(data: Path) -> dict:
    return yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))[0]


def bow_tie(fc: dict) -> None:
    # the two diagonals of a square cross at (147.75, 45.0), on Etorofu
    feature(fc, "etorofu")["geometry"] = {"type": "Polygon", "coordinates": [[
        [147.5, 44.75], [148.0, 45.25], [148.0, 44.75], [147.5, 45.25], [147.5, 44.75]]]}


def add_atlantis(fc: dict) -> None:
    """A feature the gazetteer does not know, with a valid geometry of its own."""
    fc["features"].append({"type": "Feature", "id": "atlantis",
                           "properties": {"id": "atlantis", "kind": "island"},
                           "geometry": feature(fc, "akiyuri")["geometry"]})


def not_utf8_document(data: Path, docs: Path) -> None:
    src = first_source(data)
    path = docs / src["file"]
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("utf-8").replace(b" ", b" caf\xe9 ", 1))  # latin-1 'é'


def wrong_quote(data: Path, docs: Path) -> None:
    replace_in(data / "annotations.yaml",
               'quote: "The situation between Japan and Russia is also at an impasse',
               'quote: "The situation between Japan and Russia is finally resolved')


def duplicate_event_id(data: Path, docs: Path) -> None:
    replace_in(data / "events.yaml", "- id: treaty-saint-petersburg-1875",
               "- id: treaty-shimoda-1855")


# --- the cases -------------------------------------------------------------------------------

MAP, SOURCES, ABOUT, TIMELINE, COMPARE, STORY = (
    "pages/map.py", "pages/sources.py", "pages/about.py", "pages/timeline.py",
    "pages/compare.py", "pages/story.py")


@dataclass(frozen=True)
class Case:
    id: str
    corrupt: Callable[[Path, Path], None]  # (data folder, documents folder)
    file: str  # the file the error names
    field: str | None  # the field it names (None: the file as a whole)
    words: str  # words of the message
    loader: str  # the geo loader that raises: see LOADERS
    item: str | None = None  # the id it names, if any
    page: str = MAP  # the page whose error box shows it
    query: dict = field(default_factory=dict)
    works: str = SOURCES  # a page that still works: see still_works()


LOADERS: dict[str, Callable[[], object]] = {
    "atlas": load_atlas,
    "corpus": default_corpus,
    "scenarios": default_scenarios,
    "timeline": default_timeline,
    "places": default_places,
    "provenance": load_provenance,
    "story": default_story,
}

CASES = [
    # --- missing files ---
    Case("gazetteer-missing", lambda d, s: (d / "gazetteer.yaml").unlink(),
         "gazetteer.yaml", None, "file not found", "atlas", works=ABOUT),
    Case("layer-missing", lambda d, s: (d / "layers" / "straits.geojson").unlink(),
         "straits.geojson", None, "file not found", "atlas"),
    Case("document-missing", lambda d, s: (s / first_source(d)["file"]).unlink(),
         "sources.yaml", "file", "document file not found", "corpus", item="black-2019",
         works=MAP),
    # --- unparseable files ---
    Case("annotations-invalid-yaml",
         lambda d, s: replace_in(d / "annotations.yaml", '  side: "commentator"\n',
                                 '  side: "commentator\n'),
         "annotations.yaml", None, "not valid YAML at line", "corpus", works=MAP),
    Case("display-layer-invalid-json",
         lambda d, s: (d / "layers" / "land.display.geojson").write_text(
             (d / "layers" / "land.display.geojson").read_text(encoding="utf-8")[:5000],
             encoding="utf-8"),
         "land.display.geojson", None, "not valid JSON", "atlas"),
    Case("provenance-invalid-yaml",
         lambda d, s: (d / "provenance.yaml").write_text("dataset: [unclosed\n",
                                                         encoding="utf-8"),
         "provenance.yaml", None, "not valid YAML at line", "provenance", page=ABOUT,
         works=MAP),
    Case("provenance-string-for-number",
         lambda d, s: replace_in(d / "provenance.yaml", "    metres: 13355.0", '    metres: "far"'),
         "provenance.yaml", "display_simplification.largest_vertex_deviation_m.metres",
         "valid number", "provenance", page=ABOUT, works=MAP),
    # --- geometry and coordinates ---
    Case("self-intersecting-polygon",
         lambda d, s: edit_layer(d / "layers" / "land.geojson", bow_tie),
         "land.geojson", "geometry", "self-intersection at (147.75, 45)", "atlas",
         item="etorofu"),
    Case("crs-not-wgs84",
         lambda d, s: edit_layer(d / "layers" / "straits.geojson", lambda fc: fc.update(
             crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}})),
         "straits.geojson", "crs", "must be WGS84 lon/lat", "atlas"),
    Case("coordinates-in-metres",
         lambda d, s: edit_layer(d / "layers" / "places.geojson", lambda fc: feature(
             fc, "cape-nosappu")["geometry"].update(coordinates=[16232000.0, 5373000.0])),
         "places.geojson", "geometry.coordinates", "not lon/lat degrees (wrong CRS?)",
         "atlas", item="cape-nosappu"),
    Case("wrong-geometry-type",
         lambda d, s: edit_layer(d / "layers" / "places.geojson", lambda fc: feature(
             fc, "cape-nosappu").update(geometry={"type": "Polygon", "coordinates": [[
                 [145.8, 43.38], [145.82, 43.38], [145.82, 43.39], [145.8, 43.38]]]})),
         "places.geojson", "geometry.type", "a Polygon where this layer needs Point",
         "atlas", item="cape-nosappu"),
    Case("empty-layer",
         lambda d, s: edit_layer(d / "layers" / "straits.geojson",
                                 lambda fc: fc.update(features=[])),
         "straits.geojson", "features", "the layer has no features", "atlas"),
    # --- ids ---
    Case("layer-unknown-id",
         lambda d, s: edit_layer(d / "layers" / "land.display.geojson", add_atlantis),
         "land.display.geojson", "properties.id", "not in the gazetteer", "atlas",
         item="atlantis"),
    Case("annotation-unknown-feature",
         lambda d, s: replace_in(d / "annotations.yaml", 'features: ["disputed-islands"]',
                                 'features: ["disputed-islands", "atlantis"]'),
         "annotations.yaml", "features", "unknown feature 'atlantis'", "corpus",
         item="black-2019-us-root-cause", works=MAP),
    Case("gazetteer-duplicate-id",
         lambda d, s: replace_in(d / "gazetteer.yaml", "- id: kunashiri", "- id: etorofu"),
         "gazetteer.yaml", "id", "duplicate id", "atlas", item="etorofu", works=ABOUT),
    Case("events-duplicate-id", duplicate_event_id,
         "events.yaml", "id", "duplicate id", "timeline", item="treaty-shimoda-1855",
         page=TIMELINE, works=MAP),
    Case("scenarios-baseline-missing",
         lambda d, s: replace_in(d / "scenarios.yaml", "- id: today", "- id: now"),
         "scenarios.yaml", "scenarios", "the baseline scenario 'today' is missing",
         "scenarios"),
    Case("scenario-unknown-annotation",
         lambda d, s: replace_in(d / "scenarios.yaml", "    - takeuchi-2024-kamikawa-inherent",
                                 "    - no-such-quote"),
         "scenarios.yaml", "sources.0", "unknown annotation 'no-such-quote'", "scenarios",
         item="today"),
    # --- quotes and documents ---
    Case("quote-not-in-source", wrong_quote,
         "annotations.yaml", "quote", "not found verbatim in 000_54d483543c86be2d.txt",
         "corpus", item="black-2019-us-root-cause", works=MAP),
    Case("document-not-utf8", not_utf8_document,
         "sources.yaml", "file", "document is not UTF-8 text", "corpus", item="black-2019",
         works=MAP),
    # --- the story's steps ---
    Case("story-unknown-view",
         lambda d, s: replace_in(d / "story.yaml", "  view: hist-1905", "  view: hist-1906"),
         "story.yaml", "view", "unknown view 'hist-1906'", "story", item="1905", page=STORY,
         query={"step": "1905"}, works=MAP),
    Case("story-three-quotes-of-a-side",
         lambda d, s: replace_in(d / "story.yaml", "    - takeuchi-2024-kamikawa-policy\n",
                                 "    - takeuchi-2024-kamikawa-policy\n"
                                 "    - rt-2023-kishida-rally-2022\n"),
         "story.yaml", "quotes", "more than 2 quotes of the side japan", "story",
         item="today", page=STORY, works=MAP),
    Case("story-missing", lambda d, s: (d / "story.yaml").unlink(),
         "story.yaml", None, "file not found", "story", page=STORY, works=MAP),
    # --- values ---
    Case("events-bad-date",
         lambda d, s: replace_in(d / "events.yaml", 'date: "1875-05-07"',
                                 'date: "2024-13-45"'),
         "events.yaml", "date", "'2024-13-45' is not a real calendar date", "timeline",
         item="treaty-saint-petersburg-1875", page=TIMELINE, works=MAP),
    Case("places-string-for-number",
         lambda d, s: replace_in(d / "places.yaml", "lon: 127.76944", 'lon: "east"'),
         "places.yaml", "lon", "valid number", "places", item="kadena",
         query={"security": "1"}, works=MAP),
    Case("strait-width-not-a-number",
         lambda d, s: edit_layer(d / "layers" / "straits.geojson", lambda fc: feature(
             fc, "soya-strait")["properties"].update(width_km="wide")),
         "straits.geojson", "properties.width_km", "must be a positive number of km",
         "atlas", item="soya-strait"),
    Case("gazetteer-string-for-number",
         lambda d, s: replace_in(d / "gazetteer.yaml", "current: {value: 6799,",
                                 'current: {value: "many",'),
         "gazetteer.yaml", "population.current.value", "valid integer", "atlas",
         item="etorofu", works=ABOUT),
    Case("gazetteer-distance-not-positive",
         lambda d, s: replace_in(d / "gazetteer.yaml",
                                 "official_distance_from_nosappu: {km: 3.7,",
                                 "official_distance_from_nosappu: {km: -3.7,"),
         "gazetteer.yaml", "official_distance_from_nosappu.km", "greater than 0", "atlas",
         item="habomai", works=ABOUT),
    Case("sources-unknown-field",
         lambda d, s: replace_in(d / "sources.yaml", '  outlets: [new-eastern-outlook, global-research]',
                                 '  outlets: [new-eastern-outlook, global-research]\n  colour: "red"'),
         "sources.yaml", "colour", "unknown field (not allowed)", "corpus", item="black-2019",
         works=MAP),
]


# --- helpers -------------------------------------------------------------------------------

@pytest.fixture
def bad_data(request, tmp_path, monkeypatch):
    """The case's corrupted copy, the package pointed at it."""
    case: Case = request.param
    data, docs = copy_data(tmp_path)
    case.corrupt(data, docs)
    monkeypatch.setenv("NT_DATA_DIR", str(data))
    monkeypatch.setenv("NT_SOURCES_DIR", str(docs))
    return case


def plain(markdown: str) -> str:
    """Markdown escaped by md_escape, as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown)


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption]
    parts += [t.value for t in at.title] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader] + [e.label for e in at.expander]
    return plain("\n".join(str(p) for p in parts))


def errors(at: AppTest) -> str:
    return plain("\n".join(e.value for e in at.error))


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def named(case: Case) -> str:
    """What the error says about where: ``<file>[, id '<item>'][, field '<field>']`` (an
    id's control characters shown as escapes, as DataError shows them)."""
    where = case.file
    if case.item is not None:
        where += f", id '{_shown(case.item, MAX_ID)}'"
    if case.field is not None:
        where += f", field '{case.field}'"
    return where


@pytest.fixture
def fresh_streamlit_caches():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def still_works(at: AppTest, case: Case) -> None:
    """The rest of the app: the sidebar (with the names convention where it acts), and
    another page."""
    assert any("takes no side" in c.value for c in at.sidebar.caption)
    if any(r.key == "names" for r in at.sidebar.radio):
        assert at.sidebar.radio(key="names").value == "both"
    at.switch_page(case.works).run()
    no_exception(at)
    text = shown(at)
    if case.works == SOURCES:  # every document listed, with its quotes
        assert "Sources" in text
        assert "Russia, Japan and the USA: The Unfinished Business of War" in text
        assert len(at.expander) >= 5
    elif case.works == ABOUT:  # the method and the provenance of the layers
        assert "About this explorer" in text and "Data and licence" in text
    elif case.works == MAP:  # the map page draws: title, scenario, feature list
        assert "Today: administered by Russia, claimed by Japan" in text
        assert at.selectbox(key="feature_box").options
        assert at.sidebar.selectbox(key="scenario").value == "today"
    else:  # pragma: no cover
        raise AssertionError(case.works)


# --- the tests -------------------------------------------------------------------------------

def test_at_least_fifteen_distinct_cases():
    assert len(CASES) >= 15
    assert len({c.id for c in CASES}) == len(CASES)


def check_loader_error(case: Case, exc: BaseException | None) -> None:
    """What the case's loader raised names the file, the record and the field."""
    assert isinstance(exc, DataError), repr(exc)
    assert Path(exc.path).name == case.file
    assert Path(exc.path).parent in (geo.data_dir(), geo.layers_dir())
    assert exc.field == case.field
    assert exc.item == case.item
    assert case.words in exc.detail, exc.detail
    assert str(exc).startswith(str(exc.path) + named(case).removeprefix(case.file))
    assert "Traceback" not in str(exc)


def run_app(case: Case) -> AppTest:
    """The app on the case's page, checked: no exception, one error box naming the file,
    record and field, with the case's words; then the rest of the app works."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in case.query.items():
        at.query_params[k] = v
    at.run()
    if case.page != MAP:
        at.switch_page(case.page).run()
    no_exception(at)
    boxes = errors(at)
    assert named(case) in boxes, boxes
    assert sum(named(case) in plain(e.value) for e in at.error) == 1  # one box per error
    assert case.words in boxes
    assert "Traceback" not in boxes
    return at


def loader_error(case: Case) -> BaseException | None:
    try:
        LOADERS[case.loader]()
    except Exception as exc:  # noqa: BLE001  (checked by check_loader_error)
        return exc
    return None


@pytest.mark.parametrize("bad_data", CASES, ids=[c.id for c in CASES], indirect=True)
def test_loader_names_file_and_field(bad_data):
    check_loader_error(bad_data, loader_error(bad_data))


@pytest.mark.parametrize("bad_data", CASES, ids=[c.id for c in CASES], indirect=True)
def test_app_shows_the_error_and_still_works(bad_data, fresh_streamlit_caches):
    still_works(run_app(bad_data), bad_data)


def test_environment_is_read_at_each_call(tmp_path, monkeypatch):
    """NT_DATA_DIR / NT_SOURCES_DIR take effect without re-importing the package, and the
    loaders' caches are keyed by folder: a copy and the shipped data do not mix."""
    shipped = load_atlas()
    data, docs = copy_data(tmp_path)
    monkeypatch.setenv("NT_DATA_DIR", str(data))
    monkeypatch.setenv("NT_SOURCES_DIR", str(docs))
    assert geo.data_dir() == data.resolve()
    assert geo.sources_dir() == docs.resolve()
    copy = load_atlas()
    assert copy is not shipped and copy.land.path.parent == data.resolve() / "layers"
    assert default_corpus().documents_dir == docs.resolve()
    assert Path(default_scenarios().path).parent == data.resolve()
    assert default_timeline().path.parent == data.resolve()
    monkeypatch.delenv("NT_DATA_DIR")
    monkeypatch.delenv("NT_SOURCES_DIR")
    assert load_atlas() is shipped
    assert default_corpus().documents_dir == DOCUMENTS
