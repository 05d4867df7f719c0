"""Golden outputs: what the map, the cards, the analyses, the exports and the pages produce
for a grid of views × names × overlays × selection, written to ``tests/golden/*.json``.

``tests/test_golden.py`` recomputes each family and compares it with the file, so a
change of structure that changes no behaviour is proven to, and an intended change shows
in one diff of the golden files. After an intended change::

    python3 tests/golden.py --update          # rewrite every family
    python3 tests/golden.py --update map      # or only some

Every output is reduced to lines of text (one map call, one card line, one CSV row per
line) so that ``git diff tests/golden`` reads like the change itself. Nothing random is
kept: folium's generated ids are renamed by streamlit-folium, asset file names carry a
content hash (a changed asset shows as a changed name), and geometry exports are kept
as a digest of the coordinates beside their properties.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN = HERE / "golden"
if str(ROOT) not in sys.path:  # run as a script: python3 tests/golden.py
    sys.path.insert(0, str(ROOT))

VIEWS = ("today", "joint-1956", "four-islands", "hist-1855", "hist-1875", "hist-1905",
         "hist-1945", "pov-japan-maps", "pov-russia-maps", "pov-de-facto")
NAMES = ("ja", "ru", "both")
OVERLAYS = ("straits", "sea", "okhotsk", "security")
SELECTIONS = ("etorofu", "habomai", "suisho", "urup", "sakhalin", "nemuro-strait",
              "sea-of-okhotsk", "okinawa")


def _views() -> dict:
    from geo.views.historical import historical_views
    from geo.views.present import default_scenarios
    from geo.views.viewpoints import point_of_view_views
    present = default_scenarios()
    out = {s.id: s for s in present.items}
    out.update({v.id: v for v in historical_views()})
    out.update({v.id: v for v in point_of_view_views()})
    missing = [v for v in VIEWS if v not in out]
    assert not missing, f"unknown views in the golden grid: {missing}"
    return out


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _digest(obj: object) -> str:
    raw = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


# --- families --------------------------------------------------------------------------------

def map_family() -> dict[str, list[str]]:
    """The feature groups st_folium receives (one ``NT.`` call per line), and the base map."""
    from geo import map as mv
    from geo.data.layers import load_atlas
    from tests.stfolium import render
    atlas, views = load_atlas(), _views()

    def calls(label: str, **state) -> None:
        fg = render(mv.base_map(atlas), mv.feature_groups(mv.MapState.of(**state), atlas))["fg"]
        out[label] = [ln.strip() for ln in _lines(fg) if ln.strip().startswith("NT.")]

    out: dict[str, list[str]] = {}
    base = render(mv.base_map(atlas))
    out["base-map"] = _lines(base["script"]) + [f"hash {base['hash']}"]
    for vid in VIEWS:
        for names in NAMES:
            calls(f"{vid}|{names}|-|-", scenario=views[vid], names=names)
        for ov in (*OVERLAYS, "all"):
            flags = dict.fromkeys(OVERLAYS, True) if ov == "all" else {ov: True}
            calls(f"{vid}|both|{ov}|shikotan", scenario=views[vid], selected="shikotan", **flags)
    for sel in SELECTIONS:
        calls(f"today|both|straits|{sel}", scenario=views["today"], selected=sel, straits=True)
    return out


def text_family() -> dict[str, list[str]]:
    """Words the map and the panel use: each feature's status under each view, each view's
    legend with and without overlays, headings and tooltips in each names convention."""
    from geo import map as mv
    from geo.data.layers import load_atlas
    atlas, views = load_atlas(), _views()
    gaz = atlas.gaz
    out: dict[str, list[str]] = {}
    for vid in VIEWS:
        out[f"status|{vid}"] = [f"{f.id}: {mv.status_text(f, views[vid], gaz)}"
                                for f in gaz.features]
        for label, kw in (("plain", {}), ("all", {"straits": True, "sea": True, "security": True})):
            out[f"legend|{vid}|{label}"] = [
                f"{i.label} | {i.fill} | {'dashed' if i.dashed else 'solid'}"
                + (" | line" if i.line else "") + (f" | dot {i.dot}" if i.dot else "")
                for i in mv.legend(views[vid], atlas, [k for k, on in kw.items() if on])]
    for names in NAMES:
        out[f"names|{names}"] = [f"{f.id}: {mv.heading(f, names)} || "
                                 f"{mv.tooltip_html(f, names, 'x')}" for f in gaz.features]
    return out


def card_family() -> dict[str, list[str]]:
    """Every feature's card as the command line prints it (``python -m geo.annotations show``)."""
    from geo.cli.annotations import format_card
    from geo.data.corpus import default_corpus
    from geo.analysis.cards import feature_card
    from geo.data.layers import load_atlas
    atlas, corpus = load_atlas(), default_corpus()
    return {f.id: _lines(format_card(feature_card(f.id, atlas=atlas, corpus=corpus)))
            for f in atlas.gaz.features}


def analysis_family() -> dict[str, list[str]]:
    """Consequences of the present-day scenarios, figures of the other views, comparisons."""
    from dataclasses import asdict, is_dataclass

    from geo.analysis import compare
    from geo.views import historical as hv
    from geo.data.layers import load_atlas
    from geo.views.present import consequences
    atlas, views = load_atlas(), _views()

    def dump(obj: object) -> list[str]:
        data = asdict(obj) if is_dataclass(obj) else obj
        return _lines(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False,
                                 default=str))

    out: dict[str, list[str]] = {}
    for vid in VIEWS:
        v = views[vid]
        out[f"figures|{vid}"] = (dump(hv.figures(v, atlas)) if hv.is_historical(v)
                                 else dump(consequences(v, atlas)))
    for a, b in (("today", "joint-1956"), ("today", "four-islands"), ("hist-1905", "today"),
                 ("hist-1855", "hist-1875"), ("pov-japan-maps", "pov-russia-maps"),
                 ("pov-de-facto", "four-islands")):
        out[f"compare|{a}|{b}"] = dump(compare.compare(views[a], views[b], atlas))
    return out


def export_family() -> dict[str, list[str]]:
    """The CSV exports whole; the GeoJSON exports and the atlas data as properties with a
    digest of their geometry."""
    from geo import export
    from geo.data.layers import load_atlas
    atlas = load_atlas()
    out: dict[str, list[str]] = {"csv|all": _lines(export.annotations_csv())}
    for fid in ("shikotan", "kunashiri", "disputed-islands"):
        out[f"csv|{fid}"] = _lines(export.annotations_csv(fid))
    for vid in ("today", "joint-1956", "four-islands"):
        doc = json.loads(export.scenario_geojson(vid, atlas))
        out[f"geojson|{vid}"] = [
            json.dumps(f["properties"], sort_keys=True, ensure_ascii=False)
            + f" | geometry {_digest(f['geometry'])}" for f in doc["features"]]
    data = export.atlas_data(atlas)
    out["atlas"] = _atlas_lines(data)
    return out


# Parts of the static explorer's data kept as one digest each: the app's own layers, cards,
# quotes and panels, whose texts the map, cards and pages families show line by line (the
# explorer shows the same functions' output); a digest line says which of them changed.
_ATLAS_DIGESTED = re.compile(r"map\.slots\.\w+|map\.views\.[\w-]+\.\w+|panel\.cards\.\w+\.[\w-]+"
                             r"|panel\.quotes\.[\w-]+|panel\.views\[\d+\]\.(panel|map_text\.\w+)")


def _atlas_lines(data: object, path: str = "") -> list[str]:
    """The atlas data as path = value lines, geometries (coordinate lists) and the parts
    of :data:`_ATLAS_DIGESTED` as digests."""
    if _ATLAS_DIGESTED.fullmatch(path):
        return [f"{path} = digest {_digest(data)}"]
    if isinstance(data, dict):
        if "coordinates" in data and "type" in data:
            return [f"{path} = geometry {data['type']} {_digest(data['coordinates'])}"]
        lines = []
        for k in sorted(data):
            lines += _atlas_lines(data[k], f"{path}.{k}" if path else str(k))
        return lines
    if isinstance(data, list) and data and all(isinstance(x, (dict, list)) for x in data):
        lines = []
        for i, x in enumerate(data):
            lines += _atlas_lines(x, f"{path}[{i}]")
        return lines
    return [f"{path} = {json.dumps(data, sort_keys=True, ensure_ascii=False)}"]


PAGE_CASES: dict[str, tuple[str, dict]] = {
    "map|default": ("pages/map.py", {}),
    "map|joint-1956|shikotan|straits": ("pages/map.py", {"scenario": "joint-1956",
                                                         "feature": "shikotan", "straits": "1"}),
    "map|hist-1905|sakhalin|ja": ("pages/map.py", {"scenario": "hist-1905", "feature": "sakhalin",
                                                   "names": "ja"}),
    "map|pov-japan-maps|urup|ru": ("pages/map.py", {"scenario": "pov-japan-maps",
                                                    "feature": "urup", "names": "ru"}),
    "map|four-islands|overlays": ("pages/map.py", {"scenario": "four-islands", "sea": "1",
                                                   "okhotsk": "1", "security": "1",
                                                   "feature": "habomai"}),
    "compare|default": ("pages/compare.py", {}),
    "compare|hist-1905|pov-japan-maps": ("pages/compare.py", {"a": "hist-1905",
                                                              "b": "pov-japan-maps"}),
    "timeline|1905-09-05": ("pages/timeline.py", {"date": "1905-09-05"}),
    "story|1956": ("pages/story.py", {"step": "1956"}),
    "story|today|ru": ("pages/story.py", {"step": "today", "lang": "ru", "names": "ru"}),
    "sources|rt-2023": ("pages/sources.py", {"source": "rt-2023"}),
    "about": ("pages/about.py", {}),
}


def page_family() -> dict[str, list[str]]:
    """Each page as AppTest sees it (text, metrics, widgets), for a few URLs."""
    from streamlit.testing.v1 import AppTest
    out: dict[str, list[str]] = {}
    for label, (page, query) in PAGE_CASES.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for k, v in query.items():
            at.query_params[k] = v
        at.run()
        if page != "pages/map.py":
            at.switch_page(page).run()
        assert not at.exception, (label, [e.message for e in at.exception])
        out[label] = _page_lines(at)
    return out


def _page_lines(at) -> list[str]:
    lines = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning",
                 "info"):
        for el in getattr(at, kind):
            lines += [f"{kind}: {ln}" for ln in _lines(str(el.value))]
    lines += [f"metric: {m.label} = {m.value}" for m in at.metric]
    lines += [f"expander: {e.label}" for e in at.expander]
    for kind in ("selectbox", "radio", "toggle", "checkbox", "select_slider"):
        for w in getattr(at, kind):
            lines.append(f"{kind}: {w.key} = {w.value!r}")
    lines.append("query: " + json.dumps(dict(sorted(at.query_params.to_dict().items()))
                                        if hasattr(at.query_params, "to_dict")
                                        else {k: at.query_params[k] for k in sorted(at.query_params)}))
    return lines


FAMILIES: dict[str, Callable[[], dict[str, list[str]]]] = {
    "map": map_family, "text": text_family, "cards": card_family,
    "analysis": analysis_family, "exports": export_family, "pages": page_family,
}


def path(family: str) -> Path:
    return GOLDEN / f"{family}.json"


def dumps(cases: dict[str, list[str]]) -> str:
    return json.dumps(cases, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def load(family: str) -> dict[str, list[str]]:
    return json.loads(path(family).read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update", action="store_true", help="rewrite the golden files")
    ap.add_argument("families", nargs="*", metavar="FAMILY", default=[],
                    help=f"families to compute: {', '.join(FAMILIES)} (default: all)")
    args = ap.parse_args(argv)
    unknown = [f for f in args.families if f not in FAMILIES]
    if unknown:
        ap.error(f"unknown families {unknown}: choose from {', '.join(FAMILIES)}")
    changed = 0
    for fam in args.families or FAMILIES:
        text = dumps(FAMILIES[fam]())
        old = path(fam).read_text(encoding="utf-8") if path(fam).exists() else None
        same = old == text
        changed += not same
        if args.update and not same:
            GOLDEN.mkdir(exist_ok=True)
            path(fam).write_text(text, encoding="utf-8")
        print(f"{fam}: {'unchanged' if same else ('written' if args.update else 'differs')}"
              f" ({len(json.loads(text))} cases)")
    return 0 if args.update or not changed else 1


if __name__ == "__main__":
    sys.exit(main())
