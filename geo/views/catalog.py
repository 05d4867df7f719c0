"""The catalogue of views of the islands: one id space and one ``holder_of``.

A view is a present-day scenario (``today``, ``joint-1956``, ``four-islands``:
:mod:`geo.views.present`), a historical view (``hist-1855`` … ``hist-1945``:
:mod:`geo.views.historical`) or a point of view (``pov-japan-maps`` …:
:mod:`geo.views.viewpoints`). :func:`view` is the only place that turns an id into a view (the
prefix says which file defines it, so a broken timeline does not stop a present-day id
from resolving); everything else takes view objects. :func:`holder_of` and
:func:`view_holders` are the one answer to "who holds feature X under view V", for every
kind of view.
"""
from __future__ import annotations

from typing import Union

from geo.data.gazetteer import Gazetteer
from geo.views.historical import HIST_PREFIX, HistoricalView, historical_views, is_historical
from geo.views.present import Scenario, UnknownScenarioError, default_scenarios, holder_of
from geo.views.viewpoints import POV_PREFIX, PointOfView, point_of_view_views

View = Union[Scenario, HistoricalView, PointOfView]

__all__ = ["View", "view", "all_views", "holder_of", "view_holders", "is_historical"]


def view(vid: str) -> View:
    """The view with id ``vid`` (UnknownScenarioError, a KeyError, if there is none).
    Reads only the file that defines its kind: scenarios.yaml for a present-day id, the
    timeline for ``hist-``, viewpoints.yaml for ``pov-``."""
    vid = str(vid)
    present = default_scenarios()
    if vid.startswith(HIST_PREFIX):
        kind = historical_views()
    elif vid.startswith(POV_PREFIX):
        kind = point_of_view_views()
    else:
        return present.get(vid)
    for v in kind:
        if v.id == vid:
            return v
    raise UnknownScenarioError(vid, [*present.ids, *(v.id for v in kind)])


def all_views() -> tuple[View, ...]:
    """Every view: the present-day scenarios, the historical views, the points of view."""
    return (*default_scenarios().items, *historical_views(), *point_of_view_views())


def view_holders(v: View, gaz: Gazetteer) -> dict[str, str]:
    """The holder of every map feature the view decides: the four islands and their islets
    under a present-day scenario; under a historical view or a point of view also Urup,
    the northern Kurils and the halves of Sakhalin (``sakhalin-south``/``-north``).
    Features not listed keep their present administrator (:func:`holder_of`)."""
    return v.decided_holders(gaz)
