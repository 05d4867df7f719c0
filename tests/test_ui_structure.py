"""The shape of the UI layer: pages/ holds the page scripts only, geo/ never imports
streamlit, every session key and URL parameter is one of ui/keys.py's table."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ui import keys
from ui.state import UIState, to_query

ROOT = Path(__file__).resolve().parent.parent
SESSION_METHODS = {"get", "setdefault", "pop", "__getitem__", "__contains__"}


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_pages_holds_only_the_page_scripts():
    assert sorted(p.name for p in (ROOT / "pages").iterdir()
                  if p.name != "__pycache__") == sorted(Path(p).name for p in keys.PAGES)
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    for page in keys.PAGES:  # each one routed by app.py's st.navigation
        assert f"keys.PAGE_{Path(page).stem.upper()}" in app, page


def test_geo_never_imports_streamlit():
    offenders = []
    for path in _modules("geo"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(ROOT)}:{node.lineno}" for n in names
                          if n.split(".")[0] in ("streamlit", "streamlit_folium", "ui")]
    assert offenders == []


def _is_session(node: ast.AST) -> bool:
    """``st.session_state`` or the pages' alias ``ss``."""
    return ((isinstance(node, ast.Attribute) and node.attr == "session_state")
            or (isinstance(node, ast.Name) and node.id == "ss"))


def session_literals(path: Path) -> list[tuple[int, str]]:
    """String literals used as session keys: ``ss["x"]``, ``ss.get("x")``, ``"x" in ss``,
    ``key="x"`` (a widget's key)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        lit = None
        if isinstance(node, ast.Subscript) and _is_session(node.value):
            lit = node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and _is_session(node.func.value) and node.func.attr in SESSION_METHODS
              and node.args):
            lit = node.args[0]
        elif isinstance(node, ast.Compare) and any(_is_session(c) for c in node.comparators):
            lit = node.left
        elif isinstance(node, ast.keyword) and node.arg == "key":
            lit = node.value
        if isinstance(lit, ast.Constant) and isinstance(lit.value, str):
            found.append((getattr(lit, "lineno", 0), lit.value))
    return found


def test_the_scan_finds_literal_keys(tmp_path):
    src = tmp_path / "x.py"
    src.write_text('ss["a"]\nst.session_state.get("b")\n"c" in ss\nst.toggle("t", key="d")\n'
                   'ss[keys.SCENARIO]\n', encoding="utf-8")
    assert sorted(k for _, k in session_literals(src)) == ["a", "b", "c", "d"]


def test_pages_and_ui_use_no_bare_session_key():
    bare = [f"{p.relative_to(ROOT)}:{n}: {k!r}" for folder in ("pages", "ui")
            for p in _modules(folder) if p.name != "keys.py" for n, k in session_literals(p)]
    assert bare == [], "use the constants of ui/keys.py"


@pytest.mark.parametrize("page, query", [
    ("pages/map.py", {"feature": "shikotan", "sea": "1", "okhotsk": "1", "security": "1",
                      "view": "kurils"}),
    ("pages/compare.py", {}), ("pages/timeline.py", {"date": "1905-09-05"}),
    ("pages/story.py", {"step": "1905"}),
    ("pages/sources.py", {"source": "rt-2023"}), ("pages/about.py", {"bogus": "1"}),
])
def test_every_session_key_a_run_leaves_is_declared(page, query):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page != keys.PAGE_MAP:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    used = set(at.session_state.keys())
    assert keys.SCENARIO in used and keys.INIT in used
    from ui.map_adapter import is_component_key
    assert sorted(k for k in used if not keys.declared(k) and not is_component_key(k)) == []


def test_every_parameter_to_query_writes_is_in_the_table():
    full = UIState(feature="f", scenario="s", lang="ru", names="ja", overlays=set(keys.OVERLAYS),
                   view="region", source="src", date="1905", step="1905", a="x", b="y")
    written = to_query(full)
    assert set(written) == set(keys.PARAMS)
    assert set(written) <= {k.param for k in keys.TABLE.values()}
    for page in keys.PAGES:
        assert set(to_query(full, keys.page_params(page))) == set(keys.page_params(page))


def test_the_table_declares_each_key_and_parameter_once():
    assert len({k.param for k in keys.URL_KEYS}) == len(keys.URL_KEYS)
    from geo.map import VIEWS
    from geo.map.overlays.registry import OVERLAY_KEYS
    assert keys.OVERLAYS == OVERLAY_KEYS  # one flag per overlay, generated
    assert keys.TABLE[keys.VIEW].choices == tuple(VIEWS)
    with pytest.raises(ValueError, match="declared twice"):
        keys._key(keys.SCENARIO)
    with pytest.raises(ValueError, match="unknown page"):
        keys.page_params("pages/nope.py")
