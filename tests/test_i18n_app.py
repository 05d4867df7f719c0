"""Every page in each language (AppTest): no English message left where a translation
exists, the reader's names convention, the language from the URL or the browser, and
sessions in different languages side by side in one process."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import LANGS, translator
from geo.i18n.catalogues import _read, po_path
from ui import keys

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 120
MARKER = "[not yet translated]"


def run(page: str | None = None, locale: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if locale:
        at.context = {"locale": locale}
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page and page != keys.PAGE_MAP:
        at.switch_page(page).run()
    return at


def shown_texts(at: AppTest) -> list[str]:
    """What a reader sees of the page: texts, headings, labels of every widget and
    expander, metrics, notices, the tables' column names."""
    out: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning",
                 "success", "error", "text"):
        out += [str(e.value) for e in getattr(at, kind)]
    for kind in ("button", "toggle", "radio", "selectbox", "slider", "select_slider",
                 "checkbox", "text_input", "multiselect"):
        for w in getattr(at, kind):
            out.append(str(w.label))
            out.append(str(getattr(w, "help", "") or ""))
    out += [str(e.label) for e in at.expander] + [str(t.label) for t in at.tabs]
    for m in at.metric:
        out += [str(m.label), str(m.value)]
    for df in list(at.dataframe) + list(at.table):
        value = df.value
        out += [str(c) for c in getattr(value, "columns", [])]
    return [re.sub(r"\\(.)", r"\1", t) for t in out if t]


@lru_cache(maxsize=None)
def _sentences(lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(messages of at least four words, without placeholders; every message) whose
    translation differs from the English."""
    cat = _read(po_path(lang), lang)
    ids = [m.id for m in cat if isinstance(m.id, str) and m.id and m.string
           and m.string != m.id]
    long = tuple(i for i in ids if "{" not in i and len(i.split()) >= 4)
    return long, frozenset(ids)


def english_left(at: AppTest, lang: str) -> list[str]:
    """English messages shown where the reader's language has a translation."""
    long, every = _sentences(lang)
    left = []
    for text in shown_texts(at):
        if text.strip() in every:
            left.append(text.strip())
        left += [s for s in long if s in text]
    return sorted(set(left))


def no_problem(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", [x for x in LANGS if x != "en"])
@pytest.mark.parametrize("page", keys.PAGES)
def test_every_page_in_each_language(page, lang):
    query = {"lang": lang}
    if page == keys.PAGE_MAP:
        query.update(feature="kunashiri", straits="1", okhotsk="1", sea="1")
    at = run(page, **query)
    no_problem(at)
    left = english_left(at, lang)
    assert not left, f"English left on {page} in {lang}: {left[:8]}"
    shown = "\n".join(shown_texts(at))
    assert MARKER not in shown and translator(lang)("{text} [not yet translated]",
                                                   text="") .strip() not in shown
    assert at.radio(key=keys.LANG).value == lang
    if page in (keys.PAGE_MAP, keys.PAGE_ABOUT):  # the licence's credit line, as written
        assert "© OpenStreetMap contributors" in shown
    if page != keys.PAGE_ABOUT:
        assert at.radio(key=keys.NAMES).value == lang  # the reader's names by default
        assert at.radio(key=keys.NAMES).label == translator(lang)("Place names")


def test_the_browsers_locale_chooses_the_language_and_the_url_wins():
    at = run(locale="ru-RU")
    no_problem(at)
    assert at.radio(key=keys.LANG).value == "ru"
    assert at.radio(key=keys.NAMES).value == "ru"
    assert dict(at.query_params) == {}  # the browser gives it: the URL need not say it
    at = run(locale="ru-RU", lang="ja")
    assert at.radio(key=keys.LANG).value == "ja"
    assert at.query_params["lang"] == "ja"


def test_switching_the_language_keeps_the_state_and_a_chosen_names_convention():
    at = run(feature="shikotan", scenario="joint-1956")
    assert at.radio(key=keys.NAMES).value == "both"
    at.radio(key=keys.LANG).set_value("ru").run()
    no_problem(at)
    assert at.radio(key=keys.NAMES).value == "ru"  # followed the language
    assert at.query_params["lang"] == "ru" and at.query_params["scenario"] == "joint-1956"
    assert at.selectbox(key=keys.FEATURE_BOX).value == "shikotan"
    at.radio(key=keys.NAMES).set_value("ja").run()
    at.radio(key=keys.LANG).set_value("en").run()
    assert at.radio(key=keys.NAMES).value == "ja"  # chosen: it stays
    assert at.radio(key=keys.NAMES).label == "Place names"


def test_two_sessions_in_two_languages_never_see_each_others():
    """One process serves both (as one server serves every reader): interleaved runs."""
    ja, ru = run(lang="ja", feature="etorofu"), run(lang="ru", feature="etorofu")
    for _ in range(2):
        ja.selectbox(key=keys.SCENARIO).select("joint-1956").run()
        ru.selectbox(key=keys.SCENARIO).select("four-islands").run()
        assert ja.radio(key=keys.NAMES).label == translator("ja")("Place names")
        assert ru.radio(key=keys.NAMES).label == translator("ru")("Place names")
        assert not english_left(ja, "ja") and not english_left(ru, "ru")
        assert not set(shown_texts(ja)) & {translator("ru")("Place names")}
