"""An attributed quote as every page shows it (:func:`quote_text`), plain text: the
verbatim quote in quote marks; who said it, in what role, the party it is filed under and
when; where it was published and its source document; the speaker's and the outlets'
affiliations with their references; and the app's own editorial note, marked as such and
set apart from the quote (never inside the quote marks)."""
from __future__ import annotations

from dataclasses import dataclass

from geo.analysis.quotes import AttributedQuote
from geo.references import Ref


@dataclass(frozen=True)
class Aside:
    """A fact beside a quote: '<label> <text> — <references>; <docs>' (the speaker's or
    an outlet's affiliation, and what states it)."""
    label: str  # "Speaker:", "Outlet, RT:"
    text: str
    refs: tuple[Ref, ...]
    docs: str  # "as stated in <document titles>", or ""


@dataclass(frozen=True)
class NoteText:
    """The app's editorial note: '<label> <marker> <text> — <references>; <docs>'."""
    label: str  # "Editor’s note"
    marker: str  # "(the app’s, not part of the quote):"
    text: str
    refs: tuple[Ref, ...]
    docs: str  # "the document: <titles>", or ""


@dataclass(frozen=True)
class QuoteText:
    id: str
    quote: str  # the verbatim quote, in quote marks
    byline: str  # "— Dmitry Peskov, Kremlin spokesman · filed under: … · said 2023"
    where: str  # "in RT (2023) ·" or "as reported by RT (2023) ·"
    source_label: str  # "Source:"
    source_title: str
    source_id: str
    about: str  # "About Habomai-guntō / ostrova Khabomai (...)": the related features it is
    # shown through, by name, or ""
    speaker: Aside
    outlets: tuple[Aside, ...]
    note: NoteText | None


NOTE_LABEL = "Editor’s note"
NOTE_MARKER = "(the app’s, not part of the quote):"


def about_text(via: tuple[str, ...]) -> str:
    """The line under a quote shown through related features, given by name ('' if
    none)."""
    return "About " + ", ".join(via) if via else ""


def quote_text(q: AttributedQuote, via: tuple[str, ...] = ()) -> QuoteText:
    """Everything a page shows of a quote (geo.analysis.quotes.AttributedQuote)."""
    where = "as reported by" if q.reported else "in"
    docs = "; ".join(q.speaker_documents)
    speaker = Aside("Speaker:", q.speaker_affiliation, q.speaker_refs,
                    f"as stated in {docs}" if docs else "")
    outlets = tuple(Aside(f"Outlet, {o.name}:", o.affiliation, o.refs,
                          "" if o.refs else "as stated in " + "; ".join(o.documents))
                    for o in q.outlets)
    note = None
    if q.note:
        ndocs = "; ".join(q.note_documents)
        note = NoteText(NOTE_LABEL, NOTE_MARKER, q.note, q.note_refs,
                        f"the document: {ndocs}" if ndocs else "")
    return QuoteText(
        id=q.id, quote=f"“{q.quote}”",
        byline=f"— {q.attribution} · filed under: {q.side_label} · {q.when}",
        where=f"{where} {q.outlet} ({q.source_date}) ·", source_label="Source:",
        source_title=q.source_title, source_id=q.source_id, about=about_text(via),
        speaker=speaker, outlets=outlets, note=note)
