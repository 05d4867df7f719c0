"""What the map shows in one run: the view, the names convention, the selection and the
overlays switched on (keys of :data:`geo.map.overlays.OVERLAYS`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from geo.map.overlays.registry import OVERLAY_KEYS

NAMES = ("ja", "ru", "both")


@dataclass(frozen=True)
class MapState:
    scenario: object  # a view of geo.views.catalog (present-day, historical, point of view)
    names: str = "both"
    selected: str | None = None
    overlays: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        overlays = frozenset(self.overlays)
        unknown = sorted(overlays - set(OVERLAY_KEYS))
        if unknown:
            raise ValueError(f"unknown overlay {unknown[0]!r}; known: {', '.join(OVERLAY_KEYS)}")
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
