"""The YAML forms of relations a report states between figures, beyond a figure's
own changes: a share of a total (占…的X%), a margin to a limit (低于控制目标0.6个
百分点), the same figure printed again (3.2亿人 / 32135万人), a ratio indicator
(求人倍率 = 岗位数 ÷ 求职人数), and units an indicators folder declares.

Each model forbids unknown keys, like every input model; ids of other indicators
are checked by the loader, which knows the catalog.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from hrkpi.core.fields import FigureField, Flag, Identifier, LongText, StrictModel, Text, UnitField
from hrkpi.core.messages import Msg


class Share(StrictModel):
    """占…的X%: the figure as a share of a total, in %: of another indicator (占全部从业
    人员的9.5%), or of the same indicator in another region (占全省的12.3%)."""

    of: Identifier | None = Field(
        None, description="The id of the total's indicator (default: the figure's own)."
    )
    region: Text | None = Field(
        None, description="The total's region, when not the figure's (占全省: 福建省)."
    )
    pct: FigureField = Field(description="The stated share, in %: 40.4 for 占40.4%.")

    @model_validator(mode="after")
    def _a_share(self) -> Share:
        if self.of is None and self.region is None:
            raise ValueError(
                Msg(
                    "name the total: of: (its indicator id) or region: (the same indicator "
                    "in a larger region, 占全省的…)"
                )
            )
        if self.pct.value < 0:
            raise ValueError(
                Msg("a share cannot be negative ({literal}%)", literal=self.pct.literal)
            )
        return self

    def total(self, indicator: str, region: str) -> tuple[str, str]:
        """The (region, indicator) of the total, for a figure of `indicator` in `region`."""
        return self.region or region, self.of or indicator


class Margin(StrictModel):
    """低于4.0%的控制目标0.6个百分点, 比目标低1.2个百分点, 超额完成0.22万人: how far the
    figure stands below or above a limit (or the annual target)."""

    below: FigureField | None = Field(
        None, description="低于, 比…低, 少: the distance below the limit, as a magnitude."
    )
    above: FigureField | None = Field(
        None, description="高于, 超过, 超出, 比…高, 多: the distance above, as a magnitude."
    )
    limit: FigureField | None = Field(
        None,
        description="The limit as printed, in the figure's unit; leave it out when the "
        "report does not print it (the definition's threshold or target is used).",
    )
    unit: UnitField | None = Field(
        None,
        description="Unit of the distance: default 个百分点 for a rate in %, else the "
        "figure's own unit.",
    )
    label: Text | None = Field(
        None, description="Which limit, when the definition has several: its label (控制目标)."
    )
    against: Literal["limit", "pace"] = Field(
        "limit",
        description="pace: the completion rate's distance to schedule pace (超序时进度12.3个"
        "百分点), in points; limit (default): the value's distance to a limit or target.",
    )

    @model_validator(mode="after")
    def _one_side(self) -> Margin:
        if self.against == "pace" and (self.limit is not None or self.label is not None):
            raise ValueError(
                Msg(
                    "a distance to schedule pace has no limit or label: the pace is worked out "
                    "from the date; leave out limit: and label:"
                )
            )
        if (self.below is None) == (self.above is None):
            raise ValueError(
                Msg("give the distance as below: (低于, 比…低) or above: (高于, 超过), one of them")
            )
        by = self.below if self.below is not None else self.above
        assert by is not None
        if by.value < 0:
            raise ValueError(
                Msg(
                    "write the distance as printed, without a sign ({literal}); "
                    "below: or above: says the direction",
                    literal=by.literal,
                )
            )
        return self


class Restated(StrictModel):
    """The same figure printed again in the document, at another precision or unit."""

    value: FigureField = Field(description="The figure as printed again: 3.2 for 3.2亿人.")
    unit: UnitField | None = Field(None, description="Its unit, when not the figure's.")
    quote: LongText | None = None
    location: Text | None = None


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


def power_of_ten(value: Decimal) -> int | None:
    """n where value == 10**n, else None."""
    digits = value.normalize().as_tuple()
    if digits.digits != (1,) or not isinstance(digits.exponent, int):
        return None
    return digits.exponent
