"""The explorer's state as it travels in the URL (deep links), pure Python.

``?feature=shikotan&scenario=joint-1956&names=ja&straits=1`` restores the
selection, scenario, names convention and overlays (``straits``, ``basemap``,
``sea``, ``security``). :func:`parse_query`
keeps what it recognises and returns a :class:`Notice` for every value it
ignores; :func:`to_query` writes the state back, leaving defaults out so
links stay short. :func:`md_escape` makes any text safe to show through
Streamlit's Markdown (values from the URL or the documents are never
interpreted as Markdown or HTML).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from geo.safe import isolate

NAMES = ("ja", "ru", "both")
DEFAULT_NAMES = "both"
DEFAULT_SCENARIO = "today"
VIEWS = ("islands", "okinawa", "region", "kurils")
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
KNOWN_KEYS = ("feature", "scenario", "names", "straits", "basemap", "sea", "security", "okhotsk",
              "view", "source", "date", "a", "b")
SILENT_KEYS = ("embed", "embed_options")  # Streamlit's own parameters
MAX_SHOWN = 60  # characters of a bad value quoted back in a notice


@dataclass(frozen=True)
class UIState:
    feature: str | None = None
    scenario: str = DEFAULT_SCENARIO
    names: str = DEFAULT_NAMES
    straits: bool = False
    basemap: bool = False
    sea: bool = False  # the sea division overlay (median line, illustration)
    security: bool = False  # US bases, the fleet and incidents
    okhotsk: bool = False  # the Sea of Okhotsk's outline and its gates
    view: str | None = None
    source: str | None = None
    date: str | None = None  # Timeline page: an event date (YYYY[-MM[-DD]])
    a: str | None = None  # Compare page: the two scenarios
    b: str | None = None

    def with_(self, **changes) -> "UIState":
        return replace(self, **changes)


@dataclass(frozen=True)
class Notice:
    key: str
    value: str
    message: str  # plain text; escape before showing it as Markdown


@dataclass(frozen=True)
class Valid:
    """What the URL may name: the ids known to the app."""
    features: frozenset[str] = field(default_factory=frozenset)
    scenarios: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    dates: tuple[str, ...] = ()  # event dates, in order

    @classmethod
    def of(cls, features: Iterable[str] = (), scenarios: Iterable[str] = (),
           sources: Iterable[str] = (), dates: Iterable[str] = ()) -> "Valid":
        return cls(frozenset(features), frozenset(scenarios), frozenset(sources), tuple(dates))


def shorten(value: str, limit: int = MAX_SHOWN) -> str:
    """One line, at most ``limit`` characters (control characters dropped)."""
    value = "".join(c if c.isprintable() else " " for c in str(value))
    value = re.sub(r"\s+", " ", value).strip()
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


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


def _flag(key: str, raw: str, notices: list[Notice]) -> bool | None:
    v = raw.strip().lower()
    if v in TRUE:
        return True
    if v in FALSE:
        return False
    notices.append(Notice(key, raw, f"Ignored {key}={shorten(raw)}: use 1 or 0."))
    return None


def parse_query(params: Mapping[str, str | list[str]], valid: Valid,
                base: UIState | None = None) -> tuple[UIState, list[Notice]]:
    """State from URL parameters. Unknown values are ignored with a notice;
    unknown parameter names too. A list value (repeated key) uses its last item."""
    state = base or UIState()
    notices: list[Notice] = []
    changes: dict = {}
    for key, raw in params.items():
        if isinstance(raw, (list, tuple)):
            raw = raw[-1] if raw else ""
        raw = str(raw)
        val = raw.strip()
        if key == "feature":
            if val in valid.features:
                changes["feature"] = val
            else:
                notices.append(Notice(key, raw, f"Ignored feature={shorten(raw)}: no such "
                                                "island, strait or place on the map."))
        elif key == "scenario":
            if val in valid.scenarios:
                changes["scenario"] = val
            else:
                notices.append(Notice(key, raw, f"Ignored scenario={shorten(raw)}: known "
                                                f"scenarios are {', '.join(sorted(valid.scenarios))}."))
        elif key == "names":
            if val.lower() in NAMES:
                changes["names"] = val.lower()
            else:
                notices.append(Notice(key, raw, f"Ignored names={shorten(raw)}: use ja, ru "
                                                "or both."))
        elif key in ("a", "b"):
            if val in valid.scenarios:
                changes[key] = val
            else:
                notices.append(Notice(key, raw, f"Ignored {key}={shorten(raw)}: known "
                                                f"scenarios are {', '.join(sorted(valid.scenarios))}."))
        elif key in ("straits", "basemap", "sea", "security", "okhotsk"):
            flag = _flag(key, raw, notices)
            if flag is not None:
                changes[key] = flag
        elif key == "view":
            if val in VIEWS:
                changes["view"] = val
            else:
                notices.append(Notice(key, raw, f"Ignored view={shorten(raw)}: use "
                                                f"{', '.join(VIEWS)}."))
        elif key == "date":
            if val in valid.dates:
                changes["date"] = val
            else:
                span = f" from {valid.dates[0]} to {valid.dates[-1]}" if valid.dates else ""
                notices.append(Notice(key, raw, f"Ignored date={shorten(raw)}: not the date of "
                                                f"an event on the timeline{span}. Pick one with "
                                                "the slider."))
        elif key in SILENT_KEYS:
            continue
        elif key == "source":
            if val in valid.sources:
                changes["source"] = val
            else:
                notices.append(Notice(key, raw, f"Ignored source={shorten(raw)}: no such "
                                                "source document."))
        else:
            notices.append(Notice(key, raw, f"Ignored unknown parameter "
                                            f"{shorten(key, 30)}={shorten(raw, 30)}."))
    return state.with_(**changes), notices


def to_query(state: UIState, keys: Iterable[str] = KNOWN_KEYS) -> dict[str, str]:
    """URL parameters for a state, defaults left out; only ``keys`` are written."""
    keys = set(keys)
    out: dict[str, str] = {}
    if "feature" in keys and state.feature:
        out["feature"] = state.feature
    if "scenario" in keys and state.scenario != DEFAULT_SCENARIO:
        out["scenario"] = state.scenario
    if "names" in keys and state.names != DEFAULT_NAMES:
        out["names"] = state.names
    if "straits" in keys and state.straits:
        out["straits"] = "1"
    if "basemap" in keys and state.basemap:
        out["basemap"] = "1"
    if "sea" in keys and state.sea:
        out["sea"] = "1"
    if "security" in keys and state.security:
        out["security"] = "1"
    if "okhotsk" in keys and state.okhotsk:
        out["okhotsk"] = "1"
    for k in ("a", "b"):
        if k in keys and getattr(state, k):
            out[k] = getattr(state, k)
    if "view" in keys and state.view:
        out["view"] = state.view
    if "source" in keys and state.source:
        out["source"] = state.source
    if "date" in keys and state.date:
        out["date"] = state.date
    return out


def clicked_feature(value: object) -> str | None:
    """The feature id in st_folium's return value (``last_active_drawing``), if any."""
    if not isinstance(value, Mapping):
        return None
    drawing = value.get("last_active_drawing")
    if not isinstance(drawing, Mapping):
        return None
    props = drawing.get("properties")
    if not isinstance(props, Mapping):
        return None
    fid = props.get("id")
    return fid if isinstance(fid, str) and fid else None
