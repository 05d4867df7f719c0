"""The legend, drawn by Streamlit (not branca) from the map's own constants: the view's
rows (who holds what, disputed outlines, treaty lines, today's other land) and each
overlay's rows, and their HTML."""
from __future__ import annotations

from typing import Iterable

from geo.data.events import HOLDER_KEYS, TREATY_LINES
from geo.data.layers import Atlas
from geo.map.overlays.registry import OVERLAY_INFO
from geo.map.style import (HOLDER_FILL, LAND_TINT, MEDIAN_COLOUR, OKHOTSK_OUTLINE_COLOUR,
                           OTHER_FILL, OUTLINE, TREATY_COLOUR, LegendItem)
from geo.i18n import translator
from geo.map.text import country, place_name, upper_first
from geo.safe import html_text
from geo.views.historical import is_historical, key_label
from geo.views.present import DISPUTED


def legend(view, atlas: Atlas, overlays: Iterable[str] = (), *, base: bool = True,
           lang: str = "en", names: str | None = None) -> list[LegendItem]:
    """The view's rows (unless ``base`` is false), then the rows of the overlays named
    that the view shows, in the sidebar's order; texts in ``lang``, places named in the
    convention ``names`` (in a language other than English: geo.map.text.place_name)."""
    items = view_legend(view, atlas, lang=lang, names=names) if base else []
    keys = set(overlays)
    for o in OVERLAY_INFO:
        if o.key in keys and o.shown(view):
            items += o.legend(view, atlas, lang=lang)
    return items


def view_legend(view, atlas: Atlas, *, lang: str = "en", names: str | None = None
                ) -> list[LegendItem]:
    if is_historical(view):
        return _history_legend(view, lang, names, atlas.gaz)
    _ = translator(lang)
    gaz = atlas.gaz
    items = []
    for code in ("JPN", "RUS"):
        isl = [place_name(gaz.get(i), names, lang) for i in DISPUTED if view.holder(i) == code]
        if isl:
            listed = _(", ").join(isl)
            label = (_("Held by Japan in this view: {islands}", islands=listed) if code == "JPN"
                     else _("Held by Russia in this view: {islands}", islands=listed))
            items.append(LegendItem(HOLDER_FILL[code], False, label))
    disputed = [place_name(gaz.get(i), names, lang) for i in DISPUTED if view.is_disputed(i)]
    if disputed:
        items.append(LegendItem(None, True, _("Dashed outline: disputed ({islands})",
                                              islands=_(", ").join(disputed))))
    return items + [LegendItem(LAND_TINT["JPN"], False, _("Japan (undisputed)")),
                    LegendItem(LAND_TINT["RUS"], False, _("Russia (undisputed)")),
                    LegendItem(OTHER_FILL, False, _("Other countries"))]


def _history_legend(view, lang: str = "en", names: str | None = None, gaz=None
                    ) -> list[LegendItem]:
    _ = translator(lang)
    items = []
    pov = getattr(view, "point_of_view", False)
    for code in ("JPN", "RUS", "JOINT", "UND"):
        keys = [key_label(k, lang, names, gaz) for k in HOLDER_KEYS if view.holders[k] == code]
        if not keys:
            continue
        listed = _(", ").join(keys)
        if pov:
            if code == "UND":
                label = _("Attribution undetermined (white, dotted edge): {keys}", keys=listed)
            else:
                label = _("{shown}: {keys}", shown=upper_first(view.shown_words(code, lang)),
                          keys=listed)
            items.append(LegendItem(HOLDER_FILL[code], code == "UND", label))
            continue
        date = _.date(view.date)
        label = {"JOINT": _("Undivided, no border (dotted outline) on {date}", date=date),
                 "JPN": _("Held by Japan on {date}", date=date),
                 "RUS": _("Held by Russia on {date}", date=date)}.get(
            code, _("Held by {state} on {date}", state=country(code, lang), date=date))
        items.append(LegendItem(HOLDER_FILL[code], code == "JOINT", label))
    disputed = [key_label(k, lang, names, gaz) for k in HOLDER_KEYS
                if pov and view.is_disputed(k)]
    if disputed:
        items.append(LegendItem(None, True, _("Dashed outline: disputed ({islands})",
                                              islands=_(", ").join(disputed))))
    for lid in view.lines:
        items.append(LegendItem(TREATY_COLOUR, True, _(TREATY_LINES[lid].title),
                                line=True))
    return items + [LegendItem(LAND_TINT["JPN"], False, _("Japan (other land, today's borders)")),
                    LegendItem(LAND_TINT["RUS"], False, _("Russia (other land, today's borders)")),
                    LegendItem(OTHER_FILL, False, _("Other countries (today's borders)"))]


def line_kind(it: LegendItem) -> str:
    """How a line row's swatch is stroked: ``dashed`` (treaty and median lines),
    ``dotted`` (other dashed lines: the straits) or ``solid``."""
    return ("dashed" if it.fill in (TREATY_COLOUR, MEDIAN_COLOUR, OKHOTSK_OUTLINE_COLOUR) else
            "dotted" if it.dashed else "solid")


def swatch_css(it: LegendItem) -> str:
    """The inline style of a legend row's swatch (a dot, a line or a box), from the map's
    constants only: the app's legend and the static explorer's draw the same."""
    if it.dot:
        border = f"2px dashed {it.dot}" if it.dashed else f"2px solid {it.dot}"
        return (f"display:inline-block;width:12px;height:12px;border-radius:50%;"
                f"background:{it.fill or 'transparent'};border:{border};"
                "vertical-align:middle;margin:0 11px 0 3px")
    if it.line:
        return (f"display:inline-block;width:22px;border-top:3px {line_kind(it)} {it.fill};"
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
