"""What the map shows in one run: the view, the names convention, the selection and the
overlays switched on (keys of :data:`geo.map.overlays.registry.OVERLAY_KEYS`; an unknown
key is refused when the map is drawn, :func:`geo.map.layers.feature_groups`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from geo.i18n import DEFAULT as DEFAULT_LANG, LANGS

NAMES = ("ja", "ru", "both")


@dataclass(frozen=True)
class MapState:
    scenario: object  # a view of geo.views.catalog (present-day, historical, point of view)
    names: str = "both"
    selected: str | None = None
    overlays: frozenset[str] = field(default_factory=frozenset)
    lang: str = DEFAULT_LANG  # the language of the map's texts (legend, tooltips)

    def __post_init__(self) -> None:
        overlays = frozenset(self.overlays)
        if self.names not in NAMES:
            raise ValueError(f"unknown names convention {self.names!r}; known: {', '.join(NAMES)}")
        if self.lang not in LANGS:
            raise ValueError(f"unknown language {self.lang!r}; known: {', '.join(LANGS)}")
        object.__setattr__(self, "overlays", overlays)

    @classmethod
    def of(cls, scenario, names: str = "both", selected: str | None = None,
           overlays: Iterable[str] = (), lang: str = DEFAULT_LANG, **flags: bool) -> "MapState":
        """A state from overlay flags (``straits=True``) as well as keys."""
        return cls(scenario, names, selected,
                   frozenset(overlays) | {k for k, on in flags.items() if on}, lang)

    def shows(self, key: str) -> bool:
        return key in self.overlays
