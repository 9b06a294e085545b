"""Pydantic models of indicator definitions and stated data.

Every model forbids unknown keys, so a misspelt key is an error at its line,
not a silently ignored setting. Figures stay `Figure`s (literal text kept);
units are `Unit`s.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, field_validator, model_validator

# The shared field types live in hrkpi.core.fields; they are re-exported here, where
# input models have always found them.
from hrkpi.core.fields import FigureField as FigureField
from hrkpi.core.fields import Flag, LongText, RequiredText, Text
from hrkpi.core.fields import Identifier as Identifier
from hrkpi.core.fields import PeriodField as PeriodField
from hrkpi.core.fields import StrictModel as StrictModel
from hrkpi.core.fields import UnitField as UnitField
from hrkpi.core.messages import Msg
from hrkpi.core.relations import Ratio, UnitDeclaration

# What data files state lives in hrkpi.core.statements; re-exported here, where input
# models have always been found.
from hrkpi.core.statements import Base as Base
from hrkpi.core.statements import Change as Change
from hrkpi.core.statements import DataFile as DataFile
from hrkpi.core.statements import ObsStatus as ObsStatus
from hrkpi.core.statements import PaceStatus as PaceStatus
from hrkpi.core.statements import StatedFigure as StatedFigure


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


class Threshold(StrictModel):
    """A limit an indicator is judged against, at a warn or fail level."""

    value: FigureField = Field(description="The limit, in the indicator's unit.")
    kind: ThresholdKind | None = Field(None, description="floor, ceiling or band.")
    word: Text | None = Field(
        None, description="The report's word instead of kind/inclusive: 以上, 以内, 超过, 左右 ..."
    )
    upper: FigureField | None = Field(None, description="The upper end of a band.")
    tolerance: FigureField | None = Field(None, description="Half-width of a 左右 band.")
    inclusive: Flag | None = Field(None, description="Whether the limit itself passes.")
    level: Level = Level.FAIL
    method: CompareMethod = CompareMethod.FULL
    label: Text | None = Field(None, description="As the report names it: 年度控制目标.")

    @model_validator(mode="after")
    def _resolve(self) -> Threshold:
        if self.word is not None:
            if self.word not in THRESHOLD_WORDS:
                raise ValueError(
                    Msg(
                        "unknown threshold word {word!r}; use one of {words}",
                        word=self.word,
                        words=tuple(THRESHOLD_WORDS),
                    )
                )
            kind, inclusive = THRESHOLD_WORDS[self.word]
            if self.kind is not None and self.kind is not kind:
                raise ValueError(
                    Msg(
                        "word {word!r} means kind {kind!r}, not {given!r}",
                        word=self.word,
                        kind=kind.value,
                        given=self.kind.value,
                    )
                )
            object.__setattr__(self, "kind", kind)
            if self.inclusive is None:
                object.__setattr__(self, "inclusive", inclusive)
        if self.kind is None:
            raise ValueError(
                Msg("give the threshold a kind (floor, ceiling, band) or a word (以内, 以上)")
            )
        if self.inclusive is None:
            object.__setattr__(self, "inclusive", True)
        if self.kind is ThresholdKind.BAND and self.upper is None and self.tolerance is None:
            raise ValueError(Msg("a band needs an upper end (upper) or a tolerance (左右 +-)"))
        return self


class Section(StrictModel):
    """A heading of the report, so tables group indicators as the report does."""

    id: Identifier
    code: Text = Field(description="The heading's number as printed: 一、(一)1.")
    title: RequiredText
    title_en: Text | None = None


class NamedTarget(StrictModel):
    """One of an indicator's targets: 省下达 and 市定, 目标 and 力争 (stretch)."""

    name: RequiredText = Field(description="As the plan names it: 省下达, 市定, 力争.")
    name_en: Text | None = Field(None, description="The name in English: provincial, stretch.")
    value: FigureField = Field(description="The target, in the indicator's unit.")
    primary: Flag = Field(
        False,
        description="The target the completion rate and pace status use "
        "(default: the first one listed).",
    )


DEFAULT_TARGET_NAME = ("目标", "target")


class Indicator(StrictModel):
    """One indicator: what it measures, its unit, target and limits."""

    id: Identifier
    name: RequiredText = Field(description="The name in Chinese, as the report writes it.")
    name_en: Text | None = None
    section: Identifier | None = Field(None, description="The id of a section.")
    unit: UnitField
    measure: Measure
    direction: Direction = Direction.HIGHER
    target: FigureField | None = Field(
        None, description="The target, in `unit` (annual for a flow, year-end for a stock)."
    )
    targets: list[NamedTarget] = Field(
        default_factory=list,
        description="Several named targets (省下达, 力争); the first, or the one marked "
        "primary, gives the completion rate. Instead of target:.",
    )
    thresholds: list[Threshold] = Field(default_factory=list)
    parts: list[Identifier] = Field(
        default_factory=list, description="Ids of indicators that add up to this one."
    )
    of_which: list[Identifier] = Field(
        default_factory=list,
        description="其中: ids of indicators that are part of this one without covering it; "
        "together at most this one.",
    )
    of_which_overlap: Flag = Field(
        False,
        description="The 其中 parts may overlap (一人可属多项): each is at most this one, "
        "their sum may exceed it.",
    )
    ratio: Ratio | None = Field(
        None, description="This indicator is one indicator divided by another (倍, %, ‰, 元/人)."
    )
    decimals: int | None = Field(
        None, ge=-8, le=8, description="Display decimals of the value; default: as stated."
    )
    integer: Flag | None = Field(
        None, description="Whole numbers in the base unit (counts); default: from the unit."
    )
    signed: Flag = Field(
        False,
        description="Values may be below zero (a growth rate, a balance); default: no, "
        "a count or a rate is never negative.",
    )
    description: LongText | None = None
    additive: Flag | None = Field(
        None,
        description="Whether regions' values add up to their parent region's "
        "(default: yes for flows and stocks, no for rates).",
    )

    @field_validator("name")
    @classmethod
    def _name_has_chinese(cls, name: str) -> str:
        if not any("\u4e00" <= ch <= "\u9fff" for ch in name):
            raise ValueError(
                Msg("name {name!r} has no Chinese; put the English name in name_en", name=name)
            )
        return name

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.target is not None and self.targets:
            raise ValueError(
                Msg("give either target: (one target) or targets: (several named ones), not both")
            )
        named = self.named_targets
        for t in named:
            if t.value.value <= 0:
                raise ValueError(
                    Msg(
                        "target {target!r} must be greater than zero: "
                        "a completion rate divides by it",
                        target=t.value.literal,
                    )
                )
        names = [t.name for t in named]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(
                Msg(
                    "target name {name!r} is used twice; give each target its name",
                    name=twice[0],
                )
            )
        if sum(t.primary for t in self.targets) > 1:
            raise ValueError(Msg("mark at most one target primary: true"))
        if self.measure is Measure.RATE and not self.unit.is_ratio:
            raise ValueError(
                Msg(
                    "a rate is in %, ‰, 倍 or 元/人 (or 个百分点), not {unit!r}",
                    unit=self.unit.symbol,
                )
            )
        if self.direction is Direction.LOWER and named:
            raise ValueError(
                Msg(
                    "a lower-is-better indicator gets no completion rate: "
                    "replace target with a ceiling threshold"
                )
            )
        if self.id in self.parts or self.id in self.of_which:
            raise ValueError(Msg("an indicator cannot be one of its own parts"))
        if self.ratio is not None and self.id in (self.ratio.numerator, self.ratio.denominator):
            raise ValueError(Msg("a ratio cannot divide an indicator by itself"))
        if self.targets:
            # The primary target is `target` too, so code reading one target reads it.
            object.__setattr__(self, "target", self.primary_target.value)  # type: ignore[union-attr]
        return self

    @property
    def named_targets(self) -> list[NamedTarget]:
        """Every target with its name, the primary first (target: alone is named 目标)."""
        if self.targets:
            primary = self.primary_target
            return [primary, *(t for t in self.targets if t is not primary)]  # type: ignore[list-item]
        if self.target is not None:
            # Built without validation: the values are valid (this model's own target),
            # and validating would build NamedTarget's validator (deferred) on every
            # start, the bundled report's read from the cache included.
            alone = NamedTarget.model_construct(
                name=DEFAULT_TARGET_NAME[0], value=self.target, primary=True
            )
            return [alone]
        return []

    @property
    def primary_target(self) -> NamedTarget | None:
        """The target the completion rate and pace status use."""
        if not self.targets:
            return self.named_targets[0] if self.target is not None else None
        return next((t for t in self.targets if t.primary), self.targets[0])

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


class IndicatorFile(StrictModel):
    """One `indicators/*.yaml` file."""

    units: list[UnitDeclaration] = Field(
        default_factory=list, description="Units this folder declares (name, base, multiplier)."
    )
    sections: list[Section] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    headers: dict[Text, Identifier] = Field(
        default_factory=dict,
        description="Workbook column headers and the indicator ids they hold, written once: "
        "{失业人员再就业人数: reemployment}. A header equal to an indicator's name or id "
        "needs no entry.",
    )
