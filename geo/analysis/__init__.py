"""What the views imply, computed from the geometry: consequences, the median line, the Sea
of Okhotsk's gates, security distances, comparisons and the feature cards."""
