"""Feature cards: the gazetteer, the layers' measures and the annotations joined.

:func:`feature_card` gathers everything a feature's panel shows: its names in
three scripts, who administers and who claims it, computed and official
areas, distances, population figures with their references and the
annotations grouped by side then topic, each with its citation. Cards are
frozen dataclasses of plain values, so the app only formats them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from geo.data.corpus import Corpus, containing_ids, default_corpus, related_ids
from geo.data.corpus_schema import SIDES, TOPICS
from geo.data.gazetteer import COUNTRY_NAMES, LAND_KINDS, Gazetteer
from geo.data.geojson import write_features
from geo.data.layers import Atlas, load_atlas
from geo.measure import point_distance_km
from geo.analysis.quotes import AttributedQuote, attributed
from geo.references import Ref, shown

# The land-only area is shown beside the area with inland water only when the two differ by
# more than this (km²): a feature without lakes or lagoons to speak of gets one figure, not
# two that print the same at the card's one decimal.
LAND_AREA_MIN_DIFFERENCE_KM2 = 0.05

@dataclass(frozen=True)
class Figure:
    """A cited figure: people (population), km² (official area) or km (distance)."""
    value: int | float
    date: str | None
    note: str
    reference: Ref


@dataclass(frozen=True)
class DistanceFigure(Figure):
    """A cited distance (km); ``to``: the rock or islet it is measured to, where the
    outlines do not include it (the note says why the computed distance differs)."""
    to: str | None = None


@dataclass(frozen=True)
class PopulationFigures:
    japanese_1945: Figure | None = None
    current: Figure | None = None


@dataclass(frozen=True)
class OfficialAreaFigures:
    with_islets: Figure | None = None
    main_island: Figure | None = None


@dataclass(frozen=True)
class CardNames:
    ja_script: str
    ja_romaji: str
    ru_script: str
    ru_translit: str
    en: tuple[str, ...]


@dataclass(frozen=True)
class AnnotationEntry(AttributedQuote):
    """A quote as a card shows it (:class:`geo.analysis.quotes.AttributedQuote`), with the related
    ids it is shown through (empty: linked to the feature itself)."""
    via: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicGroup:
    topic: str
    label: str
    annotations: tuple[AnnotationEntry, ...]


@dataclass(frozen=True)
class SideGroup:
    side: str
    label: str
    topics: tuple[TopicGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(t.annotations) for t in self.topics)


@dataclass(frozen=True)
class FeatureCard:
    id: str
    kind: str
    disputed: bool
    label: str  # first English name
    names: CardNames
    aliases: tuple[str, ...]
    note: str
    administered_by: str | None  # country name, e.g. "Russia"
    admin_unit: str | None
    claimed_by: tuple[str, ...]  # country names
    claim_unit: str | None
    area_km2: float | None  # computed, inland water included
    land_area_km2: float | None  # computed, land only
    distance_from_hokkaido_km: float | None
    distance_from_cape_nosappu_km: float | None
    strait_width_km: float | None
    official_distance_from_nosappu: DistanceFigure | None  # cited, where the gazetteer has one
    population: PopulationFigures
    official_area: OfficialAreaFigures
    members: tuple[str, ...]  # direct members of a group
    part_of: str | None
    groups: tuple[str, ...]  # every group containing the feature, nearest first
    annotations: tuple[SideGroup, ...]  # its own: by side (SIDES order), then topic
    group_annotations: tuple[SideGroup, ...] = ()  # its groups' (shown after, folded)

    @property
    def land_area_shown(self) -> bool:
        """Whether the card gives the land-only area too: both areas are known and differ
        by more than :data:`LAND_AREA_MIN_DIFFERENCE_KM2`."""
        return (self.area_km2 is not None and self.land_area_km2 is not None
                and abs(self.land_area_km2 - self.area_km2) > LAND_AREA_MIN_DIFFERENCE_KM2)

    @property
    def annotation_count(self) -> int:
        return sum(s.count for s in self.annotations)

    @property
    def group_annotation_count(self) -> int:
        return sum(s.count for s in self.group_annotations)

    def all_annotations(self) -> list[AnnotationEntry]:
        """The feature's own statements (not its groups')."""
        return [e for s in self.annotations for t in s.topics for e in t.annotations]

    def all_group_annotations(self) -> list[AnnotationEntry]:
        return [e for s in self.group_annotations for t in s.topics for e in t.annotations]

    @property
    def sides(self) -> list[str]:
        return [s.side for s in self.annotations]


def _reference(gaz: Gazetteer, ref: str) -> Ref:
    return shown(ref, gaz.references[ref])


def _entry(aid: str, corpus: Corpus, related: list[str], fid: str) -> AnnotationEntry:
    q = attributed(corpus, aid)
    via = () if fid in q.features else tuple(x for x in related if x in q.features)
    return AnnotationEntry(**{f: getattr(q, f) for f in AttributedQuote.__dataclass_fields__},
                           via=via)


def group_annotations(entries: list[AnnotationEntry]) -> tuple[SideGroup, ...]:
    """Entries grouped by side then topic, in SIDES/TOPICS order; empty groups left out.
    The side labels are the parties' in data/attribution.yaml."""
    out = []
    for side in SIDES:
        topics = []
        for topic, tlabel in TOPICS.items():
            sel = tuple(e for e in entries if e.side == side and e.topic == topic)
            if sel:
                topics.append(TopicGroup(topic=topic, label=tlabel, annotations=sel))
        if topics:
            out.append(SideGroup(side=side, label=topics[0].annotations[0].side_label,
                                 topics=tuple(topics)))
    return tuple(out)


@lru_cache(maxsize=256)
def _nosappu_km(atlas: Atlas, fid: str) -> float | None:
    g = atlas.geometry(fid)
    return None if g is None else point_distance_km(atlas.cape_nosappu, g)


TOUCHING_KM = 0.05  # closer than this, a feature touches the shore: no distance is shown


def _apart(km: float | None) -> float | None:
    """A distance worth stating: a strait between Hokkaido and another shore touches
    Hokkaido, and "0.0 km from Hokkaido" says nothing (its measure is its width)."""
    return km if km is not None and km >= TOUCHING_KM else None


def feature_card(fid: str, atlas: Atlas | None = None, corpus: Corpus | None = None
                 ) -> FeatureCard:
    """Everything a feature's panel shows. Unknown ids raise KeyError."""
    atlas = atlas if atlas is not None else load_atlas()
    corpus = corpus if corpus is not None else default_corpus()
    gaz = atlas.gaz
    f = gaz.get(fid)
    has_geom = atlas.geometry(fid) is not None

    pop = PopulationFigures()
    if f.population is not None:
        pop = PopulationFigures(**{
            k: Figure(value=fig.value, date=fig.date, note=fig.note,
                      reference=_reference(gaz, fig.ref))
            for k in ("japanese_1945", "current")
            if (fig := getattr(f.population, k)) is not None})
    area = OfficialAreaFigures()
    if f.official_area is not None:
        area = OfficialAreaFigures(**{
            k: Figure(value=fig.km2, date=None, note=fig.note, reference=_reference(gaz, fig.ref))
            for k in ("with_islets", "main_island")
            if (fig := getattr(f.official_area, k)) is not None})

    odist = f.official_distance_from_nosappu
    official_distance = (DistanceFigure(value=odist.km, date=None, note=odist.note,
                                        reference=_reference(gaz, odist.ref), to=odist.to)
                         if odist is not None else None)

    related = related_ids(gaz, fid)
    entries = [_entry(a.id, corpus, related, fid) for a in corpus.for_feature(fid, gaz)]
    containing = containing_ids(gaz, fid)
    group_entries = [_entry(a.id, corpus, containing, fid)
                     for a in corpus.for_groups_of(fid, gaz)]
    return FeatureCard(
        id=f.id, kind=f.kind, disputed=f.disputed, label=f.label_en,
        names=CardNames(ja_script=f.names.ja.script, ja_romaji=f.names.ja.romaji,
                        ru_script=f.names.ru.script, ru_translit=f.names.ru.translit,
                        en=tuple(f.names.en)),
        aliases=tuple(f.aliases), note=f.note,
        administered_by=COUNTRY_NAMES[f.administered_by] if f.administered_by else None,
        admin_unit=f.admin_unit,
        claimed_by=tuple(COUNTRY_NAMES[c] for c in f.claimed_by), claim_unit=f.claim_unit,
        area_km2=atlas.area_km2(fid), land_area_km2=atlas.land_area_km2(fid),
        distance_from_hokkaido_km=_apart(atlas.distance_km("hokkaido", fid)
                                         if has_geom and fid != "hokkaido" else None),
        distance_from_cape_nosappu_km=_apart(_nosappu_km(atlas, fid) if has_geom and fid not in
                                             ("hokkaido", "cape-nosappu") else None),
        strait_width_km=atlas.strait_width_km(fid) if f.kind == "strait" else None,
        official_distance_from_nosappu=official_distance,
        population=pop, official_area=area,
        members=tuple(f.geometry.members) if f.geometry and f.geometry.members else (),
        part_of=f.part_of, groups=tuple(containing),
        annotations=group_annotations(entries),
        group_annotations=group_annotations(group_entries))


# --- counts for the map ---------------------------------------------------------------

def annotation_counts(corpus: Corpus, gazetteer: Gazetteer) -> dict[str, int]:
    """Number of annotations each feature's card shows, for every gazetteer feature."""
    return {f.id: len(corpus.for_feature(f.id, gazetteer)) for f in gazetteer.features}


def annotation_count_layer(atlas: Atlas | None = None, corpus: Corpus | None = None
                           ) -> list[tuple[dict, BaseGeometry]]:
    """Each land feature (display outline) and strait (narrows line) with its counts.

    ``count`` is what the feature's card shows (``annotation_counts``),
    ``direct`` the annotations linked to the feature itself. Groups are left
    out: their members are drawn.
    """
    atlas = atlas if atlas is not None else load_atlas()
    corpus = corpus if corpus is not None else default_corpus()
    gaz = atlas.gaz
    counts = annotation_counts(corpus, gaz)
    direct = corpus.counts_by_feature()
    rows = []
    for f in gaz.features:
        if f.kind in LAND_KINDS:
            geom = atlas.display.geoms[f.id]
        elif f.kind == "strait":
            geom = atlas.straits.geoms[f.id]
        else:
            continue
        rows.append(({"id": f.id, "kind": f.kind, "label": f.label_en, "label_ja": f.label_ja,
                      "label_ru": f.label_ru, "disputed": f.disputed, "count": counts[f.id],
                      "direct": direct.get(f.id, 0)}, geom))
    return rows


def write_annotation_count_layer(path: Path, atlas: Atlas | None = None,
                                 corpus: Corpus | None = None, ndigits: int = 5) -> Path:
    """Write :func:`annotation_count_layer` as GeoJSON (deterministic bytes)."""
    write_features(Path(path), annotation_count_layer(atlas, corpus), ndigits=ndigits)
    return Path(path)
