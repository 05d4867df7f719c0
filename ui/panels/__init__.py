"""The panels the pages draw, by subject: a feature's card, a view's figures, the
overlays' panels and the dated events. Layout only: the content comes from geo."""
from ui.panels.card import feature_panel
from ui.panels.events import event_block, history_panel
from ui.panels.maptext import map_as_text
from ui.panels.overlays import OVERLAY_PANELS, okhotsk_panel, sea_panel
from ui.panels.views import scenario_panel, viewpoint_panel

__all__ = ["OVERLAY_PANELS", "event_block", "feature_panel", "history_panel", "map_as_text",
           "okhotsk_panel", "scenario_panel", "sea_panel", "viewpoint_panel"]
