"""Indicator definitions as the program computes on them: plain records.

What an indicators file may say, and every check on it, is its pydantic schema in
`hrkpi.core.indicatorschema`; the loader turns each validated model into the record
of the same name here. Figures stay `Figure`s (literal text kept); units are `Unit`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from hrkpi.core.numbers import Figure
from hrkpi.core.records import Record
from hrkpi.core.relations import Ratio

# What data files state lives in hrkpi.core.statements; re-exported here, where the
# records have always been found.
from hrkpi.core.statements import Base as Base
from hrkpi.core.statements import Change as Change
from hrkpi.core.statements import ObsStatus as ObsStatus
from hrkpi.core.statements import PaceStatus as PaceStatus
from hrkpi.core.statements import StatedFigure as StatedFigure
from hrkpi.core.units import Unit

_SCHEMA = "hrkpi.core.indicatorschema"


class Measure(StrEnum):
    """What kind of quantity an indicator is."""

    FLOW = "flow"  # 累计: accumulates over the year; may have an annual target
    STOCK = "stock"  # 时点: a level at a date
    RATE = "rate"  # a rate or share in %; changes are in percentage points


class Direction(StrEnum):
    """Which way is better."""

    HIGHER = "higher"
    LOWER = "lower"  # 逆向指标: judged against a ceiling, no completion %


class Level(StrEnum):
    """How serious a missed threshold is."""

    WARN = "warn"
    FAIL = "fail"


class ThresholdKind(StrEnum):
    """The shape of a limit."""

    FLOOR = "floor"  # 以上, 不低于 (inclusive); 超过, 高于 (exclusive)
    CEILING = "ceiling"  # 以内, 以下, 不高于 (inclusive); 不满, 低于 (exclusive)
    BAND = "band"  # between value and upper; 左右 = value +- tolerance


class CompareMethod(StrEnum):
    """GB/T 8170-2008 section 4.3: how a value is judged against a limit."""

    FULL = "full"  # 全数值比较法: compare the unrounded value (the default)
    ROUNDED = "rounded"  # 修约值比较法: round to the limit's digits first


THRESHOLD_WORDS: dict[str, tuple[ThresholdKind, bool]] = {
    "以上": (ThresholdKind.FLOOR, True),
    "不低于": (ThresholdKind.FLOOR, True),
    "不少于": (ThresholdKind.FLOOR, True),
    "超过": (ThresholdKind.FLOOR, False),
    "高于": (ThresholdKind.FLOOR, False),
    "以内": (ThresholdKind.CEILING, True),
    "以下": (ThresholdKind.CEILING, True),
    "不高于": (ThresholdKind.CEILING, True),
    "不超过": (ThresholdKind.CEILING, True),
    "不满": (ThresholdKind.CEILING, False),
    "低于": (ThresholdKind.CEILING, False),
    "左右": (ThresholdKind.BAND, True),
}


@dataclass(frozen=True, kw_only=True)
class Threshold(Record):
    """A limit an indicator is judged against, at a warn or fail level."""

    SCHEMA = _SCHEMA
    value: Figure
    kind: ThresholdKind | None = None  # resolved from word: by the schema
    word: str | None = None
    upper: Figure | None = None
    tolerance: Figure | None = None
    inclusive: bool | None = None  # resolved (default True) by the schema
    level: Level = Level.FAIL
    method: CompareMethod = CompareMethod.FULL
    label: str | None = None


@dataclass(frozen=True, kw_only=True)
class Section(Record):
    """A heading of the report, so tables group indicators as the report does."""

    SCHEMA = _SCHEMA
    id: str
    code: str
    title: str
    title_en: str | None = None


@dataclass(frozen=True, kw_only=True)
class NamedTarget(Record):
    """One of an indicator's targets: 省下达 and 市定, 目标 and 力争 (stretch)."""

    SCHEMA = _SCHEMA
    name: str
    name_en: str | None = None
    value: Figure
    primary: bool = False


DEFAULT_TARGET_NAME = ("目标", "target")


def primary_of(targets: Sequence[NamedTarget]) -> NamedTarget:
    """The target marked primary, else the first (`targets` is not empty)."""
    return next((t for t in targets if t.primary), targets[0])


def named_targets(target: Figure | None, targets: Sequence[NamedTarget]) -> list[NamedTarget]:
    """Every target with its name, the primary first (target: alone is named 目标)."""
    if targets:
        primary = primary_of(targets)
        return [primary, *(t for t in targets if t is not primary)]
    if target is not None:
        return [NamedTarget(name=DEFAULT_TARGET_NAME[0], value=target, primary=True)]
    return []


@dataclass(frozen=True, kw_only=True)
class Indicator(Record):
    """One indicator: what it measures, its unit, target and limits."""

    SCHEMA = _SCHEMA
    id: str
    name: str
    name_en: str | None = None
    section: str | None = None
    unit: Unit
    measure: Measure
    direction: Direction = Direction.HIGHER
    # With targets:, the primary one's value (so code reading one target reads it).
    target: Figure | None = None
    targets: list[NamedTarget] = field(default_factory=list)
    thresholds: list[Threshold] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    of_which: list[str] = field(default_factory=list)
    of_which_overlap: bool = False
    ratio: Ratio | None = None
    decimals: int | None = None
    integer: bool | None = None
    signed: bool = False
    description: str | None = None
    additive: bool | None = None

    @property
    def named_targets(self) -> list[NamedTarget]:
        """Every target with its name, the primary first (target: alone is named 目标)."""
        return named_targets(self.target, self.targets)

    @property
    def primary_target(self) -> NamedTarget | None:
        """The target the completion rate and pace status use."""
        if not self.targets:
            return self.named_targets[0] if self.target is not None else None
        return primary_of(self.targets)

    @property
    def is_integer(self) -> bool:
        """Whether values are whole numbers of the base unit."""
        return self.unit.is_count if self.integer is None else self.integer

    @property
    def adds_across_regions(self) -> bool:
        """Whether a parent region's value is the sum of its children's."""
        if self.additive is not None:
            return self.additive
        return self.measure is not Measure.RATE and not self.unit.is_ratio and self.ratio is None
