"""The shape of geo/: small modules, an import graph without cycles, imports at the top
of each module (so that the graph can be read from the headers), and no streamlit.

Read from the source with ast, never by importing it."""
from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from geo import PROJECT_ROOT

GEO = PROJECT_ROOT / "geo"
MAX_LINES = 400


# Function-level imports that are deliberate: (module, function) -> the names imported.
ALLOWED_FUNCTION_IMPORTS = {
    # GDAL through geopandas/pyogrio is heavy (about a second) and only the build reads
    # the source: importing geo.build (its tests, `--help`) must not load it.
    ("geo/build/source.py", "read_raw"): {"geopandas", "pyogrio"},
}


def _modules() -> list[Path]:
    return sorted(GEO.rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT).as_posix()


def _name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = _modules()
OWN = MODULES


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("path", OWN, ids=_rel)
def test_module_is_at_most_400_lines(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{_rel(path)} has {n} lines (at most {MAX_LINES}): split it by concern"


def _module_level_imports(path: Path, known: set[str]) -> set[str]:
    """The geo modules ``path`` imports at module level (including under ``if``), with
    ``from pkg import submodule`` counted as importing the submodule."""
    this = _name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    out: set[str] = set()
    nodes = list(_tree(path).body)
    while nodes:
        node = nodes.pop()
        if isinstance(node, (ast.If, ast.Try)):
            nodes += node.body + node.orelse + getattr(node, "finalbody", [])
            nodes += [n for h in getattr(node, "handlers", []) for n in h.body]
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in out if m in known and m != this}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_import_graph_has_no_cycle():
    known = {_name(p) for p in MODULES}
    graph = {_name(p): _module_level_imports(p, known) for p in MODULES}
    assert graph["geo.analysis.compare"] >= {"geo.analysis.median_line", "geo.analysis.okhotsk"}
    cycles = _cycles(graph)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def _function_imports(path: Path) -> list[tuple[str, int, set[str]]]:
    out = []
    for fn in ast.walk(_tree(path)):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import):
                    out.append((fn.name, node.lineno, {a.name for a in node.names}))
                elif isinstance(node, ast.ImportFrom):
                    out.append((fn.name, node.lineno, {node.module or "."}))
    return out


@pytest.mark.parametrize("path", OWN, ids=_rel)
def test_no_function_level_imports(path):
    bad = [f"{_rel(path)}:{line} in {fn}(): import {', '.join(sorted(names))}"
           for fn, line, names in _function_imports(path)
           if not names <= ALLOWED_FUNCTION_IMPORTS.get((_rel(path), fn), set())]
    assert not bad, ("imports belong at the top of the module (a cycle to dodge is a "
                     "module in the wrong place): " + "; ".join(bad))


def test_allowed_function_imports_are_still_there():
    # an entry that no longer matches anything must be removed (keeps the list minimal)
    for (rel, fn), names in ALLOWED_FUNCTION_IMPORTS.items():
        found = {n for f, _, ns in _function_imports(PROJECT_ROOT / rel) if f == fn for n in ns}
        assert names <= found, f"{rel}:{fn}() no longer imports {sorted(names - found)}"


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_geo_never_imports_streamlit(path):
    for node in ast.walk(_tree(path)):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        for name in names:
            assert name.split(".")[0] not in {"streamlit", "streamlit_folium"}, (
                f"{_rel(path)}:{node.lineno} imports {name}: geo/ is the domain, the UI is ui/ "
                "and pages/")


def test_streamlit_does_not_collect_garbage_after_every_run():
    """A full collection after each run cost about 70 ms of a rerun's 120 ms
    (benchmarks/profile_server.py; README, Speed): the app's config turns it off."""
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
