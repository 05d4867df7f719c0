"""Reading files, bounded and strict: :func:`read_bytes` / :func:`read_text` open a file
only if it is a regular file of bounded size (a FIFO, a device, a directory, a
symbolic-link loop or a name with a NUL byte is a clear error, never a hang), and text
must be UTF-8 without NUL characters. Used by every loader (:mod:`geo.data.loading`
for the YAML files, the layers, the source documents)."""
from __future__ import annotations

import errno
import os
import stat

from geo.errors import DataError

KIB = 1024
MIB = 1024 * KIB
MAX_YAML_BYTES = 4 * MIB  # the largest data file is ~50 KB
MAX_DOCUMENT_BYTES = 4 * MIB  # the source documents are ~15 KB
MAX_LAYER_BYTES = 64 * MIB  # the full-resolution land layer is ~1.8 MB
MAX_QUOTED = 60  # characters of a bad value quoted back in an error


def shown_path(path: str | os.PathLike) -> str:
    """A path as an error shows it: NUL and other control characters made visible."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in str(path))


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """``repr(value)``, cut to ``limit`` characters (an error never echoes a megabyte)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def read_bytes(path: str | os.PathLike, what: str = "file", limit: int = MAX_YAML_BYTES,
               *, error_path: str | os.PathLike | None = None, item: str | None = None,
               field: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Anything else raises a :class:`DataError` at once: a missing file, a directory, a
    FIFO or device (opened without blocking, so a pipe with no writer cannot hang the
    reader), a symbolic-link loop, a name containing a NUL byte, a file too large.
    The error names ``error_path`` (default: the file itself) with ``item``/``field``,
    so a document can be reported against the record that names it.
    """
    name = str(path)
    where = error_path if error_path is not None else shown_path(name)
    shown = "" if error_path is None else f": {shown_path(name)}"

    def fail(msg: str) -> DataError:
        return DataError(where, f"{what} {msg}{shown}", item=item, field=field)

    if "\x00" in name:
        raise fail("name contains a NUL byte")
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise fail("not found") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise fail("cannot be read: a loop of symbolic links") from None
        raise fail(f"cannot be read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise fail("is a directory, not a file")
        for test, kind in _KINDS:
            if test(st.st_mode):
                raise fail(f"is {kind}, not a regular file")
        if not stat.S_ISREG(st.st_mode):
            raise fail("is not a regular file")
        if st.st_size > limit:
            raise fail(f"is {st.st_size:,} bytes; at most {limit:,} allowed")
        chunks, size = [], 0
        while size <= limit:  # the file may grow while it is read
            chunk = os.read(fd, min(MIB, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise fail(f"is over {limit:,} bytes")
        return b"".join(chunks)
    except OSError as exc:
        raise fail(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def decode_text(data: bytes, path: str | os.PathLike, what: str = "file", *,
                item: str | None = None, field: str | None = None,
                shown: str = "") -> str:
    """UTF-8 text without NUL characters, else a DataError (with the offset). The error
    names ``path``; ``what`` is said when it is not the file itself ("document")."""
    own = what == "file"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = "not UTF-8 text" if own else f"{what} is not UTF-8 text"
        raise DataError(path, f"{msg} ({exc.reason} at byte {exc.start}){shown}", item=item,
                        field=field) from None
    nul = text.find("\x00")
    if nul >= 0:
        msg = "contains" if own else f"{what} contains"
        raise DataError(path, f"{msg} a NUL character (at character {nul}){shown}",
                        item=item, field=field)
    return text


def read_text(path: str | os.PathLike, what: str = "file", limit: int = MAX_YAML_BYTES
              ) -> str:
    """A bounded regular file (:func:`read_bytes`) as UTF-8 text without NUL characters."""
    return decode_text(read_bytes(path, what, limit), shown_path(path), what)
