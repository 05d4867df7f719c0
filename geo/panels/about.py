"""How statements are filed (the About page's rule, data/attribution.yaml), as blocks:
the rule in the data's own words and each party with whom it files."""
from __future__ import annotations

from geo.data.attribution import PARTIES, Attribution
from geo.panels.blocks import Block, Para, Table

RULE_TITLE = "How statements are filed"
NEUTRALITY = "Every claim is attributed to whoever makes it; the app takes no side."


def rule_blocks(att: Attribution) -> list[Block]:
    return [Para(" ".join(att.rule.split())),
            Table(("Party", "Who is filed under it"),
                  tuple((att.parties[p].label, att.parties[p].description) for p in PARTIES))]
