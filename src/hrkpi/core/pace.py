"""Schedule pace (序时进度): the share of the year elapsed at a date."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction

from hrkpi.core.errors import UsageError
from hrkpi.core.messages import Msg

# Percentage points either side of pace that count as 达进度: 0 to the whole year,
# to a millionth of a point. The bounds are checked on the decimal's digits and
# exponent before any Fraction is built, so 1e999999999 is refused at once
# instead of building a billion-digit integer.
MAX_TOLERANCE = Fraction(100)
TOLERANCE_DECIMALS = 6


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


def pace_tolerance(value: str | int | Decimal | Fraction) -> Fraction:
    """The pace tolerance (percentage points) as a Fraction, from 0 to 100.

    Text is read as a decimal ("1", "0.5"); infinities, NaN, negatives, more than
    100 points or more than 6 decimals raise UsageError naming the value.
    """
    shown = str(value)
    if len(shown) > 40:
        shown = shown[:20] + "..." + shown[-10:]
    wrong = UsageError(
        Msg(
            "pace tolerance {value!r} is not a number of percentage points from 0 to {limit} "
            "with at most {decimals} decimals; write e.g. 1 or 0.5",
            value=shown,
            limit=MAX_TOLERANCE,
            decimals=TOLERANCE_DECIMALS,
        )
    )
    if isinstance(value, Fraction):
        exact = value
    else:
        try:
            number = Decimal(value.strip() if isinstance(value, str) else value)
        except (InvalidOperation, ValueError, TypeError):
            raise wrong from None
        if not number.is_finite():
            raise wrong
        if number.is_zero():
            number = Decimal(0)  # 0E+999999999 is zero, without its exponent
        _, digits, exponent = number.as_tuple()
        assert isinstance(exponent, int)  # a finite decimal's exponent
        zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        if exponent + zeros < -TOLERANCE_DECIMALS or exponent + len(digits) > 3:
            raise wrong  # too fine, or 1000 or more: refused before it is scaled
        exact = Fraction(number)
    if not 0 <= exact <= MAX_TOLERANCE:
        raise wrong
    return exact
