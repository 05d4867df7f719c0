"""The map's labels (geo.map.labels), its text alternative (geo.map.describe), the frame
it keeps its view in and the seams it covers (geo.map.display)."""
from __future__ import annotations

import re

import shapely
from shapely.geometry import box

from geo.analysis.kuril_chain import chain_island_points
from geo.map import MapState
from geo.map.describe import rows, summary
from geo.map.display import display_land, fill_key, map_frame, seams
from geo.map.labels import PRIORITY, SEA_POINTS, SIDES, land_labels, strait_labels
from geo.map.text import name_lines, status_text
from geo.views.catalog import view
from geo.views.present import DISPUTED


def test_every_label_has_a_priority_sides_and_a_point(atlas):
    items = land_labels(atlas, "both") + strait_labels(atlas, "both")
    for it in items:
        assert it["prio"] in PRIORITY.values(), it
        assert it["at"] and set(it["at"]) <= set(SIDES), it
        assert -90 <= it["lat"] <= 90 and -180 <= it["lon"] <= 180, it
    by_class = {re.search(r"nt-label-(\S+)", it["cls"]).group(1): it for it in items}
    # the disputed islands come first, then their neighbours; the far context last
    assert by_class["etorofu"]["prio"] < by_class["hokkaido"]["prio"] < by_class["korea"]["prio"]
    assert by_class["kunashiri"]["prio"] < by_class["nemuro-strait"]["prio"]


def test_strait_labels_give_the_name_and_the_width(atlas):
    for it in strait_labels(atlas, "ja"):
        fid = re.search(r"nt-label-(\S+)", it["cls"]).group(1)
        name, _ = name_lines(atlas.gaz.get(fid), "ja")
        assert name in it["html"] and f"{atlas.strait_width_km(fid):,.1f} km" in it["html"]


def test_seas_and_northern_kurils_are_named_in_the_chosen_convention(atlas):
    ru = {re.search(r"nt-label-(\S+)", it["cls"]).group(1): it for it in land_labels(atlas, "ru")}
    assert "Охотское море" in ru["sea-of-okhotsk"]["html"]
    assert "Хонсю" in ru["honshu"]["html"]
    assert "Парамушир" in ru["paramushir"]["html"]
    assert ru["paramushir"]["min_zoom"] == 5  # named from the Kurils view on
    assert (ru["paramushir"]["lat"], ru["paramushir"]["lon"]) == \
        chain_island_points(atlas)["paramushir"]
    for fid, points in SEA_POINTS.items():  # each sea tries its points in order
        assert [[ru[fid]["lat"], ru[fid]["lon"]], *ru[fid]["alt"]] == [list(p) for p in points]


def test_the_habomai_name_selects_the_group(atlas):
    items = land_labels(atlas, "both")
    habomai = next(it for it in items if "nt-label-habomai " in it["cls"] + " ")
    assert habomai["select"] == "habomai" and "nt-select" in habomai["cls"]
    assert [it for it in items if it.get("select")] == [habomai]


def test_labels_escape_the_names(atlas):
    for it in land_labels(atlas, "both"):
        assert "<script" not in it["html"] and it["html"].startswith("<div>")


def test_the_frame_holds_all_the_land_drawn(atlas):
    (s, w), (n, e) = map_frame(atlas)
    frame = box(w, s, e, n)
    assert all(frame.buffer(1e-6).contains(g) for g in display_land(atlas).values())
    assert e - w > 60 and n - s > 40  # wider than the region: the cut is out of sight


def test_seams_are_cuts_between_land_of_one_fill(atlas):
    land = display_land(atlas)
    lines = seams(atlas)
    assert set(lines) <= {"RUS", "JPN", "OTHER"} and "RUS" in lines
    pieces = [f for f in land if atlas.display.props[f]["kind"] in ("context", "land")]
    for key, g in lines.items():
        same = [f for f in pieces if fill_key(f, atlas) == key]
        boundary = shapely.union_all([land[f].boundary for f in same])
        assert boundary.buffer(1e-6).contains(g), key  # on the pieces' outlines
    # Russia's cut at 60°N (the region's northern edge) is covered
    assert lines["RUS"].intersects(box(150, 59.99, 160, 60.01))


def test_the_map_in_words(atlas):
    state = MapState(view("joint-1956"), "ja", "shikotan", frozenset({"straits"}))
    text = summary(state, atlas)
    assert view("joint-1956").title in text and "Shikotan-tō (色丹島)" in text
    assert "Straits and their widths" in text
    table = dict(rows(state, atlas))
    for fid in DISPUTED:
        f = atlas.gaz.get(fid)
        main, second = name_lines(f, "ja")
        assert table[f"{main} ({second})"] == status_text(f, view("joint-1956"), atlas.gaz)
    assert "held by Japan" in table["Shikotan-tō (色丹島)"]
