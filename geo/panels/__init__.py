"""What the panels say, as plain text: a feature's card (:mod:`.card`), an attributed
quote (:mod:`.quote`), a view's figures and sources (:mod:`.view`), in the blocks of
:mod:`.blocks`. The app shows them as Markdown (ui.panels, ui.markdown), the static
explorer as DOM text (geo.export.explorer); neither writes a text of its own, so the two
cannot say different things."""
