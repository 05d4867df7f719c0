"""How statements are filed (the About page's rule, data/attribution.yaml), as blocks:
the rule in the data's own words and each party with whom it files."""
from __future__ import annotations

from geo.data.attribution import PARTIES, Attribution
from geo.i18n import N_, text_in, translator
from geo.panels.blocks import Block, Para, Table

RULE_TITLE = N_("How statements are filed")
NEUTRALITY = N_("Every claim is attributed to whoever makes it; the app takes no side.")


def rule_blocks(att: Attribution, *, lang: str = "en") -> list[Block]:
    """The rule (the data's text, in ``lang`` where it has it) and the parties' table."""
    _ = translator(lang)
    return [Para(" ".join(text_in(att.rule, lang).split())),
            Table((_("Party"), _("Who is filed under it")),
                  tuple((text_in(att.parties[p].label, lang),
                         text_in(att.parties[p].description, lang)) for p in PARTIES))]
