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

from dataclasses import dataclass, replace
from typing import Literal, Union

from geo.data.gazetteer import Gazetteer
from geo.errors import DataError
from geo.views import present as present_views
from geo.views.historical import HIST_PREFIX, HistoricalView, historical_views, is_historical
from geo.views.present import Scenario, UnknownScenarioError, default_scenarios, holder_of
from geo.views.viewpoints import POV_PREFIX, PointOfView, point_of_view_views

View = Union[Scenario, HistoricalView, PointOfView]

__all__ = ["View", "view", "all_views", "available_views", "Catalogue", "LeftOut",
           "holder_of", "view_holders", "is_historical"]


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


@dataclass(frozen=True)
class LeftOut:
    """A part of the catalogue that could not be read, and the error that says why."""

    part: Literal["historical", "viewpoints"]  # the historical views, the points of view
    error: DataError


@dataclass(frozen=True)
class Catalogue:
    """The views the app offers (one :class:`geo.views.present.Scenarios`, the same type
    as the present-day file's), and the parts left out."""

    views: present_views.Scenarios
    left_out: tuple[LeftOut, ...] = ()


def available_views() -> Catalogue:
    """Every view that loads: the present-day scenarios always (their DataError is
    raised: without them there is no catalogue), then the historical views unless the
    timeline does not load, then the points of view unless their file does not; each part
    left out is listed with its DataError. The present-day loader is read through its
    module, so that a test's monkeypatch of ``geo.views.present.default_scenarios``
    reaches here."""
    base = present_views.default_scenarios()
    extra: list[View] = []
    left_out = []
    for part, views in (("historical", historical_views), ("viewpoints", point_of_view_views)):
        try:
            extra += list(views())
        except DataError as exc:
            left_out.append(LeftOut(part, exc))
    return Catalogue(replace(base, items=(*base.items, *extra)), tuple(left_out))


def view_holders(v: View, gaz: Gazetteer) -> dict[str, str]:
    """The holder of every map feature the view decides: the four islands and their islets
    under a present-day scenario; under a historical view or a point of view also Urup,
    the northern Kurils and the halves of Sakhalin (``sakhalin-south``/``-north``).
    Features not listed keep their present administrator (:func:`holder_of`)."""
    return v.decided_holders(gaz)
