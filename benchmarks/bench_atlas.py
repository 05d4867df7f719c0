"""Benchmark of the static explorer (``python -m geo.export atlas``), in headless Debian
chromium, opened from file:// as a reader would open it from a static host.

    python benchmarks/bench_atlas.py            # 9 loads
    python benchmarks/bench_atlas.py --runs 15 --out /tmp/explorer.html

Builds the page (as the command line does), then reports:

* its size, raw and gzip-compressed (``gzip -9``: what a static host or CDN sends),
* navigation start → the islands' paths drawn: each load in a fresh browser context (no
  cache), timed inside the page (performance.now(), whose origin is the navigation's
  start) when the first island path (Etorofu) is in the document, at the next animation
  frame (painted); beside it the page's own mark ``nt-drawn`` (its first full draw:
  map, panel, hash) and the load event,
* a view switch → islands restyled (today → 1956 Joint Declaration and back), timed in
  the page from the change event to the next animation frame,

with every request but the file itself blocked (any is reported: there should be none).
Targets: gzip ≤ 1.5 MB, islands drawn ≤ 1 s (median).
"""
from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.export.atlas import atlas_html  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu"]
TARGETS = {"gzip_bytes": 1_500_000, "drawn_ms": 1000.0}
# Installed before the page's scripts run: the time (page clock) at which the first
# island's path is in the document, taken at the next animation frame.
WATCH_DRAWN = """
new MutationObserver(function (_, obs) {
  if (document.querySelector('path.nt-f-etorofu')) {
    obs.disconnect();
    requestAnimationFrame(function () { window.__ntIslands = performance.now(); });
  }
}).observe(document, {childList: true, subtree: true});
"""
SWITCH = """(vid) => new Promise(done => {
  const box = document.getElementById('nt-view-select'), t0 = performance.now();
  box.value = vid;
  box.dispatchEvent(new Event('change'));
  requestAnimationFrame(() => done(performance.now() - t0));
})"""


def build(out: Path) -> float:
    t0 = time.perf_counter()
    out.write_text(atlas_html(), encoding="utf-8")
    return time.perf_counter() - t0


def load(browser, uri: str) -> tuple[dict, list[str]]:
    """One load in a fresh context: its timings (ms from navigation start), and any
    request other than the file."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = ctx.new_page()
    other: list[str] = []

    def route(r):
        if r.request.url.split("#")[0] == uri:
            r.continue_()
        else:
            other.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.add_init_script(WATCH_DRAWN)
    page.goto(uri, wait_until="load")
    page.wait_for_function("() => window.__ntIslands !== undefined", timeout=30_000)
    page.wait_for_function("() => performance.getEntriesByName('nt-drawn').length", timeout=30_000)
    t = page.evaluate("""() => ({
      islands: window.__ntIslands,
      drawn: performance.getEntriesByName('nt-drawn')[0].startTime,
      load: performance.getEntriesByType('navigation')[0].loadEventEnd})""")
    switches = []
    for _ in range(3):
        for vid in ("joint-1956", "today"):
            switches.append(page.evaluate(SWITCH, vid))
    t["switch"] = statistics.median(switches)
    fill = page.get_attribute("path.nt-f-shikotan", "fill")
    assert fill.upper() == "#E69F00", fill  # back to today: Russia's colour
    ctx.close()
    return t, other


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=9, help="loads (fresh context each)")
    ap.add_argument("--out", type=Path, default=None, help="keep the page here")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="nt-bench-atlas-"))
    out = args.out or tmp / "explorer.html"
    try:
        built_s = build(out)
        raw = out.read_bytes()
        packed = len(gzip.compress(raw, 9))
        uri = out.resolve().as_uri()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium")
                                        or "/usr/bin/chromium", args=ARGS)
            load(browser, uri)  # the first load pays for the browser's own start
            runs, outside = [], []
            for _ in range(args.runs):
                t, other = load(browser, uri)
                runs.append(t)
                outside += other
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    spread = {k: (min(r[k] for r in runs), max(r[k] for r in runs)) for k in runs[0]}
    print(f"built in {built_s:.1f} s")
    print(f"size: {len(raw):,} bytes raw, {packed:,} bytes gzip -9")
    for k, label in (("islands", "navigation -> islands drawn"),
                     ("drawn", "navigation -> page's own mark nt-drawn"),
                     ("load", "navigation -> load event end"),
                     ("switch", "view switch -> restyled")):
        lo, hi = spread[k]
        print(f"{label}: median {med[k]:.0f} ms (min {lo:.0f}, max {hi:.0f}; {len(runs)} runs)")
    print(f"requests other than the file: {len(outside)}" + (f" {outside[:3]}" if outside else ""))
    ok = packed <= TARGETS["gzip_bytes"] and med["islands"] <= TARGETS["drawn_ms"] and not outside
    print("targets (gzip <= 1.5 MB, islands drawn <= 1 s, no request):",
          "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
