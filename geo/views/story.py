"""The guided story's steps as the map shows them: each step's view of the catalogue and
its extent (centre and zoom), read from ``data/story.yaml`` (:mod:`geo.data.story`).

:func:`default_story` validates the file against the data folder's timeline, corpus and
catalogue (the view ids of :func:`geo.views.catalog.all_views`, the named views of the map)
and is cached while those files are unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass

from geo.data.cache import stamped
from geo.data.corpus import default_corpus
from geo.data.events import default_timeline, timeline_files
from geo.data.references import shared_references_path
from geo.data.story import Step, Story, load_story, story_path
from geo.errors import DataError
from geo.map.leaflet import VIEWS as EXTENTS
from geo.views import catalog
from geo.views.present import scenarios_path
from geo.views.viewpoints import viewpoints_path


def story_files() -> tuple:
    """The files :func:`default_story` rests on: story.yaml, the shared references beside
    it, the timeline's files and the views' (scenarios and points of view)."""
    return (story_path(), shared_references_path(story_path()), *timeline_files(),
            scenarios_path(), viewpoints_path())


@stamped(story_files, maxsize=4)
def default_story() -> Story:
    """The story of the data folder. A broken annotation corpus does not stop it from
    loading: the quotes' ids are then not checked (the corpus's own error is shown
    wherever quotes are)."""
    try:
        corpus = default_corpus()
    except DataError:
        corpus = None
    return load_story(story_path(), timeline=default_timeline(), corpus=corpus,
                      view_ids=[v.id for v in catalog.all_views()], extents=EXTENTS)


@dataclass(frozen=True)
class StepView:
    """What the map shows at a step: the view, and where the map looks."""
    step: Step
    view: catalog.View
    center: tuple[float, float]
    zoom: int


def step_view(step: Step) -> StepView:
    center, zoom = EXTENTS[step.extent]
    return StepView(step, catalog.view(step.view), center, zoom)
