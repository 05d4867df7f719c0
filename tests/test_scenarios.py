"""Scenarios: validation of data/scenarios.yaml and the figures computed from it."""
from __future__ import annotations

import pytest

from geo.data.loading import dump_yaml
from geo.errors import DataError
from geo.views.present import (DISPUTED, UnknownScenarioError, consequences,
                           holder_of, is_disputed_under, load_scenarios)


def test_required_scenarios_exist(scenarios):
    assert {"today", "joint-1956", "four-islands"} <= set(scenarios.ids)
    assert scenarios.get("today").title == "Today: administered by Russia, claimed by Japan"
    assert scenarios.get("joint-1956").title.startswith("1956 Joint Declaration")
    assert scenarios.get("four-islands").title == "Japan's claim: all four islands"


def test_holders(scenarios):
    today, j56, four = (scenarios.get(s) for s in ("today", "joint-1956", "four-islands"))
    assert all(today.holder(i) == "RUS" and today.is_disputed(i) for i in DISPUTED)
    assert [j56.holder(i) for i in DISPUTED] == ["RUS", "RUS", "JPN", "JPN"]
    assert all(four.holder(i) == "JPN" and not four.is_disputed(i) for i in DISPUTED)


def test_islets_follow_their_group(scenarios, atlas):
    j56 = scenarios.get("joint-1956")
    for islet in ("suisho", "akiyuri", "yuri", "shibotsu", "taraku", "habomai-minor"):
        assert holder_of(j56, atlas.gaz, islet) == "JPN"
        assert not is_disputed_under(j56, atlas.gaz, islet)
    assert holder_of(j56, atlas.gaz, "hokkaido") == "JPN"
    assert holder_of(j56, atlas.gaz, "urup") == "RUS"


def test_defining_sources_quote_the_texts(scenarios, shipped_corpus):
    j56 = scenarios.get("joint-1956")
    quotes = [shipped_corpus.by_id[a] for a in j56.sources]
    art9 = [a for a in quotes if "agrees to hand over to Japan the Habomai Islands and the "
                                 "island of Shikotan" in a.quote]  # Article 9, verbatim
    assert art9 and art9[0].side == "joint"  # a text both governments signed
    four = scenarios.get("four-islands")
    assert any("inherent territories of Japan" in shipped_corpus.by_id[a].quote
               and shipped_corpus.by_id[a].side == "japan" for a in four.sources)


def test_each_description_states_both_positions_with_their_own_sources(scenarios,
                                                                       shipped_corpus):
    """The app's own voice takes no side: each scenario gives Japan's and Russia's position
    in the same form, and cites at least one statement of each government and a reference
    for each side's position in its own sources."""
    att = shipped_corpus.attribution
    for sc in scenarios:
        text = " ".join(sc.description.split())
        for side, phrase in (("japan", "Japan's position, as its government states it"),
                             ("russia", "Russia's position, as its government states it")):
            assert phrase in text, (sc.id, phrase)
            assert any(shipped_corpus.by_id[a].side == side for a in sc.sources), (sc.id, side)
        publishers = " ".join(att.references[r].publisher for r in sc.refs)
        assert "Ministry of Foreign Affairs of Japan" in publishers, sc.id
        assert "Russian Federation" in publishers, sc.id
        assert "must be returned before" not in text  # RT's and Black's framing, not Japan's
    assert "since 1947" in scenarios.get("today").description  # Sakhalin Oblast's date


def test_consequences_today_changes_nothing(atlas, scenarios):
    c = consequences("today", atlas, scenarios)
    assert c.land_km2["JPN"] == 0
    assert c.land_km2["RUS"] == pytest.approx(c.total_land_km2)
    assert c.changing == () and c.share_changing == 0 and c.population_affected == 0


def test_consequences_1956(atlas, scenarios):
    c = consequences("joint-1956", atlas, scenarios)
    shik, hab = atlas.land_area_km2("shikotan"), atlas.land_area_km2("habomai")
    assert c.changing == ("shikotan", "habomai")
    assert c.land_km2["JPN"] == pytest.approx(shik + hab)
    assert c.total_land_km2 == pytest.approx(sum(atlas.land_area_km2(i) for i in DISPUTED))
    assert 0.05 < c.share_changing < 0.09  # about 7% of the land
    assert c.population_affected == 3330  # Shikotan 2021; no residents on the Habomai
    shikotan = next(p for p in c.population if p.feature == "shikotan")
    assert shikotan.date == "2021-01-01" and shikotan.ref == "hokkaido-shimbun-2021"
    assert shikotan.ref_url.startswith("https://")


def test_consequences_four_islands_and_straits(atlas, scenarios):
    c = consequences("four-islands", atlas, scenarios)
    assert c.share_changing == pytest.approx(1.0)
    assert c.population_affected == 6799 + 8681 + 3330
    straits = {s.id: s for s in c.straits}
    assert straits["catherine-strait"].shores == (("kunashiri", "JPN"), ("etorofu", "JPN"))
    assert straits["catherine-strait"].changed
    assert straits["vries-strait"].status == "between Japan and Russia"
    assert straits["nemuro-strait"].status == "both shores Japan"
    assert not straits["tsugaru-strait"].changed and not straits["tsugaru-strait"].touches_disputed
    assert straits["catherine-strait"].width_km == pytest.approx(22.22)


def test_residents_text_names_each_island_and_each_source_once(atlas, scenarios):
    assert consequences("today", atlas, scenarios).residents_text(atlas.gaz) == ""
    c = consequences("four-islands", atlas, scenarios)
    text = c.residents_text(atlas.gaz)
    assert text.startswith("Residents: Etorofu 6,799; Kunashiri 8,681; Shikotan 3,330; "
                           "Habomai Islands 0 (")
    assert len(c.population) == 4 and len(c.population_sources) == 1  # one source, given once
    date, title, publisher = c.population_sources[0]
    assert text.endswith(f". As of {date}, {title} ({publisher}).")
    assert text.count(title) == 1


def test_straits_by_the_islands_are_those_touching_them(atlas, scenarios):
    c = consequences("joint-1956", atlas, scenarios)
    by = c.straits_by_the_islands
    assert {s.id for s in by} == {"catherine-strait", "vries-strait", "nemuro-strait"}
    assert all(s.touches_disputed for s in by)
    assert [s for s in c.straits if s.touches_disputed] == list(by)  # the layer's order
    assert "tsugaru-strait" not in {s.id for s in by}


def test_unknown_scenario_is_a_clear_error(scenarios):
    with pytest.raises(UnknownScenarioError, match=r"unknown scenario 'mars'.*today"):
        scenarios.get("mars")
    with pytest.raises(KeyError):
        consequences("mars")


def _write(tmp_path, scenarios_list) -> object:
    p = tmp_path / "scenarios.yaml"
    p.write_text(dump_yaml({"scenarios": scenarios_list}, allow_unicode=True),
                 encoding="utf-8")
    return p


def _good(**over):
    s = {"id": "today", "title": "T", "short_title": "T", "description": "D",
         "islands": {i: {"holder": "RUS", "disputed": True} for i in DISPUTED},
         "sources": ["rt-2023-taken-1945"]}
    s.update(over)
    return s


@pytest.mark.parametrize("bad, item, field, message", [
    (_good(islands={i: {"holder": "CHN", "disputed": True} for i in DISPUTED}), "today",
     "islands.etorofu.holder", "JPN"),
    (_good(islands={"etorofu": {"holder": "RUS", "disputed": True}}), "today", "islands",
     "kunashiri"),
    (_good(islands={**{i: {"holder": "RUS", "disputed": True} for i in DISPUTED},
                    "urup": {"holder": "RUS", "disputed": False}}), "today", "islands.urup",
     "not one of the four"),
    (_good(sources=["no-such-annotation"]), "today", "sources.0", "unknown annotation"),
    (_good(sources=[]), "today", "sources", "at least 1"),
    (_good(colour="red"), "today", "colour", "unknown field (not allowed)"),
    (_good(id="Bad Id"), "Bad Id", "id", "stable id"),
])
def test_validation_errors_name_file_id_field(tmp_path, gazetteer, shipped_corpus, bad, item,
                                              field, message):
    p = _write(tmp_path, [bad])
    with pytest.raises(DataError) as err:
        load_scenarios(p, gazetteer=gazetteer, annotation_ids=shipped_corpus.by_id)
    e = err.value
    assert e.path == str(p) and e.item == item and e.field == field
    assert message in str(e) and str(p) in str(e)


def test_baseline_and_duplicates_required(tmp_path, gazetteer, shipped_corpus):
    p = _write(tmp_path, [_good(id="other")])
    with pytest.raises(DataError, match="baseline scenario 'today' is missing"):
        load_scenarios(p, gazetteer=gazetteer, annotation_ids=shipped_corpus.by_id)
    p = _write(tmp_path, [_good(), _good()])
    with pytest.raises(DataError, match="duplicate scenario id"):
        load_scenarios(p, gazetteer=gazetteer, annotation_ids=shipped_corpus.by_id)


def test_missing_or_malformed_file(tmp_path, gazetteer):
    with pytest.raises(DataError, match="file not found"):
        load_scenarios(tmp_path / "nope.yaml", gazetteer=gazetteer, annotation_ids=[])
    p = tmp_path / "bad.yaml"
    p.write_text("scenarios: [", encoding="utf-8")
    with pytest.raises(DataError, match="not valid YAML"):
        load_scenarios(p, gazetteer=gazetteer, annotation_ids=[])
    p.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(DataError, match="'scenarios'"):
        load_scenarios(p, gazetteer=gazetteer, annotation_ids=[])
