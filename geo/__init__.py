"""Domain package of the Northern Territories / Southern Kurils explorer.

Pure Python: loading and validating data, the gazetteer, geodesic measures,
scenarios, straits and folium map building. It never imports streamlit.

``NT_DATA_DIR`` and ``NT_SOURCES_DIR`` (environment) point the package at
another data folder or another folder of source documents, for example to
run the app over a user's own copy of the data. They are read at each call
of :func:`data_dir` / :func:`sources_dir` (not once at import), so every
loader's default path follows the environment and the loaders' caches are
keyed by the resolved paths.
"""
import os
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def resolved(path: str) -> Path:
    """``Path(path).resolve()``, remembered: resolving costs a system call per part
    of the path, and the same few paths are resolved many times a run. (A symbolic
    link changed while the server runs is not followed again.)"""
    return _resolved(os.path.abspath(path))  # a relative path: against today's cwd


@lru_cache(maxsize=256)
def _resolved(absolute: str) -> Path:
    try:
        return Path(absolute).resolve()
    except (OSError, RuntimeError, ValueError):
        # a symbolic-link loop (RuntimeError before Python 3.13), a NUL byte: left as it
        # is, so that the loader reading it raises its DataError naming the file
        return Path(absolute)


def data_dir() -> Path:
    """The data folder: ``$NT_DATA_DIR`` if set, else the project's ``data/``."""
    return resolved(os.environ.get("NT_DATA_DIR") or str(PROJECT_ROOT / "data"))


def layers_dir() -> Path:
    """The layers folder, ``layers/`` inside :func:`data_dir`."""
    return data_dir() / "layers"


def sources_dir() -> Path:
    """The source documents: ``$NT_SOURCES_DIR`` if set, else ``../shared/sources``."""
    return resolved(os.environ.get("NT_SOURCES_DIR")
                    or str(PROJECT_ROOT.parent / "shared" / "sources"))


def file_stamp(path: Path) -> tuple[str, int | None, int | None]:
    """(resolved path, modification time in ns, size) of a file, for cache keys;
    (path, None, None) if it cannot be read (the loader then raises its error)."""
    p = resolved(str(path))
    try:
        st = p.stat()
    except (OSError, ValueError):
        return str(p), None, None
    return str(p), st.st_mtime_ns, st.st_size

