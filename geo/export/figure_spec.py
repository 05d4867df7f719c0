"""What a printed figure (geo.export.figure) can be: its formats and their MIME types, the
paper sizes and the resolution. Apart from the drawing, so that the app can offer the
figures without loading matplotlib."""
from __future__ import annotations

import re

FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
SIZES = {"A5": (210.0, 148.0), "A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # mm, landscape
DEFAULT_SIZE, DEFAULT_DPI = "A4", 300
ASPECT = (1.2, 2.0)  # the layout (a side panel) needs a landscape page


def parse_size(size: str) -> tuple[float, float]:
    """A page size: a name of :data:`SIZES` or ``WIDTHxHEIGHT`` in mm (landscape, width
    1.2 to 2 times the height), as (width, height) mm; else ValueError."""
    name = str(size).strip()
    if name.upper() in SIZES:
        return SIZES[name.upper()]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)(?:\s*mm)?", name, re.I)
    if not m:
        raise ValueError(f"unknown size {name!r}: use {', '.join(SIZES)} or WIDTHxHEIGHT in mm")
    w, h = float(m.group(1)), float(m.group(2))
    if not (80 <= h and w <= 2000 and ASPECT[0] <= w / h <= ASPECT[1]):
        raise ValueError(f"size {name!r}: a figure is landscape, width {ASPECT[0]} to "
                         f"{ASPECT[1]} times its height, at least 80 mm high")
    return w, h
