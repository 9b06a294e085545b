"""Periods as statistical releases publish them.

Monthly series come in two shapes: cumulative from January (累计, "1-6月") and
single month (当月, "6月"). January is usually not released on its own: the
first release of the year is the combined January-February figure ("1-2月").
Quarters (一季度 ... 四季度), half-years (上半年, 下半年) and years (全年) are
the other common periods.

A period is written in the data as one of (ISO-like, or as the report does):

    2020-06        当月: June 2020 alone          2020年6月
    2020-01/06     累计: January to June 2020     2020年1-6月
    2020-Q2        a quarter                      2020年二季度
    2020-H1        a half-year                    2020年上半年
    2020           a year                         2020年, 2020年全年

A period that starts in January (累计 1-N月, 一季度, 上半年, 全年) is
year-to-date: a flow's value for it is compared with the annual target.
Year on year compares a period with the same period of the previous year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from hrkpi.core.dates import check_year
from hrkpi.core.messages import Msg, reason


class PeriodKind(StrEnum):
    """How a period is published."""

    MONTH = "month"  # 当月: one month
    CUMULATIVE = "cumulative"  # 累计: January to a month (1-2月 is the combined release)
    QUARTER = "quarter"
    HALF = "half"  # 上半年 / 下半年
    YEAR = "year"


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
_ISO = re.compile(
    r"^(?P<y>\d{4})(?:"
    r"-(?P<m>\d{1,2})"
    r"|-(?P<m1>\d{1,2})/(?:(?P<y2>\d{4})-)?(?P<m2>\d{1,2})"
    r"|-Q(?P<q>[1-4])"
    r"|-[HS](?P<h>[12])"
    r"|(?:-(?P<a>A|Y))?"
    r")$",
    re.IGNORECASE,
)
_CN = re.compile(
    r"^(?P<y>\d{4})年(?:"
    r"(?P<m>\d{1,2})月(?:份)?"
    r"|(?P<m1>\d{1,2})[-－—~至](?P<m2>\d{1,2})月(?:份)?(?:累计)?"
    r"|(?:第)?(?P<q>[一二三四1-4])季度"
    r"|(?P<h>上|下)半年"
    r"|(?P<a>全年|度)?"
    r")$"
)


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole months within one year, with how it is published."""

    year: int
    first: int  # first month, 1-12
    last: int  # last month, 1-12
    kind: PeriodKind

    def __post_init__(self) -> None:
        if not (1 <= self.first <= self.last <= 12):
            raise ValueError(
                Msg(
                    "months {first}-{last} are not a span within one year",
                    first=self.first,
                    last=self.last,
                )
            )

    @property
    def ytd(self) -> bool:
        """True when the period runs from January (a flow's year-to-date value)."""
        return self.first == 1

    @property
    def months(self) -> int:
        """How many months the period covers."""
        return self.last - self.first + 1

    @property
    def end(self) -> dt.date:
        """The last day of the period: the as-of date of a figure for it."""
        return dt.date(self.year, self.last, calendar.monthrange(self.year, self.last)[1])

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self.first, 1)

    def same_period_last_year(self) -> Period:
        """The period a year-on-year change (同比) compares with."""
        return Period(self.year - 1, self.first, self.last, self.kind)

    @property
    def code(self) -> str:
        """The canonical written form: 2020-06, 2020-01/06, 2020-Q2, 2020-H1, 2020."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.last:02d}"
        if self.kind is PeriodKind.CUMULATIVE:
            return f"{self.year}-{self.first:02d}/{self.last:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.last // 3}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}-H{self.last // 6}"
        return f"{self.year}"

    @property
    def label_zh(self) -> str:
        """As a Chinese report writes it: 2020年1-6月, 2020年6月, 2020年二季度."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}年{self.last}月"
        if self.kind is PeriodKind.CUMULATIVE:
            return f"{self.year}年{self.first}-{self.last}月"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年{'一二三四'[self.last // 3 - 1]}季度"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}年{'上下'[self.last // 6 - 1]}半年"
        return f"{self.year}年"

    def __str__(self) -> str:
        return self.code


@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Parse a period as written in data ("2020-01/06", "2020年1-6月", "2020-Q2", ...).

    Raises ValueError with a message a user can act on.
    """
    # Cached: a dataset states a few dozen periods on thousands of rows (a Period is
    # frozen; a refusal raises, and is not cached).
    literal = "".join(str(text).split())
    match = _ISO.match(literal) or _CN.match(literal)
    if not match:
        raise ValueError(
            Msg(
                "{text!r} is not a period; write 2020-06 (one month), 2020-01/06 (January to "
                "June), 2020-Q2, 2020-H1 or 2020 (or as a report does: 2020年1-6月)",
                text=text,
            )
        )
    g = match.groupdict()
    year = int(g["y"])
    check_year(year, str(text))
    try:
        if g.get("m"):
            month = int(g["m"])
            return Period(year, month, month, PeriodKind.MONTH)
        if g.get("m1"):
            if g.get("y2") and int(g["y2"]) != year:
                raise ValueError(Msg("a period stays within one year"))
            first, last = int(g["m1"]), int(g["m2"])
            if first != 1:
                # Only January-to-month spans are published as cumulative series.
                raise ValueError(
                    Msg(
                        "a cumulative period starts in January, not in month {first}",
                        first=first,
                    )
                )
            return Period(year, first, last, PeriodKind.CUMULATIVE)
        if g.get("q"):
            q = _CN_DIGITS.get(g["q"]) or int(g["q"])
            return Period(year, 3 * q - 2, 3 * q, PeriodKind.QUARTER)
        if g.get("h"):
            half = {"上": 1, "下": 2}.get(g["h"]) or int(g["h"])
            return Period(year, 6 * half - 5, 6 * half, PeriodKind.HALF)
    except ValueError as exc:
        raise ValueError(
            Msg("{text!r} is not a valid period: {why}", text=text, why=reason(exc))
        ) from None
    return Period(year, 1, 12, PeriodKind.YEAR)


def period_from_date(as_of: dt.date, kind: PeriodKind = PeriodKind.CUMULATIVE) -> Period:
    """The month-end period ending at `as_of` (year to date by default)."""
    first = 1 if kind is PeriodKind.CUMULATIVE else as_of.month
    return Period(as_of.year, first, as_of.month, kind)
