"""Print-ready figures (geo.export.figure): valid PNG, SVG and PDF of the stated size; the
holders' colours at the islands' own positions; the title, the legend, the labels and the
attribution as text; kanji and Cyrillic drawn with no missing glyph; a geodesic scale bar
and a north arrow along the meridian; the command line and the app's download buttons.

The figures are drawn once per module (about 1–2 s each) and shared by the tests."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import re
import struct
import subprocess
import sys
import threading
import warnings
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import matplotlib
import numpy as np
import pytest
import shapely
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Rectangle
from PIL import Image

from geo.cli.export import main
from geo.export import ATTRIBUTION
from geo.export import figure_furniture as furniture
from geo.export.figure import FigureFontError, figure_bytes, figure_frame, page
from geo.export.figure_fonts import FONT_STACK, props
from geo.export.figure_text import tokens, wrap
from geo.i18n import text_in
from geo.map.legend import legend
from geo.map.style import HOLDER_FILL, SEA, holder_style, island_style
from geo.measure import GEOD
from geo.views.catalog import view

ROOT = Path(__file__).resolve().parent.parent
MADE = dt.date(2026, 12, 2)
A4_PX = (3508, 2480)  # 297 × 210 mm at 300 dpi
A4_PT = (841.89, 595.28)
SVG_NS = "{http://www.w3.org/2000/svg}"


def draw(vid: str, fmt: str, **kw) -> bytes:
    """A figure, with every warning an error (a missing glyph is one: matplotlib warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return figure_bytes(view(vid), fmt, made=MADE, **kw)


@pytest.fixture(scope="module")
def figs() -> dict[str, bytes]:
    cases = {
        "joint-png": ("joint-1956", "png", {"overlays": ("straits",)}),
        "joint-svg": ("joint-1956", "svg", {"overlays": ("straits",)}),
        "joint-pdf": ("joint-1956", "pdf", {"overlays": ("straits",)}),
        "four-png": ("four-islands", "png", {}),
        "today-png": ("today", "png", {"overlays": ("security", "okhotsk", "sea")}),
        "1875-png": ("hist-1875", "png", {"lang": "ja"}),
        "1875-ja-svg": ("hist-1875", "svg", {"lang": "ja"}),
        "1875-ja-pdf": ("hist-1875", "pdf", {"lang": "ja"}),
        "pov-ru-svg": ("pov-japan-maps", "svg", {"lang": "ru", "overlays": ("okhotsk",)}),
    }
    return {k: draw(vid, fmt, **kw) for k, (vid, fmt, kw) in cases.items()}


# --- PNG ---------------------------------------------------------------------------------

def png_chunks(data: bytes) -> dict[bytes, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, i = {}, 8
    while i < len(data):
        n, kind = struct.unpack(">I4s", data[i:i + 8])
        out.setdefault(kind, data[i + 8:i + 8 + n])
        i += 12 + n
    return out


@pytest.mark.parametrize("case", ["joint-png", "four-png", "today-png", "1875-png"])
def test_png_is_a4_at_300_dpi(figs, case):
    chunks = png_chunks(figs[case])
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    assert (width, height) == A4_PX
    x, y, unit = struct.unpack(">IIB", chunks[b"pHYs"])
    assert unit == 1 and x == y == round(300 / 0.0254)  # pixels per metre
    assert b"IEND" in chunks
    assert Image.open(io.BytesIO(figs[case])).size == A4_PX


def seen(fill: str, opacity: float) -> np.ndarray:
    """The colour a fill shows over the sea, as the web map shows it (0–255)."""
    a = np.array([int(fill[i:i + 2], 16) for i in (1, 3, 5)], float)
    b = np.array([int(SEA[i:i + 2], 16) for i in (1, 3, 5)], float)
    return a * opacity + b * (1 - opacity)


def share_of(img: np.ndarray, frame, geom, colour: np.ndarray, inset_deg: float) -> float:
    """The share of points inside ``geom`` (its largest part, moved in by ``inset_deg``
    from the coast: the outline is drawn there) whose pixel shows ``colour``."""
    part = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area).buffer(-inset_deg)
    x0, y0, x1, y1 = part.bounds
    pts = [(x, y) for x in np.linspace(x0, x1, 30) for y in np.linspace(y0, y1, 30)
           if part.contains(shapely.Point(x, y))]
    assert len(pts) >= 20, "too few points inside"
    hits = 0
    for lon, lat in pts:
        col, row = frame.pixel(lon, lat)
        hits += np.linalg.norm(img[row, col, :3].astype(float) - colour) < 12
    return hits / len(pts)


HOLDINGS = [  # (figure, view, feature, holder): the facts of each view
    ("joint-png", "joint-1956", "shikotan", "JPN"),
    ("joint-png", "joint-1956", "etorofu", "RUS"),
    ("joint-png", "joint-1956", "kunashiri", "RUS"),
    ("four-png", "four-islands", "etorofu", "JPN"),
    ("four-png", "four-islands", "kunashiri", "JPN"),
    ("four-png", "four-islands", "shikotan", "JPN"),
    ("today-png", "today", "shikotan", "RUS"),
    ("1875-png", "hist-1875", "urup", "JPN"),
    ("1875-png", "hist-1875", "etorofu", "JPN"),
]


@pytest.mark.parametrize("case, vid, fid, holder", HOLDINGS)
def test_islands_show_their_holder_colour(figs, atlas, case, vid, fid, holder):
    v = view(vid)
    img = np.asarray(Image.open(io.BytesIO(figs[case])).convert("RGB"))
    frame = figure_frame(v)
    style = (holder_style(holder, fid) if fid == "urup" else island_style(v, atlas.gaz, fid))
    want = seen(HOLDER_FILL[holder], style["fillOpacity"])
    other = seen(HOLDER_FILL["RUS" if holder == "JPN" else "JPN"], style["fillOpacity"])
    assert np.linalg.norm(want - other) > 100  # the two holders are far apart
    inset = 0.03 if frame.extent == "islands" else 0.06
    geom = atlas.land.geoms[fid]
    assert share_of(img, frame, geom, want, inset) > 0.6
    assert share_of(img, frame, geom, other, inset) < 0.05


def test_sea_and_a_point_outside_the_islands(figs, atlas):
    img = np.asarray(Image.open(io.BytesIO(figs["joint-png"])).convert("RGB"))
    frame = figure_frame(view("joint-1956"))
    col, row = frame.pixel(149.5, 42.6)  # the open Pacific, away from every label
    assert np.linalg.norm(img[row, col, :3] - seen(SEA, 1.0)) < 3
    # the map's upper left corner is where the page's layout puts it
    pg = page()
    x0, _y0, _x1, y1 = frame.bounds
    corner = frame.pixel(*frame.inv(x0, y1))
    want = (pg.map_box[0] * 300, (pg.h - pg.map_box[1] - pg.map_box[3]) * 300)
    assert max(abs(a - b) for a, b in zip(corner, want)) <= 1


# --- SVG ---------------------------------------------------------------------------------

def svg_texts(data: bytes) -> tuple[ET.Element, list[str]]:
    root = ET.parse(io.BytesIO(data)).getroot()
    return root, ["".join(e.itertext()) for e in root.iter(f"{SVG_NS}text")]


def test_svg_is_a4_with_title_legend_labels_and_attribution_as_text(figs, atlas):
    root, texts = svg_texts(figs["joint-svg"])
    assert root.tag == f"{SVG_NS}svg"
    assert [float(root.attrib[k].removesuffix("pt")) for k in ("width", "height")] == \
        pytest.approx(A4_PT, abs=0.01)
    v = view("joint-1956")
    joined = " ".join(texts)
    assert str(v.title) in texts  # the title on one line
    for row in legend(v, atlas, ["straits"], lang="en", names="both"):
        assert " ".join(row.label.split()) in joined, row.label  # wrapped at spaces
    assert ATTRIBUTION in joined
    assert "Northern Territories / Southern Kurils explorer" in joined
    assert "Shikotan-tō / Shikotan" in texts and "色丹島 / Шикотан" in texts  # map labels
    assert "Lambert conformal conic" in joined
    assert "figure made on 2026-12-02" in joined
    families = {e.attrib["style"].split("font-family:")[1].split(";")[0]
                for e in root.iter(f"{SVG_NS}text")}
    assert all(f.startswith(" 'DejaVu Sans', 'Noto Sans CJK JP'") and f.endswith("sans-serif")
               for f in families)


def test_japanese_and_russian_figures_keep_their_script_as_text(figs):
    _, ja = svg_texts(figs["1875-ja-svg"])
    assert "1875年 樺太・千島交換条約: 1875年5月7日の地図" in ja
    assert "択捉島" in ja and "得撫島" in ja  # the islands' kanji under the romaji
    _, ru = svg_texts(figs["pov-ru-svg"])
    assert "Официальные картографические правила Японии" in ru
    assert "Итуруп" in ru


def test_a_dollar_sign_is_not_mathtext(atlas):
    v = dataclasses.replace(view("hist-1905"), title="Costs $5 and $x^2$ here")
    _, texts = svg_texts(figure_bytes(v, "svg", made=MADE, atlas=atlas))
    assert "Costs $5 and $x^2$ here" in texts


def test_a_character_no_font_draws_is_an_error_not_a_box(atlas):
    v = dataclasses.replace(view("hist-1905"), title="Ethiopic ሀ")
    with pytest.raises(FigureFontError, match="ETHIOPIC SYLLABLE HA"):
        figure_bytes(v, "png", made=MADE, atlas=atlas)


# --- PDF ---------------------------------------------------------------------------------

def pdf_streams(data: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return out


@pytest.mark.parametrize("case", ["joint-pdf", "1875-ja-pdf"])
def test_pdf_is_a4_with_its_fonts_embedded(figs, case):
    data = figs[case]
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    box = [float(x) for x in re.search(rb"/MediaBox \[ *([\d. ]+)\]", data).group(1).split()]
    assert box[:2] == [0, 0] and box[2:] == pytest.approx(A4_PT, abs=0.01)
    kinds = re.findall(rb"/Subtype /(Type3|Type0|TrueType|Type1|CIDFontType\d)\b", data)
    # Type 3: matplotlib draws each glyph from the font's own outlines, so Noto CJK's CFF
    # outlines embed correctly (as Type 42 they would go into a TrueType font file).
    assert kinds and set(kinds) == {b"Type3"}
    assert b"/FontFile2" not in data
    assert data.count(b"/ToUnicode") == len(kinds)  # text can be searched and copied


def test_pdf_maps_the_kanji_to_unicode(figs):
    cmaps = b"".join(s for s in pdf_streams(figs["1875-ja-pdf"]) if b"beginbfchar" in s
                     or b"beginbfrange" in s)
    for ch in "択捉島樺太":
        assert f"<{ord(ch):04X}>".encode() in cmaps.upper(), ch


# --- the map's furniture -----------------------------------------------------------------

def _axes(frame):
    pg = page()
    fig = Figure(figsize=(pg.w, pg.h), dpi=pg.dpi)
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_axes((pg.map_box[0] / pg.w, pg.map_box[1] / pg.h, pg.map_box[2] / pg.w,
                       pg.map_box[3] / pg.h))
    x0, y0, x1, y1 = frame.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return ax, renderer


@pytest.mark.parametrize("extent", ["islands", "kurils", "region", "okinawa"])
def test_scale_bar_is_its_length_on_the_ellipsoid(extent):
    frame = figure_frame(view("today"), extent=extent)
    ax, _ = _axes(frame)
    scale, artists = furniture.scale_bar(ax, frame, "en", 1.0)
    cells = sorted((a for a in artists if isinstance(a, Rectangle) and a.get_height() < 1e5
                    and a.get_alpha() is None), key=lambda r: r.get_x())
    assert len(cells) == 4
    x0, x1, y = cells[0].get_x(), cells[-1].get_x() + cells[-1].get_width(), cells[0].get_y()
    (lon0, lon1), (lat0, lat1) = frame.inv(np.array([x0, x1]), np.array([y, y]))
    metres = GEOD.inv(lon0, lat0, lon1, lat1)[2]
    assert metres == pytest.approx(scale.km * 1000, rel=1e-3)
    assert (x1 - x0) / (frame.bounds[2] - frame.bounds[0]) < 0.25  # a fifth of the map
    assert 0 <= scale.spread < 0.06


@pytest.mark.parametrize("extent", ["islands", "kurils", "region"])
def test_north_arrow_leans_by_the_meridians_convergence(extent):
    """In a Lambert conic, the grid's convergence at a point is γ = n·(λ − λ0), n the
    cone's constant for the two standard parallels (Snyder, Map Projections, 15-3): true
    north, drawn on the page, leans by −γ from the vertical (east of it, west of the
    central meridian)."""
    frame = figure_frame(view("today"), extent=extent)
    ax, _ = _axes(frame)
    angle, _arrow = furniture.north_arrow(ax, frame, "en", 1.0)
    x0, y0, x1, y1 = frame.bounds
    lon, lat = frame.inv(x0 + 24 * frame.m_per_pt, y1 - 46 * frame.m_per_pt)
    p1, p2 = math.radians(frame.lat_1), math.radians(frame.lat_2)
    n = (math.log(math.cos(p1) / math.cos(p2)) /
         math.log(math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2)))
    assert angle == pytest.approx(-n * (lon - frame.lon_0), abs=0.05)
    assert angle > 1.0  # the arrow stands west of the central meridian: north leans east


def test_every_extent_stays_inside_the_land_drawn(atlas):
    from geo.map.display import map_frame
    (south, west), (north, east) = map_frame(atlas)
    for extent in ("islands", "okinawa", "region", "kurils"):
        lon0, lat0, lon1, lat1 = figure_frame(view("today"), extent=extent).lonlat_box(0.0)
        assert west < lon0 < lon1 < east and south < lat0 < lat1 < north, extent


# --- text ----------------------------------------------------------------------------------

def test_japanese_wraps_between_characters_by_the_kinsoku_rules():
    toks = tokens("四島は日本の（固有の）領土です。Etorofu Island")
    assert "（固" in toks and "の）" in toks and "す。" in toks  # never 「（」 last, 「）。」 first
    assert toks[-2:] == ["Etorofu ", "Island"]
    assert "(国" in tokens("Kunashiri-tō (国後島)")  # an ASCII bracket too
    renderer = FigureCanvasAgg(Figure(dpi=300)).get_renderer()
    text = "日本はサハリンにおける権利を放棄してサハリンは全島がロシア領となりました。" * 3
    fp = props(8)
    lines = wrap(text, 600, fp, renderer)
    assert len(lines) > 2 and "".join(lines) == text
    assert all(renderer.get_text_width_height_descent(ln, fp, False)[0] <= 600 for ln in lines)
    assert not any(ln[0] in "、。）" for ln in lines)


def test_the_font_stack_is_installed():
    from matplotlib import font_manager
    for family in FONT_STACK:
        path = font_manager.findfont(font_manager.FontProperties(family=family),
                                     fallback_to_default=False)
        assert Path(path).is_file(), family


# --- one process, many readers ---------------------------------------------------------------

def test_figures_drawn_at_once_are_the_figures_drawn_one_by_one(figs):
    got: dict[str, bytes] = {}
    runs = [("joint-svg", "svg"), ("joint-pdf", "pdf")]
    threads = [threading.Thread(target=lambda k=k, f=f: got.__setitem__(
        k, figure_bytes(view("joint-1956"), f, overlays=("straits",), made=MADE)))
        for k, f in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(got[k] == figs[k] for k, _ in runs)
    assert matplotlib.rcParams["svg.fonttype"] == "path"  # the save's settings did not leak


# --- the command line --------------------------------------------------------------------

@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"),
                                           (".pdf", b"%PDF-")])
def test_command_writes_each_format(tmp_path, capsys, suffix, magic):
    out = tmp_path / f"fig{suffix}"
    args = ["figure", "hist-1905", str(out), "--lang", "ru", "--overlay", "straits",
            "--size", "A5", "--dpi", "100", "--extent", "kurils"]
    assert main(args) == 0
    data = out.read_bytes()
    assert data.startswith(magic)
    assert f"wrote {out}" in capsys.readouterr().out
    if suffix == ".png":
        assert Image.open(out).size == (round(210 / 25.4 * 100), round(148 / 25.4 * 100))


@pytest.mark.parametrize("args, message", [
    (["figure", "no-such-view", "x.png"], "unknown scenario 'no-such-view'"),
    (["figure", "today", "x.jpg"], "the file's suffix says the format"),
])
def test_command_says_what_is_wrong_in_one_line(tmp_path, capsys, args, message):
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_command_refuses_a_bad_option():
    with pytest.raises(SystemExit) as exc:
        main(["figure", "today", "x.png", "--size", "100x400"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["figure", "today", "x.png", "--overlay", "basemap"])  # online tiles: not drawn


def test_python_m_geo_export_figure(tmp_path):
    cmd = [sys.executable, "-m", "geo.export", "figure", "nope", str(tmp_path / "x.pdf")]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("error: unknown scenario 'nope'")


# --- the app ------------------------------------------------------------------------------

@pytest.fixture
def deferred(monkeypatch):
    """The callables download buttons leave for a click, by button key."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    calls: dict[str, object] = {}
    real = MediaFileManager.add_deferred

    def add(self, fn, mimetype, coordinates, file_name=None, element_id=""):
        calls[file_name] = fn
        return real(self, fn, mimetype, coordinates, file_name=file_name, element_id=element_id)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add)
    return calls


def test_map_page_offers_the_figure_and_makes_it_on_click(deferred):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["scenario"] = "joint-1956"
    at.query_params["straits"] = "1"
    at.run()
    assert not at.exception
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert {"Figure as PNG, 300 dpi", "Figure as SVG", "Figure as PDF"} <= set(buttons)
    png = buttons["Figure as PNG, 300 dpi"].proto
    assert png.HasField("deferred_file_id") and png.url == ""  # nothing made yet
    data = deferred["northern-territories-joint-1956-en.png"]()
    assert Image.open(io.BytesIO(data)).size == A4_PX
    assert data == figure_bytes(view("joint-1956"), "png", overlays=("straits",),
                                made=dt.date.today())  # the sidebar's view and overlays


def test_compare_page_offers_each_map_as_a_figure(deferred):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["a"] = "today"
    at.query_params["b"] = "hist-1905"
    at.run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [f"Map {s} as {f}" for s in "AB"
                      for f in ("PNG, 300 dpi", "SVG", "PDF")]
    assert {"northern-territories-today-en.svg", "northern-territories-hist-1905-en.pdf"} <= \
        set(deferred)



def test_story_page_offers_the_step_s_map_at_its_extent(deferred):
    """The 1960 step shows a point of view over the four islands (the view alone opens
    over the Kurils): its figure is drawn where the step looks, in the reader's language."""
    from streamlit.testing.v1 import AppTest
    from geo.map.leaflet import view_for
    from geo.views.story import default_story, step_view
    step = default_story().get("1960")
    sv = step_view(step)
    assert step.extent != view_for(sv.view)  # else the test could not tell them apart
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["step"] = step.id
    at.query_params["lang"] = "ja"
    at.switch_page("pages/story.py").run()
    assert not at.exception
    assert len(at.get("download_button")) == 3
    data = deferred[f"northern-territories-{sv.view.id}-ja.svg"]()
    assert data == figure_bytes(sv.view, "svg", lang="ja", extent=step.extent,
                                made=dt.date.today())
    assert data != figure_bytes(sv.view, "svg", lang="ja", made=dt.date.today())



@pytest.fixture
def no_cjk_font(monkeypatch):
    """A server without Noto Sans CJK JP, as font_entries sees it; the app's once-per-process
    check forgotten before and after."""
    from geo.export import figure_fonts
    from ui import data

    def missing():
        raise figure_fonts.FigureFontError("the figures need the font 'Noto Sans CJK JP' "
                                           "(Debian: fonts-noto-cjk)")
    data.figure_problem.clear()
    monkeypatch.setattr(figure_fonts, "font_entries", missing)
    yield
    data.figure_problem.clear()


def test_without_the_fonts_the_page_says_so_instead_of_buttons_that_fail(no_cjk_font):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["scenario"] = "joint-1956"
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Scenario as GeoJSON", "Annotations as CSV (all)"]  # the others stay
    warning = " ".join(w.value for w in at.warning)
    assert "print-ready figures cannot be made on this server" in warning
    assert "Noto Sans CJK JP" in warning and "fonts-noto-cjk" in warning

# --- in the browser: a reader clicks the button and gets the file --------------------------

@pytest.fixture(scope="module")
def server():
    from conftest import streamlit_server
    with streamlit_server("figure.log") as base:
        yield base


def _download(page, label: str, timeout: float = 60_000):
    """Click the download button named ``label`` and return (file name, bytes)."""
    from playwright.sync_api import expect
    button = page.get_by_role("button", name=label, exact=True)
    expect(button).to_be_visible(timeout=60_000)
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=timeout) as info:
        button.click()
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes()


@pytest.mark.browser
def test_a_reader_downloads_the_map_s_figure_in_chromium(browser, server, atlas):
    """The Map page (the 1956 scenario with the straits): the PNG is A4 at 300 dpi with
    Shikotan in Japan's colour, Iturup in Russia's; in Russian, the SVG's title and names
    are Russian; on a phone the buttons are there too."""
    from conftest import local_page
    from geo.i18n import translator
    with local_page(browser, 1400, 1000) as page:
        page.goto(f"{server}?scenario=joint-1956&straits=1")
        name, data = _download(page, "Figure as PNG, 300 dpi")
        assert name == "northern-territories-joint-1956-en.png"
        img = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
        assert img.shape[:2] == A4_PX[::-1]
        v, frame = view("joint-1956"), figure_frame(view("joint-1956"))
        for fid, holder in (("shikotan", "JPN"), ("etorofu", "RUS")):
            want = seen(HOLDER_FILL[holder], island_style(v, atlas.gaz, fid)["fillOpacity"])
            assert share_of(img, frame, atlas.land.geoms[fid], want, 0.03) > 0.6, fid
    _ = translator("ru")
    with local_page(browser, 390, 844, touch=True) as page:
        page.goto(f"{server}?scenario=joint-1956&lang=ru")
        name, data = _download(page, _("{title} as {format}", title=_("Figure"),
                                       format=_("SVG")))
        assert name == "northern-territories-joint-1956-ru.svg"
        _root, texts = svg_texts(data)
        assert text_in(view("joint-1956").title, "ru") in texts
        assert "Итуруп" in texts and ATTRIBUTION in " ".join(texts)


@pytest.mark.browser
def test_a_reader_downloads_each_compared_map_in_chromium(browser, server):
    from conftest import local_page
    with local_page(browser, 1400, 1000) as page:
        page.goto(f"{server}compare?a=today&b=hist-1905")
        name, data = _download(page, "Map B as PDF")
        assert name == "northern-territories-hist-1905-en.pdf"
        assert data.startswith(b"%PDF-") and b"/Type3" in data
