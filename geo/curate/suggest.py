"""Candidate passages of a new document: the sentences that mention a gazetteer name
or alias, for an editor choosing quotes (``python -m geo.annotations suggest FILE``)."""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from geo.data.gazetteer import Gazetteer

# Groups annotated one member at a time: a mention of the group suggests its members.
EXPAND_IN_SUGGESTIONS = ("disputed-islands",)
SUGGEST_MAX_CHARS = 400

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|"
                     r"Sept|Oct|Nov|Dec|No|Gen|Lt|Col|Sen|Rep|vs))\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])([\"'\u201d\u2019\u00bb)\]]*)\s+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    name: str  # the text as found in the document
    feature_ids: tuple[str, ...]  # after expanding groups


@dataclass(frozen=True)
class Candidate:
    line: int  # 1-based line of the first match
    passage: str  # plain text, whitespace collapsed, trimmed to ~400 characters
    matches: tuple[Match, ...]

    @property
    def feature_ids(self) -> list[str]:
        out: dict[str, None] = {}
        for m in self.matches:
            for f in m.feature_ids:
                out.setdefault(f, None)
        return list(out)


def _name_patterns(gaz: Gazetteer) -> list[tuple[re.Pattern, str, tuple[str, ...]]]:
    by_name: dict[str, dict[str, None]] = {}
    for f in gaz.features:
        for n in f.all_names:
            by_name.setdefault(n, {})[f.id] = None
    out = []
    for name, fids in by_name.items():
        ids: dict[str, None] = {}
        for fid in fids:
            expand = gaz.get(fid).geometry.members if fid in EXPAND_IN_SUGGESTIONS else [fid]
            for x in expand:
                ids.setdefault(x, None)
        esc = re.escape(name)
        if _CJK.search(name):
            pat = re.compile(esc)  # no word boundaries in Japanese text
        elif _LATIN.search(name):
            pat = re.compile(rf"(?<!\w){esc}(?!\w)", re.IGNORECASE)
        else:  # Cyrillic: exact, whole words
            pat = re.compile(rf"(?<!\w){esc}(?!\w)")
        out.append((pat, name, tuple(ids)))
    return out


# "the Catherine and Vries Straits": two names sharing a plural head noun
_COORDINATED = re.compile(
    r"(?<!\w)([A-Z][\w'-]*) and (?:the )?([A-Z][\w'-]*) (Strait|Island)s(?!\w)")


def find_mentions(text: str, gaz: Gazetteer) -> list[Match]:
    """Every mention of a gazetteer name or alias, longest first where they overlap.

    Latin names match whole words, ignoring case; Cyrillic names whole words,
    exactly; Japanese names anywhere, exactly. "X and Y Straits" counts as
    "X Strait" and "Y Strait" where those are names.
    """
    patterns = _name_patterns(gaz)
    found = []
    for pat, _name, ids in patterns:
        for m in pat.finditer(text):
            found.append(Match(m.start(), m.end(), m.group(0), ids))
    by_name = {name.lower(): ids for _pat, name, ids in patterns}
    for m in _COORDINATED.finditer(text):
        if f"{m.group(2)} {m.group(3)}s".lower() in by_name:  # "... and the Habomai Islands"
            continue
        ids: dict[str, None] = {}
        for head in (m.group(1), m.group(2)):
            for fid in by_name.get(f"{head} {m.group(3)}".lower(), ()):
                ids.setdefault(fid, None)
        if len(ids) >= 2:
            found.append(Match(m.start(), m.end(), m.group(0), tuple(ids)))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Match] = []
    for m in found:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; line breaks always end one."""
    spans = []
    for lm in re.finditer(r"[^\n]+", text):
        ls, le = lm.span()
        start = ls
        for b in _SENTENCE_END.finditer(text, ls, le):
            if _ABBREV.search(text[start:b.start()]):
                continue  # "U.S. forces", "Nov. 14"
            if text[start:b.end(1)].strip():
                spans.append((start, b.end(1)))
            start = b.end()
        if text[start:le].strip():
            spans.append((start, le))
    return spans


def printable(text: str) -> str:
    """Text safe to print to a terminal as it is: whitespace collapsed, control and
    bidirectional-override characters shown as escapes (never interpreted)."""
    text = re.sub(r"\s+", " ", text).strip()
    return "".join(f"\\u{ord(c):04x}" if (unicodedata.category(c) == "Cc" or c in _BIDI) else c
                   for c in text)


def _trim(text: str, start: int, end: int, focus: int, limit: int) -> str:
    """text[start:end], cut to about ``limit`` characters around ``focus``."""
    if end - start <= limit:
        return text[start:end]
    a = max(start, min(focus - limit // 3, end - limit))
    b = min(end, a + limit)
    if a > start:
        sp = text.find(" ", a, a + 40)
        a = sp + 1 if sp != -1 else a
    if b < end:
        sp = text.rfind(" ", b - 40, b)
        b = sp if sp != -1 else b
    return ("\u2026 " if a > start else "") + text[a:b] + (" \u2026" if b < end else "")


def suggest(text: str, gaz: Gazetteer, context: int = 0,
            limit: int = SUGGEST_MAX_CHARS) -> list[Candidate]:
    """Candidate passages: each sentence mentioning a feature, with ``context``
    sentences either side; overlapping passages are merged."""
    if context < 0:
        raise ValueError("context must be 0 or more")
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    mentions = find_mentions(text, gaz)
    windows: list[list] = []  # [first, last, matches]
    for m in mentions:
        i = max(0, bisect.bisect_right(starts, m.start) - 1)
        lo, hi = max(0, i - context), min(len(spans) - 1, i + context)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
            windows[-1][2].append(m)
        else:
            windows.append([lo, hi, [m]])
    out = []
    for lo, hi, ms in windows:
        s, e = spans[lo][0], spans[hi][1]
        passage = printable(_trim(text, s, e, ms[0].start, limit))
        out.append(Candidate(line=text.count("\n", 0, ms[0].start) + 1, passage=passage,
                             matches=tuple(ms)))
    return out


# --- command line -------------------------------------------------------------------
