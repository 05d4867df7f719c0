"""Errors raised for bad input: each names the file and the field or feature."""
from __future__ import annotations

from pathlib import Path


MAX_MESSAGE = 600  # characters of an error's detail
MAX_ID = 80  # characters of the record id it names


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
            shown = item if len(item) <= MAX_ID else item[: MAX_ID - 1] + "\u2026"
            where += f", id '{shown}'"
        if field is not None:
            shown = field if len(field) <= 2 * MAX_ID else field[: 2 * MAX_ID - 1] + "\u2026"
            where += f", field '{shown}'"
        super().__init__(f"{where}: {message}")


class BuildError(DataError):
    """The layer build cannot go on (bad source data, gazetteer or anchors)."""
