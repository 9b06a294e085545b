"""Schedule pace (序时进度): the share of the year elapsed at a date."""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum
from fractions import Fraction


class PaceMethod(StrEnum):
    """How elapsed time is counted."""

    DAYS = "days"  # days elapsed / days in the year (2020-06-30 -> 182/366)
    MONTHS = "months"  # whole months elapsed / 12 (2020-06-30 -> 6/12)


def pace_share(as_of: dt.date, method: PaceMethod = PaceMethod.DAYS) -> Fraction:
    """The share of the calendar year elapsed at the end of `as_of`, from 0 to 1.

    By days the as-of day counts as elapsed. By months only completed months
    count: 2020-06-30 gives 6/12, 2020-06-29 gives 5/12.
    """
    if method is PaceMethod.DAYS:
        days_in_year = 366 if calendar.isleap(as_of.year) else 365
        return Fraction(as_of.timetuple().tm_yday, days_in_year)
    last_day = calendar.monthrange(as_of.year, as_of.month)[1]
    months = as_of.month if as_of.day == last_day else as_of.month - 1
    return Fraction(months, 12)
