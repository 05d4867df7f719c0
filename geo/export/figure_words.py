"""What the printed figure says (geo.export.figure), in the reader's language: its title
and date line, the view's description and notes, the legend's rows (geo.map.legend's, as
the app's legend gives them), the sources the view rests on, the attribution and how the
map is projected. Plain text; the data's texts as the data gives them."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from geo.data.corpus import Corpus
from geo.data.events import Timeline
from geo.data.layers import Atlas
from geo.export.figure_furniture import Scale, degrees
from geo.export.figure_map import MapFrame
from geo.export.geojson import ATTRIBUTION
from geo.i18n import N_, text_in, translator
from geo.map.legend import legend
from geo.map.overlays.okhotsk import gate_legend
from geo.map.overlays.registry import OVERLAY_INFO
from geo.map.overlays.sea import DISCLAIMER as SEA_DISCLAIMER
from geo.map.style import LegendItem
from geo.panels.view import HISTORY_NOTE, VIEWPOINT_NOTES
from geo.references import shown
from geo.views.historical import is_historical
from geo.views.present import BASELINE
from geo.views.viewpoints import is_point_of_view

APP_NAME = N_("Northern Territories / Southern Kurils explorer")
MAX_SOURCES = 8  # the documents and references named; the rest are counted


@dataclass(frozen=True)
class Words:
    title: str
    dateline: str
    legend_title: str
    rows: tuple[LegendItem, ...]
    about_title: str
    about: str
    notes: tuple[str, ...]
    sources_title: str
    sources: str
    credit: str  # the attribution: the app, the coastlines' licence and dataset
    method: str  # the projection, the north arrow and the scale


def legend_rows(view, atlas: Atlas, drawn: tuple[str, ...], *, lang: str,
                names: str) -> tuple[LegendItem, ...]:
    """The app's legend of the view (geo.map.legend), then each drawn overlay's rows in
    the sidebar's order (the Sea of Okhotsk's gates: the rows its panel stands for)."""
    rows = legend(view, atlas, lang=lang, names=names)
    for o in OVERLAY_INFO:
        if o.key in drawn:
            rows += (gate_legend(view, atlas, lang=lang) if o.key == "okhotsk" else
                     legend(view, atlas, [o.key], base=False, lang=lang, names=names))
    return tuple(rows)


def dateline(view, made: _dt.date, lang: str) -> str:
    """What date the map shows, and when the figure was made."""
    _ = translator(lang)
    if is_point_of_view(view):
        what = (_("A point of view: who administers the land") if view.shows == "administration"
                else _("A point of view: one side's map convention"))
    elif is_historical(view):
        what = _("As it stood on {date}", date=_.date(view.date))
    elif view.id == BASELINE:
        what = _("The present day")
    else:
        what = _("A present-day scenario: who would hold what")
    return _("{what} · figure made on {made}", what=what, made=_.date(made))


def of_events(view) -> bool:
    """A historical view of a date (not a point of view): its sources are its events'."""
    return is_historical(view) and not is_point_of_view(view)


def _annotation_ids(view, timeline: Timeline | None) -> list[str]:
    ids = list(getattr(view, "sources", ()) or ())
    if of_events(view) and timeline is not None:
        for eid in view.events:
            ids += list(timeline.get(eid).annotations)
    return ids


def _references(view, corpus: Corpus, timeline: Timeline | None):
    if of_events(view):
        if timeline is None:
            return []
        keys = list(dict.fromkeys(k for eid in view.events for k in timeline.get(eid).refs))
        return [shown(k, timeline.references[k]) for k in keys]
    return [shown(k, corpus.attribution.references[k]) for k in getattr(view, "refs", ())]


def sources_text(view, corpus: Corpus, timeline: Timeline | None, lang: str) -> str:
    """The documents the view's statements are quoted from and the references it rests
    on (title, outlet or publisher, date), at most :data:`MAX_SOURCES`, then how many
    more; each in the data's words, the frame in ``lang``."""
    _ = translator(lang)
    docs = []
    for aid in dict.fromkeys(_annotation_ids(view, timeline)):
        if aid in corpus.by_id:
            docs.append(corpus.by_id[aid].source)
    items = [_("{title} ({outlet}, {date})", title=corpus.sources[sid].title,
               outlet=corpus.sources[sid].outlet, date=_.date(corpus.sources[sid].date))
             for sid in dict.fromkeys(docs)]
    items += [_(", ").join([r.title, r.publisher] + ([_.date(r.date)] if r.date else []))
              for r in _references(view, corpus, timeline)]
    if not items:
        return _("No source given.")
    shown_items = items[:MAX_SOURCES]
    more = len(items) - len(shown_items)
    listed = _("; ").join(shown_items)
    if more:
        listed = _("{listed}; and {n} more (in the app)", listed=listed, n=_.num(more))
    return listed


def method_text(frame: MapFrame, scale: Scale, lang: str) -> str:
    """How the map is drawn: its projection and datum, the north arrow, the scale."""
    _ = translator(lang)
    return _("Lambert conformal conic projection (WGS 84), standard parallels {lat1} and "
             "{lat2}, central meridian {lon0}. The north arrow points to true north where it "
             "stands; the scale bar is true at its latitude, and the scale elsewhere on the "
             "map differs from it by at most {spread} %.",
             lat1=degrees(frame.lat_1, "lat", lang, 1), lat2=degrees(frame.lat_2, "lat", lang, 1),
             lon0=degrees(frame.lon_0, "lon", lang, 1), spread=_.num(100 * scale.spread, 1))


def credit_text(dataset: str, lang: str) -> str:
    """The app's name, the coastlines' licence line (as its licensor writes it) and the
    dataset they come from."""
    _ = translator(lang)
    return _("{app} · Coastlines: {attribution}, via {dataset}; full-resolution layer, other "
             "countries' land simplified.", app=_(APP_NAME), attribution=ATTRIBUTION,
             dataset=dataset)


def words(view, atlas: Atlas, corpus: Corpus, timeline: Timeline | None, frame: MapFrame,
          scale: Scale, drawn: tuple[str, ...], *, lang: str, names: str, made: _dt.date,
          dataset: str) -> Words:
    _ = translator(lang)
    notes = []
    if is_point_of_view(view):
        notes.append(_(VIEWPOINT_NOTES[view.shows]))
    elif is_historical(view):
        notes.append(_(HISTORY_NOTE))
    if "sea" in drawn:
        notes.append(_(SEA_DISCLAIMER))
    return Words(
        title=text_in(view.title, lang), dateline=dateline(view, made, lang),
        legend_title=_("Legend"), rows=legend_rows(view, atlas, drawn, lang=lang, names=names),
        about_title=(_("What this view shows") if is_historical(view)
                     else _("What this scenario means")),
        about=" ".join(text_in(view.description, lang).split()), notes=tuple(notes),
        sources_title=_("Sources"), sources=sources_text(view, corpus, timeline, lang),
        credit=credit_text(dataset, lang), method=method_text(frame, scale, lang))
