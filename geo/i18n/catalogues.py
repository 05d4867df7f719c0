"""The gettext catalogues, managed with Babel's Python API in one command:

    python -m geo.i18n            # extract, update ja and ru, compile: after editing texts
    python -m geo.i18n --check    # exit 1 if anything is stale, untranslated or broken

*Extract* reads every message of the code (``app.py``, ``pages/``, ``ui/``, ``geo/``;
the keywords ``_``, ``gettext``, ``ngettext``, ``pgettext``) into
``geo/i18n/locale/messages.pot``. *Update* merges it into each language's ``.po``: a
new message arrives untranslated, a message no longer in the code leaves (no fuzzy
matching: a changed English text is a new message, to be translated anew). *Compile*
writes the ``.mo`` files the app reads. :func:`problems` lists what is wrong: a stale
template or compiled file, a message untranslated or fuzzy, a translation whose
``{placeholders}`` differ from the English.

(Babel's own ``pybabel update --check`` is not used: it misreports catalogues with
message contexts, python-babel/babel#1307.)
"""
from __future__ import annotations

import datetime
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from geo import PROJECT_ROOT
from geo.i18n import DEFAULT, DOMAIN, LABELS, LANGS, LOCALE_DIR

TRANSLATED = tuple(lang for lang in LANGS if lang != DEFAULT)
SOURCES = ("app.py", "pages", "ui", "geo")  # where messages are written
SKIP = ("geo/i18n",)  # the translator itself calls gettext on variables
POT = LOCALE_DIR / f"{DOMAIN}.pot"
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)(?:[:!][^{}]*)?\}(?!\})")
_HEADER = dict(project="Northern Territories / Southern Kurils explorer", version="1",
               copyright_holder="the project's contributors",
               msgid_bugs_address="", charset="utf-8")


_COMMENT = ("# The explorer's messages in %s: python -m geo.i18n updates this file;\n"
            "# translate each msgstr, then run it again to compile.")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _sources(root: Path):
    """(file, its messages) of every source file, in a stable order."""
    method_map = [("**.py", "python")]
    for name in SOURCES:
        path = root / name
        if path.is_file():
            yield name, extract_from_file("python", path, keywords=DEFAULT_KEYWORDS)
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
                path, method_map, keywords=DEFAULT_KEYWORDS, comment_tags=("i18n:",),
                strip_comment_tags=True):
            rel = f"{name}/{filename}".replace("\\", "/")
            if rel.startswith(SKIP):
                continue
            yield rel, [(lineno, message, comments, context)]


def extract(root: Path = PROJECT_ROOT) -> Catalog:
    """The template: every message of the code, with the files that use it."""
    cat = Catalog(fuzzy=False, **_HEADER)
    for rel, found in _sources(root):
        for lineno, message, comments, context in found:
            if isinstance(message, tuple):
                msgid = message if len(message) > 1 and message[1] else message[0]
            else:
                msgid = message
            if not msgid or (isinstance(msgid, tuple) and not msgid[0]):
                continue
            cat.add(msgid, None, [(rel, None)], auto_comments=comments, context=context)
    return cat


def _po_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, cat, width=88, sort_output=True, include_lineno=False,
             omit_header=False, ignore_obsolete=True)
    text = buf.getvalue()
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', b"", text)


FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def _mo_bytes(cat: Catalog) -> bytes:
    # one fixed date in the compiled header (Babel writes the time of compiling): the
    # same .po always compiles to the same bytes, so --check can compare them
    cat.creation_date = cat.revision_date = FIXED_DATE
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


def updated(template: Catalog, lang: str) -> Catalog:
    """``lang``'s catalogue merged with the template (new messages untranslated, gone
    ones dropped)."""
    path = po_path(lang)
    if path.exists():
        cat = _read(path, lang)
    else:
        cat = Catalog(locale=lang, domain=DOMAIN, header_comment=_COMMENT % LABELS[lang],
                      **_HEADER)
    cat.fuzzy = False  # the header: a fuzzy one would not be compiled (nor its charset)
    cat.update(template, no_fuzzy_matching=True, update_header_comment=False)
    cat.obsolete.clear()
    return cat


def run(root: Path = PROJECT_ROOT) -> list[Path]:
    """Extract, update, compile; the files written (only those that changed)."""
    template = extract(root)
    outputs = {POT: _po_bytes(template)}
    for lang in TRANSLATED:
        cat = updated(template, lang)
        outputs[po_path(lang)] = _po_bytes(cat)
        outputs[mo_path(lang)] = _mo_bytes(_read_bytes(outputs[po_path(lang)], lang))
    written = []
    for path, data in outputs.items():
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(path)
    return written


def _read_bytes(data: bytes, lang: str) -> Catalog:
    return read_po(io.BytesIO(data), locale=lang, domain=DOMAIN)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems(root: Path = PROJECT_ROOT) -> list[str]:
    """Everything wrong with the catalogues, one line each (none: all is well)."""
    out: list[str] = []
    template = extract(root)
    if not POT.exists() or POT.read_bytes() != _po_bytes(template):
        out.append(f"{POT}: stale (the code's messages changed); run `python -m geo.i18n`")
    ids = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    for lang in TRANSLATED:
        path = po_path(lang)
        if not path.exists():
            out.append(f"{path}: missing; run `python -m geo.i18n`")
            continue
        cat = _read(path, lang)
        have = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in cat if m.id}
        for msgid, ctx in sorted(ids - have, key=str):
            out.append(f"{path}: message {msgid!r} missing; run `python -m geo.i18n`")
        for msgid, ctx in sorted(have - ids, key=str):
            out.append(f"{path}: message {msgid!r} is no longer used; run `python -m geo.i18n`")
        for m in cat:
            if not m.id:
                continue
            sid = m.id if isinstance(m.id, str) else m.id[0]
            where = f"{path}: message {sid!r}"
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.fuzzy:
                out.append(f"{where} is fuzzy (check its {LABELS[lang]} translation)")
            if not all(strings):
                out.append(f"{where} has no {LABELS[lang]} translation")
                continue
            want = placeholders(sid) | (placeholders(m.id[1]) if isinstance(m.id, tuple) else set())
            for s in strings:
                if placeholders(s) != want:
                    out.append(f"{where}: its translation's placeholders "
                               f"{sorted(placeholders(s))} are not the English "
                               f"{sorted(want)}")
        mo = mo_path(lang)
        if not mo.exists() or mo.read_bytes() != _mo_bytes(cat):
            out.append(f"{mo}: not compiled from {path.name}; run `python -m geo.i18n`")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--check"]:
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} problem(s)" if found else "catalogues complete and up to date")
        return 1 if found else 0
    if argv:
        print("usage: python -m geo.i18n [--check]", file=sys.stderr)
        return 2
    for path in run():
        print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    untranslated = [p for p in problems() if "no " in p and "translation" in p]
    print(f"{len(untranslated)} message(s) still to translate" if untranslated
          else "every message translated")
    return 0
