"""Points of view: each side's official map convention and the de facto administration.

``data/viewpoints.yaml`` gives, for every holder key of :mod:`geo.data.events`, how a view
shows it: JPN, RUS or UND (attribution undetermined, the white of Japan's official maps).
:func:`point_of_view_views` turns each into a :class:`PointOfView`, which answers
``holder()``, ``is_disputed()`` and ``holder_of_feature()`` like the historical views (it
is one: the map draws it by holder key, with the treaty lines the convention draws), so
the map, the island card, the Okhotsk gates and Compare take it as they take the others.
Every error is a :class:`~geo.errors.DataError` naming the file, the view and the field.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from geo import data_dir
from geo.data.cache import stamped
from geo.data.corpus import corpus_files, default_annotation_ids
from geo.data.attribution import load_attribution
from geo.errors import DataError
from geo.i18n import Text, translator
from geo.views.historical import HistoricalView, state_name
from geo.analysis.treaty_lines import feature_holders
from geo.data.events import HOLDER_KEYS, TREATY_LINES, HolderKey
from geo.data.loading import load_model
from geo.data.schema import StableId, Strict, TName, TText, TTitle

VIEWPOINTS_FILE = "viewpoints.yaml"
POV_PREFIX = "pov-"
ViewHolder = Literal["JPN", "RUS", "UND"]
UNDETERMINED = "UND"
Shows = Literal["territory", "administration"]  # what a view's colours mean


def viewpoints_path() -> Path:
    return data_dir() / VIEWPOINTS_FILE


class Viewpoint(Strict):
    id: StableId
    title: TTitle
    short_title: TName
    description: TText
    shows: Shows = "territory"
    holders: dict[HolderKey, ViewHolder]
    disputed: list[HolderKey] = []
    lines: list[str] = []
    refs: list[StableId] = Field(min_length=1)
    sources: list[str] = []


class ViewpointsFile(Strict):
    viewpoints: list[Viewpoint] = Field(min_length=1)


@dataclass(frozen=True, eq=False)
class PointOfView(HistoricalView):
    """A point of view on the map (one side's maps, or the de facto administration)."""
    disputed_keys: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    shows: str = "territory"  # "territory" (a side's maps) or "administration" (de facto)

    point_of_view = True

    def is_disputed(self, island: str) -> bool:
        return island in self.disputed_keys

    def shown_words(self, holder: str, lang: str = "en") -> str:
        """How the view shows land of a holder code, in words: 'shown as Japan's
        territory', 'shown of undetermined attribution', 'administered by Russia'
        (whole phrases per case: the languages order them differently)."""
        _ = translator(lang)
        if holder == UNDETERMINED:
            return _("shown of undetermined attribution")
        if self.shows == "administration":
            return {"JPN": _("administered by Japan"),
                    "RUS": _("administered by Russia")}.get(
                holder, _("administered by {state}", state=state_name(holder, lang)))
        return {"JPN": _("shown as Japan's territory"),
                "RUS": _("shown as Russia's territory")}.get(
            holder, _("shown as {state}'s territory", state=state_name(holder, lang)))

    def short_words(self, holder: str, lang: str = "en") -> str:
        """A column or metric label: 'Shown as Japan's', 'Undetermined', 'Administered by
        Russia'."""
        _ = translator(lang)
        if holder == UNDETERMINED:
            return _("Undetermined")
        if self.shows == "administration":
            return {"JPN": _("Administered by Japan"),
                    "RUS": _("Administered by Russia")}.get(
                holder, _("Administered by {state}", state=state_name(holder, lang)))
        return {"JPN": _("Shown as Japan's"), "RUS": _("Shown as Russia's")}.get(
            holder, _("Shown as {state}'s", state=state_name(holder, lang)))


def _one_line(text: Text) -> Text:
    """A description with its runs of whitespace made single spaces, in every language."""
    def one(t: str) -> str:
        return " ".join(t.split())
    return Text(one(text), {k: one(t) for k, t in text.translations.items()})


def is_point_of_view(view: object) -> bool:
    return isinstance(view, PointOfView)


def load_viewpoints(path: Path | None = None, *, annotation_ids=None,
                    check_refs: bool = True) -> tuple[PointOfView, ...]:
    """Load and validate the points of view: every holder key given once, ids starting
    with 'pov-', treaty lines known, references (attribution.yaml) and annotations known."""
    path = Path(path) if path is not None else viewpoints_path()
    parsed, doc = load_model(path, ViewpointsFile, ("viewpoints",))
    refs = set(load_attribution().references) if check_refs else None
    seen: set[str] = set()
    out = []
    for i, v in enumerate(parsed.viewpoints):
        def fail(field: str, msg: str, v: Viewpoint = v, i: int = i) -> DataError:
            return DataError(path, f"{msg} (line {doc.line(['viewpoints', i, field])})",
                             item=v.id, field=field)
        if not v.id.startswith(POV_PREFIX):
            raise fail("id", f"a point of view's id starts with '{POV_PREFIX}'")
        if v.id in seen:
            raise fail("id", "duplicate id")
        seen.add(v.id)
        missing = [k for k in HOLDER_KEYS if k not in v.holders]
        if missing:
            raise fail("holders", f"no holder given for {', '.join(missing)}")
        for j, lid in enumerate(v.lines):
            if lid not in TREATY_LINES:
                raise fail("lines", f"unknown treaty line '{lid}' in lines.{j} (known: "
                                    f"{', '.join(TREATY_LINES)})")
        for j, ref in enumerate(v.refs):
            if refs is not None and ref not in refs:
                raise fail("refs", f"unknown reference '{ref}' in refs.{j} (not a key of "
                                   f"'references' in attribution.yaml)")
        for j, aid in enumerate(v.sources):
            if annotation_ids is not None and aid not in annotation_ids:
                raise fail("sources", f"unknown annotation '{aid}' in sources.{j}")
        if v.shows == "administration" and UNDETERMINED in v.holders.values():
            raise fail("holders", "a view of who administers the land cannot leave land "
                                  f"undetermined ({UNDETERMINED}); give JPN or RUS")
        holders = {k: v.holders[k] for k in HOLDER_KEYS}
        out.append(PointOfView(
            id=v.id, date="", title=v.title, short_title=v.short_title,
            description=_one_line(v.description), holders=holders,
            features=feature_holders(holders), lines=tuple(v.lines), events=(),
            sources=tuple(v.sources), disputed_keys=tuple(v.disputed), refs=tuple(v.refs),
            shows=v.shows))
    return tuple(out)


@stamped(lambda: (viewpoints_path(), *corpus_files()), maxsize=4)
def point_of_view_views() -> tuple[PointOfView, ...]:
    """The data folder's points of view, cached while viewpoints.yaml and the files of
    :func:`geo.data.corpus.corpus_files` are unchanged (:func:`geo.data.cache.stamped`;
    the annotation ids they cite are checked if the corpus loads)."""
    return load_viewpoints(viewpoints_path(), annotation_ids=default_annotation_ids())
