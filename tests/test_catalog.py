"""geo.views.catalog: one id space for every view of the islands and one holder_of."""
from __future__ import annotations

import re

import pytest

from geo import PROJECT_ROOT
from geo.errors import DataError
from geo.views.catalog import all_views, available_views, holder_of, view, view_holders
from geo.views.present import BASELINE, UnknownScenarioError, default_scenarios


def test_every_view_resolves_by_its_id_and_ids_are_unique():
    views = all_views()
    ids = [v.id for v in views]
    assert len(ids) == len(set(ids))
    assert {"today", "joint-1956", "four-islands", "hist-1855", "hist-1945",
            "pov-japan-maps", "pov-de-facto"} <= set(ids)
    for v in views:
        assert view(v.id) is v


@pytest.mark.parametrize("vid", ["mars", "hist-1066", "pov-mars", "1905", "HIST-1905", ""])
def test_an_unknown_id_names_the_known_ones(vid):
    with pytest.raises(UnknownScenarioError) as e:
        view(vid)
    assert e.value.sid == vid and "today" in e.value.known


def test_holder_of_answers_for_every_kind_of_view(gazetteer):
    cases = {  # (view, feature) -> holder
        ("today", "urup"): "RUS", ("today", "suisho"): "RUS", ("joint-1956", "suisho"): "JPN",
        ("four-islands", "etorofu"): "JPN", ("hist-1875", "urup"): "JPN",
        ("hist-1875", "kuril-north"): "JPN", ("hist-1855", "urup"): "RUS",
        ("hist-1855", "sakhalin-south"): "JOINT", ("hist-1905", "sakhalin-south"): "JPN",
        ("hist-1905", "sakhalin-north"): "RUS", ("hist-1945", "shikotan"): "RUS",
        ("pov-japan-maps", "urup"): "UND", ("pov-japan-maps", "habomai"): "JPN",
        ("pov-russia-maps", "etorofu"): "RUS", ("pov-de-facto", "kunashiri"): "RUS",
    }
    for (vid, fid), want in cases.items():
        assert holder_of(view(vid), gazetteer, fid) == want, (vid, fid)
    for v in all_views():  # land no view decides keeps its administrator
        assert holder_of(v, gazetteer, "hokkaido") == "JPN"
        assert holder_of(v, gazetteer, "kamchatka") == "RUS"
        assert holder_of(v, gazetteer, "korea") is None
        assert set(view_holders(v, gazetteer).values()) <= {"JPN", "RUS", "JOINT", "UND"}


def test_the_strait_tooltips_follow_the_view(atlas):
    """Found by moving to one holder_of: in 1875 and 1905 the Vries Strait lay between two
    Japanese shores, and the tooltip said Urup was Russian (today's administrator)."""
    from geo import map as mv
    from tests.stfolium import render
    for vid, urup in (("hist-1875", "Japan"), ("today", "Russia"),
                      ("pov-japan-maps", "undetermined attribution")):
        state = mv.MapState.of(scenario=view(vid), straits=True)
        fg = render(mv.base_map(atlas), mv.feature_groups(state, atlas))["fg"]
        assert "between Etorofu (" in fg and f"Urup ({urup})" in fg, vid


def test_no_module_resolves_view_ids_itself():
    """Ids become views in geo/views/catalog.py only: no prefix test or stripping elsewhere (the
    points-of-view loader checks that an id has its prefix; that is validation)."""
    pattern = re.compile(r"(removeprefix|startswith)\(\(?(HIST_PREFIX|POV_PREFIX|\"hist-|\"pov-)")
    allowed = {("geo/views/viewpoints.py", "if not v.id.startswith(POV_PREFIX):")}
    offenders = []
    for folder in ("geo", "pages", "ui"):
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            rel = str(path.relative_to(PROJECT_ROOT))
            if rel == "geo/views/catalog.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line) and (rel, line.strip()) not in allowed:
                    offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []


def test_every_lookup_raises_one_error_type(atlas):
    """An unknown id is an UnknownIdError (a KeyError) naming its kind and the closest
    known ids, whatever is looked up."""
    from geo.errors import UnknownIdError
    from geo.data.events import default_timeline, historical_scenario
    from geo.views.present import default_scenarios
    from geo.data.places import default_places
    lookups = {
        "feature": (lambda: atlas.gaz.get("shikotn"), "'shikotan'"),
        "event": (lambda: default_timeline().get("treaty-shimoda"), "'treaty-shimoda-1855'"),
        "scenario": (lambda: default_scenarios().get("joint1956"), "joint-1956"),
        "place": (lambda: default_places().get("misava"), "misawa"),
        "historical scenario": (lambda: historical_scenario("1906"), "1905"),
    }
    for kind, (lookup, hint) in lookups.items():
        with pytest.raises(UnknownIdError) as e:
            lookup()
        assert isinstance(e.value, KeyError) and e.value.kind == kind
        assert str(e.value).startswith(f"unknown {kind} '") and hint in str(e.value), str(e.value)


def _broken(*args):
    raise DataError("data/timeline.yaml", "broken for the test")


def test_available_views_offers_every_view_that_loads():
    cat = available_views()
    assert cat.left_out == ()
    assert cat.views.ids == [v.id for v in all_views()]
    assert cat.views.baseline.id == BASELINE


@pytest.mark.parametrize("module, name, part, kinds", [
    ("geo.views.catalog", "historical_views", "historical", ("pov-",)),
    ("geo.views.catalog", "point_of_view_views", "viewpoints", ("hist-",)),
])
def test_available_views_leaves_out_a_part_that_fails(monkeypatch, module, name, part, kinds):
    monkeypatch.setattr(module + "." + name, _broken)
    cat = available_views()
    assert [(p.part, str(p.error)) for p in cat.left_out] == [
        (part, str(DataError("data/timeline.yaml", "broken for the test")))]
    present = [sid for sid in cat.views.ids if not sid.startswith(("hist-", "pov-"))]
    assert present == list(default_scenarios().ids)
    assert all(sid in present or sid.startswith(kinds) for sid in cat.views.ids)
    assert any(sid.startswith(kinds) for sid in cat.views.ids)


def test_available_views_raises_without_the_present_day_scenarios(monkeypatch):
    monkeypatch.setattr("geo.views.present.default_scenarios", _broken)
    with pytest.raises(DataError):
        available_views()
