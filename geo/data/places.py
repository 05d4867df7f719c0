"""The cited places of the security overlay (``data/places.yaml``): US bases in Japan,
the Russian Pacific Fleet, incidents.

The file gives point locations, each with a reference, a precision and the
annotations whose quotes mention it. :func:`load_places` validates it with pydantic;
every error is a :class:`~geo.errors.DataError` naming the file, the place id and the
field. Each place gets a ``kind``, decided here from a fixed, documented set (the file
itself has no kind field): ``base`` for :data:`US_BASES` (Kadena, Futenma, Yokosuka,
Misawa) and any place the gazetteer lists with kind ``base``; ``fleet`` for
:data:`FLEET_PORTS`, the Russian Pacific Fleet's home port (Vladivostok); ``incident``
for every other place (incidents a source reports; most are ``approximate``:
illustrative, not reported positions).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

from pydantic import Field

from geo import data_dir
from geo.errors import DataError
from geo.data.cache import stamped
from geo.data.corpus import annotation_ids_to_check, corpus_files, load_against_corpus
from geo.data.gazetteer import Gazetteer
from geo.data.names import place_name
from geo.data.loading import load_model
from geo.data.schema import ById, StableId, Strict, TText
from geo.i18n import N_, translator
from geo.references import Reference

PLACES_FILE = "places.yaml"


def places_path() -> Path:
    """``places.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / PLACES_FILE


US_BASES: tuple[str, ...] = ("kadena", "futenma", "yokosuka", "misawa")
FLEET_PORTS: tuple[str, ...] = ("vladivostok",)
KINDS = ("base", "fleet", "incident")
Kind = Literal["base", "fleet", "incident"]
Precision = Literal["site", "approximate"]

# Labels of places the gazetteer does not list (its English name otherwise).
LABELS: dict[str, str] = {
    "yokosuka": N_("US Fleet Activities Yokosuka"),
    "misawa": N_("Misawa Air Base"),
    "tu95-off-hokkaido": N_("Russian Tu-95 tracked off Hokkaido"),
    "intel-ship-noto": N_("Russian intelligence ship near the Noto Peninsula"),
    "intel-ship-tsushima": N_("Russian intelligence ship in the Tsushima Strait"),
    "intel-ship-miyakojima": N_("Russian intelligence ship near Miyakojima"),
}


class Place(Strict):
    id: StableId
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    ref: StableId
    precision: Precision
    note: TText
    annotations: list[str] = []

    @property
    def lonlat(self) -> tuple[float, float]:
        return (self.lon, self.lat)


class PlacesFile(Strict):
    references: dict[StableId, Reference] = {}
    places: list[Place] = Field(min_length=1)


@dataclass(frozen=True)
class Places(ById):
    path: str
    references: dict[str, Reference]
    items: tuple[Place, ...]
    kinds: dict[str, str]  # place id -> base / fleet / incident
    labels: dict[str, str]  # place id -> English label

    kind = "place"

    def of_kind(self, kind: str) -> list[Place]:
        return [p for p in self.items if self.kinds[p.id] == kind]


def kind_of(pid: str, gazetteer: Gazetteer | None = None) -> str:
    """base / fleet / incident (see the module docstring)."""
    if pid in US_BASES:
        return "base"
    if pid in FLEET_PORTS:
        return "fleet"
    if gazetteer is not None and pid in gazetteer and gazetteer.get(pid).kind == "base":
        return "base"
    return "incident"


def label_in(pid: str, gazetteer: Gazetteer | None = None, lang: str = "en",
             names: str | None = None, default: str | None = None) -> str:
    """A place's label for a reader of ``lang``: its own label (:data:`LABELS`)
    translated, or the gazetteer's feature named in the convention ``names``
    (geo.data.names.place_name; its English label without one); else ``default``, or
    its id in words."""
    if pid in LABELS:
        return translator(lang)(LABELS[pid])
    if gazetteer is not None and pid in gazetteer:
        return place_name(gazetteer.get(pid), names, lang)
    return default if default is not None else pid.replace("-", " ").capitalize()


def _label(pid: str, gazetteer: Gazetteer | None) -> str:
    return label_in(pid, gazetteer)


def load_places(path: Path | None = None, *, gazetteer: Gazetteer | None = None,
                annotation_ids: Iterable[str] | None = None,
                check_annotations: bool = True) -> Places:
    """Load and validate ``data/places.yaml``.

    Checks the schema (coordinates in range, precision ``site`` or
    ``approximate``, stable unique ids), that every ``ref`` is a key of
    ``references`` and every annotation id exists (the shipped corpus unless
    ``annotation_ids`` is given; not checked if ``check_annotations`` is
    false). ``path`` defaults to :func:`places_path` (resolved at each call).
    """
    path = Path(path) if path is not None else places_path()
    parsed, doc = load_model(path, PlacesFile, ("references", "places"))
    refs = dict(parsed.references)
    known_anns = annotation_ids_to_check(check_annotations, annotation_ids)
    items: list[Place] = []
    seen: set[str] = set()
    for place in parsed.places:
        if place.id in seen:
            raise DataError(path, "duplicate id", item=place.id, field="id")
        seen.add(place.id)
        if place.ref not in refs:
            raise DataError(path, f"unknown reference '{place.ref}' (not in references)",
                            item=place.id, field="ref")
        for j, ann in enumerate(place.annotations):
            if known_anns is not None and ann not in known_anns:
                raise DataError(path, f"unknown annotation '{ann}'", item=place.id,
                                field=f"annotations.{j}")
        items.append(place)
    missing = [b for b in US_BASES if b not in seen]
    if missing:
        raise DataError(path, f"US base(s) missing: {', '.join(missing)}", field="places")
    return Places(path=str(path), references=refs, items=tuple(items),
                  kinds={p.id: kind_of(p.id, gazetteer) for p in items},
                  labels={p.id: _label(p.id, gazetteer) for p in items})


@stamped(lambda: (places_path(), *corpus_files()), maxsize=4)
def default_places() -> Places:
    """The places of the data folder, read again only once places.yaml or one of
    :func:`geo.data.corpus.corpus_files` changes (:func:`geo.data.cache.stamped`). A
    broken annotation corpus does not stop them from loading: the cited annotation ids
    are then not checked."""
    return load_against_corpus(load_places, places_path())
