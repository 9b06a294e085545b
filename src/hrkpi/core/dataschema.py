"""The schema of a data file (pydantic): figures as printed, their changes, shares,
margins and restatements, and the file itself (source, region, date or period,
rounding), with every check on what it says.

Every model forbids unknown keys; figures stay `Figure`s (literal text kept). A
validated model becomes the plain record of the same name (`plain()`: in
`hrkpi.core.statements` and `hrkpi.core.relations`), which the program computes on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from hrkpi.core import relations, statements
from hrkpi.core.dates import parse_date
from hrkpi.core.fields import (
    RECORDS,
    DateField,
    FigureField,
    Flag,
    Identifier,
    LongText,
    PercentField,
    PeriodField,
    PointsField,
    RequiredText,
    StrictModel,
    Text,
    UnitField,
)
from hrkpi.core.messages import Msg, reason
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.periods import Period
from hrkpi.core.statements import Base, ObsStatus, PaceStatus


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


class Change(StrictModel):
    """A change the report states against a base: 同比, 较上年末, or since a date."""

    base: Base | dt.date = Field(
        description="same_period_last_year, end_of_last_year, or a date such as 2020-02-10."
    )
    abs: FigureField | None = Field(None, description="Absolute change (增加/减少), signed.")
    abs_unit: UnitField | None = Field(None, description="Unit of abs if not the figure's.")
    pct: PercentField | None = Field(None, description="Relative change in % (增长/下降), signed.")
    pp: PointsField | None = Field(None, description="Change of a rate, in 个百分点, signed.")
    previous: FigureField | None = Field(None, description="The base value, if stated.")
    comparable: Flag = Field(
        False,
        description="按可比口径计算: the rate comes from revised, comparable figures, not "
        "from the base figure another report printed; it is not linked to that figure.",
    )

    @field_validator("base", mode="before")
    @classmethod
    def _base(cls, value: Any) -> Any:
        # A named base, or a date by the one date rule (pydantic alone would take
        # 1593475200 as a Unix time); the union then takes either as it is.
        if isinstance(value, str) and value.strip() in Base._value2member_map_:
            return value.strip()
        if isinstance(value, Base):
            return value
        try:
            return parse_date(value)
        except ValueError as exc:
            raise ValueError(
                Msg(
                    "base is same_period_last_year (同比), end_of_last_year (比上年末) "
                    "or a date; {why}",
                    why=reason(exc),
                )
            ) from None

    @model_validator(mode="after")
    def _something_stated(self) -> Change:
        if all(v is None for v in (self.abs, self.pct, self.pp, self.previous)):
            raise ValueError(Msg("a change states at least one of abs, pct, pp or previous"))
        return self


class StatedFigure(StrictModel):
    """What a report states about one indicator."""

    value: FigureField | None = Field(
        None, description="The stated value; may be left out when only a change is stated."
    )
    unit: UnitField | None = Field(None, description="Unit of value if not the indicator's.")
    as_of: DateField | None = Field(None, description="If not the file's as-of date.")
    period: PeriodField | None = Field(None, description="If not the file's period.")
    completion: PercentField | None = Field(None, description="Stated completion rate, in %.")
    changes: list[Change] = Field(default_factory=list)
    shares: list[Share] = Field(
        default_factory=list, description="占…的X%: the figure as a share of a total."
    )
    margins: list[Margin] = Field(
        default_factory=list, description="低于控制目标0.6个百分点: distances to a limit."
    )
    restated: list[Restated] = Field(
        default_factory=list,
        description="The same figure printed again in the report (3.2亿人 and 32135万人).",
    )
    meets_threshold: Flag | None = Field(
        None, description="The report says the figure is within its limit (在4%以内)."
    )
    pace_status: PaceStatus | None = None
    status: ObsStatus = ObsStatus.NORMAL
    quote: LongText | None = Field(None, description="The sentence of the report.")
    location: Text | None = Field(None, description="Where it stands: 一、(一)1 第1段.")
    note: LongText | None = None

    @model_validator(mode="after")
    def _value_or_change(self) -> StatedFigure:
        if self.value is None and not self.changes and not self.shares:
            raise ValueError(Msg("state a value, or at least one change or share, for this figure"))
        if self.value is None:
            for key in ("completion", "margins", "restated"):
                if getattr(self, key):
                    raise ValueError(
                        Msg("{key} needs the value it is stated about; add value:", key=key)
                    )
        if self.as_of is not None and self.period is not None:
            _within(self.as_of, self.period)
        return self

    @property
    def date(self) -> dt.date | None:
        """The date the figure stands at, if it gives one (its as_of, else its period's end)."""
        return self.as_of or (self.period.end if self.period is not None else None)


def _within(as_of: dt.date, period: Period) -> None:
    if not period.start <= as_of <= period.end:
        raise ValueError(
            Msg(
                "as_of {as_of} lies outside the period {period} ({start} to {end}); "
                "correct one of them",
                as_of=as_of.isoformat(),
                period=period.code,
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            )
        )


class DataFile(StrictModel):
    """One `data/*.yaml` file: figures stated by one source for one region."""

    source: RequiredText = Field(description="The report's title.")
    publisher: Text | None = None
    url: Text | None = None
    region: RequiredText
    period: PeriodField | None = Field(
        None, description="The published period: 2020-01/06 (1-6月), 2020-H1, 2020 ..."
    )
    as_of: DateField | None = Field(
        None,
        validate_default=True,
        description="The date the figures stand at (截至); default: the period's end.",
    )
    published: DateField | None = None
    rounding: RoundingMode = Field(
        RoundingMode.HALF_EVEN, description="How the source rounds: half_even (GB/T 8170) ..."
    )
    figures: dict[Identifier, StatedFigure]

    @field_validator("as_of")
    @classmethod
    def _a_date(cls, as_of: dt.date | None, info: ValidationInfo) -> dt.date | None:
        # Said at the field, so it is reported with every other problem of the file.
        # (A period given but malformed is reported at the period, not here.)
        if as_of is None and "period" in info.data and info.data["period"] is None:
            raise ValueError(
                Msg(
                    "missing required key 'as_of': the date the figures stand at "
                    "(as_of: 2020-06-30), or give the published period (period: 2020-01/06)"
                )
            )
        return as_of

    @model_validator(mode="after")
    def _dated(self) -> DataFile:
        if self.as_of is not None and self.period is not None:
            _within(self.as_of, self.period)
        if self.published is not None and self.published < self.date:
            raise ValueError(
                Msg(
                    "published {published} is before the figures' date {date}: a report "
                    "cannot be published before the date its figures stand at; check both dates",
                    published=self.published.isoformat(),
                    date=self.date.isoformat(),
                )
            )
        return self

    @property
    def date(self) -> dt.date:
        """The date the file's figures stand at: as_of, else the period's end."""
        if self.as_of is not None:
            return self.as_of
        assert self.period is not None
        return self.period.end


RECORDS.update(
    {
        Share: relations.Share,
        Margin: relations.Margin,
        Restated: relations.Restated,
        Change: statements.Change,
        StatedFigure: statements.StatedFigure,
    }
)
