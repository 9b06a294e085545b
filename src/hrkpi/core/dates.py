"""Dates as a report writes them: 2020-06-30 or 2020年6月30日, and nothing else.

One parser for every reader and both engines. Python's `date.fromisoformat`
also takes 20200630 and 2020-W22-7, and pydantic takes 0 and 1593475200 as
Unix times: a figure "as of 1970-01-01" is never what an analyst meant, so
only the two written forms are dates here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from hrkpi.core.limits import MAX_YEAR, MIN_YEAR
from hrkpi.core.messages import Msg

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_DIGITS = re.compile(r"^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$")


def parse_date(value: Any) -> dt.date:
    """A date from its written form; ValueError with the fix otherwise."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time() or value.tzinfo is not None:
            raise ValueError(
                Msg("{text!r} has a time of day; give the date alone", text=value.isoformat())
            )
        value = value.date()
    if isinstance(value, dt.date):
        check_year(value.year, value.isoformat())
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(
            Msg(
                "a date is written YYYY-MM-DD (2020-06-30) or 2020年6月30日, not {kind}",
                kind=type(value).__name__,
            )
        )
    text = str(value).strip()
    match = _ISO.match(text) or _CN.match(text)
    if match is None:
        raise ValueError(_not_a_date(text))
    year, month, day = (int(g) for g in match.groups())
    check_year(year, text)
    if not 1 <= month <= 12:
        raise ValueError(
            Msg("{text!r} is not a date: there is no month {month}", text=text, month=month)
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            Msg(
                "{text!r} is not a date: {year}-{month:02d} has {last} days",
                text=text,
                year=year,
                month=month,
                last=last,
            )
        )
    return dt.date(year, month, day)


def check_year(year: int, text: str) -> None:
    """ValueError naming the limits when `year` lies outside them."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            Msg(
                "{text!r}: the year {year:04d} is outside {low}-{high} "
                "(limits MIN_YEAR, MAX_YEAR); check the year",
                text=text,
                year=year,
                low=MIN_YEAR,
                high=MAX_YEAR,
            )
        )


def _not_a_date(text: str) -> Msg:
    shown = text if len(text) <= 40 else text[:40] + "..."
    timed = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]\d", text)
    if timed:
        return Msg(
            "{text!r} has a time of day; write the date alone: {date}",
            text=shown,
            date=timed.group(1),
        )
    digits = _DIGITS.match(text)
    if digits:
        y, m, d = (int(g) for g in digits.groups())
        if 1 <= m <= 12 and 1 <= d <= 31:
            return Msg(
                "{text!r} is not written as a date; write {date}",
                text=shown,
                date=f"{y:04d}-{m:02d}-{d:02d}",
            )
    if text.isdigit():
        return Msg(
            "{text!r} is a number, not a date; write the date as YYYY-MM-DD (2020-06-30) "
            "or 2020年6月30日",
            text=shown,
        )
    return Msg(
        "{text!r} is not a date; write it as YYYY-MM-DD (2020-06-30) or 2020年6月30日",
        text=shown,
    )
