"""The relations a report states between figures, beyond a figure's own changes, as
plain records: a share of a total (占…的X%), a margin to a limit (低于控制目标0.6个
百分点), the same figure printed again (3.2亿人 / 32135万人), a ratio indicator
(求人倍率 = 岗位数 ÷ 求职人数).

Their YAML forms, and every check on them, are pydantic schemas in
`hrkpi.core.dataschema` and `hrkpi.core.indicatorschema`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from hrkpi.core.numbers import Figure
from hrkpi.core.records import Record
from hrkpi.core.units import Unit


@dataclass(frozen=True, kw_only=True)
class Share(Record):
    """占…的X%: the figure as a share of a total, in %: of another indicator (占全部从业
    人员的9.5%), or of the same indicator in another region (占全省的12.3%)."""

    SCHEMA = "hrkpi.core.dataschema"
    of: str | None = None
    region: str | None = None
    pct: Figure

    def total(self, indicator: str, region: str) -> tuple[str, str]:
        """The (region, indicator) of the total, for a figure of `indicator` in `region`."""
        return self.region or region, self.of or indicator


@dataclass(frozen=True, kw_only=True)
class Margin(Record):
    """低于4.0%的控制目标0.6个百分点, 比目标低1.2个百分点, 超额完成0.22万人: how far the
    figure stands below or above a limit (or the annual target)."""

    SCHEMA = "hrkpi.core.dataschema"
    below: Figure | None = None
    above: Figure | None = None
    limit: Figure | None = None
    unit: Unit | None = None
    label: str | None = None
    against: Literal["limit", "pace"] = "limit"


@dataclass(frozen=True, kw_only=True)
class Restated(Record):
    """The same figure printed again in the document, at another precision or unit."""

    SCHEMA = "hrkpi.core.dataschema"
    value: Figure
    unit: Unit | None = None
    quote: str | None = None
    location: str | None = None


@dataclass(frozen=True, kw_only=True)
class Ratio(Record):
    """An indicator that is one indicator divided by another: 求人倍率 (倍), 性别比 (per
    100), 人均 (元/人), a share in %, a rate in ‰."""

    SCHEMA = "hrkpi.core.indicatorschema"
    numerator: str
    denominator: str
    per: Figure | None = None


def power_of_ten(value: Decimal) -> int | None:
    """n where value == 10**n, else None."""
    digits = value.normalize().as_tuple()
    if digits.digits != (1,) or not isinstance(digits.exponent, int):
        return None
    return digits.exponent
