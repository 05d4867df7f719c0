"""Serve the explorer from several replicas behind HAProxy, on this machine.

    python -m ui.cluster --replicas 2 [--port 8501]     # or: bash scripts/serve.sh --replicas 2
    python -m ui.cluster stop-replica r2 --port 8501    # drain one replica, then stop it
    python -m ui.cluster start-replica r2 --port 8501   # and start it again
    python -m ui.cluster status --port 8501             # each replica's state and sessions
    python -m ui.cluster render --dns app:8501          # the proxy's configuration, printed

One Streamlit process runs on one core (Python's interpreter lock); N replicas use N.
Each replica is ``python -m ui.serve`` on a loopback port (it answers its health check
only once warmed up); HAProxy (Debian's package ``haproxy``) listens on ``--port`` and
spreads new sessions over the healthy replicas, keeping each session on its replica by a
cookie (``NTSRV``). Every replica gets the same ``server.cookieSecret`` (from
``STREAMLIT_SERVER_COOKIE_SECRET`` if set, else a random one for this run), so a cookie
Streamlit signs in one replica is valid in all. The configuration is
:file:`deploy/haproxy.cfg`, rendered by :func:`render`; a run keeps it, the admin
socket, the pid files and the logs in ``--run-dir``.

A replica that exits is started again. ``stop-replica`` is a clean drain (and, with
``start-replica``, a rolling restart, one replica at a time): the replica
goes to DRAIN (no new sessions; its users stay), then, when its sessions have ended or
after ``--drain-seconds``, to MAINT, and is stopped; its remaining browsers reconnect and
get a new session, and the page their URL describes, from another replica. Ctrl-C or
SIGTERM stops the proxy softly (it stops listening and waits up to 10 s for open
connections), then the replicas.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
BACKEND = "replicas"
COOKIE = "NTSRV"
START_TIMEOUT_S = 120.0  # a replica's warm-up included (ui.serve listens after it)
REPLICA_ARGS = ["--server.headless", "true", "--browser.gatherUsageStats", "false",
                # a deployed server: no reloading while someone edits the sources
                "--server.fileWatcherType", "none"]


class ClusterError(RuntimeError):
    """The cluster could not start or be controlled (the message says what and where)."""


# --- the configuration -------------------------------------------------------------------------

def render(bind: str, socket_path: str, servers: list[tuple[str, str]] | None = None,
           dns: str | None = None, dns_slots: int = 8) -> str:
    """:file:`deploy/haproxy.cfg` filled in: ``servers`` as (name, host:port) pairs, one
    ``server`` line each, the name also the affinity cookie's value; or ``dns``, a
    ``host:port`` that the platform's DNS resolves to every replica (a compose service, a
    Kubernetes headless service), as ``dns_slots`` server slots filled from DNS, each
    slot's cookie derived from its address."""
    if (servers is None) == (dns is None):
        raise ValueError("render: give servers or dns, not both")
    text = TEMPLATE.read_text(encoding="utf-8")
    if servers is not None:
        lines = [f"    server {name} {addr} cookie {name}" for name, addr in servers]
    else:
        cookie_line = next(ln for ln in text.splitlines() if ln.strip().startswith("cookie "))
        text = text.replace(cookie_line, cookie_line + " dynamic")
        lines = ['    dynamic-cookie-key "${NT_PROXY_COOKIE_KEY}"',
                 f"    server-template app 1-{dns_slots} {dns} resolvers platform "
                 "init-addr none",
                 "",
                 "resolvers platform",
                 "    parse-resolv-conf",
                 "    hold valid 5s"]
    for token, value in (("@BIND@", bind), ("@SOCKET@", socket_path),
                         ("@SERVERS@", "\n".join(lines))):
        if token not in text:
            raise ClusterError(f"{TEMPLATE}: the placeholder {token} is missing")
        text = text.replace(token, value)
    return text


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if os.path.exists(p)), None)
    if not found:
        raise ClusterError("haproxy is not installed: on Debian, `apt-get install haproxy` "
                           "(scripts/serve.sh does it)")
    return found


def check_config(path: Path) -> None:
    """``haproxy -c``: the configuration parses (its own message if not)."""
    r = subprocess.run([haproxy_binary(), "-c", "-f", str(path)], capture_output=True,
                       text=True, env={**os.environ, "NT_PROXY_COOKIE_KEY": "check"})
    if r.returncode != 0:
        raise ClusterError(f"{path}: haproxy -c failed:\n{r.stdout}{r.stderr}")


# --- the admin socket ----------------------------------------------------------------------------

def admin(socket_path: str | Path, command: str, timeout: float = 5.0) -> str:
    """One command on HAProxy's admin socket (its runtime API), the answer as text."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        try:
            s.connect(str(socket_path))
        except OSError as exc:
            raise ClusterError(f"{socket_path}: no HAProxy admin socket ({exc})") from None
        s.sendall(command.encode() + b"\n")
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks).decode()


@dataclass(frozen=True)
class ReplicaState:
    name: str
    status: str      # UP, DOWN, DRAIN, MAINT, "UP 1/2"...
    sessions: int    # connections open to it now (a browser tab's websocket is one)
    total: int       # connections it has served


def replica_states(socket_path: str | Path) -> dict[str, ReplicaState]:
    """Each replica's state from ``show stat`` (HAProxy's CSV)."""
    text = admin(socket_path, "show stat").lstrip("# ")
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row.get("pxname") == BACKEND and row.get("svname") not in ("BACKEND", "FRONTEND"):
            out[row["svname"]] = ReplicaState(row["svname"], row["status"],
                                              int(row["scur"] or 0), int(row["stot"] or 0))
    return out


def set_state(socket_path: str | Path, name: str, state: str) -> None:
    answer = admin(socket_path, f"set server {BACKEND}/{name} state {state}").strip()
    if answer:
        raise ClusterError(f"HAProxy refused 'set server {BACKEND}/{name} state {state}': "
                           f"{answer}")


# --- processes ---------------------------------------------------------------------------------

def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _die_with_parent() -> None:
    """In a child before it runs: SIGTERM it when the launcher dies, even by SIGKILL, so
    that no replica or proxy outlives the command that started it (Linux's
    PR_SET_PDEATHSIG; elsewhere nothing)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _tail(log: Path, lines: int = 3) -> str:
    """A log's last lines, and where it is, for an error message."""
    try:
        last = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:]
    except OSError:
        last = []
    return "\n".join([*last, f"(log: {log})"])


def _pid_alive(pid: int) -> bool:
    """The process runs (a zombie, exited but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


@dataclass
class Replica:
    name: str
    port: int
    proc: subprocess.Popen | None = None
    log: Path | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@dataclass
class Cluster:
    """N replicas and HAProxy in front, for the length of a ``with`` block (or until
    :meth:`stop`). ``port`` 0 takes a free port; the replicas take free ports too."""
    replicas: int = 2
    port: int = 8501
    host: str = "127.0.0.1"
    run_dir: Path | None = None
    replica_args: list[str] = field(default_factory=list)
    cookie_secret: str | None = None
    app_dir: Path = ROOT  # the folder the replicas run from (its app.py, its static/)
    env: dict[str, str] = field(default_factory=dict)  # added to the replicas' environment
    members: list[Replica] = field(default_factory=list)
    proxy: subprocess.Popen | None = None

    def __post_init__(self):
        if self.replicas < 1:
            raise ClusterError("--replicas: at least 1")
        self.port = self.port or free_port(self.host)
        self.run_dir = Path(self.run_dir or Path(tempfile.gettempdir()) / f"nt-cluster-{self.port}")
        self.cookie_secret = (self.cookie_secret or os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
                              or secrets.token_hex(32))

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def socket_path(self) -> Path:
        return self.run_dir / "haproxy.sock"

    @property
    def config_path(self) -> Path:
        return self.run_dir / "haproxy.cfg"

    def pids(self) -> list[int]:
        """The replicas' and the proxy's processes (to measure their memory and CPU)."""
        procs = [r.proc for r in self.members] + [self.proxy]
        return [p.pid for p in procs if p is not None and p.poll() is None]

    def replica(self, name: str) -> Replica:
        for r in self.members:
            if r.name == name:
                return r
        raise ClusterError(f"no replica {name!r} (replicas: "
                           f"{', '.join(r.name for r in self.members)})")

    # -- start --

    def start(self) -> "Cluster":
        with socket.socket() as probe:  # before the replicas' warm-ups, not after
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((self.host, self.port))
            except OSError as exc:
                raise ClusterError(f"cannot listen on {self.host}:{self.port} ({exc.strerror}):"
                                   " another server is there (scripts/run.sh?); choose "
                                   "another --port") from None
        self.run_dir.mkdir(parents=True, exist_ok=True)
        for marker in self.run_dir.glob("*.stopped"):  # a previous run's stop-replica
            marker.unlink()
        self.members = [Replica(f"r{i + 1}", free_port()) for i in range(self.replicas)]
        for r in self.members:
            self._start_replica(r)
        try:
            for r in self.members:
                self._wait_replica(r)
            self.config_path.write_text(render(
                f"{self.host}:{self.port}", str(self.socket_path),
                [(r.name, f"127.0.0.1:{r.port}") for r in self.members]), encoding="utf-8")
            check_config(self.config_path)
            with open(self.run_dir / "haproxy.log", "ab") as log:
                self.proxy = subprocess.Popen(
                    [haproxy_binary(), "-W", "-db", "-f", str(self.config_path)], stdout=log,
                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    preexec_fn=_die_with_parent)
            (self.run_dir / "haproxy.pid").write_text(f"{self.proxy.pid}\n")
            deadline = time.monotonic() + 20
            while not (_healthy(self.url) and self.socket_path.exists()):
                if self.proxy.poll() is not None or time.monotonic() > deadline:
                    raise ClusterError(f"haproxy did not start (exit {self.proxy.poll()}): "
                                       + _tail(self.run_dir / "haproxy.log"))
                time.sleep(0.2)
            self.wait_all_up()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_replica(self, r: Replica) -> None:
        r.log = self.run_dir / f"{r.name}.log"
        env = {**os.environ, "NT_WARM_UP": "1", **self.env,
               "STREAMLIT_SERVER_COOKIE_SECRET": self.cookie_secret}
        with open(r.log, "ab") as log:  # the child keeps its own copy of the descriptor
            r.proc = subprocess.Popen(
                [sys.executable, "-m", "ui.serve", "--server.port", str(r.port),
                 "--server.address", "127.0.0.1", *REPLICA_ARGS, *self.replica_args],
                cwd=self.app_dir, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, env=env, preexec_fn=_die_with_parent)
        r.starts += 1
        (self.run_dir / f"{r.name}.pid").write_text(f"{r.proc.pid}\n")

    def _wait_replica(self, r: Replica) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(r.url):
            if r.proc.poll() is not None or time.monotonic() > deadline:
                raise ClusterError(f"replica {r.name} did not start (exit {r.proc.poll()}): "
                                   + _tail(r.log))
            time.sleep(0.3)

    def wait_all_up(self, timeout: float = 20.0) -> None:
        """Until HAProxy's health checks see every replica UP."""
        deadline = time.monotonic() + timeout
        while True:
            states = replica_states(self.socket_path)
            if len(states) == len(self.members) and all(
                    s.status == "UP" for s in states.values()):
                return
            if time.monotonic() > deadline:
                raise ClusterError(f"replicas not all UP after {timeout:g} s: "
                                   + ", ".join(f"{s.name} {s.status}" for s in states.values()))
            time.sleep(0.2)

    # -- run --

    def supervise(self, poll: float = 1.0) -> None:
        """Until a signal: start again any replica that exited (HAProxy takes it back in
        rotation once its health check passes)."""
        stop = []

        def on_signal(signum, frame):
            stop.append(signum)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, on_signal)
        while not stop:
            if self.proxy.poll() is not None:
                raise ClusterError(f"haproxy exited ({self.proxy.returncode}); log: "
                                   f"{self.run_dir / 'haproxy.log'}")
            for r in self.members:
                if r.proc.poll() is not None and not (self.run_dir / f"{r.name}.stopped").exists():
                    print(f"replica {r.name} exited ({r.proc.returncode}); starting it again",
                          file=sys.stderr, flush=True)
                    self._start_replica(r)
                    # out of MAINT if stop-replica put it there; HAProxy sends it
                    # visitors again once its health check passes (after its warm-up)
                    set_state(self.socket_path, r.name, "ready")
            time.sleep(poll)

    # -- stop --

    def stop_replica(self, name: str, drain_seconds: float = 10.0) -> dict:
        """A clean drain of one replica: see :func:`drain_and_stop`."""
        r = self.replica(name)
        (self.run_dir / f"{name}.stopped").touch()  # the supervisor leaves it stopped
        return drain_and_stop(self.socket_path, name, r.proc.pid, drain_seconds)

    def stop(self) -> None:
        if self.proxy is not None and self.proxy.poll() is None:
            self.proxy.send_signal(signal.SIGUSR1)  # soft stop: closes listeners, waits
            try:
                self.proxy.wait(15)
            except subprocess.TimeoutExpired:
                self.proxy.kill()
                self.proxy.wait(5)
        for r in self.members:
            if r.proc is not None and r.proc.poll() is None:
                r.proc.terminate()
        for r in self.members:
            if r.proc is not None:
                try:
                    r.proc.wait(15)
                except subprocess.TimeoutExpired:
                    r.proc.kill()
                    r.proc.wait(5)

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def drain_and_stop(socket_path: str | Path, name: str, pid: int,
                   drain_seconds: float = 10.0) -> dict:
    """DRAIN (HAProxy sends it no new session; requests carrying its cookie still reach
    it), wait until its connections end or ``drain_seconds`` pass, MAINT (nothing more
    reaches it; its cookie's requests go elsewhere), then SIGTERM the replica. Returns
    what happened: the connections open when the drain began and at the stop."""
    states = replica_states(socket_path)
    if name not in states:
        raise ClusterError(f"no replica {name!r} behind the proxy ({', '.join(states)})")
    before = states[name].sessions
    set_state(socket_path, name, "drain")
    deadline = time.monotonic() + drain_seconds
    while time.monotonic() < deadline and replica_states(socket_path)[name].sessions > 0:
        time.sleep(0.2)
    left = replica_states(socket_path)[name].sessions
    set_state(socket_path, name, "maint")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return {"replica": name, "connections_at_drain": before, "connections_at_stop": left,
            "stopped": not _pid_alive(pid)}


# --- command line ----------------------------------------------------------------------------

def _run_dir(port: int) -> Path:
    return Path(tempfile.gettempdir()) / f"nt-cluster-{port}"


def main(argv: list[str] | None = None) -> int:
    def where(default):  # --port and --run-dir, before or after the command
        p = argparse.ArgumentParser(add_help=False)
        p.add_argument("--port", type=int, default=default(8501), help="the proxy's port (8501)")
        p.add_argument("--run-dir", type=Path, default=default(None),
                       help="configuration, admin socket, pids and logs (/tmp/nt-cluster-PORT)")
        return p
    ap = argparse.ArgumentParser(prog="python -m ui.cluster", parents=[where(lambda v: v)],
                                 description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command")
    ap.add_argument("--replicas", type=int, default=2, help="Streamlit replicas (2)")
    ap.add_argument("--host", default="127.0.0.1",
                    help="the address the proxy listens on (127.0.0.1; 0.0.0.0 for all)")
    after = [where(lambda v: argparse.SUPPRESS)]
    stop = sub.add_parser("stop-replica", parents=after, help="drain one replica, then stop it")
    stop.add_argument("name", help="r1, r2, ...")
    stop.add_argument("--drain-seconds", type=float, default=10.0)
    start = sub.add_parser("start-replica", parents=after,
                           help="start again a replica that stop-replica stopped")
    start.add_argument("name", help="r1, r2, ...")
    sub.add_parser("status", parents=after, help="each replica's state and open connections")
    rend = sub.add_parser("render", help="print the proxy's configuration")
    rend.add_argument("--dns", help="host:port the platform's DNS resolves to every replica")
    rend.add_argument("--servers", help="name=host:port,... instead of --dns")
    rend.add_argument("--bind", default=":8080")
    rend.add_argument("--socket", default="/var/run/haproxy/admin.sock")
    a, extra = ap.parse_known_args(argv)
    run_dir = a.run_dir or _run_dir(a.port)
    try:
        if a.command == "render":
            servers = ([tuple(s.split("=", 1)) for s in a.servers.split(",")]
                       if a.servers else None)
            args = " ".join(argv if argv is not None else sys.argv[1:])
            sys.stdout.write(f"# Rendered from deploy/haproxy.cfg by `python -m ui.cluster {args}`:\n"
                             "# do not edit (tests/test_deploy.py checks it).\n"
                             + render(a.bind, a.socket, servers=servers,
                                      dns=None if servers else (a.dns or "app:8501")))
            return 0
        if a.command == "status":
            for s in replica_states(run_dir / "haproxy.sock").values():
                print(f"{s.name}  {s.status:<8} {s.sessions} open, {s.total} served")
            return 0
        if a.command == "start-replica":
            marker = run_dir / f"{a.name}.stopped"
            if not (run_dir / f"{a.name}.pid").exists():
                raise ClusterError(f"{run_dir / (a.name + '.pid')}: no such replica in this run")
            marker.unlink(missing_ok=True)  # the supervisor starts it within a second
            print(f"{a.name}: starting; in rotation once its health check passes "
                  f"(python -m ui.cluster status --port {a.port})")
            return 0
        if a.command == "stop-replica":
            pid_file = run_dir / f"{a.name}.pid"
            if not pid_file.exists():
                raise ClusterError(f"{pid_file}: no such replica in this run")
            (run_dir / f"{a.name}.stopped").touch()
            done = drain_and_stop(run_dir / "haproxy.sock", a.name,
                                  int(pid_file.read_text()), a.drain_seconds)
            print(f"{done['replica']}: drained ({done['connections_at_drain']} connections "
                  f"open, {done['connections_at_stop']} at the stop), "
                  + ("stopped" if done["stopped"] else "still running"))
            return 0 if done["stopped"] else 1
        cluster = Cluster(a.replicas, a.port, a.host, run_dir, extra)
        cluster.start()
        print(f"The explorer: {cluster.url} ({a.replicas} replicas: "
              + ", ".join(f"{r.name} {r.url}" for r in cluster.members)
              + f"; configuration, logs and admin socket in {run_dir})", flush=True)
        try:
            cluster.supervise()
        finally:
            cluster.stop()
        return 0
    except ClusterError as exc:
        print(f"ui.cluster: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
