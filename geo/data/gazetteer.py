"""The gazetteer: competing names, status and how each feature is found.

``data/gazetteer.yaml`` is validated with pydantic; every error names the
file, the feature id and the field. Its ``chain_islands`` (the named islands of
kuril-north, labels only) are kept apart from the features (:data:`CHAIN_KIND`).
"""
from __future__ import annotations

import difflib
import unicodedata

import re
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator

from geo import data_dir, resolved
from geo.errors import DataError, UnknownIdError
from geo.data.cache import stamped
from geo.data.kuril_islands import KNOWN_ISLANDS
from geo.data.loading import expect_mapping, load_yaml, validation_error
from geo.data.schema import DateText, Name, Pair, StableId, Strict, TNote, TTitle
from geo.references import Reference

GAZETTEER_FILE = "gazetteer.yaml"


def gazetteer_path() -> Path:
    """``gazetteer.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / GAZETTEER_FILE


Country = Literal["JPN", "RUS", "USA", "KOR", "PRK", "CHN"]
COUNTRY_NAMES = {
    "JPN": "Japan", "RUS": "Russia", "USA": "United States",
    "KOR": "South Korea", "PRK": "North Korea", "CHN": "China",
}
Kind = Literal["island", "islet", "islands", "island-group", "land", "strait", "strait-group",
               "sea", "place", "base", "chain-island"]
LAND_KINDS = {"island", "islet", "islands", "land"}  # drawn from the source polygons
GROUP_KINDS = {"island-group", "strait-group"}
# A named island of kuril-north, for the map's labels only: listed apart from the features
# (Gazetteer.chain_islands), its shape the part of kuril-north geo.analysis.kuril_chain
# names so (geometry chain_part); it has no geometry of its own, no card, no annotations.
CHAIN_KIND = "chain-island"
GEOMETRY_WAYS = ("anchors", "region", "clip", "members", "between", "point", "point_rule",
                 "chain_part")

Lon = Annotated[float, Field(ge=-180, le=180)]
Lat = Annotated[float, Field(ge=-90, le=90)]
LonLat = Annotated[tuple[Lon, Lat], Pair]
BBox = Annotated[tuple[Lon, Lat, Lon, Lat], Pair]


def _known_island(v: str) -> str:
    if v not in KNOWN_ISLANDS:
        close = difflib.get_close_matches(v, list(KNOWN_ISLANDS), n=1)
        raise ValueError(f"'{v}' is not among the islands geo.analysis.kuril_chain names "
                         f"(KNOWN_ISLANDS){f'; did you mean {close[0]!r}?' if close else ''}")
    return v


def _written_in(letters: str, message: str) -> AfterValidator:
    """A name that must hold at least one character of ``letters`` (a regex class)."""
    def check(v: str) -> str:
        if not re.search(letters, v):
            raise ValueError(message)
        return v
    return AfterValidator(check)


class JapaneseName(Strict):
    script: Annotated[Name, _written_in(r"[\u3040-\u30ff\u4e00-\u9fff]",
                                        "must be written in Japanese script (kanji or kana)")]
    romaji: Name


class RussianName(Strict):
    script: Annotated[Name, _written_in(r"[\u0400-\u04ff]", "must be written in Cyrillic")]
    translit: Name


class Names(Strict):
    ja: JapaneseName
    ru: RussianName
    en: list[Name] = Field(min_length=1, max_length=50)


class Figure(Strict):
    value: int = Field(ge=0)
    date: DateText
    ref: str
    note: TNote = ""


class Population(Strict):
    japanese_1945: Figure | None = None
    current: Figure | None = None


class AreaFigure(Strict):
    km2: float = Field(gt=0)
    ref: str
    note: TNote = ""


class DistanceFigure(Strict):
    """An official distance (km) and the reference that gives it. ``to`` names the rock or
    islet of the feature it is measured to, where the map's outlines do not include that
    part (so the computed distance is to a farther shore); ``note`` says why, plainly."""
    km: float = Field(gt=0)
    ref: str
    to: Name | None = None
    note: TNote = ""


class OfficialArea(Strict):
    with_islets: AreaFigure | None = None
    main_island: AreaFigure | None = None


class Region(Strict):
    bbox: BBox
    countries: list[str] = Field(min_length=1)


class Clip(Strict):
    anchor: LonLat
    bbox: BBox


class Geometry(Strict):
    anchors: list[LonLat] | None = None
    region: Region | None = None
    clip: Clip | None = None
    members: list[str] | None = None
    between: Annotated[tuple[str, str], Pair] | None = None
    point: LonLat | None = None
    point_ref: str | None = None
    point_rule: Literal["easternmost vertex of hokkaido"] | None = None
    chain_part: Annotated[str, AfterValidator(_known_island)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "Geometry":
        ways = [k for k in GEOMETRY_WAYS if getattr(self, k) is not None]
        if len(ways) != 1:
            raise ValueError(f"give exactly one of {', '.join(GEOMETRY_WAYS)} "
                             f"(got {ways or 'none'})")
        if self.point is not None and not self.point_ref:
            raise ValueError("a point needs point_ref citing where the coordinates come from")
        return self

    @property
    def how(self) -> str:
        for k in GEOMETRY_WAYS:
            if getattr(self, k) is not None:
                return k
        raise AssertionError("unreachable")


class Feature(Strict):
    id: StableId
    kind: Kind
    disputed: bool = False
    part_of: str | None = None
    names: Names
    aliases: list[Name] = Field(default=[], max_length=50)
    names_ref: str | None = None  # a reference for the names (required of a chain-island)
    note: TNote = ""
    administered_by: Country | None = None
    admin_unit: TTitle | None = None
    claimed_by: list[Country] = []
    claim_unit: TTitle | None = None
    population: Population | None = None
    official_area: OfficialArea | None = None
    official_distance_from_nosappu: DistanceFigure | None = None
    geometry: Geometry | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Feature":
        how = self.geometry.how if self.geometry else None
        if self.kind in LAND_KINDS and how not in {"anchors", "region", "clip"}:
            raise ValueError(f"a {self.kind} needs geometry anchors, region or clip")
        if self.kind in GROUP_KINDS and how != "members":
            raise ValueError(f"a {self.kind} needs geometry members")
        if self.kind == "strait" and how != "between":
            raise ValueError("a strait needs geometry between two feature ids")
        if (self.kind == CHAIN_KIND) != (how == "chain_part"):
            raise ValueError(f"a {CHAIN_KIND} needs geometry chain_part, and only a "
                             f"{CHAIN_KIND} has one")
        if self.kind == CHAIN_KIND and not self.names_ref:
            raise ValueError(f"a {CHAIN_KIND} needs names_ref citing its names")
        if self.disputed and not self.claimed_by:
            raise ValueError("a disputed feature needs claimed_by")
        return self

    @property
    def label_ja(self) -> str:
        return self.names.ja.script

    @property
    def label_ru(self) -> str:
        return self.names.ru.script

    @property
    def label_en(self) -> str:
        return self.names.en[0]

    @property
    def all_names(self) -> list[str]:
        """Every name and alias, for searching text."""
        seen: dict[str, None] = {}
        for n in [*self.names.en, *self.aliases, self.names.ja.script, self.names.ja.romaji,
                  self.names.ru.script, self.names.ru.translit]:
            if n:
                seen.setdefault(n, None)
        return list(seen)


def name_key(name: str) -> str:
    """A name as looked up: NFKC, diacritics dropped, case folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", plain).casefold().split())


class Gazetteer(Strict):
    path: str
    references: dict[StableId, Reference] = {}
    features: list[Feature]
    chain_islands: list[Feature] = []  # labels only: not features (see CHAIN_KIND)

    @cached_property
    def by_id(self) -> dict[str, Feature]:
        return {f.id: f for f in self.features}

    @cached_property
    def _by_name(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for f in self.features:
            for n in {name_key(x) for x in (f.id, *f.all_names)}:
                out.setdefault(n, []).append(f.id)
        return out

    def find(self, name: str) -> list[str]:
        """The ids of the features that have ``name`` as an id, a name in any script or an
        alias (case, width and diacritics ignored: 'iturup', 'Etorofu-to', '択捉島')."""
        return list(self._by_name.get(name_key(name), []))

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.features]

    def __contains__(self, fid: str) -> bool:
        return fid in self.by_id

    def get(self, fid: str) -> Feature:
        try:
            return self.by_id[fid]
        except KeyError:
            raise UnknownIdError("feature", fid, self.by_id) from None

    def of_kind(self, *kinds: str) -> list[Feature]:
        return [f for f in self.features if f.kind in kinds]

    def members(self, fid: str) -> list[str]:
        """Ids of the leaf features a feature stands for (itself if not a group)."""
        f = self.get(fid)
        if f.geometry is None or f.geometry.members is None:
            return [fid]
        out: list[str] = []
        for m in f.geometry.members:
            out.extend(self.members(m))
        return out

    def groups_of(self, fid: str) -> list[str]:
        """Ids of the groups that contain ``fid`` directly or indirectly."""
        return [g.id for g in self.features
                if g.geometry is not None and g.geometry.members is not None
                and g.id != fid and fid in self.members(g.id)]


SECTIONS = ("references", "features", "chain_islands")
MAX_NESTING = 16  # groups within groups (the data has 3: Kurils > four islands > Habomai)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load and validate the gazetteer, checking ids and cross-references.

    ``path`` defaults to :func:`gazetteer_path` (resolved at each call). The
    result is immutable and cached by resolved path for as long as the file
    is unchanged (same modification time and size), so callers need not keep it.
    """
    return _load(resolved(str(path if path is not None else gazetteer_path())))


@stamped(lambda path: (path,))
def _load(path: Path) -> Gazetteer:
    doc = load_yaml(path)
    raw = expect_mapping(doc, SECTIONS)
    for key in raw:
        if key not in SECTIONS:
            raise DataError(path, f"unknown section (not allowed; the sections are "
                                  f"{', '.join(SECTIONS)}) (line {doc.line([key])})", field=key)
    try:
        gaz = Gazetteer.model_validate({**raw, "path": str(path)})
    except ValidationError as exc:
        raise validation_error(path, exc, doc) from None
    seen: set[str] = set()
    parts: dict[str, str] = {}
    for section in ("features", "chain_islands"):
        for i, f in enumerate(getattr(gaz, section)):
            if f.id in seen:
                raise DataError(path, f"duplicate id (line {doc.line([section, i, 'id'])})",
                                item=f.id, field="id")
            seen.add(f.id)
            if (f.kind == CHAIN_KIND) != (section == "chain_islands"):
                raise DataError(path, f"a {CHAIN_KIND} is listed under chain_islands, every "
                                f"other kind under features (line {doc.line([section, i])})",
                                item=f.id, field="kind")
            part = f.geometry.chain_part if f.geometry else None
            if part in parts:
                raise DataError(path, f"'{part}' is already the part of '{parts[part]}' (line "
                                f"{doc.line([section, i, 'geometry', 'chain_part'])})",
                                item=f.id, field="geometry.chain_part")
            if part:
                parts[part] = f.id
    for f in (*gaz.features, *gaz.chain_islands):
        _check_refs(gaz, f)
    _check_cycles(gaz)
    return gaz


def _check_cycles(gaz: Gazetteer) -> None:
    """A group that contains itself (directly or through other groups), or a ``part_of``
    chain that comes back to where it started, is an error naming the loop."""
    for field, step in (("geometry.members",
                         lambda f: (f.geometry.members or []) if f.geometry else []),
                        ("part_of", lambda f: [f.part_of] if f.part_of else [])):
        state: dict[str, int] = {}  # 1: on the current path, 2: done

        def visit(fid: str, trail: list[str]) -> None:
            state[fid] = 1
            for nxt in step(gaz.by_id[fid]):
                if state.get(nxt) == 1:
                    loop = trail[trail.index(nxt):] + [nxt] if nxt in trail else [fid, nxt]
                    raise DataError(gaz.path, f"a loop: {' -> '.join(loop)}", item=fid,
                                    field=field)
                if nxt not in state:
                    if len(trail) >= MAX_NESTING:
                        raise DataError(gaz.path, f"nested more than {MAX_NESTING} levels "
                                        f"deep: {' -> '.join(trail[:4])} -> …", item=fid,
                                        field=field)
                    visit(nxt, trail + [nxt])
            state[fid] = 2

        for f in gaz.features:
            if f.id not in state:
                visit(f.id, [f.id])


def _check_refs(gaz: Gazetteer, f: Feature) -> None:
    path = gaz.path
    if f.part_of and f.part_of not in gaz.by_id:
        raise DataError(path, f"unknown feature '{f.part_of}'", item=f.id, field="part_of")
    g = f.geometry
    if g is not None:
        for field, ids in (("geometry.members", g.members or []),
                           ("geometry.between", list(g.between or []))):
            for other in ids:
                if other not in gaz.by_id:
                    raise DataError(path, f"unknown feature '{other}'", item=f.id, field=field)
                if other == f.id:
                    raise DataError(path, "a feature cannot refer to itself", item=f.id,
                                    field=field)
        if g.point_ref and g.point_ref not in gaz.references:
            raise DataError(path, f"unknown reference '{g.point_ref}'", item=f.id,
                            field="geometry.point_ref")
    cites: list[tuple[str, str]] = [("names_ref", f.names_ref)] if f.names_ref else []
    if f.population:
        for key in ("japanese_1945", "current"):
            fig = getattr(f.population, key)
            if fig:
                cites.append((f"population.{key}.ref", fig.ref))
    if f.official_area:
        for key in ("with_islets", "main_island"):
            fig = getattr(f.official_area, key)
            if fig:
                cites.append((f"official_area.{key}.ref", fig.ref))
    if f.official_distance_from_nosappu:
        cites.append(("official_distance_from_nosappu.ref", f.official_distance_from_nosappu.ref))
    for field, ref in cites:
        if ref not in gaz.references:
            raise DataError(path, f"unknown reference '{ref}'", item=f.id, field=field)
