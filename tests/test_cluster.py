"""Replicas behind HAProxy (ui.cluster, deploy/haproxy.cfg), started here on loopback.

What a Streamlit deployment needs from its load balancer, each checked on the real proxy
in front of real replicas: sessions spread over the replicas even from one address, and
stay on theirs by cookie; the websocket passes; hashed static files get a year's cache
lifetime, compression and no cookie; every replica has the same cookie secret; a drained
replica takes no new session but keeps its own until it stops, and its browsers then come
back on another replica with the page their URL describes; a killed replica loses only its
own sessions' connections. The browser test drives the app through the proxy.

The tests need Debian's haproxy, which scripts/setup.sh installs. Without it they are
skipped, except where NT_REQUIRE_PROXY=1 (.ci/run sets it): there they fail.
"""
from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import os
import random
import re
import shutil
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import app_folder
from test_load_smoke import in_own_thread, lt
from ui import cluster as cl

pytestmark = pytest.mark.server  # starts replicas and a proxy (the quick loop leaves it out)
ROOT = Path(__file__).resolve().parent.parent
HAVE_PROXY = shutil.which("haproxy") or os.path.exists("/usr/sbin/haproxy")
if not HAVE_PROXY and os.environ.get("NT_REQUIRE_PROXY") != "1":
    pytest.skip("haproxy is not installed (scripts/setup.sh installs it)",
                allow_module_level=True)


@contextlib.contextmanager
def running_cluster(replicas: int = 2):
    """Replicas behind the proxy, each run from a temporary app folder (conftest)."""
    with app_folder() as app, cl.Cluster(replicas, port=0, app_dir=app,
                                         env={"NT_STATIC_DIR": str(app / "static")}) as c:
        yield c


@pytest.fixture(scope="module")
def cluster():
    with running_cluster() as c:
        yield c


def session(c: cl.Cluster, i: int = 0) -> lt.Session:
    return lt.Session(*lt.stream_url(c.url), i, random.Random(i), 60)


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()


def set_cookies(url: str, **headers) -> list[str]:
    req = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.headers.get_all("Set-Cookie") or []


# --- the configuration ---------------------------------------------------------------------

def test_render_fills_the_template_and_haproxy_accepts_it(tmp_path):
    loop = cl.render("127.0.0.1:8501", str(tmp_path / "s.sock"),
                     [("r1", "127.0.0.1:9001"), ("r2", "127.0.0.1:9002")])
    dns = cl.render(":8080", "/var/run/haproxy/admin.sock", dns="app:8501", dns_slots=4)
    for text in (loop, dns):
        assert "@" not in re.sub(r"#.*", "", text)  # every placeholder filled
        assert "option httpchk GET /_stcore/health" in text
        assert "cookie NTSRV insert indirect nocache" in text
        assert "timeout tunnel" in text and "compression algo gzip" in text
    assert "server r1 127.0.0.1:9001 cookie r1" in loop
    assert "server r2 127.0.0.1:9002 cookie r2" in loop
    assert "server-template app 1-4 app:8501" in dns and " dynamic" in dns
    for name, text in (("loop.cfg", loop), ("dns.cfg", dns)):
        path = tmp_path / name
        path.write_text(text)
        cl.check_config(path)  # haproxy -c
    with pytest.raises(ValueError):
        cl.render(":1", "s", servers=[("r1", "a:1")], dns="b:2")


def test_a_broken_configuration_is_reported_with_haproxys_words(tmp_path):
    path = tmp_path / "bad.cfg"
    path.write_text(cl.render("127.0.0.1:1", str(tmp_path / "s.sock"),
                              [("r1", "127.0.0.1:1")]).replace("balance roundrobin",
                                                                "balance nowhere"))
    # the file, the line and HAProxy's own words
    with pytest.raises(cl.ClusterError,
                       match=r"(?s)bad\.cfg: haproxy -c failed.*bad\.cfg:\d+\] : balance only"):
        cl.check_config(path)


def test_a_replica_that_cannot_start_is_named_with_its_log(tmp_path):
    """An app folder without the app: the error names the replica, ends with its log's
    last lines and says where the log is."""
    with pytest.raises(cl.ClusterError, match=r"(?s)replica r1 did not start \(exit 1\): "
                                              r".*No module named 'ui'.*\(log: .*r1\.log\)"):
        cl.Cluster(1, port=0, app_dir=tmp_path, run_dir=tmp_path / "run").start()


def test_a_port_in_use_is_refused_before_any_replica_starts(tmp_path):
    import socket
    import time
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        t = time.monotonic()
        with pytest.raises(cl.ClusterError, match=rf"cannot listen on 127\.0\.0\.1:{port} "
                                                  r"\(Address already in use\).*--port"):
            cl.Cluster(1, port=port, run_dir=tmp_path / "run").start()
        assert time.monotonic() - t < 1  # no replica was started and waited for
    assert not (tmp_path / "run" / "r1.pid").exists()


def test_no_haproxy_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(cl.shutil, "which", lambda name: None)
    monkeypatch.setattr(cl.os.path, "exists", lambda path: False)
    with pytest.raises(cl.ClusterError, match="apt-get install haproxy"):
        cl.haproxy_binary()


# --- a running cluster --------------------------------------------------------------------

def test_sessions_from_one_address_spread_and_stay_on_their_replica(cluster):
    async def scenario():
        sessions = [session(cluster, i) for i in range(4)]
        for s in sessions:
            await s.open()
        replicas = [s.replica for s in sessions]
        open_now = {n: st.sessions for n, st in cl.replica_states(cluster.socket_path).items()}
        for s in sessions:  # each keeps working, on the replica its cookie names
            await s.act("click_island")
            await s.act("switch_scenario")
            await s.rerun()
        after = [s.replica for s in sessions]
        for s in sessions:
            await s.close()
        return replicas, open_now, after
    replicas, open_now, after = in_own_thread(asyncio.run, scenario())
    assert sorted(replicas) == ["r1", "r1", "r2", "r2"]  # round robin, same client address
    assert open_now == {"r1": 2, "r2": 2}  # the websockets are where the cookies say
    assert after == replicas


def test_pages_and_hashed_files_get_the_right_headers(cluster):
    status, head, body = get(cluster.url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and head["content-encoding"] == "gzip"
    assert b"<noscript>" in gzip.decompress(body)
    assert head["cache-control"] == "no-cache"
    assert any(c.startswith("NTSRV=r") and "HttpOnly" in c for c in set_cookies(cluster.url))
    script = re.search(rb'src="\./(static/js/index\.[\w-]+\.js)"', gzip.decompress(body))
    assert script, "no hashed script in the page"
    url = cluster.url + script.group(1).decode()
    status, head, body = get(url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and head["content-encoding"] == "gzip"
    assert head["cache-control"] == "public, max-age=31536000, immutable"
    assert set_cookies(url, **{"Accept-Encoding": "gzip"}) == []  # no affinity on shared files
    plain = get(url)[2]
    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2
    map_file = next((cluster.app_dir / "static" / "map").glob("geo-*.json"))
    status, head, _ = get(cluster.url + f"app/static/map/{map_file.name}",
                          **{"Accept-Encoding": "gzip"})
    assert status == 200 and head["cache-control"].endswith("immutable")
    assert head["content-encoding"] == "gzip"
    assert get(cluster.url + "_stcore/health")[2] == b"ok"


def test_every_replica_has_the_same_cookie_secret(cluster):
    def secret(pid: int) -> str:
        env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        return next(e for e in env if e.startswith(b"STREAMLIT_SERVER_COOKIE_SECRET=")).decode()
    secrets = {secret(r.proc.pid) for r in cluster.members}
    assert len(secrets) == 1 and len(secrets.pop()) > len("STREAMLIT_SERVER_COOKIE_SECRET=") + 30


def test_a_drained_replica_keeps_its_sessions_then_they_move(cluster):
    with running_cluster() as c:  # its own: the test stops a replica
        async def scenario():
            s = session(c, 0)
            await s.open("feature=shikotan")
            first = s.replica
            done = {}
            stopper = threading.Thread(
                target=lambda: done.update(c.stop_replica(first, drain_seconds=6)))
            stopper.start()
            await asyncio.sleep(1.0)
            states = cl.replica_states(c.socket_path)
            newcomers = [session(c, i) for i in (1, 2, 3)]
            for n in newcomers:
                await n.open()
            during = [n.replica for n in newcomers]
            await s.act("switch_scenario")  # its own user still works on the draining replica
            still = s.replica
            await asyncio.to_thread(stopper.join)
            try:
                await s.act("toggle_straits")
                moved = None
            except lt.ConnectionClosed:
                run = await s.reconnect()  # the browser reconnects, as it does by itself
                moved = (s.replica, bool(run.headings()), s.params().get("feature"))
            for n in [s, *newcomers]:
                await n.close()
            return first, states[first].status, during, still, done, moved
        first, state, during, still, done, moved = in_own_thread(asyncio.run, scenario())
        other = {"r1": "r2", "r2": "r1"}[first]
        assert state == "DRAIN"
        assert during == [other] * 3  # no new session on a draining replica
        assert still == first
        assert done["connections_at_drain"] == 1 and done["stopped"]
        assert moved == (other, True, "shikotan")  # the same island, from the other replica
        assert cl.replica_states(c.socket_path)[first].status == "MAINT"


def test_killed_replica_loses_only_its_own_sessions(tmp_path):
    """The load test's own run through the proxy (it cannot rot): 6 sessions, replica r1
    killed (SIGKILL, no drain) 3 s in; every action checked."""
    out = tmp_path / "load.json"
    code = in_own_thread(lt.main, ["--replicas", "2", "--sessions", "6", "--duration", "8",
                                   "--think-time", "0.2:0.6", "--per-action-runs", "0",
                                   "--kill-replica-at", "3", "--json-out", str(out)])
    r = json.loads(out.read_text())
    summary = {k: r[k] for k in ("errors", "error_samples", "sessions_per_replica", "event",
                                 "connections_lost", "reconnected", "actions")}
    assert code == 0 and r["errors"] == 0, summary
    assert r["sessions_per_replica"] == {"r1": 3, "r2": 3}, summary
    assert "replica r1" in r["event"] and "killed" in r["event"], summary
    assert r["connections_lost"] == {"r1": 3}, summary  # only the killed replica's sessions
    assert r["reconnected"] == {"r1->r2": 3}, summary
    assert r["actions"] > 20, summary


def test_the_command_line_status_and_render(cluster, capsys):
    assert cl.main(["status", "--run-dir", str(cluster.run_dir)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^r1\s+UP\s+\d+ open", out, re.M) and re.search(r"^r2\s+UP", out, re.M)
    assert cl.main(["render", "--dns", "explorer:8501"]) == 0
    assert "server-template app 1-8 explorer:8501" in capsys.readouterr().out
    assert cl.main(["stop-replica", "r9", "--run-dir", str(cluster.run_dir)]) == 1
    assert "r9.pid: no such replica" in capsys.readouterr().err


# --- a browser, through the proxy -----------------------------------------------------------

def test_the_app_through_the_proxy_in_chromium(browser, cluster):
    """A reader's visit through HAProxy: the page, a click on an island, a scenario
    switch and a download, each answered by the replica the reader's cookie names."""
    from playwright.sync_api import expect

    from geo import map as mapview
    from geo.export import annotations_csv, csv_file_bytes
    from test_e2e import IFRAME, WAIT, click_at, inside, open_map, panel
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    sockets, errors = [], []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        fl, _ = open_map(page, cluster.url)
        cookie = {c["name"]: c["value"] for c in ctx.cookies()}["NTSRV"]
        click_at(page, *inside("kunashiri"))
        expect(page).to_have_url(f"{cluster.url}?feature=kunashiri", timeout=WAIT)
        expect(panel(page).locator("h3", has_text="Kunashiri")).to_be_visible(timeout=WAIT)
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').click()
        page.get_by_role("option", name="1956 Joint Declaration").click()
        expect(fl.locator("path.nt-f-shikotan")).to_have_attribute(
            "fill", mapview.HOLDER_FILL["JPN"], timeout=WAIT)
        button = panel(page).get_by_role("button", name="This feature's quotes as CSV")
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=WAIT) as info:
            button.click()  # a file of the session's replica: the cookie takes it there
        assert Path(info.value.path()).read_bytes() == csv_file_bytes(
            annotations_csv("kunashiri"))
        assert page.locator(IFRAME).count() == 1
        page.screenshot(path="/tmp/e2e-shots/through-proxy.png")
    finally:
        ctx.close()
    assert cookie in ("r1", "r2")
    assert sockets and all(s.startswith(cluster.url.replace("http", "ws")) for s in sockets)
    assert len(sockets) == 1  # one websocket for the whole visit: never reconnected
    assert errors == []


def test_the_one_command_supervises_drains_restarts_and_stops(tmp_path):
    """``python -m ui.cluster`` as scripts/serve.sh runs it: a killed replica comes back,
    stop-replica and start-replica make a rolling restart, Ctrl-C stops every process."""
    import signal
    import subprocess
    import sys
    import time
    port, run_dir = cl.free_port(), tmp_path / "run"
    where = ["--port", str(port), "--run-dir", str(run_dir)]

    def status() -> dict[str, str]:
        return {n: s.status for n, s in cl.replica_states(run_dir / "haproxy.sock").items()}

    def until(want: dict[str, str], seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while status() != want:
            assert time.monotonic() < deadline, f"{status()} after {seconds} s, want {want}"
            time.sleep(0.3)
    proc = subprocess.Popen([sys.executable, "-m", "ui.cluster", "--replicas", "2", *where],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"The explorer: http://127.0.0.1:{port}/ (2 replicas"), line
        pids = {n: int((run_dir / f"{n}.pid").read_text()) for n in ("r1", "r2")}
        until({"r1": "UP", "r2": "UP"})
        os.kill(pids["r1"], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while int((run_dir / "r1.pid").read_text()) == pids["r1"]:  # started again
            assert time.monotonic() < deadline, "r1 was not started again"
            time.sleep(0.2)
        deadline = time.monotonic() + 10
        while status()["r1"] == "UP":  # its checks fail ("UP 1/3", "DOWN") until it is warm
            assert time.monotonic() < deadline, "the proxy did not see r1 go"
            time.sleep(0.1)
        until({"r1": "UP", "r2": "UP"})  # back in rotation once warm
        r = subprocess.run([sys.executable, "-m", "ui.cluster", "stop-replica", "r2",
                            "--drain-seconds", "1", *where], cwd=ROOT, capture_output=True,
                           text=True)
        assert r.returncode == 0 and "r2: drained" in r.stdout and "stopped" in r.stdout
        assert status() == {"r1": "UP", "r2": "MAINT"}
        time.sleep(2)
        assert status()["r2"] == "MAINT"  # the supervisor leaves a stopped replica alone
        assert cl.main(["start-replica", "r2", *where]) == 0
        until({"r1": "UP", "r2": "UP"})
        assert get(f"http://127.0.0.1:{port}/_stcore/health")[2] == b"ok"
        left = [int((run_dir / f"{n}.pid").read_text()) for n in ("r1", "r2", "haproxy")]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(40) == 0
        assert not [p for p in left if cl._pid_alive(p)]
    finally:
        if proc.poll() is None:
            proc.kill()


def test_nothing_outlives_a_killed_launcher(tmp_path):
    """Even killed outright (SIGKILL, no cleanup), the launcher leaves no replica or proxy
    running (each child is asked to stop when its parent dies)."""
    import signal
    import subprocess
    import sys
    import time
    run_dir = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-m", "ui.cluster", "--replicas", "1", "--port",
                             str(cl.free_port()), "--run-dir", str(run_dir)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout.readline().startswith("The explorer: ")
        children = [int((run_dir / f"{n}.pid").read_text()) for n in ("r1", "haproxy")]
        assert all(cl._pid_alive(p) for p in children)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    deadline = time.monotonic() + 20
    while any(cl._pid_alive(p) for p in children):
        assert time.monotonic() < deadline, "a replica or the proxy outlived its launcher"
        time.sleep(0.2)
