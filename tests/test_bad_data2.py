"""Bad data, part two (issue 10): files that hung the app, crashed a page with a
traceback, or were accepted silently.

The same harness as tests/test_bad_data.py (a corrupted copy of data/ and of the
documents, the package pointed at it): each case's loader raises a DataError naming
the file, the record and the field, and the app shows it in one error box and keeps
working. The cases here are new: YAML alias bombs, a FIFO for a document, a symbolic
link loop, a NUL byte in a file name, a group that contains itself, the events the
historical views need, coordinates given as text or booleans, infinite widths,
duplicate keys, non-ASCII digits, an id with a trailing newline, unknown sections,
tags, deep nesting, a file too large, a template payload as a layer id, and more.

A loader must answer each case at once: it runs under a watchdog that fails the test
if no answer comes within WATCHDOG seconds (a hang, not a speed measurement).
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from test_bad_data import (ABOUT, APP, COMPARE, LOADERS, MAP, TIMELINE, TIMEOUT, Case,
                           check_loader_error, copy_data, edit_layer, feature, first_source,
                           no_exception, plain, replace_in, run_app, still_works)
from test_bad_data import bad_data, fresh_streamlit_caches  # noqa: F401  (fixtures)

WATCHDOG = 20.0


# --- corruptions ------------------------------------------------------------------------------

def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: 10**levels copies of 'lol' from a few hundred bytes."""
    lines = ['a0: &a0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def provenance_bomb(d: Path, s: Path) -> None:
    text = (d / "provenance.yaml").read_text(encoding="utf-8")
    (d / "provenance.yaml").write_text(billion_laughs() + text, encoding="utf-8")


def events_holder_bomb(d: Path, s: Path) -> None:
    bomb = "".join(f"  - &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]\n"
                   for i in range(1, 9))
    replace_in(d / "events.yaml", "  holders:\n    etorofu: JPN\n",
               "  holders:\n    etorofu: JPN\n    urup: &l0 [lol]\n", 1)
    path = d / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nbomb:\n" + bomb, encoding="utf-8")


def fifo_document(d: Path, s: Path) -> None:
    path = s / first_source(d)["file"]
    path.unlink()
    os.mkfifo(path)  # no writer: an ordinary open() would wait forever


def symlink_loop(d: Path, s: Path) -> None:
    path = d / "gazetteer.yaml"
    path.unlink()
    path.symlink_to(path.name)  # gazetteer.yaml -> gazetteer.yaml


def group_contains_itself(d: Path, s: Path) -> None:
    replace_in(d / "gazetteer.yaml", "members: [suisho, akiyuri, yuri, shibotsu, taraku, "
               "habomai-minor]", "members: [suisho, akiyuri, yuri, shibotsu, taraku, "
               "habomai-minor, disputed-islands]")


def long_name(d: Path, s: Path) -> None:
    replace_in(d / "gazetteer.yaml", 'en: ["Etorofu", "Iturup"]',
               f'en: ["{"E" * 100_000}", "Iturup"]')


def late_first_holders(d: Path, s: Path) -> None:
    replace_in(d / "events.yaml", '- id: treaty-shimoda-1855\n  date: "1855-02-07"',
               '- id: treaty-shimoda-1855\n  date: "1855-03-01"')


def template_id(d: Path, s: Path) -> None:
    def change(fc):
        ctx = next(f for f in fc["features"] if f["properties"]["kind"] == "context")
        bad = "land-chn{{ cycler.__init__.__globals__.os.popen('id').read() }}"
        ctx["id"] = ctx["properties"]["id"] = bad
    edit_layer(d / "layers" / "land.display.geojson", change)


def infinite_width(d: Path, s: Path) -> None:
    path = d / "layers" / "straits.geojson"
    text = path.read_text(encoding="utf-8")
    fc = json.loads(text)
    w = feature(fc, "soya-strait")["properties"]["width_km"]
    old = f'"between":["hokkaido","sakhalin"],"width_km":{w}'
    assert old in text, "the layer's layout changed: the case no longer applies"
    path.write_text(text.replace(old, old.replace(str(w), "Infinity")), encoding="utf-8")


def not_utf8_layer(d: Path, s: Path) -> None:
    path = d / "layers" / "places.geojson"
    path.write_bytes(path.read_bytes().replace(b'"place"', b'"pl\xe9ce"', 1))


def too_large(d: Path, s: Path) -> None:
    path = d / "sources.yaml"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(("# padding\n" * 450_000))


def deep_nesting(d: Path, s: Path) -> None:
    replace_in(d / "scenarios.yaml", "  sources:\n    - takeuchi-2024-kamikawa-inherent",
               "  sources:\n    - takeuchi-2024-kamikawa-inherent\n  nested: " + "[" * 100
               + "]" * 100)


# The line of etorofu's "kind" in the shipped gazetteer (the duplicate is the next line).
_ETOROFU_KIND = (Path(__file__).resolve().parent.parent / "data" / "gazetteer.yaml").read_text(
    encoding="utf-8").split("\n").index("- id: etorofu") + 2

CASES = [
    # --- hangs ---
    Case("provenance-alias-bomb", provenance_bomb, "provenance.yaml", None,
         "anchors (&a0) are not allowed", "provenance", page=ABOUT, works=MAP),
    Case("document-is-a-fifo", fifo_document, "sources.yaml", "file",
         "is a named pipe (FIFO), not a regular file", "corpus", item="black-2019",
         works=MAP),
    Case("events-holder-alias-bomb", events_holder_bomb, "events.yaml", None,
         "anchors (&l0) are not allowed", "timeline", page=TIMELINE, works=MAP),
    Case("island-name-100000-characters", long_name, "gazetteer.yaml", "names.en.0",
         "at most 200 characters", "atlas", item="etorofu", works=ABOUT),
    # --- tracebacks ---
    Case("group-contains-itself", group_contains_itself, "gazetteer.yaml", "geometry.members",
         "a loop: habomai -> disputed-islands -> habomai", "atlas",
         item="disputed-islands", works=ABOUT),
    Case("source-file-name-with-nul",
         lambda d, s: replace_in(d / "sources.yaml", 'file: "000_54d483543c86be2d.txt"',
                                 'file: "000_54d483543c86\\0be2d.txt"'),
         "sources.yaml", "file", "must be a plain file name", "corpus", item="black-2019",
         works=MAP),
    Case("gazetteer-symlink-loop", symlink_loop, "gazetteer.yaml", None,
         "a loop of symbolic links", "atlas", works=ABOUT),
    Case("historical-event-renamed",
         lambda d, s: replace_in(d / "events.yaml", "- id: treaty-shimoda-1855",
                                 "- id: treaty-of-shimoda-1855"),
         "events.yaml", "id", "the 1855 historical view is built on the event "
         "'treaty-shimoda-1855', which is missing", "timeline", item="treaty-shimoda-1855",
         page=TIMELINE, works=MAP),
    Case("first-holders-after-1855-02-07", late_first_holders, "events.yaml", "date",
         "no holders are known on that date", "timeline", item="treaty-shimoda-1855",
         page=TIMELINE, works=MAP),
    Case("events-typo-on-the-compare-page",
         lambda d, s: replace_in(d / "events.yaml", '- id: treaty-shimoda-1855\n  date: '
                                 '"1855-02-07"\n  title:', '- id: treaty-shimoda-1855\n  '
                                 'date: "1855-02-07"\n  titel:'),
         "events.yaml", "title", "missing (required)", "timeline",
         item="treaty-shimoda-1855", page=COMPARE, works=MAP),
    # --- silently accepted ---
    Case("coordinate-as-text",
         lambda d, s: replace_in(d / "places.yaml", "lat: 26.35167", 'lat: "26.35167"'),
         "places.yaml", "lat", "valid number", "places", item="kadena",
         query={"security": "1"}, works=MAP),
    Case("coordinate-as-boolean",
         lambda d, s: replace_in(d / "gazetteer.yaml", "anchors: [[147.839, 44.991]]",
                                 "anchors: [[147.839, true]]"),
         "gazetteer.yaml", "geometry.anchors.0.1", "valid number", "atlas", item="etorofu",
         works=ABOUT),
    Case("strait-width-infinity", infinite_width, "straits.geojson", None,
         "Infinity is not a number JSON allows", "atlas"),
    Case("gazetteer-duplicate-key",
         lambda d, s: replace_in(d / "gazetteer.yaml", "- id: etorofu\n  kind: island\n",
                                 "- id: etorofu\n  kind: island\n  kind: islet\n"),
         "gazetteer.yaml", "kind", f"given twice (lines {_ETOROFU_KIND} and {_ETOROFU_KIND + 1})",
         "atlas", item="etorofu",
         works=ABOUT),
    Case("scenarios-duplicate-key",
         lambda d, s: replace_in(d / "scenarios.yaml", '  short_title:\n    en: "Today"\n',
                                 '  short_title: "Now"\n  short_title:\n    en: "Today"\n'),
         "scenarios.yaml", "short_title", "given twice", "scenarios", item="today"),
    Case("places-duplicate-key",
         lambda d, s: replace_in(d / "places.yaml", "  lat: 26.35167\n",
                                 "  lat: 26.35167\n  lat: 27.0\n"),
         "places.yaml", "lat", "given twice", "places", item="kadena",
         query={"security": "1"}, works=MAP),
    Case("date-in-full-width-digits",
         lambda d, s: replace_in(d / "events.yaml", 'date: "1875-05-07"',
                                 'date: "\uff11\uff18\uff17\uff15-05-07"'),
         "events.yaml", "date", "is not a date of the form YYYY", "timeline",
         item="treaty-saint-petersburg-1875", page=TIMELINE, works=MAP),
    Case("date-in-arabic-indic-digits",
         lambda d, s: replace_in(d / "gazetteer.yaml", 'current: {value: 6799, date: "2021-01-01"',
                                 'current: {value: 6799, date: "\u0662\u0660\u0662\u0661-01-01"'),
         "gazetteer.yaml", "population.current.date", "is not a date of the form YYYY",
         "atlas", item="etorofu", works=ABOUT),
    Case("id-with-trailing-newline",
         lambda d, s: replace_in(d / "scenarios.yaml", "- id: joint-1956",
                                 '- id: "joint-1956\\n"'),
         "scenarios.yaml", "id", "is not a stable id", "scenarios",
         item="joint-1956\n"),
    Case("gazetteer-unknown-section",
         lambda d, s: replace_in(d / "gazetteer.yaml", "features:\n", "colours: {}\nfeatures:\n"),
         "gazetteer.yaml", "colours", "unknown section", "atlas", works=ABOUT),
    Case("events-unknown-section",
         lambda d, s: replace_in(d / "events.yaml", "events:\n", "evnets: []\nevents:\n"),
         "events.yaml", "evnets", "unknown field (not allowed)", "timeline", page=TIMELINE,
         works=MAP),
    Case("context-id-is-a-template", template_id, "land.display.geojson", "properties.id",
         "not a stable id", "atlas", item="#11"),
    Case("yaml-tag",
         lambda d, s: replace_in(d / "scenarios.yaml", '    en: "Today"',
                                 '    en: !!python/object/apply:os.system ["id"]'),
         "scenarios.yaml", None, "tags (tag:yaml.org,2002:python/object/apply:os.system) are "
         "not allowed", "scenarios"),
    Case("layer-not-utf8", not_utf8_layer, "places.geojson", None, "not UTF-8 text",
         "atlas"),
    Case("file-too-large", too_large, "sources.yaml", None, "at most 4,194,304 allowed",
         "corpus", works=MAP),
    Case("yaml-nested-too-deep", deep_nesting, "scenarios.yaml", None,
         "nested more than 32 levels deep", "scenarios"),
    Case("control-character-in-a-name",
         lambda d, s: replace_in(d / "gazetteer.yaml", 'en: ["Etorofu", "Iturup"]',
                                 'en: ["Etorofu\\e[31m", "Iturup"]'),
         "gazetteer.yaml", "names.en.0", "contains a control character (U+001B)", "atlas",
         item="etorofu", works=ABOUT),
    Case("boolean-for-a-count",
         lambda d, s: replace_in(d / "gazetteer.yaml", "current: {value: 6799,",
                                 "current: {value: true,"),
         "gazetteer.yaml", "population.current.value", "valid integer", "atlas",
         item="etorofu", works=ABOUT),
]

IDS = [c.id for c in CASES]


def answered(loader) -> BaseException | None:
    """Run ``loader`` under the watchdog; return what it raised (None if nothing)."""
    box: list = []

    def run():
        try:
            loader()
            box.append(None)
        except BaseException as exc:  # noqa: BLE001  (reported to the test)
            box.append(exc)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(WATCHDOG)
    assert box, f"no answer within {WATCHDOG:.0f} s: the loader hangs"
    return box[0]


def test_at_least_fifteen_new_cases():
    from test_bad_data import CASES as FIRST
    assert len(CASES) >= 15
    assert len(set(IDS)) == len(CASES) and not set(IDS) & {c.id for c in FIRST}


@pytest.mark.parametrize("bad_data", CASES, ids=IDS, indirect=True)
def test_loader_names_file_and_field(bad_data):
    exc = answered(LOADERS[bad_data.loader])
    check_loader_error(bad_data, exc)
    assert len(str(exc)) < 1500  # never the expansion of a bomb


@pytest.mark.parametrize("bad_data", CASES, ids=IDS, indirect=True)
def test_app_shows_the_error_and_still_works(bad_data, fresh_streamlit_caches):  # noqa: F811
    at = run_app(bad_data)
    if bad_data.page == COMPARE:  # the scenarios that do not use the timeline still compare
        assert any("What differs" in plain(m.value) for m in at.markdown)
    still_works(at, bad_data)


def test_a_present_day_comparison_works_without_the_timeline(tmp_path, monkeypatch,
                                                             fresh_streamlit_caches):  # noqa: F811
    """events.yaml broken: Compare still compares today with the 1956 declaration (it
    needs no event) and says once why the historical views are not offered."""
    data, docs = copy_data(tmp_path)
    replace_in(data / "events.yaml", "events:\n", "events: [\n")
    monkeypatch.setenv("NT_DATA_DIR", str(data))
    monkeypatch.setenv("NT_SOURCES_DIR", str(docs))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["a"], at.query_params["b"] = "today", "joint-1956"
    at.run()
    at.switch_page(COMPARE).run()
    no_exception(at)
    assert len(at.error) == 1 and "events.yaml" in plain(at.error[0].value)
    text = "\n".join(plain(m.value) for m in at.markdown)
    assert "What differs" in text and "changes hands" in text
    assert at.selectbox(key="cmp_b").value == "joint-1956"
    assert "hist-1855" not in at.selectbox(key="cmp_a").options
