"""The guided story (data/story.yaml): the loader's checks, each bad file an error naming
the file, the step and the field; the shipped story's steps against the catalogue; and a
step as the Story page and the static explorer show it (geo.panels.story)."""
from __future__ import annotations

import pytest
import yaml

from geo.data.corpus_schema import SIDES
from geo.data.events import default_timeline
from geo.data.story import MAX_PER_SIDE, load_story
from geo.errors import DataError, UnknownIdError
from geo.i18n import LANGS, text_in
from geo.map.leaflet import VIEWS
from geo.panels import blocks as b
from geo.panels.story import step_text
from geo.views import catalog
from geo.views.story import default_story, step_view

# Ids of the shipped data the files below name (checked to exist by the fixtures' load).
JAPAN = ("rt-2023-nishimura-fait-accompli", "rt-2023-matsumoto-rejoiced",
         "rt-2023-kishida-rally-2022")
RUSSIA = ("black-2019-memorandum-impossible", "black-2019-memorandum-foreign-troops")


def _step(sid: str, **kw) -> dict:
    step = {"id": sid, "title": {"en": f"Step {sid}", "ja": f"段階 {sid}", "ru": f"Шаг {sid}"},
            "view": "hist-1905", "extent": "kurils",
            "text": {"en": "A neutral text.", "ja": "中立的な文章です。", "ru": "Нейтральный текст."},
            "events": ["treaty-portsmouth-1905"]}
    step.update(kw)
    return step


def _write(tmp_path, steps, **top) -> object:
    path = tmp_path / "story.yaml"
    path.write_text(yaml.safe_dump({**top, "steps": steps}, allow_unicode=True),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def timeline():
    return default_timeline()


@pytest.fixture(scope="module")
def view_ids():
    return [v.id for v in catalog.all_views()]


@pytest.fixture
def load(tmp_path, timeline, shipped_corpus, view_ids):
    def run(steps, **top):
        return load_story(_write(tmp_path, steps, **top), timeline=timeline,
                          corpus=shipped_corpus, view_ids=view_ids, extents=VIEWS)
    return run


def test_a_story_loads_in_the_files_order(load):
    story = load([_step("1905"), _step("1855", view="hist-1855", events=["treaty-shimoda-1855"]),
                  _step("today", view="today", extent="islands", events=[],
                        refs=["mofa-territory"])])
    assert story.ids == ["1905", "1855", "today"]  # the file's order, not the dates'
    assert story.neighbours("1905") == (None, "1855")
    assert story.neighbours("1855") == ("1905", "today")
    assert story.neighbours("today") == ("1855", None)
    assert story.index("today") == 2
    assert text_in(story.get("1855").title, "ja") == "段階 1855"
    with pytest.raises(UnknownIdError):
        story.get("1906")


def _error(load, steps, **top) -> DataError:
    with pytest.raises(DataError) as info:
        load(steps, **top)
    return info.value


@pytest.mark.parametrize("change, field, words", [
    ({"view": "hist-1906"}, "view", "unknown view 'hist-1906'"),
    ({"extent": "kuriles"}, "extent", "did you mean 'kurils'"),
    ({"events": ["treaty-portsmouth-1906"]}, "events.0", "treaty-portsmouth-1905"),
    ({"quotes": ["no-such-quote"]}, "quotes.0", "unknown id 'no-such-quote'"),
    ({"refs": ["no-such-ref"]}, "refs.0", "unknown id 'no-such-ref'"),
    ({"events": [], "refs": []}, "text", "no source"),
    ({"quotes": list(JAPAN)}, "quotes", f"more than {MAX_PER_SIDE} quotes of the side japan"),
    ({"events": ["treaty-portsmouth-1905", "treaty-portsmouth-1905"]}, "events", "listed twice"),
    ({"colour": "red"}, "colour", "unknown field"),
    ({"text": {"ja": "中立的な文章です。"}}, "text", "en"),
    ({"title": {"en": "A title", "ja": " "}}, "title", "'ja' text must be a non-blank"),
])
def test_a_bad_step_names_the_file_the_step_and_the_field(load, change, field, words):
    err = _error(load, [_step("1855", view="hist-1855", events=["treaty-shimoda-1855"]),
                        _step("1905", **change)])
    assert err.path.endswith("story.yaml")
    assert (err.item, err.field) == ("1905", field), str(err)
    assert words in str(err), str(err)
    assert "(line " in str(err), "the error gives the line"


def test_a_step_id_is_a_link_and_given_once(load):
    err = _error(load, [_step("1905"), _step("1905")])
    assert (err.item, err.field) == ("1905", "id") and "duplicate step id" in str(err)
    err = _error(load, [_step("Step 1")])
    assert err.field == "id" and "not a step id" in str(err)
    assert _error(load, []).field == "steps"


def test_two_quotes_of_each_side_are_allowed(load):
    story = load([_step("1951", view="hist-1945", quotes=[*JAPAN[:2], *RUSSIA])])
    assert story.get("1951").quotes == [*JAPAN[:2], *RUSSIA]


def test_the_quotes_are_not_checked_without_a_corpus(tmp_path, timeline, view_ids):
    story = load_story(_write(tmp_path, [_step("1905", quotes=["not-loaded"])]),
                       timeline=timeline, corpus=None, view_ids=view_ids, extents=VIEWS)
    assert story.get("1905").quotes == ["not-loaded"]


# --- the shipped story ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def story():
    return default_story()


def test_the_shipped_story_walks_through_the_issue_s_moments(story):
    """The moments a class is walked through, in order of time."""
    for moment in ("1855", "1875", "1905", "1945", "1951", "1956", "today"):
        assert moment in story.ids, f"no step {moment}"
    years = [int(s) for s in story.ids if s.isdigit()]
    assert years == sorted(years), "the dated steps are in order"
    assert story.ids[-1] == "today"


def test_every_shipped_step_shows_its_view_and_is_sourced(story, shipped_corpus, timeline):
    for s in story.steps:
        sv = step_view(s)
        assert sv.view.id == s.view and (sv.center, sv.zoom) == VIEWS[s.extent]
        assert s.events or s.refs, s.id
        sides = [shipped_corpus.by_id[q].side for q in s.quotes]
        assert all(sides.count(x) <= MAX_PER_SIDE for x in sides), s.id
        for e in s.events:
            timeline.get(e)


def test_a_historical_step_draws_its_moment_s_holders_and_lines(story):
    v = step_view(story.get("1905")).view
    assert v.holders["sakhalin-south"] == "JPN" and v.holders["sakhalin-north"] == "RUS"
    assert "portsmouth-1905" in v.lines
    v = step_view(story.get("1855")).view
    assert v.holders["urup"] == "RUS" and v.holders["etorofu"] == "JPN"
    assert "shimoda-1855" in v.lines


@pytest.mark.parametrize("lang", LANGS)
def test_a_step_s_text_in_each_language(story, shipped_corpus, timeline, atlas, lang):
    for s in story.steps:
        t = step_text(step_view(s), story, timeline, shipped_corpus, atlas, lang=lang,
                      names="both")
        assert t.title == text_in(s.title, lang)
        assert t.previous == story.neighbours(s.id)[0] and t.next == story.neighbours(s.id)[1]
        paras = [x.text for x in t.blocks if isinstance(x, b.Para)]
        assert paras[0] == " ".join(text_in(s.text, lang).split())
        assert any(isinstance(x, b.Legend) for x in t.blocks)
        shown = [q.id for x in t.blocks if isinstance(x, b.Quotes) for q in x.quotes]
        # every quote shown once, grouped by side in the parties' order
        assert sorted(shown) == sorted(s.quotes), s.id
        order = [SIDES.index(shipped_corpus.by_id[q].side) for q in shown]
        assert order == sorted(order), s.id
        events = [e for x in t.blocks if isinstance(x, b.Events) for e in x.events]
        assert len(events) == len(s.events), s.id
        refs = [r for x in t.blocks if isinstance(x, b.Refs) for r in x.refs]
        assert len(refs) == len(s.refs), s.id


def test_a_step_names_its_place_in_the_story(story, shipped_corpus, timeline, atlas):
    first = step_text(step_view(story.steps[0]), story, timeline, shipped_corpus, atlas)
    assert first.position == f"Step 1 of {len(story)}" and first.previous is None
    last = step_text(step_view(story.steps[-1]), story, timeline, shipped_corpus, atlas,
                     lang="ja")
    assert last.next is None and str(len(story)) in last.position
