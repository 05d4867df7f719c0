"""What the map says: names under a convention, who holds a feature in words, tooltips and
labels (every text from the data HTML-escaped here, as Leaflet inserts it as HTML)."""
from __future__ import annotations

from geo.data.events import SAKHALIN, SAKHALIN_NORTH, SAKHALIN_SOUTH
from geo.data.gazetteer import COUNTRY_NAMES, Feature
from geo.i18n import N_
from geo.safe import html_text
from geo.views.historical import KEY_LABELS, is_historical
from geo.views.present import BASELINE, island_of

NAMES_LABELS = {"ja": N_("Japanese names"), "ru": N_("Russian names"), "both": N_("Both")}
POINT_LEGEND = {"base": N_("US base in Japan"), "fleet": N_("Russian Pacific Fleet home port"),
                "incident": N_("Incident reported by a source")}


def name_lines(f: Feature, names: str) -> tuple[str, str]:
    """(main, secondary) name of a feature under a convention: 'ja', 'ru' or 'both'."""
    ja, ru = f.names.ja, f.names.ru
    if names == "ja":
        return ja.romaji, ja.script
    if names == "ru":
        return ru.translit, ru.script
    return f"{ja.romaji} / {ru.translit}", f"{ja.script} / {ru.script}"


def heading(f: Feature, names: str) -> str:
    """A one-line name for headings and select boxes (plain text, not HTML)."""
    main, second = name_lines(f, names)
    return f"{main} ({second})"


def country(code: str | None) -> str:
    return COUNTRY_NAMES.get(code or "", code or "no state")


def holder_word(code: str | None) -> str:
    if code == "JOINT":
        return "undivided: no border between Japan and Russia"
    if code == "UND":
        return "undetermined attribution"
    return country(code)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def held_words(view, holder: str) -> str:
    """'held by Japan' in a historical view; in a point of view, how it shows the land
    ('shown as Japan's territory', 'administered by Russia': a convention or a fact of
    administration, not a holding)."""
    if getattr(view, "point_of_view", False):
        return view.shown_words(holder)
    return f"held by {holder_word(holder)}"


def status_text(f: Feature, scenario, gaz) -> str:
    """Who holds a feature under the view, in words (plain text)."""
    isl = island_of(gaz, f.id)
    if is_historical(scenario):
        if f.id == SAKHALIN:
            south = held_words(scenario, scenario.holders[SAKHALIN_SOUTH])
            north = held_words(scenario, scenario.holders[SAKHALIN_NORTH])
            return (f"{scenario.short_title}: south of 50°N {south}, north "
                    f"{north.removeprefix('held ')}")
        h = scenario.holder_of_feature(isl or f.id)
        if h is not None:
            settled = ("; disputed" if isl and getattr(scenario, "point_of_view", False)
                       and scenario.is_disputed(isl) else "")
            return f"{scenario.short_title}: {held_words(scenario, h)}{settled}"
    if isl is None:
        if f.kind in ("strait", "strait-group", "sea") or not f.administered_by:
            return ""
        claims = [c for c in f.claimed_by if c != f.administered_by]
        text = f"Administered by {country(f.administered_by)}"
        return text + (f"; claimed by {', '.join(country(c) for c in claims)}" if claims else "")
    if scenario.id == BASELINE:
        return "Administered by Russia; claimed by Japan (disputed)"
    settled = "still disputed" if scenario.is_disputed(isl) else "dispute settled"
    return f"{scenario.short_title}: held by {country(scenario.holder(isl))} ({settled})"


def island_tip_extra(f: Feature, view, gaz) -> str:
    """The line under a disputed island's name: the group it is part of, who holds it."""
    extra = status_text(f, view, gaz)
    return f"Part of the {gaz.get(f.part_of).label_en}. {extra}" if f.part_of else extra


def tooltip_html(f: Feature, names: str, extra: str = "") -> str:
    """Tooltip markup; every text in it is escaped."""
    main, second = name_lines(f, names)
    out = f"<b>{html_text(main)}</b> {html_text(second)}"
    return out + (f"<br>{html_text(extra)}" if extra else "")


def label_html(main: str, second: str) -> str:
    return f"<div>{html_text(main)}<span>{html_text(second)}</span></div>"


def history_tip(view, gaz, fid: str, names: str) -> str:
    """Tooltip of land coloured by its holder in a historical view (Sakhalin's halves too)."""
    if fid in (SAKHALIN_SOUTH, SAKHALIN_NORTH):
        extra = f"{KEY_LABELS[fid]}. {view.short_title}: {held_words(view, view.features[fid])}"
        return tooltip_html(gaz.get(SAKHALIN), names, extra)
    return tooltip_html(gaz.get(fid), names, status_text(gaz.get(fid), view, gaz))


def point_lines(props: dict) -> list[str]:
    """A security point's texts: label, kind, precision, note, citation (plain text)."""
    prec = ("Site coordinates" if props["precision"] == "site" else
            "Approximate: an illustrative point, not a reported position")
    return [props["label"], POINT_LEGEND[props["kind"]], prec, props.get("note") or "",
            f"Coordinates: {props['citation']}"]


def point_tip(props: dict) -> str:
    """Tooltip of a security point (all escaped)."""
    label, *lines = point_lines(props)
    return f"<b>{html_text(label)}</b>" + "".join(f"<br>{html_text(x)}" for x in lines if x)


def gate_tip(gs) -> str:
    """Tooltip of a gate (geo.analysis.okhotsk.GateShores): name, width, shores and
    holders, escaped."""
    g = gs.gate
    shores = " and ".join(f"{n or 'an unnamed island'} ({holder_word(h)})"
                          for n, h in zip(g.shore_names, gs.holders))
    to = "the Sea of Japan" if g.leads_to == "sea-of-japan" else "the Pacific"
    jp = "Japanese shore: yes" if gs.japanese else "Japanese shore: no"
    return (f"<b>{html_text(g.name)}</b><br>{html_text(f'To {to}, {g.width_km:,.1f} km')}"
            f"<br>{html_text(f'Between {shores}')}<br>{html_text(jp)}")
