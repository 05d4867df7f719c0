"""Building blocks shared by the pydantic schemas of the data files.

Stable ids, non-blank text, and dates written as YYYY, YYYY-MM or
YYYY-MM-DD that must be real calendar dates (an unquoted YAML year, read as
an int, is accepted as text).
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Strict(BaseModel):
    """Unknown fields are errors; loaded records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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

    def _unknown(self, item_id: str) -> Exception:
        return KeyError(f"unknown id '{item_id}'")


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
    m = DATE_RE.match(value.strip())
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


def _non_blank(v: str) -> str:
    if not v.strip():
        raise ValueError("must not be empty")
    return v


def _stable_id(v: str) -> str:
    if not ID_RE.match(v):
        raise ValueError(f"'{v}' is not a stable id (lowercase letters, digits, '-')")
    return v


Text = Annotated[str, AfterValidator(_non_blank)]
StableId = Annotated[str, AfterValidator(_stable_id)]
DateText = Annotated[str, BeforeValidator(_int_to_str), AfterValidator(check_date)]
