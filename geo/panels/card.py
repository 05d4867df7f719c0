"""A feature's card as the panel shows it (:func:`card_text`), plain text: its heading
and names in three scripts, its status (and, apart, its status under the chosen view:
:func:`in_view`), its computed and cited figures, the nearest US base, and what the
sources say about it, by side then topic (each quote attributed, :mod:`.quote`)."""
from __future__ import annotations

from dataclasses import dataclass

from geo.analysis.cards import FeatureCard, SideGroup
from geo.data.gazetteer import Feature, Gazetteer
from geo.map.text import heading, status_text
from geo.i18n import N_, text_in, translator
from geo.panels.blocks import Row, km, km2, listed, num, whole
from geo.panels.quote import QuoteText, quote_text
from geo.views.present import BASELINE


@dataclass(frozen=True)
class TopicText:
    label: str
    quotes: tuple[QuoteText, ...]


@dataclass(frozen=True)
class SideText:
    side: str  # the party's id (SIDES)
    title: str  # "Japan's position (3)"
    topics: tuple[TopicText, ...]


@dataclass(frozen=True)
class CardText:
    id: str
    heading: str
    names: tuple[Row, ...]
    status: tuple[Row, ...]  # followed by in_view(...) where the view says more
    note: str
    facts: tuple[Row, ...]
    cited: tuple[str, ...]  # cited figures: "what: value (note). Source: title, publisher"
    nearest_base: Row | None
    quotes_title: Row  # bold label, then the count and the rule
    no_quotes: str  # said when it has no quote of its own ("" if it has)
    sides: tuple[SideText, ...]
    groups_title: str  # "About the groups it belongs to (n quotes): …" ("" if none)
    group_sides: tuple[SideText, ...]


IN_VIEW = N_("In this scenario")
# The states a card names (geo.data.gazetteer.COUNTRY_NAMES), translated where shown.
COUNTRIES = (N_("Japan"), N_("Russia"), N_("United States"), N_("South Korea"),
             N_("North Korea"), N_("China"))


def in_view(feature: Feature, view, gaz: Gazetteer, *, lang: str = "en",
            names: str | None = None) -> Row | None:
    """The status row the card adds under a view other than today's (None: nothing to
    add); in ``lang``, places named in the convention ``names``."""
    status = status_text(feature, view, gaz, lang, names)
    return (Row(translator(lang)(IN_VIEW), status)
            if status and view.id != BASELINE else None)


def _sides(groups: tuple[SideGroup, ...], gaz: Gazetteer, names: str, lang: str
           ) -> tuple[SideText, ...]:
    """The quotes by side and topic; a quote shown through a related feature (a group the
    feature belongs to) says which, by that feature's name in the names convention."""
    _ = translator(lang)

    def about(e) -> tuple[str, ...]:
        return tuple(heading(gaz.get(g), names) for g in e.via)
    return tuple(SideText(s.side, _("{party} ({count})", party=text_in(s.label, lang),
                                    count=_.num(s.count)), tuple(
        TopicText(_(t.label), tuple(quote_text(e, about(e), lang=lang) for e in t.annotations))
        for t in s.topics)) for s in groups)


def _names(card: FeatureCard, names: str, lang: str) -> tuple[Row, ...]:
    _ = translator(lang)
    n = card.names
    rows = {"ja": Row(_("Japanese"), f"{n.ja_script} ({n.ja_romaji})"),
            "ru": Row(_("Russian"), f"{n.ru_script} ({n.ru_translit})")}
    order = ["ru", "ja"] if names == "ru" else ["ja", "ru"]
    return (*(rows[k] for k in order), Row(_("English"), ", ".join(n.en)))


def _status(card: FeatureCard, gaz: Gazetteer, names: str, lang: str) -> tuple[Row, ...]:
    _ = translator(lang)
    rows = []
    if card.part_of:
        rows.append(Row(_("Part of"), heading(gaz.get(card.part_of), names)))
    if card.members:
        rows.append(Row(_("Made up of"), listed((heading(gaz.get(m), names)
                                                 for m in card.members), lang=lang)))
    if card.administered_by or card.admin_unit:
        rows.append(Row(_("Administered by"), " — ".join(
            x for x in (_(card.administered_by) if card.administered_by else None,
                        text_in(card.admin_unit, lang) if card.admin_unit else None) if x)))
    if card.claimed_by:
        states = listed((_(c) for c in card.claimed_by), lang=lang)
        rows.append(Row(_("Claimed by"), f"{states} — {text_in(card.claim_unit, lang)}"
                        if card.claim_unit else states))
    if card.disputed:
        rows.append(Row(_("Status today"), _("disputed")))
    return tuple(rows)


def _facts(card: FeatureCard, lang: str) -> tuple[tuple[Row, ...], tuple[str, ...]]:
    _ = translator(lang)
    facts = []
    if card.area_km2 is not None:
        area = km2(card.area_km2, lang=lang)
        facts.append(Row(_("Area (computed)"), _(
            "{area} incl. inland water; land alone {land}", area=area,
            land=km2(card.land_area_km2, lang=lang)) if card.land_area_shown
            else _("{area} incl. inland water", area=area)))
    if card.strait_width_km is not None:
        facts.append(Row(_("Width at the narrows"), km(card.strait_width_km, lang=lang)))
    if card.distance_from_hokkaido_km is not None:
        facts.append(Row(_("Distance from Hokkaido"), _(
            "{distance} (coast to coast)",
            distance=km(card.distance_from_hokkaido_km, lang=lang))))
    # from Cape Nosappu: the computed figure and, beside it, the official one (its source
    # and its note, why the two differ, in the cited list)
    computed, official = card.distance_from_cape_nosappu_km, card.official_distance_from_nosappu
    to = text_in(official.to, lang) if official is not None and official.to else ""
    shown = ([_("{distance} computed", distance=km(computed, lang=lang))]
             if computed is not None else [])
    if official is not None:
        d = km(official.value, lang=lang)
        shown.append(_("{distance} official, to {place}", distance=d, place=to) if to
                     else _("{distance} official", distance=d))
    if shown:
        facts.append(Row(_("Distance from Cape Nosappu"), _("; ").join(shown)))
    cited = [(what, fig, _("{value} km²", value=num(fig.value, lang=lang)))
             for what, fig in ((_("Official area, with islets"), card.official_area.with_islets),
                               (_("Official area, main island"), card.official_area.main_island))
             if fig is not None]
    if official is not None:
        cited.append((_("Official distance from Cape Nosappu, to {place}", place=to) if to
                      else _("Official distance from Cape Nosappu"), official,
                      km(official.value, lang=lang)))
    for fig, label in ((card.population.japanese_1945, N_("Japanese residents on {date}")),
                       (card.population.current, N_("Residents on {date}"))):
        if fig is not None:
            cited.append((_(label, date=_.date(fig.date)), fig, whole(fig.value, lang=lang)))
    lines = tuple(
        _("{what}: {value} ({note}). Source: {title}, {publisher}", what=what, value=value,
          note=text_in(fig.note, lang), title=fig.reference.title,
          publisher=fig.reference.publisher) if fig.note else
        _("{what}: {value}. Source: {title}, {publisher}", what=what, value=value,
          title=fig.reference.title, publisher=fig.reference.publisher)
        for what, fig, value in cited)
    return tuple(facts), lines


def card_text(card: FeatureCard, feature: Feature, gaz: Gazetteer, names: str,
              nearest_base: tuple[str, float] | None = None, *, lang: str = "en"
              ) -> CardText:
    """The card of ``feature`` (its :class:`geo.analysis.cards.FeatureCard`) under a names
    convention ('ja', 'ru', 'both'), its words in ``lang``; ``nearest_base``: (label, km)
    of the nearest US base in Japan, for a disputed island. The view's own row is
    :func:`in_view`."""
    _ = translator(lang)
    facts, cited = _facts(card, lang)
    total = card.annotation_count
    n = card.group_annotation_count
    groups_title = ""
    if n:
        groups = listed((heading(gaz.get(g), names) for g in card.groups
                         if any(g in e.via for e in card.all_group_annotations())), lang=lang)
        groups_title = _.ngettext("About the groups it belongs to ({n} quote): {groups}",
                                  "About the groups it belongs to ({n} quotes): {groups}",
                                  n, groups=groups)
    base = None
    if nearest_base is not None:
        label, dist = nearest_base
        base = Row(_("Nearest US base in Japan"),
                   _("{base}, {distance} (geodesic, coast to base)",
                     base=text_in(label, lang), distance=km(dist, 0, lang=lang)))
    return CardText(
        id=card.id, heading=heading(feature, names), names=_names(card, names, lang),
        status=_status(card, gaz, names, lang), note=text_in(card.note, lang), facts=facts,
        cited=cited, nearest_base=base,
        quotes_title=Row(_("What the sources say about it"), _.ngettext(
            "({n} quote, filed by whose position each expresses; see About for the rule)",
            "({n} quotes, filed by whose position each expresses; see About for the rule)",
            total)),
        no_quotes="" if total else _(
            "No statement in the documents concerns this feature by itself."),
        sides=_sides(card.annotations, gaz, names, lang), groups_title=groups_title,
        group_sides=_sides(card.group_annotations, gaz, names, lang))
