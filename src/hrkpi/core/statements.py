"""What a data file states, as the program computes on it: figures as printed, their
changes, shares, margins and restatements, as plain records.

What a data file may say, and every check on it, is its pydantic schema in
`hrkpi.core.dataschema`; the loader turns each validated model into the record of
the same name here. Figures stay `Figure`s (literal text kept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from hrkpi.core.numbers import Figure
from hrkpi.core.periods import Period
from hrkpi.core.records import Record
from hrkpi.core.relations import Margin, Restated, Share
from hrkpi.core.units import Unit

_SCHEMA = "hrkpi.core.dataschema"


class Base(StrEnum):
    """Named comparison bases for a stated change."""

    SAME_PERIOD_LAST_YEAR = "same_period_last_year"  # 同比
    END_OF_LAST_YEAR = "end_of_last_year"  # 比上年末, 较年底


class PaceStatus(StrEnum):
    """Schedule status of a flow against its annual target."""

    COMPLETED = "completed"  # 已完成
    AHEAD = "ahead"  # 超进度
    ON_PACE = "on_pace"  # 达进度
    BEHIND = "behind"  # 欠进度


class ObsStatus(StrEnum):
    """SDMX OBS_STATUS, for figures not yet final."""

    NORMAL = "normal"
    PROVISIONAL = "provisional"
    ESTIMATED = "estimated"


@dataclass(frozen=True, kw_only=True)
class Change(Record):
    """A change the report states against a base: 同比, 较上年末, or since a date."""

    SCHEMA = _SCHEMA
    base: Base | dt.date
    abs: Figure | None = None
    abs_unit: Unit | None = None
    pct: Figure | None = None
    pp: Figure | None = None
    previous: Figure | None = None
    comparable: bool = False


@dataclass(frozen=True, kw_only=True)
class StatedFigure(Record):
    """What a report states about one indicator."""

    SCHEMA = _SCHEMA
    value: Figure | None = None
    unit: Unit | None = None
    as_of: dt.date | None = None
    period: Period | None = None
    completion: Figure | None = None
    changes: list[Change] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    margins: list[Margin] = field(default_factory=list)
    restated: list[Restated] = field(default_factory=list)
    meets_threshold: bool | None = None
    pace_status: PaceStatus | None = None
    status: ObsStatus = ObsStatus.NORMAL
    quote: str | None = None
    location: str | None = None
    note: str | None = None

    @property
    def date(self) -> dt.date | None:
        """The date the figure stands at, if it gives one (its as_of, else its period's end)."""
        return self.as_of or (self.period.end if self.period is not None else None)
