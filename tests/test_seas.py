"""The Sea of Okhotsk, its gates and which of them have a Japanese shore (geo.analysis.okhotsk)."""
from __future__ import annotations

import itertools
import subprocess
import sys
import time

import pytest
import shapely
from shapely.geometry import LineString, Point, box

from geo import PROJECT_ROOT
from geo.views.catalog import view
from geo.analysis.treaty_lines import feature_holders
from geo.data.events import HISTORICAL, historical_holders
from geo.measure import GEOD, area_km2, distance_km
from geo.views.present import DISPUTED, UnknownScenarioError, default_scenarios
from geo.analysis.kuril_chain import (
    CHAIN_END,
    FIXED_CHAIN,
    MIN_ISLAND_KM2,
    chain,
    chain_path,
    feature_of,
)
from geo.analysis.okhotsk import (
    LITERATURE_AREA_KM2,
    PACIFIC,
    SEA_OF_JAPAN,
    SEED,
    closing_lines,
    gate_shores,
    gates,
    gates_for_scenario,
    gates_with_japanese_shore,
    okhotsk_area_km2,
    okhotsk_outline,
    pacific_with_japanese_shore,
    shore_holder,
)

HOKKAIDO_INSIDE = (142.742, 43.459)  # the gazetteer's anchors
SAKHALIN_INSIDE = (143.028, 50.156)
PACIFIC_POINT = (155.0, 45.0)
SEA_OF_JAPAN_POINT = (138.0, 43.0)


@pytest.fixture(scope="module")
def pacific_gates(atlas):
    return gates(atlas, include_sea_of_japan=False)


@pytest.fixture(scope="module")
def outline(atlas):
    return okhotsk_outline(atlas)


# --- the chain and its gates ----------------------------------------------------------

def test_chain_runs_from_hokkaido_to_kamchatka(atlas):
    isl = chain(atlas)
    ids = [c.id for c in isl]
    assert tuple(ids[:4]) == FIXED_CHAIN and ids[-1] == CHAIN_END
    middle = isl[4:-1]
    assert len(middle) >= 8
    assert all(feature_of(c.id) == "kuril-north" and c.area_km2 >= MIN_ISLAND_KM2
               for c in middle)
    assert len(set(ids)) == len(ids)
    names = [c.name for c in middle]
    # the big islands of the chain are identified, in order from Urup
    for a, b in [("Simushir", "Ketoy"), ("Ketoy", "Rasshua"), ("Rasshua", "Matua"),
                 ("Shiashkotan", "Onekotan"), ("Onekotan", "Paramushir"),
                 ("Paramushir", "Shumshu")]:
        assert names.index(a) < names.index(b)
    assert names[-1] == "Shumshu"
    # Atlasov (west of Paramushir) and the inner-row islets are off the chain
    assert "Atlasov" not in names and "Makanrushi" not in names
    # identified parts really are that size and place
    part = {c.name: c for c in middle}
    assert 1800 < part["Paramushir"].area_km2 < 2300
    assert 300 < part["Simushir"].area_km2 < 400


def test_pacific_gates_are_ordered_and_linked(atlas, pacific_gates):
    gs = pacific_gates
    assert all(g.leads_to == PACIFIC for g in gs)
    assert gs[0].shores[0] == "hokkaido" and gs[-1].shores[1] == CHAIN_END
    assert len(gs) == len(chain(atlas)) - 1
    for g in gs:
        assert g.width_km > 0
        assert g.line.length > 0
        assert distance_km(g.start, g.end) == pytest.approx(g.width_km, abs=1e-6)
    for g, h in itertools.pairwise(gs):
        assert g.shores[1] == h.shores[0]  # consecutive gates share an island
    # along the chain: each gate is farther from Cape Nosappu than the previous
    # gate's far shore island starts (midpoints move monotonically away)
    nosappu = atlas.cape_nosappu
    far = [distance_km(nosappu, g.line.interpolate(0.5, normalized=True).coords[0])
           for g in gs]
    assert far == sorted(far)
    assert len({g.id for g in gs}) == len(gs)


def test_gates_match_the_straits_layer(atlas, pacific_gates):
    by_id = {g.id: g for g in pacific_gates}
    assert [g.id for g in pacific_gates[:3]] == ["nemuro-strait", "catherine-strait",
                                                 "vries-strait"]
    for sid in ("nemuro-strait", "catherine-strait", "vries-strait"):
        g = by_id[sid]
        assert g.strait == sid
        assert g.width_km == pytest.approx(atlas.strait_width_km(sid), abs=0.05)
        assert set(g.shores) == set(atlas.straits.props[sid]["between"])
    assert by_id["catherine-strait"].shores == ("kunashiri", "etorofu")
    assert by_id["vries-strait"].shores == ("etorofu", "urup")


def test_named_kuril_straits(pacific_gates):
    last, before = pacific_gates[-1], pacific_gates[-2]
    assert last.name.startswith("First Kuril Strait") and last.shore_names == ("Shumshu",
                                                                                "Kamchatka")
    assert before.name.startswith("Second Kuril Strait")
    # the First Kuril Strait is about 11 km wide, the Second under 3 km
    assert 8 < last.width_km < 14
    assert before.width_km < 3


def test_shikotan_and_habomai_are_on_no_gate(atlas):
    habomai = set(atlas.gaz.members("habomai")) | {"habomai", "shikotan"}
    for g in gates(atlas):
        assert not habomai & set(g.features)


def test_sea_of_japan_gates_flagged(atlas):
    other = [g for g in gates(atlas) if g.leads_to == SEA_OF_JAPAN]
    assert [g.id for g in other] == ["soya-strait", "nevelskoy-strait"]
    soya, nev = other
    assert set(soya.shores) == {"hokkaido", "sakhalin"}
    assert soya.width_km == pytest.approx(atlas.strait_width_km("soya-strait"), abs=0.05)
    assert nev.shores == ("sakhalin", "land-rus")
    assert 4 < nev.width_km < 15  # the Nevelskoy Strait: about 7 km
    assert 51.5 < nev.start[1] < 53  # the narrows are at 52°N, not elsewhere on Sakhalin
    assert not any(g.leads_to == SEA_OF_JAPAN for g in gates(atlas, include_sea_of_japan=False))


def test_cached_and_deterministic(atlas):
    gates(atlas)
    t = time.perf_counter()
    again = gates(atlas)
    assert time.perf_counter() - t < 0.05
    assert again == gates(atlas)
    assert okhotsk_outline(atlas) is okhotsk_outline(atlas)


# --- the outline -------------------------------------------------------------------------

def test_outline_is_the_sea(atlas, outline):
    assert outline.geom_type == "Polygon" and outline.is_valid
    assert outline.contains(Point(SEED))
    for p in (HOKKAIDO_INSIDE, SAKHALIN_INSIDE, PACIFIC_POINT, SEA_OF_JAPAN_POINT):
        assert not outline.contains(Point(p)), p
    # no land inside: Hokkaido, Sakhalin, Kamchatka and the Kurils are outside
    for fid in ("hokkaido", "sakhalin", "kamchatka", "kuril-north", "etorofu"):
        overlap = outline.intersection(atlas.land.geoms[fid])
        assert overlap.area < 1e-9, fid


def test_outline_is_closed_by_every_gate(atlas, outline):
    edge = outline.boundary
    lines = closing_lines(atlas)
    assert {g.id for g in gates(atlas)} <= set(lines)
    for gid, line in lines.items():
        mid = line.interpolate(0.5, normalized=True)
        assert edge.distance(mid) < 1e-9, gid
        # no piece of the line runs through the sea: it is edge (or crosses land)
        near = edge.intersection(line.buffer(1e-3)).buffer(1e-7)
        inside = line.intersection(outline).difference(near)
        assert inside.length < 1e-9, gid
        assert line.intersection(near).length > 0.5 * line.length, gid


def test_outline_area_is_plausible(atlas, outline):
    km2 = okhotsk_area_km2(atlas)
    assert 1.2e6 < km2 < 1.8e6
    # cut at 60°N (the context land's limit), so smaller than the literature's figure
    assert km2 < LITERATURE_AREA_KM2
    assert outline.bounds[3] == pytest.approx(60.0)
    assert km2 == pytest.approx(area_km2(outline), rel=1e-3)


# --- Japanese shores per scenario -------------------------------------------------------

def _expected(gs, japanese: set[str]) -> list[str]:
    return [g.id for g in gs if japanese & set(g.features)]


def test_present_day_scenarios(atlas, pacific_gates):
    for sc in default_scenarios():
        japanese = {"hokkaido"} | {isl for isl in DISPUTED if sc.holder(isl) == "JPN"}
        got = gates_for_scenario(atlas, sc)
        assert got == _expected(pacific_gates, japanese), sc.id
    assert gates_for_scenario(atlas, view("today")) == ["nemuro-strait"]
    # Shikotan and the Habomai are on no gate: 1956 changes nothing here
    assert gates_for_scenario(atlas, view("joint-1956")) == gates_for_scenario(atlas, view("today"))
    assert gates_for_scenario(atlas, view("four-islands")) == ["nemuro-strait", "catherine-strait",
                                                               "vries-strait"]
    assert gates_for_scenario(atlas, view("today"), include_sea_of_japan=True) == [
        "nemuro-strait", "soya-strait"]


def test_historical_scenarios(atlas, pacific_gates):
    all_ids = [g.id for g in pacific_gates]
    for key in HISTORICAL:
        holders = feature_holders(historical_holders(key), atlas.gaz)
        japanese = {"hokkaido"} | {f for f, h in holders.items() if h == "JPN"}
        got = gates_with_japanese_shore(atlas, holders)
        assert got == _expected(pacific_gates, japanese), key
        assert gates_for_scenario(atlas, view(f"hist-{key}")) == got
    assert gates_for_scenario(atlas, view("hist-1875")) == all_ids  # the whole chain was Japanese
    assert gates_for_scenario(atlas, view("hist-1855")) == ["nemuro-strait", "catherine-strait",
                                                            "vries-strait"]
    assert gates_for_scenario(atlas, view("hist-1945")) == ["nemuro-strait"]
    # a point of view: on Japan's maps the four islands are Japanese, the rest undetermined
    assert gates_for_scenario(atlas, view("pov-japan-maps")) == ["nemuro-strait",
                                                                 "catherine-strait", "vries-strait"]


def test_sakhalin_halves(atlas):
    by_id = {g.id: g for g in gates(atlas)}
    holders = feature_holders(historical_holders("1905"), atlas.gaz)
    assert holders["sakhalin-south"] == "JPN" and holders["sakhalin-north"] == "RUS"
    soya, nev = by_id["soya-strait"], by_id["nevelskoy-strait"]
    assert shore_holder(atlas, soya, soya.shores.index("sakhalin"), holders) == "JPN"
    assert shore_holder(atlas, nev, 0, holders) == "RUS"
    assert shore_holder(atlas, nev, 1, holders) == "RUS"  # context land: its country


def test_unknown_view():
    for vid in ("no-such-scenario", "hist-1066", "pov-mars", "1905"):
        with pytest.raises(UnknownScenarioError):
            view(vid)


def test_holders_for_parts_use_their_feature(atlas, pacific_gates):
    g = next(g for g in pacific_gates if g.shores[0].startswith("kuril-north#"))
    assert shore_holder(atlas, g, 0, {"kuril-north": "JPN"}) == "JPN"
    assert shore_holder(atlas, g, 0, {}) == "RUS"  # today's administrator
    assert gates_with_japanese_shore(atlas, {"hokkaido": "RUS"}) == []


# --- synthetic geometry -----------------------------------------------------------------

def _square(lon: float, size: float = 0.1, lat: float = -0.05) -> shapely.Polygon:
    return box(lon, lat, lon + size, lat + size)


def test_synthetic_chain_path_keeps_islands_in_the_gap_and_skips_detours():
    isl = {
        "start": _square(150.0), "end": _square(151.0),
        "mid": _square(150.5, size=0.02),  # in the gap: splits it
        "off": _square(150.5, lat=0.5),  # well off the axis: a detour
    }
    assert chain_path("start", "end", isl) == ["start", "mid", "end"]
    assert chain_path("start", "start", isl) == ["start"]
    with pytest.raises(KeyError):
        chain_path("start", "nowhere", isl)


def test_geo_never_imports_streamlit():
    code = "import sys, geo.analysis.okhotsk; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True)


def test_closing_lines_are_short_and_on_the_chain(atlas):
    for gid, line in closing_lines(atlas).items():
        assert isinstance(line, LineString)
        assert GEOD.geometry_length(line) / 1000 < 80, gid


@pytest.mark.parametrize("vid", ["today", "joint-1956", "four-islands", "hist-1875",
                                 "pov-japan-maps"])
def test_pacific_count_agrees_with_the_gates_with_a_japanese_shore(atlas, pacific_gates, vid):
    v = view(vid)
    rows = gate_shores(atlas, v)
    assert any(r.gate.leads_to == SEA_OF_JAPAN for r in rows)  # present, and not counted
    assert pacific_with_japanese_shore(rows) == (len(gates_for_scenario(atlas, v)),
                                                 len(pacific_gates))


def test_pacific_count_of_no_rows():
    assert pacific_with_japanese_shore([]) == (0, 0)
