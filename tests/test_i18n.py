"""The interface's languages: the catalogues (complete, compiled, placeholders kept), the
translators (per language, read-only, locale formats), the session's language from the
URL and the browser, and the data's translated texts."""
from __future__ import annotations

import pickle
import re
import threading
from pathlib import Path

import pytest

import geo.i18n as i18n
from geo.i18n import LANGS, Text, as_text, resolve, text_in, translator
from geo.i18n.catalogues import TRANSLATED, placeholders, po_path, problems, _read
from ui import keys
from ui.state import UIState, Valid, parse_query, to_query


# --- the catalogues ------------------------------------------------------------------------

def test_every_catalogue_is_complete_compiled_and_up_to_date():
    """No message of the code untranslated in ja or ru, none unused, none fuzzy, every
    translation with the English's placeholders, every .mo compiled from its .po, the
    template extracted from today's code (python -m geo.i18n --check)."""
    found = problems()
    assert not found, f"{len(found)} problem(s), first ones:\n" + "\n".join(found[:20])


def test_the_catalogues_hold_the_interface():
    """The extracted messages are the interface's, not a handful: the pages, the
    sidebar, the card, the legend (a floor that a broken extraction would miss)."""
    cat = _read(po_path("ja"), "ja")
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}
    assert len(ids) > 200
    for msgid in ("Map", "Timeline", "Compare", "Sources", "About", "Place names"):
        assert msgid in ids


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_translation_differs_from_the_english_where_it_must(lang):
    """A translation copied from the English is a forgotten one; only short codes,
    numbers, symbols and names may be the same."""
    cat = _read(po_path(lang), lang)
    def words(text: str) -> int:  # words outside the placeholders
        return len(re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^{}]*\}", "", text)))

    same = [m.id for m in cat if m.id and isinstance(m.id, str) and m.string == m.id
            and words(m.id) > 2]
    assert not same, same[:10]


def test_plural_forms_follow_each_language():
    """Russian has three plural forms, Japanese one; every plural message has them all."""
    for lang, forms in (("ja", 1), ("ru", 3)):
        cat = _read(po_path(lang), lang)
        assert cat.num_plurals == forms
        for m in cat:
            if isinstance(m.id, tuple):
                assert len(m.string) == forms and all(m.string), (lang, m.id)


def test_placeholders_are_named_fields():
    assert placeholders("Area: {area} km² ({share:.1%})") == {"area", "share"}
    assert placeholders("{{literal}} {n}") == {"n"}


def test_a_missing_catalogue_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    translator.cache_clear()
    try:
        with pytest.raises(i18n.CatalogueError, match="messages.mo.*python -m geo.i18n"):
            translator("ja")
    finally:
        translator.cache_clear()


# --- translators -----------------------------------------------------------------------------

def test_english_is_the_source_language():
    _ = translator("en")
    assert _("Map") == "Map"
    assert _("{n} of {total}", n=1, total=2) == "1 of 2"
    assert _.ngettext("{n} island", "{n} islands", 1) == "1 island"
    assert _.ngettext("{n} island", "{n} islands", 1200) == "1,200 islands"


def test_japanese_and_russian_are_translated():
    assert translator("ja")("Map") != "Map"
    assert translator("ru")("Map") == "Карта"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        translator("fr")


def test_numbers_and_dates_follow_the_locale():
    en, ja, ru = (translator(x) for x in LANGS)
    assert (en.num(12345.67, 1), ja.num(12345.67, 1)) == ("12,345.7", "12,345.7")
    assert ru.num(12345.67, 1) == "12\u00a0345,7"  # a no-break space, a decimal comma
    assert en.date("1956-10-19") == "1956-10-19"  # English keeps the data's ISO form
    assert ja.date("1956-10-19") == "1956年10月19日"
    assert ru.date("1956-10-19") == "19 октября 1956\u202fг."  # CLDR: a narrow no-break space
    assert (ja.date("1945-09"), ru.date("1945-09")) == ("1945年9月", "сентябрь 1945\u202fг.")
    assert ja.date("1855") == "1945年".replace("1945", "1855")
    assert ru.date("not a date") == "not a date"


def test_translators_are_shared_read_only_and_never_mixed_across_threads():
    """One server serves every language at once: each thread asks for its own
    language's translator and gets it, whatever the others do meanwhile."""
    seen: dict[str, set[str]] = {lang: set() for lang in LANGS}
    barrier = threading.Barrier(len(LANGS) * 4)

    def read(lang: str) -> None:
        barrier.wait()
        for _ in range(200):
            seen[lang].add(translator(lang)("Map"))

    threads = [threading.Thread(target=read, args=(lang,)) for lang in LANGS for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["en"] == {"Map"} and seen["ru"] == {"Карта"}
    assert len(seen["ja"]) == 1 and seen["ja"] != {"Map"}
    assert translator("ru") is translator("ru")


# --- the session's language ----------------------------------------------------------------

@pytest.mark.parametrize("param, locale, want", [
    (None, None, "en"), (None, "ja-JP", "ja"), (None, "ru", "ru"), (None, "ru_RU", "ru"),
    (None, "fr-FR", "en"), ("ru", "ja-JP", "ru"), ("EN", "ru-RU", "en"), ("xx", "ja", "ja"),
])
def test_the_language_is_the_urls_else_the_browsers_else_english(param, locale, want):
    assert resolve(param, locale) == want


def test_a_url_without_lang_takes_the_browsers_language_and_its_names():
    state, notices = parse_query({}, Valid(), locale="ja-JP")
    assert (state.lang, state.names, notices) == ("ja", "ja", [])
    state, _ = parse_query({"lang": "ru"}, Valid(), locale="ja-JP")
    assert (state.lang, state.names) == ("ru", "ru")
    state, _ = parse_query({"lang": "ru", "names": "both"}, Valid())
    assert (state.lang, state.names) == ("ru", "both")
    state, _ = parse_query({}, Valid())
    assert (state.lang, state.names) == ("en", "both")


def test_a_bad_lang_is_ignored_with_a_notice():
    state, notices = parse_query({"lang": "fr"}, Valid(), locale="ru-RU")
    assert state.lang == "ru"
    assert [n.key for n in notices] == ["lang"]


def test_the_url_keeps_the_language_unless_the_browser_gives_it():
    """A deep link carries the reader's language when reloading would otherwise give
    another one; the names convention is written only when it is not the language's."""
    page = keys.page_params(keys.PAGE_MAP)
    assert to_query(UIState(lang="ja", names="ja"), page) == {"lang": "ja"}
    assert to_query(UIState(lang="ja", names="ja"), page, locale="ja-JP") == {}
    assert to_query(UIState(lang="en", names="both"), page, locale="ru-RU") == {"lang": "en"}
    assert to_query(UIState(lang="ru", names="both"), page, locale="ru") == {"names": "both"}
    for page in keys.PAGES:
        assert "lang" in keys.page_params(page)


# --- the data's texts ------------------------------------------------------------------------

def test_a_data_text_carries_its_translations():
    t = as_text({"en": "Today", "ja": "現在", "ru": "Сегодня"})
    assert (str(t), t.in_("ja"), t.in_("ru"), t.in_("en")) == ("Today", "現在", "Сегодня", "Today")
    assert pickle.loads(pickle.dumps(t)).in_("ru") == "Сегодня"  # Streamlit's cache pickles
    assert text_in("plain", "ja") == "plain"


def test_a_missing_translation_falls_back_to_the_english_visibly():
    t = as_text("Today")
    for lang in ("ja", "ru"):
        shown = t.in_(lang)
        assert shown.startswith("Today") and shown != "Today", shown
        assert shown == translator(lang)("{text} [not yet translated]", text="Today")
    assert Text("x").has("en") and not Text("x").has("ja")


@pytest.mark.parametrize("value, message", [
    ({"ja": "現在"}, "English text"), ({"en": "x", "fr": "y"}, "unknown language 'fr'"),
    ({"en": "x", "ja": " "}, "non-blank"), (3, "mapping of languages"),
])
def test_a_bad_data_text_names_what_is_wrong(value, message):
    with pytest.raises(ValueError, match=message):
        as_text(value)


# --- the method notes (the About page) ------------------------------------------------------

METHOD = Path(__file__).resolve().parent.parent / "docs" / "method"
NOTES = sorted(p.name for p in METHOD.glob("*.md") if p.name != "README.md")


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("name", NOTES)
def test_each_method_note_is_translated_with_its_structure_and_figures(name, lang):
    """docs/method/<lang>/<note>: the same headings (levels and count), code spans and
    links' targets, and every figure of the English (a translation must not change one)."""
    english = (METHOD / name).read_text(encoding="utf-8")
    path = METHOD / lang / name
    assert path.is_file(), f"{path} missing: translate {name}"
    text = path.read_text(encoding="utf-8")

    def shape(t: str):
        return ([len(h) for h in re.findall(r"^(#+) ", t, re.M)],
                sorted(" ".join(c.split()) for c in re.findall(r"`+([^`]+)`+", t)),
                sorted(re.findall(r"\]\(([^)]+)\)", t)))

    assert shape(text) == shape(english)
    figures = set(re.findall(r"\d+(?:\.\d+)?", english))
    assert figures <= set(re.findall(r"\d+(?:\.\d+)?", text)), sorted(
        figures - set(re.findall(r"\d+(?:\.\d+)?", text)))
    assert text.splitlines()[0] != english.splitlines()[0]  # the title is translated


# --- fonts -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_this_machine_has_a_font_for_each_language(lang):
    """scripts/setup.sh (scripts/fonts.sh) installs fonts with kanji and Cyrillic, so the
    browser tests' screenshots show the text, not empty boxes."""
    import subprocess
    found = subprocess.run(["fc-list", f":lang={lang}", "family"], capture_output=True,
                           text=True, check=True).stdout.strip()
    assert found, f"no font for {lang}: run bash scripts/fonts.sh"


def test_the_maps_font_stacks_name_fonts_with_kanji_and_cyrillic():
    from geo.map.style import LABEL_CSS as MAP_CSS
    atlas_css = (Path(__file__).resolve().parent.parent / "geo" / "export" / "atlas.css"
                 ).read_text(encoding="utf-8")
    for css in (MAP_CSS, atlas_css):
        assert '"Noto Sans CJK JP"' in css and '"Noto Sans"' in css


def test_a_data_error_speaks_the_readers_language_around_its_english_reason():
    from geo.errors import DataError
    exc = DataError("data/events.yaml", "must not be empty", item="treaty-shimoda-1855",
                    field="title")
    assert exc.in_language("en") == str(exc)
    ru = exc.in_language("ru")
    assert ru.startswith("data/events.yaml, id 'treaty-shimoda-1855', поле 'title'")
    assert "must not be empty" in ru and ru != str(exc)
    assert "フィールド 'title'" in exc.in_language("ja")
