"""The named islands of the northern and middle Kurils (the feature ``kuril-north``):
approximate position and area from the literature. :mod:`geo.analysis.kuril_chain`
names the parts of ``kuril-north`` after them; the gazetteer's chain-islands
(``geometry: {chain_part: NAME}``) may name only these."""
from __future__ import annotations

# English name -> (lon, lat, km²): approximate position and rounded literature area.
KNOWN_ISLANDS: dict[str, tuple[float, float, float]] = {
    "Paramushir": (155.7, 50.4, 2053.0),
    "Shumshu": (156.35, 50.75, 388.0),
    "Onekotan": (154.75, 49.45, 425.0),
    "Simushir": (152.0, 46.95, 353.0),
    "Atlasov": (155.55, 50.86, 119.0),
    "Shiashkotan": (154.1, 48.82, 122.0),
    "Kharimkotan": (154.52, 49.12, 70.0),
    "Ketoy": (152.48, 47.35, 73.0),
    "Rasshua": (153.02, 47.76, 67.0),
    "Matua": (153.22, 48.08, 52.0),
    "Makanrushi": (154.43, 49.77, 49.0),
    "Ekarma": (153.95, 48.95, 30.0),
    "Chirpoy": (150.87, 46.52, 21.0),
    "Brat Chirpoev": (150.82, 46.46, 16.0),
    "Antsiferov": (154.98, 50.2, 7.0),
    "Broutona": (150.73, 46.72, 7.0),
    "Chirinkotan": (153.49, 48.98, 6.0),
    "Raikoke": (153.25, 48.29, 4.6),
    "Ushishir": (152.82, 47.52, 5.0),
}
