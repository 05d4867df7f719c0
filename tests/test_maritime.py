"""Median-line (equidistance) division of the sea: synthetic cases with known
answers, the 200-nm limit, and area bookkeeping between scenarios on the atlas."""
from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from geo import PROJECT_ROOT
from geo.analysis import equidistance as eq
from geo.analysis import median_line as m
from geo.measure import area_km2, distance_km, point_distance_km
from geo.views.catalog import view
from geo.views.present import DISPUTED, UnknownScenarioError

LIMIT_KM = 200 * 1.852  # 370.4


def boundary_points(div: eq.Division, n: int = 9, trim: float = 0.05):
    """n points spread along the (longest) median line, ends trimmed."""
    line = max(div.boundary.geoms, key=lambda g: g.length)
    return [line.interpolate(f, normalized=True) for f in np.linspace(trim, 1 - trim, n)]


def islet(lon: float, lat: float, half: float = 0.001):
    return box(lon - half, lat - half, lon + half, lat + half)


# --- synthetic coasts ----------------------------------------------------------------

@pytest.fixture(scope="module")
def parallel():
    jpn = box(145.0, 42.5, 147.0, 43.0)  # coast along the parallel 43.0°N
    rus = box(145.0, 43.5, 147.0, 44.0)  # coast along 43.5°N
    return eq.median_line_division(jpn, rus, region=(145.3, 42.9, 146.7, 43.6))


def test_parallel_coasts_median_is_midway(parallel):
    err_km = parallel.resolution_m / 2 / 1000  # bound on |d_J - d_R| along the line
    assert parallel.line_error_m == parallel.resolution_m / 4
    assert parallel.boundary.geom_type == "MultiLineString" and not parallel.boundary.is_empty
    pts = boundary_points(parallel)
    for p in pts:
        d_j = distance_km((p.x, p.y), (p.x, 43.0))  # nearest point of a parallel: due south
        d_r = distance_km((p.x, p.y), (p.x, 43.5))
        assert abs(d_j - d_r) <= err_km + 0.01
        # the line is within resolution/4 of 43.25°N (facing coasts)
        assert distance_km((p.x, p.y), (p.x, 43.25)) <= parallel.line_error_m / 1000 + 0.01
    lons = [x for g in parallel.boundary.geoms for x, _ in g.coords]
    assert min(lons) == pytest.approx(145.3, abs=0.01) and max(lons) == pytest.approx(146.7,
                                                                                      abs=0.01)


def test_parallel_coasts_zones_equal_by_symmetry(parallel):
    a_j, a_r = parallel.areas_km2["JPN"], parallel.areas_km2["RUS"]
    # equal up to the convergence of the meridians across 0.25° of latitude (~0.4 %)
    assert a_j == pytest.approx(a_r, rel=0.01)
    assert a_j + a_r == pytest.approx(parallel.sea_km2)
    strip = area_km2(box(145.3, 43.0, 146.7, 43.5))  # all the sea in the region
    assert parallel.sea_km2 == pytest.approx(strip, rel=1e-3)
    # zones in lon/lat: geodesic area agrees with the equal-area figures
    for s in ("JPN", "RUS"):
        assert area_km2(parallel.zones[s]) == pytest.approx(parallel.areas_km2[s], rel=1e-3)
    assert parallel.zones["JPN"].centroid.y < 43.25 < parallel.zones["RUS"].centroid.y


@pytest.mark.parametrize("resolution_m", [1000.0, 10000.0])
def test_point_island_against_straight_coast_is_a_parabola(resolution_m):
    island = islet(146.0, 43.6)
    coast = box(144.0, 42.0, 148.0, 43.0)  # coast along 43.0°N
    div = eq.median_line_division(island, coast, region=(145.0, 43.0, 147.0, 44.5),
                                 resolution_m=resolution_m)
    err_km = resolution_m / 2 / 1000
    pts = boundary_points(div, n=7)
    for p in pts:
        d_island = point_distance_km((p.x, p.y), island)
        d_coast = distance_km((p.x, p.y), (p.x, 43.0))
        assert abs(d_island - d_coast) <= err_km + 0.05
    # the parabola's vertex is midway on the island's meridian; its arms bend
    # towards the island (the island's zone is bounded, convex around it)
    vertex = min(pts, key=lambda p: abs(p.x - 146.0))
    assert abs(vertex.x - 146.0) < 0.2
    mid = distance_km((146.0, 43.0), (146.0, 43.599)) / 2
    assert distance_km((146.0, 43.0), (146.0, vertex.y)) == pytest.approx(
        mid, abs=err_km + 0.5)
    ends = [pts[0], pts[-1]]
    assert all(p.y > vertex.y + 0.1 for p in ends)
    # analytic check in a local plane: focus at height 2h above the directrix,
    # y(x) = (x² + (2h)²) / (4h) measured from the coast
    h = mid
    for p in pts:
        x = distance_km((146.0, p.y), (p.x, p.y))
        y = distance_km((p.x, 43.0), (p.x, p.y))
        assert y == pytest.approx((x * x + 4 * h * h) / (4 * h), abs=err_km + 0.01 * y + 0.3)


def test_lone_island_zone_is_a_200nm_disc():
    island = islet(146.0, 44.5)
    far = box(158.0, 44.0, 159.0, 45.0)  # ~950 km away: more than twice the limit
    div = eq.median_line_division(island, far)
    zone = div.zones["JPN"]
    assert zone.geom_type == "Polygon" and len(zone.interiors) == 1  # the island itself
    radii = [distance_km((146.0, 44.5), c) for c in zone.exterior.coords[::25]]
    assert min(radii) == pytest.approx(LIMIT_KM, abs=1.0)
    assert max(radii) == pytest.approx(LIMIT_KM, abs=1.0)
    assert div.areas_km2["JPN"] == pytest.approx(math.pi * LIMIT_KM ** 2, rel=5e-3)
    assert div.boundary.is_empty  # the two zones do not meet
    # no land for one side: everything goes to the other
    alone = eq.median_line_division(island, shapely.Polygon())
    assert alone.areas_km2["RUS"] == 0
    assert alone.areas_km2["JPN"] == pytest.approx(div.areas_km2["JPN"], rel=1e-9)


def test_bad_arguments():
    with pytest.raises(ValueError):
        eq.median_line_division(islet(146, 44), islet(147, 44), limit_nm=0)
    with pytest.raises(ValueError):
        eq.median_line_division(islet(146, 44), islet(147, 44), region=(150, 40, 140, 50))
    with pytest.raises(ValueError):
        eq.median_line_division(shapely.Polygon(), shapely.Polygon())


# --- the shipped atlas -----------------------------------------------------------------

SCENARIOS = ("today", "joint-1956", "four-islands")


@pytest.fixture(scope="module")
def divisions(atlas):
    return {s: m.scenario_division(atlas, view(s)) for s in SCENARIOS}


def test_holders_follow_the_scenario(atlas):
    today = m.holders(view("today"), atlas)
    j56 = m.holders(view("joint-1956"), atlas)
    four = m.holders(view("four-islands"), atlas)
    for h in (today, j56, four):
        assert h["hokkaido"] == "JPN" and h["land-jpn"] == "JPN"
        for fid in ("sakhalin", "urup", "kuril-north", "kamchatka", "primorye", "land-rus"):
            assert h[fid] == "RUS"
        assert "korea" not in h and "land-chn" not in h and "okinawa" not in h
        assert set(h.values()) <= {"JPN", "RUS"}
    assert all(today[i] == "RUS" for i in ("etorofu", "kunashiri", "shikotan", "suisho"))
    assert (j56["shikotan"], j56["etorofu"], j56["kunashiri"]) == ("JPN", "RUS", "RUS")
    for islet_id in ("suisho", "akiyuri", "yuri", "shibotsu", "taraku", "habomai-minor"):
        assert j56[islet_id] == "JPN" and today[islet_id] == "RUS"
    assert all(four[i] == "JPN" for i in ("etorofu", "kunashiri", "shikotan"))
    assert set(today) == set(j56) == set(four)  # same land, other holders
    assert not set(DISPUTED) - {"habomai"} - set(today)


def test_area_bookkeeping_between_scenarios(atlas, divisions):
    seas = [d.sea_km2 for d in divisions.values()]
    assert max(seas) - min(seas) < 1e-6 * seas[0]  # same land, same sea
    for s, d in divisions.items():
        assert d.areas_km2["JPN"] + d.areas_km2["RUS"] == pytest.approx(d.sea_km2, rel=1e-12)
        assert d.areas_km2["JPN"] > 0 and d.areas_km2["RUS"] > 0
        g = m.gains_vs_today(atlas, view(s))
        assert g["JPN"] == pytest.approx(-g["RUS"], abs=1e-6 * d.sea_km2)  # gain = loss
    assert m.gains_vs_today(atlas, view("today")) == {"JPN": 0.0, "RUS": 0.0}
    g56 = m.gains_vs_today(atlas, view("joint-1956"))
    g4 = m.gains_vs_today(atlas, view("four-islands"))
    assert g56["JPN"] > 1000 and g56["RUS"] < -1000  # Shikotan and the Habomai
    assert g4["JPN"] > g56["JPN"] + 1000


def test_real_zones_are_sea_in_the_region(atlas, divisions):
    d = divisions["four-islands"]
    lon0, lat0, lon1, lat1 = m.REGION
    for s in ("JPN", "RUS"):
        z = d.zones[s]
        assert z.is_valid and not z.is_empty
        x0, y0, x1, y1 = z.bounds
        assert x0 >= lon0 - 1e-6 and y0 >= lat0 - 1e-6 and x1 <= lon1 + 1e-6 and y1 <= lat1 + 1e-6
        assert area_km2(z) == pytest.approx(d.areas_km2[s], rel=2e-3)
    pj, pr = d.planar_zones["JPN"], d.planar_zones["RUS"]
    assert shapely.intersection(pj, pr).area / 1e6 < 1.0  # they only share the line
    hokkaido = atlas.land.geoms["hokkaido"].buffer(-0.01)
    assert d.zones["JPN"].intersection(hokkaido).area < 1e-6  # land is not sea
    east_of_etorofu = shapely.Point(149.5, 44.5)
    assert d.zones["JPN"].contains(east_of_etorofu)
    assert divisions["today"].zones["RUS"].contains(east_of_etorofu)


def test_real_median_line_is_equidistant(atlas, divisions):
    d = divisions["joint-1956"]
    hs = m.holders(view("joint-1956"), atlas)
    reach = m._reach_lonlat(m.REGION, m.LIMIT_NM)  # all land that can be nearest
    jpn = shapely.union_all([m._land_geometry(atlas, f).intersection(reach)
                             for f, h in hs.items() if h == "JPN"])
    rus = shapely.union_all([m._land_geometry(atlas, f).intersection(reach)
                             for f, h in hs.items() if h == "RUS"])
    for p in boundary_points(d, n=5):
        d_j = point_distance_km((p.x, p.y), jpn)
        d_r = point_distance_km((p.x, p.y), rus)
        assert 0 < d_j <= LIMIT_KM
        # sampling bound + projection distortion (< 0.3 % of the distance)
        assert abs(d_j - d_r) <= d.resolution_m / 2 / 1000 + 0.003 * d_j


def test_cached_and_deterministic(atlas, divisions):
    assert m.scenario_division(atlas, view("today")) is divisions["today"]
    before = divisions["joint-1956"]
    for cached in vars(m).values():  # forget every cached step (lru_cache functions)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    again = m.scenario_division(atlas, view("joint-1956"))
    assert again is not before
    assert dict(again.areas_km2) == dict(before.areas_km2)
    assert shapely.to_wkb(again.zones["JPN"]) == shapely.to_wkb(before.zones["JPN"])
    assert shapely.to_wkb(again.boundary) == shapely.to_wkb(before.boundary)


def test_unknown_scenario(atlas):
    with pytest.raises(UnknownScenarioError):
        view("no-such-scenario")  # ids become views in the catalogue only


def test_module_does_not_import_streamlit():
    code = "import sys, geo.analysis.median_line; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True)
    src = (PROJECT_ROOT / "geo" / "analysis" / "median_line.py").read_text(encoding="utf-8")
    assert "import streamlit" not in src and "from streamlit" not in src
