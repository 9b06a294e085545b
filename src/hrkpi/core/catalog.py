"""The catalog: every indicator definition, in report order."""

from __future__ import annotations

from dataclasses import dataclass, field

from hrkpi.core.models import Indicator, Section
from hrkpi.core.text import nearest
from hrkpi.core.units import Unit


@dataclass
class Catalog:
    """Every indicator definition, in report order, with where each was defined."""

    sections: dict[str, Section] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    origins: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    # Units the indicators folder declares (under units:), by name.
    units: dict[str, Unit] = field(default_factory=dict)
    _suggested: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    # Workbook column headers -> indicator ids (IndicatorFile.headers, every file's).
    headers: dict[str, str] = field(default_factory=dict)

    def indicator_for(self, header: str) -> Indicator | None:
        """The indicator a workbook header names: mapped, or its name or id as written."""
        text = "".join(header.split())
        ind_id = self.headers.get(text) or self.headers.get(header.strip())
        if ind_id is not None:
            return self.indicators.get(ind_id)
        for ind in self.indicators.values():
            if text in (ind.id, "".join(ind.name.split())):
                return ind
        return None

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
        if len(self._suggested) >= SUGGESTIONS:
            return None
        close = nearest(unknown, self.indicators)
        self._suggested[unknown] = close[0] if close else None
        return self._suggested[unknown]


SUGGESTIONS = 100
