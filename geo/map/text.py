"""What the map says: names under a convention, who holds a feature in words, tooltips and
labels (every text from the data HTML-escaped here, as Leaflet inserts it as HTML)."""
from __future__ import annotations

from geo.data.events import SAKHALIN, SAKHALIN_NORTH, SAKHALIN_SOUTH
from geo.analysis.okhotsk import gate_name, shore_names
from geo.data.gazetteer import Feature
from geo.data.names import heading, name_lines, place_name  # noqa: F401 (the map's names)
from geo.data.places import label_in
from geo.i18n import N_, text_in, translator
from geo.safe import html_text
from geo.views.historical import is_historical, key_label
from geo.views.present import BASELINE, country_name, island_of

NAMES_LABELS = {"ja": N_("Japanese names"), "ru": N_("Russian names"), "both": N_("Both")}
POINT_LEGEND = {"base": N_("US base in Japan"), "fleet": N_("Russian Pacific Fleet home port"),
                "incident": N_("Incident reported by a source")}


def country(code: str | None, lang: str = "en") -> str:
    return country_name(code, lang, missing=N_("no state"))


def holder_word(code: str | None, lang: str = "en") -> str:
    _ = translator(lang)
    if code == "JOINT":
        return _("undivided: no border between Japan and Russia")
    if code == "UND":
        return _("undetermined attribution")
    return country(code, lang)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def held_words(view, holder: str, lang: str = "en") -> str:
    """'held by Japan' in a historical view; in a point of view, how it shows the land
    ('shown as Japan's territory', 'administered by Russia': a convention or a fact of
    administration, not a holding)."""
    if getattr(view, "point_of_view", False):
        return view.shown_words(holder, lang)
    _ = translator(lang)
    return {"JPN": _("held by Japan"), "RUS": _("held by Russia"),
            "JOINT": _("held by undivided: no border between Japan and Russia")}.get(
        holder, _("held by {holder}", holder=holder_word(holder, lang)))


def status_text(f: Feature, scenario, gaz, lang: str = "en", names: str | None = None) -> str:
    """Who holds a feature under the view, in words (plain text), in ``lang`` (whole
    sentences per case); ``names``: the convention places are named in (not English)."""
    _ = translator(lang)
    isl = island_of(gaz, f.id)
    view = text_in(getattr(scenario, "short_title", ""), lang)
    if is_historical(scenario):
        if f.id == SAKHALIN:
            south_h, north_h = scenario.holders[SAKHALIN_SOUTH], scenario.holders[SAKHALIN_NORTH]
            if getattr(scenario, "point_of_view", False):
                return _("{view}: south of 50°N {south}, north {north}", view=view,
                         south=held_words(scenario, south_h, lang),
                         north=held_words(scenario, north_h, lang))
            return _("{view}: south of 50°N held by {south}, north by {north}", view=view,
                     south=holder_word(south_h, lang), north=holder_word(north_h, lang))
        h = scenario.holder_of_feature(isl or f.id)
        if h is not None:
            if (isl and getattr(scenario, "point_of_view", False)
                    and scenario.is_disputed(isl)):
                return _("{view}: {status}; disputed", view=view,
                         status=held_words(scenario, h, lang))
            return _("{view}: {status}", view=view, status=held_words(scenario, h, lang))
    if isl is None:
        if f.kind in ("strait", "strait-group", "sea") or not f.administered_by:
            return ""
        claims = [c for c in f.claimed_by if c != f.administered_by]
        if claims:
            return _("Administered by {state}; claimed by {claimants}",
                     state=country(f.administered_by, lang),
                     claimants=_(", ").join(country(c, lang) for c in claims))
        return _("Administered by {state}", state=country(f.administered_by, lang))
    if scenario.id == BASELINE:
        return _("Administered by Russia; claimed by Japan (disputed)")
    state = country(scenario.holder(isl), lang)
    if scenario.is_disputed(isl):
        return _("{view}: held by {state} (still disputed)", view=view, state=state)
    return _("{view}: held by {state} (dispute settled)", view=view, state=state)


def island_tip_extra(f: Feature, view, gaz, lang: str = "en", names: str | None = None) -> str:
    """The line under a disputed island's name: the group it is part of, who holds it."""
    extra = status_text(f, view, gaz, lang, names)
    if not f.part_of:
        return extra
    _ = translator(lang)
    return _("Part of the {group}. {status}", group=place_name(gaz.get(f.part_of), names, lang),
             status=extra)


def tooltip_html(f: Feature, names: str, extra: str = "") -> str:
    """Tooltip markup; every text in it is escaped."""
    main, second = name_lines(f, names)
    out = f"<b>{html_text(main)}</b> {html_text(second)}"
    return out + (f"<br>{html_text(extra)}" if extra else "")


def label_html(main: str, second: str) -> str:
    return f"<div>{html_text(main)}<span>{html_text(second)}</span></div>"


def history_tip(view, gaz, fid: str, names: str, lang: str = "en") -> str:
    """Tooltip of land coloured by its holder in a historical view (Sakhalin's halves too)."""
    if fid in (SAKHALIN_SOUTH, SAKHALIN_NORTH):
        _ = translator(lang)
        extra = _("{key}. {view}: {status}", key=key_label(fid, lang, names, gaz),
                  view=text_in(view.short_title, lang),
                  status=held_words(view, view.features[fid], lang))
        return tooltip_html(gaz.get(SAKHALIN), names, extra)
    return tooltip_html(gaz.get(fid), names, status_text(gaz.get(fid), view, gaz, lang, names))


def point_lines(props: dict, lang: str = "en", names: str | None = None,
                gaz=None) -> list[str]:
    """A security point's texts: label (in the names convention ``names``), kind,
    precision, note, citation (plain text)."""
    _ = translator(lang)
    prec = (_("Site coordinates") if props["precision"] == "site" else
            _("Approximate: an illustrative point, not a reported position"))
    kind = POINT_LEGEND[props["kind"]]
    label = label_in(props["id"], gaz, lang, names, default=props["label"])
    return [label, _(kind), prec,
            text_in(props.get("note") or "", lang),
            _("Coordinates: {citation}", citation=text_in(props["citation"], lang))]


def point_tip(props: dict, lang: str = "en", names: str | None = None, gaz=None) -> str:
    """Tooltip of a security point (all escaped)."""
    label, *lines = point_lines(props, lang, names, gaz)
    return f"<b>{html_text(label)}</b>" + "".join(f"<br>{html_text(x)}" for x in lines if x)


def gate_tip(gs, lang: str = "en", names: str | None = None, gaz=None) -> str:
    """Tooltip of a gate (geo.analysis.okhotsk.GateShores): name, width, shores and
    holders (places in the names convention ``names``), escaped."""
    _ = translator(lang)
    g = gs.gate
    shores = [_("{island} ({holder})", island=n or _("an unnamed island"),
                holder=holder_word(h, lang))
              for n, h in zip(shore_names(g, lang, names, gaz), gs.holders)]
    between = (_("Between {a} and {b}", a=shores[0], b=shores[1]) if len(shores) == 2
               else _("Between {shores}", shores=_(" and ").join(shores)))
    width = _.num(g.width_km, 1)
    to = (_("To the Sea of Japan, {width} km", width=width) if g.leads_to == "sea-of-japan"
          else _("To the Pacific, {width} km", width=width))
    jp = _("Japanese shore: yes") if gs.japanese else _("Japanese shore: no")
    return (f"<b>{html_text(gate_name(g, lang, names, gaz))}</b><br>{html_text(to)}"
            f"<br>{html_text(between)}<br>{html_text(jp)}")
