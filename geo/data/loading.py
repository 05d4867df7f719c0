"""Reading the data files, bounded and strict: the one plumbing every loader uses.

Files are read bounded (:mod:`geo.data.files`). :func:`load_yaml` parses YAML with a
loader that refuses what the data never needs and an attacker could use: aliases and
anchors (the "billion laughs"), tags (``!!python/...``, ``!!binary``), merge keys,
duplicate keys (YAML would keep the last silently), keys that are not text and nesting
deeper than :data:`MAX_DEPTH`; dates stay text (validated by :mod:`geo.data.schema`).
:func:`validation_error` turns a pydantic error into a :class:`~geo.errors.DataError`
naming the file, the record's id, the field and its line.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence, TypeVar

import yaml
from pydantic import ValidationError

from geo.errors import DataError
from geo.data.files import MAX_YAML_BYTES, quoted, read_text, shown_path

MAX_DEPTH = 32  # nesting of YAML collections (the data needs 6)


# --- YAML ------------------------------------------------------------------------------

class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter: see the module docstring."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{event.anchor}) are not allowed", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, f"anchors (&{event.anchor}) are not allowed", event.start_mark)
        if getattr(event, "tag", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, f"tags ({event.tag}) are not allowed", event.start_mark)
        nested = isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent))
        if nested:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            if nested:
                self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not allowed", key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {quoted(key)} is not text (quote it)",
                    key_node.start_mark)
            if key in seen:  # found by _duplicates first, with the record and field
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{quoted(key)[1:-1]}' is given twice (lines "
                                f"{seen[key]} and {line})", key_node.start_mark)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _duplicates(path, node: yaml.Node, keyed: frozenset[str], item: str | None = None,
                field: tuple = ()) -> None:
    """A key given twice in any mapping is an error naming the record (the list entry's
    id, or the key under a ``keyed`` mapping) and the field, with both lines."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                continue  # refused when constructed: keys must be text
            line = k.start_mark.line + 1
            if k.value in seen:
                name = ".".join(str(x) for x in (*field, k.value))
                raise DataError(path, f"given twice (lines {seen[k.value]} and {line})",
                                item=item, field=name)
            seen[k.value] = line
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else "?"
            if not field and item is None and key in keyed and isinstance(v, yaml.MappingNode):
                for rk, rv in v.value:
                    _duplicates(path, rv, keyed, str(getattr(rk, "value", "?")), ())
            else:
                _duplicates(path, v, keyed, item, (*field, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            rid = None
            if isinstance(child, yaml.MappingNode):
                rid = next((v.value for k, v in child.value if isinstance(k, yaml.ScalarNode)
                            and k.value == "id" and isinstance(v, yaml.ScalarNode)), None)
            if rid is not None or isinstance(child, yaml.MappingNode):
                _duplicates(path, child, keyed, rid or f"#{i + 1}", ())
            else:
                _duplicates(path, child, keyed, item, (*field, i))


_StrictLoader.yaml_implicit_resolvers = {  # dates stay text
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                              _StrictLoader.construct_mapping)


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML file: its data and its node tree (for line numbers)."""
    path: Path
    data: Any
    node: yaml.Node | None

    def line(self, loc: Sequence[object]) -> int | None:
        """The 1-based line of the value at ``loc`` (keys and list indexes), or of the
        deepest part of it that exists."""
        node, line = self.node, None
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in loc:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                        nxt = v
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    nxt = node.value[part]
            if nxt is None:
                break
            node, line = nxt, nxt.start_mark.line + 1
        return line


def parse_yaml(text: str, path: str | os.PathLike,
               keyed: Iterable[str] = ("references",)) -> YamlDoc:
    """Parse YAML text with the strict loader; errors name the file and line (and, for a
    key given twice, the record and field: see :func:`locate` for ``keyed``)."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _duplicates(path, node, frozenset(keyed))
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataError(path, f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}"
                        ) from None
    except RecursionError:
        raise DataError(path, f"not valid YAML: nested more than {MAX_DEPTH} levels deep"
                        ) from None
    finally:
        loader.dispose()
    return YamlDoc(Path(path), data, node)


def load_yaml(path: str | os.PathLike, limit: int = MAX_YAML_BYTES) -> YamlDoc:
    """A data file: bounded read (:func:`read_text`), strict YAML (:func:`parse_yaml`)."""
    return parse_yaml(read_text(path, "file", limit), shown_path(path))


def expect_mapping(doc: YamlDoc, sections: Iterable[str]) -> dict:
    """The file's top-level mapping; anything else names the sections it should have."""
    if not isinstance(doc.data, dict):
        names = ", ".join(f"'{s}'" for s in sections)
        raise DataError(doc.path, f"expected a mapping with {names}")
    return doc.data


M = TypeVar("M")


def load_model(path: Path, model: type[M], sections: Sequence[str]) -> tuple[M, YamlDoc]:
    """Read a YAML file whose top level is a mapping of ``sections`` and validate it as
    ``model`` (a pydantic model); every error a DataError naming file, record and field."""
    doc = load_yaml(path)
    expect_mapping(doc, sections)
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        raise validation_error(path, exc, doc) from None


def expect_list(doc: YamlDoc) -> list:
    if not isinstance(doc.data, list):
        raise DataError(doc.path, "expected a list of entries (each starting with '- id: ...')")
    return doc.data


# --- pydantic errors ------------------------------------------------------------------------

def error_message(err: dict) -> str:
    """A pydantic error in the words the app's errors use."""
    kind = err["type"]
    if kind == "missing":
        return "missing (required)"
    if kind == "extra_forbidden":
        return "unknown field (not allowed)"
    msg = err["msg"].removeprefix("Value error, ")
    if kind in ("literal_error", "enum") and "input" in err:
        return f"{quoted(err['input'])}: {msg}"
    return msg


def locate(data: Any, loc: Sequence[object], keyed: Iterable[str] = ("references",)
           ) -> tuple[str | None, list[object]]:
    """(record id, field path) of a pydantic error location in the raw data.

    The record is the innermost mapping in a list on the way, named by its text ``id``
    (or ``#n``, 1-based, for an entry without one), or the key under a mapping named in ``keyed``
    (``references: {gsi-2022: {...}}``); the field is what follows it.
    """
    keyed = set(keyed)
    item: str | None = None
    rest: list[object] = []
    node = data
    parts = list(loc)
    i = 0
    while i < len(parts):
        part = parts[i]
        if (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
                and isinstance(node[part], dict)):  # a record
            entry = node[part]
            rid = entry.get("id")
            item = rid if isinstance(rid, str) and rid else f"#{part + 1}"
            rest = []
            node = entry
        elif isinstance(node, list) and isinstance(part, int):  # a value in a list
            rest.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif (isinstance(node, dict) and isinstance(part, str) and part in keyed
              and i + 1 < len(parts) and isinstance(node.get(part), dict)):
            item = str(parts[i + 1])
            node = node[part].get(parts[i + 1])
            rest = []
            i += 1
        else:
            rest.append(part)
            node = node.get(part) if isinstance(node, dict) and isinstance(part, str) else None
        i += 1
    if rest and rest[-1] == "[key]":
        rest = rest[:-1]
    return item, rest


def validation_error(path: str | os.PathLike, exc: ValidationError, doc: YamlDoc | None = None,
                     *, base: Sequence[object] = (), keyed: Iterable[str] = ("references",),
                     item: str | None = None) -> DataError:
    """The first error of a validation as a DataError: file, id, field (and line).

    ``base`` is where the validated object sits in the file (e.g. ``("events", 3)``
    when one entry is validated on its own); ``item`` overrides the record id.
    """
    err = exc.errors()[0]
    loc = [*base, *err["loc"]]
    data = doc.data if doc is not None else None
    found, rest = locate(data, loc, keyed)
    field = ".".join(str(x) for x in rest) or None
    msg = error_message(err)
    line = doc.line([x for x in loc if x != "[key]"]) if doc is not None else None
    if line is not None:
        msg += f" (line {line})"
    return DataError(path, msg, item=item if item is not None else found, field=field)


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a value shared by two places twice, never as an anchor and alias (which
    :func:`load_yaml` refuses)."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump_yaml(data: Any, **kwargs) -> str:
    """YAML text that :func:`load_yaml` reads back: no aliases, Unicode kept, keys in
    their order (keyword arguments as ``yaml.dump``'s)."""
    kwargs.setdefault("allow_unicode", True)
    kwargs.setdefault("sort_keys", False)
    return yaml.dump(data, Dumper=_NoAliasDumper, **kwargs)
