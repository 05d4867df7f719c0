"""Markdown for Streamlit: text shown literally (:func:`md_escape`), links, references,
attributed quotes and the number formats of the panels. Pure Python."""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

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


def num(x: float) -> str:
    """``1,234.5``; a whole number without its ``.0``."""
    return f"{x:,.1f}".removesuffix(".0")


def km(x: float | None, nd: int = 1) -> str:
    return "n/a" if x is None else f"{x:,.{nd}f} km"


def km2(x: float | None, nd: int = 1) -> str:
    return "n/a" if x is None else f"{x:,.{nd}f} km²"


def source_href(source_id: str) -> str:
    """Relative link to a document on the Sources page."""
    return f"sources?source={quote(source_id)}"


def link_md(text: str, url: str | None) -> str:
    """An escaped Markdown link to an http(s) URL (percent-encoded), or the text alone."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return md_inline(text)
    href = quote(url, safe=":/?#@!$&*+,;=%-._~")
    return f"[{md_inline(text)}]({href})"  # one line: a link's text cannot span two


def ref_item_md(r) -> str:
    """One reference (geo.references.Ref) as a list item, the one format of a reference
    list: '- title (linked), publisher, date — note'."""
    when = f", {md_escape(r.date)}" if r.date else ""
    note = f" — {md_escape(r.note)}" if r.note else ""
    return f"- {link_md(r.title, r.url)}, {md_escape(r.publisher)}{when}{note}"


def refs_md(refs) -> str:
    """References (geo.references.Ref) as escaped links, '; ' between them."""
    return "; ".join(link_md(" ".join(f"{r.title}, {r.publisher}".split())
                             + (f", {r.date}" if r.date else ""), r.url) for r in refs)


def quote_block(quote: str) -> str:
    return "> " + md_escape(f"“{quote}”").replace("\n", "\n> ")


def quote_md(q, via: tuple[str, ...] = (), *, affiliations: bool = True) -> str:
    """One attributed quote (geo.analysis.quotes.AttributedQuote), the one way every page shows one:
    the verbatim quote; who said it, in what role, the party it is filed under and when
    ("said 2023 · about 1945"); where it was published, with its Sources link; the
    speaker's and the outlet's affiliation with their references; and the app's own
    editorial note, marked as such and set apart from the quote."""
    where = "as reported by" if q.reported else "in"
    # Each line of the citation on one line (a blank line in a name would end the
    # paragraph, and a link's text cannot span two).
    out = [quote_block(q.quote), "",
           md_inline(f"— {q.attribution} · filed under: {q.side_label} · {q.when}")
           + "  \n" + md_inline(f"{where} {q.outlet} ({q.source_date}) ·") + " "
           + f"[Source: {md_inline(q.source_title)}]({source_href(q.source_id)})"]
    if via:
        out[-1] += f"  \n*{md_inline('About ' + ', '.join(via))}*"
    if affiliations:
        cited = refs_md(q.speaker_refs)
        docs = "; ".join(q.speaker_documents)
        src = " — " + "; ".join(x for x in (cited, md_escape(f"as stated in {docs}")
                                             if docs else "") if x)
        out[-1] += f"  \n*{md_escape('Speaker:')}* {md_inline(q.speaker_affiliation)}{src}"
        for o in q.outlets:
            cited = refs_md(o.refs) or md_escape("as stated in " + "; ".join(o.documents))
            out[-1] += (f"  \n*{md_inline('Outlet, ' + o.name + ':')}* "
                        f"{md_inline(o.affiliation)} — {cited}")
    if q.note:
        cited = refs_md(q.note_refs)
        docs = "; ".join(q.note_documents)
        src = "; ".join(x for x in (cited, md_escape(f"the document: {docs}") if docs else "")
                        if x)
        out += ["", f"**{md_escape('Editor’s note')}** "
                    f"{md_escape('(the app’s, not part of the quote):')} "
                    f"{md_escape(q.note)} — {src}"]
    return "\n".join(out)
