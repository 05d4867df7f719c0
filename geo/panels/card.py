"""A feature's card as the panel shows it (:func:`card_text`), plain text: its heading
and names in three scripts, its status (and, apart, its status under the chosen view:
:func:`in_view`), its computed and cited figures, the nearest US base, and what the
sources say about it, by side then topic (each quote attributed, :mod:`.quote`)."""
from __future__ import annotations

from dataclasses import dataclass

from geo.analysis.cards import FeatureCard, SideGroup
from geo.data.gazetteer import Feature, Gazetteer
from geo.map.text import heading, status_text
from geo.panels.blocks import Row, km, km2, num, plural
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


IN_VIEW = "In this scenario"


def in_view(feature: Feature, view, gaz: Gazetteer) -> Row | None:
    """The status row the card adds under a view other than today's (None: nothing to
    add)."""
    status = status_text(feature, view, gaz)
    return Row(IN_VIEW, status) if status and view.id != BASELINE else None


def _sides(groups: tuple[SideGroup, ...], gaz: Gazetteer, names: str) -> tuple[SideText, ...]:
    """The quotes by side and topic; a quote shown through a related feature (a group the
    feature belongs to) says which, by that feature's name in the names convention."""
    def about(e) -> tuple[str, ...]:
        return tuple(heading(gaz.get(g), names) for g in e.via)
    return tuple(SideText(s.side, f"{s.label} ({s.count})", tuple(
        TopicText(t.label, tuple(quote_text(e, about(e)) for e in t.annotations))
        for t in s.topics)) for s in groups)


def _names(card: FeatureCard, names: str) -> tuple[Row, ...]:
    n = card.names
    rows = {"ja": Row("Japanese", f"{n.ja_script} ({n.ja_romaji})"),
            "ru": Row("Russian", f"{n.ru_script} ({n.ru_translit})")}
    order = ["ru", "ja"] if names == "ru" else ["ja", "ru"]
    return (*(rows[k] for k in order), Row("English", ", ".join(n.en)))


def _status(card: FeatureCard, gaz: Gazetteer, names: str) -> tuple[Row, ...]:
    rows = []
    if card.part_of:
        rows.append(Row("Part of", heading(gaz.get(card.part_of), names)))
    if card.members:
        rows.append(Row("Made up of", ", ".join(heading(gaz.get(m), names)
                                                for m in card.members)))
    if card.administered_by or card.admin_unit:
        rows.append(Row("Administered by", " — ".join(
            x for x in (card.administered_by, card.admin_unit) if x)))
    if card.claimed_by:
        unit = f" — {card.claim_unit}" if card.claim_unit else ""
        rows.append(Row("Claimed by", ", ".join(card.claimed_by) + unit))
    if card.disputed:
        rows.append(Row("Status today", "disputed"))
    return tuple(rows)


def _facts(card: FeatureCard) -> tuple[tuple[Row, ...], tuple[str, ...]]:
    facts = []
    if card.area_km2 is not None:
        land = f"; land alone {km2(card.land_area_km2)}" if card.land_area_shown else ""
        facts.append(Row("Area (computed)", f"{km2(card.area_km2)} incl. inland water{land}"))
    if card.strait_width_km is not None:
        facts.append(Row("Width at the narrows", km(card.strait_width_km)))
    if card.distance_from_hokkaido_km is not None:
        facts.append(Row("Distance from Hokkaido",
                         f"{km(card.distance_from_hokkaido_km)} (coast to coast)"))
    # from Cape Nosappu: the computed figure and, beside it, the official one (its source
    # and its note, why the two differ, in the cited list)
    computed, official = card.distance_from_cape_nosappu_km, card.official_distance_from_nosappu
    to = f", to {official.to}" if official is not None and official.to else ""
    shown = ([f"{km(computed)} computed"] if computed is not None else []) + (
        [f"{km(official.value)} official{to}"] if official is not None else [])
    if shown:
        facts.append(Row("Distance from Cape Nosappu", "; ".join(shown)))
    cited = [(f"Official area, {label}", fig, f"{num(fig.value)} km²")
             for label, fig in (("with islets", card.official_area.with_islets),
                                ("main island", card.official_area.main_island)) if fig is not None]
    if official is not None:
        cited.append((f"Official distance from Cape Nosappu{to}", official, km(official.value)))
    cited += [(f"{label} on {fig.date}", fig, f"{fig.value:,}")
              for label, fig in (("Japanese residents", card.population.japanese_1945),
                                 ("Residents", card.population.current)) if fig is not None]
    lines = tuple(f"{what}: {value}{f' ({fig.note})' if fig.note else ''}. "
                  f"Source: {fig.reference.title}, {fig.reference.publisher}"
                  for what, fig, value in cited)
    return tuple(facts), lines


def card_text(card: FeatureCard, feature: Feature, gaz: Gazetteer, names: str,
              nearest_base: tuple[str, float] | None = None) -> CardText:
    """The card of ``feature`` (its :class:`geo.analysis.cards.FeatureCard`) under a names
    convention ('ja', 'ru', 'both'); ``nearest_base``: (label, km) of the nearest US base
    in Japan, for a disputed island. The view's own row is :func:`in_view`."""
    facts, cited = _facts(card)
    total = card.annotation_count
    n = card.group_annotation_count
    groups_title = ""
    if n:
        groups = ", ".join(heading(gaz.get(g), names) for g in card.groups
                           if any(g in e.via for e in card.all_group_annotations()))
        groups_title = f"About the groups it belongs to ({plural(n, 'quote')}): {groups}"
    base = None
    if nearest_base is not None:
        label, dist = nearest_base
        base = Row("Nearest US base in Japan", f"{label}, {km(dist, 0)} (geodesic, coast to base)")
    return CardText(
        id=card.id, heading=heading(feature, names), names=_names(card, names),
        status=_status(card, gaz, names), note=card.note, facts=facts, cited=cited,
        nearest_base=base,
        quotes_title=Row("What the sources say about it",
                         f"({plural(total, 'quote')}, filed by whose position each "
                         "expresses; see About for the rule)"),
        no_quotes="" if total else "No statement in the documents concerns this feature by itself.",
        sides=_sides(card.annotations, gaz, names), groups_title=groups_title,
        group_sides=_sides(card.group_annotations, gaz, names))
