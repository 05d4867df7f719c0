"""The annotations as CSV: every annotation with its source and attribution, every cell
quoted, cells a spreadsheet would read as a formula neutralised with a leading ``'``."""
from __future__ import annotations

import csv
import io

from geo.analysis.quotes import attributed
from geo.data.corpus import Corpus, default_corpus
from geo.data.layers import Atlas, load_atlas

# Written with a byte-order mark: spreadsheet programs (Excel) then read the file as UTF-8
# (without it, they guess a legacy encoding and garble 択捉島 and Итуруп).
CSV_ENCODING = "utf-8-sig"


def csv_file_bytes(text: str) -> bytes:
    """The CSV text as the file a reader downloads or the command line writes."""
    return text.encode(CSV_ENCODING)


CSV_COLUMNS = ["id", "features", "quote", "speaker", "speaker_role", "party", "topic", "said",
               "refers_to", "reported", "speaker_affiliation", "editor_note", "source_id",
               "source_title", "outlet", "source_date", "file"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell as text; one a spreadsheet would run as a formula gets a leading '.

    OWASP's rule: cells starting with = + - @ (or tab / carriage return).
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def annotations_csv(feature_id: str | None = None, corpus: Corpus | None = None,
                    atlas: Atlas | None = None) -> str:
    """The annotations (all, or those a feature's card shows) as CSV text.

    Every cell is quoted (RFC 4180, CRLF line ends); ``features`` is the ids
    joined with "; "; ``party`` is the party the statement is filed under, ``said`` and
    ``refers_to`` its two dates, ``editor_note`` the app's note beside it, if any.
    A feature's rows are its card's: its own statements, then its groups'. Raises
:class:`~geo.errors.UnknownIdError` for an unknown feature id.
    """
    corpus = corpus or default_corpus()
    anns = corpus.annotations
    if feature_id is not None:
        gaz = (atlas or load_atlas()).gaz
        gaz.get(feature_id)  # UnknownIdError if there is no such feature
        anns = corpus.for_card(feature_id, gaz)
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for a in anns:
        q = attributed(corpus, a.id)
        w.writerow([safe_cell(v) for v in (
            a.id, "; ".join(a.features), a.quote, a.speaker, a.speaker_role, q.side_label,
            q.topic_label, a.said or "", a.refers_to or "", "yes" if a.reported else "no",
            q.speaker_affiliation, q.note or "", q.source_id, q.source_title, q.outlet,
            q.source_date, q.source_file)])
    return buf.getvalue()
