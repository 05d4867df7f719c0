"""ui.warm: the server's start-up warm-up fills the app's caches, and a broken data file
fails only the steps that need it (python -m ui.serve starts it: tests/conftest.py's
servers, and test_bad_data_browser.py's log check)."""
from __future__ import annotations

import pytest
import streamlit as st

from geo import map as geomap
from geo.analysis import cards
from tests.test_bad_data import copy_data, replace_in
from ui import data, warm


@pytest.fixture
def fresh_caches():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def steps(report: warm.Report) -> dict[str, tuple[int, int]]:
    out = {}
    for item in report.done:  # "cards (34 of 34)"
        name, _, counts = item.rpartition(" (")
        done, _, total = counts.rstrip(")").partition(" of ")
        out[name] = (int(done), int(total))
    return out


def test_the_warm_up_fills_the_caches_a_first_visit_reads(fresh_caches, monkeypatch):
    report = warm.run()
    assert report.failed == []
    counts = steps(report)
    assert list(counts) == ["map files", "ids", "maps", "cards", "nearest bases",
                            "selected maps", "figures", "figure fonts"]
    n_ids = len(geomap.selectable_ids(data.atlas()))
    assert counts["cards"] == counts["selected maps"] == (n_ids, n_ids)
    assert counts["maps"] == counts["figures"] == (len(data.scenarios().ids),) * 2
    # after it, a card is read from the cache: nothing computes it again
    calls = []
    monkeypatch.setattr(cards, "feature_card", lambda *a: calls.append(a))
    monkeypatch.setattr(data, "feature_card", lambda *a: calls.append(a))
    for fid in geomap.selectable_ids(data.atlas()):
        assert data.card(fid) is not None
    assert calls == []


def test_a_broken_file_fails_only_the_steps_that_need_it(fresh_caches, tmp_path, monkeypatch):
    d, docs = copy_data(tmp_path)
    replace_in(d / "annotations.yaml", '  side: "commentator"\n', '  side: "commentator\n')
    monkeypatch.setenv("NT_DATA_DIR", str(d))
    monkeypatch.setenv("NT_SOURCES_DIR", str(docs))
    report = warm.run()
    failed = dict(report.failed)
    assert "annotations.yaml" in failed["cards"] and "not valid YAML" in failed["cards"]
    counts = steps(report)
    assert counts["cards"][0] == 0 < counts["cards"][1]
    # what does not read the annotations is still done: the map's files, every view's
    # map, the selected maps and the nearest US bases
    for step in ("map files", "ids", "maps", "selected maps", "nearest bases"):
        assert counts[step][0] == counts[step][1] > 0, (step, report.summary())
        assert step not in failed
    assert "warm-up done in" in report.summary() and "annotations.yaml" in report.summary()


def test_start_runs_once_per_data_snapshot(fresh_caches, tmp_path, monkeypatch):
    d, docs = copy_data(tmp_path)  # data of its own: a snapshot no other test warmed
    monkeypatch.setenv("NT_DATA_DIR", str(d))
    monkeypatch.setenv("NT_SOURCES_DIR", str(docs))
    monkeypatch.setenv("NT_WARM_UP", "0")
    assert warm.start() is None  # turned off (as in this test process)
    monkeypatch.setenv("NT_WARM_UP", "1")
    waits = []  # python -m ui.serve: the maps wait for Streamlit's configuration
    first = warm.start(before_maps=lambda: waits.append(1))
    assert warm.start() is first
    first.join(120)
    assert not first.is_alive()
    rep = warm.report()
    assert rep is not None and rep.failed == [] and rep.done
    assert waits == [1]  # once, however many maps
