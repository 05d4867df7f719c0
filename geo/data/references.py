"""The shared references (``data/references.yaml``): references cited from more than one
data file, each defined there once and cited elsewhere by its id.

The file sits beside the files that cite it (the events and the attribution data) and
is optional: a data folder whose files define all their own references needs none.
:func:`with_shared` gives a file's own ``references`` plus the shared ones, and refuses
an id defined in both (a :class:`~geo.errors.DataError` naming the file, the reference
id and the field). Read with the one strict YAML reader (:mod:`geo.data.loading`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from geo import resolved
from geo.data.cache import stamped
from geo.data.loading import YamlDoc, load_model
from geo.data.schema import StableId, Strict
from geo.errors import DataError
from geo.references import Reference

REFERENCES_FILE = "references.yaml"


class ReferencesFile(Strict):
    references: dict[StableId, Reference]


def shared_references_path(beside: Path) -> Path:
    """``references.yaml`` in the folder of ``beside`` (a data file that may cite it)."""
    return Path(beside).parent / REFERENCES_FILE


def load_shared_references(beside: Path) -> dict[str, Reference]:
    """The shared references beside ``beside``: empty if there is no such file."""
    return dict(_load(resolved(str(shared_references_path(beside)))))


@stamped(lambda path: (path,))
def _load(path: Path) -> tuple[tuple[str, Reference], ...]:
    if not path.exists():
        return ()
    parsed, _ = load_model(path, ReferencesFile, ("references",))
    return tuple(parsed.references.items())


def with_shared(own: Mapping[str, Reference], path: Path, doc: YamlDoc | None = None
                ) -> dict[str, Reference]:
    """A file's own references followed by the shared ones beside it; a DataError naming
    ``path``, the reference and the field ``references`` for an id defined in both."""
    shared = load_shared_references(path)
    for rid in own:
        if rid in shared:
            line = doc.line(["references", rid]) if doc is not None else None
            raise DataError(path, f"reference '{rid}' is also defined in {REFERENCES_FILE}: "
                                  "define each reference once (there, if other files cite it "
                                  "too) and cite it by its id"
                                  + (f" (line {line})" if line is not None else ""),
                            item=rid, field="references")
    return {**own, **shared}
