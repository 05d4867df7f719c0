"""The data files' texts in every language of the interface.

Every data file is loaded through the project's own loader, and every loaded record is
walked (pydantic models, dataclasses, lists and mappings) for the texts that carry
translations (:class:`geo.i18n.Text`, the TText / TName / TTitle fields of
geo.data.schema). A missing translation is a clear error naming the file, the record and
the field; a translation must keep the English's ``{placeholders}`` and must not be a
forgotten copy of the English. A text not yet translated is shown as the English with a
visible marker, never as a blank.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping

import pytest
from pydantic import BaseModel

from geo.errors import DataError
from geo.i18n import LANGS, DEFAULT, Text, text_in

TRANSLATED = tuple(lang for lang in LANGS if lang != DEFAULT)  # ja, ru
FEW_WORDS = 3  # a text of more words than this is prose: its translation is never a copy
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _scenarios():
    from geo.views.present import load_scenarios
    return load_scenarios()


def _viewpoints():
    from geo.views.viewpoints import load_viewpoints
    return load_viewpoints()


def _places():
    from geo.data.places import load_places
    return load_places()


def _corpus():  # data/sources.yaml and data/annotations.yaml (quotes: never translated)
    from geo.data.corpus import load_corpus
    corpus = load_corpus()  # its attribution is attribution.yaml's, walked there
    return {"sources": corpus.sources, "annotations": corpus.annotations}


def _gazetteer():
    from geo.data.gazetteer import load_gazetteer
    return load_gazetteer()


def _attribution():
    from geo.data.attribution import load_attribution
    return load_attribution()


def _references():
    from geo import data_dir
    from geo.data.references import load_shared_references
    return load_shared_references(data_dir() / "references.yaml")


def _provenance():
    from geo.data.provenance import load_provenance
    return load_provenance()


def _events():
    from geo.data.events import load_events
    return load_events()


# file(s) -> loader; events last (another part of the work translates it).
LOADERS: dict[str, Callable[[], object]] = {
    "scenarios.yaml": _scenarios,
    "viewpoints.yaml": _viewpoints,
    "places.yaml": _places,
    "sources.yaml, annotations.yaml": _corpus,
    "gazetteer.yaml": _gazetteer,
    "attribution.yaml": _attribution,
    "references.yaml": _references,
    "provenance.yaml": _provenance,
    "events.yaml": _events,
}


def walk(obj: object, path: str = "", record: str = "", seen: set[int] | None = None
         ) -> Iterator[tuple[str, str, Text]]:
    """(record id, field path, text) for every :class:`Text` reachable from ``obj``.

    The record id is that of the nearest enclosing record with an ``id`` (or the key
    it is filed under in a mapping); the path names the fields from the loaded object
    down, e.g. ``items[today].description``."""
    seen = set() if seen is None else seen
    if isinstance(obj, Text):
        yield record or "-", path, obj
        return
    if isinstance(obj, (str, bytes, int, float, bool)) or obj is None:
        return
    if id(obj) in seen:
        return
    seen.add(id(obj))
    rid = getattr(obj, "id", None)
    if isinstance(rid, str) and not isinstance(obj, type):
        record = rid
    if isinstance(obj, BaseModel):
        names = list(type(obj).model_fields)
        extra = obj.model_extra or {}
        for name in names:
            yield from walk(getattr(obj, name), _join(path, name), record, seen)
        for name, value in extra.items():
            yield from walk(value, _join(path, name), record, seen)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from walk(getattr(obj, f.name), _join(path, f.name), record, seen)
    elif isinstance(obj, Mapping):
        for key, value in obj.items():
            key_s = str(key)
            inner = getattr(value, "id", None)
            yield from walk(value, f"{path}[{key_s}]",
                            inner if isinstance(inner, str) else key_s, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for i, value in enumerate(obj):
            inner = getattr(value, "id", None)
            yield from walk(value, f"{path}[{inner if isinstance(inner, str) else i}]",
                            record, seen)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _texts(name: str) -> list[tuple[str, str, Text]]:
    return list(walk(LOADERS[name]()))


@pytest.mark.parametrize("name", list(LOADERS))
def test_every_data_text_is_translated(name):
    """Each text with translations has a non-blank 'ja' and 'ru': a missing one is an
    error naming the file, the record and the field."""
    missing = [f"{name}: record {rid!r}, field {path}: no {lang!r} translation "
               f"(English: {str(text)[:60]!r})"
               for rid, path, text in _texts(name) for lang in TRANSLATED
               if not (text.translations.get(lang) or "").strip()]
    assert not missing, (f"{len(missing)} missing translation(s):\n" + "\n".join(missing))


@pytest.mark.parametrize("name", list(LOADERS))
def test_translations_keep_placeholders_and_are_not_copies(name):
    wrong = []
    for rid, path, text in _texts(name):
        en = str(text)
        want = sorted(PLACEHOLDER.findall(en))
        for lang, tr in text.translations.items():
            where = f"{name}: record {rid!r}, field {path}, {lang!r}"
            if sorted(PLACEHOLDER.findall(tr)) != want:
                wrong.append(f"{where}: placeholders {sorted(PLACEHOLDER.findall(tr))} "
                             f"differ from the English's {want}")
            if len(en.split()) > FEW_WORDS and tr.strip() == en.strip():
                wrong.append(f"{where}: the translation is the English, copied")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", ["scenarios.yaml", "viewpoints.yaml", "places.yaml",
                                  "sources.yaml, annotations.yaml", "gazetteer.yaml"])
def test_the_shown_prose_of_these_files_has_translations(name):
    """The walk finds the texts: a field's type left as plain text (no translations
    possible) would make the completeness test pass on nothing."""
    assert _texts(name), f"{name}: no translatable text found"


def test_the_translated_fields_of_the_views_and_sources():
    fields = {(rid, path.rsplit(".", 1)[-1]) for rid, path, _ in _texts("scenarios.yaml")}
    for sid in ("today", "joint-1956", "four-islands"):
        assert {(sid, "title"), (sid, "short_title"), (sid, "description")} <= fields
    fields = {(rid, path.rsplit(".", 1)[-1]) for rid, path, _ in _texts("viewpoints.yaml")}
    for vid in ("pov-japan-maps", "pov-russia-maps", "pov-de-facto"):
        assert {(vid, "title"), (vid, "short_title"), (vid, "description")} <= fields
    for src in _corpus()["sources"].values():
        assert isinstance(src.kind, Text)
        for f in ("date_note", "note"):
            value = getattr(src, f)
            assert isinstance(value, Text) or value == "", (src.id, f)


def test_quotes_are_never_translated():
    """A quote's text stays verbatim in its document's language: no annotation's quote is
    a text with translations."""
    for ann in _corpus()["annotations"]:
        assert not isinstance(ann.quote, Text) or not ann.quote.translations, ann.id


def test_the_english_is_the_text_itself():
    """As a str a translated text is its English, so every English view is unchanged."""
    sc = _scenarios().get("today")
    assert str(sc.title) == "Today: administered by Russia, claimed by Japan"
    assert sc.title == "Today: administered by Russia, claimed by Japan"
    assert text_in(sc.title, "en") == sc.title
    assert text_in(sc.title, "ja") == sc.title.translations["ja"] != sc.title
    assert text_in(sc.title, "ru") == sc.title.translations["ru"] != sc.title


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_missing_translation_falls_back_to_the_english_marked(lang):
    en = "Soviet forces took the four islands in 1945."
    for text in (Text(en), Text(en, {other: "x" for other in TRANSLATED if other != lang})):
        shown = text.in_(lang)
        assert shown.strip(), "a missing translation must never show as a blank"
        assert en in shown, "a missing translation shows the English"
        assert shown != en, "the English shown in its place is marked as not translated"
        assert text_in(text, lang) == shown
    assert Text(en).in_(DEFAULT) == en
    # A plain str (a field without translations) is the same in every language.
    assert text_in(en, lang) == en
    assert text_in(None, lang) == ""


SCENARIO = """\
scenarios:
- id: today
  title: {title}
  short_title: "Today"
  description: "The situation on the ground."
  islands:
    etorofu: {{holder: RUS, disputed: true}}
    kunashiri: {{holder: RUS, disputed: true}}
    shikotan: {{holder: RUS, disputed: true}}
    habomai: {{holder: RUS, disputed: true}}
  sources: [some-annotation]
"""


def _write_scenarios(tmp_path, title: str):
    p = tmp_path / "scenarios.yaml"
    p.write_text(SCENARIO.format(title=title), encoding="utf-8")
    return p


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_data_file_without_a_translation_shows_the_english_marked(tmp_path, lang):
    from geo.views.present import load_scenarios
    p = _write_scenarios(tmp_path, '{en: "Today: administered by Russia", ja: "現在"}')
    sc = load_scenarios(p, check_annotations=False).get("today")
    assert sc.title == "Today: administered by Russia"
    assert sc.title.in_("ja") == "現在"
    for text in (sc.description, sc.short_title) + ((sc.title,) if lang == "ru" else ()):
        shown = text_in(text, lang)
        assert shown.strip() and str(text) in shown and shown != str(text), (lang, shown)


@pytest.mark.parametrize("title, reason", [
    ('{ja: "現在", ru: "Сегодня"}', "the English text ('en') is required"),
    ('{en: "Today", ja: "  "}', "must be a non-blank string"),
    ('{en: "Today", de: "Heute"}', "unknown language 'de'"),
])
def test_a_malformed_translation_is_a_data_error_naming_the_field(tmp_path, title, reason):
    from geo.views.present import load_scenarios
    p = _write_scenarios(tmp_path, title)
    with pytest.raises(DataError) as exc:
        load_scenarios(p, check_annotations=False)
    message = str(exc.value)
    assert "scenarios.yaml" in message and "today" in message and "title" in message, message
    assert reason in message, message


def test_the_walk_names_the_record_and_the_field():
    class Inner(BaseModel):
        id: str
        note: object

    class Outer(BaseModel):
        items: list[Inner]
        by_key: dict[str, object]

    t1, t2 = Text("a b c d e"), Text("f", {"ja": "g", "ru": "h"})
    found = list(walk(Outer(items=[Inner(id="x", note=t1)], by_key={"k": t2})))
    assert found == [("x", "items[x].note", t1), ("k", "by_key[k]", t2)]
