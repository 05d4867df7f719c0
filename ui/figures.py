"""The download buttons of a map's print-ready figure (geo.export.figure): PNG at 300 dpi,
SVG and PDF, on the Map page (the sidebar's view), the Compare page (each of the two
maps) and the Story page (the step's view at its extent). Each file is made only when its
button is clicked (deferred: the page's run never waits for it), in a worker thread, then
cached (ui.data.figure)."""
from __future__ import annotations

import streamlit as st

from geo.export.figure_spec import DEFAULT_DPI, FORMATS, MIME
from geo.i18n import N_
from ui import data, keys
from ui.lang import tr

LABELS = {"png": N_("PNG, {dpi} dpi"), "svg": N_("SVG"), "pdf": N_("PDF")}


def figure_buttons(view, overlays, names: str, lang: str, extent: str | None, *,
                   where: str = "", title: str) -> None:
    """One button per format, in a row, for the figure of ``view`` with ``overlays`` in
    the names convention and language; ``where`` tells the page's maps apart in the
    buttons' keys (keys.DL_FIGURE: '' on the Map page, 'a_', 'b_', 'story_'), ``title``
    says which map it is ('Figure', 'Map A')."""
    _ = tr()
    problem = data.figure_problem()
    if problem is not None:  # no button that can only fail: say why, in the reader's words
        st.warning(_("{title}: print-ready figures cannot be made on this server, as a "
                     "font is missing. For whoever runs it: {problem}", title=title,
                     problem=problem), icon=":material/image_not_supported:")
        return
    vid = view.id
    shown = tuple(sorted(overlays))
    with st.container(horizontal=True, gap="small"):
        for fmt in FORMATS:
            st.download_button(
                _("{title} as {format}", title=title, format=_(LABELS[fmt], dpi=DEFAULT_DPI)),
                data=lambda fmt=fmt: data.figure(vid, fmt, shown, names, lang, extent),
                file_name=f"northern-territories-{vid}-{lang}.{fmt}", mime=MIME[fmt],
                key=keys.DL_FIGURE.of(f"{where}{fmt}"), icon=":material/image:",
                on_click="ignore",
                help=_("A print-ready figure of this map (A4 landscape): the view with its "
                       "overlays, names and language, drawn from the full-resolution "
                       "coastlines, with its legend, a scale bar, a north arrow, what the view "
                       "means, its sources and the attribution (© OpenStreetMap "
                       "contributors, ODbL). Made when clicked: a few seconds."))
