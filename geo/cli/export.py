"""``python -m geo.export atlas|geojson|csv|figure``: write the static explorer (one
standalone HTML page, ``--lang ja|ru|en`` or ``all`` for one page per language), a
scenario's layers as GeoJSON, the annotations as CSV, or a print-ready figure of any view
(PNG, SVG or PDF, by the file's suffix).

Exit codes: 0 done, 1 invalid data or a missing font, 2 bad usage (e.g. an unknown
scenario).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from geo.errors import DataError, UnknownIdError
from geo.export.atlas import atlas_html, atlas_pages
from geo.i18n import DEFAULT, LANGS
from geo.export.csv import annotations_csv, csv_file_bytes
from geo.export.geojson import scenario_geojson
from geo.export.figure import (DEFAULT_DPI, DEFAULT_SIZE, FIGURE_OVERLAYS, FORMATS, SIZES,
                               FigureFontError, figure_bytes, parse_size)
from geo.map.leaflet import VIEWS
from geo.map.state import NAMES
from geo.views.catalog import view as view_of


ALL = "all"  # --lang all: every language's page


def _atlas_files(out: Path, lang: str) -> dict[Path, bytes]:
    """The explorer's page(s): one in ``lang``, or (``all``) one per language, each with
    the language switch linking its siblings."""
    if lang != ALL:
        return {out: atlas_html(lang=lang).encode("utf-8")}
    return atlas_pages(out)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo.export",
                                description="Export the scenarios, annotations or the static explorer.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("atlas", help="the static explorer: one standalone, offline HTML page (map, cards, figures "
                        "of every view), for any static host")
    a.add_argument("out", type=Path)
    a.add_argument("--lang", default=DEFAULT, choices=(*LANGS, ALL),
                   help="the page's language (default en), or all: OUT in English and OUT.ja.html, "
                        "OUT.ru.html beside it, linked by a language switch")
    g = sub.add_parser("geojson", help="a scenario's layers as RFC 7946 GeoJSON")
    g.add_argument("scenario")
    g.add_argument("out", type=Path)
    c = sub.add_parser("csv", help="the annotations as CSV")
    c.add_argument("out", type=Path)
    c.add_argument("--feature", default=None, help="only the annotations of this feature")
    f = sub.add_parser("figure", help="a print-ready figure of a view: PNG, SVG or PDF (by "
                       "OUT's suffix), with legend, scale bar, north arrow and attribution")
    f.add_argument("view", help="a view id: today, joint-1956, four-islands, hist-1855 … "
                   "hist-1945, pov-…")
    f.add_argument("out", type=Path, help="OUT.png, OUT.svg or OUT.pdf")
    f.add_argument("--lang", default=DEFAULT, choices=LANGS, help="the figure's language")
    f.add_argument("--names", default=None, choices=NAMES,
                   help="the names convention (default: the language's)")
    f.add_argument("--overlay", action="append", default=[], choices=FIGURE_OVERLAYS,
                   help="an overlay to draw (repeat for more; the sea division: present-day "
                        "scenarios only)")
    f.add_argument("--extent", default=None, choices=tuple(VIEWS),
                   help="the area shown (default: the one the app shows the view in)")
    f.add_argument("--size", default=DEFAULT_SIZE, type=_size,
                   help=f"{', '.join(SIZES)} (landscape) or WIDTHxHEIGHT in mm (default "
                        f"{DEFAULT_SIZE})")
    f.add_argument("--dpi", default=DEFAULT_DPI, type=int, help="the PNG's resolution "
                   f"(default {DEFAULT_DPI})")
    return p


def _size(text: str) -> str:
    try:
        parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return text


def _figure(args) -> dict[Path, bytes]:
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{args.out}: the file's suffix says the format: "
                         f"{', '.join('.' + f for f in FORMATS)}")
    return {args.out: figure_bytes(view_of(args.view), fmt, overlays=args.overlay,
                                   names=args.names, lang=args.lang, extent=args.extent,
                                   size=args.size, dpi=args.dpi)}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "atlas":
            files = _atlas_files(args.out, args.lang)
        elif args.command == "geojson":
            files = {args.out: scenario_geojson(args.scenario).encode("utf-8")}
        elif args.command == "figure":
            files = _figure(args)
        else:
            files = {args.out: csv_file_bytes(annotations_csv(args.feature))}
    except (DataError, FigureFontError) as exc:  # before ValueError: a DataError is one
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (UnknownIdError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path, data in files.items():
        _write(path, data)
        print(f"wrote {path} ({len(data):,} bytes)")
    return 0
