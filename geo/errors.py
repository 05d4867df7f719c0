"""Errors raised for bad input: a data file (:class:`DataError`, naming the file, the
record and the field) or an id that names nothing (:class:`UnknownIdError`)."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from geo.i18n import DEFAULT as DEFAULT_LANG, translator


MAX_MESSAGE = 600  # characters of an error's detail
MAX_ID = 80  # characters of the record id it names


def _shown(text: str, limit: int) -> str:
    """An id or field name as an error shows it: control characters made visible
    (a trailing newline as \\n), cut to ``limit`` characters."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class DataError(ValueError):
    """A data file is missing, malformed or inconsistent.

    ``path`` is the file, ``item`` the feature/annotation id (if any) and
    ``field`` the field (if any); the message always names them.
    """

    def __init__(self, path: str | Path, message: str, *, item: str | None = None,
                 field: str | None = None):
        self.path = str(path)
        self.item = item
        self.field = field
        if len(message) > MAX_MESSAGE:  # an error never carries a megabyte of data
            message = message[: MAX_MESSAGE - 1] + "\u2026"
        self.detail = message
        where = self.path
        if item is not None:
            where += f", id '{_shown(item, MAX_ID)}'"
        if field is not None:
            where += f", field '{_shown(field, 2 * MAX_ID)}'"
        super().__init__(f"{where}: {message}")

    def in_language(self, lang: str) -> str:
        """The message for a reader of ``lang``: the words around the file, the record and
        the field translated; the detail (a loader's or pydantic's reason) as written, in
        English, like the file and field names it quotes."""
        if lang == DEFAULT_LANG:
            return str(self)
        _ = translator(lang)
        where = self.path
        if self.item is not None:
            where = _("{where}, id '{item}'", where=where, item=_shown(self.item, MAX_ID))
        if self.field is not None:
            where = _("{where}, field '{field}'", where=where,
                      field=_shown(self.field, 2 * MAX_ID))
        return _("{where}: {detail} (in English)", where=where, detail=self.detail)


class BuildError(DataError):
    """The layer build cannot go on (bad source data, gazetteer or anchors)."""


class UnknownIdError(KeyError):
    """An id that names nothing of its kind: a feature, a scenario or view, an event, a
    source. ``kind``, ``id`` and ``known`` say which; the message lists the known ids if
    there are few, else the closest ones. The one error every ``get`` raises (a KeyError,
    so ``except KeyError`` still catches it); the command lines answer it with exit 2."""

    LIST_AT_MOST = 12  # known ids listed in full up to this many

    def __init__(self, kind: str, item_id: object, known: Iterable[object] = ()):
        self.kind = kind
        self.id = str(item_id)
        self.known = [str(k) for k in known]
        super().__init__(self.id)

    def __str__(self) -> str:
        shown = _shown(self.id, MAX_ID)
        if not self.known:
            return f"unknown {self.kind} '{shown}'"
        if len(self.known) <= self.LIST_AT_MOST:
            return f"unknown {self.kind} '{shown}' (known: {', '.join(self.known)})"
        close = difflib.get_close_matches(self.id, self.known, n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        return f"unknown {self.kind} '{shown}'{hint}"

