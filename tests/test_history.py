"""The treaty timeline (data/events.yaml), holders at a date and the treaty lines."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
import shapely
from shapely.geometry import LineString, Point

from geo.data.loading import dump_yaml
from geo.errors import DataError
from geo.analysis.treaty_lines import (
    feature_holders,
    holder_geometries,
    sakhalin_split,
    treaty_lines,
)
from geo.data.events import (
    events_path,
    HISTORICAL,
    HOLDER_KEYS,
    SAKHALIN_NORTH,
    SAKHALIN_SOUTH,
    TREATY_LINES,
    default_timeline,
    historical_holders,
    historical_scenario,
    load_events,
)
from geo.data.schema import parse_date
from geo.measure import GEOD, area_km2, narrows, point_distance_km

FOUR = ("etorofu", "kunashiri", "shikotan", "habomai")


@pytest.fixture(scope="module")
def timeline():
    return default_timeline()


@pytest.fixture(scope="module")
def lines(atlas):
    return treaty_lines(atlas)


# --- who held what -------------------------------------------------------------------

def test_1860_shimoda_settlement(timeline):
    h = timeline.holders_at("1860")
    assert all(h[k] == "JPN" for k in FOUR)
    assert h["urup"] == h["kuril-north"] == "RUS"
    assert h["sakhalin-south"] == h["sakhalin-north"] == "JOINT"


def test_1900_all_kurils_japanese_sakhalin_russian(timeline):
    h = timeline.holders_at("1900-01-01")
    assert all(h[k] == "JPN" for k in (*FOUR, "urup", "kuril-north"))
    assert h["sakhalin-north"] == h["sakhalin-south"] == "RUS"


def test_1910_south_sakhalin_japanese(timeline):
    h = timeline.holders_at(dt.date(1910, 1, 1))
    assert h["sakhalin-south"] == "JPN"
    assert h["sakhalin-north"] == "RUS"
    assert all(h[k] == "JPN" for k in (*FOUR, "urup", "kuril-north"))


def test_1946_everything_russian(timeline):
    h = timeline.holders_at("1946")
    assert set(h) == set(HOLDER_KEYS)
    assert set(h.values()) == {"RUS"}


def test_holders_at_includes_the_day_itself(timeline):
    shimoda = timeline.get("treaty-shimoda-1855")
    assert timeline.holders_at(shimoda.start)["etorofu"] == "JPN"
    before = timeline.holders_at("1905-09-04")
    after = timeline.holders_at("1905-09-05")
    assert before["sakhalin-south"] == "RUS" and after["sakhalin-south"] == "JPN"


def test_1945_occupation_order(timeline):
    # Etorofu first (28 Aug), Kunashiri and Shikotan (1 Sep), the Habomai last (3-5 Sep)
    h = timeline.holders_at("1945-08-30")
    assert h["etorofu"] == "RUS" and h["kunashiri"] == "JPN" and h["habomai"] == "JPN"
    h = timeline.holders_at("1945-09-02")
    assert [h[k] for k in FOUR] == ["RUS", "RUS", "RUS", "JPN"]


@pytest.mark.parametrize("date", ["1854-12-31", "1800", "1855-01", dt.date(1700, 1, 1)])
def test_date_before_first_event_raises(timeline, date):
    with pytest.raises(ValueError, match="no holders before 1855-02-07"):
        timeline.holders_at(date)


@pytest.mark.parametrize("bad", ["1855-02-30", "55", "1855/02/07", "1855-13"])
def test_bad_query_date_raises(timeline, bad):
    with pytest.raises(ValueError):
        timeline.holders_at(bad)


def test_parse_date_partial():
    assert parse_date("1956") == (dt.date(1956, 1, 1), dt.date(1956, 12, 31))
    assert parse_date("1956-02") == (dt.date(1956, 2, 1), dt.date(1956, 2, 29))
    assert parse_date("1956-10-19") == (dt.date(1956, 10, 19),) * 2


def test_events_sorted_and_between(timeline):
    starts = [e.start for e in timeline.events]
    assert starts == sorted(starts)
    in_1956 = timeline.events_between("1956", "1956")
    assert in_1956 and all(e.year == 1956 for e in in_1956)
    assert {e.id for e in in_1956} == {e.id for e in timeline.events if e.date.startswith("1956")}
    occupation = timeline.events_between("1945-08-28", "1945-09-05")
    changed = {k for e in occupation for k in (e.holders or {})}
    assert set(FOUR) <= changed
    with pytest.raises(ValueError):
        timeline.events_between("1960", "1950")


def test_historical_scenarios(timeline):
    assert set(HISTORICAL) == {"1855", "1875", "1905", "1945"}
    for key, sc in HISTORICAL.items():
        ev = timeline.get(sc.event)
        assert ev.year == int(key) and ev.start <= sc.day
        assert historical_holders(key) == timeline.holders_at(sc.date)
    assert historical_holders("1855") == timeline.holders_at("1860")
    assert historical_holders(1875)["kuril-north"] == "JPN"
    assert historical_holders("1905")["sakhalin-south"] == "JPN"
    assert set(historical_holders("1945").values()) == {"RUS"}
    with pytest.raises(KeyError, match="1904"):
        historical_scenario("1904")


def test_boundaries_in_force(timeline):
    assert timeline.boundaries_at("1860") == ["shimoda-1855"]
    assert timeline.boundaries_at("1880") == ["saint-petersburg-1875"]
    assert set(timeline.boundaries_at("1910")) == {"saint-petersburg-1875", "portsmouth-1905"}
    assert timeline.boundaries_at("1946") == []


def test_feature_holders_map_keys_to_features(timeline, atlas):
    h = timeline.holders_at("1910")
    fh = feature_holders(h, atlas.gaz)
    for islet in atlas.gaz.members("habomai"):
        assert fh[islet] == h["habomai"]
    for key in ("etorofu", "kunashiri", "shikotan", "urup", "kuril-north"):
        assert fh[key] == h[key]
    assert fh[SAKHALIN_SOUTH] == "JPN" and fh[SAKHALIN_NORTH] == "RUS"
    assert "sakhalin" not in fh
    geoms = holder_geometries(atlas)
    assert set(fh) == set(geoms)
    assert all(not g.is_empty for g in geoms.values())
    with pytest.raises(KeyError):
        feature_holders({"hokkaido": "JPN"}, atlas.gaz)


# --- the shipped file -----------------------------------------------------------------

def _find(timeline, date_prefix: str, *keywords: str):
    hits = [e for e in timeline.events if e.date.startswith(date_prefix)
            and all(k.lower() in (e.title + " " + e.summary).lower() for k in keywords)]
    assert hits, f"no event dated {date_prefix} mentioning {keywords}"
    return hits


def test_shipped_events_cover_the_issue(timeline, atlas):
    _find(timeline, "1855", "Shimoda")
    _find(timeline, "1875", "Saint Petersburg")
    _find(timeline, "1905", "Portsmouth")
    _find(timeline, "1945", "Yalta")
    _find(timeline, "1951", "San Francisco")
    _find(timeline, "1956-08", "Dulles")
    _find(timeline, "1956-10-19", "Declaration")
    _find(timeline, "1960-01", "Security Treaty")
    _find(timeline, "1972", "Okinawa")
    _find(timeline, "2018", "Singapore")
    _find(timeline, "2020", "constitution")
    _find(timeline, "2022-03", "talks")
    for island in FOUR:  # each island's occupation: an event taking it, naming it
        names = atlas.gaz.get(island).all_names
        taken = [e for e in timeline.events if e.year == 1945 and e.holders
                 and e.holders.get(island) == "RUS"]
        assert len(taken) == 1, island
        assert island in taken[0].features
        assert any(n.split()[0] in taken[0].title for n in names), taken[0].title


def test_shipped_file_is_consistent(timeline):
    assert timeline.path == events_path()
    first = timeline.holder_events[0]
    assert set(first.holders) == set(HOLDER_KEYS)
    for e in timeline.events:
        assert e.annotations or e.refs
    assert len({e.id for e in timeline.events}) == len(timeline)


# --- validation -------------------------------------------------------------------------

BASE_REFS = {"ref-a": {"title": "A page", "publisher": "Someone", "url": "https://example.org"}}


def _event(id: str, date: str, **extra) -> dict:
    ev = {"id": id, "date": date, "title": f"Event {id}", "summary": "Something happened.",
          "features": ["etorofu"], "annotations": [], "refs": ["ref-a"]}
    ev.update(extra)
    return ev


def _base_events() -> list[dict]:
    return [
        _event("first", "1855-02-07", holders={k: "JPN" for k in HOLDER_KEYS}),
        _event("second", "1875", annotations=["a-names"], refs=[],
               holders={"urup": "RUS"}),
    ]


@pytest.fixture
def write_events(tmp_path):
    def write(events=None, references=None, text: str | None = None):
        p = tmp_path / "events.yaml"
        if text is None:
            text = dump_yaml({"references": BASE_REFS if references is None else references,
                                   "events": _base_events() if events is None else events},
                                  sort_keys=False, allow_unicode=True)
        p.write_text(text, encoding="utf-8")
        return p
    return write


def test_synthetic_file_loads(write_events, gazetteer, mini_corpus):
    p = write_events()
    tl = load_events(p, gazetteer=gazetteer, corpus=mini_corpus, views=False)
    assert [e.id for e in tl.events] == ["first", "second"]
    assert tl.holders_at("1880")["urup"] == "RUS"
    assert tl.holders_at("1860")["urup"] == "JPN"


def test_unquoted_dates_stay_text(write_events, gazetteer, mini_corpus):
    text = dump_yaml({"references": BASE_REFS, "events": _base_events()}, sort_keys=False)
    text = text.replace("'1855-02-07'", "1855-02-07").replace("'1875'", "1875")
    assert "date: 1875\n" in text and "date: 1855-02-07\n" in text
    tl = load_events(write_events(text=text), gazetteer=gazetteer, corpus=mini_corpus,
                     views=False)
    assert [e.date for e in tl.events] == ["1855-02-07", "1875"]


def test_partial_dates_sort_at_their_start(write_events, gazetteer, mini_corpus):
    evs = _base_events() + [_event("late", "1860-06-30"), _event("year", "1860"),
                            _event("month", "1860-06")]
    tl = load_events(write_events(evs), gazetteer=gazetteer, corpus=mini_corpus, views=False)
    assert [e.id for e in tl.events] == ["first", "year", "month", "late", "second"]


def _mutate(events, idx, **changes):
    for k, v in changes.items():
        if v is None:
            events[idx].pop(k, None)
        else:
            events[idx][k] = v
    return events


CASES = [
    # (name, make events, event id, field, message fragment)
    ("unknown feature", lambda: _mutate(_base_events(), 1, features=["etorofu", "etorofo"]),
     "second", "features", "unknown feature 'etorofo'"),
    ("unknown annotation", lambda: _mutate(_base_events(), 1, annotations=["no-such-quote"]),
     "second", "annotations", "unknown annotation 'no-such-quote'"),
    ("unknown ref", lambda: _mutate(_base_events(), 0, refs=["ref-b"]),
     "first", "refs.0", "unknown reference 'ref-b'"),
    ("duplicate id", lambda: _base_events() + [_event("second", "1900")],
     "second", "id", "duplicate id"),
    ("bad date", lambda: _mutate(_base_events(), 1, date="1855-02-30"),
     "second", "date", "not a real calendar date"),
    ("malformed date", lambda: _mutate(_base_events(), 1, date="7 Feb 1855"),
     "second", "date", "YYYY"),
    ("bad holder value", lambda: _mutate(_base_events(), 1, holders={"urup": "USA"}),
     "second", "holders.urup", "'USA'"),
    ("bad holder key", lambda: _mutate(_base_events(), 1, holders={"sakhalin": "RUS"}),
     "second", "holders.sakhalin", "'sakhalin'"),
    ("no source", lambda: _mutate(_base_events(), 1, annotations=[], refs=[]),
     "second", "refs", "no source"),
    ("no source (fields absent)", lambda: _mutate(_base_events(), 0, annotations=None,
                                                  refs=None),
     "first", "refs", "no source"),
    ("unknown field", lambda: _mutate(_base_events(), 0, source="x"),
     "first", "source", "unknown field"),
    ("missing title", lambda: _mutate(_base_events(), 1, title=None),
     "second", "title", "missing"),
    ("first holders incomplete", lambda: _mutate(_base_events(), 0, holders={"etorofu": "JPN"}),
     "first", "holders", "must set every key"),
]


@pytest.mark.parametrize("make,eid,field,fragment", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_validation_errors_name_file_id_field(write_events, gazetteer, mini_corpus, make, eid,
                                              field, fragment):
    p = write_events(make())
    with pytest.raises(DataError) as info:
        load_events(p, gazetteer=gazetteer, corpus=mini_corpus)
    err = info.value
    msg = str(err)
    assert str(p) in msg
    assert f"id '{eid}'" in msg
    assert f"field '{field}'" in msg
    assert fragment in msg
    assert (err.item, err.field) == (eid, field)


def test_file_level_errors(write_events, gazetteer, mini_corpus, tmp_path):
    with pytest.raises(DataError, match="file not found"):
        load_events(tmp_path / "nope.yaml", gazetteer=gazetteer, corpus=mini_corpus)
    with pytest.raises(DataError, match="expected a mapping"):
        load_events(write_events(text="- a\n- b\n"), gazetteer=gazetteer, corpus=mini_corpus)
    with pytest.raises(DataError, match="not valid YAML"):
        load_events(write_events(text="events: [\n"), gazetteer=gazetteer, corpus=mini_corpus)
    dup = ("events:\n- id: first\n  date: '1855'\n  date: '1856'\n  title: t\n  summary: s\n"
           "  features: [etorofu]\n  refs: [ref-a]\n")
    with pytest.raises(DataError, match="given twice"):
        load_events(write_events(text=dup), gazetteer=gazetteer, corpus=mini_corpus)
    no_holders = [_event("first", "1855")]
    with pytest.raises(DataError, match="no event gives holders"):
        load_events(write_events(no_holders), gazetteer=gazetteer, corpus=mini_corpus)


# --- treaty lines ------------------------------------------------------------------------

def _angle_at(mid, line: LineString, narrows_end) -> float:
    """Angle (degrees, 0-90) between the line and the narrows at the midpoint."""
    az_line, _, _ = GEOD.inv(*mid, *line.coords[-1])
    az_narrows, _, _ = GEOD.inv(*mid, *narrows_end)
    d = abs(az_line - az_narrows) % 180.0
    return min(d, 180.0 - d)


def _check_bisector(line: LineString, a, b):
    n = narrows(a, b)
    mid = n.midpoint
    # passes through the narrows midpoint
    assert point_distance_km(mid, line) < 0.05
    # perpendicular to the narrows there
    assert _angle_at(mid, line, n.end) == pytest.approx(90.0, abs=0.5)
    # every point of it is equidistant from the two coasts' closest points
    for x, y in line.coords[:: max(1, len(line.coords) // 10)]:
        da = GEOD.inv(x, y, *n.start)[2]
        db = GEOD.inv(x, y, *n.end)[2]
        assert abs(da - db) < 20.0
    return n


def test_1855_line_bisects_the_vries_strait(atlas, lines):
    props, line = lines["shimoda-1855"]
    assert props["id"] == "shimoda-1855" and props["event"] == "treaty-shimoda-1855"
    assert props["description"] == "illustrative: the treaty names the islands, not a line"
    etorofu, urup = atlas.land.geoms["etorofu"], atlas.land.geoms["urup"]
    n = _check_bisector(line, etorofu, urup)
    # crosses the strait's narrows (as shipped in the straits layer) at its midpoint
    strait = atlas.straits.geoms["vries-strait"]
    assert atlas.straits.props["vries-strait"]["between"] == ["etorofu", "urup"]
    cross = line.intersection(strait)
    assert cross.geom_type == "Point"
    assert point_distance_km((cross.x, cross.y), Point(n.midpoint)) < 0.5
    assert not line.intersects(etorofu) and not line.intersects(urup)
    assert 100 <= GEOD.geometry_length(line) / 1000 <= 140


def test_1875_line_bisects_the_first_kuril_strait(atlas, lines):
    props, line = lines["saint-petersburg-1875"]
    assert props["event"] == "treaty-saint-petersburg-1875"
    kn, kam = atlas.land.geoms["kuril-north"], atlas.land.geoms["kamchatka"]
    n = _check_bisector(line, kn, kam)
    # Shumshu is the easternmost island of the chain (Atlasov, to its west, reaches
    # further north): the narrows must start on it
    shumshu = max(kn.geoms, key=lambda p: p.bounds[2])
    assert shumshu.bounds[2] == kn.bounds[2]
    assert point_distance_km(n.start, shumshu) < 0.01
    assert not line.intersects(kn) and not line.intersects(kam)


def test_1905_line_is_the_50th_parallel_across_sakhalin(atlas, lines):
    props, line = lines["portsmouth-1905"]
    assert props["event"] == "treaty-portsmouth-1905"
    coords = list(line.coords)
    assert len(coords) > 10  # densified
    assert all(y == 50.0 for _, y in coords)
    xs = [x for x, _ in coords]
    assert xs == sorted(xs) and max(b - a for a, b in itertools.pairwise(xs)) <= 0.0100001
    sakhalin = atlas.land.geoms["sakhalin"]
    coast = sakhalin.boundary
    for end in (coords[0], coords[-1]):
        assert point_distance_km(end, coast) < 0.01
    # the line crosses the island: its middle is on land
    assert sakhalin.contains(line.interpolate(0.5, normalized=True))


def test_treaty_lines_match_their_events(timeline, lines):
    assert set(lines) == set(TREATY_LINES)
    for lid, (props, line) in lines.items():
        assert props["id"] == lid
        ev = timeline.get(props["event"])
        assert ev.boundary, f"{ev.id} drew a boundary"
        assert line.is_valid and not line.is_empty
        assert props["length_km"] == pytest.approx(GEOD.geometry_length(line) / 1000, abs=0.01)


def test_treaty_lines_are_cached_and_deterministic(atlas, lines):
    again = treaty_lines(atlas)
    for lid in lines:
        assert again[lid][1].equals_exact(lines[lid][1], 0)
        again[lid][0]["title"] = "changed"  # callers get their own copy
    assert treaty_lines(atlas)["shimoda-1855"][0]["title"] != "changed"


# --- Sakhalin at 50°N ------------------------------------------------------------------------

@pytest.mark.parametrize("display", [False, True])
def test_sakhalin_split_covers_the_island(atlas, display):
    whole = (atlas.display if display else atlas.land).geoms["sakhalin"]
    south, north = sakhalin_split(atlas, display=display)
    assert south.geom_type == north.geom_type == "MultiPolygon"
    assert south.is_valid and north.is_valid
    assert south.bounds[3] == pytest.approx(50.0) and north.bounds[1] == pytest.approx(50.0)
    assert shapely.intersection(south, north).area == pytest.approx(0.0, abs=1e-12)
    # geodesic areas: the halves add up to the whole (the cut is densified along the
    # parallel, which moves the area by a few hundred-thousandths at most)
    assert area_km2(south) + area_km2(north) == pytest.approx(area_km2(whole), rel=1e-4)
    assert area_km2(south) > 0 and area_km2(north) > 0
    assert shapely.symmetric_difference(shapely.union(south, north), whole).area < 1e-6


def test_split_edge_matches_the_1905_line(atlas, lines):
    south, north = sakhalin_split(atlas)
    _, line = lines["portsmouth-1905"]
    edge = shapely.intersection(south.boundary, north.boundary)
    assert not edge.is_empty
    assert line.buffer(1e-9).covers(edge)


def test_no_streamlit_import():
    import geo.data.events as h
    src = Path(h.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+streamlit", src, re.MULTILINE)
