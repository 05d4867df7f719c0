"""``python -m geo.annotations show|check|suggest``: the annotations' command line.

    python -m geo.annotations show FEATURE_ID
    python -m geo.annotations check
    python -m geo.annotations suggest FILE [--context N]
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Sequence

from geo import sources_dir
from geo.analysis.cards import FeatureCard, annotation_counts, feature_card
from geo.curate.suggest import printable, suggest
from geo.data.attribution import attribution_path
from geo.data.corpus import (TOPICS, default_annotations_path, default_corpus,
                             default_sources_path, load_corpus)
from geo.data.gazetteer import Gazetteer, load_gazetteer
from geo.data.layers import load_atlas
from geo.data.files import MAX_DOCUMENT_BYTES, read_text
from geo.errors import DataError


def _fmt_num(x: float | int | None, unit: str = "", nd: int | None = 1) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, float) and nd is None:  # a cited figure: as precise as its source
        x = int(x) if x.is_integer() else x
        nd = 1
    s = f"{x:,.{nd}f}" if isinstance(x, float) else f"{x:,}"
    return f"{s} {unit}".rstrip()


def _cited(text: str, fig) -> str:
    """A figure's line: its text, its note in brackets if any, then its source."""
    return f"{text}{' (' + fig.note + ')' if fig.note else ''}; source: {fig.reference.cite}"


def _official_area(label: str, fig) -> str:
    return f"Official area, {label}: {_fmt_num(fig.value, 'km²', None)}"


def _residents(label: str, fig) -> str:
    return f"Population: {label} on {fig.date}: {_fmt_num(fig.value)}"


def _cited_all(line, figures) -> list[str]:
    """``_cited(line(label, fig), fig)`` for each (label, figure) given (None: left out)."""
    return [_cited(line(label, fig), fig) for label, fig in figures if fig is not None]


def format_card(card: FeatureCard) -> str:
    """A feature card (geo.analysis.cards.FeatureCard) as readable plain text."""
    n = card.names
    out = [f"{card.label}  [{card.id}]",
           f"  Japanese: {n.ja_script} ({n.ja_romaji})",
           f"  Russian:  {n.ru_script} ({n.ru_translit})",
           f"  English:  {', '.join(n.en)}"]
    others = [a for a in card.aliases if a not in n.en]
    if others:
        out.append(f"  Also:     {', '.join(others)}")
    status = f"{card.kind}, disputed" if card.disputed else card.kind
    out.append(f"Status: {status}")
    if card.administered_by:
        out.append(f"  Administered by {card.administered_by}"
                   + (f": {card.admin_unit}" if card.admin_unit else ""))
    if card.claimed_by:
        out.append(f"  Claimed by {', '.join(card.claimed_by)}"
                   + (f": {card.claim_unit}" if card.claim_unit else ""))
    if card.note:
        out.append(f"  Note: {card.note}")
    if card.area_km2 is not None:
        out.append(f"Area (computed): {_fmt_num(card.area_km2, 'km²')} incl. inland water; "
                   f"land {_fmt_num(card.land_area_km2, 'km²')}")
    area = card.official_area
    out += _cited_all(_official_area, (("with islets", area.with_islets),
                                       ("main island", area.main_island)))
    for label, km in (("Strait width (narrows)", card.strait_width_km),
                      ("Distance from Hokkaido", card.distance_from_hokkaido_km),
                      ("Distance from Cape Nosappu", card.distance_from_cape_nosappu_km)):
        if km is not None:
            out.append(f"{label}: {_fmt_num(km, 'km')}")
    if card.official_distance_from_nosappu is not None:
        fig = card.official_distance_from_nosappu
        out.append(_cited(f"Official distance from Cape Nosappu: {_fmt_num(fig.value, 'km')}"
                          + (f", to {fig.to}" if fig.to else ""), fig))
    pop = card.population
    out += _cited_all(_residents, (("Japanese residents", pop.japanese_1945),
                                   ("Residents", pop.current)))
    if card.part_of:
        out.append(f"Part of: {card.part_of}")
    if card.members:
        out.append(f"Members: {', '.join(card.members)}")
    if card.groups:
        out.append(f"In groups: {', '.join(card.groups)}")
    out.append("")
    out.append(f"Annotations ({card.annotation_count}): who says what, quoted from the sources; "
               "the app takes no side.")
    out += _format_groups(card.annotations)
    if card.group_annotations:
        out.append("")
        out.append(f"About the groups it belongs to ({card.group_annotation_count}):")
        out += _format_groups(card.group_annotations)
    return "\n".join(out)


def _format_groups(groups) -> list[str]:
    out = []
    for sg in groups:
        out.append(f"== {sg.label} ({sg.count}) ==")
        for tg in sg.topics:
            out.append(f"  -- {tg.label} --")
            for e in tg.annotations:
                tags = [e.id] + (["reported"] if e.reported else []) + (
                    [f"via {', '.join(e.via)}"] if e.via else [])
                out.append(f"  * {e.attribution} · {e.outlet} · {e.when}: \u201c{e.quote}\u201d")
                out.append(f"    [{'; '.join(tags)}] source: {e.source_title}"
                           + (f", by {e.author}" if e.author else "")
                           + f" ({e.source_date}; {e.source_file})")
                if e.note:
                    out.append(f"    Editor's note: {e.note}"
                               + "".join(f" [{r.cite}]" for r in e.note_refs))
    return out


def _close_ids(word: str, gaz: Gazetteer) -> list[str]:
    """Feature ids close to ``word`` by id or by any name or alias."""
    keys: dict[str, str] = {}
    for f in gaz.features:
        keys.setdefault(f.id, f.id)
        for n in f.all_names:
            keys.setdefault(n.lower(), f.id)
    hits = difflib.get_close_matches(word.lower(), list(keys), n=8, cutoff=0.6)
    out: dict[str, None] = {}
    for h in hits:
        out.setdefault(keys[h], None)
    return list(out)[:5]


def _cmd_show(args) -> int:
    atlas = load_atlas()
    found = [args.feature_id] if args.feature_id in atlas.gaz else atlas.gaz.find(args.feature_id)
    if len(found) > 1:
        print(f"error: '{args.feature_id}' names several features: " + ", ".join(
            f"{c} ({atlas.gaz.get(c).label_en})" for c in found), file=sys.stderr)
        return 2
    if found:
        args.feature_id = found[0]
    else:
        close = _close_ids(args.feature_id, atlas.gaz)
        msg = f"error: unknown feature id '{args.feature_id}' (nor a name or alias)"
        if close:
            msg += "; close matches: " + ", ".join(
                f"{c} ({atlas.gaz.get(c).label_en})" for c in close)
        print(msg, file=sys.stderr)
        return 2
    print(format_card(feature_card(args.feature_id, atlas=atlas, corpus=default_corpus())))
    return 0


def _cmd_check(args) -> int:
    gaz = load_gazetteer()
    corpus = load_corpus(args.sources, args.annotations, gazetteer=gaz,
                         documents_dir=args.documents, check_quotes=True,
                         attribution_path=args.attribution)
    print(f"OK: {len(corpus.sources)} sources, {len(corpus)} annotations, every quote found "
          f"verbatim in its document ({corpus.documents_dir})")
    print("\nPer source:")
    for sid, n in corpus.counts_by_source().items():
        print(f"  {n:4d}  {sid}  ({corpus.sources[sid].file})")
    print("\nPer side:")
    for s, n in corpus.counts_by_side().items():
        print(f"  {n:4d}  {corpus.attribution.party_label(s)}")
    print("\nPer topic:")
    for t, n in corpus.counts_by_topic().items():
        print(f"  {n:4d}  {TOPICS[t]}")
    print("\nPer feature (linked directly / shown on its card):")
    direct = corpus.counts_by_feature()
    card = annotation_counts(corpus, gaz)
    for fid in sorted(card, key=lambda f: (-card[f], f)):
        if card[fid]:
            print(f"  {direct.get(fid, 0):4d} / {card[fid]:4d}  {fid}")
    return 0


def _cmd_suggest(args) -> int:
    try:
        text = read_text(Path(args.file), "document", MAX_DOCUMENT_BYTES)
    except DataError as exc:
        print(f"error: {printable(str(exc))}", file=sys.stderr)
        return 2
    gaz = load_gazetteer()
    cands = suggest(text, gaz, context=args.context)
    print(f"{printable(str(args.file))}: {len(cands)} candidate passage(s)")
    for i, c in enumerate(cands, 1):
        names = "; ".join(dict.fromkeys(
            f"{printable(m.name)} -> {', '.join(m.feature_ids)}" for m in c.matches))
        print(f"\n[{i}] line {c.line}")
        print(f"features: {', '.join(c.feature_ids)}")
        print(f"matches: {names}")
        print(c.passage)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo.annotations",
                                description="Annotations of the source documents.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("show", help="print a feature's card")
    s.add_argument("feature_id", help="an id, or a name in any script or an alias (Iturup, 択捉島)")
    s.set_defaults(func=_cmd_show)
    c = sub.add_parser("check", help="validate sources, annotations and quotes; print counts")
    c.add_argument("--sources", type=Path, default=default_sources_path())
    c.add_argument("--annotations", type=Path, default=default_annotations_path())
    c.add_argument("--documents", type=Path, default=sources_dir())
    c.add_argument("--attribution", type=Path, default=attribution_path(),
                   help="the attribution rule, speakers and outlets (data/attribution.yaml)")
    c.set_defaults(func=_cmd_check)
    g = sub.add_parser("suggest", help="list passages of a text document that mention "
                                       "gazetteer features")
    g.add_argument("file", type=Path)
    g.add_argument("--context", type=int, default=0, metavar="N",
                   help="sentences of context either side (default 0)")
    g.set_defaults(func=_cmd_suggest)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid data, 2 bad usage/input)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    if getattr(args, "context", 0) < 0:
        print("error: --context must be 0 or more", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
