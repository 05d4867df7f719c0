"""The guided story (``data/story.yaml``): the dispute told in steps, as data.

Each step names a view of the catalogue (``view``: a present-day scenario, a historical
view or a point of view), the map's extent (``extent``: a named view of the map,
:data:`geo.map.leaflet.VIEWS`), a short neutral text in each language, the events of
``data/events.yaml`` it is about, at most :data:`MAX_PER_SIDE` quotes of each side
(annotation ids) and references for what its text says beyond its events. The steps are
shown in the file's order, so a teacher reorders or adds steps by editing the file.

:func:`load_story` validates the file against the timeline, the annotation corpus and the
view ids and extents it is given; every error is a :class:`~geo.errors.DataError`
naming the file, the step (its id) and the field. The catalogue's loader (``geo.views.story``) passes
the view ids and the extents, so that this module needs nothing of :mod:`geo.views`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Iterable

from pydantic import AfterValidator, Field, ValidationError

from geo import data_dir
from geo.data.corpus import Corpus
from geo.data.events import Timeline, _hint
from geo.data.loading import expect_mapping, load_yaml, validation_error
from geo.data.references import REFERENCES_FILE, with_shared
from geo.data.schema import MAX_ID, StableId, Strict, TText, TTitle
from geo.errors import DataError, UnknownIdError
from geo.references import Reference

STORY_FILE = "story.yaml"
MAX_PER_SIDE = 2  # quotes of one side in a step
MAX_STEPS = 100
STEP_RE = re.compile(r"[a-z0-9][a-z0-9-]*", re.ASCII)  # "1905" is a step id (a deep link)


def story_path() -> Path:
    """``story.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / STORY_FILE


def _step_id(v: str) -> str:
    if len(v) > MAX_ID or not STEP_RE.fullmatch(v):
        shown = repr(v) if len(v) <= 60 else repr(v[:59]) + "\u2026"
        raise ValueError(f"{shown} is not a step id (lowercase ASCII letters, digits and "
                         f"'-', starting with a letter or digit, at most {MAX_ID} characters)")
    return v


StepId = Annotated[str, AfterValidator(_step_id)]


class Step(Strict):
    id: StepId
    title: TTitle
    view: StableId  # a view id of the catalogue (geo.views.catalog)
    extent: str  # a named view of geo.map.leaflet.VIEWS
    text: TText
    events: list[StableId] = Field(default=[], max_length=100)
    quotes: list[StableId] = Field(default=[], max_length=100)
    refs: list[StableId] = Field(default=[], max_length=100)


class StoryFile(Strict):
    references: dict[StableId, Reference] = {}
    steps: list[Step] = Field(min_length=1, max_length=MAX_STEPS)


@dataclass(frozen=True)
class Story:
    """The validated steps, in the file's order, and the references they may cite (the
    file's own, the timeline's and the shared ones)."""
    path: Path
    steps: tuple[Step, ...]
    references: dict[str, Reference]
    by_id: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {s.id: s for s in self.steps})

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.steps]

    def __len__(self) -> int:
        return len(self.steps)

    def get(self, step_id: str) -> Step:
        try:
            return self.by_id[step_id]
        except KeyError:
            raise UnknownIdError("step", step_id, self.by_id) from None

    def index(self, step_id: str) -> int:
        return self.ids.index(self.get(step_id).id)

    def neighbours(self, step_id: str) -> tuple[str | None, str | None]:
        """The previous and the next step's ids (None at either end)."""
        i = self.index(step_id)
        return (self.ids[i - 1] if i else None,
                self.ids[i + 1] if i + 1 < len(self.steps) else None)


def load_story(path: Path | None = None, *, timeline: Timeline, corpus: Corpus | None,
               view_ids: Iterable[str], extents: Iterable[str]) -> Story:
    """Load and validate the story file (``path``: default :func:`story_path`).

    Checks the schema (unknown fields refused), unique step ids, that every step's view
    is one of ``view_ids``, its extent one of ``extents`` (the map's named views), every
    event an event of ``timeline``, every quote an annotation of ``corpus`` (not checked when ``corpus`` is
    None: the corpus's own error is shown wherever quotes are) with at most
    :data:`MAX_PER_SIDE` of one side, every ref a key of the file's ``references``, the
    timeline's or the shared ones, and that every step's text is sourced (events or
    refs)."""
    path = Path(path) if path is not None else story_path()
    ydoc = load_yaml(path)
    data = expect_mapping(ydoc, ("references", "steps"))
    try:
        doc = StoryFile.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, exc, ydoc) from None
    own = with_shared(doc.references, path, ydoc)
    references = {**timeline.references, **own}
    views, extents = list(view_ids), list(extents)
    seen: set[str] = set()
    for i, s in enumerate(doc.steps):
        def fail(fname: str, msg: str, sub: tuple = (), i: int = i, s: Step = s) -> DataError:
            line = ydoc.line(["steps", i, *fname.split(".")[:1], *sub])
            return DataError(path, msg + (f" (line {line})" if line else ""), item=s.id,
                             field=fname)

        if s.id in seen:
            raise fail("id", "duplicate step id (each step is a link: /story?step=<id>)")
        seen.add(s.id)
        if s.view not in views:
            raise fail("view", f"unknown view '{s.view}' (known views: {', '.join(views)})"
                               f"{_hint(s.view, views)}")
        if s.extent not in extents:
            raise fail("extent", f"unknown extent '{s.extent}' (use "
                                 f"{', '.join(extents)}){_hint(s.extent, extents)}")
        for fname, ids, known, what in (
                ("events", s.events, timeline.by_id, f"an event of {timeline.path.name}"),
                ("quotes", s.quotes, None if corpus is None else corpus.by_id,
                 "an annotation of the corpus"),
                ("refs", s.refs, references,
                 f"a key of 'references' in {path.name}, {timeline.path.name} or "
                 f"{REFERENCES_FILE}")):
            for j, x in enumerate(ids):
                if known is not None and x not in known:
                    raise fail(f"{fname}.{j}", f"unknown id '{x}' (not {what}){_hint(x, known)}",
                               (j,))
            dup = sorted({x for x in ids if ids.count(x) > 1})
            if dup:
                raise fail(fname, f"listed twice: {', '.join(dup)}")
        if corpus is not None:
            sides = Counter(corpus.by_id[q].side for q in s.quotes)
            over = sorted(side for side, n in sides.items() if n > MAX_PER_SIDE)
            if over:
                raise fail("quotes", f"more than {MAX_PER_SIDE} quotes of the side "
                                     f"{', '.join(over)}: a step quotes one or two of each side")
        if not s.events and not s.refs:
            raise fail("text", "no source: give events (ids of the timeline) or refs "
                               "(reference keys) for what the text says")
    return Story(path=path, steps=tuple(doc.steps), references=references)
