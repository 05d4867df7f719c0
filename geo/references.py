"""The one reference model: a cited page (title, publisher, URL, date, note), as every
data file gives it (``references`` in the gazetteer, the events, the places and the
attribution data), and as the pages and command lines show it (:class:`Ref`, one
citation format)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from pydantic import field_validator

from geo.data.schema import Strict, TNote, Title, Url, check_date
from geo.i18n import text_in, translator


class Reference(Strict):
    """A reference of a data file: what a figure, an event, a place, an affiliation or an
    editor's note rests on. ``date`` (optional) is the page's own date."""
    title: Title
    publisher: Title
    url: Url
    date: str = ""
    note: TNote = ""  # shown beside the reference: with its translations

    @field_validator("date")
    @classmethod
    def _date(cls, v: str) -> str:
        return check_date(v) if v else v

    @property
    def cite(self) -> str:
        """The one citation format: 'title, publisher[, date], url'."""
        when = f", {self.date}" if self.date else ""
        return f"{self.title}, {self.publisher}{when}, {self.url}"


def web_url(url: str) -> str | None:
    """``url`` if it is an absolute http(s) address, else None (never linked)."""
    p = urlparse(url.strip())
    return url.strip() if p.scheme in ("http", "https") and p.netloc else None


@dataclass(frozen=True)
class Ref:
    """A reference as shown: its key, title, publisher, date, a link if it is an http(s)
    URL, and its note."""
    key: str
    title: str
    publisher: str
    url: str | None
    date: str
    note: str

    @property
    def label(self) -> str:
        """'title, publisher[, date]' on one line: what a link to it says."""
        when = f", {self.date}" if self.date else ""
        return " ".join(f"{self.title}, {self.publisher}".split()) + when

    @property
    def item(self) -> tuple[str, str]:
        """A reference list's item in two parts: its title (what is linked) and the rest,
        ', publisher[, date][ — note]'."""
        return self.item_in("en")

    def item_in(self, lang: str = "en") -> tuple[str, str]:
        """:attr:`item` for a reader of ``lang``: the date as the language writes it, the
        note (the app's text) translated where the data has it; the title and publisher
        as cited."""
        _ = translator(lang)
        when = f"{_(', ')}{_.date(self.date)}" if self.date else ""
        note = f" — {text_in(self.note, lang)}" if self.note else ""
        return self.title, f"{_(', ')}{self.publisher}{when}{note}"

    @property
    def cite(self) -> str:
        when = f", {self.date}" if self.date else ""
        return f"{self.title}, {self.publisher}{when}" + (f", {self.url}" if self.url else "")


def shown(key: str, r: Reference) -> Ref:
    """The reference ``key`` of a data file, as shown."""
    return Ref(key, r.title, r.publisher, web_url(r.url), r.date, r.note)
