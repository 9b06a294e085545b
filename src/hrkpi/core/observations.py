"""Observations: stated figures placed at an indicator, region and date, with
the file and line each came from (so a finding can point at it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from hrkpi.core.errors import sheet_place
from hrkpi.core.models import StatedFigure
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.periods import Period
from hrkpi.core.targets import AssignedTarget


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
    # The published period (累计 1-6月, 当月 ...), when the data gives one.
    period: Period | None = None
    # The date of the document (data file) the figure comes from, when not its own:
    # a figure standing at 2020-06-12 in a report dated 2020-06-30.
    document_date: dt.date | None = None
    # Each change's base figure found elsewhere in the data (last year's figure, the
    # year-end figure, the figure at the base date), by the change's index.
    links: dict[int, Link] = field(default_factory=dict, compare=False)
    # A row of a table (CSV, Parquet, a workbook's sheet): its region and period are the
    # row's own, and a finding on it names them (a YAML document's or a report's text's
    # are the whole document's).
    row: bool = False
    # A workbook's sheet the figure stands on ("" for any other file): `file` is the
    # workbook's path alone, as a tool opens it.
    sheet: str = ""

    @property
    def shown_file(self) -> str:
        """The file as messages name it: `data/2021.xlsx:1-6月` for a workbook's sheet."""
        return sheet_place(self.file, self.sheet)

    @property
    def dated(self) -> dt.date:
        """The date of the document the figure belongs to (`check --as-of` selects on it)."""
        return self.document_date or self.as_of

    @property
    def other_year(self) -> bool:
        """True when the figure stands in another year than its document: it is not
        that document's progress against the year's targets."""
        return self.document_date is not None and self.document_date.year != self.as_of.year

    def line_of(self, key: str) -> int:
        """The line of a stated field ("completion", "changes.0.pct"), else the figure's line."""
        mark = self.marks.get(key)
        return mark[0] if mark else self.line


@dataclass(frozen=True)
class Link:
    """A change's base figure as the data states it elsewhere: `prior` is that
    observation; `stated` is True when the report also states the base value itself
    (then the two are a restatement of one figure)."""

    prior: Observation
    stated: bool


@dataclass
class Dataset:
    """Every observation loaded, in file order."""

    observations: list[Observation]
    # Targets written beside the figures (a workbook's 目标 columns).
    targets: list[AssignedTarget] = field(default_factory=list)
    # Files read in another encoding than UTF-8 (a GBK CSV): file -> encoding.
    encodings: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.observations)

    def __len__(self) -> int:
        return len(self.observations)

    def latest(self) -> dict[tuple[str, str], Observation]:
        """For each (region, indicator), the observation with the latest as-of date.

        At the same date a longer period wins (累计 1-6月 over 当月 6月), since a
        flow's year-to-date figure is the one compared with its annual target;
        otherwise the later one in file order.
        """
        best: dict[tuple[str, str], Observation] = {}
        for obs in self.observations:
            key = (obs.region, obs.indicator)
            if key not in best or _rank(obs) >= _rank(best[key]):
                best[key] = obs
        return best

    @property
    def has_periods(self) -> bool:
        """True when any observation carries a published period."""
        return any(o.period is not None for o in self.observations)


def _rank(obs: Observation) -> tuple[dt.date, int]:
    return obs.as_of, obs.period.months if obs.period else 0
