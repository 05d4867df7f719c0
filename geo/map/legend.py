"""The legend, drawn by Streamlit (not branca) from the map's own constants: the view's
rows (who holds what, disputed outlines, treaty lines, today's other land) and each
overlay's rows, and their HTML."""
from __future__ import annotations

from typing import Iterable

from geo.data.events import HOLDER_KEYS, TREATY_LINES
from geo.data.layers import Atlas
from geo.map.overlays.registry import OVERLAY_INFO
from geo.map.style import (HOLDER_FILL, LAND_TINT, MEDIAN_COLOUR, OTHER_FILL, OUTLINE,
                           TREATY_COLOUR, LegendItem)
from geo.map.text import country, upper_first
from geo.safe import html_text
from geo.views.historical import KEY_LABELS, is_historical
from geo.views.present import DISPUTED


def legend(view, atlas: Atlas, overlays: Iterable[str] = (), *, base: bool = True
           ) -> list[LegendItem]:
    """The view's rows (unless ``base`` is false), then the rows of the overlays named
    that the view shows, in the sidebar's order."""
    items = view_legend(view, atlas) if base else []
    keys = set(overlays)
    for o in OVERLAY_INFO:
        if o.key in keys and o.shown(view):
            items += o.legend(view, atlas)
    return items


def view_legend(view, atlas: Atlas) -> list[LegendItem]:
    if is_historical(view):
        return _history_legend(view)
    gaz = atlas.gaz
    items = []
    for code in ("JPN", "RUS"):
        isl = [gaz.get(i).label_en for i in DISPUTED if view.holder(i) == code]
        if isl:
            items.append(LegendItem(HOLDER_FILL[code], False,
                                    f"Held by {country(code)} in this view: {', '.join(isl)}"))
    disputed = [gaz.get(i).label_en for i in DISPUTED if view.is_disputed(i)]
    if disputed:
        items.append(LegendItem(None, True, f"Dashed outline: disputed ({', '.join(disputed)})"))
    return items + [LegendItem(LAND_TINT["JPN"], False, "Japan (undisputed)"),
                    LegendItem(LAND_TINT["RUS"], False, "Russia (undisputed)"),
                    LegendItem(OTHER_FILL, False, "Other countries")]


def _history_legend(view) -> list[LegendItem]:
    items = []
    pov = getattr(view, "point_of_view", False)
    for code in ("JPN", "RUS", "JOINT", "UND"):
        keys = [KEY_LABELS[k] for k in HOLDER_KEYS if view.holders[k] == code]
        if not keys:
            continue
        if pov:
            who = ("Attribution undetermined (white, dotted edge)" if code == "UND"
                   else upper_first(view.shown_words(code)))
            items.append(LegendItem(HOLDER_FILL[code], code == "UND",
                                    f"{who}: {', '.join(keys)}"))
            continue
        who = "Undivided, no border (dotted outline)" if code == "JOINT" else f"Held by {country(code)}"
        items.append(LegendItem(HOLDER_FILL[code], code == "JOINT", f"{who} on {view.date}"))
    disputed = [KEY_LABELS[k] for k in HOLDER_KEYS if pov and view.is_disputed(k)]
    if disputed:
        items.append(LegendItem(None, True, f"Dashed outline: disputed ({', '.join(disputed)})"))
    for lid in view.lines:
        items.append(LegendItem(TREATY_COLOUR, True, TREATY_LINES[lid].title, line=True))
    return items + [LegendItem(LAND_TINT["JPN"], False, "Japan (other land, today's borders)"),
                    LegendItem(LAND_TINT["RUS"], False, "Russia (other land, today's borders)"),
                    LegendItem(OTHER_FILL, False, "Other countries (today's borders)")]


def swatch_css(it: LegendItem) -> str:
    """The inline style of a legend row's swatch (a dot, a line or a box), from the map's
    constants only: the app's legend and the static explorer's draw the same."""
    if it.dot:
        border = f"2px dashed {it.dot}" if it.dashed else f"2px solid {it.dot}"
        return (f"display:inline-block;width:12px;height:12px;border-radius:50%;"
                f"background:{it.fill or 'transparent'};border:{border};"
                "vertical-align:middle;margin:0 11px 0 3px")
    if it.line:
        kind = ("dashed" if it.fill in (TREATY_COLOUR, MEDIAN_COLOUR) else
                "dotted" if it.dashed else "solid")
        return (f"display:inline-block;width:22px;border-top:3px {kind} {it.fill};"
                "vertical-align:middle;margin-right:8px")
    border = f"2px dashed {OUTLINE}" if it.dashed else "1px solid #777"
    return (f"display:inline-block;width:18px;height:12px;background:"
            f"{it.fill or 'transparent'};border:{border};vertical-align:middle;"
            "margin-right:8px")


def legend_html(items: list[LegendItem]) -> str:
    """The legend as HTML from the app's own constants (texts escaped all the same)."""
    rows = []
    for it in items:
        sw = f'<span style="{swatch_css(it)}"></span>'
        # One line: it is shown with st.markdown(unsafe_allow_html=True), where a blank
        # line in a label (a gazetteer name) would end the HTML and start Markdown.
        label = html_text(" ".join(it.label.split()))
        rows.append(f'<div style="margin:3px 0">{sw}{label}</div>')
    return "".join(rows)
