"""What the map shows in one run: the view, the names convention, the selection and the
overlays switched on (keys of :data:`geo.map.overlays.registry.OVERLAY_KEYS`; an unknown
key is refused when the map is drawn, :func:`geo.map.layers.feature_groups`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

NAMES = ("ja", "ru", "both")


@dataclass(frozen=True)
class MapState:
    scenario: object  # a view of geo.views.catalog (present-day, historical, point of view)
    names: str = "both"
    selected: str | None = None
    overlays: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        overlays = frozenset(self.overlays)
        if self.names not in NAMES:
            raise ValueError(f"unknown names convention {self.names!r}; known: {', '.join(NAMES)}")
        object.__setattr__(self, "overlays", overlays)

    @classmethod
    def of(cls, scenario, names: str = "both", selected: str | None = None,
           overlays: Iterable[str] = (), **flags: bool) -> "MapState":
        """A state from overlay flags (``straits=True``) as well as keys."""
        return cls(scenario, names, selected,
                   frozenset(overlays) | {k for k, on in flags.items() if on})

    def shows(self, key: str) -> bool:
        return key in self.overlays
