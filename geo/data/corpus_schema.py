"""The records of the corpus files: a source document (``data/sources.yaml``), an
annotation, that is a verbatim quote drawn from one (``data/annotations.yaml``), and
the editor's note beside it; plus :func:`normalise`, how quotes are compared with
their documents. Loaded and checked by :mod:`geo.data.corpus`."""
from __future__ import annotations

import re
from collections import Counter
from typing import ClassVar, Literal

from pydantic import Field, field_validator

from geo.data import schema as _schema
from geo.i18n import N_
from geo.data.schema import Cited, DateText, StableId, Strict, TNote, TText, TTitle
from geo.data.attribution import PARTIES, Party, attribution_text
from geo.data.files import quoted as _quoted

MAX_QUOTE_CHARS = 400

# The parties a statement is filed under, in display order (their labels and the rule
# that decides them are data: data/attribution.yaml, geo.data.attribution). ``side`` records
# whose position the statement expresses, never the app's own verdict.
SIDES: tuple[str, ...] = PARTIES
TOPICS: dict[str, str] = {
    "names": N_("Names"),
    "sovereignty": N_("Sovereignty"),
    "treaty": N_("Peace treaty"),
    "declaration-1956": N_("1956 Joint Declaration"),
    "security": N_("Security and US bases"),
    "straits": N_("Straits"),
    "resources": N_("Resources"),
    "economy": N_("Economy"),
    "public-opinion": N_("Public opinion"),
    "incidents": N_("Incidents"),
}
Side = Party
Topic = Literal["names", "sovereignty", "treaty", "declaration-1956", "security", "straits",
                "resources", "economy", "public-opinion", "incidents"]

# --- normalisation used to compare quotes with documents ---------------------

_TYPOGRAPHY = str.maketrans(
    {**{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"},   # “ ” „ ‟ « » ″
     **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"},               # ‘ ’ ‚ ‛ ′
     **{c: "-" for c in "\u2013\u2014\u2012\u2015\u2212"}})              # – — ‒ ― −
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as quotes are compared: whitespace runs become one space, typographic
    quote marks become straight ones and dashes become '-'. Nothing else changes."""
    return _WS.sub(" ", text.translate(_TYPOGRAPHY))


# --- schema -------------------------------------------------------------------

class Source(Strict):
    """One source document (``data/sources.yaml``). ``kind`` says what the text is (an
    opinion essay, a news analysis, a digest), as the text shows it; ``outlets`` are the
    ids of its outlets in data/attribution.yaml, where each is described by facts."""
    id: StableId
    file: str
    title: _schema.Title
    author: _schema.Name | None
    outlet: _schema.Title
    outlets: list[StableId] = Field(min_length=1)
    date: DateText
    date_note: TNote = ""
    kind: TTitle
    note: TNote = ""

    @field_validator("file")
    @classmethod
    def _plain_file_name(cls, v: str) -> str:
        plain = (v.strip() and len(v) <= 255 and "/" not in v and "\\" not in v
                 and not v.startswith(".") and all(c.isprintable() for c in v))
        if not plain:
            raise ValueError(f"{_quoted(v)} must be a plain file name inside the documents "
                             "folder (no folder, no control or NUL character)")
        return v


class EditorNote(Cited):
    """The app's own note beside a quote (a correction, a missing fact), citing references
    (keys of ``references`` in data/attribution.yaml) or, for a note on the document's own
    text, the source document. Never inside the quote marks."""
    text: TText
    CITED_WHAT: ClassVar[str] = "a note"
    REFS_WHERE: ClassVar[str] = "'references' in attribution.yaml"


class Annotation(Strict):
    """One verbatim quote (``data/annotations.yaml``), attributed and linked to features.

    ``said`` is when it was said or published, never after its document's date, and
    ``null`` when the document reports it without a date (the field must be given:
    an editor decides); ``refers_to``, optional, the date of what it is about (never
    after ``said``, or the document's date when ``said`` is null)."""
    id: StableId
    source: str
    features: list[str] = Field(max_length=100)
    quote: str
    speaker: _schema.Name
    speaker_role: TTitle
    side: Side
    topic: Topic
    said: DateText | None
    refers_to: DateText | None = None
    reported: bool
    note: EditorNote | None = None

    @field_validator("features")
    @classmethod
    def _features(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("list at least one feature id")
        dup = [f for f, n in Counter(v).items() if n > 1]
        if dup:
            raise ValueError(f"feature '{dup[0]}' is listed twice")
        return v

    @field_validator("quote")
    @classmethod
    def _quote(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the quote is empty")
        _schema.check_no_controls(v)
        if len(v) > MAX_QUOTE_CHARS:
            raise ValueError(f"the quote is {len(v)} characters long; at most "
                             f"{MAX_QUOTE_CHARS} allowed (quote less)")
        return v

    @property
    def attribution(self) -> str:
        """Who says it, e.g. 'Dmitry Peskov, Kremlin spokesman' (see attribution_text)."""
        return attribution_text(self.speaker, self.speaker_role)


