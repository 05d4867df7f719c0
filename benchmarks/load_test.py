"""Load test: many concurrent sessions against a running explorer, over Streamlit's own protocol.

    python benchmarks/load_test.py --start-server                 # 30 sessions, 60 s
    python benchmarks/load_test.py --url http://localhost:8501/ --sessions 10 --duration 20
    python benchmarks/load_test.py --start-server --json-out /tmp/load.json

Thirty browsers do not fit on a 2-core machine, so each session is what a
browser tab is to the server: one websocket to ``/_stcore/stream`` speaking
Streamlit's protobuf messages (``BackMsg`` up, ``ForwardMsg`` down).

* Handshake: connect with the ``streamlit`` subprotocol (the browser sends
  ``streamlit, <xsrf token>, <session id to resume>``; the token only matters
  for auth cookies and a new session needs no id) and a same-origin Origin.
  The server opens a session and waits for the first ``rerun_script``.
* A run: ``BackMsg.rerun_script`` with a ``ClientState`` (the URL's query
  string, the page's script hash, the value of every widget on the page, the
  hashes of the cached messages). The server answers with ``new_session``,
  the run's deltas (elements, or ``ref_hash`` for a large element this client
  already holds) and ``page_info_changed`` when the app rewrites the URL, and
  ends with ``script_finished`` (``FINISHED_EARLY_FOR_RERUN`` means the app
  called ``st.rerun()``: the client keeps waiting for the real end).
* Like the browser, the client keeps each widget's value (a ``set_value`` in
  an element from the server overrides it), forgets widgets a run no longer
  draws, caches cacheable messages and reports them, and keeps the URL.

A user action changes one widget and reruns: click an island (the
``streamlit_folium.st_folium`` component's value, as the map's click handler
sets it), pick an island in the select box, switch scenario (select box),
toggle the straits overlay, change the names convention (radio). Its latency
is the time from sending the rerun to ``script_finished``. Every response is
checked: no ``exception`` element, no error alert, the URL the app writes
back and the elements drawn match the action (the island's heading in the
panel, the scenario's title, ``straits=1``, ``names=ja``); anything else is an
error. The server's resident memory (its process and children) is sampled
every 0.5 s from /proc.

Exit status 1 if any action failed or none completed.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from ui.cluster import REPLICA_ARGS, free_port  # noqa: E402 - a server as deployed (ui.cluster's replicas)
COMPONENT = "streamlit_folium.st_folium"
# Islands one can click, with a point on each (what Leaflet reports as latlng).
ISLANDS = {
    "etorofu": (44.95, 147.75), "kunashiri": (44.05, 145.85), "shikotan": (43.80, 146.75),
    "suisho": (43.43, 145.92), "akiyuri": (43.38, 146.05), "yuri": (43.42, 146.08),
    "shibotsu": (43.50, 146.15), "taraku": (43.63, 146.33),
}
NAMES_PARAM = {"Japanese names": "ja", "Russian names": "ru", "Both": None}
ACTIONS = {"click_island": 35, "pick_island": 15, "switch_scenario": 20,
           "toggle_straits": 15, "change_names": 15}
FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
MAX_CACHED = 500  # messages a session keeps for ref_hash (the browser bounds its cache too)
MAX_ERRORS_KEPT = 20
AFFINITY_COOKIE = "NTSRV"  # the proxy's session-affinity cookie (deploy/haproxy.cfg)


class ActionError(Exception):
    """A run that failed or did not show what the action should have caused."""


def unescape_md(text: str) -> str:
    """Undo the app's Markdown escaping (backslash before punctuation)."""
    return re.sub(r"\\(.)", r"\1", text)


# --- one run's messages ---------------------------------------------------------------------


@dataclass
class Run:
    elements: list = field(default_factory=list)  # (delta_path, kind, Element)
    fragments: list = field(default_factory=list)  # each element's fragment id ("" if none)
    fragment: str = ""  # the fragment this run reran ("" for a full run)
    problems: list = field(default_factory=list)
    messages: int = 0
    bytes: int = 0

    def of_kind(self, kind: str) -> list:
        return [e for _, k, e in self.elements if k == kind]

    def headings(self) -> list[str]:
        return [unescape_md(e.heading.body) for e in self.of_kind("heading")]

    def title(self) -> str | None:
        """The page title line: the first '#### ' Markdown (the scenario's title)."""
        for e in self.of_kind("markdown"):
            if e.markdown.body.startswith("#### "):
                return unescape_md(e.markdown.body[5:])
        return None


class Session:
    """One simulated browser tab: a websocket and the state the frontend keeps."""

    def __init__(self, ws_url: str, origin: str, index: int, rng: random.Random,
                 timeout: float):
        self.ws_url, self.origin, self.index, self.rng, self.timeout = ws_url, origin, index, rng, timeout
        self.ws = None
        self.query = ""
        self.page_hash = ""
        self.widgets: dict[str, WidgetState] = {}
        self.elements: dict[str, tuple[str, object]] = {}  # widget id -> (kind, proto)
        self.cache: OrderedDict[str, ForwardMsg] = OrderedDict()
        self.last: Run | None = None
        self.title: str | None = None  # the page title line of the last full run
        self.fragment_of: dict[str, str] = {}  # widget id -> the fragment that draws it
        self.acting_on: str | None = None  # the widget the current action changes
        self.cookies: dict[str, str] = {}  # what the browser keeps: the proxy's affinity cookie
        self.pending: Callable[[Run], None] | None = None  # the check of an action under way
        self.actions_lost = 0  # actions under way when the connection closed, not taken

    # -- transport --

    @property
    def replica(self) -> str | None:
        """The replica the proxy's affinity cookie names (None without a proxy)."""
        return self.cookies.get(AFFINITY_COOKIE)

    async def _connect(self) -> None:
        headers = ({"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
                   if self.cookies else None)
        self.ws = await connect(self.ws_url, subprotocols=["streamlit"], origin=self.origin,
                                max_size=None, proxy=None, open_timeout=self.timeout,
                                ping_interval=None,  # a browser sends no pings either
                                additional_headers=headers)
        for line in self.ws.response.headers.get_all("Set-Cookie"):
            name, _, rest = line.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0].strip()

    async def open(self, query: str = "") -> Run:
        await self._connect()
        self.query = query
        return await self.rerun()

    async def reconnect(self) -> Run:
        """What the browser does when its websocket closes under it: connect again (with
        its cookies: a proxy sends it to a live replica, which opens a new session) and
        rerun the page with the URL and the widget values it shows. The page must come
        back as it was: the same title and, if an island was open, its heading."""
        title, feature, replica = self.title, self.params().get("feature"), self.replica
        pending, self.pending = self.pending, None
        await self._connect()
        run = await self.rerun()
        if replica is not None and self.replica == replica:
            raise ActionError(f"after reconnecting: still on replica {replica}")
        if pending is not None:
            # The widget change under way goes with the rerun, as in a browser; the new
            # session may take it, or (its first run) restore the page from the URL as it
            # was before the action. Either page is right; any other is wrong.
            try:
                pending(run)
                return run
            except ActionError:
                self.actions_lost += 1
        if run.title() != title:
            raise ActionError(f"after reconnecting: title {run.title()!r}, was {title!r}")
        if feature and not run.headings():
            raise ActionError(f"after reconnecting: no heading for feature={feature}")
        return run

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, fragment: str = "") -> Run:
        """A run of the page, or of one fragment (as the frontend asks when a widget
        drawn inside a fragment changes: only that fragment reruns)."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.fragment_id = fragment
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash
        cs.widget_states.widgets.extend(self.widgets.values())
        cs.cached_message_hashes.extend(self.cache.keys())
        await self.ws.send(msg.SerializeToString())
        run = Run(fragment=fragment)
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ActionError(f"timeout: no script_finished within {self.timeout:g} s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), left)
            except asyncio.TimeoutError:
                raise ActionError(f"timeout: no script_finished within {self.timeout:g} s") from None
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            run.messages += 1
            run.bytes += len(raw)
            if self._handle(fm, run):
                break
        if run.problems:
            raise ActionError("; ".join(run.problems))
        self._after_run(run)
        self.last = run
        return run

    def _handle(self, fm: ForwardMsg, run: Run) -> bool:
        """Take one ForwardMsg into the run; True at the run's successful end."""
        kind = fm.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.cache.get(fm.ref_hash)
            if cached is None:
                run.problems.append(f"ref_hash {fm.ref_hash} not in the client's cache")
                return False
            self.cache.move_to_end(fm.ref_hash)
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(fm.metadata)
            fm, kind = resolved, resolved.WhichOneof("type")
        elif fm.metadata.cacheable and fm.hash:
            self.cache[fm.hash] = fm
            self.cache.move_to_end(fm.hash)
            while len(self.cache) > MAX_CACHED:
                self.cache.popitem(last=False)
        if kind == "new_session":
            run.elements.clear()  # a new run (e.g. after st.rerun()) redraws the page
            if not self.page_hash:
                self.page_hash = fm.new_session.page_script_hash
        elif kind == "navigation" and fm.navigation.page_script_hash:
            self.page_hash = fm.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = fm.page_info_changed.query_string
        elif kind == "page_not_found":
            run.problems.append(f"page not found: {fm.page_not_found.page_name!r}")
        elif kind == "session_event" and fm.session_event.HasField("script_compilation_exception"):
            exc = fm.session_event.script_compilation_exception
            run.problems.append(f"compile error: {exc.type}: {exc.message}")
        elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            el = fm.delta.new_element
            ek = el.WhichOneof("type")
            run.elements.append((tuple(fm.metadata.delta_path), ek, el))
            run.fragments.append(fm.delta.fragment_id)
            if ek == "exception":
                trace = " | ".join(el.exception.stack_trace[-2:])
                run.problems.append(f"exception: {el.exception.type}: {el.exception.message}"
                                    + (f" ({trace})" if trace else ""))
            elif ek == "alert" and el.alert.format == el.alert.ERROR:
                run.problems.append(f"error alert: {el.alert.body[:200]}")
        elif kind == "script_finished":
            status = fm.script_finished
            if status in FINISHED_OK:
                return True
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                run.problems.append("script finished with a compile error")
                return True
            # FINISHED_EARLY_FOR_RERUN: the app called st.rerun(); the next run follows
        return False

    def _after_run(self, run: Run) -> None:
        """What the frontend does when a run ends: keep the drawn widgets' values. After a
        fragment's run, the widgets drawn outside it stay as they were."""
        widgets: dict[str, WidgetState] = {}
        elements: dict[str, tuple[str, object]] = {}
        if run.fragment:
            keep = [w for w in self.elements if self.fragment_of.get(w) != run.fragment]
            widgets = {w: self.widgets[w] for w in keep if w in self.widgets}
            elements = {w: self.elements[w] for w in keep}
        else:
            self.title = run.title()
        for (_, kind, el), frag in zip(run.elements, run.fragments):
            proto = getattr(el, kind)
            wid = getattr(proto, "id", "") if kind in (
                "radio", "selectbox", "checkbox", "component_instance") else ""
            if not wid:
                continue
            elements[wid] = (kind, proto)
            self.fragment_of[wid] = frag
            state = self._value_from_element(wid, kind, proto)
            if state is not None:
                widgets[wid] = state
        self.widgets, self.elements = widgets, elements

    def _value_from_element(self, wid: str, kind: str, proto) -> WidgetState | None:
        old = self.widgets.get(wid)
        ws = WidgetState(id=wid)
        if kind in ("radio", "selectbox"):
            if proto.set_value:
                if not proto.HasField("raw_value"):
                    return None  # set to nothing (no selection)
                ws.string_value = proto.raw_value
            elif old is not None:
                return old
            elif proto.HasField("default") and 0 <= proto.default < len(proto.options):
                ws.string_value = proto.options[proto.default]
            else:
                return None
            return ws
        if kind == "checkbox":
            ws.bool_value = proto.value if proto.set_value else (
                old.bool_value if old is not None else proto.default)
            return ws
        return old  # a component has no value until it sets one (a click)

    # -- looking things up --

    def widget(self, kind: str, label: str | None = None, name: str | None = None):
        for wid, (k, proto) in self.elements.items():
            if k != kind:
                continue
            if label is not None and proto.label != label:
                continue
            if name is not None and proto.component_name != name:
                continue
            return wid, proto
        raise ActionError(f"no {kind} {label or name!r} on the page")

    def value(self, wid: str):
        ws = self.widgets.get(wid)
        if ws is None:
            return None
        return getattr(ws, ws.WhichOneof("value")) if ws.WhichOneof("value") else None

    def params(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(self.query).items()}

    def set_string(self, wid: str, value: str) -> None:
        self.widgets[wid] = WidgetState(id=wid, string_value=value)
        self.acting_on = wid

    # -- the user's actions: change a widget, rerun, check the response --

    async def act(self, action: str) -> Run:
        self.acting_on = None
        check = self.pending = getattr(self, f"_do_{action}")()
        run = await self.rerun(self.fragment_of.get(self.acting_on or "", ""))
        self.pending = None
        check(run)
        return run

    def _do_click_island(self) -> Callable[[Run], None]:
        wid, _ = self.widget("component_instance", name=COMPONENT)
        current = self.params().get("feature")
        fid = self.rng.choice([f for f in ISLANDS if f != current])
        lat, lng = ISLANDS[fid]
        lat, lng = lat + self.rng.uniform(-0.01, 0.01), lng + self.rng.uniform(-0.01, 0.01)
        # what the map sends (NT.click in geo/map/nt_map.js): the feature without geometry
        value = {"last_object_clicked": {"lat": lat, "lng": lng},
                 "last_active_drawing": {"type": "Feature",
                                         "properties": {"id": fid, "kind": "island"},
                                         "geometry": None}}
        self.widgets[wid] = WidgetState(id=wid, json_value=json.dumps(value))
        self.acting_on = wid

        def check(run: Run) -> None:
            if self.params().get("feature") != fid:
                raise ActionError(f"click on {fid}: URL has feature="
                                  f"{self.params().get('feature')!r}")
            if not run.headings():
                raise ActionError(f"click on {fid}: no island heading in the panel")
        return check

    def _do_pick_island(self) -> Callable[[Run], None]:
        wid, box = self.widget("selectbox", label="Island, strait or place")
        current = self.value(wid)
        option = self.rng.choice([o for o in list(box.options)[:11] if o != current])
        self.set_string(wid, option)

        def check(run: Run) -> None:
            if option not in run.headings():
                raise ActionError(f"picked {option!r}: panel headings {run.headings()}")
            if "feature" not in self.params():
                raise ActionError(f"picked {option!r}: no feature in the URL {self.query!r}")
        return check

    def _do_switch_scenario(self) -> Callable[[Run], None]:
        wid, box = self.widget("selectbox", label="Scenario")
        current, before = self.value(wid), self.title
        options = list(box.options)
        option = self.rng.choice([o for o in options if o != current])
        self.set_string(wid, option)

        def check(run: Run) -> None:
            baseline = option == options[0]
            if ("scenario" in self.params()) == baseline:
                raise ActionError(f"scenario {option!r}: URL {self.query!r}")
            if run.title() in (None, before):
                raise ActionError(f"scenario {option!r}: title unchanged ({run.title()!r})")
        return check

    def _do_toggle_straits(self) -> Callable[[Run], None]:
        wid, _ = self.widget("checkbox", label="Straits and their widths")
        on = not self.value(wid)
        self.widgets[wid] = WidgetState(id=wid, bool_value=on)

        def check(run: Run) -> None:
            if (self.params().get("straits") == "1") != on:
                raise ActionError(f"straits {'on' if on else 'off'}: URL {self.query!r}")
        return check

    def _do_change_names(self) -> Callable[[Run], None]:
        wid, radio = self.widget("radio", label="Place names")
        current = self.value(wid)
        option = self.rng.choice([o for o in radio.options if o != current])
        self.set_string(wid, option)
        _, box = self.widget("selectbox", label="Island, strait or place")
        before = list(box.options)

        def check(run: Run) -> None:
            if option in NAMES_PARAM and self.params().get("names") != NAMES_PARAM[option]:
                raise ActionError(f"names {option!r}: URL {self.query!r}")
            _, box = self.widget("selectbox", label="Island, strait or place")
            if list(box.options) == before:
                raise ActionError(f"names {option!r}: the island list did not change")
        return check


# --- server memory ------------------------------------------------------------------------------


def _rss_kb_proc(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children_proc(pid: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in kids.get(p, []):
            out.append(c)
            todo.append(c)
    return out


def _tree(pid: int | list[int]) -> list[int]:
    """Processes and all their descendants."""
    roots = [pid] if isinstance(pid, int) else list(pid)
    return list(dict.fromkeys([*roots, *(c for r in roots for c in _children_proc(r))]))


def tree_cpu_s(pid: int | list[int] | None) -> float | None:
    """CPU seconds (user + system) used so far by processes and their descendants."""
    if pid is None:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            continue
    return total / tick


def tree_rss_mb(pid: int | list[int]) -> float:
    """Resident memory of processes and their descendants, in MB (from /proc)."""
    return sum(_rss_kb_proc(p) for p in _tree(pid)) / 1024


def pid_listening_on(port: int) -> int | None:
    """The pid of the (same user's) process listening on a TCP port, from /proc."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    cols = line.split()
                    if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                        inodes.add(cols[9])
        except (OSError, StopIteration):
            continue
    if not inodes:
        return None
    targets = {f"socket:[{i}]" for i in inodes}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{name}/fd"):
                if os.readlink(f"/proc/{name}/fd/{fd}") in targets:
                    return int(name)
        except OSError:
            continue
    return None


class MemorySampler:
    def __init__(self, pid: int | list[int] | None, every: float = 0.5):
        self.pid, self.every = pid, every
        self.samples: list[float] = []

    async def run(self) -> None:
        if self.pid is None:
            return
        while True:
            self.samples.append(await asyncio.to_thread(tree_rss_mb, self.pid))
            await asyncio.sleep(self.every)


# --- the load -------------------------------------------------------------------------------------


def stream_url(url: str) -> tuple[str, str]:
    """The websocket URL of a server's ``/_stcore/stream`` and the Origin a browser on its
    page would send."""
    u = urlparse(url if "://" in url else f"http://{url}")
    ws = "wss" if u.scheme == "https" else "ws"
    return f"{ws}://{u.netloc}{u.path.rstrip('/')}/_stcore/stream", f"{u.scheme}://{u.netloc}"


@dataclass
class Report:
    url: str
    sessions: int
    duration_s: float
    wall_s: float = 0.0
    actions: int = 0
    errors: int = 0
    error_kinds: dict = field(default_factory=dict)
    error_samples: list = field(default_factory=list)
    per_action: dict = field(default_factory=dict)  # action -> count
    per_session: list = field(default_factory=list)  # actions completed by each session
    latency_median_ms: float | None = None
    latency_p95_ms: float | None = None
    latency_max_ms: float | None = None
    latency_by_action_median_ms: dict = field(default_factory=dict)
    latency_by_action_p95_ms: dict = field(default_factory=dict)
    initial_load_median_ms: float | None = None
    initial_load_max_ms: float | None = None
    throughput_per_s: float = 0.0
    server_pid: int | None = None
    rss_start_mb: float | None = None
    rss_peak_mb: float | None = None
    rss_samples: int = 0
    server_cpu_s: float | None = None  # CPU the server used during the load
    client_cpu_s: float | None = None  # CPU this load generator used (it shares the machine)
    bytes_received: int = 0
    verified: int = 0  # actions whose response was checked and matched
    sessions_per_replica: dict = field(default_factory=dict)  # behind a proxy: by cookie
    connections_lost: dict = field(default_factory=dict)  # replica -> websockets closed under it
    reconnected: dict = field(default_factory=dict)  # "r1->r2" -> sessions that came back
    event: str | None = None  # what happened mid-test (a replica killed)
    actions_lost: int = 0  # actions under way at a lost connection, the page as before them


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(q / 100 * len(s)) - 1))
    return s[k]


def _think(rng: random.Random, think: tuple[float, float]) -> float:
    return rng.uniform(*think)


async def _session_loop(i: int, ws_url: str, origin: str, deadline: float, seed: int,
                        think: tuple[float, float], timeout: float, start_query: str,
                        rec: dict, reconnect: bool = False) -> None:
    rng = random.Random(seed * 1000 + i)
    sess = Session(ws_url, origin, i, rng, timeout)
    names, weights = list(ACTIONS), list(ACTIONS.values())
    done = 0

    def error(kind: str, msg: str) -> None:
        rec["errors"][kind] += 1
        if len(rec["samples"]) < MAX_ERRORS_KEPT:
            rec["samples"].append(f"session {i} {kind}: {msg}")

    await asyncio.sleep(rng.uniform(0, min(2.0, think[1])))  # users do not all arrive at once
    try:
        t = time.perf_counter()
        try:
            run = await sess.open(start_query)
            rec["initial"].append((time.perf_counter() - t) * 1000)
            rec["replicas"][sess.replica or "-"] += 1
            rec["bytes"] += run.bytes
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error
            error("initial_load", f"{type(exc).__name__}: {exc}")
            return
        while time.monotonic() < deadline:
            await asyncio.sleep(_think(rng, think))
            if time.monotonic() >= deadline:
                break
            action = rng.choices(names, weights)[0]
            t = time.perf_counter()
            try:
                run = await sess.act(action)
            except ActionError as exc:
                error(action, str(exc))
                if str(exc).startswith("timeout"):
                    return  # the socket is out of step now; this user gives up
                continue
            except ConnectionClosed as exc:
                if not reconnect:
                    error(action, f"{type(exc).__name__}: {exc}")
                    return
                # its replica went away (a proxy in front): the browser reconnects
                lost = sess.replica or "?"
                rec["lost"][lost] += 1
                try:
                    await sess.reconnect()
                except Exception as exc2:  # noqa: BLE001 - every failure is a counted error
                    error("reconnect", f"from replica {lost}: {type(exc2).__name__}: {exc2}")
                    return
                rec["reconnected"][f"{lost}->{sess.replica}"] += 1
                rec["actions_lost"] += sess.actions_lost
                sess.actions_lost = 0
                continue
            except Exception as exc:  # noqa: BLE001 - protocol error
                error(action, f"{type(exc).__name__}: {exc}")
                return
            ms = (time.perf_counter() - t) * 1000
            rec["latencies"].append(ms)
            rec["by_action"].setdefault(action, []).append(ms)
            rec["bytes"] += run.bytes
            done += 1
    finally:
        rec["per_session"][i] = done
        try:
            await sess.close()
        except Exception:  # noqa: BLE001
            pass


async def run_load(url: str, sessions: int = 30, duration: float = 60.0,
                   think: tuple[float, float] = (0.5, 1.5), seed: int = 1,
                   timeout: float = 60.0, server_pid: int | list[int] | None = None,
                   start_query: str = "", reconnect: bool = False,
                   event: tuple[float, Callable[[], str]] | None = None) -> Report:
    """Run ``sessions`` simulated users against ``url`` for ``duration`` seconds.
    ``server_pid``: the server's process, or a proxy's and its replicas' (memory and CPU
    are summed over them and their children). ``reconnect``: a session whose websocket
    closes under it reconnects, as a browser does (behind a proxy: to another replica).
    ``event``: (seconds into the load, a function run then, e.g. killing a replica; what
    it returns goes in the report)."""
    u = urlparse(url if "://" in url else f"http://{url}")
    ws_url, origin = stream_url(url)
    if server_pid is None and u.hostname in ("127.0.0.1", "localhost", "::1"):
        server_pid = pid_listening_on(u.port or 80)
    sampler = MemorySampler(server_pid)
    rec = {"latencies": [], "by_action": {}, "initial": [], "errors": Counter(),
           "samples": [], "per_session": [0] * sessions, "bytes": 0, "lost": Counter(),
           "reconnected": Counter(), "replicas": Counter(), "event": None,
           "actions_lost": 0}
    sampling = asyncio.create_task(sampler.run())
    await asyncio.sleep(0)
    cpu0, own0 = tree_cpu_s(server_pid), time.process_time()
    start = time.monotonic()
    deadline = start + duration

    async def at_event() -> None:
        await asyncio.sleep(event[0])
        rec["event"] = f"at {event[0]:g} s: {await asyncio.to_thread(event[1])}"
    timer = asyncio.create_task(at_event()) if event else None
    await asyncio.gather(*(_session_loop(i, ws_url, origin, deadline, seed, think, timeout,
                                         start_query, rec, reconnect)
                           for i in range(sessions)))
    wall = time.monotonic() - start
    if timer is not None:
        await timer
    cpu1, own1 = tree_cpu_s(server_pid), time.process_time()
    sampling.cancel()
    try:
        await sampling
    except asyncio.CancelledError:
        pass
    lat = rec["latencies"]
    rep = Report(url=url, sessions=sessions, duration_s=duration, wall_s=round(wall, 2))
    rep.actions = len(lat)
    rep.errors = sum(rec["errors"].values())
    rep.error_kinds = dict(rec["errors"])
    rep.error_samples = rec["samples"]
    rep.per_action = {a: len(v) for a, v in sorted(rec["by_action"].items())}
    rep.per_session = rec["per_session"]
    rep.verified = rep.actions  # every completed action passed its check
    if lat:
        rep.latency_median_ms = round(statistics.median(lat), 1)
        rep.latency_p95_ms = round(percentile(lat, 95), 1)
        rep.latency_max_ms = round(max(lat), 1)
        rep.latency_by_action_median_ms = {a: round(statistics.median(v), 1)
                                           for a, v in sorted(rec["by_action"].items())}
        rep.latency_by_action_p95_ms = {a: round(percentile(v, 95), 1)
                                        for a, v in sorted(rec["by_action"].items())}
    if rec["initial"]:
        rep.initial_load_median_ms = round(statistics.median(rec["initial"]), 1)
        rep.initial_load_max_ms = round(max(rec["initial"]), 1)
    rep.throughput_per_s = round(rep.actions / wall, 2) if wall > 0 else 0.0
    rep.server_pid = server_pid
    if sampler.samples:
        rep.rss_start_mb = round(sampler.samples[0], 1)
        rep.rss_peak_mb = round(max(sampler.samples), 1)
        rep.rss_samples = len(sampler.samples)
    rep.bytes_received = rec["bytes"]
    rep.sessions_per_replica = dict(sorted(rec["replicas"].items()))
    rep.connections_lost = dict(rec["lost"])
    rep.reconnected = dict(rec["reconnected"])
    rep.event = rec["event"]
    rep.actions_lost = rec["actions_lost"]
    if cpu0 is not None and cpu1 is not None:
        rep.server_cpu_s = round(cpu1 - cpu0, 1)
    rep.client_cpu_s = round(own1 - own0, 1)
    return rep


def load(url: str, **kwargs) -> Report:
    """Synchronous :func:`run_load`."""
    return asyncio.run(run_load(url, **kwargs))


# --- server CPU per action ------------------------------------------------------------------------


@dataclass
class ActionCost:
    action: str
    runs: int
    cpu_ms: float  # server CPU (process and children, user + system) per action, mean
    latency_median_ms: float
    latency_p95_ms: float
    bytes_median: int  # what the server sent for one action


async def wait_until_idle(pid: int, window: float = 1.0, share: float = 0.03,
                          timeout: float = 120.0) -> float:
    """Wait until the server has used under ``share`` of a core over ``window`` seconds
    (its background work done); returns the seconds waited."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        c0 = tree_cpu_s(pid)
        await asyncio.sleep(window)
        if tree_cpu_s(pid) - c0 < share * window:
            break
    return time.monotonic() - t0


async def run_cpu_per_action(url: str, server_pid: int, runs: int = 30, seed: int = 1,
                             timeout: float = 60.0, start_query: str = "",
                             gap: float = 0.05) -> list[ActionCost]:
    """One session, one action at a time: ``runs`` of each action type, and the server's
    CPU over them (from /proc, whose clock ticks are 10 ms: the mean over many runs is
    finer than any one). Nothing else talks to the server meanwhile, and between two
    actions it idles ``gap`` seconds (any work it does after a run ends is counted)."""
    await wait_until_idle(server_pid)  # e.g. the server's own warm-up (ui.warm)
    sess = Session(*stream_url(url), 0, random.Random(seed), timeout)
    await sess.open(start_query)
    try:
        for action in ACTIONS:  # every code path once before the clock starts
            for _ in range(3):
                await sess.act(action)
        out = []
        for action in ACTIONS:
            await asyncio.sleep(0.3)
            lat, sizes = [], []
            cpu0 = tree_cpu_s(server_pid)
            for _ in range(runs):
                t = time.perf_counter()
                run = await sess.act(action)
                lat.append((time.perf_counter() - t) * 1000)
                sizes.append(run.bytes)
                await asyncio.sleep(gap)
            await asyncio.sleep(0.3)
            cpu = tree_cpu_s(server_pid) - cpu0
            out.append(ActionCost(action, runs, round(1000 * cpu / runs, 1),
                                  round(statistics.median(lat), 1),
                                  round(percentile(lat, 95), 1), int(statistics.median(sizes))))
        return out
    finally:
        await sess.close()


def format_costs(costs: list[ActionCost]) -> str:
    lines = ["Server cost per action (one session, one action at a time):",
             f"  {'action':16s} {'runs':>4s} {'CPU/action':>11s} {'latency median':>15s} "
             f"{'p95':>8s} {'sent':>9s}"]
    for c in costs:
        lines.append(f"  {c.action:16s} {c.runs:4d} {c.cpu_ms:8.1f} ms {c.latency_median_ms:12.1f} ms"
                     f" {c.latency_p95_ms:5.1f} ms {c.bytes_median / 1024:6.1f} KB")
    return "\n".join(lines)


# --- a server of our own ------------------------------------------------------------------------


def warm_up(url: str, timeout: float = 90.0) -> float:
    """One page load (imports, cached resources), as a first visitor would cause.
    Returns its time in ms."""
    async def once() -> float:
        s = Session(*stream_url(url), -1, random.Random(0), timeout)
        t = time.perf_counter()
        try:
            await s.open()
        finally:
            await s.close()
        return (time.perf_counter() - t) * 1000
    return asyncio.run(once())


class Server:
    """The app as the README serves it (``python -m ui.serve``: ``streamlit run app.py``
    with the start-up warm-up) on a free port, for the length of a ``with`` block."""

    def __init__(self, port: int | None = None, extra_args: list[str] | None = None,
                 start_timeout: float = 90.0):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.extra = extra_args or []
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.log = None

    def __enter__(self) -> "Server":
        self.log = tempfile.NamedTemporaryFile(prefix="streamlit-load-", suffix=".log",
                                               delete=False)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", *REPLICA_ARGS, *self.extra],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
            env={**os.environ, "NT_WARM_UP": "1"})  # as deployed, even from the tests
        deadline = time.monotonic() + self.start_timeout
        try:
            while True:
                try:
                    with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start (exit {self.proc.poll()}); "
                                       f"log: {self.log.name}")
                time.sleep(0.3)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid

    def warm_up(self, timeout: float = 90.0) -> float:
        return warm_up(self.url, timeout)

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.log is not None:
            self.log.close()


# --- command line -----------------------------------------------------------------------------------


def _think_arg(text: str) -> tuple[float, float]:
    parts = [float(x) for x in text.replace(",", ":").split(":")]
    lo, hi = (parts[0], parts[0]) if len(parts) == 1 else parts[:2]
    if lo < 0 or hi < lo:
        raise argparse.ArgumentTypeError("think time: MIN:MAX seconds, 0 <= MIN <= MAX")
    return lo, hi


def format_report(r: Report) -> str:
    mem = (f"{r.rss_peak_mb:.0f} MB peak (started at {r.rss_start_mb:.0f} MB, "
           f"{r.rss_samples} samples, pid {r.server_pid} and children)"
           if r.rss_peak_mb is not None else "n/a (server process not found; use --server-pid)")
    lines = [
        f"Load test of {r.url}: {r.sessions} sessions for {r.duration_s:g} s "
        f"(wall {r.wall_s:g} s)",
        f"  actions       {r.actions} ({', '.join(f'{k} {v}' for k, v in r.per_action.items())})",
        f"  per session   min {min(r.per_session, default=0)}, max {max(r.per_session, default=0)}",
        f"  errors        {r.errors}" + (f" {r.error_kinds}" if r.errors else ""),
        f"  latency       median {r.latency_median_ms} ms, p95 {r.latency_p95_ms} ms, "
        f"max {r.latency_max_ms} ms (rerun sent -> script_finished)",
        "  by action     " + ", ".join(
            f"{k} {v} ms (p95 {r.latency_by_action_p95_ms[k]} ms)"
            for k, v in r.latency_by_action_median_ms.items()),
        f"  initial load  median {r.initial_load_median_ms} ms, max {r.initial_load_max_ms} ms",
        f"  throughput    {r.throughput_per_s} actions/s, {r.bytes_received / 2**20:.1f} MB received",
        f"  server memory {mem}",
        f"  CPU           server {r.server_cpu_s} s"
        + (f" ({100 * r.server_cpu_s / r.wall_s:.0f}% of one core)"
           if r.server_cpu_s is not None and r.wall_s else "")
        + f", load generator {r.client_cpu_s} s, {os.cpu_count()} cores, "
          f"load average at the end {os.getloadavg()[0]:.1f}",
    ]
    if r.sessions_per_replica.keys() - {"-"}:
        lines.append("  replicas      sessions by affinity cookie: " + ", ".join(
            f"{k} {v}" for k, v in r.sessions_per_replica.items()))
    if r.event:
        lines.append(f"  event         {r.event}")
    if r.connections_lost or r.event:
        lines.append(f"  reconnects    connections lost {r.connections_lost or 0}, came back "
                     f"{r.reconnected or 0} on another replica, each page as the action under "
                     f"way asked or as before it ({r.actions_lost} such actions not taken)")
    lines += [f"  ! {s}" for s in r.error_samples]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--url", help="a running server, e.g. http://127.0.0.1:8501/")
    where.add_argument("--port", type=int, help="a running server on 127.0.0.1:PORT")
    where.add_argument("--start-server", action="store_true",
                       help="start the app (python -m ui.serve) on a free port and stop it at the end")
    ap.add_argument("--sessions", type=int, default=30, help="concurrent sessions (30)")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load (60)")
    ap.add_argument("--think-time", type=_think_arg, default=(0.5, 1.5), metavar="MIN:MAX",
                    help="random pause before each action, seconds (0.5:1.5)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (1)")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="seconds an action may take before it counts as an error (60)")
    ap.add_argument("--server-pid", type=int,
                    help="pid whose memory to sample (default: the server started, or the "
                         "process listening on the port)")
    ap.add_argument("--query", default="", help="query string of the first page load, "
                                                "e.g. 'feature=shikotan&straits=1'")
    ap.add_argument("--no-warm-up", action="store_true",
                    help="with --start-server: skip the one page load before the clock starts")
    ap.add_argument("--per-action-runs", type=int, default=30, metavar="N",
                    help="before the load: N runs of each action type from one session, "
                         "with the server's CPU per action (30; 0 skips it; needs the "
                         "server's pid)")
    ap.add_argument("--replicas", type=int, metavar="N",
                    help="start N replicas behind HAProxy (python -m ui.cluster) on free "
                         "ports and load them through the proxy; sessions reconnect when "
                         "their websocket closes, as a browser does")
    ap.add_argument("--kill-replica-at", type=float, metavar="SECONDS",
                    help="with --replicas: kill replica r1 (SIGKILL, no drain) this long "
                         "into the load")
    ap.add_argument("--steps", type=lambda s: [int(x) for x in s.split(",")],
                    metavar="N,N,...",
                    help="capacity: one load per number of sessions (each --duration "
                         "long); reports the most actions per second with p95 <= "
                         f"{CAPACITY_P95_MS:g} ms and no error")
    ap.add_argument("--json-out", type=Path, help="write the report as JSON here")
    a = ap.parse_args(argv)
    if a.kill_replica_at is not None and not a.replicas:
        ap.error("--kill-replica-at needs --replicas")

    kwargs = dict(duration=a.duration, think=a.think_time, seed=a.seed,
                  timeout=a.timeout, start_query=a.query, reconnect=bool(a.replicas))
    costs: list[ActionCost] = []
    reports: list[Report] = []

    def run(url: str, pid, event=None) -> None:
        nonlocal costs
        if a.per_action_runs > 0 and pid is not None:
            costs = asyncio.run(run_cpu_per_action(url, pid, a.per_action_runs, seed=a.seed,
                                                   timeout=a.timeout, start_query=a.query))
            print(format_costs(costs), flush=True)
        for n in a.steps or [a.sessions]:
            reports.append(load(url, server_pid=pid, sessions=n, event=event, **kwargs))
            print(format_report(reports[-1]), flush=True)

    if a.replicas:
        from ui.cluster import Cluster
        with Cluster(a.replicas, port=0) as cluster:
            print(f"proxy {cluster.url} in front of {a.replicas} replicas "
                  f"(run dir {cluster.run_dir})", file=sys.stderr)
            if not a.no_warm_up:
                for _ in cluster.members:  # round robin: one page load on each replica
                    print(f"warm-up page load {warm_up(cluster.url):.0f} ms", file=sys.stderr)
            event = None
            if a.kill_replica_at is not None:
                def kill() -> str:
                    victim = cluster.replica("r1").proc
                    victim.kill()
                    return f"replica r1 (pid {victim.pid}) killed"
                event = (a.kill_replica_at, kill)
            run(cluster.url, a.server_pid or cluster.pids(), event)
    elif a.start_server:
        with Server() as srv:
            if not a.no_warm_up:
                print(f"server {srv.url} (pid {srv.pid}) warm-up page load "
                      f"{srv.warm_up():.0f} ms", file=sys.stderr)
            run(srv.url, a.server_pid or srv.pid)
    else:
        url = a.url or f"http://127.0.0.1:{a.port or 8501}/"
        run(url, a.server_pid or pid_listening_on(urlparse(url).port or 80))
    best = capacity(reports) if a.steps else None
    if a.steps:
        print(format_capacity(reports, best))
    if a.json_out:
        out = {**asdict(reports[-1]), "cost_per_action": [asdict(c) for c in costs]}
        if a.steps:
            out = {"steps": [asdict(r) for r in reports], "capacity": best and asdict(best),
                   "cost_per_action": out["cost_per_action"]}
        a.json_out.write_text(json.dumps(out, indent=2) + "\n")
    if a.steps:
        return 0 if best is not None else 1
    report = reports[-1]
    return 1 if report.errors or not report.actions else 0


CAPACITY_P95_MS = 1000.0


def capacity(reports: list[Report]) -> Report | None:
    """The load with the most actions per second among those with p95 <= 1 s and no
    error (None if none qualifies)."""
    ok = [r for r in reports if r.errors == 0 and r.actions and
          r.latency_p95_ms is not None and r.latency_p95_ms <= CAPACITY_P95_MS]
    return max(ok, key=lambda r: r.throughput_per_s, default=None)


def format_capacity(reports: list[Report], best: Report | None) -> str:
    lines = ["Capacity (actions per second while p95 <= 1 s and no error):",
             "  sessions  actions/s  median ms  p95 ms  errors  server CPU  peak MB"]
    for r in reports:
        cpu = (f"{100 * r.server_cpu_s / r.wall_s:5.0f}%" if r.server_cpu_s is not None
               and r.wall_s else "    n/a")
        lines.append(f"  {r.sessions:8d}  {r.throughput_per_s:9.1f}  {r.latency_median_ms or 0:9.0f}"
                     f"  {r.latency_p95_ms or 0:6.0f}  {r.errors:6d}  {cpu:>10}"
                     f"  {r.rss_peak_mb or 0:7.0f}" + ("  <- capacity" if r is best else ""))
    if best is None:
        lines.append("  no load met the target")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
