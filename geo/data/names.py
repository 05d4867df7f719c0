"""A feature's names under the reader's names convention: ``ja`` (romaji and kanji),
``ru`` (transliteration and Cyrillic) or ``both``. One place for every part of the app
that names a place (the map, the card, legends, tables, the timeline, Compare)."""
from __future__ import annotations

from geo.data.gazetteer import Feature
from geo.i18n import DEFAULT as DEFAULT_LANG


def name_lines(f: Feature, names: str) -> tuple[str, str]:
    """(main, secondary) name of a feature under a convention: 'ja', 'ru' or 'both'."""
    ja, ru = f.names.ja, f.names.ru
    if names == "ja":
        return ja.romaji, ja.script
    if names == "ru":
        return ru.translit, ru.script
    return f"{ja.romaji} / {ru.translit}", f"{ja.script} / {ru.script}"


def heading(f: Feature, names: str) -> str:
    """A one-line name for headings and select boxes (plain text, not HTML)."""
    main, second = name_lines(f, names)
    return f"{main} ({second})"


def place_name(f: Feature, names: str | None = None, lang: str = DEFAULT_LANG) -> str:
    """A place named in a sentence, a legend or a table: under the reader's convention
    (:func:`heading`). In English with both conventions (or none given) the gazetteer's
    English label, which already gives both sides' names where they differ."""
    if names is None or (names == "both" and lang == DEFAULT_LANG):
        return f.label_en
    return heading(f, names)
