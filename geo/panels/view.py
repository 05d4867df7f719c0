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
from geo.map.text import country, holder_word
from geo.panels.blocks import (Block, Caption, Events, EventText, Heading, Legend, Metric,
                               Metrics, Para, Quotes, Refs, Strong, Table, km2, plural)
from geo.panels.quote import quote_text
from geo.references import shown as as_shown
from geo.views import historical as hv
from geo.views.present import BASELINE, consequences
from geo.views.viewpoints import is_point_of_view

AREA_HELP = ("Geodesic area (inland water included) among the four islands, Urup, the "
             "northern Kurils and Sakhalin, from the full-resolution OpenStreetMap-derived layer.")
HISTORY_NOTE = ("Other land is coloured by today's borders. Russia stands for the Russian "
                "Empire (to 1917) and the Soviet Union (1922–1991). The 1855 and 1875 lines are "
                "illustrative: those treaties name the islands, not a line.")
# The overlays whose rows the view's legend lists (the app: the straits, beside the view).
LEGEND_OVERLAYS = ("straits", "security")


def view_legend_block(view, atlas: Atlas) -> Legend:
    """The view's rows, then those of each overlay of :data:`LEGEND_OVERLAYS` it shows."""
    parts: list = [(None, tuple(legend(view, atlas)))]
    for o in OVERLAY_INFO:
        if o.key in LEGEND_OVERLAYS:
            parts.append((o.key, tuple(legend(view, atlas, [o.key], base=False))))
    return Legend(tuple(parts))


def _quotes(corpus: Corpus, ids) -> Quotes:
    return Quotes(tuple(quote_text(attributed(corpus, aid)) for aid in ids if aid in corpus.by_id))


def scenario_blocks(scenario, cons, corpus: Corpus, atlas: Atlas) -> list[Block]:
    """A present-day scenario (``cons``: its geo.views.present.Consequences)."""
    gaz = atlas.gaz
    out: list[Block] = [
        Heading("What this scenario means"), Para(scenario.description),
        view_legend_block(scenario, atlas),
        Metrics((Metric("Land held by Japan", km2(cons.land_km2["JPN"]),
                        "Land area among the four islands (inland water excluded), geodesic, "
                        "from the OpenStreetMap-derived layer."),
                 Metric("Land held by Russia", km2(cons.land_km2["RUS"]))), 2),
        Metrics((Metric("Changes hands vs today", f"{cons.share_changing:.1%}",
                        f"{km2(cons.changing_land_km2)} of the four islands' "
                        f"{km2(cons.total_land_km2)} of land."),
                 Metric("Population affected", f"{cons.population_affected:,}",
                        "Current residents of the islands that change hands.")), 2)]
    if cons.population:
        out.append(Caption(cons.residents_text(gaz)))
    elif scenario.id != BASELINE:
        out.append(Caption("No island changes hands in this scenario."))
    rows = cons.straits_by_the_islands
    if rows:
        out.append(Strong("Straits next to the islands: who holds each shore"))
        out.append(Table(("Strait", "Narrows", "Shores", "Change vs today"), tuple(
            (s.name, f"{s.width_km:,.1f} km",
             " · ".join(f"{gaz.get(f).label_en}: {country(h)}" for f, h in s.shores)
             + f" ({s.status})", "yes" if s.changed else "no") for s in rows)))
    out += [Strong("Defining sources"), _quotes(corpus, scenario.sources)]
    refs = tuple(as_shown(k, corpus.attribution.references[k])
                 for k in getattr(scenario, "refs", ()))
    if refs:
        out.append(Refs("Each side's position in its own sources", refs))
    return out


def event_text(e: hv.Entry, *, marked: bool = False) -> EventText:
    """One dated event (geo.views.historical.Entry) with its sources."""
    ev = e.event
    return EventText(
        span=ev.span, title=ev.title, mark=" ◆ shown on the map" if marked else "",
        summary=" ".join(ev.summary.split()), changes=e.changes,
        sources=f"Sources ({plural(len(e.quotes), 'quote')}, "
                f"{plural(len(e.refs), 'reference')})",
        quotes=tuple(quote_text(q) for q in e.quotes), refs_title="References", refs=e.refs,
        empty="No source given.")


def history_blocks(view, figs: hv.HistoryFigures, entries, atlas: Atlas) -> list[Block]:
    """A historical view: who held what, areas by holder, the defining events."""
    return [
        Heading("What this view shows"), Para(" ".join(view.description.split())),
        view_legend_block(view, atlas),
        Metrics(tuple(Metric(label, km2(figs.by_holder[code], 0), AREA_HELP)
                      for code, label in (("JPN", "Held by Japan"), ("RUS", "Held by Russia"),
                                          ("JOINT", "Undivided (no border)"))), 3),
        Table(("Territory", "Held by", "Area"), tuple(
            (r.label, holder_word(r.holder), km2(r.km2, 0)) for r in figs.rows)),
        Caption(HISTORY_NOTE), Strong("Defining events"),
        Events(tuple(event_text(e) for e in entries))]


def viewpoint_blocks(view, figs: hv.HistoryFigures, corpus: Corpus, atlas: Atlas
                     ) -> list[Block]:
    """A point of view (one side's maps, or who administers): what it shows and whose
    convention it is, areas by how it shows them, its references and quotes."""
    shown = [c for c in ("JPN", "RUS", "UND") if figs.by_holder.get(c)]
    what = ("who administers the land" if view.shows == "administration"
            else "one side's map convention")
    out: list[Block] = [
        Heading("What this view shows"), Para(view.description), view_legend_block(view, atlas),
        Metrics(tuple(Metric(view.short_words(c), km2(figs.by_holder[c], 0), AREA_HELP)
                      for c in shown), max(len(shown), 1)),
        Table(("Territory", "In this view", "Area"), tuple(
            (r.label, view.short_words(r.holder), km2(r.km2, 0)) for r in figs.rows)),
        Caption(f"Other land is coloured by today's borders. This view shows {what}, "
                "not the app's judgement of any claim."),
        Refs("Where this is stated", tuple(as_shown(k, corpus.attribution.references[k])
                                           for k in view.refs))]
    if view.sources:
        out += [Strong("Statements"), _quotes(corpus, view.sources)]
    return out


MAP_TEXT = "The map as text"


def map_text_blocks(state, atlas: Atlas) -> list[Block]:
    """The map in words (geo.map.describe.rows): who holds what under the view."""
    return [Table(("Island or land", "Under this view"), tuple(rows(state, atlas))),
            Caption(f"{names_note(state)} The colours and outlines on the map say the same: "
                    "see the legend on the map.")]


def view_panel(view, atlas: Atlas, corpus: Corpus, timeline=None) -> list[Block]:
    """The panel of any view of the catalogue, its figures computed here (the app's
    pages pass theirs, cached, to the functions above)."""
    if is_point_of_view(view):
        return viewpoint_blocks(view, hv.figures(view, atlas), corpus, atlas)
    if hv.is_historical(view):
        tl = timeline if timeline is not None else default_timeline()
        return history_blocks(view, hv.figures(view, atlas),
                              hv.entries(tl, corpus, view.events), atlas)
    return scenario_blocks(view, consequences(view, atlas), corpus, atlas)
