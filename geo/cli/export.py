"""``python -m geo.export atlas|geojson|csv``: write the static explorer (one standalone
HTML page, ``--lang ja|ru|en`` or ``all`` for one page per language), a scenario's layers as
GeoJSON or the annotations as CSV.

Exit codes: 0 done, 1 invalid data, 2 bad usage (e.g. an unknown scenario).
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
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "atlas":
            files = _atlas_files(args.out, args.lang)
        elif args.command == "geojson":
            files = {args.out: scenario_geojson(args.scenario).encode("utf-8")}
        else:
            files = {args.out: csv_file_bytes(annotations_csv(args.feature))}
    except UnknownIdError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path, data in files.items():
        _write(path, data)
        print(f"wrote {path} ({len(data):,} bytes)")
    return 0
