"""Who speaks for whom: the one published rule by which statements are filed.

``data/attribution.yaml`` holds the rule (shown on the About page: a statement is filed
under the party whose position it expresses, decided by who made it, never by what it
says), the parties (:data:`PARTIES`), the speakers, the outlets and the references their
facts cite; what each section holds is docs/method/attribution.md.
:func:`load_attribution` validates it; every error is a :class:`~geo.errors.DataError`
naming the file, the record and the field.
"""
from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, ValidationError

from geo import data_dir, resolved
from geo.data.cache import stamped
from geo.errors import DataError
from geo.data.loading import expect_mapping, load_yaml, validation_error
from geo.data.schema import Cited, Name, StableId, Strict, TName, TText
from geo.data.references import REFERENCES_FILE, shared_references_path, with_shared
from geo.references import Reference

ATTRIBUTION_FILE = "attribution.yaml"

Party = Literal["japan", "russia", "united-states", "joint", "commentator"]
PARTIES: tuple[str, ...] = ("japan", "russia", "united-states", "joint", "commentator")
GOVERNMENTS: tuple[str, ...] = ("japan", "russia", "united-states")


def attribution_text(speaker: str, role: str) -> str:
    """Who says it, the one way every page, command line and export writes it: the speaker,
    a comma, the role, as the data gives them: 'Dmitry Peskov, Kremlin spokesman'. The role
    is not put in parentheses, as speakers and roles carry asides of their own ('This Week
    in Asia (unnamed author), author (South China Morning Post)'), which then never nest."""
    return f"{speaker}, {role}"


def attribution_path() -> Path:
    """``attribution.yaml`` in the data folder (``geo.data_dir()``, read at each call)."""
    return data_dir() / ATTRIBUTION_FILE


class PartyInfo(Strict):
    label: TName
    description: TText


class Facts(Cited):
    """An affiliation: verifiable facts, each entry citing at least one reference (a key
    of ``references``) or a source document that states them (a key of sources.yaml)."""
    affiliation: TText
    CITED_WHAT: ClassVar[str] = "an affiliation"
    DOCUMENTS_WHAT: ClassVar[str] = "source ids that state it"


class Speaker(Facts):
    parties: list[Party] = Field(min_length=1)


class Outlet(Facts):
    name: Name


class AttributionFile(Strict):
    rule: TText
    parties: dict[Party, PartyInfo]
    outlets: dict[StableId, Outlet]
    speakers: dict[Name, Speaker]
    references: dict[StableId, Reference] = {}


class Attribution(AttributionFile):
    path: str

    def party_label(self, party: str) -> str:
        return self.parties[party].label


def load_attribution(path: Path | None = None, source_ids: frozenset[str] | None = None
                     ) -> Attribution:
    """Load and validate ``attribution.yaml``: every party described, every reference an
    affiliation or a note cites present (and every document it cites a source id, when
    ``source_ids`` is given). Cached while the file is unchanged."""
    path = resolved(str(path if path is not None else attribution_path()))
    return _load(path, source_ids)


@stamped(lambda path, source_ids: (path, shared_references_path(path)))
def _load(path: Path, source_ids: frozenset[str] | None) -> Attribution:
    doc = load_yaml(path)
    raw = expect_mapping(doc, ("rule", "parties", "outlets", "speakers", "references"))
    if "path" in raw:
        raise DataError(path, "unknown field (not allowed)", field="path")
    try:
        att = Attribution.model_validate({**raw, "path": str(path)})
    except ValidationError as exc:
        raise validation_error(path, exc, doc,
                               keyed=("references", "outlets", "speakers", "parties")) from None
    att = att.model_copy(update={"references": with_shared(att.references, path, doc)})
    missing = [p for p in PARTIES if p not in att.parties]
    if missing:
        raise DataError(path, f"no description of the part{'ies' if len(missing) > 1 else 'y'} "
                              f"{', '.join(missing)}", field="parties")
    for section, entries in (("outlets", att.outlets), ("speakers", att.speakers)):
        for key, entry in entries.items():
            for j, ref in enumerate(entry.refs):
                if ref not in att.references:
                    raise DataError(path, f"unknown reference '{ref}' (not a key of "
                                          f"'references' here or in {REFERENCES_FILE}) "
                                          f"(line {doc.line([section, key])})",
                                    item=key, field=f"refs.{j}")
            for j, sid in enumerate(entry.documents):
                if source_ids is not None and sid not in source_ids:
                    raise DataError(path, f"unknown source document '{sid}' (not in "
                                          f"sources.yaml) (line {doc.line([section, key])})",
                                    item=key, field=f"documents.{j}")
    return att
