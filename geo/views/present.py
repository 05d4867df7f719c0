"""Sovereignty scenarios and what each one implies.

``data/scenarios.yaml`` says, per scenario, which state would hold each of
the four disputed islands and whether it would stay disputed, with the
annotations (quotes) that define the scenario. Everything else is computed
here, never typed in: land area under each state (geodesic, from the
full-resolution layer), the share of the four islands' land that changes
hands compared with today, the population of those islands (with its
reference and date) and who holds each shore of every strait.

Errors in the file raise :class:`geo.errors.DataError` naming the file, the
scenario id and the field. Unknown scenario ids raise
:class:`UnknownScenarioError`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

from pydantic import Field

from geo import data_dir
from geo.data.attribution import load_attribution
from geo.data.cache import stamped
from geo.data.corpus import annotation_ids_to_check, corpus_files, load_against_corpus
from geo.errors import DataError, UnknownIdError
from geo.data.gazetteer import COUNTRY_NAMES, Gazetteer, load_gazetteer
from geo.data.names import place_name
from geo.i18n import N_, text_in, translator
from geo.data.loading import load_model
from geo.data.schema import ById, StableId, Strict, TName, TText, TTitle
from geo.data.layers import Atlas, load_atlas

SCENARIOS_FILE = "scenarios.yaml"


def scenarios_path() -> Path:
    """``scenarios.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / SCENARIOS_FILE


BASELINE = "today"
DISPUTED = ("etorofu", "kunashiri", "shikotan", "habomai")
STATES = ("JPN", "RUS")

Holder = Literal["JPN", "RUS"]
# The countries' names as the app's texts say them (gazetteer.COUNTRY_NAMES, marked).
COUNTRY_LABELS = {"JPN": N_("Japan"), "RUS": N_("Russia"), "USA": N_("United States"),
                  "KOR": N_("South Korea"), "PRK": N_("North Korea"), "CHN": N_("China")}
assert set(COUNTRY_LABELS) == set(COUNTRY_NAMES), "every country's name marked"


def country_name(code: str | None, lang: str = "en", missing: str = N_("unknown")) -> str:
    """A country's name in ``lang`` (``missing`` translated if there is no code)."""
    _ = translator(lang)
    if not code:
        return _(missing)
    return _(COUNTRY_LABELS[code]) if code in COUNTRY_LABELS else code


class UnknownScenarioError(UnknownIdError):
    """A view id that no data file defines (a scenario, a historical view, a point of
    view): see :func:`geo.views.catalog.view`."""

    def __init__(self, sid: str, known: Iterable[str]):
        super().__init__("scenario", sid, known)
        self.sid = self.id


class IslandStatus(Strict):
    holder: Holder
    disputed: bool


class Scenario(Strict):
    id: StableId
    title: TTitle
    short_title: TName
    description: TText
    islands: dict[str, IslandStatus]
    sources: list[str] = Field(min_length=1)
    refs: list[StableId] = []  # keys of references in data/attribution.yaml

    def holder(self, island: str) -> str:
        return self.islands[island].holder

    def is_disputed(self, island: str) -> bool:
        return self.islands[island].disputed

    def decided_holders(self, gaz: Gazetteer) -> dict[str, str]:
        """The holder of each feature the scenario decides: the four islands and their
        islets (everything else stays with its present administrator)."""
        return {fid: self.holder(isl) for isl in DISPUTED for fid in (isl, *gaz.members(isl))}


class ScenariosFile(Strict):
    scenarios: list[Scenario] = Field(min_length=1)


@dataclass(frozen=True)
class Scenarios(ById):
    path: str
    items: tuple[Scenario, ...]

    def _unknown(self, sid: str) -> Exception:
        return UnknownScenarioError(sid, self.ids)

    @property
    def baseline(self) -> Scenario:
        return self.get(BASELINE)


def load_scenarios(path: Path | None = None, *, gazetteer: Gazetteer | None = None,
                   annotation_ids: Iterable[str] | None = None,
                   check_annotations: bool = True) -> Scenarios:
    """Load and validate the scenarios.

    Every scenario must give a holder for exactly the four disputed islands,
    cite annotation ids that exist, and ``today`` must be present (it is the
    baseline the others are compared with). ``path`` defaults to
    :func:`scenarios_path` (resolved at each call), ``gazetteer`` to the data
    folder's and ``annotation_ids`` to the data folder's corpus; with
    ``check_annotations=False`` the cited annotation ids are not checked.
    """
    path = Path(path) if path is not None else scenarios_path()
    parsed, doc = load_model(path, ScenariosFile, ("scenarios",))
    known_anns = annotation_ids_to_check(check_annotations, annotation_ids)
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    known_refs = None
    if check_annotations:
        known_refs = set(load_attribution().references)
    items: list[Scenario] = []
    for sc in parsed.scenarios:
        if sc.id in {s.id for s in items}:
            raise DataError(path, "duplicate scenario id", item=sc.id, field="id")
        missing = [f for f in DISPUTED if f not in sc.islands]
        if missing:
            raise DataError(path, f"no holder given for {', '.join(missing)}", item=sc.id,
                            field="islands")
        for fid in sc.islands:
            if fid not in DISPUTED:
                what = "not one of the four disputed islands" if fid in gaz else \
                    "unknown feature"
                raise DataError(path, f"'{fid}' is {what} ({', '.join(DISPUTED)})",
                                item=sc.id, field=f"islands.{fid}")
        for j, ann in enumerate(sc.sources):
            if known_anns is not None and ann not in known_anns:
                raise DataError(path, f"unknown annotation '{ann}'", item=sc.id,
                                field=f"sources.{j}")
        for j, ref in enumerate(sc.refs):
            if known_refs is not None and ref not in known_refs:
                raise DataError(path, f"unknown reference '{ref}' (not a key of 'references' "
                                      f"in attribution.yaml)", item=sc.id, field=f"refs.{j}")
        items.append(sc)
    if BASELINE not in {s.id for s in items}:
        raise DataError(path, f"the baseline scenario '{BASELINE}' is missing",
                        field="scenarios")
    return Scenarios(path=str(path), items=tuple(items))


@stamped(lambda: (scenarios_path(), *corpus_files()), maxsize=4)
def default_scenarios() -> Scenarios:
    """The scenarios of the data folder, read again only once scenarios.yaml or one of
    :func:`geo.data.corpus.corpus_files` (the gazetteer and annotations checked against)
    changes (:func:`geo.data.cache.stamped`).

    A broken annotation corpus does not stop the scenarios from loading: the cited
    annotation ids are then not checked (see
    :func:`geo.data.corpus.default_annotation_ids`)."""
    return load_against_corpus(load_scenarios, scenarios_path())


# --- who holds what -----------------------------------------------------------

def island_of(gaz: Gazetteer, fid: str) -> str | None:
    """The disputed island (or group) a feature belongs to, if any."""
    if fid in DISPUTED:
        return fid
    for isl in DISPUTED:
        if fid in gaz.members(isl):
            return isl
    return None


def holder_of(view, gaz: Gazetteer, fid: str) -> str | None:
    """The one answer to "who holds ``fid`` under this view", for every kind of view
    (a present-day :class:`Scenario`, a historical view, a point of view: each says which
    features it decides, ``decided_holders``): 'JPN', 'RUS', a historical 'JOINT', a
    point of view's 'UND'; else the feature's present administrator (None for the sea, or
    land no state administers). :mod:`geo.views.catalog` re-exports it."""
    h = view.decided_holders(gaz).get(fid)
    return h if h is not None else gaz.get(fid).administered_by


def is_disputed_under(scenario: Scenario, gaz: Gazetteer, fid: str) -> bool:
    isl = island_of(gaz, fid)
    if isl is not None:
        return scenario.is_disputed(isl)
    return False


# --- computed consequences ----------------------------------------------------

@dataclass(frozen=True)
class PopulationFigure:
    feature: str
    value: int
    date: str
    ref: str
    ref_title: str
    ref_publisher: str
    ref_url: str
    note: str = ""


@dataclass(frozen=True)
class StraitShores:
    id: str
    name: str
    width_km: float
    shores: tuple[tuple[str, str | None], ...]  # (feature id, holder) for both coasts
    today: tuple[str | None, ...]
    touches_disputed: bool

    @property
    def changed(self) -> bool:
        return tuple(h for _, h in self.shores) != self.today

    @property
    def status(self) -> str:
        return self.status_in("en")

    def status_in(self, lang: str = "en") -> str:
        """Who holds the shores, in words: 'both shores Japan', 'between Japan and Russia'."""
        _ = translator(lang)
        (_f, a), (_g, b) = self.shores
        if a == b:
            return _("both shores {state}", state=country_name(a, lang))
        return _("between {a} and {b}", a=country_name(a, lang), b=country_name(b, lang))


@dataclass(frozen=True)
class Consequences:
    scenario: str
    land_km2: dict[str, float]  # state -> land area among the four islands
    gross_km2: dict[str, float]  # the same, inland water included
    islands_by_state: dict[str, tuple[str, ...]]
    total_land_km2: float
    changing: tuple[str, ...]  # islands whose holder differs from today
    changing_land_km2: float
    population: tuple[PopulationFigure, ...]  # current population of changing islands
    straits: tuple[StraitShores, ...]

    @property
    def share_changing(self) -> float:
        return self.changing_land_km2 / self.total_land_km2 if self.total_land_km2 else 0.0

    @property
    def population_affected(self) -> int:
        return sum(p.value for p in self.population)

    @property
    def population_sources(self) -> tuple[tuple[str, str, str], ...]:
        """(date, reference title, publisher) of the population figures, each once, sorted."""
        return tuple(sorted({(p.date, p.ref_title, p.ref_publisher) for p in self.population}))

    def residents_text(self, gaz: Gazetteer, lang: str = "en", names: str | None = None
                       ) -> str:
        """The residents of the islands that change hands, with the date and source of each
        figure given once: 'Residents: Shikotan 2,900 (note). As of 2021, title
        (publisher).'; '' if no island changes hands. Plain text (the page escapes it).
        In another language than English, with ``names``, the islands are named in that
        convention (geo.map.text.heading); the notes, titles and publishers are the data's."""
        if not self.population:
            return ""
        _ = translator(lang)

        def name(fid: str) -> str:
            return place_name(gaz.get(fid), names, lang)
        parts = [_("{island} {people}", island=name(p.feature), people=_.num(p.value))
                 + (_(" ({note})", note=text_in(p.note, lang)) if p.note else "")
                 for p in self.population]
        sources = _("; ").join(_("{date}, {title} ({publisher})", date=_.date(d),
                                 title=text_in(t, lang), publisher=pub)
                               for d, t, pub in self.population_sources)
        return _("Residents: {residents}. As of {sources}.", residents=_("; ").join(parts),
                 sources=sources)

    @property
    def straits_by_the_islands(self) -> tuple[StraitShores, ...]:
        """The straits with a shore on one of the four islands (or their islets): the ones
        the scenario can change."""
        return tuple(s for s in self.straits if s.touches_disputed)


def consequences(scenario: Scenario | str, atlas: Atlas | None = None,
                 scenarios: Scenarios | None = None) -> Consequences:
    """Figures implied by a scenario, compared with today."""
    atlas = atlas or load_atlas()
    scenarios = scenarios or default_scenarios()
    sc = scenarios.get(scenario) if isinstance(scenario, str) else scenario
    base = scenarios.baseline
    gaz = atlas.gaz
    land = {s: 0.0 for s in STATES}
    gross = {s: 0.0 for s in STATES}
    by_state: dict[str, list[str]] = {s: [] for s in STATES}
    changing: list[str] = []
    changing_land = 0.0
    pops: list[PopulationFigure] = []
    for isl in DISPUTED:
        h = sc.holder(isl)
        la = atlas.land_area_km2(isl) or 0.0
        land[h] += la
        gross[h] += atlas.area_km2(isl) or 0.0
        by_state[h].append(isl)
        if h != base.holder(isl):
            changing.append(isl)
            changing_land += la
            pop = gaz.get(isl).population
            if pop is not None and pop.current is not None:
                fig = pop.current
                ref = gaz.references[fig.ref]
                pops.append(PopulationFigure(isl, fig.value, fig.date, fig.ref, ref.title,
                                             ref.publisher, ref.url, fig.note))
    straits = []
    for f in gaz.of_kind("strait"):
        a, b = f.geometry.between
        shores = ((a, holder_of(sc, gaz, a)), (b, holder_of(sc, gaz, b)))
        today = (holder_of(base, gaz, a), holder_of(base, gaz, b))
        straits.append(StraitShores(
            id=f.id, name=f.label_en, width_km=atlas.strait_width_km(f.id), shores=shores,
            today=today,
            touches_disputed=island_of(gaz, a) is not None or island_of(gaz, b) is not None))
    return Consequences(
        scenario=sc.id, land_km2=land, gross_km2=gross,
        islands_by_state={s: tuple(v) for s, v in by_state.items()},
        total_land_km2=sum(land.values()), changing=tuple(changing),
        changing_land_km2=changing_land, population=tuple(pops), straits=tuple(straits))
