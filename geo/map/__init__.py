"""The folium/Leaflet map: styles, texts, the Leaflet glue, the served assets and one
module per overlay behind a small registry."""
