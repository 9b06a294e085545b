"""The catalog: every indicator definition, in report order."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from hrkpi.core.models import Indicator, Section


@dataclass
class Catalog:
    """Every indicator definition, in report order, with where each was defined."""

    sections: dict[str, Section] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    origins: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    _suggested: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    def ordered(self) -> list[Indicator]:
        """Indicators grouped by section in the sections' order, then as defined."""
        order = {sid: i for i, sid in enumerate(self.sections)}
        return sorted(
            self.indicators.values(), key=lambda ind: order.get(ind.section or "", len(order))
        )

    def section_of(self, indicator: Indicator) -> Section | None:
        """The section an indicator stands under, if any."""
        return self.sections.get(indicator.section or "")

    def suggest(self, unknown: str) -> str | None:
        """The defined id nearest a misspelt one, if any is close.

        Cached, and worked out for at most SUGGESTIONS distinct names: data naming a
        million unknown ids (a wrong catalog) needs no million fuzzy searches.
        """
        if unknown in self._suggested:
            return self._suggested[unknown]
        if len(self._suggested) >= SUGGESTIONS or len(unknown) > 64:
            return None
        close = difflib.get_close_matches(unknown, self.indicators, n=1)
        self._suggested[unknown] = close[0] if close else None
        return self._suggested[unknown]


SUGGESTIONS = 100
