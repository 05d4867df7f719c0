"""Building blocks shared by the pydantic schemas of the data files.

Stable ids (one pattern, matched exactly, for every file and layer), bounded
non-blank text, and dates written as YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits
that must be real calendar dates (an unquoted YAML year, read as an int, is
accepted as text). Records are strict: unknown fields are errors, and types are
checked, not coerced (a number given as text, a boolean given for a number, an
infinite or NaN number are errors), see :class:`Strict`.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, ClassVar

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      PlainValidator, WrapValidator, model_validator)

from geo.errors import UnknownIdError
from geo.i18n import Text as I18nText, as_text

MAX_ID = 64
ID_RE = re.compile(r"[a-z][a-z0-9-]*", re.ASCII)  # matched whole (fullmatch), never a prefix
DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)
MAX_NAME = 200  # a place name, a speaker, a short title
MAX_TITLE = 400  # a title, a role, a reference's title
MAX_TEXT = 4000  # a description, summary or note


def is_stable_id(value: object) -> bool:
    """True for text of at most MAX_ID characters matching ID_RE exactly."""
    return (isinstance(value, str) and len(value) <= MAX_ID
            and ID_RE.fullmatch(value) is not None)


class Strict(BaseModel):
    """Unknown fields are errors; loaded records are immutable; types are checked, not
    coerced (strict mode: "12" is not a number, true is not 1), and numbers are
    finite. YAML lists are accepted where a tuple is declared (:data:`Pair`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class ById:
    """Lookup by id over ``self.items`` (records with an ``id``), in file order."""

    items: tuple

    @property
    def ids(self) -> list[str]:
        return [x.id for x in self.items]

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.ids

    def __iter__(self):
        return iter(self.items)

    def get(self, item_id: str):
        for x in self.items:
            if x.id == item_id:
                return x
        raise self._unknown(item_id)

    kind = "id"  # what an item is, for the error (UnknownIdError) of an unknown one

    def _unknown(self, item_id: str) -> Exception:
        return UnknownIdError(self.kind, item_id, self.ids)


def parse_date(value: str | int | _dt.date) -> tuple[_dt.date, _dt.date]:
    """(first day, last day) of a YYYY, YYYY-MM or YYYY-MM-DD date.

    A :class:`datetime.date` is its own start and end. Raises ValueError for a
    malformed or impossible date (e.g. ``1855-02-30``).
    """
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value, value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a date")
    m = DATE_RE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"'{value}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = m.groups()
    try:
        start = _dt.date(int(y), int(mo or 1), int(d or 1))
        if d is not None:
            end = start
        elif mo is not None:
            nxt = _dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
            end = nxt - _dt.timedelta(days=1)
        else:
            end = _dt.date(start.year, 12, 31)
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a real calendar date ({exc})") from None
    return start, end


def check_date(value: str) -> str:
    """Return ``value`` if it is YYYY, YYYY-MM or YYYY-MM-DD and a real calendar date."""
    if value != value.strip():
        raise ValueError(f"'{value}' has spaces around the date")
    parse_date(value)
    return value


def _int_to_str(v: object) -> object:
    # YAML reads an unquoted year (date: 2023) as an int.
    return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_no_controls(v: str) -> str:
    """Text without control characters (tab and line break allowed): a NUL, an escape
    sequence or a backspace in a name or a quote is an error, not something to show."""
    m = _CONTROL.search(v)
    if m:
        raise ValueError(f"contains a control character (U+{ord(m.group()):04X}) at "
                         f"character {m.start()}")
    return v


def _non_blank(v: str) -> str:
    if not v.strip():
        raise ValueError("must not be empty")
    return v


def _stable_id(v: str) -> str:
    if not is_stable_id(v):
        shown = repr(v) if len(v) <= 60 else repr(v[:59]) + "\u2026"
        raise ValueError(f"{shown} is not a stable id (lowercase ASCII letters, digits and "
                         f"'-', starting with a letter, at most {MAX_ID} characters)")
    return v


def _as_tuple(v: object) -> object:
    # YAML has no tuples: a list is accepted where a fixed-length tuple is declared.
    return tuple(v) if isinstance(v, list) else v


_Plain = AfterValidator(check_no_controls)
Text = Annotated[str, Field(max_length=MAX_TEXT), _Plain, AfterValidator(_non_blank)]
Name = Annotated[str, Field(max_length=MAX_NAME), _Plain, AfterValidator(_non_blank)]
Title = Annotated[str, Field(max_length=MAX_TITLE), _Plain, AfterValidator(_non_blank)]
Note = Annotated[str, Field(max_length=MAX_TEXT), _Plain]  # may be empty
StableId = Annotated[str, AfterValidator(_stable_id)]


def _translated(limit: int):
    """A text field with its translations (:class:`geo.i18n.Text`): a string (English
    only) or ``{en: …, ja: …, ru: …}``; each text bounded, non-blank, without control
    characters."""
    def check(v: object) -> I18nText:
        text = as_text(v)
        for lang, value in (("en", str(text)), *text.translations.items()):
            where = "" if lang == "en" and not text.translations else f"the {lang!r} text "
            if len(value) > limit:
                raise ValueError(f"{where}is longer than {limit} characters")
            _non_blank(value)
            check_no_controls(value)
        return text
    return PlainValidator(check, json_schema_input_type=str | dict[str, str])


# A text shown to readers, with its translations (geo.i18n.Text; ``text_in(v, lang)``).
TText = Annotated[I18nText, _translated(MAX_TEXT)]
TName = Annotated[I18nText, _translated(MAX_NAME)]
TTitle = Annotated[I18nText, _translated(MAX_TITLE)]
# A note shown to readers, with its translations, that may be empty (then the plain ""
# it was: nothing to translate, nothing shown).
TNote = Annotated[TText, WrapValidator(lambda v, handler: v if v == "" else handler(v))]
DateText = Annotated[str, BeforeValidator(_int_to_str), AfterValidator(check_date)]
Url = Annotated[str, Field(min_length=1, max_length=MAX_TITLE), _Plain]
Pair = BeforeValidator(_as_tuple)  # Annotated[tuple[X, Y], Pair]


class Cited(Strict):
    """A statement of the app's own (an affiliation, an editor's note) that must cite
    references (``refs``: keys of data/references.yaml or a file's ``references``) or
    source documents that state it (``documents``: ids of data/sources.yaml)."""

    refs: list[StableId] = []
    documents: list[StableId] = []
    # How the error names the record and where its references are (subclasses say).
    CITED_WHAT: ClassVar[str] = "an entry"
    REFS_WHERE: ClassVar[str] = "'references'"
    DOCUMENTS_WHAT: ClassVar[str] = "source ids"

    @model_validator(mode="after")
    def _cited(self):
        if not self.refs and not self.documents:
            raise ValueError(f"{self.CITED_WHAT} needs a reference: give refs (keys of "
                             f"{self.REFS_WHERE}) or documents ({self.DOCUMENTS_WHAT})")
        return self
