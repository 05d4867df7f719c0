"""Geodesic measures on synthetic shapes with answers known independently of pyproj."""
import math

import numpy as np
import pytest
from shapely.geometry import LineString, Point, Polygon, box

from geo.measure import (area_km2, distance_km, fill_holes, gross_area_km2, max_deviation_m,
                         narrows, point_distance_km)

A = 6378137.0  # WGS84
F = 1 / 298.257223563
E2 = F * (2 - F)
B = A * (1 - F)


def zone_area_m2(lat_deg: float) -> float:
    """Area of the WGS84 ellipsoid between the equator and a latitude, all longitudes."""
    e = math.sqrt(E2)
    s = math.sin(math.radians(lat_deg))
    return math.pi * B ** 2 * (s / (1 - E2 * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e))


def quadrangle_km2(lon0, lat0, lon1, lat1) -> float:
    return (lon1 - lon0) / 360 * (zone_area_m2(lat1) - zone_area_m2(lat0)) / 1e6


def meridian_arc_km(lat0: float, lat1: float) -> float:
    """Meridian arc length by numerical integration of the radius of curvature."""
    phi = np.linspace(math.radians(lat0), math.radians(lat1), 200001)
    m = A * (1 - E2) / (1 - E2 * np.sin(phi) ** 2) ** 1.5
    return float(np.sum((m[1:] + m[:-1]) / 2 * np.diff(phi))) / 1000


@pytest.mark.parametrize("lon0,lat0", [(0, 0), (145, 43), (120, -60)])
def test_area_of_a_geodesic_quadrangle(lon0, lat0):
    # a one-degree cell bounded by meridians and parallels; the parallel edges are
    # densified so the polygon follows the parallels rather than geodesics
    lons = np.linspace(lon0, lon0 + 1, 2001)
    ring = ([(x, lat0) for x in lons] + [(x, lat0 + 1) for x in lons[::-1]])
    got = area_km2(Polygon(ring))
    want = quadrangle_km2(lon0, lat0, lon0 + 1, lat0 + 1)
    assert got == pytest.approx(want, rel=1e-6)


def test_area_is_positive_whatever_the_winding():
    cw = Polygon([(145, 43), (145, 44), (146, 44), (146, 43)])
    ccw = Polygon(list(cw.exterior.coords)[::-1])
    assert area_km2(cw) > 0
    assert area_km2(cw) == pytest.approx(area_km2(ccw))


def test_holes_are_land_area_but_not_gross_area():
    outer = box(145, 43, 146, 44)
    lake = box(145.4, 43.4, 145.6, 43.6)
    island = Polygon(outer.exterior, [lake.exterior])
    assert area_km2(island) == pytest.approx(area_km2(outer) - area_km2(lake))
    assert gross_area_km2(island) == pytest.approx(area_km2(outer))
    assert fill_holes(island).equals(outer)


def test_one_degree_along_the_equator():
    assert distance_km((10, 0), (11, 0)) == pytest.approx(A * math.pi / 180 / 1000, abs=1e-6)


def test_narrows_between_two_coasts_one_degree_of_latitude_apart():
    south = box(144.5, 42.0, 145.5, 43.0)
    north = Polygon([(144.7, 44.0), (145.3, 44.0), (145.0, 45.0)])
    n = narrows(south, north)
    assert n.km == pytest.approx(meridian_arc_km(43.0, 44.0), abs=0.001)
    assert n.start[1] == pytest.approx(43.0) and n.end[1] == pytest.approx(44.0)
    assert n.start[0] == pytest.approx(n.end[0], abs=1e-4)  # along a meridian


def test_narrows_finds_the_closest_pair_not_the_first_guess():
    # a coast with a long spit reaching towards the other: the spit tip is closest
    coast_a = Polygon([(140, 40), (140.5, 40), (140.5, 40.4), (141.6, 40.45), (140.5, 40.5),
                       (140.5, 41), (140, 41)])
    coast_b = box(142, 39, 143, 42)
    n = narrows(coast_a, coast_b)
    assert n.start == pytest.approx((141.6, 40.45), abs=1e-6)
    # the shortest line meets the meridian lon=142 at a right angle: search it by brute force
    brute = min(distance_km((141.6, 40.45), (142.0, lat))
                for lat in np.linspace(40.40, 40.50, 20001))
    assert n.km == pytest.approx(brute, abs=0.001)
    assert n.km < distance_km((141.6, 40.45), (142.0, 40.45))


def test_touching_geometries_have_zero_narrows():
    assert narrows(box(0, 0, 1, 1), box(1, 0, 2, 1)).km == 0


def test_point_distance_to_a_polygon():
    island = box(146.0, 43.0, 147.0, 44.0)
    brute = min(distance_km((145.0, 43.5), (146.0, lat)) for lat in np.linspace(43, 44, 20001))
    assert point_distance_km((145.0, 43.5), island) == pytest.approx(brute, abs=0.001)


def test_max_deviation_is_the_largest_gap_between_outlines():
    square = box(145.0, 43.0, 145.1, 43.1)
    # move one corner 0.01 degrees of latitude outwards: about 1.11 km
    moved = Polygon([(145.0, 43.0), (145.1, 43.0), (145.1, 43.11), (145.0, 43.1)])
    dev = max_deviation_m(square, moved)
    assert dev == pytest.approx(meridian_arc_km(43.1, 43.11) * 1000, rel=0.01)
    assert max_deviation_m(square, square) == 0


def test_narrows_line_and_midpoint():
    n = narrows(Point(10, 0), Point(12, 0))
    assert isinstance(n.line, LineString)
    assert n.midpoint == pytest.approx((11, 0), abs=1e-9)
