"""``python -m geo.build [--check]``: the layers' reproducible build."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geo.build
from geo import data_dir
from geo.build import build, check
from geo.build.source import fetch_source
from geo.errors import DataError


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m geo.build", description=geo.build.__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", type=Path,
                   help="use this GeoJSON file instead of fetching the npm package")
    p.add_argument("--out", type=Path, default=data_dir(),
                   help="output folder (default: data/, or $NT_DATA_DIR)")
    p.add_argument("--check", action="store_true",
                   help="rebuild into a temporary folder and compare with the committed files")
    args = p.parse_args(argv)
    try:
        source = args.source or fetch_source()
        if args.check:
            diff = check(source)
            if diff:
                print("geo.build --check: these files differ from a fresh build: "
                      + ", ".join(diff), file=sys.stderr)
                return 1
            print("geo.build --check: the committed layers match a fresh build byte for byte")
            return 0
        build(source, args.out)
    except DataError as exc:  # a BuildError, or the gazetteer the build reads
        print(f"geo.build: error: {exc}", file=sys.stderr)
        return 2
    return 0
