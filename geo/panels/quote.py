"""An attributed quote as every page shows it (:func:`quote_text`), plain text: the
verbatim quote in quote marks; who said it, in what role, the party it is filed under and
when; where it was published and its source document; the speaker's and the outlets'
affiliations with their references; and the app's own editorial note, marked as such and
set apart from the quote (never inside the quote marks)."""
from __future__ import annotations

from dataclasses import dataclass

from geo.analysis.quotes import AttributedQuote, quote_when
from geo.i18n import N_, text_in, translator
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


def listed(items, *, lang: str = "en") -> str:
    """Names in a list: 'a, b, c' (Japanese: 'a、b、c')."""
    return translator(lang)(", ").join(items)


NOTE_LABEL = N_("Editor’s note")
NOTE_MARKER = N_("(the app’s, not part of the quote):")


def about_text(via: tuple[str, ...], *, lang: str = "en") -> str:
    """The line under a quote shown through related features, given by name ('' if
    none)."""
    _ = translator(lang)
    return _("About {features}", features=listed(via, lang=lang)) if via else ""


def quote_text(q: AttributedQuote, via: tuple[str, ...] = (), *, lang: str = "en"
               ) -> QuoteText:
    """Everything a page shows of a quote (geo.analysis.quotes.AttributedQuote). The
    quote stays verbatim in its document's language, the names of speakers, outlets and
    documents as the data gives them; the words around them are in ``lang``."""
    _ = translator(lang)
    docs = _("; ").join(q.speaker_documents)
    speaker = Aside(_("Speaker:"), text_in(q.speaker_affiliation, lang), q.speaker_refs,
                    _("as stated in {documents}", documents=docs) if docs else "")
    outlets = tuple(Aside(_("Outlet, {outlet}:", outlet=o.name),
                          text_in(o.affiliation, lang), o.refs,
                          "" if o.refs else _("as stated in {documents}",
                                              documents=_("; ").join(o.documents)))
                    for o in q.outlets)
    note = None
    if q.note:
        ndocs = _("; ").join(q.note_documents)
        note = NoteText(_(NOTE_LABEL), _(NOTE_MARKER), text_in(q.note, lang), q.note_refs,
                        _("the document: {documents}", documents=ndocs) if ndocs else "")
    values = dict(outlet=q.outlet, date=_.date(q.source_date))
    return QuoteText(
        id=q.id, quote=f"“{q.quote}”",
        byline=_("— {speaker} · filed under: {party} · {when}",
                 speaker=_("{speaker}, {role}", speaker=q.speaker, role=text_in(q.role, lang)),
                 party=text_in(q.side_label, lang), when=quote_when(q, lang=lang)),
        where=(_("as reported by {outlet} ({date}) ·", **values) if q.reported
               else _("in {outlet} ({date}) ·", **values)),
        source_label=_("Source:"),
        source_title=q.source_title, source_id=q.source_id, about=about_text(via, lang=lang),
        speaker=speaker, outlets=outlets, note=note)
