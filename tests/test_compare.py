"""geo.analysis.compare: what differs between two scenarios; geo.analysis.okhotsk.gate_shores."""
from __future__ import annotations

import pytest

from geo.analysis import okhotsk as seas
from geo.views.catalog import view
from geo.analysis.compare import WHERE_HISTORICAL, WHERE_PRESENT, compare, holders
from geo.map.leaflet import DEFAULT_VIEW, HISTORY_VIEW, VIEWS, view_for
from geo.views.present import UnknownScenarioError


def test_today_vs_joint_1956(atlas):
    c = compare(view("today"), view("joint-1956"), atlas, sea=False)
    assert [r.key for r in c.rows] == ["etorofu", "kunashiri", "shikotan", "habomai"]
    assert c.changed == ("shikotan", "habomai")
    shikotan = next(r for r in c.rows if r.key == "shikotan")
    assert (shikotan.a, shikotan.b) == ("RUS", "JPN")
    assert c.areas[0]["JPN"] == 0 and 340 < c.areas[1]["JPN"] < 345
    assert c.areas[0]["RUS"] == pytest.approx(c.areas[1]["JPN"] + c.areas[1]["RUS"])
    assert c.population_affected == 3330
    assert c.gates == (("nemuro-strait",), ("nemuro-strait",))
    assert c.sea_gains == (None, None)  # not asked for


def test_compare_with_a_historical_view(atlas):
    c = compare(view("hist-1875"), view("four-islands"), atlas, sea=False)
    assert c.historical == (True, False)
    keys = [r.key for r in c.rows]
    assert keys[:4] == ["etorofu", "kunashiri", "shikotan", "habomai"]
    assert {"urup", "kuril-north", "sakhalin-south", "sakhalin-north"} <= set(keys)
    assert c.changed == ("urup", "kuril-north")  # Japan's in 1875; Russia's under four-islands
    assert c.population == ()  # none of the four islands changes hands
    assert "kuril-gate-14" in c.gates[0] and "kuril-gate-14" not in c.gates[1]
    assert c.gate_names["kuril-gate-14"].startswith("First Kuril Strait")
    total = sum(c.areas[0].values())
    assert total == pytest.approx(sum(c.areas[1].values()))


def test_sea_gains_only_for_present_day(atlas):
    c = compare(view("hist-1905"), view("joint-1956"), atlas)
    assert c.sea_gains[0] is None
    assert c.sea_gains[1]["JPN"] > 0 and c.sea_gains[1]["JPN"] == pytest.approx(
        -c.sea_gains[1]["RUS"])


def test_unknown_scenario_raises():
    with pytest.raises(UnknownScenarioError):
        view("mars")


def test_holders():
    h = holders(view("joint-1956"))
    assert h["shikotan"] == "JPN" and h["urup"] == "RUS" and h["sakhalin-south"] == "RUS"
    assert holders(view("hist-1855"))["sakhalin-south"] == "JOINT"
    assert holders(view("pov-japan-maps"))["urup"] == "UND"


def test_gate_shores(atlas):
    rows = seas.gate_shores(atlas, view("four-islands"))
    assert [r.gate.id for r in rows] == [g.id for g in seas.gates(atlas)]
    jp = [r.gate.id for r in rows if r.japanese and r.gate.to_pacific]
    japanese = {"hokkaido", "etorofu", "kunashiri", "shikotan", "habomai"}  # under four-islands
    assert jp == [g.id for g in seas.gates(atlas) if g.to_pacific and japanese & set(g.features)]
    assert jp == ["nemuro-strait", "catherine-strait", "vries-strait"]
    vries = next(r for r in rows if r.gate.id == "vries-strait")
    assert vries.holders == ("JPN", "RUS")
    assert len(seas.gate_shores(atlas, view("today"), include_sea_of_japan=False)) == 17


def test_where_names_the_territories_compared(atlas):
    present = compare(view("today"), view("four-islands"), atlas, sea=False)
    assert present.where == WHERE_PRESENT == "the four islands"
    for a, b in (("hist-1875", "today"), ("today", "hist-1905")):
        c = compare(view(a), view(b), atlas, sea=False)
        assert c.where == WHERE_HISTORICAL and "Sakhalin" in c.where


def test_gates_either_is_the_union_in_order(atlas):
    c = compare(view("four-islands"), view("hist-1875"), atlas, sea=False)
    union = c.gates_either
    assert len(union) == len(set(union)) and set(union) == set(c.gates[0]) | set(c.gates[1])
    assert union[:len(c.gates[0])] == c.gates[0]  # A's first, in their order
    assert set(c.gates[1]) - set(c.gates[0])  # B adds some here
    same = compare(view("today"), view("today"), atlas, sea=False)
    assert same.gates_either == same.gates[0]


def test_the_maps_look_at_the_kurils_for_a_historical_view():
    assert DEFAULT_VIEW in VIEWS and HISTORY_VIEW in VIEWS
    assert view_for(view("today"), view("joint-1956")) == DEFAULT_VIEW == "islands"
    assert view_for(view("today"), view("hist-1855")) == HISTORY_VIEW
    assert view_for(view("pov-japan-maps")) == HISTORY_VIEW  # Urup to Sakhalin in sight
    assert view_for() == DEFAULT_VIEW
