"""The interface's languages: English (the source language), Japanese and Russian.

A :class:`Translator` is one language's messages (a gettext catalogue compiled by Babel,
``geo/i18n/locale/<lang>/LC_MESSAGES/messages.mo``) and its number and date formats
(Babel's CLDR data). It is read-only, so one per language serves every session of a
server at once: :func:`translator` gives it, and code that writes text takes the
language as an argument (``lang="ja"``) and asks for it. There is no process-wide
"current language": one server answers readers of every language in the same moment.

Messages are written in code as ``_ = translator(lang)``, then ``_("Place names")``,
``_("Area: {area} km²", area=_.num(a, 1))`` (the placeholders filled after the
translation, by name), ``_.ngettext("{n} island", "{n} islands", n)`` and
``_.pgettext("holder", "Japan")``; a constant's text is marked ``N_("…")`` and
translated where it is shown. ``python -m geo.i18n`` extracts them, updates the
catalogues and compiles them (see :mod:`geo.i18n.catalogues`).

Texts of the data files carry their own translations (``title: {en: …, ja: …, ru: …}``):
:class:`Text` is such a text, and :meth:`Text.in_` gives it in a language, or the
English with a visible marker where a translation is missing.
"""
from __future__ import annotations

import datetime as _dt
import gettext
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.support import Translations

LANGS = ("en", "ja", "ru")
DEFAULT = "en"  # the source language: msgids are English
LABELS = {"en": "English", "ja": "日本語", "ru": "Русский"}  # each in its own language
# The names convention a reader of each language starts with (still switchable): the
# app's sidebar (ui.keys) and the static explorer (geo.export.atlas).
NAMES_BY_LANG = {"en": "both", "ja": "ja", "ru": "ru"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a constant's text as a message (extracted), translated where it is used:
    ``LABELS = {"ja": N_("Japanese names")}``, then ``_(LABELS[code])``."""
    return message


class CatalogueError(RuntimeError):
    """A language's compiled catalogue is missing or unreadable."""


class Translator:
    """One language's messages and formats (read-only: shared by every session)."""

    def __init__(self, lang: str, messages: gettext.NullTranslations):
        self.lang = lang
        self.locale = Locale.parse(lang)
        self._t = messages

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"

    def __call__(self, message: str, **values) -> str:
        """The message in this language; ``values`` fill its ``{name}`` placeholders."""
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    gettext = __call__

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        """The singular or plural form for ``n`` (this language's plural rule);
        ``{n}`` is ``n`` formatted for the language."""
        return self._t.ngettext(singular, plural, n).format(n=self.num(n), **values)

    def pgettext(self, context: str, message: str, **values) -> str:
        """A message whose translation depends on where it is used (``context``)."""
        text = self._t.pgettext(context, message)
        return text.format(**values) if values else text

    def num(self, value: float | int, digits: int = 0) -> str:
        """A number with this language's separators: 12,345.7 / 12 345,7. Rounded as
        Python rounds (``f"{value:,.1f}"``) in every language, so that a figure is the
        same figure in all three; only the separators are the locale's (CLDR)."""
        text = f"{value:,.{digits}f}"
        if self.lang == DEFAULT:
            return text
        symbols = self.locale.number_symbols["latn"]
        return (text.replace(",", "\0").replace(".", symbols["decimal"])
                .replace("\0", symbols["group"]))

    @property
    def decimal(self) -> str:
        """The decimal separator: ``.`` / ``,``."""
        return "." if self.lang == DEFAULT else self.locale.number_symbols["latn"]["decimal"]

    def date(self, value: str | _dt.date) -> str:
        """A date of the data (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or a date) as this
        language writes it; English keeps the data's ISO form (1945-09-02), which the
        sources and the URL use too."""
        text = value.isoformat() if isinstance(value, _dt.date) else str(value)
        if self.lang == DEFAULT:
            return text
        parts = text.split("-")
        try:
            numbers = [int(p) for p in parts]
            day = _dt.date(numbers[0], *(numbers[1:] + [1] * (3 - len(numbers))))
        except (ValueError, TypeError):
            return text  # not a date of the data's forms: shown as written
        if len(parts) == 3:
            return format_date(day, "long", locale=self.locale)
        return format_skeleton("yMMMM" if len(parts) == 2 else "y", day, locale=self.locale)


@lru_cache(maxsize=None)
def translator(lang: str = DEFAULT) -> Translator:
    """The translator of ``lang`` (one of :data:`LANGS`), loaded once."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGS)}")
    if lang == DEFAULT:
        return Translator(lang, gettext.NullTranslations())
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as fp:
            messages = Translations(fp, domain=DOMAIN)
    except (OSError, ValueError) as exc:  # Translations.load would silently give none
        raise CatalogueError(f"{path}: cannot read the {LABELS[lang]} catalogue ({exc}); "
                             "run `python -m geo.i18n` to compile it") from exc
    return Translator(lang, messages)


def resolve(param: str | None = None, locale: str | None = None) -> str:
    """The session's language: the URL's ``?lang=`` if it is one of :data:`LANGS`, else
    the browser's locale (``ja-JP`` → ``ja``), else English."""
    for value in (param, locale):
        code = (value or "").strip().replace("_", "-").split("-")[0].lower()
        if code in LANGS:
            return code
    return DEFAULT


def browser_lang(locale: str | None) -> str:
    """The language the browser's locale alone gives (English if none of ours)."""
    return resolve(None, locale)


class Text(str):
    """A text of the data files with its translations. As a ``str`` it is the English
    (the source text: what every English view, export and test shows); :meth:`in_` is
    the text for a reader of another language."""

    def __new__(cls, en: str, translations: Mapping[str, str] | None = None):
        self = super().__new__(cls, en)
        self.translations = dict(translations or {})
        return self

    def __reduce__(self):
        return (Text, (str(self), self.translations))

    def has(self, lang: str) -> bool:
        return lang == DEFAULT or bool(self.translations.get(lang))

    def in_(self, lang: str) -> str:
        """The text in ``lang``; missing, the English marked as such (never a blank)."""
        if lang == DEFAULT:
            return str(self)
        text = self.translations.get(lang)
        if text:
            return text
        return translator(lang)("{text} [not yet translated]", text=str(self))


def text_in(value, lang: str) -> str:
    """A data text (:class:`Text`, or a plain str: the same in every language) in ``lang``."""
    return value.in_(lang) if isinstance(value, Text) else ("" if value is None else str(value))


def as_text(value) -> Text:
    """A data file's text field: a string (English, no translation yet) or a mapping
    ``{en: …, ja: …, ru: …}`` (``en`` required). Raises ValueError naming what is wrong."""
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(value)
    if not isinstance(value, Mapping):
        raise ValueError(f"a text or a mapping of languages ({', '.join(LANGS)}) expected, "
                         f"not {type(value).__name__}")
    unknown = [k for k in value if k not in LANGS]
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r}; known: {', '.join(LANGS)}")
    for k, v in value.items():
        if not isinstance(v, str) or not v.strip():
            raise ValueError(f"the {k!r} text must be a non-blank string")
    if DEFAULT not in value:
        raise ValueError("the English text ('en') is required: it is the source text")
    return Text(value[DEFAULT], {k: v for k, v in value.items() if k != DEFAULT})
