"""The map at a past date: holders -> colours, treaty lines, figures, escaping."""
from __future__ import annotations

import json
import re

import pytest

from geo.views import historical as hv
from geo import map as mv
from geo.data.layers import load_atlas
from geo.safe import script_json
from geo.data.events import default_timeline
from geo.views.present import default_scenarios
from tests.stfolium import render


def specs(groups) -> dict[str, dict]:
    fg = render(mv.base_map(load_atlas()), groups)["fg"]
    return {json.loads(name): json.loads(spec) for name, spec in
            re.findall(r"NT\.layer\(([^,]+), (\{.*\})\);", fg)}


def labels(groups) -> str:
    return render(mv.base_map(load_atlas()), groups)["fg"]


def esc(text: str) -> str:
    """As the text appears in the JSON of the generated script (geo.safe.script_json)."""
    return script_json(text)[1:-1]


def hist(key: str) -> hv.HistoricalView:
    return next(v for v in hv.historical_views() if v.id == f"hist-{key}")


def test_1900_map_colours_follow_the_holders(atlas):
    view = hv.view_at("1900", default_timeline())
    assert view.holders["sakhalin-south"] == view.holders["sakhalin-north"] == "RUS"
    assert view.holders["urup"] == view.holders["etorofu"] == "JPN"
    s = specs(mv.feature_groups(mv.MapState.of(scenario=view), atlas))
    land = s["history-land"]["styles"]
    assert land["sakhalin-south"]["fillColor"] == mv.HOLDER_FILL["RUS"]
    assert land["urup"]["fillColor"] == land["kuril-north"]["fillColor"] == mv.HOLDER_FILL["JPN"]
    islands = s["islands"]["styles"]
    assert islands["shikotan"]["fillColor"] == islands["suisho"]["fillColor"] == mv.HOLDER_FILL["JPN"]
    assert "dashArray" not in islands["etorofu"]
    assert "sakhalin" not in s["land"]["ids"] and "urup" not in s["land"]["ids"]
    assert view.lines == ("saint-petersburg-1875",)


def test_1855_joint_sakhalin_is_distinct_and_dotted(atlas):
    s = specs(mv.feature_groups(mv.MapState.of(scenario=hist("1855")), atlas))
    style = s["history-land"]["styles"]["sakhalin-north"]
    assert style["fillColor"] == mv.HOLDER_FILL["JOINT"] not in (mv.HOLDER_FILL["JPN"],
                                                                  mv.HOLDER_FILL["RUS"])
    assert style["dashArray"] == mv.JOINT_DASH
    assert s["history-land"]["styles"]["urup"]["fillColor"] == mv.HOLDER_FILL["RUS"]
    assert s["treaty-lines"]["ids"] == ["shimoda-1855"]


def test_hist_1905_draws_the_50th_parallel(atlas):
    view = hist("1905")
    assert view.holders["sakhalin-south"] == "JPN" and view.holders["sakhalin-north"] == "RUS"
    groups = mv.feature_groups(mv.MapState.of(scenario=view), atlas)
    s = specs(groups)
    assert "portsmouth-1905" in s["treaty-lines"]["ids"]
    assert "nt-treaty-portsmouth-1905" in s["treaty-lines"]["styles"]["portsmouth-1905"]["className"]
    assert esc("1905 boundary (50°N)") in labels(groups)
    data = {f["id"]: f for f in json.loads(mv.map_data(atlas))["features"]}
    lats = {round(y, 4) for _, y in data["portsmouth-1905"]["geometry"]["coordinates"]}
    assert lats == {50.0}
    assert {"sakhalin-south", "sakhalin-north"} <= set(data)
    # present-day scenarios draw no treaty line and keep Sakhalin whole
    today = specs(mv.feature_groups(mv.MapState.of(scenario=default_scenarios().baseline), atlas))
    assert "treaty-lines" not in today and "sakhalin" in today["land"]["ids"]


def test_base_map_unchanged_by_historical_views(atlas):
    sc = default_scenarios()
    hashes = {render(mv.base_map(atlas), mv.feature_groups(mv.MapState.of(scenario=s), atlas))["hash"]
              for s in (sc.baseline, hist("1855"), hist("1945"))}
    assert len(hashes) == 1


def test_historical_scenarios_join_the_present_ones():
    both = hv.with_historical(default_scenarios())
    assert both.ids[:3] == ["today", "joint-1956", "four-islands"]
    assert both.ids[3:] == ["hist-1855", "hist-1875", "hist-1905", "hist-1945"]
    assert both.get("hist-1875").short_title == "1875 Treaty of Saint Petersburg"
    assert both.get("hist-1945").short_title == "1945 (after the Soviet occupation)"
    assert both.baseline.id == "today"


def test_figures_and_defining_events(atlas):
    f1905 = hv.figures(hist("1905"), atlas)
    f1875 = hv.figures(hist("1875"), atlas)
    assert f1905.total_km2 == pytest.approx(f1875.total_km2)
    assert 70_000 < f1905.total_km2 < 95_000  # the four islands, the Kurils and Sakhalin
    assert f1905.by_holder["JPN"] > f1875.by_holder["JPN"] + 30_000  # South Sakhalin
    assert hv.figures(hist("1945"), atlas).by_holder["JPN"] == 0
    assert hist("1905").events == ("treaty-portsmouth-1905",)
    e1945 = hist("1945").events
    assert "soviet-landing-habomai-1945" in e1945 and "soviet-landing-etorofu-1945" in e1945
    assert "treaty-portsmouth-1905" not in e1945


def test_status_text_and_legend_in_history(atlas):
    gaz = atlas.gaz
    view = hist("1905")
    assert mv.status_text(gaz.get("shikotan"), view, gaz) == \
        "1905 Treaty of Portsmouth: held by Japan"
    assert "south of 50°N held by Japan, north by Russia" in mv.status_text(
        gaz.get("sakhalin"), view, gaz)
    labels_ = [i.label for i in mv.legend(hist("1855"), atlas)]
    assert any(x.startswith("Undivided, no border") and "1855-02-07" in x for x in labels_)
    assert any("Treaty of Shimoda" in x for x in labels_)


def test_entries_carry_sources_and_escape(shipped_corpus):
    tl = default_timeline()
    entries = hv.entries(tl, shipped_corpus)
    assert [e.event.id for e in entries] == [e.id for e in tl.events]
    etorofu = next(e for e in entries if e.event.id == "soviet-landing-etorofu-1945")
    assert etorofu.quotes and all(q.speaker and q.outlet and q.source_id for q in etorofu.quotes)
    assert etorofu.refs and all(r.url and r.url.startswith("http") for r in etorofu.refs)
    assert "Etorofu/Iturup held by Russia" in etorofu.changes
    from geo.references import web_url
    assert web_url("javascript:alert(1)") is None and web_url("https://x.org/a") == \
        "https://x.org/a"


def test_treaty_tooltips_and_labels_escape(atlas, monkeypatch):
    view = hist("1905")
    monkeypatch.setitem(hv.LINE_LABELS, "portsmouth-1905", "<img src=x onerror=alert(1)>")
    out = labels(mv.feature_groups(mv.MapState.of(scenario=view), atlas))
    assert "<img" not in out and "\\u003cimg" not in out
    assert esc("&lt;img src=x onerror=alert(1)&gt;") in out


def test_timeline_dates():
    dates = hv.timeline_dates()
    assert dates[0] == "1855-02-07" and "1905-09-05" in dates and len(dates) == len(set(dates))
    with pytest.raises(ValueError):
        hv.view_at("1800")
