"""Errors raised for bad input: each names the file and the field or feature."""
from __future__ import annotations

from pathlib import Path


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


class BuildError(DataError):
    """The layer build cannot go on (bad source data, gazetteer or anchors)."""
