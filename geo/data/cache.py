"""The one cache of geo's loaders: a result kept for as long as the files it was read
from are unchanged.

:func:`stamped` wraps a loader. Its key is the loader's arguments and the stamp
(:func:`geo.file_stamp`: resolved path, modification time in ns, size) of every file the
loader reads, named by a function of the same arguments. So a changed file is read again
at the next call, an unchanged one is not, and a data folder re-pointed by
``NT_DATA_DIR`` / ``NT_SOURCES_DIR`` is another entry (its paths resolve elsewhere).
A load that raised a :class:`~geo.errors.DataError` is remembered too, for the same
stamps: a broken file answers at once with the same error, and is read again once it
changes. Each loader keeps at most ``maxsize`` entries, the least recently used
dropped first.

:func:`snapshot` is the same key for the whole data: the stamp of every file of the
data folder and of the source documents, for caches of what is computed from all of
it (the app's Streamlit cache, ``ui/data.py``).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import wraps
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from geo import data_dir, file_stamp, sources_dir
from geo.errors import DataError

T = TypeVar("T")

MAX_ENTRIES = 8  # per loader: data folders (and arguments) remembered at once

_LOCK = threading.Lock()
_CACHES: list[OrderedDict] = []  # every loader's entries, for clear()


def stamps(paths: Iterable[str | Path]) -> tuple:
    """The stamps of ``paths`` (:func:`geo.file_stamp`), in order: a cache key."""
    return tuple(file_stamp(Path(p)) for p in paths)


def _again(exc: DataError) -> DataError:
    """A new error equal to ``exc`` (same class, file, record, field and message): raising
    the stored one again would grow its traceback at every call."""
    return type(exc)(exc.path, exc.detail, item=exc.item, field=exc.field)


def stamped(files: Callable[..., Iterable[str | Path]], maxsize: int = MAX_ENTRIES):
    """Decorator: cache a loader by its arguments and the stamps of ``files(*args)``.

    ``files`` takes the loader's arguments and names the files the loader reads (its
    defaults resolved, e.g. through :func:`geo.data_dir`); a file that does not exist is
    stamped as missing, so its appearance is a change too. The loader's arguments must
    be hashable. The decorated function has ``cache_clear()``; :func:`clear` empties
    every loader's cache.
    """
    def wrap(load: Callable[..., T]) -> Callable[..., T]:
        entries: OrderedDict = OrderedDict()  # key -> (True, result) | (False, DataError)
        with _LOCK:
            _CACHES.append(entries)

        loading: dict[tuple, threading.Lock] = {}  # key -> held while one thread loads it

        def lookup(key: tuple):
            with _LOCK:
                hit = entries.get(key)
                if hit is not None:
                    entries.move_to_end(key)
                return hit

        def answer(hit):
            ok, value = hit
            if ok:
                return value
            raise _again(value) from None  # the same files failed before

        @wraps(load)
        def cached(*args, **kwargs) -> T:
            key = (args, tuple(sorted(kwargs.items())), stamps(files(*args, **kwargs)))
            hit = lookup(key)
            if hit is not None:
                return answer(hit)
            with _LOCK:
                lock = loading.setdefault(key, threading.Lock())
            with lock:  # sessions asking at once: one reads, the others wait for it
                hit = lookup(key)
                if hit is not None:
                    return answer(hit)
                try:
                    value = load(*args, **kwargs)
                    _remember(entries, key, (True, value), maxsize)
                    return value
                except DataError as exc:
                    _remember(entries, key, (False, _again(exc)), maxsize)
                    raise
                finally:
                    with _LOCK:
                        loading.pop(key, None)

        cached.cache_clear = entries.clear
        return cached
    return wrap


def _remember(entries: OrderedDict, key: tuple, entry: tuple, maxsize: int) -> None:
    with _LOCK:
        entries[key] = entry
        entries.move_to_end(key)
        while len(entries) > maxsize:
            entries.popitem(last=False)


def clear() -> None:
    """Forget every loader's results and failures (for tests)."""
    with _LOCK:
        for entries in _CACHES:
            entries.clear()


# --- the whole data ----------------------------------------------------------------------

def _folder_stamps(folder: Path) -> tuple:
    try:
        files = sorted(p for p in folder.rglob("*") if p.is_file())
    except OSError:
        return ()
    return stamps(files)


def snapshot() -> tuple:
    """The data as it is now: the resolved data and sources folders and the stamp
    (path, mtime, size) of every file in them. Equal snapshots, same data."""
    data, sources = data_dir(), sources_dir()
    return str(data), str(sources), _folder_stamps(data), _folder_stamps(sources)
