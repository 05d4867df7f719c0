"""Markdown for Streamlit: text shown literally (:func:`md_escape`), links, references,
attributed quotes and the number formats of the panels. Pure Python."""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from geo.panels.blocks import km, km2, num  # noqa: F401 (the panels' number formats)
from geo.panels.quote import Aside, QuoteText, quote_text
from geo.safe import isolate

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^%@/])")
# GitHub-style autolinks (``www.x.org``, ``https://x.org``, ``a@x.org``) are found in the
# text *after* escapes are resolved, so a backslash does not stop them. An invisible
# WORD JOINER (U+2060) in front does: the link must follow a space or punctuation.
_AUTOLINK = re.compile(r"(?=https?://|www\.|@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def md_escape(text: str) -> str:
    """Text shown literally by Streamlit's Markdown: every punctuation mark that
    Markdown, HTML, LaTeX (``$``) or emoji/icon shortcodes (``:x:``) could use is
    backslash-escaped, a bare URL or e-mail address is not made a link (an invisible
    U+2060 goes before it); line breaks are kept as hard breaks; a line with
    right-to-left text or bidi controls is isolated (:func:`geo.safe.isolate`), so it
    cannot reorder what follows it."""
    lines = str(text).splitlines() or [""]
    return "  \n".join(isolate(_MD_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, line)))
                       for line in lines)


def md_inline(text: str) -> str:
    """:func:`md_escape` on one line (white space collapsed): for table cells and
    headings, which a line break would end."""
    return md_escape(" ".join(str(text).split()))


def source_href(source_id: str) -> str:
    """Relative link to a document on the Sources page."""
    return f"sources?source={quote(source_id)}"


def link_md(text: str, url: str | None) -> str:
    """An escaped Markdown link to an http(s) URL (percent-encoded), or the text alone."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return md_inline(text)
    href = quote(url, safe=":/?#@!$&*+,;=%-._~")
    return f"[{md_inline(text)}]({href})"  # one line: a link's text cannot span two


def ref_item_md(r, *, lang: str = "en") -> str:
    """One reference (geo.references.Ref) as a list item, the one format of a reference
    list: '- title (linked), publisher, date — note' (its date and note in ``lang``)."""
    title, rest = r.item_in(lang)
    return f"- {link_md(title, r.url)}{md_escape(rest)}"


def refs_md(refs) -> str:
    """References (geo.references.Ref) as escaped links, '; ' between them."""
    return "; ".join(link_md(r.label, r.url) for r in refs)


def quote_block(quote: str) -> str:
    """A quote (already in its quote marks) as a Markdown block quote."""
    return "> " + md_escape(quote).replace("\n", "\n> ")


def _aside_md(a: Aside) -> str:
    """'*label* text — references; docs' (geo.panels.quote.Aside)."""
    cited = "; ".join(x for x in (refs_md(a.refs), md_escape(a.docs) if a.docs else "") if x)
    return f"*{md_inline(a.label)}* {md_inline(a.text)} — {cited}"


def quote_md(q, via: tuple[str, ...] = (), *, affiliations: bool = True, lang: str = "en"
             ) -> str:
    """One attributed quote (geo.analysis.quotes.AttributedQuote), the one way every page
    shows one (geo.panels.quote.quote_text): the verbatim quote; who said it, in what role,
    the party it is filed under and when ("said 2023 · about 1945"); where it was
    published, with its Sources link; the speaker's and the outlet's affiliation with
    their references; and the app's own editorial note, marked as such and set apart from
    the quote. The words around the quote are in ``lang``; the quote is verbatim."""
    return quote_md_text(quote_text(q, via, lang=lang), affiliations=affiliations)


def quote_md_text(t: QuoteText, *, affiliations: bool = True) -> str:
    """:func:`quote_md` of a quote's texts (geo.panels.quote.QuoteText)."""
    # Each line of the citation on one line (a blank line in a name would end the
    # paragraph, and a link's text cannot span two).
    out = [quote_block(t.quote), "",
           md_inline(t.byline) + "  \n" + md_inline(t.where) + " "
           + f"[{t.source_label} {md_inline(t.source_title)}]({source_href(t.source_id)})"]
    if t.about:
        out[-1] += f"  \n*{md_inline(t.about)}*"
    if affiliations:
        out[-1] += "  \n" + "  \n".join(_aside_md(a) for a in (t.speaker, *t.outlets))
    if t.note:
        n = t.note
        cited = "; ".join(x for x in (refs_md(n.refs), md_escape(n.docs) if n.docs else "")
                          if x)
        out += ["", f"**{md_escape(n.label)}** {md_escape(n.marker)} {md_escape(n.text)} — "
                    f"{cited}"]
    return "\n".join(out)
