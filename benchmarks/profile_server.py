"""Where a rerun's server time goes: the explorer under cProfile, every script run profiled.

    python benchmarks/profile_server.py --port 8811 --out /tmp/reruns   # serve, profiled
    python benchmarks/load_test.py --port 8811 --sessions 1 --duration 30   # drive it
    (Ctrl-C the server: it prints the report; the profile is in /tmp/reruns.prof)
    python benchmarks/profile_server.py --report /tmp/reruns.prof          # print it again

Streamlit runs each session's script (a full run or a fragment's) in a thread of its
own, where a process-wide profiler does not see it; so ``ScriptRunner._run_script`` is
wrapped: each run is profiled on its thread and its CPU time (``time.thread_time``) and
wall time recorded; the profiles are merged. The report gives the runs' CPU and wall
time (median, 90th percentile) and the functions with the most cumulative time.
Nothing else changes: the app runs as ``streamlit run app.py`` would run it (so without
``python -m ui.serve``'s warm-up: the first visit computes it, and ``--skip`` leaves
those runs out). Written
(every 10 s and on exit) to ``OUT.prof`` and ``OUT.runs.txt``.
"""
from __future__ import annotations

import argparse
import atexit
import cProfile
import pstats
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_lock = threading.Lock()
_profiles: list[cProfile.Profile] = []
_runs: list[tuple[float, float]] = []  # (cpu s, wall s) per script run


def _wrap_script_runs(skip: int = 0) -> None:
    """Profile every script run but the first ``skip`` (the server's first runs: imports,
    data loading)."""
    from streamlit.runtime.scriptrunner import script_runner
    seen = [0]

    original = script_runner.ScriptRunner._run_script

    def profiled(self, *args, **kwargs):
        with _lock:
            seen[0] += 1
            skipped = seen[0] <= skip
        if skipped:
            return original(self, *args, **kwargs)
        prof = cProfile.Profile()
        cpu, wall = time.thread_time(), time.perf_counter()
        prof.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            prof.disable()
            with _lock:
                _profiles.append(prof)
                _runs.append((time.thread_time() - cpu, time.perf_counter() - wall))

    script_runner.ScriptRunner._run_script = profiled


def _save(out: Path) -> None:
    with _lock:
        profiles, runs = list(_profiles), list(_runs)
    if not profiles:
        return
    stats = pstats.Stats(profiles[0])
    for p in profiles[1:]:
        stats.add(p)
    stats.dump_stats(str(out.with_suffix(".prof")))
    out.with_suffix(".runs.txt").write_text(
        "".join(f"{c:.4f} {w:.4f}\n" for c, w in runs), encoding="utf-8")


def report(prof: Path, top: int = 25, sort: str = "cumulative") -> None:
    runs_file = prof.with_suffix(".runs.txt")
    if runs_file.exists():
        runs = [tuple(map(float, line.split())) for line in runs_file.read_text().splitlines()]
        for name, i in (("CPU", 0), ("wall", 1)):
            xs = sorted(r[i] * 1000 for r in runs)
            p90 = xs[min(len(xs) - 1, int(0.9 * len(xs)))]
            print(f"{len(xs)} script runs, {name} ms: median {statistics.median(xs):.0f}, "
                  f"90th percentile {p90:.0f}, max {xs[-1]:.0f}")
    stats = pstats.Stats(str(prof))
    stats.sort_stats(sort).print_stats(top)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=8811)
    ap.add_argument("--out", type=Path, default=Path("/tmp/reruns"),
                    help="where to write OUT.prof and OUT.runs.txt (/tmp/reruns)")
    ap.add_argument("--skip", type=int, default=0, metavar="N",
                    help="leave the first N script runs out (e.g. the first page load)")
    ap.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative)")
    ap.add_argument("--report", type=Path, help="print the report of a saved profile")
    args = ap.parse_args()
    if args.report:
        report(args.report, sort=args.sort)
        return 0
    _wrap_script_runs(args.skip)

    def every_ten_seconds():
        while True:
            time.sleep(10)
            _save(args.out)

    threading.Thread(target=every_ten_seconds, daemon=True).start()

    def at_exit():
        _save(args.out)
        if args.out.with_suffix(".prof").exists():
            report(args.out.with_suffix(".prof"))

    atexit.register(at_exit)
    from streamlit.web import cli
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), "--server.port", str(args.port),
                "--server.headless", "true"]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
