"""Errors raised for bad input: each names the file and the field or feature."""
from __future__ import annotations

from pathlib import Path


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
        self.detail = message
        where = self.path
        if item is not None:
            where += f", id '{item}'"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")


class BuildError(DataError):
    """The layer build cannot go on (bad source data, gazetteer or anchors)."""
