"""Observations: stated figures placed at an indicator, region and date, with
the file and line each came from (so a finding can point at it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from hrkpi.models import StatedFigure
from hrkpi.numbers import RoundingMode


@dataclass(frozen=True)
class Observation:
    """What one source states about one indicator for one region at one date."""

    indicator: str
    region: str
    as_of: dt.date
    stated: StatedFigure
    rounding: RoundingMode
    source: str
    file: str
    line: int
    marks: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    def line_of(self, key: str) -> int:
        """The line of a stated field ("completion", "changes.0.pct"), else the figure's line."""
        mark = self.marks.get(key)
        return mark[0] if mark else self.line


@dataclass
class Dataset:
    """Every observation loaded, in file order."""

    observations: list[Observation]

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.observations)

    def __len__(self) -> int:
        return len(self.observations)

    def latest(self) -> dict[tuple[str, str], Observation]:
        """For each (region, indicator), the observation with the latest as-of date."""
        best: dict[tuple[str, str], Observation] = {}
        for obs in self.observations:
            key = (obs.region, obs.indicator)
            if key not in best or obs.as_of >= best[key].as_of:
                best[key] = obs
        return best
