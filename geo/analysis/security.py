"""The security overlay's measures: from each disputed island to the US bases in Japan.

:func:`nearest_us_base` measures, geodesically, from a disputed island's nearest shore
(full-resolution coastline) to each base point and returns the closest. The places
themselves are :mod:`geo.data.places`. :func:`security_points` gives the map rows:
plain text only (the map escapes it), never HTML.
"""
from __future__ import annotations

from shapely.geometry import Point

from geo.data.layers import Atlas
from geo.data.places import Place, Places, default_places, label_in
from geo.measure import point_distance_km
from geo.views.present import DISPUTED


def us_bases(places: Places | None = None) -> list[Place]:
    """The US bases in Japan, in file order."""
    return (places or default_places()).of_kind("base")


def base_distances_km(atlas: Atlas, feature_id: str, places: Places | None = None
                      ) -> dict[str, float]:
    """Geodesic km from the feature's nearest shore (full resolution) to each US base."""
    geom = atlas.geometry(feature_id)
    if geom is None:
        raise ValueError(f"no geometry for '{feature_id}'")
    return {b.id: point_distance_km(b.lonlat, geom) for b in us_bases(places)}


def nearest_us_base(atlas: Atlas, feature_id: str, places: Places | None = None
                    ) -> tuple[str, float]:
    """(base id, km): the US base in Japan closest to the feature's nearest shore."""
    d = base_distances_km(atlas, feature_id, places)
    bid = min(d, key=lambda k: (d[k], k))
    return bid, d[bid]


def nearest_base_named(atlas: Atlas, feature_id: str, places: Places | None = None, *,
                       lang: str = "en", names: str | None = None
                       ) -> tuple[str, float] | None:
    """(base label, km) of the US base in Japan nearest a disputed island, as its card
    shows it (the label for a reader of ``lang``, in the names convention ``names``);
    None for any other feature."""
    if feature_id not in DISPUTED:
        return None
    p = places or default_places()
    bid, km = nearest_us_base(atlas, feature_id, p)
    return label_in(bid, atlas.gaz, lang, names), km


def nearest_us_bases(atlas: Atlas, places: Places | None = None
                     ) -> dict[str, tuple[str, float]]:
    """:func:`nearest_us_base` for each of the four disputed islands."""
    return {fid: nearest_us_base(atlas, fid, places) for fid in DISPUTED}


def security_points(places: Places | None = None) -> list[tuple[dict, Point]]:
    """(properties, Point) rows for the map, all values plain text (escape on output).

    Properties: id, kind (base / fleet / incident), label, precision, note,
    citation (title, publisher, URL of the coordinates' source), ref and the
    annotation ids.
    """
    places = places or default_places()
    rows = []
    for p in places:
        ref = places.references[p.ref]
        props = {"id": p.id, "kind": places.kinds[p.id], "label": places.labels[p.id],
                 "precision": p.precision, "note": p.note, "citation": ref.cite,
                 "ref": p.ref, "annotations": list(p.annotations)}
        rows.append((props, Point(p.lon, p.lat)))
    return rows
