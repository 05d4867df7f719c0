"""The folium/Leaflet map: what it looks like (:mod:`.style`), what it says (:mod:`.text`),
the geometry as drawn (:mod:`.display`), the Leaflet glue and its program in
``nt_map.js`` (:mod:`.leaflet`), the served files (:mod:`.assets`), the layers in drawing
order (:mod:`.layers`: the always-on ones in :mod:`.base_layers`, one module per overlay
in :mod:`.overlays` behind :mod:`.overlays.registry`), the legend (:mod:`.legend`) and
the Compare page's pair of maps (:mod:`.dualmap`). Every function takes the atlas (and
the view) explicitly. The public names are re-exported here."""
from geo.map.assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, MAP_DATA_URL, static_dir
from geo.map.display import (CLICK_ALIASES, LABELLED, display_land, display_precision,
                             focus_point, label_point, map_data, map_data_name, selectable_ids)
from geo.map.layers import LAYERS, OVERLAYS, asset_files, feature_groups, prepare_assets
from geo.map.leaflet import (DEFAULT_VIEW, HISTORY_VIEW, START_BOUNDS, VIEWS, Call, base_map,
                             view_for)
from geo.map.legend import legend, legend_html, view_legend
from geo.map.overlays.okhotsk import okhotsk_data, okhotsk_data_name
from geo.map.overlays.registry import OVERLAY_INFO, OVERLAY_KEYS
from geo.map.overlays.sea import DISCLAIMER as SEA_DISCLAIMER
from geo.map.overlays.sea import sea_data, sea_data_name
from geo.map.overlays.sea import shown as sea_division_shown
from geo.map.state import MapState
from geo.map.style import (COAST, GATE_COLOUR, GATE_DASH, HOLDER_FILL, JOINT_DASH, LAND_TINT,
                           MEDIAN_COLOUR, OTHER_FILL, OUTLINE, POINT_COLOUR, POINT_DASH, SEA,
                           STRAIT_COLOUR, TREATY_COLOUR, UND_DASH,
                           LegendItem, holder_style, island_style, land_style, point_style)
from geo.map.text import (NAMES_LABELS, country, gate_tip, heading, held_words, holder_word,
                          label_html, name_lines, place_name, point_tip, status_text,
                          tooltip_html)
