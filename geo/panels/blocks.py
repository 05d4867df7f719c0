"""The blocks a panel is made of, as plain text: a labelled row, a paragraph, a caption, a
table, metrics, a legend, references, quotes and dated events; and the panels' number
formats. Every text in a block is plain text: whoever shows it escapes it (the app as
Markdown, ui.panels; the static explorer as DOM text, geo.export)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Union

from geo.i18n import DEFAULT, translator

from geo.map.style import LegendItem
from geo.panels.quote import QuoteText, listed  # noqa: F401 (listed: the panels' lists)
from geo.references import Ref


def _fixed(x: float, nd: int, lang: str) -> str:
    """``x`` with ``nd`` decimals and the language's separators (geo.i18n.Translator.num)."""
    return translator(lang).num(x, nd)


def num(x: float, *, lang: str = DEFAULT) -> str:
    """``1,234.5``; a whole number without its ``.0``."""
    return _fixed(x, 1, lang).removesuffix(translator(lang).decimal + "0")


def whole(n: int, *, lang: str = DEFAULT) -> str:
    """A count of people: ``12,345``."""
    return translator(lang).num(n)


def percent(share: float, *, lang: str = DEFAULT) -> str:
    """A share, one decimal: ``12.3%``."""
    if lang == DEFAULT:
        return f"{share:.1%}"
    _ = translator(lang)
    return _("{value}%", value=_.num(share * 100, 1))


def km(x: float | None, nd: int = 1, *, lang: str = DEFAULT) -> str:
    _ = translator(lang)
    return _("n/a") if x is None else _("{value} km", value=_fixed(x, nd, lang))


def km2(x: float | None, nd: int = 1, *, lang: str = DEFAULT) -> str:
    _ = translator(lang)
    return _("n/a") if x is None else _("{value} km²", value=_fixed(x, nd, lang))


@dataclass(frozen=True)
class Row:
    """'label: value' (the label in bold)."""
    label: str
    value: str


@dataclass(frozen=True)
class Text:
    text: str


class Heading(Text):
    """A panel's sub-heading ("What this scenario means")."""


class Para(Text):
    """A paragraph."""


class Strong(Text):
    """A paragraph in bold: the title of what follows ("Defining sources")."""


class Caption(Text):
    """A note in small print."""


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    help: str | None = None


@dataclass(frozen=True)
class Metrics:
    """Figures side by side (``columns`` of them in a row)."""
    items: tuple[Metric, ...]
    columns: int


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Legend:
    """A view's legend: its own rows (key None), then each overlay's rows (key: the
    overlay's), in the order the app lists them; :meth:`items` keeps those shown."""
    parts: tuple[tuple[str | None, tuple[LegendItem, ...]], ...]

    def items(self, overlays: Iterable[str] = ()) -> list[LegendItem]:
        on = set(overlays)
        return [it for key, items in self.parts if key is None or key in on for it in items]


@dataclass(frozen=True)
class Refs:
    """A titled list of references (each: title, publisher, date, note; linked if http)."""
    title: str
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class Quotes:
    quotes: tuple[QuoteText, ...]


@dataclass(frozen=True)
class EventText:
    """A dated event: '**span** · **title**', its summary, what changed hands, and its
    sources (quotes and references) under ``sources`` ("Sources (2 quotes, 1 reference)");
    ``empty``: what is said when it has none."""
    span: str
    title: str
    mark: str  # " ◆ shown on the map" or ""
    summary: str
    changes: str
    sources: str
    quotes: tuple[QuoteText, ...]
    refs_title: str
    refs: tuple[Ref, ...]
    empty: str


@dataclass(frozen=True)
class Events:
    events: tuple[EventText, ...]


Block = Union[Heading, Para, Strong, Caption, Metrics, Table, Legend, Refs, Quotes, Events]
