"""Benchmark of the print-ready figures (``geo.export.figure``).

    python benchmarks/bench_figure.py             # 7 runs of each case
    python benchmarks/bench_figure.py --runs 11 --cold 5

Reports, for a grid of views, languages and overlays, the median (and range) of
``figure_bytes`` in one process after a first, discarded run (the warm case: what a
reader waits for after a click in a running app, the atlas and its analyses loaded), in
PNG (A4, 300 dpi), SVG and PDF, with each file's size; then the command line from a fresh
process (``python -m geo.export figure``: imports, data and the figure, all cold), the
median of ``--cold`` runs. Target: an A4 PNG at 300 dpi in a few seconds.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.export.figure import figure_bytes  # noqa: E402
from geo.views.catalog import view  # noqa: E402

CASES = [  # (view, language, overlays)
    ("joint-1956", "en", ("straits",)),
    ("today", "ja", ("security", "okhotsk", "sea")),
    ("hist-1875", "ja", ()),
    ("pov-japan-maps", "ru", ("okhotsk",)),
]
MADE = dt.date(2026, 12, 2)


def timed(fn, runs: int) -> tuple[float, float, float, object]:
    out, times = None, []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--cold", type=int, default=3, help="fresh processes for the command line")
    args = ap.parse_args()
    print(f"{'view':16} {'lang':4} {'overlays':24} {'fmt':4} {'median s':>9} {'range s':>12} "
          f"{'size':>10}")
    for vid, lang, overlays in CASES:
        v = view(vid)
        for fmt in ("png", "svg", "pdf"):
            def make(v=v, fmt=fmt):
                return figure_bytes(v, fmt, overlays=overlays, lang=lang, made=MADE)
            make()  # the first run loads the data and computes the analyses: left out
            med, lo, hi, data = timed(make, args.runs)
            print(f"{vid:16} {lang:4} {','.join(overlays) or '-':24} {fmt:4} {med:9.2f} "
                  f"{lo:5.2f}–{hi:5.2f} {len(data):>10,}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fig.png"
        cmd = [sys.executable, "-m", "geo.export", "figure", "joint-1956", str(out),
               "--overlay", "straits"]
        med, lo, hi, _ = timed(lambda: subprocess.run(cmd, cwd=ROOT, check=True,
                                                      capture_output=True), args.cold)
        print(f"\ncommand line, fresh process (joint-1956, straits, PNG): median {med:.2f} s "
              f"({lo:.2f}–{hi:.2f}, {args.cold} runs)")


if __name__ == "__main__":
    main()
