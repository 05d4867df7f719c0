"""The load test (benchmarks/load_test.py), run briefly so that it cannot rot.

Starts the app (``python -m ui.serve``) on a free port with the script's own
:class:`Server`, then runs its command line (3 runs of each action type, then 3 sessions
for 5 seconds) and one scripted session whose every response is looked at. No browser: the
sessions speak Streamlit's websocket protocol.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_module():
    spec = importlib.util.spec_from_file_location("load_test", ROOT / "benchmarks" / "load_test.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


lt = _load_module()


def in_own_thread(fn, *args):
    """Run ``fn`` in a fresh thread: asyncio.run() refuses to start inside a thread
    whose event loop is already running (Playwright's sync API keeps one running
    in the main thread once a browser test of this session has started)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


@pytest.fixture(scope="module")
def server():
    with lt.Server() as srv:
        in_own_thread(srv.warm_up)
        yield srv


def test_percentile_and_think_time():
    assert lt.percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert lt.percentile(list(map(float, range(1, 101))), 95) == 95.0
    assert lt._think_arg("0.5:1.5") == (0.5, 1.5)
    assert lt._think_arg("0") == (0.0, 0.0)


def test_a_click_changes_the_panel(server):
    """One session, driven by hand: the responses are the app's real ones."""
    async def scenario():
        s = lt.Session(f"ws://127.0.0.1:{server.port}/_stcore/stream",
                       f"http://127.0.0.1:{server.port}", 0, random.Random(3), 60)
        try:
            first = await s.open()
            assert first.headings() == []  # no island selected yet
            assert s.widget("component_instance", name=lt.COMPONENT)
            s.rng.choice = lambda seq: "shikotan" if "shikotan" in seq else seq[0]
            run = await s.act("click_island")
            assert s.params()["feature"] == "shikotan"
            assert any("色丹島" in h for h in run.headings())
            await s.act("toggle_straits")
            assert s.params()["straits"] == "1"
            # a rejected response is reported, not passed: a click the app ignores
            wid, _ = s.widget("component_instance", name=lt.COMPONENT)
            s.widgets[wid] = lt.WidgetState(id=wid, json_value=json.dumps(
                {"last_active_drawing": {"properties": {"id": "shikotan"}}}))
            check = s._do_click_island()  # picks another island, then we undo the click
            s.widgets[wid] = lt.WidgetState(id=wid, json_value=json.dumps(
                {"last_active_drawing": {"properties": {"id": "no-such-island"}}}))
            with pytest.raises(lt.ActionError):
                check(await s.rerun())
        finally:
            await s.close()

    in_own_thread(asyncio.run, scenario())


def test_load_smoke(server, tmp_path, capsys):
    out = tmp_path / "load.json"
    code = in_own_thread(lt.main, [
        "--url", server.url, "--sessions", "3", "--duration", "5", "--think-time", "0.2:0.6",
        "--server-pid", str(server.pid), "--per-action-runs", "3", "--json-out", str(out)])
    text = capsys.readouterr().out
    rep = json.loads(out.read_text())
    assert code == 0, text
    assert rep["errors"] == 0, rep["error_samples"]
    assert rep["sessions"] == 3 and len(rep["per_session"]) == 3
    assert min(rep["per_session"]) >= 2, rep["per_session"]
    assert rep["actions"] == sum(rep["per_session"]) == sum(rep["per_action"].values())
    assert 0 < rep["latency_median_ms"] <= rep["latency_p95_ms"] <= rep["latency_max_ms"]
    assert rep["initial_load_median_ms"] > 0
    assert rep["rss_peak_mb"] >= rep["rss_start_mb"] > 10  # a Python server's RSS
    assert rep["bytes_received"] > 10_000
    assert "median" in text and "p95" in text
    # the server's cost per action type, one session, one action at a time
    costs = {c["action"]: c for c in rep["cost_per_action"]}
    assert set(costs) == set(lt.ACTIONS) and "Server cost per action" in text
    for c in costs.values():
        assert c["runs"] == 3 and c["cpu_ms"] >= 0 and 0 < c["latency_median_ms"] <= c["latency_p95_ms"]
        assert c["bytes_median"] > 100
