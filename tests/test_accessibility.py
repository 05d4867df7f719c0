"""Colours stay distinguishable under the common colour-vision deficiencies.

Each palette colour is passed through the Machado, Oliveira & Fernandes (2009)
simulation of protanopia, deuteranopia and tritanopia (severity 1.0, applied
in linear RGB), and every pair that must be told apart on the map is compared
with the CIE76 colour difference in CIELAB. Disputed status is also shown by a
dashed outline, so colour is never the only cue (checked in test_mapview).
"""
import itertools

import numpy as np
import pytest

from geo import map as mapview

MACHADO = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
MIN_DELTA_E = 20  # clearly different at a glance, for areas (CIE76 in CIELAB)


def _linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                  [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(linear_rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str | None = None) -> float:
    la, lb = _linear(a), _linear(b)
    if vision:
        la, lb = MACHADO[vision] @ la, MACHADO[vision] @ lb
    return float(np.linalg.norm(_lab(la) - _lab(lb)))


def test_simulation_sanity():
    # red and green, far apart for normal vision, collapse under deuteranopia
    assert delta_e("#FF0000", "#00FF00") > 80
    assert delta_e("#FF0000", "#00FF00", "deuteranopia") < delta_e("#FF0000", "#00FF00") / 2
    assert delta_e("#123456", "#123456", "tritanopia") == 0


AREA_COLOURS = {
    "Japan": mapview.HOLDER_FILL["JPN"], "Russia": mapview.HOLDER_FILL["RUS"],
    "joint": mapview.HOLDER_FILL["JOINT"], "Japan (undisputed)": mapview.LAND_TINT["JPN"],
    "Russia (undisputed)": mapview.LAND_TINT["RUS"], "other countries": mapview.OTHER_FILL,
    "sea": mapview.SEA,
}
MUST_DIFFER = [
    ("Japan", "Russia"), ("Japan", "joint"), ("Russia", "joint"),
    ("Japan", "Russia (undisputed)"), ("Russia", "Japan (undisputed)"),
    ("Japan (undisputed)", "Russia (undisputed)"), ("Japan", "sea"), ("Russia", "sea"),
    ("Japan (undisputed)", "sea"), ("Russia (undisputed)", "sea"),
    ("Japan", "other countries"), ("Russia", "other countries"),
]


@pytest.mark.parametrize("vision", [None, *MACHADO])
@pytest.mark.parametrize("a,b", MUST_DIFFER)
def test_map_colours_stay_apart(a, b, vision):
    d = delta_e(AREA_COLOURS[a], AREA_COLOURS[b], vision)
    assert d >= MIN_DELTA_E, f"{a} vs {b} under {vision or 'normal vision'}: ΔE {d:.1f}"


@pytest.mark.parametrize("vision", [None, *MACHADO])
def test_point_kinds_stay_apart(vision):
    for a, b in itertools.combinations(mapview.POINT_COLOUR.values(), 2):
        assert delta_e(a, b, vision) >= 10, (a, b, vision)
