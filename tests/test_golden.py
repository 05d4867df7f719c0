"""The golden outputs (tests/golden.py): what the map, the panel's words, the cards, the
analyses, the exports and the pages produce for a grid of views × names × overlays ×
selection must equal tests/golden/*.json. A restructuring changes none of it; an
intended change is made visible by ``python3 tests/golden.py --update`` and its diff."""
from __future__ import annotations

import difflib

import pytest

from tests import golden


def _diff(family: str, want: dict[str, list[str]], got: dict[str, list[str]]) -> str:
    """The first differing cases, as a unified diff, and the cases added or removed."""
    out = []
    gone, new = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    if gone or new:
        out.append(f"cases removed: {gone[:10]}; cases added: {new[:10]}")
    for case in sorted(set(want) & set(got)):
        if want[case] != got[case]:
            out += list(difflib.unified_diff(want[case], got[case], f"golden {case}",
                                             f"now {case}", n=1, lineterm=""))[:40]
            if len(out) > 120:
                break
    return (f"{family}: output differs from tests/golden/{family}.json "
            f"(intended? run: python3 tests/golden.py --update {family})\n" + "\n".join(out))


@pytest.mark.parametrize("family", list(golden.FAMILIES))
def test_output_equals_the_golden_file(family, fresh_streamlit_caches):
    want = golden.load(family)
    got = golden.FAMILIES[family]()
    assert got == want, _diff(family, want, got)


def test_the_grid_covers_every_kind_of_view_and_overlay():
    """Not a tautology: the golden files hold each kind of view, every names convention,
    every overlay and a strait, a group and an islet as selection."""
    cases = golden.load("map")
    kinds = {c.split("|")[0].split("-")[0] for c in cases if "|" in c}
    assert {"today", "joint", "four", "hist", "pov"} <= kinds
    assert {c.split("|")[1] for c in cases if "|" in c} == set(golden.NAMES)
    assert set(golden.OVERLAYS) | {"all"} <= {c.split("|")[2] for c in cases if "|" in c}
    assert {"nemuro-strait", "habomai", "suisho"} <= {c.split("|")[3] for c in cases if "|" in c}
    assert all(len(lines) > 3 for lines in cases.values())


@pytest.fixture
def fresh_streamlit_caches():
    import streamlit as st
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()
