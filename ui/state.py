"""The explorer's state as it travels in the URL (deep links), pure Python.

``?feature=shikotan&scenario=joint-1956&names=ja&straits=1`` restores the
selection, scenario, names convention and overlays. Every parameter is a row of
:data:`ui.keys.TABLE`: :func:`parse_query` keeps what it recognises and returns a
:class:`Notice` for every value it ignores; :func:`to_query` writes the state back,
leaving defaults out so links stay short; :func:`from_session` and :func:`to_session`
map the state to the session keys. No parameter has code of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from geo.i18n import N_, browser_lang, translator
from geo.map.overlays.registry import OVERLAY_KEYS
from ui import keys
from ui.keys import CHOICE, FLAG, NAMES_CONVENTIONS as NAMES, VIEWS  # noqa: F401 (re-exported)

DEFAULT_LANG = keys.TABLE[keys.LANG].default
DEFAULT_NAMES = keys.TABLE[keys.NAMES].default
DEFAULT_SCENARIO = keys.TABLE[keys.SCENARIO].default
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
KNOWN_KEYS = keys.PARAMS
SILENT_KEYS = ("embed", "embed_options")  # Streamlit's own parameters
MAX_SHOWN = 60  # characters of a bad value quoted back in a notice


@dataclass(frozen=True)
class UIState:
    feature: str | None = None
    scenario: str = DEFAULT_SCENARIO
    lang: str = DEFAULT_LANG  # the interface language
    names: str = DEFAULT_NAMES
    overlays: frozenset[str] = field(default_factory=frozenset)  # keys of OVERLAY_INFO
    view: str | None = None
    source: str | None = None
    date: str | None = None  # Timeline page: an event date (YYYY[-MM[-DD]])
    step: str | None = None  # Story page: a step's id
    a: str | None = None  # Compare page: the two scenarios
    b: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.overlays, str):
            raise TypeError("overlays: a set of overlay keys, not one string")
        overlays = frozenset(self.overlays)
        unknown = sorted(overlays - set(OVERLAY_KEYS))
        if unknown:
            raise ValueError(f"unknown overlay {unknown[0]!r}; known: {', '.join(OVERLAY_KEYS)}")
        object.__setattr__(self, "overlays", overlays)

    def shows(self, overlay: str) -> bool:
        return overlay in self.overlays

    def with_(self, **changes) -> "UIState":
        return replace(self, **changes)


@dataclass(frozen=True)
class Notice:
    """A URL value ignored. ``message`` is the English; :meth:`text` the same in a
    language (the message's id and values are kept, so that it is translated when shown:
    the reader may switch the language while it is on screen)."""
    key: str
    value: str
    message: str  # plain text (English); escape before showing it as Markdown
    msgid: str = ""  # the message (its {placeholders} filled from ``values``)
    values: tuple[tuple[str, str], ...] = ()
    reason: str = ""  # the reason's message (ui.keys.Key.why), if any: {reason}
    known: str = ""  # its {known}: the ids the URL may name
    span: tuple[str, ...] = ()  # its {span}: the first and last dates one may name
    formatted: bool = False  # the reason has placeholders to fill (an id's)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The notice in ``lang`` (plain text)."""
        if not self.msgid:
            return self.message
        _ = translator(lang)
        values = dict(self.values)
        if self.reason:
            reason = _(self.reason)
            if self.formatted:  # an id's reason: the known ids, the dates' span
                first, last = ((_.date(self.span[0]), _.date(self.span[-1])) if self.span
                               else ("?", "?"))
                reason = reason.format(known=self.known, first=first, last=last)
            values["reason"] = reason
        return _(self.msgid, **values)


def _notice(key: str, value: str, msgid: str, values: dict[str, str], **reason) -> Notice:
    n = Notice(key, value, "", msgid, tuple(values.items()), **reason)
    return replace(n, message=n.text(DEFAULT_LANG))


@dataclass(frozen=True)
class Valid:
    """What the URL may name: the ids known to the app."""
    features: frozenset[str] = field(default_factory=frozenset)
    scenarios: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    dates: tuple[str, ...] = ()  # event dates, in order
    steps: tuple[str, ...] = ()  # the story's steps, in order

    @classmethod
    def of(cls, features: Iterable[str] = (), scenarios: Iterable[str] = (),
           sources: Iterable[str] = (), dates: Iterable[str] = (),
           steps: Iterable[str] = ()) -> "Valid":
        return cls(frozenset(features), frozenset(scenarios), frozenset(sources), tuple(dates),
                   tuple(steps))


def shorten(value: str, limit: int = MAX_SHOWN) -> str:
    """One line, at most ``limit`` characters (control characters dropped)."""
    value = "".join(c if c.isprintable() else " " for c in str(value))
    value = re.sub(r"\s+", " ", value).strip()
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def _read(key: keys.Key, val: str, valid: Valid) -> tuple[bool, object]:
    """(True, value) for a value the key accepts, else (False, the reason: a dict of
    :class:`Notice`'s reason fields)."""
    if key.kind == FLAG:
        v = val.lower()
        return (True, v in TRUE) if v in TRUE | FALSE else (False, {"reason": key.why})
    if key.kind == CHOICE:
        v = val.lower() if key.fold else val
        return (True, v) if v in key.choices else (False, {"reason": key.why})
    known = getattr(valid, key.ids)
    if val in known:
        return True, val
    span = (known[0], known[-1]) if key.ids == "dates" and known else ()  # {first}, {last}
    return False, {"reason": key.why, "known": ", ".join(sorted(known)), "span": span,
                   "formatted": True}


def defaults(lang: str, locale: str | None = None) -> dict[str, object]:
    """The values a URL leaves out, where they depend on the reader: the language is the
    browser's (``locale``, else English); the names convention follows the language."""
    return {keys.LANG: browser_lang(locale), keys.NAMES: keys.NAMES_BY_LANG[lang]}


def parse_query(params: Mapping[str, str | list[str]], valid: Valid,
                base: UIState | None = None,
                locale: str | None = None) -> tuple[UIState, list[Notice]]:
    """State from URL parameters. Unknown values are ignored with a notice;
    unknown parameter names too. A list value (repeated key) uses its last item.
    Without ``lang`` the language is the browser's ``locale`` (else English); without
    ``names`` the names convention is the language's (:data:`ui.keys.NAMES_BY_LANG`)."""
    state = base or UIState()
    notices: list[Notice] = []
    changes: dict = {}
    overlays = set(state.overlays)
    for name, raw in params.items():
        if isinstance(raw, (list, tuple)):
            raw = raw[-1] if raw else ""
        raw = str(raw)
        if name in SILENT_KEYS:
            continue
        key = keys.BY_PARAM.get(name)
        if key is None:
            notices.append(_notice(name, raw, N_("Ignored unknown parameter {name}={value}."),
                                   {"name": shorten(name, 30), "value": shorten(raw, 30)}))
            continue
        ok, value = _read(key, raw.strip(), valid)
        if not ok:
            notices.append(_notice(name, raw, N_("Ignored {name}={value}: {reason}"),
                                   {"name": name, "value": shorten(raw)}, **value))
        elif key.kind == FLAG:
            (overlays.add if value else overlays.discard)(key.name)
        else:
            changes[key.field] = value
    lang = changes.setdefault("lang", state.lang if base else browser_lang(locale))
    changes.setdefault("names", state.names if base else keys.NAMES_BY_LANG[lang])
    return state.with_(overlays=frozenset(overlays), **changes), notices


def _value(state: UIState, key: keys.Key) -> object:
    return key.name in state.overlays if key.kind == FLAG else getattr(state, key.field)


def to_query(state: UIState, params: Iterable[str] = KNOWN_KEYS,
             locale: str | None = None) -> dict[str, str]:
    """URL parameters for a state, defaults left out (:func:`defaults`: the language
    when it is the browser's ``locale``'s, the names when they are the language's); only
    ``params`` are written."""
    params = set(params)
    out: dict[str, str] = {}
    default = defaults(state.lang, locale)
    for key in keys.URL_KEYS:
        value = _value(state, key)
        if key.param in params and value and value != default.get(key.name, key.default):
            out[key.param] = "1" if key.kind == FLAG else str(value)
    return out


def to_session(state: UIState) -> dict[str, object]:
    """The session keys holding ``state`` (:data:`ui.keys.URL_KEYS`)."""
    return {key.name: _value(state, key) for key in keys.URL_KEYS}


def from_session(session: Mapping[str, object]) -> UIState:
    """The state held by the session keys; a missing key is its default."""
    values = {k.field: session.get(k.name, k.default) for k in keys.URL_KEYS if k.kind != FLAG}
    return UIState(overlays={k.name for k in keys.URL_KEYS
                             if k.kind == FLAG and session.get(k.name)}, **values)


NO_FEATURE = ""  # a click on the map where no feature is (the sea): clears the selection


def clicked_feature(value: object) -> str | None:
    """The feature id in st_folium's return value (``last_active_drawing``), if any;
    :data:`NO_FEATURE` for a click on the sea (the map sends a feature whose id is null)."""
    if not isinstance(value, Mapping):
        return None
    drawing = value.get("last_active_drawing")
    if not isinstance(drawing, Mapping):
        return None
    props = drawing.get("properties")
    if not isinstance(props, Mapping):
        return None
    if "id" in props and props["id"] is None:
        return NO_FEATURE
    fid = props.get("id")
    return fid if isinstance(fid, str) and fid else None
