"""geo's one loader cache (geo.data.cache.stamped): a file is read again once it changes
and not before, a failure is remembered for the same files, another data folder is
another entry; load_atlas follows the gazetteer."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import geo
from geo.data import cache, layers, loading
from geo.data.cache import snapshot, stamped
from geo.data.events import default_timeline
from geo.data.gazetteer import load_gazetteer
from geo.data.layers import load_atlas
from geo.data.provenance import load_provenance
from geo.errors import BuildError, DataError
from geo.views.historical import historical_views
from geo.views.present import default_scenarios

ROOT = Path(__file__).resolve().parent.parent
OLD_TITLE = "北方領土の位置・面積・人口"


def touch_later(path: Path) -> None:
    """The file's modification time one second later: a change even at the same size."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    touch_later(path)


def this_thread_only():
    """True in the calling thread only: a thread an earlier test started (the map page's
    warm-up) may read data files at the same time, and is not this test's."""
    me = threading.get_ident()
    return lambda: threading.get_ident() == me


@pytest.fixture
def reads(monkeypatch):
    """The YAML files read (geo.data.loading's bounded reader), in order."""
    seen: list[str] = []
    real = loading.read_text
    mine = this_thread_only()

    def counting(path, *args, **kwargs):
        if mine():
            seen.append(Path(path).name)
        return real(path, *args, **kwargs)
    monkeypatch.setattr(loading, "read_text", counting)
    return seen


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the data folder, the package pointed at it (NT_DATA_DIR)."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    monkeypatch.setenv("NT_DATA_DIR", str(folder))
    return folder


# --- the mechanism, on a loader of its own ------------------------------------------------

def counted_loader(maxsize: int = 8):
    calls: list[Path] = []

    @stamped(lambda path: (path,), maxsize=maxsize)
    def load(path: Path) -> str:
        calls.append(path)
        if not path.exists():
            return ""
        text = path.read_text(encoding="utf-8")
        if "bad" in text:
            raise BuildError(path, "bad text", item="x", field="y")
        return text
    return load, calls


def test_unchanged_file_is_not_read_again(tmp_path):
    load, calls = counted_loader()
    f = tmp_path / "a.txt"
    f.write_text("one", encoding="utf-8")
    first = load(f)
    assert load(f) is first and calls == [f]


def test_changed_file_is_read_again(tmp_path):
    load, calls = counted_loader()
    f = tmp_path / "a.txt"
    f.write_text("one", encoding="utf-8")
    assert load(f) == "one"
    f.write_text("two", encoding="utf-8")  # same size: only the time tells
    touch_later(f)
    assert load(f) == "two" and calls == [f, f]


def test_failure_is_remembered_until_the_file_changes(tmp_path):
    load, calls = counted_loader()
    f = tmp_path / "a.txt"
    f.write_text("bad", encoding="utf-8")
    with pytest.raises(BuildError) as first:
        load(f)
    with pytest.raises(BuildError) as again:
        load(f)
    assert calls == [f]  # answered from the cache, same class, same message
    assert str(again.value) == str(first.value) and again.value is not first.value
    assert (again.value.item, again.value.field) == ("x", "y")
    f.write_text("good", encoding="utf-8")
    touch_later(f)
    assert load(f) == "good" and calls == [f, f]


def test_a_file_that_appears_is_a_change(tmp_path):
    load, calls = counted_loader()
    f = tmp_path / "later.txt"
    assert load(f) == "" and load(f) == "" and len(calls) == 1
    f.write_text("here", encoding="utf-8")
    assert load(f) == "here" and len(calls) == 2


def test_bounded_least_recently_used_first(tmp_path):
    load, calls = counted_loader(maxsize=2)
    a, b, c = (tmp_path / f"{n}.txt" for n in "abc")
    for p in (a, b, c):
        p.write_text(p.stem, encoding="utf-8")
    load(a), load(b), load(a), load(c)  # b is the least recently used: dropped
    assert calls == [a, b, c]
    load(a)
    assert calls == [a, b, c]
    load(b)
    assert calls == [a, b, c, b]


def test_clear_forgets_everything(tmp_path):
    load, calls = counted_loader()
    f = tmp_path / "a.txt"
    f.write_text("one", encoding="utf-8")
    load(f)
    cache.clear()
    load(f)
    load.cache_clear()
    load(f)
    assert calls == [f, f, f]


# --- the loaders -------------------------------------------------------------------------

def test_gazetteer_read_once_then_again_when_changed(data, reads):
    gaz = load_gazetteer()
    assert load_gazetteer() is gaz and reads.count("gazetteer.yaml") == 1
    rewrite(data / "gazetteer.yaml", OLD_TITLE, "A changed title")
    again = load_gazetteer()
    assert reads.count("gazetteer.yaml") == 2
    assert again.references["gsi-2021"].title.startswith("A changed title")


def test_broken_gazetteer_answers_at_once_then_loads_when_fixed(data, reads):
    path = data / "gazetteer.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("features:", "features: [", 1), encoding="utf-8")
    with pytest.raises(DataError) as first:
        load_gazetteer()
    with pytest.raises(DataError) as again:
        load_gazetteer()
    assert str(again.value) == str(first.value) and "gazetteer.yaml" in str(first.value)
    assert reads.count("gazetteer.yaml") == 1
    path.write_text(good, encoding="utf-8")
    touch_later(path)
    assert load_gazetteer().features and reads.count("gazetteer.yaml") == 2


def test_atlas_follows_a_changed_gazetteer(data, monkeypatch):
    layer_reads: list[str] = []
    real = layers.read_features
    mine = this_thread_only()
    monkeypatch.setattr(layers, "read_features", lambda path, *a: (
        layer_reads.append(Path(path).name) if mine() else None) or real(path, *a))
    atlas = load_atlas()
    assert load_atlas() is atlas and len(layer_reads) == 4
    rewrite(data / "gazetteer.yaml", OLD_TITLE, "A changed title")
    changed = load_atlas()
    assert changed is not atlas and len(layer_reads) == 8
    assert changed.gaz.references["gsi-2021"].title.startswith("A changed title")
    assert changed.gaz is load_gazetteer()


def test_atlas_failure_is_remembered(data, monkeypatch):
    path = data / "layers" / "straits.geojson"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(DataError) as first:
        load_atlas()
    layer_reads: list[str] = []
    monkeypatch.setattr(layers, "read_features", lambda *a: layer_reads.append(a))
    with pytest.raises(DataError) as again:
        load_atlas()
    assert str(again.value) == str(first.value) and "straits.geojson" in str(first.value)
    assert layer_reads == []


def test_views_follow_the_gazetteer_and_the_events(data, reads):
    timeline, views, scenarios = default_timeline(), historical_views(), default_scenarios()
    assert (default_timeline(), historical_views(), default_scenarios()) == (
        timeline, views, scenarios)
    assert historical_views() is views and default_scenarios() is scenarios
    assert reads.count("events.yaml") == 1 and reads.count("scenarios.yaml") == 1
    rewrite(data / "gazetteer.yaml", OLD_TITLE, "A changed title")
    assert default_timeline() is not timeline and historical_views() is not views
    assert default_scenarios() is not scenarios
    assert reads.count("events.yaml") == 2 and reads.count("scenarios.yaml") == 2


def test_another_data_folder_is_another_entry(data, tmp_path, monkeypatch, reads):
    other = tmp_path / "other"
    shutil.copytree(data, other)
    here = load_provenance()
    assert load_provenance() == here and reads.count("provenance.yaml") == 1
    monkeypatch.setenv("NT_DATA_DIR", str(other))
    assert load_provenance() == here and reads.count("provenance.yaml") == 2
    monkeypatch.setenv("NT_DATA_DIR", str(data))
    load_provenance()
    assert reads.count("provenance.yaml") == 2  # the first folder's entry is still there


def test_the_cached_provenance_cannot_be_changed_by_a_caller(data):
    """One copy is shared by every session: it is immutable."""
    from pydantic import ValidationError
    first = load_provenance()
    with pytest.raises(ValidationError):
        first.dataset.name = "changed by a caller"
    assert load_provenance() is first and first.dataset.name != "changed by a caller"


def test_snapshot_names_every_data_file_and_follows_changes(data):
    snap = snapshot()
    assert snap[0] == str(data.resolve()) and snap[1] == str(geo.sources_dir())
    named = {Path(s[0]).name for s in snap[2]}
    assert {"gazetteer.yaml", "events.yaml", "land.geojson"} <= named
    assert snapshot() == snap
    touch_later(data / "layers" / "places.geojson")
    assert snapshot() != snap


def test_loads_asked_for_at_once_read_the_file_once(tmp_path):
    """Sessions asking for the same data at the same moment (a classroom arriving): one
    thread reads, the others wait for its result."""
    import threading
    import time

    calls: list[Path] = []

    @stamped(lambda path: (path,))
    def slow(path: Path) -> str:
        calls.append(path)
        time.sleep(0.2)
        return path.read_text()

    f = tmp_path / "x.txt"
    f.write_text("x")
    out: list[str] = []
    threads = [threading.Thread(target=lambda: out.append(slow(f))) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert out == ["x"] * 6 and calls == [f]
