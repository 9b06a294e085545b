"""The schema of an indicators file (pydantic): indicator definitions, sections,
targets, limits, ratios and declared units, with every check on what they say.

Every model forbids unknown keys, so a misspelt key is an error at its line,
not a silently ignored setting. Figures stay `Figure`s (literal text kept);
units are `Unit`s. A validated model becomes the plain record of the same name
(`plain()`: in `hrkpi.core.models`), which the program computes on.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from hrkpi.core import models, relations
from hrkpi.core.fields import (
    RECORDS,
    FigureField,
    Flag,
    Identifier,
    LongText,
    RequiredText,
    StrictModel,
    Text,
    UnitField,
)
from hrkpi.core.messages import Msg
from hrkpi.core.models import (
    THRESHOLD_WORDS,
    CompareMethod,
    Direction,
    Level,
    Measure,
    ThresholdKind,
)
from hrkpi.core.relations import power_of_ten


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


class Ratio(StrictModel):
    """An indicator that is one indicator divided by another: 求人倍率 (倍), 性别比 (per
    100), 人均 (元/人), a share in %, a rate in ‰."""

    numerator: Identifier
    denominator: Identifier
    per: FigureField | None = Field(
        None,
        description="The ratio is numerator / denominator x per: default 100 for %, "
        "1000 for ‰, else 1 (性别比: 100).",
    )

    @model_validator(mode="after")
    def _positive(self) -> Ratio:
        if self.per is not None and self.per.value <= 0:
            raise ValueError(Msg("per {per!r} must be greater than zero", per=self.per.literal))
        if self.numerator == self.denominator:
            raise ValueError(Msg("a ratio needs two different indicators"))
        return self


class UnitDeclaration(StrictModel):
    """A unit the indicators folder declares: name = multiplier x base."""

    name: str = Field(min_length=1, max_length=20, description="As reports write it: 千人.")
    name_en: Text | None = None
    base: str = Field(
        min_length=1,
        description="A built-in base unit (人, 件, 元 ...), a unit declared above, or the "
        "name itself to declare a new base.",
    )
    multiplier: FigureField = Field(
        description="How many base units one of it holds: a power of ten (1, 10, 1000, 10000)."
    )
    integer: Flag | None = Field(
        None, description="Whole numbers of the base (counts); default: as its base."
    )

    @model_validator(mode="after")
    def _power_of_ten(self) -> UnitDeclaration:
        if self.multiplier.approx is not None or self.multiplier.value <= 0:
            raise ValueError(
                Msg(
                    "multiplier {multiplier!r} must be greater than zero: "
                    "a power of ten such as 1, 10, 1000 or 10000",
                    multiplier=self.multiplier.literal,
                )
            )
        if power_of_ten(self.multiplier.value) is None:
            raise ValueError(
                Msg(
                    "multiplier {multiplier!r} is not a power of ten; units here differ by "
                    "powers of ten (1, 10, 100, 1000, 10000, 0.1 ...), as SDMX's UNIT_MULT",
                    multiplier=self.multiplier.literal,
                )
            )
        return self

    @property
    def power(self) -> int:
        """The multiplier's power of ten."""
        power = power_of_ten(self.multiplier.value)
        assert power is not None
        return power


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
        targets = [t.plain() for t in self.targets]
        named = models.named_targets(self.target, targets)
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
            object.__setattr__(self, "target", models.primary_of(targets).value)
        return self


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


RECORDS.update(
    {
        Threshold: models.Threshold,
        Section: models.Section,
        NamedTarget: models.NamedTarget,
        Ratio: relations.Ratio,
        Indicator: models.Indicator,
    }
)
