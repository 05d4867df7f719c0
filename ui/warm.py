"""The server's warm-up: everything a first visitor would otherwise wait for, computed
when the server starts, so that the first visitor is served like the hundredth.

:func:`start` runs :func:`run` in a background thread, once per process and data
snapshot (a changed data file is warmed again by the next full run that calls it).
``python -m ui.serve`` (``scripts/run.sh``) starts it while Streamlit starts, and the
server binds its socket only when it is done (3.6 s of work on the development machine):
a visitor cannot reach it cold, and a health check answers once it is warm. app.py calls
:func:`start` at every full run, so a server started with ``streamlit run app.py``
warms up at its first visitor instead.

:func:`run` fills the app's own caches (:mod:`ui.data`, the map's rendered arguments in
:mod:`ui.map_adapter`) in the order a first visit needs them: the map's files and the
ids a URL may name, the map of every view, every feature's card, nearest US base and
selected map, then each view's figures. Each map is warmed in every interface language
(:data:`geo.i18n.LANGS`: a map's texts are in its language), English first: one item of
the step "maps" is a view's three maps. Each step is on its own: a data file that does
not load fails the steps that need it (its error, naming the file, is logged and kept
in the report; the page shows it when it is needed), and every other step still runs.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from streamlit.logger import get_logger

from geo.errors import DataError
from geo.i18n import LANGS
from geo.views import historical as hv
from geo.views.viewpoints import is_point_of_view

THREAD = "nt-warm-up"
log = get_logger("nt.warm")
ERRORS = (DataError, OSError, KeyError, ValueError)  # what a step may meet in bad data

_running = threading.local()  # .active while this thread runs the warm-up


class _NoContextWarning(logging.Filter):
    """Streamlit warns of a missing script-run context at each cached call made outside
    a session; the warm-up makes such calls on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (getattr(_running, "active", False)
                    and "missing ScriptRunContext" in record.getMessage())


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    _NoContextWarning())


@dataclass
class Report:
    done: list[str] = field(default_factory=list)  # "step (n of m)"
    failed: list[tuple[str, str]] = field(default_factory=list)  # (step, error), each once
    seconds: float = 0.0

    def summary(self) -> str:
        text = f"warm-up done in {self.seconds:.1f} s: {', '.join(self.done) or 'nothing'}"
        if self.failed:
            text += "; failed: " + "; ".join(f"{step}: {err}" for step, err in self.failed)
        return text


def _steps(before_maps: Callable[[], object] | None = None
           ) -> list[tuple[str, Callable[[], list], Callable[[object], object]]]:
    """(name, its items, the work on one item), in the order a first visit needs them;
    ``before_maps`` is called once before the first map is rendered."""
    from geo import map as geomap
    from ui import data, keys

    def one():
        return [None]

    def views():
        return list(data.scenarios().items)

    def selectable():
        return geomap.selectable_ids(data.atlas())

    def in_every_lang(make):  # an item's maps in every language, English first
        def work(item) -> None:
            for lang in LANGS:
                map_of(make(item, lang))
        return work

    waited = []

    def map_of(state) -> None:
        if before_maps is not None and not waited:
            waited.append(before_maps())
        # not imported sooner: importing streamlit-folium makes Streamlit read its
        # configuration, which must have the command line's options in it by then
        from ui import map_adapter as maps
        maps.rendered_map(state, key=keys.MAP, returned_objects=maps.RETURNED_OBJECTS)

    def figures(sc) -> None:
        if is_point_of_view(sc):
            hv.figures(sc, data.atlas())
        elif hv.is_historical(sc):
            data.history(sc.id)
        else:
            data.consequences(sc.id)

    def print_fonts(_) -> None:  # the print-ready figures' fonts (ui.figures)
        problem = data.figure_problem()
        if problem is not None:
            raise ValueError(problem)

    return [
        ("map files", one, lambda _: data.prepare_static()),
        ("ids", one, lambda _: data.valid()),
        ("maps", views, in_every_lang(lambda sc, lang: geomap.MapState(sc, lang=lang))),
        ("cards", selectable, data.card),
        ("nearest bases", selectable, data.nearest_base),
        ("selected maps", selectable, in_every_lang(lambda fid, lang: geomap.MapState(
            data.scenarios().baseline, selected=fid, lang=lang))),
        ("figures", views, figures),
        ("figure fonts", one, print_fonts),
    ]


def run(before_maps: Callable[[], object] | None = None) -> Report:
    """Every step on every item, each on its own (see the module): the report says how
    many were done and each distinct error met."""
    t0 = time.perf_counter()
    report = Report()
    _running.active = True
    try:
        _run(report, before_maps)
    finally:
        _running.active = False
    report.seconds = time.perf_counter() - t0
    return report


def _run(report: Report, before_maps) -> None:
    for name, items, work in _steps(before_maps):
        try:
            todo = items()
        except ERRORS as exc:
            report.failed.append((name, str(exc)))
            continue
        done, errors = 0, []
        for item in todo:
            try:
                work(item)
                done += 1
            except ERRORS as exc:
                if str(exc) not in errors:
                    errors.append(str(exc))
        report.done.append(f"{name} ({done} of {len(todo)})")
        report.failed += [(name, e) for e in errors]


_lock = threading.Lock()
_threads: dict[str, threading.Thread] = {}  # data snapshot -> its warm-up
_reports: dict[str, Report] = {}  # data snapshot -> its finished warm-up's report


def start(before_maps: Callable[[], object] | None = None) -> threading.Thread | None:
    """The warm-up of the data as it is now, in the background (once per snapshot);
    None if ``NT_WARM_UP=0`` (the test suite's own process: its AppTest runs of app.py
    would otherwise compute in the background while tests change the data)."""
    if os.environ.get("NT_WARM_UP", "1") == "0":
        return None
    from ui import data
    snap = data.snapshot()
    with _lock:
        thread = _threads.get(snap)
        if thread is not None:
            return thread

        def work() -> None:
            try:
                report = run(before_maps=before_maps)
            except Exception:  # noqa: BLE001 - a bug must not keep the server from starting
                log.exception("warm-up stopped")
                return
            _reports[snap] = report
            (log.warning if report.failed else log.info)("%s", report.summary())
        thread = _threads[snap] = threading.Thread(target=work, name=THREAD, daemon=True)
        thread.start()
    return thread


def report(snap: str | None = None) -> Report | None:
    """The finished warm-up's report for a snapshot (default: the data as it is now)."""
    from ui import data
    return _reports.get(snap or data.snapshot())
