"""The static explorer (``python -m geo.export atlas OUT.html``): ONE self-contained HTML
page that needs no server, for publishing on any static host. It shows what the app
shows: the map under every view (present-day, historical, points of view) with the app's
layers, styles and tooltips (:mod:`.atlas_map`), every feature's card with its quotes and
every view's figures and sources (:mod:`.explorer`: the app's own texts, geo.panels),
switchable names, straits with their widths, and the state in the URL's hash.

Leaflet is inlined (images as data: URIs) and there are no tiles: the page makes no
network request and can be opened from disk. No template engine takes part: the data goes
in once as script-safe JSON (geo.safe.script_json) and ``atlas.js`` puts its texts into
the page as DOM text, never as HTML."""
from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import quote

from xstatic.pkg import leaflet

from geo.data.corpus import Corpus, default_corpus
from geo.data.events import default_timeline
from geo.data.story import Story
from geo.data.layers import Atlas, load_atlas
from geo.data.places import Places
from geo.export.atlas_map import LABELS, OVERLAYS, map_part
from geo.export.explorer import panel_part, story_part
from geo.export.geojson import ATTRIBUTION
from geo.i18n import DEFAULT, LABELS as LANG_LABELS, LANGS, NAMES_BY_LANG, N_, translator
from geo.map.leaflet import PLACE
from geo.map.style import MAP_CSS
from geo.safe import html_text, script_json
from geo.views.catalog import available_views
from geo.views.present import BASELINE
from geo.views.story import default_story


def leaflet_assets() -> tuple[str, str]:
    """(JavaScript, CSS) of Leaflet from XStatic-Leaflet, CSS images as data: URIs."""
    base = Path(leaflet.BASE_DIR)
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*\s*$", "", js)
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(m: re.Match) -> str:
        data = base64.b64encode((base / m.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)
    if re.search(r"</(script|style)", js + css, re.IGNORECASE):
        raise RuntimeError("Leaflet assets contain a closing tag; cannot inline them")
    return js, css


ATLAS_TITLE = N_("Northern Territories / Southern Kurils: a static explorer")
# Words the page's program says that are not the panels' (the language switch, the map's
# role and Leaflet's zoom buttons).
PAGE_WORDS = {"languages": N_("Language"), "map": N_("map"), "zoom_in": N_("Zoom in"),
              "zoom_out": N_("Zoom out")}
HERE = Path(__file__).parent
ATLAS_JS = HERE / "atlas.js"
ATLAS_CSS = HERE / "atlas.css"
DEFAULT_OVERLAYS = (*OVERLAYS, LABELS)  # all on


def map_css() -> str:
    """The app's map CSS (geo.map.style.MAP_CSS: the sea, labels, tooltips), unwrapped."""
    return MAP_CSS.removeprefix("<style>").removesuffix("</style>")


def atlas_data(atlas: Atlas | None = None, views=None, places: Places | None = None,
               corpus: Corpus | None = None, *, lang: str = DEFAULT,
               story: Story | None = None) -> dict:
    """Everything the static explorer shows, as plain data (texts are plain text: the
    page puts them in as DOM text, never as HTML): the app's map under every view and
    names convention (:mod:`.atlas_map`), every feature's card and every view's panel
    (:mod:`.explorer`). ``views``: the catalogue's (geo.views.catalog.available_views),
    today's first; ``places``: those the cards measure the nearest US base from (default:
    the data folder's, as the map's security points). Its texts are in ``lang``, and the
    names convention it starts with is the language's (geo.i18n.NAMES_BY_LANG). ``story``:
    the guided story's steps (default: the data folder's, geo.views.story.default_story),
    their quotes written once with the panels'."""
    atlas = atlas or load_atlas()
    corpus = corpus or default_corpus()
    story = story or default_story()
    views = tuple(getattr(views, "items", views) or available_views().views.items)
    default = next((v.id for v in views if v.id == BASELINE), views[0].id)
    _ = translator(lang)
    panel = panel_part(atlas, views, corpus, places, lang=lang)
    steps = story_part(atlas, story, default_timeline(), corpus, lang=lang)
    panel["quotes"].update(steps.pop("quotes"))
    # the attribution: the licence's credit line, as its licensor writes it, in every language
    return {"title": _(ATLAS_TITLE), "attribution": ATTRIBUTION,
            "default": {"view": default, "names": NAMES_BY_LANG[lang],
                        "overlays": list(DEFAULT_OVERLAYS)},
            "map": map_part(atlas, views, lang=lang), "panel": panel, "story": steps}


def page_part(lang: str = DEFAULT, links: dict[str, str] | None = None) -> dict:
    """The page's language, its program's own words in it, and the language switch:
    ``links`` maps each language to its page's address (relative: a sibling file); none,
    the page has no switch. Each language is named in its own language."""
    _ = translator(lang)
    return {"lang": lang, "words": {k: _(v) for k, v in PAGE_WORDS.items()},
            "languages": [{"lang": code, "label": LANG_LABELS[code], "href": links[code],
                           "current": code == lang} for code in LANGS if code in (links or {})]}


def sibling_paths(out: Path) -> dict[str, Path]:
    """The file of each language's page when all are written: ``out`` for English, the
    others beside it with the language before the suffix (explorer.ja.html)."""
    suffix = out.suffix or ".html"
    return {code: out if code == DEFAULT else out.with_name(f"{out.stem}.{code}{suffix}")
            for code in LANGS}


def atlas_pages(out: Path) -> dict[Path, bytes]:
    """Every language's page (:func:`sibling_paths`), each with the language switch
    linking its siblings, as the bytes to write at each path."""
    paths = sibling_paths(out)
    links = {code: quote(p.name) for code, p in paths.items()}
    return {p: atlas_html(lang=code, links=links).encode("utf-8") for code, p in paths.items()}


def atlas_html(atlas: Atlas | None = None, views=None, places: Places | None = None, *,
               lang: str = DEFAULT, links: dict[str, str] | None = None) -> str:
    """The standalone explorer page (HTML text), assembled without any template engine:
    the page's own parts are constants, the data goes in once as script-safe JSON
    (:func:`geo.safe.script_json`) and :file:`geo/export/atlas.js` draws it. In ``lang``;
    ``links``: each language's page (:func:`page_part`), for the language switch."""
    _ = translator(lang)  # one of geo.i18n.LANGS (else ValueError): safe in the attribute
    js, css = leaflet_assets()
    program = PLACE.read_text(encoding="utf-8") + "\n" + ATLAS_JS.read_text(encoding="utf-8")
    own_css = map_css() + ATLAS_CSS.read_text(encoding="utf-8")
    if re.search(r"</(script|style)", program + own_css, re.IGNORECASE):
        raise RuntimeError("the atlas's script or style contains a closing tag")
    data = script_json({**atlas_data(atlas, views, places, lang=lang),
                        "page": page_part(lang, links)})
    title = html_text(_(ATLAS_TITLE))
    text = "".join([
        f"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n",
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{title}</title>\n",
        f"<style>{css}</style>\n<style>{own_css}</style>\n</head>\n<body>\n",
        '<main id="nt-app">\n',
        f'<div id="map" role="region" aria-label="{title}"></div>\n',
        '<aside id="nt-side"></aside>\n</main>\n',
        f"<script>{js}</script>\n",
        f'<script type="application/json" id="nt-data">{data}</script>\n',
        f"<script>{program}</script>\n</body>\n</html>\n"])
    bad = external_urls(text)
    if bad:
        raise RuntimeError(f"the atlas would load external resources: {bad[:3]}")
    return text


_RESOURCE_ATTR = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object)\b"
                            r"[^>]*?\b(src|href|data)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def external_urls(text: str) -> list[str]:
    """URLs of resources (script/link/img... src/href) that are not inline data."""
    return [m.group(3) for m in _RESOURCE_ATTR.finditer(text)
            if not m.group(3).lower().startswith("data:")]
