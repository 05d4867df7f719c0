"""A view's panel below the map (:func:`view_panel`), as blocks of plain text: what the view
shows, its legend, its figures (computed: geo.views.present.consequences for a
present-day scenario, geo.views.historical.figures for a historical view or a point of
view) and the sources that define it; and a dated event (:func:`event_text`)."""
from __future__ import annotations

from geo.analysis.quotes import attributed
from geo.data.corpus import Corpus
from geo.data.events import default_timeline
from geo.data.layers import Atlas
from geo.map.describe import names_note, rows
from geo.map.legend import legend
from geo.map.overlays.registry import OVERLAY_INFO
from geo.i18n import N_, text_in, translator
from geo.map.text import country, holder_word, place_name
from geo.panels.blocks import (Block, Caption, Events, EventText, Heading, Legend, Metric,
                               Metrics, Para, Quotes, Refs, Strong, Table, km, km2,
                               percent, whole)
from geo.panels.quote import quote_text
from geo.references import shown as as_shown
from geo.views import historical as hv
from geo.views.present import BASELINE, consequences
from geo.views.viewpoints import is_point_of_view

AREA_HELP = N_("Geodesic area (inland water included) among the four islands, Urup, the "
               "northern Kurils and Sakhalin, from the full-resolution OpenStreetMap-derived "
               "layer.")
HISTORY_NOTE = N_("Other land is coloured by today's borders. Russia stands for the Russian "
                  "Empire (to 1917) and the Soviet Union (1922–1991). The 1855 and 1875 lines "
                  "are illustrative: those treaties name the islands, not a line.")
# What a point of view's colours are, by what it shows (geo.views.viewpoints.Shows).
VIEWPOINT_NOTES = {
    "administration": N_("Other land is coloured by today's borders. This view shows who "
                         "administers the land, not the app's judgement of any claim."),
    "territory": N_("Other land is coloured by today's borders. This view shows one side's "
                    "map convention, not the app's judgement of any claim.")}
# The overlays whose rows the view's legend lists (the app: the straits, beside the view).
LEGEND_OVERLAYS = ("straits", "security")


def view_legend_block(view, atlas: Atlas, *, lang: str = "en", names: str | None = None
                      ) -> Legend:
    """The view's rows, then those of each overlay of :data:`LEGEND_OVERLAYS` it shows."""
    kw = dict(lang=lang, names=names)
    parts: list = [(None, tuple(legend(view, atlas, **kw)))]
    for o in OVERLAY_INFO:
        if o.key in LEGEND_OVERLAYS:
            parts.append((o.key, tuple(legend(view, atlas, [o.key], base=False, **kw))))
    return Legend(tuple(parts))


def _quotes(corpus: Corpus, ids, lang: str) -> Quotes:
    return Quotes(tuple(quote_text(attributed(corpus, aid), lang=lang)
                        for aid in ids if aid in corpus.by_id))


def _place(gaz, fid: str, names: str | None, lang: str) -> str:
    """A place of a table: its English label in English (as it always was), else its name
    in the reader's names convention (geo.map.text.place_name)."""
    return place_name(gaz.get(fid), names, lang)


def scenario_blocks(scenario, cons, corpus: Corpus, atlas: Atlas, *, lang: str = "en",
                    names: str | None = None) -> list[Block]:
    """A present-day scenario (``cons``: its geo.views.present.Consequences); its words
    in ``lang``, the places of its tables in the names convention ``names``."""
    _ = translator(lang)
    gaz = atlas.gaz
    out: list[Block] = [
        Heading(_("What this scenario means")), Para(text_in(scenario.description, lang)),
        view_legend_block(scenario, atlas, lang=lang, names=names),
        Metrics((Metric(_("Land held by Japan"), km2(cons.land_km2["JPN"], lang=lang),
                        _("Land area among the four islands (inland water excluded), "
                          "geodesic, from the OpenStreetMap-derived layer.")),
                 Metric(_("Land held by Russia"), km2(cons.land_km2["RUS"], lang=lang))), 2),
        Metrics((Metric(_("Changes hands vs today"), percent(cons.share_changing, lang=lang),
                        _("{changing} of the four islands' {total} of land.",
                          changing=km2(cons.changing_land_km2, lang=lang),
                          total=km2(cons.total_land_km2, lang=lang))),
                 Metric(_("Population affected"), whole(cons.population_affected, lang=lang),
                        _("Current residents of the islands that change hands."))), 2)]
    if cons.population:
        out.append(Caption(cons.residents_text(gaz, lang, names)))
    elif scenario.id != BASELINE:
        out.append(Caption(_("No island changes hands in this scenario.")))
    rows = cons.straits_by_the_islands
    if rows:
        yes, no = _("yes"), _("no")
        out.append(Strong(_("Straits next to the islands: who holds each shore")))
        out.append(Table((_("Strait"), _("Narrows"), _("Shores"), _("Change vs today")), tuple(
            (s.name if names is None else place_name(gaz.get(s.id), names, lang),
             km(s.width_km, lang=lang),
             _("{shores} ({status})", shores=" · ".join(
                 _("{place}: {state}", place=_place(gaz, f, names, lang),
                   state=country(h, lang)) for f, h in s.shores),
               status=s.status_in(lang)),
             yes if s.changed else no) for s in rows)))
    out += [Strong(_("Defining sources")), _quotes(corpus, scenario.sources, lang)]
    refs = tuple(as_shown(k, corpus.attribution.references[k])
                 for k in getattr(scenario, "refs", ()))
    if refs:
        out.append(Refs(_("Each side's position in its own sources"), refs))
    return out


def event_text(e: hv.Entry, *, marked: bool = False, lang: str = "en") -> EventText:
    """One dated event (geo.views.historical.Entry) with its sources (its ``changes``
    are the entry's, in the language it was made in: geo.views.historical.entries)."""
    _ = translator(lang)
    ev = e.event
    return EventText(
        span=_span(ev.span, lang),
        title=text_in(ev.title, lang), mark=_(" ◆ shown on the map") if marked else "",
        summary=" ".join(text_in(ev.summary, lang).split()), changes=e.changes,
        sources=_("Sources ({quotes}, {references})",
                  quotes=_.ngettext("{n} quote", "{n} quotes", len(e.quotes)),
                  references=_.ngettext("{n} reference", "{n} references", len(e.refs))),
        quotes=tuple(quote_text(q, lang=lang) for q in e.quotes),
        refs_title=_("References"), refs=e.refs, empty=_("No source given."))


def _span(span: str, lang: str) -> str:
    """An event's dates ('1855-02-07', or '1947–1949' for one with an end) as ``lang``
    writes them."""
    _ = translator(lang)
    return "–".join(_.date(part) for part in str(span).split("–"))


def history_blocks(view, figs: hv.HistoryFigures, entries, atlas: Atlas, *,
                   lang: str = "en", names: str | None = None) -> list[Block]:
    """A historical view: who held what, areas by holder, the defining events."""
    _ = translator(lang)
    return [
        Heading(_("What this view shows")), Para(" ".join(text_in(view.description, lang).split())),
        view_legend_block(view, atlas, lang=lang, names=names),
        Metrics(tuple(Metric(_(label), km2(figs.by_holder[code], 0, lang=lang), _(AREA_HELP))
                      for code, label in (("JPN", N_("Held by Japan")),
                                          ("RUS", N_("Held by Russia")),
                                          ("JOINT", N_("Undivided (no border)")))), 3),
        Table((_("Territory"), _("Held by"), _("Area")), tuple(
            (hv.key_label(r.key, lang, names, atlas.gaz),
             holder_word(r.holder, lang), km2(r.km2, 0, lang=lang))
            for r in figs.rows)),
        Caption(_(HISTORY_NOTE)), Strong(_("Defining events")),
        Events(tuple(event_text(e, lang=lang) for e in entries))]


def viewpoint_blocks(view, figs: hv.HistoryFigures, corpus: Corpus, atlas: Atlas, *,
                     lang: str = "en", names: str | None = None) -> list[Block]:
    """A point of view (one side's maps, or who administers): what it shows and whose
    convention it is, areas by how it shows them, its references and quotes."""
    _ = translator(lang)
    shown = [c for c in ("JPN", "RUS", "UND") if figs.by_holder.get(c)]
    note = _(VIEWPOINT_NOTES[view.shows])
    out: list[Block] = [
        Heading(_("What this view shows")), Para(text_in(view.description, lang)),
        view_legend_block(view, atlas, lang=lang, names=names),
        Metrics(tuple(Metric(view.short_words(c, lang), km2(figs.by_holder[c], 0, lang=lang),
                             _(AREA_HELP)) for c in shown), max(len(shown), 1)),
        Table((_("Territory"), _("In this view"), _("Area")), tuple(
            (hv.key_label(r.key, lang, names, atlas.gaz),
             view.short_words(r.holder, lang), km2(r.km2, 0, lang=lang)) for r in figs.rows)),
        Caption(note),
        Refs(_("Where this is stated"), tuple(as_shown(k, corpus.attribution.references[k])
                                              for k in view.refs))]
    if view.sources:
        out += [Strong(_("Statements")), _quotes(corpus, view.sources, lang)]
    return out


MAP_TEXT = N_("The map as text")


def map_text_blocks(state, atlas: Atlas) -> list[Block]:
    """The map in words (geo.map.describe.rows): who holds what under the view, in the
    state's language (``state.lang``)."""
    _ = translator(state.lang)
    return [Table((_("Island or land"), _("Under this view")), tuple(rows(state, atlas))),
            Caption(_("{names} The colours and outlines on the map say the same: see the "
                      "legend on the map.", names=names_note(state)))]


def view_panel(view, atlas: Atlas, corpus: Corpus, timeline=None, *, lang: str = "en",
               names: str | None = None) -> list[Block]:
    """The panel of any view of the catalogue, its figures computed here (the app's
    pages pass theirs, cached, to the functions above)."""
    kw = dict(lang=lang, names=names)
    if is_point_of_view(view):
        return viewpoint_blocks(view, hv.figures(view, atlas), corpus, atlas, **kw)
    if hv.is_historical(view):
        tl = timeline if timeline is not None else default_timeline()
        return history_blocks(view, hv.figures(view, atlas),
                              hv.entries(tl, corpus, view.events, **kw, gaz=atlas.gaz),
                              atlas, **kw)
    return scenario_blocks(view, consequences(view, atlas), corpus, atlas, **kw)
