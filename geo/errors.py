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


def read_text(path: str | Path, what: str = "file") -> str:
    """A UTF-8 text file's content; a missing, unreadable or non-UTF-8 file raises a
    DataError naming it (``what`` says what it is: "file", "document", …)."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, f"{what} not found") from None
    except IsADirectoryError:
        raise DataError(path, f"{what} is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DataError(path, f"{what} cannot be read ({exc.strerror or exc})") from None
